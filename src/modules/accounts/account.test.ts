// ACC-2 accounts and loan contracts: the feed's upsertAccounts (validated, all-or-nothing, one
// audit row per call), a customer's accounts within the data scope, finding a customer by account
// number, account-number masking (PIPL), and a merge taking the accounts to the survivor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, setInformationReview, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';
import { maskAccountNo, upsertAccounts } from './account.service.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let reviewA: Client;
const customers: Record<'a' | 'a2' | 'b', { id: number; no: string }> = {} as never;
const CARD = '6222021234567891234';
const LOAN = '6228480000000001';
const B_ACC = '6222029999999990001';

const upsert = (rows: unknown[]) => ctx.handle.db.transaction().execute((tx) => upsertAccounts(tx, ctx.system, rows));
const demand = (accountNo: string, customerNo: string, extra: Record<string, unknown> = {}) => ({ accountNo, customerNo, productId: '1010000001', kind: 'deposit_demand',
  currency: 'CNY', institutionCode: 'A110', openedOn: '2023-03-15', status: 'active', balance: '1520.35', rate: '0.1500', ...extra });
const loan = (customerNo: string, extra: Record<string, unknown> = {}) => ({ accountNo: LOAN, customerNo, productId: '2020000001', kind: 'loan', currency: 'CNY',
  institutionCode: 'A110', openedOn: '2024-02-01', status: 'active', balance: '800000.00', rate: '3.4500', maturityOn: '2027-02-01', termMonths: 36,
  contractNo: 'JK2024A110-0001', contractAmount: '1000000.00', guaranteeType: 'mortgage', ...extra });
const accountsOf = (customerId: number) => ctx.handle.db.selectFrom('account').select(['account_no', 'balance']).where('customer_id', '=', customerId).orderBy('account_no').execute();

async function open(client: Client, name: string) {
  const res = await client.post('/api/customers', { kind: 'corporate', name });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const row = await ctx.handle.db.selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow();
  return { id, no: row.customer_no };
}

beforeAll(async () => {
  ctx = await createTestContext();
  // The merge itself is tested here; merges under review are tested in merge-review.test.ts.
  await setInformationReview(ctx, { merge: 'off' });
  await ctx.addUser('ac_pm', ctx.bank.ho, ['product_manager']);
  await ctx.addUser('ac_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('ac_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('ac_review_a', ctx.bank.branchA, ['data_review_clerk']);
  const pm = await ctx.login('ac_pm');
  [clerkA1, clerkB1, reviewA] = await Promise.all(['ac_clerk_a1', 'ac_clerk_b1', 'ac_review_a'].map((u) => ctx.login(u)));
  for (const p of [{ id: '1010000001', nameZh: '单位活期存款', nameEn: 'Corporate demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' },
    { id: '2020000001', nameZh: '流动资金贷款', nameEn: 'Working-capital loan', category: 'loan', subType: 'working_capital', currency: 'CNY' }]) {
    expect((await pm.post('/api/products', p)).statusCode).toBe(201);
  }
  customers.a = await open(clerkA1, '青岛甲账户测试有限公司');
  customers.a2 = await open(clerkA1, '青岛甲账户测试有限公司（重复）');
  customers.b = await open(clerkB1, '烟台乙账户测试有限公司');
});
afterAll(() => ctx?.close());

describe('upsertAccounts, as the feed will call it', () => {
  it('reports every rejected row and writes nothing', async () => {
    const since = await lastAuditId(ctx);
    const rows = [
      demand(CARD, customers.a.no),
      demand(`${CARD}'; drop table account; --`, customers.a.no),
      demand(B_ACC, '99999999999'),
      demand('6222020000000000077', customers.a.no, { productId: '9999999999', currency: 'XYZ', institutionCode: 'Z999' }),
      loan(customers.a.no, { contractNo: null }),
      demand('6222020000000000088', customers.a.no, { status: 'closed', balance: 12.5 }),
      demand(CARD, customers.b.no),
      demand('6222020000000000099', customers.a.no, { guaranteeType: 'pledge', status: 'closed', closedOn: '2020-01-01' }),
      'not a row',
    ];
    const err = await upsert(rows).then(() => null, (e: { status: number; fieldErrors: { path: string; code: string }[] }) => e);
    expect(err?.status).toBe(422);
    expect(err!.fieldErrors.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
      'rows.1.accountNo accounts.account_no_format',
      'rows.2.customerNo accounts.customer_unknown',
      'rows.3.currency products.currency_unknown',
      'rows.3.institutionCode accounts.institution_unknown',
      'rows.3.productId accounts.product_unknown',
      'rows.4.contractNo accounts.contract_required',
      'rows.5.balance accounts.field_invalid',
      'rows.6.accountNo accounts.duplicate_in_batch',
      'rows.7.closedOn accounts.closed_before_opened',
      'rows.7.contractNo accounts.contract_not_loan',
      'rows.8 accounts.field_invalid',
    ]);
    expect(await ctx.handle.db.selectFrom('account').select('id').execute()).toEqual([]);
    expect(await auditSince(ctx, since)).toEqual([]);
  });

  it('inserts, then replaces by account number, with one audit row per call', async () => {
    const since = await lastAuditId(ctx);
    expect(await upsert([demand(CARD, customers.a.no), loan(customers.a.no), demand(B_ACC, customers.b.no, { institutionCode: 'B110' })])).toEqual({ inserted: 3, updated: 0 });
    expect(await upsert([demand(CARD, customers.a.no, { balance: '2000.00' })])).toEqual({ inserted: 0, updated: 1 });
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => [a.action, a.after])).toEqual([['account.upsert', { inserted: 3, updated: 0 }], ['account.upsert', { inserted: 0, updated: 1 }]]);
    expect(await accountsOf(customers.a.id)).toEqual([{ account_no: CARD, balance: '2000.00' }, { account_no: LOAN, balance: '800000.00' }]);
  });
});

describe("a customer's accounts", () => {
  it('are masked for a role without customer.sensitive.read, and nothing is audited', async () => {
    expect(maskAccountNo(CARD)).toBe('6222****1234');
    const since = await lastAuditId(ctx);
    const res = await clerkA1.get(`/api/customers/${customers.a.id}/accounts`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((i) => [i.kind, i.accountNo, i.masked])).toEqual([['deposit_demand', '6222****1234', true], ['loan', '6228****0001', true]]);
    expect(items[1]).toMatchObject({ productId: '2020000001', productNameZh: '流动资金贷款', institutionName: '甲一支行', balance: '800000.00', rate: '3.4500',
      maturityOn: '2027-02-01', termMonths: 36, contractNo: 'JK2024A110-0001', contractAmount: '1000000.00', guaranteeType: 'mortgage', origin: 'core' });
    expect(res.body).not.toContain(CARD);
    expect(await auditSince(ctx, since)).toEqual([]);
  });

  it('are shown in full to a holder of customer.sensitive.read, and that read is audited', async () => {
    const since = await lastAuditId(ctx);
    const items = (await reviewA.get(`/api/customers/${customers.a.id}/accounts`)).json().items as { accountNo: string }[];
    expect(items.map((i) => i.accountNo)).toEqual([CARD, LOAN]);
    expect((await auditSince(ctx, since)).map((a) => [a.action, a.entity_id, a.after])).toEqual([['account.read_unmasked', String(customers.a.id), { accounts: 2 }]]);
  });

  it("are 404 for another branch's customer, an unknown one and garbage ids", async () => {
    expect((await clerkB1.get(`/api/customers/${customers.a.id}/accounts`)).statusCode).toBe(404);
    expect((await reviewA.get(`/api/customers/${customers.b.id}/accounts`)).statusCode).toBe(404);
    expect((await clerkA1.get('/api/customers/999999999/accounts')).statusCode).toBe(404);
    for (const id of ['abc', '-1', '1%20or%201=1']) expect((await clerkA1.get(`/api/customers/${id}/accounts`)).statusCode).toBe(400);
    expect((await clerkB1.get(`/api/customers/${customers.b.id}/accounts`)).json().items.map((i: { accountNo: string }) => i.accountNo)).toEqual(['6222****0001']);
  });
});

describe('finding a customer by account number', () => {
  it('finds the holder within scope only', async () => {
    const res = await clerkA1.get(`/api/accounts?accountNo=${CARD}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ customer: { id: customers.a.id, customerNo: customers.a.no, kind: 'corporate' }, account: { accountNo: '6222****1234', kind: 'deposit_demand' } });
    expect((await clerkB1.get(`/api/accounts?accountNo=${CARD}`)).statusCode).toBe(404);
    expect((await clerkB1.get(`/api/accounts?accountNo=${B_ACC}`)).json().customer.id).toBe(customers.b.id);
    expect((await clerkA1.get('/api/accounts?accountNo=6222020000000000000')).statusCode).toBe(404);
    expect((await clerkA1.get(`/api/accounts?accountNo=${encodeURIComponent("x' or '1'='1")}`)).statusCode).toBe(400);
    expect((await clerkA1.get(`/api/accounts?accountNo=${'9'.repeat(33)}`)).statusCode).toBe(400);
    expect((await clerkA1.get('/api/accounts')).statusCode).toBe(400);
  });
});

describe('merging two records of one company', () => {
  it("moves the merged record's accounts to the survivor; the feed's old number then lands there too", async () => {
    expect(await upsert([demand('6222020000000005555', customers.a2.no)])).toEqual({ inserted: 1, updated: 0 });
    const res = await reviewA.post('/api/customers/merge', { survivorId: customers.a.id, mergedId: customers.a2.id, reason: '同一企业重复开户' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().moved.accounts).toBe(1);
    expect(await accountsOf(customers.a2.id)).toEqual([]);
    expect((await accountsOf(customers.a.id)).map((a) => a.account_no)).toEqual([LOAN, CARD, '6222020000000005555'].sort());
    expect(await upsert([demand('6222020000000006666', customers.a2.no)])).toEqual({ inserted: 1, updated: 0 });
    expect((await accountsOf(customers.a.id)).map((a) => a.account_no)).toContain('6222020000000006666');
  });
});

describe('deleting a customer who still banks with us', () => {
  it('is refused while an account or loan is open, naming what is held, and allowed once everything is closed', async () => {
    const holder = await open(clerkA1, '青岛持有业务测试有限公司');
    await upsert([demand('6222020000000000301', holder.no), loan(holder.no, { accountNo: '6228480000000000302', contractNo: 'JK2024A110-0302' })]);
    const remove = () => ctx.app.inject({ method: 'DELETE', url: `/api/customers/${holder.id}`, headers: { cookie: clerkA1.cookie, 'x-csrf-token': clerkA1.csrf, 'accept-language': 'en-US' }, payload: { reason: '客户要求' } });
    const refused = await remove();
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ path: 'id', code: 'customers.delete_holdings' });
    expect(refused.json().errors[0].message).toBe('The customer still banks with us and cannot be deleted: 1 open accounts, 1 loans not settled, 0 active signings, 0 open alerts');
    expect((await clerkA1.get(`/api/customers/${holder.id}`)).json().status).toBe('active');
    // Closed at the counter: the core sends both accounts closed, and the deletion request is accepted for review.
    await upsert([demand('6222020000000000301', holder.no, { status: 'closed', closedOn: '2025-01-02', balance: '0.00' }),
      loan(holder.no, { accountNo: '6228480000000000302', contractNo: 'JK2024A110-0302', status: 'closed', closedOn: '2025-01-02', balance: '0.00' })]);
    expect((await remove()).statusCode).toBe(202);
    expect((await clerkA1.get(`/api/customers/${holder.id}`)).json().status).toBe('active');
  });
});
