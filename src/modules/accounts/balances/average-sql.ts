// The one SQL expression for "a period's running total as of a date", shared by the account and
// the institution figures so they can never disagree. Over `account_average r`, with the opening
// and closing dates read from `facts` (the account `a`, or the row's own copy `r`): days after the
// row's last load (through_date) are carried forward at its last
// balance up to the as-of date, capped at the closing date (docs/daily-averages.md).
import { sql, type RawBuilder } from 'kysely';
import type { AveragePeriodKind } from '../../../db/schema.ts';

/** First day of the month, quarter or year holding `d` ('YYYY-MM-DD'). */
export function periodStart(kind: AveragePeriodKind, d: string): string {
  const [y, m] = d.split('-') as [string, string];
  const month = kind === 'month' ? Number(m) : kind === 'quarter' ? Math.floor((Number(m) - 1) / 3) * 3 + 1 : 1;
  return `${y}-${String(month).padStart(2, '0')}-01`;
}

export function periodToDate(kind: AveragePeriodKind, asOf: string, facts: 'a' | 'r' = 'a'): { sum: RawBuilder<string>; days: RawBuilder<number> } {
  // The period's first day as a constant: date_trunc(kind, date) goes through timestamptz and the
  // session's time zone, and was evaluated a dozen times per row — the larger part of the
  // customer positions' statement over every account, each feed day, on PGlite.
  const start = sql`${periodStart(kind, asOf)}::date`;
  const rowStart = sql.ref(`r.${kind}_start`);
  const same = sql`(${rowStart} = ${start})`;
  // A row ahead of the as-of date (a later day already loaded, or rolled into a later period by a
  // full day) cannot answer for it: no days. Finished periods are in account_average_period.
  const usable = sql`(r.account_id is not null and r.through_date <= ${asOf}::date and ${rowStart} <= ${start})`;
  // (a row rolled into the period on its first day may have been loaded last before it)
  const from = sql`(case when ${same} then greatest(r.through_date + 1, ${start}) else greatest(${start}, ${sql.ref(`${facts}.opened_on`)}) end)`;
  const carried = sql`greatest(0, least(${asOf}::date, coalesce(${sql.ref(`${facts}.closed_on`)}, ${asOf}::date)) - ${from} + 1)`;
  // Loaded on the as-of date itself (every account of a full day): the row's own figures, nothing
  // carried — the everyday case first, for the institution sums over 3,000,000 rows.
  const current = sql`r.through_date = ${asOf}::date and ${rowStart} = ${start}`;
  return {
    sum: sql<string>`(case when ${current} then ${sql.ref(`r.${kind}_sum`)} when not ${usable} then 0 when ${same} then ${sql.ref(`r.${kind}_sum`)} + r.last_balance * ${carried} else r.last_balance * ${carried} end)`,
    days: sql<number>`(case when ${current} then ${sql.ref(`r.${kind}_days`)} when not ${usable} then 0 when ${same} then ${sql.ref(`r.${kind}_days`)} + ${carried} else ${carried} end)`,
  };
}
