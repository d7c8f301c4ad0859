// CIF-45 completeness against a real database: tier rules as data (head office edits, audited),
// the customer view's percentage and missing items, the three-working-day rule for new customers
// by the maintained calendar (a holiday shifts the deadline), the overdue list in scope, its
// export, and the workbench to-dos of the daily job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../common/business-date.ts';
import { addDays } from '../calendar/working-days.ts';
import { auditSince, createTestContext, expectProblem, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';
import { readWorkbook } from '../customers/import/import.test-helpers.ts';
import { raiseCompletenessTodos } from './completeness.job.ts';
import { findOverdue } from './completeness.service.ts';
import { evaluate, tierOf, type CustomerFacts } from './completeness.items.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let hoAdmin: Client;
let managerId: number;
const today = businessToday();

const db = () => ctx.handle.db;
async function corporate(c: Client, name: string, extra: Record<string, unknown> = {}) {
  const res = await c.post('/api/customers', { kind: 'corporate', name, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
let accountSeq = 0;
const openAccount = (customerId: number, openedOn: string, kind: 'deposit_demand' | 'loan' = 'deposit_demand') =>
  db().insertInto('account').values({ account_no: `62220200000${String(++accountSeq).padStart(8, '0')}`, customer_id: customerId, product_id: kind === 'loan' ? '2020000001' : '1010000001',
    kind, currency: 'CNY', institution_id: ctx.bank.subA1, opened_on: openedOn, balance: '0', contract_no: null, contract_amount: null, guarantee_type: null,
    ...(kind === 'loan' ? { contract_no: `HT${accountSeq}`, contract_amount: '100000', guarantee_type: 'credit' as const } : {}) }).execute();

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('cp_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('cp_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('cp_admin', ctx.bank.ho, ['head_office_admin']);
  managerId = await ctx.addUser('cp_manager', ctx.bank.subA1, ['primary_manager']);
  [clerkA1, clerkB1, hoAdmin] = await Promise.all(['cp_clerk_a1', 'cp_clerk_b1', 'cp_admin'].map((u) => ctx.login(u)));
  await db().insertInto('product').values([
    { id: '1010000001', name_zh: '单位活期存款', name_en: 'Corporate demand deposit', category: 'deposit', sub_type: 'demand', currency: 'CNY' },
    { id: '2020000001', name_zh: '流动资金贷款', name_en: 'Working-capital loan', category: 'loan', sub_type: 'working_capital', currency: 'CNY' },
  ] as never).execute();
});
afterAll(() => ctx?.close());

describe('tiers and the percentage', () => {
  it('an ordinary corporate customer lists basic and detail as missing; visits are shown as not checkable, not counted', async () => {
    const id = await corporate(clerkA1, '青岛完整性测试甲公司');
    const res = await clerkA1.get(`/api/customers/${id}/completeness`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.tier).toBe('ordinary');
    expect(c.percent).toBe(0);
    expect(c.missing).toEqual(['basic', 'detail']);
    expect(c.items.find((i: { key: string }) => i.key === 'visits').state).toBe('not_checkable');
    expect(c.items.find((i: { key: string }) => i.key === 'basic').fields).toContain('creditCode');
    expect(c.newCustomer).toMatchObject({ isNew: true, openedOn: today, overdue: false, gaps: ['manager', 'information', 'scale'] });
  });

  it('a small enterprise without a loan is a small counter-grown customer; a loan makes it a credit customer', async () => {
    const id = await corporate(clerkA1, '青岛完整性测试小微商行');
    await db().updateTable('corporate_customer').set({ scale: 'micro', business_scope: '零售', established_on: '2020-01-01' }).where('customer_id', '=', id).execute();
    let c = (await clerkA1.get(`/api/customers/${id}/completeness`)).json();
    expect(c.tier).toBe('small');
    expect(c.missing).toEqual(['basic', 'business_licence']);
    await openAccount(id, '2026-01-05', 'loan');
    c = (await clerkA1.get(`/api/customers/${id}/completeness`)).json();
    expect(c.tier).toBe('credit');
    // Opened (its first account) long ago: not a new customer, no deadline owed.
    expect(c.newCustomer).toMatchObject({ isNew: false, openedOn: '2026-01-05', overdue: false });
    expect(c.missing).toEqual(expect.arrayContaining(['financial', 'non_financial', 'investments', 'correspondent']));
  });

  it('percent counts only checkable required items', () => {
    const f: CustomerFacts = { id: 1, customerNo: '1', name: 'x', kind: 'personal', institutionId: 1, openedOn: '2026-01-01', hasPrimaryManager: true, primaryManagerId: 1,
      scale: null, hasLoan: false, basicMissing: [], detailMissing: ['employer'], financial: false, nonFinancial: false, investments: false, correspondent: false, businessLicence: false };
    const rules = new Map([['ordinary', new Set(['basic', 'detail', 'visits', 'financial'])]] as const);
    const e = evaluate(f, rules as never);
    // financial applies to corporate customers only; visits are not checkable: 1 of 2.
    expect(e.items.map((i) => i.key)).toEqual(['basic', 'detail', 'visits']);
    expect(e.percent).toBe(50);
    expect(tierOf({ kind: 'personal', scale: null, hasLoan: true })).toBe('credit');
  });

  it('answers 404 for another branch\'s customer', async () => {
    const id = await corporate(clerkA1, '青岛完整性测试范围公司');
    expectProblem(await clerkB1.get(`/api/customers/${id}/completeness`), 404, 'common.not_found');
  });
});

describe('three working days after opening, by the calendar', () => {
  it('is overdue the day after the third working day; a holiday in between shifts the deadline by a day', async () => {
    const id = await corporate(clerkA1, '青岛完整性测试日历公司');
    await openAccount(id, '2027-03-01'); // a Monday; 2027 is not in the seeded calendar
    const opts = (day: string) => ({ openedFrom: '2026-01-01', today: day });
    const ids = async (day: string) => (await findOverdue(db(), ctx.system, opts(day))).map((r) => r.customerId);
    expect(await ids('2027-03-04')).not.toContain(id);            // deadline Thursday 03-04: due today, not overdue
    const row = (await findOverdue(db(), ctx.system, opts('2027-03-05'))).find((r) => r.customerId === id)!;
    expect(row).toMatchObject({ openedOn: '2027-03-01', deadline: '2027-03-04', gaps: ['manager', 'information', 'scale'] });
    await db().insertInto('calendar_day').values({ day: '2027-03-03', kind: 'holiday', name: '测试假日' } as never).execute();
    try {
      expect(await ids('2027-03-05')).not.toContain(id);          // deadline moved to Friday 03-05
      const moved = (await findOverdue(db(), ctx.system, opts('2027-03-08'))).find((r) => r.customerId === id)!;
      expect(moved.deadline).toBe('2027-03-05');
    } finally {
      await db().deleteFrom('calendar_day').where('day', '=', '2027-03-03').execute();
    }
  });

  it('a customer with a manager, its information and scale is not overdue', async () => {
    const id = await corporate(clerkA1, '青岛完整性测试齐全公司');
    await openAccount(id, '2027-03-01');
    await db().insertInto('customer_manager').values({ customer_id: id, user_id: managerId, role: 'primary', since: '2027-03-01' }).execute();
    await db().updateTable('corporate_customer').set({ scale: 'medium', credit_code: '91370200MA3C4D5E0X', registration_type: '01', enterprise_nature: '01', legal_rep_customer_id: id,
      registered_address: '青岛', business_scope: '贸易', established_on: '2010-01-01', registered_capital: '100', industry_code: 'F5191', office_phone: '0532-1' }).where('customer_id', '=', id).execute();
    expect((await findOverdue(db(), ctx.system, { openedFrom: '2026-01-01', today: '2027-03-10' })).map((r) => r.customerId)).not.toContain(id);
  });
});

describe('the overdue list, its export and the workbench', () => {
  let overdueId: number;
  let bId: number;
  beforeAll(async () => {
    overdueId = await corporate(clerkA1, '青岛完整性逾期公司');
    await openAccount(overdueId, addDays(today, -14));
    bId = await corporate(clerkB1, '烟台完整性逾期公司');
    await openAccount(bId, addDays(today, -14));
  });

  it('lists overdue new customers in my scope only', async () => {
    const a = (await clerkA1.get('/api/completeness/overdue?pageSize=200')).json();
    expect(a.items.map((i: { customerId: number }) => i.customerId)).toContain(overdueId);
    expect(a.items.map((i: { customerId: number }) => i.customerId)).not.toContain(bId);
    const b = (await clerkB1.get('/api/completeness/overdue?pageSize=200')).json();
    expect(b.items.map((i: { customerId: number }) => i.customerId)).toEqual([bId]);
    expectProblem(await clerkA1.get('/api/completeness/overdue?openedFrom=2026-02-30'), 400);
  });

  it('exports the list as .xlsx with the watermark, audited', async () => {
    const since = await lastAuditId(ctx);
    const res = await clerkB1.get('/api/completeness/overdue/export');
    expect(res.statusCode).toBe(200);
    const ws = (await readWorkbook(res.rawPayload)).worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('客户号');
    expect(ws.getRow(2).getCell(2).value).toBe('烟台完整性逾期公司');
    expect(String(ws.getRow(4).getCell(1).value)).toMatch(/^导出人 cp_clerk_b1/);
    expect((await auditSince(ctx, since)).map((a) => a.action)).toEqual(['completeness.overdue.export']);
  });

  it('the daily job raises one to-do per overdue customer, idempotently, and withdraws it once the customer is no longer overdue', async () => {
    const first = await raiseCompletenessTodos(db(), today);
    expect(first.raised).toBeGreaterThanOrEqual(2);
    expect((await raiseCompletenessTodos(db(), today)).raised).toBe(0);
    const todos = (await clerkA1.get('/api/todos?status=open&pageSize=100')).json();
    const mine = todos.items.filter((t: { kind: string }) => t.kind === 'completeness_overdue');
    expect(mine.map((t: { entity: { id: string } }) => t.entity.id)).toContain(String(overdueId));
    expect(mine.map((t: { entity: { id: string } }) => t.entity.id)).not.toContain(String(bId));
    await db().updateTable('customer').set({ status: 'deleted', status_reason: 'test' }).where('id', '=', overdueId).execute();
    expect((await raiseCompletenessTodos(db(), today)).withdrawn).toBe(1);
    const open = await db().selectFrom('todo').select('status').where('dedupe_key', '=', `completeness_overdue:${overdueId}`).executeTakeFirstOrThrow();
    expect(open.status).toBe('cancelled');
  });
});

describe('rules as data', () => {
  it('head office changes what a tier requires, audited; a clerk may not; unknown items are refused', async () => {
    const since = await lastAuditId(ctx);
    const res = await hoAdmin.put('/api/completeness/rules', { rules: [{ tier: 'ordinary', item: 'visits', required: false }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rules.find((r: { tier: string; item: string }) => r.tier === 'ordinary' && r.item === 'visits').required).toBe(false);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['completeness.rules.update']);
    expectProblem(await clerkA1.put('/api/completeness/rules', { rules: [{ tier: 'ordinary', item: 'visits', required: true }] }), 403);
    expectProblem(await hoAdmin.put('/api/completeness/rules', { rules: [{ tier: 'ordinary', item: "basic'; drop table customer; --", required: true }] }), 400);
    expectProblem(await hoAdmin.put('/api/completeness/rules', { rules: [{ tier: 'vip', item: 'basic', required: true }] }), 400);
  });
});
