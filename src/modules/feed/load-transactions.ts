// The transactions file: checked rows staged, then the day's rows replaced (a reload deletes the
// day's transactions and inserts the file again) in the month's partition (transactions are a few
// hundred thousand a day, appended by business date: a month partition stays cheap).
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { CopyIn } from '../../db/copy-in.ts';
import { MONEY_RE } from '../accounts/balances/balance.service.ts';
import { ACCOUNT_NO_RE } from './load-accounts.ts';
import { CHANNEL_CODES } from './layouts.ts';
import type { FeedRecord, Rejection } from './read-file.ts';
import { rejectUnknownAccounts, Stage } from './stage.ts';

export class TransactionFeed {
  private stage: Stage;
  private seen = new Set<string>();
  constructor(private tx: Tx, private file: string, private reject: (r: Rejection) => void, copyIn: CopyIn | null = null) {
    this.stage = new Stage(tx, 'feed_transaction', [
      { name: 'line', type: 'int4' }, { name: 'txn_no', type: 'text' }, { name: 'account_no', type: 'text' }, { name: 'txn_time', type: 'time' },
      { name: 'direction', type: 'text' }, { name: 'amount', type: 'numeric' }, { name: 'balance_after', type: 'numeric' }, { name: 'channel', type: 'text' },
      { name: 'counterparty_account', type: 'text' }, { name: 'counterparty_name', type: 'text' }, { name: 'summary', type: 'text' },
    ], 20_000, copyIn);
  }
  async init() { await this.stage.create(); }

  async add(rec: FeedRecord) {
    const [txnNo, accountNo, time, direction, amount, balanceAfter, channel, cpAccount, cpName, summary] = rec.values as string[];
    let ok = true;
    const bad = (field: string, code: string, value?: string) => { this.reject({ file: this.file, line: rec.line, field, code, value }); ok = false; };
    if (!txnNo || txnNo.length > 32) bad('txn_no', txnNo ? 'feed.too_long' : 'feed.required');
    else if (this.seen.has(txnNo)) bad('txn_no', 'feed.duplicate_in_file', txnNo);
    if (!ACCOUNT_NO_RE.test(accountNo!)) bad('account_no', 'feed.account_no', accountNo);
    const t = /^([01]\d|2[0-3])([0-5]\d)([0-5]\d)$/.exec(time!);
    if (time && !t) bad('txn_time', 'feed.time_format', time);
    if (direction !== 'D' && direction !== 'C') bad('direction', 'feed.code_unknown', direction);
    if (!MONEY_RE.test(amount!) || amount!.startsWith('-')) bad('amount', 'feed.money_format', amount);
    if (balanceAfter && !MONEY_RE.test(balanceAfter)) bad('balance_after', 'feed.money_format', balanceAfter);
    if (!CHANNEL_CODES.has(channel!)) bad('channel', 'feed.code_unknown', channel);
    if ((cpAccount?.length ?? 0) > 32) bad('counterparty_account', 'feed.too_long');
    if ((cpName?.length ?? 0) > 120) bad('counterparty_name', 'feed.too_long');
    if ((summary?.length ?? 0) > 60) bad('summary', 'feed.too_long');
    if (!ok) return;
    this.seen.add(txnNo!);
    await this.stage.push([rec.line, txnNo, accountNo, t ? `${t[1]}:${t[2]}:${t[3]}` : null, direction, amount, balanceAfter || null, channel,
      cpAccount || null, cpName || null, summary || null]);
  }

  async finish(businessDate: string): Promise<{ transactions: number } | null> {
    await this.stage.done();
    this.seen.clear();
    const known = await rejectUnknownAccounts(this.tx, 'feed_transaction', this.file, this.reject);
    if (!known) return null;
    await sql`select account_transaction_partition(${businessDate}::date)`.execute(this.tx);
    await sql`delete from account_transaction where business_date = ${businessDate}::date`.execute(this.tx);
    const res = await sql`
      insert into account_transaction (business_date, txn_no, account_id, customer_id, txn_time, direction, amount, balance_after, channel,
        counterparty_account, counterparty_name, summary)
      select ${businessDate}::date, s.txn_no, a.id, a.customer_id, s.txn_time, s.direction, s.amount, s.balance_after, s.channel,
        s.counterparty_account, s.counterparty_name, s.summary
      from feed_transaction s join account a on a.account_no = s.account_no`.execute(this.tx);
    return { transactions: Number(res.numAffectedRows ?? 0) };
  }
}
