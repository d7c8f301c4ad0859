// The accounts file (ACC-2): every field is core-owned, so a known account number is overwritten
// and an unknown one opened. Row checks in JS, references (holder, product, institution, currency)
// in one SQL pass over the staged rows, then one INSERT … ON CONFLICT (with the indexes built after
// it when the file is larger than the table: a bank's first load, db/bulk-indexes.ts).
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { CopyIn } from '../../db/copy-in.ts';
import { withIndexesBuiltAfter } from '../../db/bulk-indexes.ts';
import { MONEY_RE } from '../accounts/balances/balance.service.ts';
import { ACCOUNT_KIND_CODES, ACCOUNT_STATUS_CODES, GUARANTEE_CODES } from './layouts.ts';
import { feedDate, type FeedRecord, type Rejection } from './read-file.ts';
import { Stage } from './stage.ts';

export const ACCOUNT_NO_RE = /^[0-9A-Za-z-]{1,32}$/;
const RATE_RE = /^\d{1,3}(\.\d{1,4})?$/;

export class AccountFeed {
  private stage: Stage;
  private seen = new Set<string>();
  constructor(private tx: Tx, private file: string, private reject: (r: Rejection) => void, copyIn: CopyIn | null = null) {
    this.stage = new Stage(tx, 'feed_account', [
      { name: 'line', type: 'int4' }, { name: 'account_no', type: 'text' }, { name: 'customer_no', type: 'text' }, { name: 'product_id', type: 'text' },
      { name: 'kind', type: 'text' }, { name: 'currency', type: 'text' }, { name: 'institution_code', type: 'text' }, { name: 'opened_on', type: 'date' },
      { name: 'closed_on', type: 'date' }, { name: 'status', type: 'text' }, { name: 'balance', type: 'numeric' }, { name: 'rate', type: 'numeric' },
      { name: 'maturity_on', type: 'date' }, { name: 'term_months', type: 'int4' }, { name: 'contract_no', type: 'text' },
      { name: 'contract_amount', type: 'numeric' }, { name: 'guarantee_type', type: 'text' },
    ], 20_000, copyIn);
  }
  async init() { await this.stage.create(); }

  async add(rec: FeedRecord) {
    const [accountNo, customerNo, productId, kindCode, currency, inst, opened, closed, statusCode, balance, rate, maturity, term, contractNo, contractAmount, guarantee] = rec.values as string[];
    let ok = true;
    const bad = (field: string, code: string, value?: string) => { this.reject({ file: this.file, line: rec.line, field, code, value }); ok = false; };
    if (!ACCOUNT_NO_RE.test(accountNo!)) bad('account_no', 'feed.account_no', accountNo);
    else if (this.seen.has(accountNo!)) bad('account_no', 'feed.duplicate_in_file', accountNo);
    if (!/^\d{1,11}$/.test(customerNo!)) bad('customer_no', 'feed.customer_no');
    if (!/^\d{10}$/.test(productId!)) bad('product_id', 'feed.product_id');
    const kind = ACCOUNT_KIND_CODES[kindCode!]; if (!kind) bad('kind', 'feed.code_unknown', kindCode);
    if (!/^[A-Z]{3}$/.test(currency!)) bad('currency', 'feed.code_unknown', currency);
    if (!inst || inst.length > 4) bad('institution_code', 'feed.institution_unknown', inst);
    const openedOn = feedDate(opened!); if (!openedOn) bad('opened_on', 'feed.date_format', opened);
    const closedOn = closed ? feedDate(closed) : null; if (closed && !closedOn) bad('closed_on', 'feed.date_format', closed);
    const maturityOn = maturity ? feedDate(maturity) : null; if (maturity && !maturityOn) bad('maturity_on', 'feed.date_format', maturity);
    const status = ACCOUNT_STATUS_CODES[statusCode!]; if (!status) bad('status', 'feed.code_unknown', statusCode);
    if (!MONEY_RE.test(balance!)) bad('balance', 'feed.money_format', balance);
    if (rate && !RATE_RE.test(rate)) bad('rate', 'feed.rate_format', rate);
    if (term && (!/^\d{1,3}$/.test(term) || Number(term) < 1 || Number(term) > 600)) bad('term_months', 'feed.term', term);
    if (contractAmount && (!MONEY_RE.test(contractAmount) || contractAmount.startsWith('-'))) bad('contract_amount', 'feed.money_format', contractAmount);
    const guaranteeType = guarantee ? GUARANTEE_CODES[guarantee] : null; if (guarantee && !guaranteeType) bad('guarantee_type', 'feed.code_unknown', guarantee);
    if ((contractNo?.length ?? 0) > 40) bad('contract_no', 'feed.too_long');
    if (status && (status === 'closed') !== Boolean(closed)) bad('closed_on', 'feed.closed_date');
    if (openedOn && closedOn && closedOn < openedOn) bad('closed_on', 'feed.closed_before_opened');
    if (openedOn && maturityOn && maturityOn < openedOn) bad('maturity_on', 'feed.maturity_before_opened');
    if (kind && kind !== 'loan' && (contractNo || contractAmount || guarantee)) bad('contract_no', 'feed.contract_not_loan');
    if (kind === 'loan' && !contractNo) bad('contract_no', 'feed.required');
    if (!ok) return;
    this.seen.add(accountNo!);
    await this.stage.push([rec.line, accountNo, customerNo, productId, kind, currency, inst!.toUpperCase(), openedOn, closedOn, status, balance,
      rate || null, maturityOn, term ? Number(term) : null, contractNo || null, contractAmount || null, guaranteeType]);
  }

  /** Reference checks, then the merge; returns the counts (nothing is merged when a row is refused). */
  async finish(timings: Record<string, number> = {}): Promise<{ opened: number; updated: number }> {
    let t0 = performance.now();
    const lap = (step: string) => { timings[step] = Math.round(performance.now() - t0); t0 = performance.now(); };
    await this.stage.done();
    lap('staged');
    // A merged customer's old number resolves to the survivor, as core systems keep sending it.
    const problems = await sql<{ line: number; field: string; code: string; value: string }>`
      select s.line, x.field, x.code, x.value from feed_account s
      left join customer c on c.customer_no = s.customer_no and c.status <> 'deleted'
      left join product p on p.id = s.product_id
      left join institution i on upper(i.code) = s.institution_code
      left join code_item ci on ci.table_code = 'currency' and ci.code = s.currency and ci.active
      cross join lateral (values
        ('customer_no', 'feed.customer_unknown', s.customer_no, c.id is null),
        ('product_id', 'feed.product_unknown', s.product_id, p.id is null),
        ('institution_code', 'feed.institution_unknown', s.institution_code, i.id is null),
        ('currency', 'feed.code_unknown', s.currency, ci.code is null)) x(field, code, value, failed)
      where x.failed order by s.line limit 1000`.execute(this.tx);
    for (const p of problems.rows) this.reject({ file: this.file, line: p.line, field: p.field, code: p.code, value: p.value });
    lap('check');
    if (problems.rows.length) return { opened: 0, updated: 0 };
    // Counted in SQL: returning every row would ship millions of rows to Node on an initial load.
    const res = await withIndexesBuiltAfter(this.tx, ['account'], this.stage.count, () => sql<{ opened: number; total: number }>`
      with up as (insert into account (account_no, customer_id, product_id, kind, currency, institution_id, opened_on, closed_on, status, balance, rate,
        maturity_on, term_months, contract_no, contract_amount, guarantee_type, origin)
      select s.account_no, coalesce(c.merged_into, c.id), s.product_id, s.kind, s.currency, i.id, s.opened_on, s.closed_on, s.status, s.balance, s.rate,
        s.maturity_on, s.term_months, s.contract_no, s.contract_amount, s.guarantee_type, 'core'
      from feed_account s join customer c on c.customer_no = s.customer_no join institution i on upper(i.code) = s.institution_code
      on conflict (account_no) do update set customer_id = excluded.customer_id, product_id = excluded.product_id, kind = excluded.kind,
        currency = excluded.currency, institution_id = excluded.institution_id, opened_on = excluded.opened_on, closed_on = excluded.closed_on,
        status = excluded.status, balance = excluded.balance, rate = excluded.rate, maturity_on = excluded.maturity_on, term_months = excluded.term_months,
        contract_no = excluded.contract_no, contract_amount = excluded.contract_amount, guarantee_type = excluded.guarantee_type, updated_at = now()
      returning (xmax = 0) as inserted)
      select count(*) filter (where inserted)::int8 as opened, count(*)::int8 as total from up`.execute(this.tx));
    lap('merge');
    const { opened, total } = res.rows[0]!;
    return { opened: Number(opened), updated: Number(total) - Number(opened) };
  }
}
