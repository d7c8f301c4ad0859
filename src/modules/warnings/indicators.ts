// WARN-1/2 indicators of every customer as of business date D, in one set-based SELECT over the
// book: a scan of account (with D's balance partition and the running averages), the month's
// transaction partition, the signings, and the month baselines (warning_customer_month) of 1, 3
// and 6 months before. Nothing per customer in JavaScript: a bank has a million of them.
//
// What a value means (docs/early-warning.md):
// - balance_change_Nm: CNY deposits at D against the end of the month N months before, as a ratio
//   (−0.5 = halved); null when that month's balance was not above 0 or not recorded.
// - average_change_Nm: the month-to-date CNY deposit daily average (as the customer view shows it)
//   against that month's average; null without either.
// - product_kinds_lost: kinds held 3 months ago − kinds held now, not below 0.
// - txn_count_ratio / txn_amount_ratio: transactions a day over the previous month and this month
//   to date, ÷ transactions a day over the three months before (the customer's own baseline).
// - days_since_txn: D − the last business date with a transaction (null if none is known).
// - accounts_closed_90d, maturities_not_renewed_90d, signings_terminated_90d: within (D−90, D].
// - relationship_ended: 1 when no account is open at D while one was a month ago or closed since.
import { sql, type RawBuilder } from 'kysely';
import { periodToDate } from '../accounts/balances/average-sql.ts';

export const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) - n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
}

/** The indicator row of each active customer holding (or having held) an account, as of `d`. */
export function indicatorRows(d: string): RawBuilder<unknown> {
  const m = monthStart(d);
  const [m1, m2, m3, m4, m6] = [1, 2, 3, 4, 6].map((n) => monthsBefore(m, n));
  const open = sql`(a.opened_on <= ${d}::date and (a.closed_on is null or a.closed_on > ${d}::date))`;
  const within90 = (col: RawBuilder<unknown>) => sql`(${col} > ${d}::date - 90 and ${col} <= ${d}::date)`;
  const atMaturity = sql`(a.kind = 'deposit_time' and a.maturity_on is not null and a.closed_on >= a.maturity_on)`;
  const deposit = sql`(a.kind in ('deposit_demand', 'deposit_time') and a.currency = 'CNY')`;
  // The month-to-date daily average as the customer view shows it (each account's rounded to the fen).
  const avg = periodToDate('month', d, 'a');
  const ratio = (now: RawBuilder<unknown>, before: RawBuilder<unknown>) => sql`case when ${before} > 0 then round(((${now}) - (${before})) / (${before}), 4) end`;
  return sql`
    with acc as (
      select a.customer_id,
        coalesce(sum(coalesce(b.balance, case when r.through_date <= ${d}::date then r.last_balance end, 0)) filter (where ${open} and ${deposit}), 0) as balance,
        sum(case when ${deposit} and ${avg.days} > 0 then round(${avg.sum} / ${avg.days}, 2) end) as month_avg,
        count(distinct a.kind) filter (where ${open}) as account_kinds,
        count(*) filter (where ${open}) as open_accounts,
        count(*) filter (where ${within90(sql`a.closed_on`)} and not ${atMaturity}) as closed_90d,
        count(*) filter (where ${within90(sql`a.closed_on`)} and ${atMaturity}) as matured_closed_90d,
        count(*) filter (where a.kind = 'deposit_time' and ${within90(sql`a.opened_on`)}) as time_opened_90d
      from account a
      left join account_balance b on b.business_date = ${d}::date and b.account_id = a.id
      left join account_average r on r.account_id = a.id
      where a.opened_on <= ${d}::date
      group by a.customer_id),
    sig as (
      select s.customer_id, count(distinct s.kind) filter (where s.terminated_on is null or s.terminated_on > ${d}::date) as kinds,
             count(*) filter (where ${within90(sql`s.terminated_on`)}) as terminated_90d
        from signing s where s.signed_on <= ${d}::date group by s.customer_id),
    tx as (
      select t.customer_id, count(*)::int as c, sum(t.amount) as amt, max(t.business_date) as last_on
        from account_transaction t where t.business_date between ${m}::date and ${d}::date group by t.customer_id),
    base as (
      select w.customer_id, sum(w.txn_count) as c, sum(w.txn_amount) as amt,
             sum(extract(day from (w.month + interval '1 month' - interval '1 day')))::int as days
        from warning_customer_month w where w.month between ${m4}::date and ${m2}::date group by w.customer_id),
    fig as (
      select acc.customer_id, cu.institution_id, acc.balance,
        acc.month_avg,
        (acc.account_kinds + coalesce(sig.kinds, 0))::int as kinds, acc.open_accounts::int as open_accounts,
        coalesce(tx.c, 0) as txn_count, coalesce(tx.amt, 0) as txn_amount, greatest(tx.last_on, lt.last_txn_on) as last_txn_on,
        acc.closed_90d, acc.matured_closed_90d, acc.time_opened_90d, coalesce(sig.terminated_90d, 0) as terminated_90d,
        w1.balance as b1, w3.balance as b3, w6.balance as b6, w1.month_avg as a1, w3.month_avg as a3, w6.month_avg as a6,
        w3.kinds as kinds3, w1.open_accounts as open1,
        -- recent: the previous month and this month to date, per calendar day
        (coalesce(w1.txn_count, 0) + coalesce(tx.c, 0))::numeric
          / (case when w1.customer_id is null then 0 else extract(day from (${m}::date - 1)) end + extract(day from ${d}::date)) as recent_c,
        (coalesce(w1.txn_amount, 0) + coalesce(tx.amt, 0))
          / (case when w1.customer_id is null then 0 else extract(day from (${m}::date - 1)) end + extract(day from ${d}::date)) as recent_amt,
        base.c::numeric / nullif(base.days, 0) as base_c, base.amt / nullif(base.days, 0) as base_amt
      from acc join customer cu on cu.id = acc.customer_id and cu.status = 'active'
      left join sig on sig.customer_id = acc.customer_id
      left join tx on tx.customer_id = acc.customer_id
      left join base on base.customer_id = acc.customer_id
      left join warning_last_transaction lt on lt.customer_id = acc.customer_id
      left join warning_customer_month w1 on w1.month = ${m1}::date and w1.customer_id = acc.customer_id
      left join warning_customer_month w3 on w3.month = ${m3}::date and w3.customer_id = acc.customer_id
      left join warning_customer_month w6 on w6.month = ${m6}::date and w6.customer_id = acc.customer_id)
    select f.customer_id, f.institution_id, f.balance, f.month_avg, f.kinds, f.open_accounts, f.txn_count, f.txn_amount, f.last_txn_on,
      ${ratio(sql`f.balance`, sql`f.b1`)} as balance_change_1m,
      ${ratio(sql`f.balance`, sql`f.b3`)} as balance_change_3m,
      ${ratio(sql`f.balance`, sql`f.b6`)} as balance_change_6m,
      ${ratio(sql`f.month_avg`, sql`f.a1`)} as average_change_1m,
      ${ratio(sql`f.month_avg`, sql`f.a3`)} as average_change_3m,
      ${ratio(sql`f.month_avg`, sql`f.a6`)} as average_change_6m,
      case when f.kinds3 is not null then greatest(f.kinds3 - f.kinds, 0) end as product_kinds_lost,
      case when f.base_c > 0 then round(f.recent_c / f.base_c, 4) end as txn_count_ratio,
      case when f.base_amt > 0 then round(f.recent_amt / f.base_amt, 4) end as txn_amount_ratio,
      (${d}::date - f.last_txn_on) as days_since_txn,
      f.closed_90d::int as accounts_closed_90d,
      greatest(f.matured_closed_90d - f.time_opened_90d, 0)::int as maturities_not_renewed_90d,
      f.terminated_90d::int as signings_terminated_90d,
      case when f.open_accounts = 0 and (coalesce(f.open1, 0) > 0 or f.closed_90d + f.matured_closed_90d > 0) then 1 else 0 end as relationship_ended
    from fig f`;
}
