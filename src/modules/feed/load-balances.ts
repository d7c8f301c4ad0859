// The balances file (ACC-3): staged by account number, resolved to accounts, checked (unknown
// account, a day before opening, a day older than the account's running totals), then applied by
// the accounts module's set-based day (snapshots + running daily averages).
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { applyStagedDay, createDayBalanceStage, MONEY_RE, stagedDayProblems } from '../accounts/balance.service.ts';
import { ACCOUNT_NO_RE } from './load-accounts.ts';
import type { FeedRecord, Rejection } from './read-file.ts';
import { rejectUnknownAccounts, Stage } from './stage.ts';

export class BalanceFeed {
  private stage: Stage;
  private seen = new Set<string>();
  constructor(private tx: Tx, private file: string, private reject: (r: Rejection) => void) {
    this.stage = new Stage(tx, 'feed_balance', [{ name: 'line', type: 'int4' }, { name: 'account_no', type: 'text' }, { name: 'balance', type: 'numeric' }], 50_000);
  }
  async init() { await this.stage.create(); }

  async add(rec: FeedRecord) {
    const [accountNo, balance] = rec.values as [string, string];
    let ok = true;
    const bad = (field: string, code: string, value?: string) => { this.reject({ file: this.file, line: rec.line, field, code, value }); ok = false; };
    if (!ACCOUNT_NO_RE.test(accountNo)) bad('account_no', 'feed.account_no', accountNo);
    else if (this.seen.has(accountNo)) bad('account_no', 'feed.duplicate_in_file', accountNo);
    if (!MONEY_RE.test(balance)) bad('balance', 'feed.money_format', balance);
    if (!ok) return;
    this.seen.add(accountNo);
    await this.stage.push([rec.line, accountNo, balance]);
  }

  /** Resolves and checks the staged day; false when a row is refused (nothing applied then). */
  async check(businessDate: string): Promise<boolean> {
    await this.stage.done();
    this.seen.clear();
    const known = await rejectUnknownAccounts(this.tx, 'feed_balance', this.file, this.reject);
    await createDayBalanceStage(this.tx);
    await sql`insert into day_balance (account_id, balance, customer_id, opened_on, closed_on)
      select a.id, s.balance, a.customer_id, a.opened_on, a.closed_on from feed_balance s join account a on a.account_no = s.account_no`.execute(this.tx);
    const problems = await stagedDayProblems(this.tx, businessDate);
    if (problems.length) {
      const lines = await sql<{ id: number; line: number; account_no: string }>`
        select a.id, s.line, s.account_no from feed_balance s join account a on a.account_no = s.account_no
        where a.id = any(${problems.map((p) => p.accountId)}::int8[])`.execute(this.tx);
      const byId = new Map(lines.rows.map((l) => [Number(l.id), l]));
      for (const p of problems) {
        const l = byId.get(p.accountId);
        this.reject({ file: this.file, line: l?.line ?? 0, field: 'account_no', code: p.reason === 'before_opening' ? 'feed.before_opening' : 'feed.account_superseded', value: l?.account_no });
      }
    }
    return known && problems.length === 0;
  }

  apply(businessDate: string, timings?: Record<string, number>) { return applyStagedDay(this.tx, businessDate, timings); }
}
