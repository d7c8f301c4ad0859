// The accounts file (ACC-2): every field is core-owned, so a known account number is overwritten
// and an unknown one opened. Lines staged as read, row checks in SQL over the staged file (lines
// failing them reported by checkAccountRow below: account-rows.ts), references (holder, product,
// institution, currency) in one SQL pass over the checked rows, then one INSERT … ON CONFLICT (with the indexes built after
// it when the file is larger than the table: a bank's first load, db/bulk-indexes.ts).
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { CopyIn } from '../../db/copy-in.ts';
import { withIndexesBuiltAfter } from '../../db/bulk-indexes.ts';
import { MONEY_RE } from '../accounts/balances/balance.service.ts';
import { ACCOUNT_KIND_CODES, ACCOUNT_STATUS_CODES, GUARANTEE_CODES } from './layouts.ts';
import { feedDate, type FeedRecord, type Rejection } from './read-file.ts';
import { Stage } from './stage.ts';
import { ACCOUNT_COLUMNS, checkStagedAccountRows, RAW_ACCOUNT_COLUMNS } from './account-rows.ts';
import type { HandedBackRow } from './hand-back.ts';
import { RejectionList } from './line-order.ts';

export const ACCOUNT_NO_RE = /^[0-9A-Za-z-]{1,32}$/;
const RATE_RE = /^\d{1,3}(\.\d{1,4})?$/;

export class AccountFeed {
  private raw: Stage;
  private unreadable = new RejectionList();
  constructor(private tx: Tx, private file: string, private reject: (r: Rejection) => void, private copyIn: CopyIn | null = null) {
    this.raw = new Stage(tx, 'feed_account_raw', RAW_ACCOUNT_COLUMNS, 20_000, copyIn);
  }
  async init() { await this.raw.create(); }

  /** A line the reader could not take: reported in line order with the row checks'. */
  unreadableLine(r: Rejection) { this.unreadable.add(r); }

  /** Stages the line as sent: it is checked with the whole file (account-rows.ts). */
  async add(rec: FeedRecord) { await this.raw.push([rec.line, ...rec.values]); }

  /** Reference checks, then the merge; returns the counts (nothing is merged when a row is refused). */
  async finish(timings: Record<string, number> = {}): Promise<{ opened: number; updated: number }> {
    let t0 = performance.now();
    const lap = (step: string) => { timings[step] = Math.round(performance.now() - t0); t0 = performance.now(); };
    await this.raw.done();
    lap('staged');
    const checked = new RejectionList();
    const rows = new Stage(this.tx, 'feed_account', ACCOUNT_COLUMNS, 20_000, this.copyIn);
    await checkStagedAccountRows(this.tx, async (raw) => {
      const row = checkAccountRow(raw, (r) => checked.add({ file: this.file, ...r }));
      if (row) await rows.push(row);
    });
    await rows.done();
    this.unreadable.releaseWith(checked, this.reject);
    lap('rows');
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
    // The staged rows as account rows; a merged customer's old number resolves to the survivor.
    const accounts = sql`insert into account (account_no, customer_id, product_id, kind, currency, institution_id, opened_on, closed_on, status, balance, rate,
        maturity_on, term_months, contract_no, contract_amount, guarantee_type, origin)
      select s.account_no, coalesce(c.merged_into, c.id), s.product_id, s.kind, s.currency, i.id, s.opened_on, s.closed_on, s.status, s.balance, s.rate,
        s.maturity_on, s.term_months, s.contract_no, s.contract_amount, s.guarantee_type, 'core'
      from feed_account s join customer c on c.customer_no = s.customer_no join institution i on upper(i.code) = s.institution_code`;
    // No account yet (a bank's first load): every row is an opening, inserted without ON CONFLICT,
    // with the account number's unique index built after the rows like the others.
    const empty = (await sql<{ empty: boolean }>`select not exists (select 1 from account) as empty`.execute(this.tx)).rows[0]!.empty;
    if (empty) {
      const inserted = await withIndexesBuiltAfter(this.tx, ['account'], this.raw.count, () => accounts.execute(this.tx), { unique: true });
      lap('merge');
      return { opened: Number(inserted.numAffectedRows ?? 0), updated: 0 };
    }
    // Counted in SQL: returning every row would ship millions of rows to Node on an initial load.
    const res = await withIndexesBuiltAfter(this.tx, ['account'], this.raw.count, () => sql<{ opened: number; total: number }>`
      with up as (${accounts}
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

/** A core code's CRM value; only the table's own codes (not `constructor` or other inherited keys of an object). */
const codeOf = (codes: Record<string, string>, code: string | undefined) => (code !== undefined && Object.hasOwn(codes, code) ? codes[code]! : undefined);

/**
 * The row checks of one accounts line the SQL checks did not pass (account-rows.ts states the same
 * rules set-based): its problems reported, each naming the value, or its values as ACCOUNT_COLUMNS stages them.
 */
function checkAccountRow(raw: HandedBackRow, reject: (r: Omit<Rejection, 'file'>) => void): unknown[] | null {
  const [accountNo, customerNo, productId, kindCode, currency, inst, opened, closed, statusCode, balance, rate, maturity, term, contractNo, contractAmount, guarantee] = raw.values.map((x) => x ?? '');
  let ok = true;
  const bad = (field: string, code: string, value?: string) => { reject({ line: raw.line, field, code, value }); ok = false; };
  if (!ACCOUNT_NO_RE.test(accountNo!)) bad('account_no', 'feed.account_no', accountNo);
  else if (raw.repeated) bad('account_no', 'feed.duplicate_in_file', accountNo);
  if (!/^\d{1,11}$/.test(customerNo!)) bad('customer_no', 'feed.customer_no', customerNo);
  if (!/^\d{10}$/.test(productId!)) bad('product_id', 'feed.product_id', productId);
  const kind = codeOf(ACCOUNT_KIND_CODES, kindCode); if (!kind) bad('kind', 'feed.code_unknown', kindCode);
  if (!/^[A-Z]{3}$/.test(currency!)) bad('currency', 'feed.code_unknown', currency);
  if (!inst) bad('institution_code', 'feed.required');
  else if (inst.length > 4) bad('institution_code', 'feed.institution_unknown', inst);
  const openedOn = feedDate(opened!); if (!openedOn) bad('opened_on', 'feed.date_format', opened);
  const closedOn = closed ? feedDate(closed) : null; if (closed && !closedOn) bad('closed_on', 'feed.date_format', closed);
  const maturityOn = maturity ? feedDate(maturity) : null; if (maturity && !maturityOn) bad('maturity_on', 'feed.date_format', maturity);
  const status = codeOf(ACCOUNT_STATUS_CODES, statusCode); if (!status) bad('status', 'feed.code_unknown', statusCode);
  if (!MONEY_RE.test(balance!)) bad('balance', 'feed.money_format', balance);
  if (rate && !RATE_RE.test(rate)) bad('rate', 'feed.rate_format', rate);
  if (term && (!/^\d{1,3}$/.test(term) || Number(term) < 1 || Number(term) > 600)) bad('term_months', 'feed.term', term);
  if (contractAmount && (!MONEY_RE.test(contractAmount) || contractAmount.startsWith('-'))) bad('contract_amount', 'feed.money_format', contractAmount);
  const guaranteeType = guarantee ? codeOf(GUARANTEE_CODES, guarantee) : null; if (guarantee && !guaranteeType) bad('guarantee_type', 'feed.code_unknown', guarantee);
  if ((contractNo?.length ?? 0) > 40) bad('contract_no', 'feed.too_long');
  if (status && (status === 'closed') !== Boolean(closed)) bad('closed_on', 'feed.closed_date');
  if (openedOn && closedOn && closedOn < openedOn) bad('closed_on', 'feed.closed_before_opened');
  if (openedOn && maturityOn && maturityOn < openedOn) bad('maturity_on', 'feed.maturity_before_opened');
  if (kind && kind !== 'loan' && (contractNo || contractAmount || guarantee)) bad('contract_no', 'feed.contract_not_loan');
  if (kind === 'loan' && !contractNo) bad('contract_no', 'feed.required');
  if (!ok) return null;
  return [raw.line, accountNo, customerNo, productId, kind, currency, inst!.toUpperCase(), openedOn, closedOn, status, balance,
    rate || null, maturityOn, term ? Number(term) : null, contractNo || null, contractAmount || null, guaranteeType];
}
