// ACC-6 signing registry through the HTTP API: the field rules and de-duplication rule of each of
// the four kinds (and the index behind them), signing numbers, termination, the per-customer
// overview with masking, the closure check's decisions, hostile input, scope and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { upsertAccounts } from '../account.service.ts';
import { isValidSigningNo } from './signing.number.ts';

let ctx: TestContext;
let admin: Client;
let clerkA1: Client;
let clerkB1: Client;
let reviewA: Client;
const P = { deposit: '1010000001', custody: '3010000001', payroll: '3020000001', water: '3020000002', sms: '4010000001', ebank: '4010000002',
  standing: '5010000001', retired: '5010000009' } as const;
const HOSTILE = `<script>alert('x')</script>'; drop table signing; --`;
const customers: Record<'a' | 'lone' | 'c' | 'b', { id: number; no: string }> = {} as never;
const acc: Record<string, number> = {};

const demand = (accountNo: string, customerNo: string, extra: Record<string, unknown> = {}) => ({ accountNo, customerNo, productId: P.deposit, kind: 'deposit_demand',
  currency: 'CNY', institutionCode: 'A110', openedOn: '2023-03-15', status: 'active', balance: '1520.35', ...extra });
const upsert = (rows: unknown[]) => ctx.handle.db.transaction().execute((tx) => upsertAccounts(tx, ctx.system, rows));
const register = (client: Client, customerId: number, body: Record<string, unknown>, headers?: Record<string, string>) =>
  client.post(`/api/customers/${customerId}/signings`, body, headers);
const terminate = (client: Client, customerId: number, signingId: number, body: Record<string, unknown> = { reason: '客户申请解约' }) =>
  client.post(`/api/customers/${customerId}/signings/${signingId}/terminate`, body);
const closure = (client: Client, accountId: number) => client.get(`/api/accounts/${accountId}/closure-check`);
const signingCount = async () => Number((await ctx.handle.db.selectFrom('signing').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

const custody = (accountId: number, extra: Record<string, unknown> = {}) => ({ kind: 'third_party', productId: P.custody, accountId, counterpartyCode: 'ZQ001',
  counterpartyName: '青岛证券股份有限公司', counterpartyAccount: '880012345678', channel: 'counter', signedOn: '2024-01-10', ...extra });
const water = (accountId: number, extra: Record<string, unknown> = {}) => ({ kind: 'collection_payment', productId: P.water, accountId, counterpartyCode: 'QDSW',
  counterpartyName: '青岛市自来水公司', payerNo: '0102003004', channel: 'online_banking', signedOn: '2024-02-01', ...extra });
const standing = (accountId: number, extra: Record<string, unknown> = {}) => ({ kind: 'transaction_behaviour', productId: P.standing, accountId,
  counterpartyAccount: '6217000000000000001', counterpartyName: '张三', channel: 'mobile_banking', signedOn: '2024-03-01', ...extra });
const sms = (accountId: number | null, extra: Record<string, unknown> = {}) => ({ kind: 'product_service', productId: P.sms, accountId, channel: 'counter', signedOn: '2024-01-10', ...extra });

async function registered(client: Client, customerId: number, body: Record<string, unknown>) {
  const res = await register(client, customerId, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; signingNo: string };
}
async function open(client: Client, name: string) {
  const res = await client.post('/api/customers', { kind: 'corporate', name });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  return { id, no: (await ctx.handle.db.selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no };
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('sg_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('sg_pm', ctx.bank.ho, ['product_manager']);
  await ctx.addUser('sg_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('sg_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('sg_review_a', ctx.bank.branchA, ['data_review_clerk']);
  const pm = await ctx.login('sg_pm');
  [admin, clerkA1, clerkB1, reviewA] = await Promise.all(['sg_admin', 'sg_clerk_a1', 'sg_clerk_b1', 'sg_review_a'].map((u) => ctx.login(u)));
  const product = (id: string, nameZh: string, category: string) => ({ id, nameZh, nameEn: nameZh, category, currency: 'CNY' });
  for (const p of [product(P.deposit, '单位活期存款', 'deposit'), product(P.custody, '第三方存管', 'intermediary'), product(P.payroll, '代发工资', 'settlement'),
    product(P.water, '代扣水费', 'settlement'), product(P.sms, '短信通知', 'e_banking'), product(P.ebank, '企业网银', 'e_banking'),
    product(P.standing, '约定转账', 'settlement'), product(P.retired, '已停用签约产品', 'settlement')]) {
    expect((await pm.post('/api/products', p)).statusCode).toBe(201);
  }
  expect((await pm.patch(`/api/products/${P.retired}`, { version: 1, status: 'retired' })).statusCode).toBe(200);
  customers.a = await open(clerkA1, '青岛甲签约测试有限公司');
  customers.lone = await open(clerkA1, '青岛单账户签约测试有限公司');
  customers.c = await open(clerkA1, '青岛销户检查测试有限公司');
  customers.b = await open(clerkB1, '烟台乙签约测试有限公司');
  await upsert([
    demand('6222021234567891234', customers.a.no), demand('6222021234567890002', customers.a.no),
    demand('6222020000000000099', customers.a.no, { status: 'closed', closedOn: '2024-06-30' }),
    demand('6222023333333330001', customers.lone.no),
    ...['1', '2', '3', '4', '5', '6'].map((n) => demand(`622202444444444000${n}`, customers.c.no)),
    demand('6222029999999990001', customers.b.no, { institutionCode: 'B110' }),
  ]);
  for (const a of await ctx.handle.db.selectFrom('account').select(['id', 'account_no']).execute()) acc[a.account_no] = a.id;
});
afterAll(() => ctx?.close());

const A1 = () => acc['6222021234567891234']!;
const A2 = () => acc['6222021234567890002']!;

describe('registering a signing', () => {
  it("checks each kind's own fields, and a refused request writes nothing", async () => {
    const since = await lastAuditId(ctx);
    const cases: [Record<string, unknown>, string, string][] = [
      [custody(A1(), { counterpartyCode: null }), 'counterpartyCode', 'signings.field_required'],
      [custody(A1(), { payerNo: '123' }), 'payerNo', 'signings.field_not_for_kind'],
      [custody(0, { accountId: undefined }), 'accountId', 'signings.field_required'],
      [water(A1(), { counterpartyName: undefined }), 'counterpartyName', 'signings.field_required'],
      [standing(A1(), { counterpartyAccount: null }), 'counterpartyAccount', 'signings.field_required'],
      [sms(null, { counterpartyName: '不该有' }), 'counterpartyName', 'signings.field_not_for_kind'],
      [sms(A1(), { signedOn: '2999-01-01' }), 'signedOn', 'signings.signed_in_future'],
      [sms(A1(), { signedOn: '2020-01-01' }), 'signedOn', 'signings.signed_before_opened'],
      [sms(A1(), { productId: '9999999999' }), 'productId', 'signings.product_unknown'],
      [sms(A1(), { productId: P.retired }), 'productId', 'signings.product_retired'],
      [sms(acc['6222020000000000099']!), 'accountId', 'signings.account_closed'],
      // Another customer's account, in the caller's scope or not, is simply not this customer's.
      [sms(acc['6222023333333330001']!), 'accountId', 'signings.account_unknown'],
      [sms(acc['6222029999999990001']!), 'accountId', 'signings.account_unknown'],
      [sms(999999999), 'accountId', 'signings.account_unknown'],
    ];
    for (const [body, path, code] of cases) {
      const res = await register(clerkA1, customers.a.id, body);
      expect(res.statusCode, `${path} ${res.body}`).toBe(422);
      expect(res.json().errors, path).toEqual([expect.objectContaining({ path, code })]);
    }
    const en = await register(clerkA1, customers.a.id, custody(A1(), { counterpartyCode: null }), { 'accept-language': 'en-US' });
    expect(en.json().errors[0].message).toBe('This kind of signing needs this field');
    expect(await signingCount()).toBe(0);
    expect(await auditSince(ctx, since)).toEqual([]);
  });

  it('refuses malformed and hostile input with 400, and stores free text verbatim', async () => {
    const since = await lastAuditId(ctx);
    const bad: Record<string, unknown>[] = [
      custody(A1(), { counterpartyName: '名'.repeat(101) }),
      custody(A1(), { counterpartyCode: "ZQ001'; drop table signing; --" }),
      custody(A1(), { counterpartyAccount: '8'.repeat(33) }),
      custody(A1(), { accountId: String(A1()) }),
      custody(A1(), { productId: 3010000001 }),
      custody(A1(), { kind: 'loan_agreement' }),
      custody(A1(), { channel: 'pigeon' }),
      custody(A1(), { signedOn: '2024-02-30' }),
      custody(A1(), { signedOn: 20240110 }),
      custody(A1(), { institutionId: 1 }),
      sms(null, { accountId: -1 }),
    ];
    for (const body of bad) expect((await register(clerkA1, customers.a.id, body)).statusCode, JSON.stringify(body)).toBe(400);
    for (const id of ['abc', '-1', '1%20or%201=1']) expect((await register(clerkA1, id as never, sms(null))).statusCode).toBe(400);
    expect(await signingCount()).toBe(0);
    expect(await auditSince(ctx, since)).toEqual([]);

    const s = await registered(clerkA1, customers.a.id, standing(A2(), { counterpartyName: HOSTILE }));
    const row = await ctx.handle.db.selectFrom('signing').select(['counterparty_name', 'institution_id', 'created_by']).where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.counterparty_name).toBe(HOSTILE);
    expect(row.institution_id).toBe(ctx.bank.subA1);
  });

  it("is 404 for another branch's customer, an unknown one, and 403 without signing.manage", async () => {
    const since = await lastAuditId(ctx);
    expect((await register(clerkB1, customers.a.id, sms(null))).statusCode).toBe(404);
    expect((await register(clerkA1, customers.b.id, sms(null))).statusCode).toBe(404);
    expect((await register(clerkA1, 999999999, sms(null))).statusCode).toBe(404);
    const forbidden = await register(reviewA, customers.a.id, sms(null));
    expect(forbidden.statusCode).toBe(403);
    expect(await auditSince(ctx, since)).toEqual([]);
  });

  it('gives each signing its own number, checked by a Luhn digit, never reused', async () => {
    const since = await lastAuditId(ctx);
    const first = await registered(clerkA1, customers.a.id, custody(A1()));
    const refused = await register(clerkA1, customers.a.id, custody(A1()));
    expect(refused.statusCode).toBe(409);
    const second = await registered(clerkA1, customers.a.id, custody(A2()));
    for (const s of [first, second]) expect(isValidSigningNo(s.signingNo), s.signingNo).toBe(true);
    expect(second.signingNo > first.signingNo).toBe(true);
    expect(isValidSigningNo(first.signingNo.slice(0, 14) + String((Number(first.signingNo[14]) + 1) % 10))).toBe(false);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([['signing.register', String(customers.a.id)], ['signing.register', String(customers.a.id)]]);
    expect(audit[0]!.after).toMatchObject({ signingId: first.id, signingNo: first.signingNo, kind: 'third_party', productId: P.custody, accountId: A1(),
      counterpartyCode: 'ZQ001', counterpartyAccount: '8800****5678' });
  });
});

describe('de-duplication, one rule per kind', () => {
  const expectDuplicate = async (body: Record<string, unknown>, existingNo: string, customerId = customers.a.id) => {
    const since = await lastAuditId(ctx);
    const before = await signingCount();
    const res = await register(clerkA1, customerId, body);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'signings.duplicate', params: { signingNo: existingNo } });
    expect(res.json().title).toContain(existingNo);
    expect(await signingCount()).toBe(before);
    expect(await auditSince(ctx, since)).toEqual([]);
  };

  it('third party: one per product, account and counterparty (the code in any case)', async () => {
    const first = await registered(clerkA1, customers.a.id, custody(A1(), { counterpartyCode: 'ZQ010' }));
    await expectDuplicate(custody(A1(), { counterpartyCode: 'zq010', counterpartyName: '另一个名称', counterpartyAccount: null, channel: 'online_banking' }), first.signingNo);
    await registered(clerkA1, customers.a.id, custody(A2(), { counterpartyCode: 'ZQ010' }));
    await registered(clerkA1, customers.a.id, custody(A1(), { counterpartyCode: 'ZQ002', counterpartyName: '烟台证券' }));
  });

  it('collection/payment: one per product, account, counterparty and payer number', async () => {
    const first = await registered(clerkA1, customers.a.id, water(A1()));
    await expectDuplicate(water(A1(), { counterpartyName: '自来水公司（简称）' }), first.signingNo);
    await registered(clerkA1, customers.a.id, water(A1(), { payerNo: '0102003005' }));
    await registered(clerkA1, customers.a.id, water(A2()));
    const payroll = await registered(clerkA1, customers.a.id, water(A1(), { productId: P.payroll, counterpartyCode: 'GS001', counterpartyName: '某公司', payerNo: null }));
    await expectDuplicate(water(A1(), { productId: P.payroll, counterpartyCode: 'GS001', counterpartyName: '某公司', payerNo: undefined }), payroll.signingNo);
  });

  it('transaction behaviour: one per product, account and counterparty account', async () => {
    const first = await registered(clerkA1, customers.a.id, standing(A1()));
    await expectDuplicate(standing(A1(), { counterpartyName: '另一人', channel: 'counter' }), first.signingNo);
    await registered(clerkA1, customers.a.id, standing(A1(), { counterpartyAccount: '6217000000000000002' }));
    await registered(clerkA1, customers.a.id, standing(A1(), { productId: P.payroll }));
  });

  it('product/service: one per customer and product, at customer level or per bound account', async () => {
    const ebank = await registered(clerkA1, customers.a.id, sms(null, { productId: P.ebank }));
    await expectDuplicate(sms(null, { productId: P.ebank, channel: 'online_banking' }), ebank.signingNo);
    const onA1 = await registered(clerkA1, customers.a.id, sms(A1()));
    await registered(clerkA1, customers.a.id, sms(A2()));
    await expectDuplicate(sms(A1()), onA1.signingNo);
    await registered(clerkA1, customers.lone.id, sms(null, { productId: P.ebank }));
  });

  it('a terminated signing frees its key; the new signing gets a new number', async () => {
    const old = await ctx.handle.db.selectFrom('signing').select(['id', 'signing_no']).where('kind', '=', 'product_service').where('account_id', 'is', null)
      .where('customer_id', '=', customers.a.id).executeTakeFirstOrThrow();
    expect((await terminate(clerkA1, customers.a.id, old.id)).statusCode).toBe(200);
    const again = await registered(clerkA1, customers.a.id, sms(null, { productId: P.ebank }));
    expect(again.signingNo).not.toBe(old.signing_no);
    await expectDuplicate(sms(null, { productId: P.ebank }), again.signingNo);
  });

  it('is held by the database itself: a second active row with the same key is refused', async () => {
    const s = await ctx.handle.db.selectFrom('signing').selectAll().where('kind', '=', 'third_party').where('status', '=', 'active').executeTakeFirstOrThrow();
    const copy = { signing_no: 'QY9999999999990', kind: s.kind, customer_id: s.customer_id, product_id: s.product_id, account_id: s.account_id,
      counterparty_code: s.counterparty_code!.toLowerCase(), counterparty_name: 'x', channel: 'counter', signed_on: s.signed_on, institution_id: s.institution_id };
    await expect(ctx.handle.db.insertInto('signing').values(copy).execute()).rejects.toThrow(/signing_active_dedupe_idx/);
  });
});

describe('terminating a signing', () => {
  it('needs a reason and a sensible date, happens once, is audited, and is scoped', async () => {
    const s = await registered(clerkA1, customers.a.id, custody(A1(), { counterpartyCode: 'ZQ003', counterpartyName: '第三证券' }));
    const since = await lastAuditId(ctx);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(201) }, { reason: 'ok', terminatedOn: 'yesterday' }, { reason: 'ok', extra: 1 }]) {
      expect((await terminate(clerkA1, customers.a.id, s.id, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await terminate(clerkA1, customers.a.id, s.id, { reason: 'ok', terminatedOn: '2999-01-01' })).json().errors[0].code).toBe('signings.terminated_in_future');
    expect((await terminate(clerkA1, customers.a.id, s.id, { reason: 'ok', terminatedOn: '2023-12-31' })).json().errors[0]).toMatchObject({ path: 'terminatedOn', code: 'signings.terminated_before_signed' });
    expect((await terminate(clerkB1, customers.a.id, s.id)).statusCode).toBe(404);
    expect((await terminate(clerkA1, customers.lone.id, s.id)).statusCode).toBe(404);
    expect((await terminate(reviewA, customers.a.id, s.id)).statusCode).toBe(403);
    expect(await auditSince(ctx, since)).toEqual([]);

    const res = await terminate(clerkA1, customers.a.id, s.id, { reason: HOSTILE, terminatedOn: '2024-05-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: s.id, signingNo: s.signingNo, status: 'terminated', terminatedOn: '2024-05-01' });
    const again = await terminate(clerkA1, customers.a.id, s.id);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'signings.already_terminated', params: { signingNo: s.signingNo, terminatedOn: '2024-05-01' } });
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => [a.action, a.entity_id, (a.after as { reason: string }).reason])).toEqual([['signing.terminate', String(customers.a.id), HOSTILE]]);
    expect(await ctx.handle.db.selectFrom('signing').select(['status', 'termination_reason']).where('id', '=', s.id).executeTakeFirstOrThrow())
      .toEqual({ status: 'terminated', termination_reason: HOSTILE });
  });
});

describe("a customer's signings", () => {
  it('are counted per kind and listed active first, with account numbers masked and nothing audited', async () => {
    const since = await lastAuditId(ctx);
    const res = await clerkA1.get(`/api/customers/${customers.a.id}/signings`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { overview: unknown[]; items: Record<string, unknown>[] };
    expect(body.overview).toEqual([
      { kind: 'third_party', active: 5, terminated: 1 },
      { kind: 'collection_payment', active: 4, terminated: 0 },
      { kind: 'product_service', active: 3, terminated: 1 },
      { kind: 'transaction_behaviour', active: 4, terminated: 0 },
    ]);
    expect(body.items).toHaveLength(18);
    const numbers = body.items.map((i) => i.signingNo as string);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.every(isValidSigningNo)).toBe(true);
    expect(body.items.findIndex((i) => i.status === 'terminated')).toBe(16);
    const custodyRow = body.items.find((i) => i.kind === 'third_party' && i.counterpartyCode === 'ZQ001' && i.accountId === A1())!;
    expect(custodyRow).toMatchObject({ accountNo: '6222****1234', counterpartyAccount: '8800****5678', masked: true, productNameZh: '第三方存管',
      institutionName: '甲一支行', createdBy: 'sg_clerk_a1', status: 'active', channel: 'counter', signedOn: '2024-01-10' });
    expect(body.items.find((i) => i.payerNo !== null)!.payerNo).toBe('0102****3004');
    expect(res.body).not.toContain('6222021234567891234');
    expect(res.body).not.toContain('880012345678');
    expect(await auditSince(ctx, since)).toEqual([]);
    const active = (await clerkA1.get(`/api/customers/${customers.a.id}/signings?status=terminated`)).json().items as { status: string }[];
    expect(active.map((i) => i.status)).toEqual(['terminated', 'terminated']);
  });

  it('are shown in full to a holder of customer.sensitive.read, and that read is audited', async () => {
    const since = await lastAuditId(ctx);
    const items = (await reviewA.get(`/api/customers/${customers.a.id}/signings`)).json().items as { accountNo: string | null; masked: boolean }[];
    expect(items.map((i) => i.accountNo)).toContain('6222021234567891234');
    expect(items.every((i) => !i.masked)).toBe(true);
    expect((await auditSince(ctx, since)).map((a) => [a.action, a.entity_id, a.after])).toEqual([['signing.read_unmasked', String(customers.a.id), { signings: 18 }]]);
  });

  it("are 404 for another branch's customer and 400 for a bad filter", async () => {
    expect((await clerkB1.get(`/api/customers/${customers.a.id}/signings`)).statusCode).toBe(404);
    expect((await clerkA1.get(`/api/customers/${customers.b.id}/signings`)).statusCode).toBe(404);
    expect((await clerkA1.get(`/api/customers/${customers.a.id}/signings?status=open`)).statusCode).toBe(400);
  });
});

describe('the closure check', () => {
  const C = (n: number) => acc[`622202444444444000${n}`]!;
  const decide = async (accountId: number, client = clerkA1) => {
    const res = await closure(client, accountId);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { decision: string; lastOpenAccount: boolean; items: { signingNo: string; kind: string; effect: string; reasonCode: string; productNameZh: string }[] };
  };

  it('allows an account without active signings, and ignores terminated ones', async () => {
    expect(await decide(C(1))).toMatchObject({ decision: 'allow', lastOpenAccount: false, items: [] });
    const s = await registered(clerkA1, customers.c.id, custody(C(1)));
    expect((await decide(C(1))).decision).toBe('block');
    expect((await terminate(clerkA1, customers.c.id, s.id)).statusCode).toBe(200);
    expect(await decide(C(1))).toMatchObject({ decision: 'allow', items: [] });
  });

  it('warns for a product/service signing and blocks for each of the other kinds', async () => {
    const smsOn2 = await registered(clerkA1, customers.c.id, sms(C(2)));
    expect(await decide(C(2))).toMatchObject({ decision: 'warn', items: [{ signingNo: smsOn2.signingNo, kind: 'product_service', effect: 'warn', reasonCode: 'bound_to_account', productNameZh: '短信通知' }] });
    await registered(clerkA1, customers.c.id, custody(C(3)));
    await registered(clerkA1, customers.c.id, water(C(4)));
    await registered(clerkA1, customers.c.id, standing(C(5)));
    for (const [n, kind] of [[3, 'third_party'], [4, 'collection_payment'], [5, 'transaction_behaviour']] as const) {
      expect(await decide(C(n))).toMatchObject({ decision: 'block', items: [{ kind, effect: 'block', reasonCode: 'bound_to_account' }] });
    }
  });

  it('blocks when warnings and blocks are mixed, listing every signing with its own effect', async () => {
    await registered(clerkA1, customers.c.id, sms(C(6)));
    await registered(clerkA1, customers.c.id, water(C(6)));
    const r = await decide(C(6));
    expect(r.decision).toBe('block');
    expect(r.items.map((i) => [i.kind, i.effect]).sort()).toEqual([['collection_payment', 'block'], ['product_service', 'warn']]);
  });

  it("counts customer-level services only when closing the customer's last open account", async () => {
    const ebankC = await registered(clerkA1, customers.c.id, sms(null, { productId: P.ebank }));
    expect((await decide(C(1))).items).toEqual([]);
    // The lone customer's only account: its customer-level e-banking signing comes into play.
    const lone = await decide(acc['6222023333333330001']!);
    expect(lone).toMatchObject({ decision: 'warn', lastOpenAccount: true, items: [{ kind: 'product_service', effect: 'warn', reasonCode: 'last_open_account' }] });
    // Customer c: close all but C(1) (dormant still counts as open), then C(1) is the last.
    await upsert(['2', '3', '4', '5'].map((n) => demand(`622202444444444000${n}`, customers.c.no, { status: 'closed', closedOn: '2024-12-31' })));
    await upsert([demand('6222024444444440006', customers.c.no, { status: 'dormant' })]);
    expect((await decide(C(1))).lastOpenAccount).toBe(false);
    await upsert([demand('6222024444444440006', customers.c.no, { status: 'closed', closedOn: '2024-12-31' })]);
    expect(await decide(C(1))).toMatchObject({ decision: 'warn', lastOpenAccount: true, items: [{ signingNo: ebankC.signingNo, reasonCode: 'last_open_account' }] });
  });

  it('follows the closure rules setting', async () => {
    const lone = acc['6222023333333330001']!;
    expect((await admin.put('/api/settings/closure-rules', { third_party: 'block', collection_payment: 'warn', product_service: 'maybe', transaction_behaviour: 'block' })).statusCode).toBe(400);
    expect((await clerkA1.put('/api/settings/closure-rules', { third_party: 'warn', collection_payment: 'warn', product_service: 'block', transaction_behaviour: 'warn' })).statusCode).toBe(403);
    const since = await lastAuditId(ctx);
    const res = await admin.put('/api/settings/closure-rules', { third_party: 'warn', collection_payment: 'warn', product_service: 'block', transaction_behaviour: 'warn' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await auditSince(ctx, since)).map((a) => [a.action, a.entity_id])).toEqual([['setting.update', 'accounts.closure_rules']]);
    expect((await decide(lone)).decision).toBe('block');
    // A closed account still answers: its custody signing outlived the closure and now only warns.
    expect(await decide(acc['6222024444444440003']!)).toMatchObject({ decision: 'warn', items: [{ kind: 'third_party', effect: 'warn' }] });
    expect(await decide(C(6))).toMatchObject({ decision: 'block' });
    await admin.put('/api/settings/closure-rules', { third_party: 'warn', collection_payment: 'warn', product_service: 'warn', transaction_behaviour: 'warn' });
    expect((await decide(C(6))).decision).toBe('warn');
    await admin.put('/api/settings/closure-rules', { third_party: 'block', collection_payment: 'block', product_service: 'warn', transaction_behaviour: 'block' });
  });

  it("is 404 for another branch's account or an unknown one, and 400 for a garbage id", async () => {
    expect((await closure(clerkB1, C(6))).statusCode).toBe(404);
    expect((await closure(clerkA1, acc['6222029999999990001']!)).statusCode).toBe(404);
    expect((await closure(clerkA1, 999999999)).statusCode).toBe(404);
    for (const id of ['abc', '-1', '1%20or%201=1', '1.5']) expect((await clerkA1.get(`/api/accounts/${id}/closure-check`)).statusCode).toBe(400);
    expect((await decide(acc['6222029999999990001']!, clerkB1)).decision).toBe('allow');
  });
});

describe('the register form', () => {
  it('lists active products to holders of signing.manage only', async () => {
    const res = await clerkA1.get(`/api/signings/products?q=${encodeURIComponent('代')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json().items as { id: string }[]).map((p) => p.id)).toEqual([P.payroll, P.water]);
    expect((await reviewA.get('/api/signings/products')).statusCode).toBe(403);
  });
});
