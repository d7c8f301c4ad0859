// The balances file (ACC-3): staged by account number, resolved to accounts, checked (unknown
// account, twice in the file, a day before opening, a day older than the account's running
// totals), then applied by the accounts module's set-based day (snapshots + running daily averages).
// At 3,000,000 rows per day every check is one set-based statement, and those that only matter on
// a bad day (which unknown numbers, which lines) run only then.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { CopyIn } from '../../db/copy-in.ts';
import { applyStagedDay, createDayBalanceStage, DAY_BALANCE_FACTS, MONEY_RE, stagedDayProblems, type StagedDayProblem } from '../accounts/balances/balance.service.ts';
import { ACCOUNT_NO_RE } from './load-accounts.ts';
import type { FeedRecord, Rejection } from './read-file.ts';
import { rejectUnknownAccounts, Stage } from './stage.ts';

const CODE_OF: Record<Exclude<StagedDayProblem['reason'], 'unknown'>, string> = {
  before_opening: 'feed.before_opening', superseded: 'feed.account_superseded', duplicate: 'feed.duplicate_in_file',
};

export class BalanceFeed {
  private stage: Stage;
  constructor(private tx: Tx, private file: string, private reject: (r: Rejection) => void, copyIn: CopyIn | null = null) {
    this.stage = new Stage(tx, 'feed_balance', [{ name: 'line', type: 'int4' }, { name: 'account_no', type: 'text' }, { name: 'balance', type: 'numeric' }], 100_000, copyIn);
  }
  async init() { await this.stage.create(); }

  async add(rec: FeedRecord) {
    const [accountNo, balance] = rec.values as [string, string];
    let ok = true;
    const bad = (field: string, code: string, value?: string) => { this.reject({ file: this.file, line: rec.line, field, code, value }); ok = false; };
    if (!ACCOUNT_NO_RE.test(accountNo)) bad('account_no', 'feed.account_no', accountNo);
    if (!MONEY_RE.test(balance)) bad('balance', 'feed.money_format', balance);
    if (ok) await this.stage.push([rec.line, accountNo, balance]);
  }

  /** Resolves and checks the staged day; false when a row is refused (nothing applied then). */
  async check(businessDate: string): Promise<boolean> {
    await this.stage.done();
    await createDayBalanceStage(this.tx);
    const resolved = await sql`insert into day_balance (account_id, balance, ${sql.join(DAY_BALANCE_FACTS.map((c) => sql.ref(c)))})
      select a.id, s.balance, ${sql.join(DAY_BALANCE_FACTS.map((c) => sql.ref(`a.${c}`)))} from feed_balance s join account a on a.account_no = s.account_no`.execute(this.tx);
    // Each staged row matches at most one account: fewer rows out than in means unknown numbers.
    const known = Number(resolved.numAffectedRows ?? 0) === this.stage.count || await rejectUnknownAccounts(this.tx, 'feed_balance', this.file, this.reject);
    const problems = await stagedDayProblems(this.tx, businessDate);
    if (problems.length) {
      const ids = [...new Set(problems.map((p) => p.accountId!))];
      const lines = await sql<{ id: number; line: number; account_no: string }>`
        select a.id, s.line, s.account_no from feed_balance s join account a on a.account_no = s.account_no
        where a.id = any(${ids}::int8[]) order by s.line`.execute(this.tx);
      const linesOf = new Map<number, typeof lines.rows>();
      for (const l of lines.rows) linesOf.set(Number(l.id), [...(linesOf.get(Number(l.id)) ?? []), l]);
      for (const p of problems) {
        const of = linesOf.get(p.accountId!) ?? [];
        // A number twice in the file: every line after its first is the rejected one.
        for (const l of p.reason === 'duplicate' ? of.slice(1) : of.slice(0, 1)) {
          this.reject({ file: this.file, line: l.line, field: 'account_no', code: CODE_OF[p.reason as keyof typeof CODE_OF], value: l.account_no });
        }
      }
    }
    return known && problems.length === 0;
  }

  apply(businessDate: string, timings?: Record<string, number>) { return applyStagedDay(this.tx, businessDate, timings); }
}
