// ACC-2 accounts and loan contracts. They are core-banking data: the CRM never edits them, the
// daily feed writes them through upsertAccounts, and staff read them within their data scope.
//
// Account numbers (PIPL): a card or account number is enough to attempt fraud, so roles without
// customer.sensitive.read see 6222****1234. Holders — the managers who serve the customer and
// must quote the number to the counter — see it in full, and each such read is audited.
import { sql } from 'kysely';
import type { Database, Tx } from '../../db/database.ts';
import { invalid, notFound, type FieldError } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import { can, type Actor } from '../auth/actor.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { accountRow, type AccountRow } from './account.schema.ts';

/** 6222021234567891234 → 6222****1234: the bank's BIN and the last four, nothing between. */
export function maskAccountNo(no: string): string {
  if (no.length <= 4) return '****';
  if (no.length <= 8) return `****${no.slice(-4)}`;
  return `${no.slice(0, 4)}****${no.slice(-4)}`;
}

const COLUMNS = ['a.id', 'a.account_no', 'a.customer_id', 'a.product_id', 'p.name_zh as product_name_zh', 'p.name_en as product_name_en',
  'a.kind', 'a.currency', 'a.institution_id', 'i.name as institution_name', 'a.opened_on', 'a.closed_on', 'a.status',
  // One balance of record per account and day (issue 12): the latest daily snapshot, whose running
  // totals row keeps it; the accounts file's balance only until the first balances file is loaded.
  sql<string>`coalesce(av.last_balance, a.balance)`.as('balance'), 'av.through_date as balance_on',
  'a.rate', 'a.maturity_on', 'a.term_months', 'a.contract_no', 'a.contract_amount', 'a.guarantee_type', 'a.origin'] as const;

function baseQuery(db: Database | Tx) {
  return db.selectFrom('account as a').innerJoin('product as p', 'p.id', 'a.product_id').innerJoin('institution as i', 'i.id', 'a.institution_id')
    .innerJoin('customer', 'customer.id', 'a.customer_id').leftJoin('account_average as av', 'av.account_id', 'a.id');
}
type Row = Awaited<ReturnType<ReturnType<ReturnType<typeof baseQuery>['select']>['execute']>>[number] & Record<string, unknown>;

function toApi(r: Row, unmasked: boolean) {
  return {
    id: r.id, accountNo: unmasked ? r.account_no : maskAccountNo(r.account_no as string), masked: !unmasked,
    customerId: r.customer_id, productId: r.product_id, productNameZh: r.product_name_zh, productNameEn: r.product_name_en,
    kind: r.kind, currency: r.currency, institutionId: r.institution_id, institutionName: r.institution_name,
    openedOn: r.opened_on, closedOn: r.closed_on, status: r.status, balance: r.balance, balanceOn: r.balance_on ?? null, rate: r.rate, maturityOn: r.maturity_on,
    termMonths: r.term_months, contractNo: r.contract_no, contractAmount: r.contract_amount, guaranteeType: r.guarantee_type, origin: r.origin,
  };
}

/** A customer's accounts and contracts; 404 when the customer is not in the caller's scope. */
export async function listCustomerAccounts(db: Database, actor: Actor, customerId: number) {
  const c = await db.selectFrom('customer').select(['id']).where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const rows = await baseQuery(db).select([...COLUMNS]).where('a.customer_id', '=', customerId)
    .orderBy('a.kind').orderBy('a.opened_on').orderBy('a.id').execute() as Row[];
  const unmasked = can(actor, 'customer.sensitive.read');
  if (unmasked && rows.length) {
    await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'account.read_unmasked', entityType: 'customer', entityId: customerId,
      after: { accounts: rows.length } }));
  }
  return { customerId, items: rows.map((r) => toApi(r, unmasked)) };
}

/** Who holds this account number, within the caller's scope (search by account number). */
export async function findByAccountNo(db: Database, actor: Actor, accountNo: string) {
  const r = await baseQuery(db).select([...COLUMNS, 'customer.customer_no', 'customer.name as customer_name', 'customer.kind as customer_kind'])
    .where('a.account_no', '=', accountNo).where(customerInScope(actor)).executeTakeFirst() as Row | undefined;
  if (!r) throw notFound('account');
  const unmasked = can(actor, 'customer.sensitive.read');
  if (unmasked) {
    await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'account.read_unmasked', entityType: 'account', entityId: r.id as number,
      after: { customerId: r.customer_id } }));
  }
  return { customer: { id: r.customer_id, customerNo: r.customer_no, name: r.customer_name, kind: r.customer_kind }, account: toApi(r, unmasked) };
}

function crossChecks(r: AccountRow, path: string): FieldError[] {
  const e: FieldError[] = [];
  if ((r.status === 'closed') !== Boolean(r.closedOn)) e.push({ path: `${path}.closedOn`, code: 'accounts.closed_date' });
  if (r.closedOn && r.closedOn < r.openedOn) e.push({ path: `${path}.closedOn`, code: 'accounts.closed_before_opened' });
  if (r.maturityOn && r.maturityOn < r.openedOn) e.push({ path: `${path}.maturityOn`, code: 'accounts.maturity_before_opened' });
  if (r.kind !== 'loan' && (r.contractNo || r.contractAmount || r.guaranteeType)) e.push({ path: `${path}.contractNo`, code: 'accounts.contract_not_loan' });
  if (r.kind === 'loan' && !r.contractNo) e.push({ path: `${path}.contractNo`, code: 'accounts.contract_required' });
  if (r.contractAmount?.startsWith('-')) e.push({ path: `${path}.contractAmount`, code: 'accounts.amount_negative' });
  return e;
}

/**
 * Inserts or replaces accounts by account number, for the core-banking feed. Every row is
 * checked first and every rejected row reported (paths `rows.N.field`); nothing is written
 * unless all pass. A merged customer's number resolves to the survivor, as core systems keep
 * sending the old number. One audit row per call, with the counts.
 */
export async function upsertAccounts(tx: Tx, actor: Actor, input: unknown[]) {
  const errors: FieldError[] = [];
  const rows: { i: number; r: AccountRow }[] = [];
  input.forEach((raw, i) => {
    const parsed = accountRow.safeParse(raw);
    if (!parsed.success) {
      // One error per field: our own code where the schema names one, else the generic message.
      const byPath = new Map<string, string>();
      for (const issue of parsed.error.issues) {
        const path = ['rows', i, ...issue.path].join('.');
        const own = /^[a-z_]+\.[a-z_.]+$/.test(issue.message) ? issue.message : null;
        if (own || !byPath.has(path)) byPath.set(path, own ?? byPath.get(path) ?? 'accounts.field_invalid');
      }
      for (const [path, code] of byPath) errors.push({ path, code });
    } else {
      errors.push(...crossChecks(parsed.data, `rows.${i}`));
      rows.push({ i, r: parsed.data });
    }
  });
  const seen = new Map<string, number>();
  for (const { i, r } of rows) {
    if (seen.has(r.accountNo)) errors.push({ path: `rows.${i}.accountNo`, code: 'accounts.duplicate_in_batch', params: { row: seen.get(r.accountNo) } });
    else seen.set(r.accountNo, i);
  }
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  const lookup = async <K extends string>(keys: K[], load: (ks: K[]) => Promise<[K, number | string][]>) => new Map(keys.length ? await load(keys) : []);
  const customers = await lookup(uniq(rows.map((x) => x.r.customerNo)), async (ks) =>
    (await tx.selectFrom('customer').select(['customer_no', 'id', 'status', 'merged_into']).where('customer_no', 'in', ks).execute())
      .flatMap((c) => (c.status === 'merged' && c.merged_into ? [[c.customer_no, c.merged_into]] : c.status === 'active' ? [[c.customer_no, c.id]] : [])) as [string, number][]);
  const products = await lookup(uniq(rows.map((x) => x.r.productId)), async (ks) =>
    (await tx.selectFrom('product').select(['id']).where('id', 'in', ks).execute()).map((p) => [p.id, p.id] as [string, string]));
  const institutions = await lookup(uniq(rows.map((x) => x.r.institutionCode)), async (ks) =>
    (await tx.selectFrom('institution').select(['code', 'id']).where('code', 'in', ks).execute()).map((x) => [x.code, x.id] as [string, number]));
  const currencies = await lookup(uniq(rows.map((x) => x.r.currency)), async (ks) =>
    (await tx.selectFrom('code_item').select('code').where('table_code', '=', 'currency').where('active', '=', true).where('code', 'in', ks).execute()).map((c) => [c.code, 1] as [string, number]));
  for (const { i, r } of rows) {
    if (!customers.has(r.customerNo)) errors.push({ path: `rows.${i}.customerNo`, code: 'accounts.customer_unknown', params: { customerNo: r.customerNo } });
    if (!products.has(r.productId)) errors.push({ path: `rows.${i}.productId`, code: 'accounts.product_unknown', params: { productId: r.productId } });
    if (!institutions.has(r.institutionCode)) errors.push({ path: `rows.${i}.institutionCode`, code: 'accounts.institution_unknown' });
    if (!currencies.has(r.currency)) errors.push({ path: `rows.${i}.currency`, code: 'products.currency_unknown' });
  }
  if (errors.length) throw invalid(...errors);

  const existing = new Set(rows.length ? (await tx.selectFrom('account').select('account_no').where('account_no', 'in', rows.map((x) => x.r.accountNo)).execute()).map((a) => a.account_no) : []);
  for (const { r } of rows) {
    // Every column here is core-owned: the feed's value replaces the CRM's copy.
    const values = {
      customer_id: customers.get(r.customerNo) as number, product_id: r.productId, kind: r.kind, currency: r.currency,
      institution_id: institutions.get(r.institutionCode) as number, opened_on: r.openedOn, closed_on: r.closedOn ?? null, status: r.status,
      balance: r.balance, rate: r.rate ?? null, maturity_on: r.maturityOn ?? null, term_months: r.termMonths ?? null,
      contract_no: r.contractNo ?? null, contract_amount: r.contractAmount ?? null, guarantee_type: r.guaranteeType ?? null,
    };
    await tx.insertInto('account').values({ account_no: r.accountNo, origin: 'core', ...values })
      .onConflict((oc) => oc.column('account_no').doUpdateSet({ ...values, updated_at: new Date() })).execute();
  }
  const result = { inserted: rows.filter((x) => !existing.has(x.r.accountNo)).length, updated: rows.filter((x) => existing.has(x.r.accountNo)).length };
  await writeAudit(tx, actor, { action: 'account.upsert', entityType: 'account', after: result });
  return result;
}
