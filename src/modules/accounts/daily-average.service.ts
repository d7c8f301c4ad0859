// ACC-3 month-, quarter- and year-to-date daily averages (日均) read from the running totals that
// applyBusinessDay keeps; the rule is in docs/daily-averages.md. Days after an account's last
// snapshot are carried forward at its last balance up to the as-of date (or its closing date),
// so an average is right on days the account had no movement and no record.
import { sql } from 'kysely';
import type { Database, Executor } from '../../db/database.ts';
import type { AveragePeriodKind } from '../../db/schema.ts';
import { invalid, notFound } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { isBusinessDate, PERIOD_KINDS } from './balance.service.ts';

/** average: yuan to the fen, half-up, as text; null when the account counts no day in the period. */
export interface PeriodAverage { periodStart: string; days: number; balanceSum: string; average: string | null }
export type Averages = Record<AveragePeriodKind, PeriodAverage>;
export interface AccountAverages extends Averages { accountId: number; customerId: number }
export interface CustomerAverages { customerId: number; month: string; quarter: string; year: string }

/** Exact yuan text → integer fen (BigInt): money never passes through floating point. */
export function toFen(yuan: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan);
  if (!m) throw new Error(`not an amount: ${yuan}`);
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
export function fromFen(fen: bigint): string {
  const neg = fen < 0n; const abs = neg ? -fen : fen;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * Averages as of `asOf` for the given accounts, and per customer the sum of its accounts' shown
 * (rounded) averages, so the customer line adds up to the account lines a manager sees. Asking for
 * a date before an account's running totals (a past day inside the period) is not answered from the
 * totals; such a period comes back with average null and days 0 rather than a wrong figure.
 */
export async function dailyAverages(db: Executor, accountIds: number[], asOf: string): Promise<{ accounts: AccountAverages[]; customers: CustomerAverages[] }> {
  if (!isBusinessDate(asOf)) throw invalid({ path: 'asOf', code: 'accounts.field_invalid' });
  if (!Array.isArray(accountIds) || accountIds.some((id) => typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)) {
    throw invalid({ path: 'accountIds', code: 'accounts.field_invalid' });
  }
  if (accountIds.length === 0) return { accounts: [], customers: [] };
  const ids = JSON.stringify(accountIds);
  const res = await sql<{ account_id: number; customer_id: number; kind: AveragePeriodKind; period_start: string; days: number; balance_sum: string; average: string | null }>`
    select a.id as account_id, a.customer_id, k.kind, p.start::text as period_start, t.days, t.balance_sum::text as balance_sum,
      case when t.days > 0 then round(t.balance_sum / t.days, 2)::text end as average
    from account a
    cross join (values ('month'), ('quarter'), ('year')) k(kind)
    cross join lateral (select date_trunc(k.kind, ${asOf}::date)::date as start) p
    left join lateral (select * from account_average q where q.account_id = a.id and q.period_kind = k.kind and q.period_start <= p.start
      order by q.period_start desc limit 1) r on true
    cross join lateral (select
      -- carried days: after this period's last counted day, or from the period start / opening when
      -- the account has no snapshot yet this period; capped at the as-of and closing dates.
      case when r.account_id is null or r.through_date > ${asOf}::date then 0
           else greatest(0, least(${asOf}::date, coalesce(a.closed_on, ${asOf}::date))
                - (case when r.period_start = p.start then r.through_date + 1 else greatest(p.start, a.opened_on) end) + 1) end as n) c
    cross join lateral (select
      case when r.account_id is null or r.through_date > ${asOf}::date then 0
           when r.period_start = p.start then r.days + c.n else c.n end as days,
      case when r.account_id is null or r.through_date > ${asOf}::date then 0
           when r.period_start = p.start then r.balance_sum + r.last_balance * c.n else r.last_balance * c.n end as balance_sum) t
    where a.id in (select value::bigint from jsonb_array_elements_text(${ids}::jsonb))
    order by a.id, k.kind`.execute(db);

  const byAccount = new Map<number, AccountAverages>();
  for (const row of res.rows) {
    const id = Number(row.account_id);
    const entry = byAccount.get(id) ?? ({ accountId: id, customerId: Number(row.customer_id) } as AccountAverages);
    entry[row.kind] = { periodStart: row.period_start, days: Number(row.days), balanceSum: row.balance_sum, average: row.average };
    byAccount.set(id, entry);
  }
  const totals = new Map<number, Record<AveragePeriodKind, bigint>>();
  for (const acc of byAccount.values()) {
    const t = totals.get(acc.customerId) ?? { month: 0n, quarter: 0n, year: 0n };
    for (const kind of PERIOD_KINDS) if (acc[kind].average !== null) t[kind] += toFen(acc[kind].average!);
    totals.set(acc.customerId, t);
  }
  return {
    accounts: [...byAccount.values()],
    customers: [...totals].map(([customerId, t]) => ({ customerId, month: fromFen(t.month), quarter: fromFen(t.quarter), year: fromFen(t.year) })),
  };
}

/**
 * A customer's averages for the customer view, within the caller's data scope (404 otherwise, as
 * for any customer outside it). Without asOf: the latest business date loaded for its accounts.
 */
export async function customerAverages(db: Database, actor: Actor, customerId: number, asOf?: string) {
  const c = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const accounts = await db.selectFrom('account').select('id').where('customer_id', '=', customerId).orderBy('id').execute();
  let date = asOf;
  if (date === undefined && accounts.length) {
    const latest = await db.selectFrom('account_average').select((eb) => eb.fn.max('through_date').as('d'))
      .where('period_kind', '=', 'year').where('account_id', 'in', accounts.map((a) => a.id)).executeTakeFirst();
    date = (latest?.d as string | null | undefined) ?? undefined;
  }
  if (date === undefined) return { customerId, asOf: null, month: null, quarter: null, year: null, accounts: [] };
  const res = await dailyAverages(db, accounts.map((a) => a.id), date);
  const total = res.customers[0] ?? { month: '0.00', quarter: '0.00', year: '0.00' };
  return { customerId, asOf: date, month: total.month, quarter: total.quarter, year: total.year, accounts: res.accounts };
}
