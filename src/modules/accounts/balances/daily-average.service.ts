// ACC-3 month-, quarter- and year-to-date daily averages (日均) read from the running totals that
// applyBusinessDay keeps; the rule is in docs/daily-averages.md. Days after an account's last
// snapshot are carried forward at its last balance up to the as-of date (or its closing date),
// so an average is right on days the account had no movement and no record.
import { sql } from 'kysely';
import type { Database, Executor } from '../../../db/database.ts';
import type { AveragePeriodKind } from '../../../db/schema.ts';
import { invalid, notFound } from '../../../common/http/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import type { ACCOUNT_KINDS } from '../account.schema.ts';
import { isBusinessDate, PERIOD_KINDS } from './balance.service.ts';
import { periodToDate } from './average-sql.ts';

/**
 * What a customer's figures are added up by. Loans are owed to the bank and deposits owed by it,
 * and yuan do not add to dollars: a sum across categories or currencies means nothing to a banker.
 * Demand and time deposits together are the customer's deposits (存款日均).
 */
export const ACCOUNT_CATEGORIES = ['deposit', 'loan', 'wealth', 'card'] as const;
export type AccountCategory = (typeof ACCOUNT_CATEGORIES)[number];
export const CATEGORY_OF_KIND: Record<(typeof ACCOUNT_KINDS)[number], AccountCategory> = {
  deposit_demand: 'deposit', deposit_time: 'deposit', loan: 'loan', wealth: 'wealth', card: 'card',
};

/**
 * average: yuan to the fen, half-up, as text; null when the account counts no day in the period.
 * partial: the period (from its start, or the account's opening) began before the CRM's first
 * feed day and no opening position covers the account, so its days before that count at zero.
 */
export interface PeriodAverage { periodStart: string; days: number; balanceSum: string; average: string | null; partial: boolean }
export type Averages = Record<AveragePeriodKind, PeriodAverage>;
export interface AccountAverages extends Averages { accountId: number; customerId: number; category: AccountCategory; currency: string }
/** One category and currency of a customer; a period is null when none of the group's accounts counts a day in it; partial lists the periods with a partial account. */
export interface CustomerAverages { customerId: number; category: AccountCategory; currency: string; month: string | null; quarter: string | null; year: string | null; partial: AveragePeriodKind[] }

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
 * Averages as of `asOf` for the given accounts, and per customer, category and currency the sum of
 * those accounts' shown (rounded) averages, so each customer line adds up to the account lines a
 * manager sees. A group appears when one of its accounts counts a day in some period. Asking for
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
  const m = periodToDate('month', asOf); const q = periodToDate('quarter', asOf); const y = periodToDate('year', asOf);
  const res = await sql<{ account_id: number; customer_id: number; account_kind: keyof typeof CATEGORY_OF_KIND; currency: string; kind: AveragePeriodKind;
    period_start: string; days: number; balance_sum: string; average: string | null; partial: boolean | null }>`
    select a.id as account_id, a.customer_id, a.kind as account_kind, a.currency, k.kind, k.start::text as period_start, k.days, k.balance_sum::text as balance_sum,
      case when k.days > 0 then round(k.balance_sum / k.days, 2)::text end as average,
      (greatest(k.start, a.opened_on) < first.day and o.account_id is null) as partial
    from account a
    left join account_average r on r.account_id = a.id
    left join account_opening_position o on o.account_id = a.id
    -- the CRM's first data: its first feed day (null before any, then nothing is partial)
    cross join (select min(business_date) as day from feed_run where status = 'loaded') first
    -- one row per period kind, from the account's single running-totals row (see average-sql.ts)
    cross join lateral (values
      ('month', date_trunc('month', ${asOf}::date)::date, ${m.days}, ${m.sum}),
      ('quarter', date_trunc('quarter', ${asOf}::date)::date, ${q.days}, ${q.sum}),
      ('year', date_trunc('year', ${asOf}::date)::date, ${y.days}, ${y.sum})) k(kind, start, days, balance_sum)
    where a.id in (select value::bigint from jsonb_array_elements_text(${ids}::jsonb))
    order by a.id, k.kind`.execute(db);

  const byAccount = new Map<number, AccountAverages>();
  for (const row of res.rows) {
    const id = Number(row.account_id);
    const entry = byAccount.get(id)
      ?? ({ accountId: id, customerId: Number(row.customer_id), category: CATEGORY_OF_KIND[row.account_kind], currency: row.currency } as AccountAverages);
    entry[row.kind] = { periodStart: row.period_start, days: Number(row.days), balanceSum: row.balance_sum, average: row.average, partial: row.partial === true };
    byAccount.set(id, entry);
  }
  // null until an account of the group counts a day in the period: "no figure", not 0.00.
  const totals = new Map<string, { key: Omit<CustomerAverages, AveragePeriodKind | 'partial'>; fen: Record<AveragePeriodKind, bigint | null>; partial: Set<AveragePeriodKind> }>();
  for (const acc of byAccount.values()) {
    const key = `${acc.customerId}/${acc.category}/${acc.currency}`;
    const t = totals.get(key) ?? { key: { customerId: acc.customerId, category: acc.category, currency: acc.currency }, fen: { month: null, quarter: null, year: null }, partial: new Set() };
    for (const kind of PERIOD_KINDS) {
      if (acc[kind].average === null) continue;
      t.fen[kind] = (t.fen[kind] ?? 0n) + toFen(acc[kind].average!);
      if (acc[kind].partial) t.partial.add(kind);
    }
    totals.set(key, t);
  }
  const customers = [...totals.values()]
    .filter((t) => PERIOD_KINDS.some((kind) => t.fen[kind] !== null))
    .map((t): CustomerAverages => ({ ...t.key, month: show(t.fen.month), quarter: show(t.fen.quarter), year: show(t.fen.year), partial: PERIOD_KINDS.filter((k) => t.partial.has(k)) }))
    .sort((a, b) => a.customerId - b.customerId || ACCOUNT_CATEGORIES.indexOf(a.category) - ACCOUNT_CATEGORIES.indexOf(b.category)
      || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  return { accounts: [...byAccount.values()], customers };
}
const show = (fen: bigint | null) => (fen === null ? null : fromFen(fen));

/** The latest business date loaded for these accounts (the last day their running totals count), or null. */
export async function latestBusinessDate(db: Executor, accountIds: number[]): Promise<string | null> {
  if (!accountIds.length) return null;
  const latest = await db.selectFrom('account_average').select((eb) => eb.fn.max('through_date').as('d'))
    .where('account_id', 'in', accountIds).executeTakeFirst();
  return (latest?.d as string | null | undefined) ?? null;
}

/**
 * A customer's averages for the customer view, within the caller's data scope (404 otherwise, as
 * for any customer outside it). Without asOf: the latest business date loaded for its accounts.
 */
export async function customerAverages(db: Database, actor: Actor, customerId: number, asOf?: string) {
  const c = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const accounts = await db.selectFrom('account').select('id').where('customer_id', '=', customerId).orderBy('id').execute();
  const date = asOf ?? await latestBusinessDate(db, accounts.map((a) => a.id));
  if (date === null) return { customerId, asOf: null, totals: [], accounts: [] };
  const res = await dailyAverages(db, accounts.map((a) => a.id), date);
  return { customerId, asOf: date, totals: res.customers.map(({ customerId: _c, ...t }) => t), accounts: res.accounts };
}
