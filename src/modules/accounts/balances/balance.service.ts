// ACC-3 daily balances: one business day of end-of-day balances in, snapshots stored in the
// day's partition, and the month-, quarter- and year-to-date running totals advanced by that day.
// The rule is in docs/daily-averages.md. Everything is set-based — a day costs a fixed number of
// statements whatever the number of accounts — and no period is ever rescanned.
//
// The day's balances go through a temporary table `day_balance (account_id, balance)`: the feed
// fills it from the file, `applyBusinessDay` (API and tests) from JSON. `applyStagedDay` does the rest.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../db/database.ts';
import type { AveragePeriodKind } from '../../../db/schema.ts';
import { invalid, type FieldError } from '../../../common/http/errors.ts';
import { periodStart } from './average-sql.ts';
import { ANALYZE_FROM_ROWS, worthAnalyzing } from '../../../db/statistics.ts';

export const PERIOD_KINDS: readonly AveragePeriodKind[] = ['month', 'quarter', 'year'];

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// numeric(18,2): up to 16 integer digits and 2 decimals, yuan.
export const MONEY_RE = /^-?\d{1,16}(\.\d{1,2})?$/;

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

/** The day's staging table, dropped with the transaction. */
export async function createDayBalanceStage(tx: Tx) {
  // The account's holder, dates, institution, kind and currency ride along (filled by
  // fillDayBalanceFacts or the feed's staging join), so the day's steps need not join 3,000,000
  // accounts again and again.
  await sql`create temp table if not exists day_balance (account_id bigint not null, balance numeric(18,2) not null,
    customer_id bigint, opened_on date, closed_on date, institution_id integer, kind varchar(15), currency varchar(3)) on commit drop`.execute(tx);
  await sql`truncate day_balance`.execute(tx);
}

/** The account facts each running-totals row carries (migration 0014). */
const AVERAGE_FACTS = ['institution_id', 'kind', 'currency', 'opened_on', 'closed_on'] as const;
/** The account columns day_balance carries beside (account_id, balance): the holder, and the facts above. */
export const DAY_BALANCE_FACTS = ['customer_id', ...AVERAGE_FACTS] as const;

export type StagedDayProblem = { accountId: number | null; reason: 'unknown' | 'before_opening' | 'superseded' | 'duplicate' };

/** Copies each staged account's facts into day_balance (unknown accounts stay null). */
export async function fillDayBalanceFacts(tx: Tx) {
  await sql`update day_balance x set ${sql.join(DAY_BALANCE_FACTS.map((c) => sql`${sql.ref(c)} = ${sql.ref(`a.${c}`)}`))}
    from account a where a.id = x.account_id`.execute(tx);
}

/**
 * Accounts of the staged day that cannot be applied: unknown, twice in the day, the day before
 * their opening, or a day older than their running totals (a later day is already applied).
 * Capped at `limit`. Reads day_balance alone unless some running total is ahead of the day.
 */
export async function stagedDayProblems(tx: Tx, businessDate: string, limit = 1000): Promise<StagedDayProblem[]> {
  const bad = await sql<{ account_id: number | null; reason: StagedDayProblem['reason'] }>`
    (select x.account_id, case when x.customer_id is null then 'unknown' else 'before_opening' end as reason
     from day_balance x where x.customer_id is null or x.opened_on > ${businessDate}::date limit ${limit})
    union all
    (select x.account_id, 'duplicate' from day_balance x group by x.account_id having count(*) > 1 limit ${limit})`.execute(tx);
  const problems = bad.rows.map((b) => ({ accountId: b.account_id === null ? null : Number(b.account_id), reason: b.reason }));
  // A later day already applied to some account: rare (a correction through the API), so probed
  // first — the join below costs seconds at 3,000,000 accounts.
  const ahead = await sql<{ ahead: boolean }>`select exists (select 1 from account_average where through_date > ${businessDate}::date) as ahead`.execute(tx);
  if (ahead.rows[0]?.ahead) {
    const superseded = await sql<{ account_id: number }>`select x.account_id from day_balance x join account_average v on v.account_id = x.account_id
      where v.through_date > ${businessDate}::date order by x.account_id limit ${limit}`.execute(tx);
    problems.push(...superseded.rows.map((r) => ({ accountId: Number(r.account_id), reason: 'superseded' as const })));
  }
  return problems.slice(0, limit);
}

/**
 * Loads one business day from JSON rows (API, tests). All-or-nothing: run it inside the caller's
 * transaction. Every rejected row is reported.
 */
export async function applyBusinessDay(tx: Tx, businessDate: string, balances: unknown, write: WritePath = 'auto'): Promise<{ accounts: number }> {
  const rows = validate(businessDate, balances);
  if (rows.length === 0) return { accounts: 0 };
  await createDayBalanceStage(tx);
  await sql`insert into day_balance (account_id, balance)
    select * from unnest(${rows.map((r) => r.accountId)}::int8[], ${rows.map((r) => r.balance)}::numeric[])`.execute(tx);
  await fillDayBalanceFacts(tx);
  const bad = await stagedDayProblems(tx, businessDate);
  if (bad.length) {
    // (duplicates were refused by validate above)
    const index = new Map(rows.map((r, i) => [r.accountId, i]));
    throw invalid(...bad.map((b) => ({ path: b.reason === 'unknown' ? `balances.${index.get(b.accountId!)}.accountId` : 'businessDate',
      code: 'accounts.field_invalid', params: { accountId: b.accountId, reason: b.reason } })));
  }
  return applyStagedDay(tx, businessDate, {}, write);
}

/** The last day of the period starting on `start` (SQL). */
const periodEnd = (kind: AveragePeriodKind, start: RawBuilder<unknown>) =>
  sql`(${start} + ${sql.lit(kind === 'month' ? '1 month' : kind === 'quarter' ? '3 months' : '1 year')}::interval - interval '1 day')::date`;

/**
 * Archives running totals whose period of this kind ended before `current` (the period the day
 * belongs to) into account_average_period: the sum and days plus the days carried from the last
 * load to the period's end (or closing), each at the last balance. Rows that count no day in their
 * period (closed before it) are left out.
 *
 * A full day (the feed: the whole book moves to the new period together) archives every such row,
 * and its rebuild then rolls the rows not in the file into the new period, so each period is
 * archived once, on its successor's first day. A small day (the API, a correction) archives only
 * its own accounts' periods, as each account moves on: the others may still get days of theirs.
 * A period's first archive builds its partition apart and attaches it (migration 0015); a later one
 * adds what is missing.
 */
async function archiveFinishedPeriods(tx: Tx, kind: AveragePeriodKind, current: string, wholeBook: boolean) {
  const mine = wholeBook ? sql`true` : sql`exists (select 1 from day_balance x where x.account_id = r.account_id)`;
  const starts = await sql<{ start: string }>`select distinct ${ref('r', kind, 'start')}::text as start from account_average r
    where ${ref('r', kind, 'start')} < ${current}::date and ${mine}`.execute(tx);
  for (const { start } of starts.rows) {
    const end = periodEnd(kind, sql`${start}::date`);
    // Days carried after the last load: from the day after it (or the period's first day, for a
    // row rolled into the period before any load) to the period's end, capped at closing.
    const extra = sql`greatest(0, least(${end}, coalesce(r.closed_on, ${end})) - greatest(r.through_date, ${start}::date - 1))`;
    const rows = sql`select r.account_id, ${kind}, ${start}::date, ${end}, ${ref('r', kind, 'sum')} + r.last_balance * ${extra}, ${ref('r', kind, 'days')} + ${extra}
      from account_average r where ${ref('r', kind, 'start')} = ${start}::date and ${ref('r', kind, 'days')} + ${extra} > 0 and ${mine}`;
    const fresh = (await sql<{ name: string | null }>`select account_average_period_new(${kind}, ${start}::date) as name`.execute(tx)).rows[0]!.name;
    if (fresh) {
      await sql`insert into ${sql.table(fresh)} (account_id, period_kind, period_start, period_end, balance_sum, days) ${rows}`.execute(tx);
      await sql`select account_average_period_attach(${kind}, ${start}::date)`.execute(tx);
    } else {
      await sql`insert into account_average_period (account_id, period_kind, period_start, period_end, balance_sum, days) ${rows}
        on conflict do nothing`.execute(tx);
    }
  }
}

/** The running-total columns of a period kind in account_average. */
const col = (kind: AveragePeriodKind, what: 'start' | 'sum' | 'days') => sql.ref(`${kind}_${what}`);
const ref = (alias: string, kind: AveragePeriodKind, what: 'start' | 'sum' | 'days') => sql.ref(`${alias}.${kind}_${what}`);

/**
 * Applies the staged day (already checked with stagedDayProblems): snapshots written to the
 * day's partition; finished periods archived; running totals advanced.
 *
 * For each staged account and period kind (period start P):
 *  - same period as its row: continue from the day after through_date; otherwise (new period, or
 *    no row yet) start at P or the opening date, whichever is later;
 *  - gap: the days from there to the day before D, capped at the closing date, each counted at the
 *    carried balance (the row's last balance; 0 when the account has no row — nothing recorded);
 *  - D itself counts once unless the account closed before D;
 *  - reloading D (through_date = D): D's old contribution, which is the row's last balance, is
 *    swapped for the new one — sum − old + new, days unchanged — exact, no rescan.
 *
 * Small days (the API, a correction) upsert the changed rows; a full day — the feed's millions —
 * builds a new table and swaps it in, which PostgreSQL does many times faster than updating every
 * row (the swap holds readers of the averages until the load commits: loads run before opening).
 */
/** 'auto': a day of at least 50,000 accounts and half the table is rewritten, smaller days upserted (tests force either). */
export type WritePath = 'auto' | 'rewrite' | 'upsert';

export async function applyStagedDay(tx: Tx, d: string, timings: Record<string, number> = {}, write: WritePath = 'auto'): Promise<{ accounts: number }> {
  // Each step's milliseconds, for the feed's run record and the benchmark.
  let t0 = performance.now();
  const lap = (step: string) => { const t = performance.now(); timings[step] = Math.round(t - t0); t0 = t; };
  if (await worthAnalyzing(tx, 'day_balance')) await sql`analyze day_balance`.execute(tx);
  // A new day: its partition built apart and attached once indexed (migration 0014). A day that
  // already has one (a reload, a month partition of 0009): upserted into it.
  const fresh = (await sql<{ name: string | null }>`select account_balance_new_day(${d}::date) as name`.execute(tx)).rows[0]!.name;
  let accounts: number;
  let part: string;
  if (fresh) {
    const inserted = await sql`insert into ${sql.table(fresh)} (business_date, account_id, customer_id, balance)
      select ${d}::date, x.account_id, x.customer_id, x.balance from day_balance x`.execute(tx);
    accounts = Number(inserted.numAffectedRows ?? 0);
    await sql`select account_balance_attach_day(${d}::date)`.execute(tx);
    part = fresh;
  } else {
    part = (await sql<{ name: string }>`select account_balance_partition(${d}::date) as name`.execute(tx)).rows[0]!.name;
    const upserted = await sql`
      insert into account_balance (business_date, account_id, customer_id, balance)
      select ${d}::date, x.account_id, x.customer_id, x.balance from day_balance x
      on conflict (account_id, business_date) do update set balance = excluded.balance, customer_id = excluded.customer_id`.execute(tx);
    accounts = Number(upserted.numAffectedRows ?? 0);
  }
  // Fresh statistics for the day (autovacuum may be off or behind): the alerts' two-day join is
  // planned on them, and a plan guessing 1 row for 3,000,000 runs for hours.
  if (accounts >= ANALYZE_FROM_ROWS) await sql`analyze ${sql.table(part)}`.execute(tx);
  lap('snapshots');

  // One scan of the running totals answers both probes: the oldest period starts (is there a
  // finished period to archive?) and the row count that chooses the write path below.
  const probe = (await sql<{ month: string | null; quarter: string | null; year: string | null; n: number }>`
    select min(month_start)::text as month, min(quarter_start)::text as quarter, min(year_start)::text as year, count(*)::int8 as n
    from account_average`.execute(tx)).rows[0]!;
  const rewrite = write === 'rewrite' || (write === 'auto' && accounts >= 50_000 && accounts * 2 >= Number(probe.n));
  for (const kind of PERIOD_KINDS) {
    const oldest = probe[kind];
    if (oldest && oldest < periodStart(kind, d)) await archiveFinishedPeriods(tx, kind, periodStart(kind, d), rewrite);
  }
  lap('archive');

  const period = (kind: AveragePeriodKind) => {
    const start = sql`${periodStart(kind, d)}::date`;
    const same = sql`(r.account_id is not null and ${ref('r', kind, 'start')} = ${start})`;
    // A row rolled into this period on its first day (below) may have been loaded last before it.
    const from = sql`(case when ${same} then greatest(r.through_date + 1, ${start}) else greatest(${start}, x.opened_on) end)`;
    const gap = sql`greatest(0, least(${d}::date - 1, coalesce(x.closed_on, ${d}::date)) - ${from} + 1)`;
    const today = sql`(x.closed_on is null or x.closed_on >= ${d}::date)`;
    const reload = sql`(r.through_date = ${d}::date and ${today})`;
    // The everyday case (yesterday loaded, open today) first: one addition, where the general
    // formula costs six numeric operations a kind — measured 14 s against 8 s at 3,000,000 rows.
    const everyday = sql`(r.through_date = ${d}::date - 1 and ${same} and ${today})`;
    return sql`${start} as ${col(kind, 'start')},
      case when ${everyday} then ${ref('r', kind, 'sum')} + x.balance
           when ${reload} then ${ref('r', kind, 'sum')} - r.last_balance + x.balance
           else (case when ${same} then ${ref('r', kind, 'sum')} else 0 end) + coalesce(r.last_balance, 0) * ${gap}
             + (case when ${today} then x.balance else 0 end) end as ${col(kind, 'sum')},
      case when ${everyday} then ${ref('r', kind, 'days')} + 1
           when ${reload} then ${ref('r', kind, 'days')}
           else (case when ${same} then ${ref('r', kind, 'days')} else 0 end) + ${gap} + (case when ${today} then 1 else 0 end) end as ${col(kind, 'days')}`;
  };
  const facts = AVERAGE_FACTS;
  const columns = sql`account_id, through_date, last_balance, month_start, month_sum, month_days,
      quarter_start, quarter_sum, quarter_days, year_start, year_sum, year_days, ${sql.join(facts.map((f) => sql.ref(f)))}`;
  const computed = sql`select x.account_id, ${d}::date, x.balance, ${period('month')}, ${period('quarter')}, ${period('year')},
      ${sql.join(facts.map((f) => sql.ref(`x.${f}`)))}
    from day_balance x left join account_average r on r.account_id = x.account_id`;
  if (rewrite) {
    // Full day: build the new table without an index (the staged accounts' new rows plus the rows
    // of accounts not in the file, unchanged), index it once, and swap it in. Measured on this
    // machine at 3,000,000 accounts: seconds, where updating every row in place took minutes.
    await sql`drop table if exists account_average_next`.execute(tx);
    await sql`create table account_average_next (like account_average including defaults including constraints)`.execute(tx);
    // One full join: the staged accounts' new rows, and the others' rows as they were.
    await sql`insert into account_average_next (${columns})
      select coalesce(x.account_id, r.account_id), case when x.account_id is null then r.through_date else ${d}::date end,
        case when x.account_id is null then r.last_balance else x.balance end,
        ${sql.join(PERIOD_KINDS.map((k) => {
          // An account not in the file whose period has ended (its period was archived above) is
          // rolled into the new one with nothing counted yet: the days it carries are counted when
          // it is next loaded or read, from the period's first day. So a period is archived once.
          const ended = sql`${ref('r', k, 'start')} < ${periodStart(k, d)}::date`;
          return sql`case when x.account_id is null then (case when ${ended} then ${periodStart(k, d)}::date else ${ref('r', k, 'start')} end) else ${sql.ref(`p.${k}_start`)} end,
          case when x.account_id is null then (case when ${ended} then 0 else ${ref('r', k, 'sum')} end) else ${sql.ref(`p.${k}_sum`)} end,
          case when x.account_id is null then (case when ${ended} then 0 else ${ref('r', k, 'days')} end) else ${sql.ref(`p.${k}_days`)} end`;
        }))},
        ${sql.join(facts.map((f) => sql`case when x.account_id is null then ${sql.ref(`r.${f}`)} else ${sql.ref(`x.${f}`)} end`))}
      from day_balance x full join account_average r on r.account_id = x.account_id
      cross join lateral (select ${period('month')}, ${period('quarter')}, ${period('year')}) p`.execute(tx);
    lap('averagesComputed');
    await sql`alter table account_average_next add constraint account_average_next_pkey primary key (account_id)`.execute(tx);
    await sql`drop table account_average`.execute(tx);
    await sql`alter table account_average_next rename to account_average`.execute(tx);
    await sql`alter index account_average_next_pkey rename to account_average_pkey`.execute(tx);
    await sql`analyze account_average`.execute(tx); // a new table has no statistics yet
  } else {
    await sql`
      insert into account_average (${columns}) ${computed}
      on conflict (account_id) do update set through_date = excluded.through_date, last_balance = excluded.last_balance,
        month_start = excluded.month_start, month_sum = excluded.month_sum, month_days = excluded.month_days,
        quarter_start = excluded.quarter_start, quarter_sum = excluded.quarter_sum, quarter_days = excluded.quarter_days,
        year_start = excluded.year_start, year_sum = excluded.year_sum, year_days = excluded.year_days,
        ${sql.join(facts.map((f) => sql`${sql.ref(f)} = ${sql.ref(`excluded.${f}`)}`))}`.execute(tx);
    lap('averagesComputed');
  }
  lap('averagesWritten');
  return { accounts };
}
