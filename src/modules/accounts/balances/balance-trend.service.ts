// ACC-3 a customer's balance trend for the customer view: per calendar day, category and currency,
// the sum of its accounts' end-of-day balances, by the carry-forward rule of docs/daily-averages.md.
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { isBusinessDate } from './balance.service.ts';
import { ACCOUNT_CATEGORIES, CATEGORY_OF_KIND, latestBusinessDate, type AccountCategory } from './daily-average.service.ts';

/** A year, leap day included; longer ranges are a report, not a chart. */
export const MAX_TREND_DAYS = 366;
/** The range when none is asked for: about a quarter up to the latest loaded day. */
export const DEFAULT_TREND_DAYS = 90;

/** balance: yuan to the fen, as text. */
export interface TrendPoint { date: string; balance: string }
export interface TrendSeries { category: AccountCategory; currency: string; points: TrendPoint[] }
export interface BalanceTrend { customerId: number; from: string | null; to: string | null; series: TrendSeries[] }

const shiftDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The trend from `from` to `to` (both days included). Given one end, the other is 90 days away;
 * given neither, the range ends at the latest business date loaded for the customer (none loaded:
 * an empty trend) and starts 90 days before, or at the first account's opening if that is later —
 * a new customer's chart is not a quarter of zeros. A series appears for each category and
 * currency with a loaded balance on or before `to`, with a point for every day of the range (0.00 on days none of its accounts is open).
 */
export async function balanceTrend(db: Database, actor: Actor, customerId: number, range: { from?: string; to?: string } = {}): Promise<BalanceTrend> {
  const errors: FieldError[] = [];
  for (const end of ['from', 'to'] as const) {
    if (range[end] !== undefined && !isBusinessDate(range[end])) errors.push({ path: end, code: 'common.date_format' });
  }
  if (errors.length) throw invalid(...errors);
  const c = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');

  let { from, to } = range;
  if (from === undefined && to === undefined) {
    const accounts = await db.selectFrom('account').select(['id', 'opened_on']).where('customer_id', '=', customerId).execute();
    to = (await latestBusinessDate(db, accounts.map((a) => a.id))) ?? undefined;
    if (to === undefined) return { customerId, from: null, to: null, series: [] };
    const firstOpened = accounts.map((a) => a.opened_on).sort()[0]!;
    const quarter = shiftDays(to, 1 - DEFAULT_TREND_DAYS);
    from = firstOpened > quarter && firstOpened <= to ? firstOpened : quarter;
  }
  from ??= shiftDays(to!, 1 - DEFAULT_TREND_DAYS);
  to ??= shiftDays(from, DEFAULT_TREND_DAYS - 1);
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw invalid({ path: 'to', code: 'accounts.trend_to_before_from', params: { from, to } });
  if (days > MAX_TREND_DAYS) throw invalid({ path: 'to', code: 'accounts.trend_too_long', params: { days, max: MAX_TREND_DAYS } });

  const res = await dailyBalances(sql`a.customer_id = ${customerId}`, from, to).execute(db);

  const series = new Map<string, TrendSeries>();
  for (const r of res.rows) {
    const key = `${r.category}/${r.currency}`;
    if (!series.has(key)) series.set(key, { category: r.category, currency: r.currency, points: [] });
    series.get(key)!.points.push({ date: r.day, balance: r.balance });
  }
  const ordered = [...series.values()].sort((a, b) => ACCOUNT_CATEGORIES.indexOf(a.category) - ACCOUNT_CATEGORIES.indexOf(b.category)
    || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  return { customerId, from, to, series: ordered };
}

/**
 * Per calendar day of from..to (both included), category and currency, the sum of the end-of-day
 * balances of the accounts matching `accounts` (a predicate over `account a`): a customer's trend,
 * or a manager's whole book (workbench). The carry-forward rule of docs/daily-averages.md: a day
 * without a snapshot carries the account's previous one (from before the range if need be), days
 * before its first snapshot count 0.00, an account counts from opening through closing. A group
 * appears when one of its accounts has a snapshot on or before `to`, with a row for every day.
 *
 * acc: the accounts open at some point of the range. grid: one row per account and day it is
 * open, with that day's snapshot if any; `run` counts the snapshots so far, so each run of days
 * starts at a snapshot and carries it. Only the range's partitions are read, plus one index probe
 * per account for the balance carried in.
 */
export function dailyBalances(accounts: RawBuilder<unknown>, from: string, to: string) {
  const days = daysBetween(from, to) + 1;
  const categories = sql.join(Object.entries(CATEGORY_OF_KIND).map(([kind, category]) => sql`(${kind}, ${category})`));
  return sql<{ category: AccountCategory; currency: string; day: string; balance: string }>`
    with acc as materialized (
      select a.id, k.category, a.currency, greatest(a.opened_on, ${from}::date) as first_day,
        least(coalesce(a.closed_on, ${to}::date), ${to}::date) as last_day
      from account a join (values ${categories}) k(kind, category) on k.kind = a.kind
      where ${accounts} and a.opened_on <= ${to}::date and (a.closed_on is null or a.closed_on >= ${from}::date)
    ),
    carried_in as materialized (
      select acc.id, l.balance from acc cross join lateral (
        select b.balance from account_balance b where b.account_id = acc.id and b.business_date < ${from}::date
        order by b.business_date desc limit 1) l
    ),
    in_range as materialized (
      select b.account_id, b.business_date, b.balance from account_balance b
      where b.account_id in (select id from acc) and b.business_date between ${from}::date and ${to}::date
    ),
    grid as (
      select acc.id, acc.category, acc.currency, acc.first_day + i as day, r.balance,
        count(r.balance) over (partition by acc.id order by acc.first_day + i) as run
      from acc cross join generate_series(0, acc.last_day - acc.first_day) i
      left join in_range r on r.account_id = acc.id and r.business_date = acc.first_day + i
    ),
    carried as (
      select g.category, g.currency, g.day,
        case when g.run = 0 then coalesce(ci.balance, 0)
             else first_value(g.balance) over (partition by g.id, g.run order by g.day) end as balance
      from grid g left join carried_in ci on ci.id = g.id
    ),
    loaded as (select id from carried_in union select account_id from in_range),
    groups as (select distinct category, currency from acc where id in (select id from loaded)),
    daily as (select category, currency, day, sum(balance) as balance from carried group by category, currency, day)
    select g.category, g.currency, (${from}::date + i)::text as day, round(coalesce(d.balance, 0), 2)::text as balance
    from groups g cross join generate_series(0, ${days - 1}::int) i
    left join daily d on d.category = g.category and d.currency = g.currency and d.day = ${from}::date + i
    order by g.category, g.currency, i`;
}
