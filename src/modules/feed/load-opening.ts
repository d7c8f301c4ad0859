// The opening position (期初积数, issue 12 item 3): a bank going live mid-year loads, with its
// first day, each account's period-to-date accumulated balance (积数) and days counted for the
// month, quarter and year as the core system reports them through that day. They replace the
// running totals the day itself started (which count the days before the CRM's first data at
// zero), so month, quarter and year daily averages are true from day one.
//
// Loaded inside the day's transaction right after its balances and before the institution sums
// and customer positions, so those are computed from the true totals. Every row is checked first
// (the account exists and has a balance this day; a period's days fit between its start, or the
// account's opening, and the day); any refused row refuses the day.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { CopyIn } from '../../db/copy-in.ts';
import { MONEY_RE } from '../accounts/balances/balance.service.ts';
import { ACCOUNT_NO_RE } from './load-accounts.ts';
import type { FeedRecord, Rejection } from './read-file.ts';
import { rejectUnknownAccounts, Stage } from './stage.ts';

const KINDS = ['month', 'quarter', 'year'] as const;
const DAYS_RE = /^\d{1,3}$/;

export class OpeningFeed {
  private stage: Stage;
  private seen = new Set<string>();
  constructor(private tx: Tx, private file: string, private reject: (r: Rejection) => void, copyIn: CopyIn | null = null) {
    this.stage = new Stage(tx, 'feed_opening', [
      { name: 'line', type: 'int4' }, { name: 'account_no', type: 'text' },
      ...KINDS.flatMap((k) => [{ name: `${k}_sum`, type: 'numeric' as const }, { name: `${k}_days`, type: 'int4' as const }]),
    ], 100_000, copyIn);
  }
  async init() { await this.stage.create(); }

  async add(rec: FeedRecord) {
    const [accountNo, ...figures] = rec.values as string[];
    let ok = true;
    const bad = (field: string, code: string, value?: string) => { this.reject({ file: this.file, line: rec.line, field, code, value }); ok = false; };
    if (!ACCOUNT_NO_RE.test(accountNo!)) bad('account_no', 'feed.account_no', accountNo);
    else if (this.seen.has(accountNo!)) bad('account_no', 'feed.duplicate_in_file', accountNo);
    KINDS.forEach((k, i) => {
      const [sum, days] = [figures[2 * i]!, figures[2 * i + 1]!];
      if (!MONEY_RE.test(sum)) bad(`${k}_sum`, 'feed.money_format', sum);
      if (!DAYS_RE.test(days) || Number(days) < 1 || Number(days) > 366) bad(`${k}_days`, 'feed.opening_days_format', days);
    });
    if (!ok) return;
    this.seen.add(accountNo!);
    await this.stage.push([rec.line, accountNo, ...figures]);
  }

  /** Checks the staged rows against the day just applied; false when any is refused. */
  async check(businessDate: string): Promise<boolean> {
    await this.stage.done();
    this.seen.clear();
    if (!(await rejectUnknownAccounts(this.tx, 'feed_opening', this.file, this.reject))) return false;
    // The account must count this day: its running totals end on it.
    const unloaded = await sql<{ line: number; account_no: string }>`
      select s.line, s.account_no from feed_opening s join account a on a.account_no = s.account_no
      left join account_average r on r.account_id = a.id
      where r.through_date is distinct from ${businessDate}::date order by s.line limit 1000`.execute(this.tx);
    for (const u of unloaded.rows) this.reject({ file: this.file, line: u.line, field: 'account_no', code: 'feed.opening_no_balance', value: u.account_no });
    // A period counts at most the calendar days from its start (or the opening date) to the day.
    const tooMany = await sql<{ line: number; kind: string; days: number; max: number }>`
      select s.line, k.kind, k.days, (${businessDate}::date - greatest(k.start, a.opened_on) + 1) as max
      from feed_opening s join account a on a.account_no = s.account_no
      cross join lateral (values ('month', date_trunc('month', ${businessDate}::date)::date, s.month_days),
        ('quarter', date_trunc('quarter', ${businessDate}::date)::date, s.quarter_days),
        ('year', date_trunc('year', ${businessDate}::date)::date, s.year_days)) k(kind, start, days)
      where k.days > ${businessDate}::date - greatest(k.start, a.opened_on) + 1
      order by s.line, k.kind limit 1000`.execute(this.tx);
    for (const r of tooMany.rows) this.reject({ file: this.file, line: r.line, field: `${r.kind}_days`, code: 'feed.opening_days', value: `${r.days}/${Math.max(0, Number(r.max))}` });
    return unloaded.rows.length === 0 && tooMany.rows.length === 0;
  }

  /** Replaces the day's running totals with the core's and records the position; returns the accounts. */
  async apply(businessDate: string, runId: number): Promise<number> {
    const res = await sql`update account_average r set
        month_sum = s.month_sum, month_days = s.month_days, quarter_sum = s.quarter_sum, quarter_days = s.quarter_days,
        year_sum = s.year_sum, year_days = s.year_days
      from feed_opening s join account a on a.account_no = s.account_no
      where r.account_id = a.id and r.through_date = ${businessDate}::date`.execute(this.tx);
    await sql`insert into account_opening_position (account_id, business_date, month_sum, month_days, quarter_sum, quarter_days, year_sum, year_days, feed_run_id)
      select a.id, ${businessDate}::date, s.month_sum, s.month_days, s.quarter_sum, s.quarter_days, s.year_sum, s.year_days, ${runId}::int8
      from feed_opening s join account a on a.account_no = s.account_no
      on conflict (account_id) do update set business_date = excluded.business_date, month_sum = excluded.month_sum, month_days = excluded.month_days,
        quarter_sum = excluded.quarter_sum, quarter_days = excluded.quarter_days, year_sum = excluded.year_sum, year_days = excluded.year_days,
        feed_run_id = excluded.feed_run_id, loaded_at = now()`.execute(this.tx);
    return Number(res.numAffectedRows ?? 0);
  }
}
