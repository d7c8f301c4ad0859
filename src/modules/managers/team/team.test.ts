// A head's team table (issue 14 item 8): each manager homed in his charge with his primary and
// assisted customers, their deposits, month average and loans, and his open alerts — summed from
// the relations in force today; another branch's managers never listed; managers themselves refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { createTestContext, expectProblem, type Client, type TestContext } from '../../../test/harness.ts';
import { bulkInsertCustomers } from '../../customers/import/bulk-insert.ts';

let ctx: TestContext;
let headA1: Client; let headA: Client; let mgr: Client;
let m1: number; let m2: number; let gone: number; let mB: number;

const open = (institutionId: number, names: string[]) => ctx.handle.db.transaction().execute(async (tx) =>
  (await bulkInsertCustomers(tx, ctx.system, names.map((name) => ({ kind: 'corporate' as const, name, institutionId, values: {} })), { flagDuplicates: false })).ids);
const relate = (customerId: number, userId: number, role: 'primary' | 'assisting', since = '2026-01-01') =>
  ctx.handle.db.insertInto('customer_manager').values({ customer_id: customerId, user_id: userId, role, since }).execute();
const position = (customerId: number, deposits: string, monthAvg: string, loans: string) =>
  sql`update customer_position set deposit_balance = ${deposits}, deposit_month_avg = ${monthAvg}, loan_balance = ${loans} where customer_id = ${customerId}`.execute(ctx.handle.db);

beforeAll(async () => {
  ctx = await createTestContext();
  m1 = await ctx.addUser('tm_mgr1', ctx.bank.teamA1, ['primary_manager']);
  m2 = await ctx.addUser('tm_mgr2', ctx.bank.subA1, ['primary_manager']);
  gone = await ctx.addUser('tm_gone', ctx.bank.subA1, ['primary_manager']);
  await ctx.addUser('tm_idle_gone', ctx.bank.subA1, ['primary_manager']);
  mB = await ctx.addUser('tm_mgr_b', ctx.bank.subB1, ['primary_manager']);
  await ctx.addUser('tm_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('tm_head_a1', ctx.bank.subA1, ['institution_head']);
  await ctx.addUser('tm_head_a', ctx.bank.branchA, ['institution_head']);
  [headA1, headA, mgr] = await Promise.all(['tm_head_a1', 'tm_head_a', 'tm_mgr1'].map((u) => ctx.login(u)));
  const [c1, c2, c3, c4, c5] = await open(ctx.bank.subA1, ['团队表测试一有限公司', '团队表测试二有限公司', '团队表测试三有限公司', '团队表测试四有限公司', '团队表测试五有限公司']);
  const [b1] = await open(ctx.bank.subB1, ['团队表测试乙有限公司']);
  await relate(c1!, m1, 'primary'); await relate(c2!, m1, 'primary'); await relate(c3!, m2, 'primary');
  await relate(c3!, m1, 'assisting');
  await relate(c4!, gone, 'primary');
  // A relation that begins tomorrow counts from tomorrow, not today.
  const tomorrow = new Date(Date.parse(`${businessToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await relate(c5!, m2, 'primary', tomorrow);
  await relate(b1!, mB, 'primary');
  await position(c1!, '1000000.10', '900000.05', '0.00');
  await position(c2!, '250000.00', '240000.00', '3000000.00');
  await position(c3!, '70000.00', '60000.00', '0.00');
  await position(c4!, '5.00', '5.00', '0.00');
  await position(c5!, '99999999.00', '99999999.00', '0.00');
  await ctx.handle.db.updateTable('app_user').set({ status: 'left' }).where('username', 'in', ['tm_gone', 'tm_idle_gone']).execute();
});
afterAll(async () => { await ctx?.close(); });

describe('a head\'s team table', () => {
  it('sums each manager\'s primary customers in force today, counts those he assists, largest deposits first; keeps a departed manager who still holds customers', async () => {
    const res = await headA1.get('/api/managers/team');
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().items.map((r: Record<string, unknown>) => [r.name, r.status, r.primaryCustomers, r.assistedCustomers, r.deposits, r.depositMonthAvg, r.loans]);
    expect(rows).toEqual([
      ['tm_mgr1', 'active', 2, 1, '1250000.10', '1140000.05', '3000000.00'],
      ['tm_mgr2', 'active', 1, 0, '70000.00', '60000.00', '0.00'],
      ['tm_gone', 'left', 1, 0, '5.00', '5.00', '0.00'],
    ]);
    expect(res.json().items[0]).toMatchObject({ institution: '营销一队', parentInstitution: '甲一支行' });
  });

  it('counts the account alerts open on each manager\'s desk, not those done', async () => {
    await ctx.addUser('tm_pm', ctx.bank.ho, ['product_manager']);
    const pm = await ctx.login('tm_pm');
    expect((await pm.post('/api/products', { id: '1020000001', nameZh: '单位定期存款', nameEn: 'Corporate time deposit', category: 'deposit', subType: 'time', currency: 'CNY' })).statusCode).toBe(201);
    const customer = (await ctx.handle.db.selectFrom('customer').select('id').where('name', '=', '团队表测试一有限公司').executeTakeFirstOrThrow()).id;
    for (const [no, status] of [['6222000000000091', 'open'], ['6222000000000092', 'open'], ['6222000000000093', 'done']] as const) {
      await sql`with a as (insert into account (account_no, customer_id, product_id, kind, currency, institution_id, opened_on, balance, maturity_on)
          values (${no}, ${customer}, '1020000001', 'deposit_time', 'CNY', ${ctx.bank.subA1}, '2026-01-01', 1000, '2027-01-01') returning id)
        insert into account_alert (kind, account_id, customer_id, business_date, balance, window_days, maturity_on, assignee_user_id, status)
        select 'maturity', a.id, ${customer}, ${businessToday()}, 1000, 30, '2027-01-01', ${m1}, ${status} from a`.execute(ctx.handle.db);
    }
    const rows = (await headA1.get('/api/managers/team')).json().items as { name: string; openAlerts: number }[];
    expect(rows.map((r) => [r.name, r.openAlerts])).toEqual([['tm_mgr1', 2], ['tm_mgr2', 0], ['tm_gone', 0]]);
  });

  it('lists a branch head his sub-branches\' managers but never another branch\'s; refuses managers (own scope)', async () => {
    const names = (await headA.get('/api/managers/team')).json().items.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['tm_mgr1', 'tm_mgr2', 'tm_gone']));
    expect(names).not.toContain('tm_mgr_b');
    expect(names).not.toContain('tm_idle_gone'); // departed and holding nobody
    expect(names).not.toContain('tm_clerk');    // not a manager
    expectProblem(await mgr.get('/api/managers/team'), 403, 'common.forbidden');
  });
});
