// ACC-3 daily balances: one business day of end-of-day balances in, snapshots stored in the
// month's partition, and the month-, quarter- and year-to-date running totals advanced by that day.
// The rule is in docs/daily-averages.md. Everything is set-based: one statement per period kind,
// whatever the number of accounts, and no period is ever rescanned.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { AveragePeriodKind } from '../../db/schema.ts';
import { invalid, type FieldError } from '../../server/errors.ts';

export const PERIOD_KINDS: readonly AveragePeriodKind[] = ['month', 'quarter', 'year'];
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// numeric(18,2): up to 16 integer digits and 2 decimals, yuan.
const MONEY_RE = /^-?\d{1,16}(\.\d{1,2})?$/;

export interface DayBalance { accountId: number; balance: string }

/** A real calendar date as 'YYYY-MM-DD' (rejects 2027-02-29), checked without time zones. */
export function isBusinessDate(v: unknown): v is string {
  if (typeof v !== 'string' || !DATE_RE.test(v)) return false;
  const [y, m, d] = v.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d && y >= 1900;
}

function validate(businessDate: unknown, balances: unknown): DayBalance[] {
  const errors: FieldError[] = [];
  if (!isBusinessDate(businessDate)) errors.push({ path: 'businessDate', code: 'accounts.field_invalid' });
  if (!Array.isArray(balances)) throw invalid(...errors, { path: 'balances', code: 'accounts.field_invalid' });
  const seen = new Map<number, number>();
  const rows: DayBalance[] = [];
  balances.forEach((row: unknown, i) => {
    const r = (row ?? {}) as { accountId?: unknown; balance?: unknown };
    if (typeof row !== 'object' || row === null) { errors.push({ path: `balances.${i}`, code: 'accounts.field_invalid' }); return; }
    const id = r.accountId;
    // Amounts arrive as text so no fen is lost; a JS number is accepted only if it prints exactly.
    const bal = typeof r.balance === 'number' && Number.isFinite(r.balance) ? String(r.balance) : r.balance;
    let ok = true;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) { errors.push({ path: `balances.${i}.accountId`, code: 'accounts.field_invalid' }); ok = false; }
    if (typeof bal !== 'string' || !MONEY_RE.test(bal)) { errors.push({ path: `balances.${i}.balance`, code: 'accounts.money_format' }); ok = false; }
    if (!ok) return;
    const first = seen.get(id as number);
    if (first !== undefined) { errors.push({ path: `balances.${i}.accountId`, code: 'accounts.duplicate_in_batch', params: { row: first + 1 } }); return; }
    seen.set(id as number, i);
    rows.push({ accountId: id as number, balance: bal as string });
  });
  if (errors.length) throw invalid(...errors);
  return rows;
}

/**
 * Loads one business day. All-or-nothing: run it inside the caller's transaction (the feed's).
 * Re-applying a date replaces the named accounts' snapshots for that date; the running totals
 * swap the old day's balance for the new one (sum − old + new, days unchanged), which is exact
 * because that day is always the last one counted — a date older than an account's totals
 * (a later day already applied) is refused rather than silently rescanning the period.
 */
export async function applyBusinessDay(tx: Tx, businessDate: string, balances: unknown): Promise<{ accounts: number }> {
  const rows = validate(businessDate, balances);
  if (rows.length === 0) return { accounts: 0 };
  const payload = JSON.stringify(rows.map((r) => ({ account_id: r.accountId, balance: r.balance })));
  const day = sql`jsonb_to_recordset(${payload}::jsonb) as x(account_id bigint, balance numeric)`;

  // Every rejected row is reported: unknown accounts, days before opening, days already superseded.
  const bad = await sql<{ account_id: number; reason: string }>`
    select x.account_id, case when a.id is null then 'unknown' when a.opened_on > ${businessDate}::date then 'before_opening' else 'superseded' end as reason
    from ${day} left join account a on a.id = x.account_id
    where a.id is null or a.opened_on > ${businessDate}::date
       or exists (select 1 from account_average v where v.account_id = x.account_id and v.through_date > ${businessDate}::date)`.execute(tx);
  if (bad.rows.length) {
    const index = new Map(rows.map((r, i) => [r.accountId, i]));
    throw invalid(...bad.rows.map((b) => ({ path: b.reason === 'unknown' ? `balances.${index.get(Number(b.account_id))}.accountId` : 'businessDate',
      code: 'accounts.field_invalid', params: { accountId: Number(b.account_id), reason: b.reason } })));
  }

  await sql`select account_balance_partition(${businessDate}::date)`.execute(tx);
  await sql`
    insert into account_balance (business_date, account_id, customer_id, balance)
    select ${businessDate}::date, x.account_id, a.customer_id, x.balance from ${day} join account a on a.id = x.account_id
    on conflict (account_id, business_date) do update set balance = excluded.balance, customer_id = excluded.customer_id`.execute(tx);
  for (const kind of PERIOD_KINDS) await advancePeriod(tx, kind, businessDate);
  return { accounts: rows.length };
}

/**
 * One statement per period kind for all of the day's accounts. For each account:
 *  - first_day: the first day not yet counted in this period (the day after through_date, or the
 *    period start / opening date when the period has no row yet);
 *  - gap: days from first_day to the day before the business date, capped at the closing date,
 *    each counted at the carried balance (this period's last balance, else the previous period's,
 *    else 0 — nothing recorded before the first snapshot);
 *  - today: 1 unless the account closed before the business date.
 */
async function advancePeriod(tx: Tx, kind: AveragePeriodKind, d: string) {
  await sql`
    insert into account_average (account_id, period_kind, period_start, through_date, balance_sum, days, last_balance)
    select b.account_id, ${kind}, p.start,
      greatest(p.start, least(${d}::date, coalesce(a.closed_on, ${d}::date))),
      case when r.through_date = ${d}::date and g.today = 1 then r.balance_sum - r.last_balance + b.balance
           else coalesce(r.balance_sum, 0) + coalesce(r.last_balance, prev.last_balance, 0) * g.gap + b.balance * g.today end,
      case when r.through_date = ${d}::date and g.today = 1 then r.days else coalesce(r.days, 0) + g.gap + g.today end,
      b.balance
    from account_balance b
    join account a on a.id = b.account_id
    cross join (select date_trunc(${kind}, ${d}::date)::date as start) p
    left join account_average r on r.account_id = b.account_id and r.period_kind = ${kind} and r.period_start = p.start
    left join lateral (select q.last_balance from account_average q
      where q.account_id = b.account_id and q.period_kind = ${kind} and q.period_start < p.start
      order by q.period_start desc limit 1) prev on r.account_id is null
    cross join lateral (select
      greatest(0, least(${d}::date - 1, coalesce(a.closed_on, ${d}::date)) - coalesce(r.through_date + 1, greatest(p.start, a.opened_on)) + 1) as gap,
      case when a.closed_on < ${d}::date then 0 else 1 end as today) g
    where b.business_date = ${d}::date
    on conflict (account_id, period_kind, period_start) do update set through_date = excluded.through_date,
      balance_sum = excluded.balance_sum, days = excluded.days, last_balance = excluded.last_balance`.execute(tx);
}
