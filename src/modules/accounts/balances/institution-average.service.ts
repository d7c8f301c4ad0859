// ACC-3 daily averages per institution (机构日均). Each business day, after the accounts' running
// totals are advanced, one pass sums them per institution, category and currency into
// institution_average. The institution's average for a period = the sum of its accounts' period
// sums ÷ the calendar days of the period to date: an account not yet open counts 0 on those days,
// which is how a branch's 日均 is reckoned (its average balance over the period, not the average
// of its accounts' averages). A subtree (a branch with its sub-branches) adds its institutions up.
import { sql } from 'kysely';
import type { Database, Executor, Tx } from '../../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import { institutionInScope } from '../../org/scope.ts';
import { forbidden, invalid, notFound } from '../../../common/http/errors.ts';
import { CATEGORY_OF_KIND, fromFen, toFen } from './daily-average.service.ts';
import { isBusinessDate, PERIOD_KINDS } from './balance.service.ts';
import { periodToDate } from './average-sql.ts';

// The same kind → category mapping as the customer figures, written once (CATEGORY_OF_KIND).
const CATEGORY_SQL = sql`(case r.kind ${sql.join(Object.entries(CATEGORY_OF_KIND).map(([k, c]) => sql`when ${k} then ${c}`), sql` `)} end)`;

/**
 * Recomputes the day's institution rows (a reload replaces them): one scan of account_average,
 * whose rows carry their account's institution, kind, currency and dates (migration 0014).
 */
export async function updateInstitutionAverages(tx: Tx, d: string): Promise<{ rows: number }> {
  await sql`delete from institution_average where business_date = ${d}::date`.execute(tx);
  const m = periodToDate('month', d, 'r'); const q = periodToDate('quarter', d, 'r'); const y = periodToDate('year', d, 'r');
  const open = sql`(r.opened_on <= ${d}::date and (r.closed_on is null or r.closed_on >= ${d}::date))`;
  const res = await sql`
    insert into institution_average (business_date, institution_id, category, currency, accounts, balance, month_sum, quarter_sum, year_sum)
    select ${d}::date, r.institution_id, ${CATEGORY_SQL}, r.currency,
      count(*) filter (where ${open}), coalesce(sum(r.last_balance) filter (where ${open}), 0),
      sum(${m.sum}), sum(${q.sum}), sum(${y.sum})
    from account_average r
    where r.through_date <= ${d}::date
    group by r.institution_id, 3, r.currency`.execute(tx);
  return { rows: Number(res.numAffectedRows ?? 0) };
}

/** The first day of the month, quarter or year that `d` falls in, YYYY-MM-DD. */
const periodStart = (d: string, kind: 'month' | 'quarter' | 'year') => {
  const [yy, mm] = d.split('-').map(Number) as [number, number];
  const startMonth = kind === 'month' ? mm : kind === 'quarter' ? Math.floor((mm - 1) / 3) * 3 + 1 : 1;
  return `${yy}-${String(startMonth).padStart(2, '0')}-01`;
};
/** Calendar days from the period's start through `d`. */
const days = (d: string, kind: 'month' | 'quarter' | 'year') =>
  Math.round((Date.parse(`${d}T00:00:00Z`) - Date.parse(`${periodStart(d, kind)}T00:00:00Z`)) / 86_400_000) + 1;

/** Half-up division of fen by a day count, as text yuan. */
function average(sumYuan: string, n: number): string {
  const fen = toFen(sumYuan); const neg = fen < 0n; const abs = neg ? -fen : fen;
  const q = (abs * 2n + BigInt(n)) / (2n * BigInt(n));
  return fromFen(neg ? -q : q);
}

/**
 * An institution's (with its subtree's) balances and month/quarter/year-to-date averages per
 * category and currency, as of a loaded business date (default: the latest). 404 outside scope.
 */
export async function institutionAverages(db: Database | Executor, actor: Actor, institutionId: number, asOf?: string) {
  if (asOf !== undefined && !isBusinessDate(asOf)) throw invalid({ path: 'asOf', code: 'accounts.field_invalid' });
  // An institution's figure over few accounts is those customers' balances: not for managers who
  // may see only their own customers ('own' data scope).
  if (actor.dataScope === 'own') throw forbidden('report.read');
  const inst = await db.selectFrom('institution').select(['id', 'path']).where('id', '=', institutionId).where(institutionInScope(actor, 'id')).executeTakeFirst();
  if (!inst) throw notFound('institution');
  // The latest loaded day on or before asOf (a Sunday without a feed answers with Saturday's figures).
  let latest = db.selectFrom('institution_average').select((eb) => eb.fn.max('business_date').as('d'));
  if (asOf) latest = latest.where('business_date', '<=', asOf);
  const date = ((await latest.executeTakeFirst())?.d as string | null | undefined) ?? null;
  if (!date) return { institutionId, asOf: null, items: [] };
  const rows = await sql<{ category: string; currency: string; accounts: number; balance: string; month_sum: string; quarter_sum: string; year_sum: string }>`
    select v.category, v.currency, sum(v.accounts)::int8 as accounts, sum(v.balance)::text as balance,
      sum(v.month_sum)::text as month_sum, sum(v.quarter_sum)::text as quarter_sum, sum(v.year_sum)::text as year_sum
    from institution_average v join institution i on i.id = v.institution_id
    where v.business_date = ${date}::date and i.path like ${`${inst.path}%`}
    group by v.category, v.currency order by v.category, v.currency`.execute(db);
  // Periods begun before the CRM's first feed day count the days before it at zero unless the
  // go-live day carried an opening position (feed-format.md § opening): such figures are marked.
  const first = (await sql<{ day: string | null; opening: boolean }>`
    select (select min(business_date)::text from feed_run where status = 'loaded') as day, exists (select 1 from account_opening_position) as opening`.execute(db)).rows[0]!;
  const partial = first.day && !first.opening ? PERIOD_KINDS.filter((k) => periodStart(date, k) < first.day!) : [];
  return {
    institutionId, asOf: date, partial,
    items: rows.rows.map((r) => ({
      category: r.category, currency: r.currency, accounts: Number(r.accounts), balance: r.balance,
      ...Object.fromEntries(PERIOD_KINDS.map((k) => [k, average(r[`${k}_sum`], days(date, k))])),
    })),
  };
}
