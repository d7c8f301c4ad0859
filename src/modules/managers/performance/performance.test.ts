// Performance allocation (PERF-1): shares summing to exactly 100 through the approval engine (the
// head approves; a split across institutions also goes to the branch administrator), effective from
// a date; each manager's daily figures = Σ customer figure × share, a customer without an
// allocation counting whole for his primary manager; my performance with my rank.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { createTestContext, expectProblem, type Client, type TestContext } from '../../../test/harness.ts';
import { bulkInsertCustomers } from '../../customers/import/bulk-insert.ts';
import { refreshManagerPerformance } from './performance.service.ts';

let ctx: TestContext;
let allocator: Client; let headA1: Client; let branchAdmin: Client; let m1c: Client;
let m1: number; let m2: number; let m3: number;
const c: number[] = [];
const today = businessToday();
const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const db = () => ctx.handle.db;

const open = (institutionId: number, names: string[]) => db().transaction().execute(async (tx) =>
  (await bulkInsertCustomers(tx, ctx.system, names.map((name) => ({ kind: 'corporate' as const, name, institutionId, values: {} })), { flagDuplicates: false })).ids);
const position = (id: number, deposits: string, monthAvg: string, loans = '0') =>
  sql`update customer_position set deposit_balance = ${deposits}, deposit_month_avg = ${monthAvg}, deposit_quarter_avg = ${monthAvg}, deposit_year_avg = ${monthAvg}, loan_balance = ${loans} where customer_id = ${id}`.execute(db());
const apply = (body: Record<string, unknown>) => allocator.post('/api/performance-allocations', { effectiveOn: today, reason: '联合营销', ...body });
const approve = async (client: Client, id: number, step: number) => {
  const r = await client.post(`/api/approvals/${id}/approve`, { step });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const perf = async (d = today) => Object.fromEntries((await db().selectFrom('manager_performance').selectAll().where('business_date', '=', d).execute())
  .map((r) => [r.user_id, [r.customers, r.deposit_balance, r.deposit_month_avg, r.loan_balance]]));

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('pf_alloc', ctx.bank.branchA, ['performance_allocation']);
  await ctx.addUser('pf_head_a1', ctx.bank.subA1, ['institution_head']);
  await ctx.addUser('pf_branch_admin', ctx.bank.branchA, ['branch_admin']);
  m1 = await ctx.addUser('pf_m1', ctx.bank.subA1, ['primary_manager']);
  m2 = await ctx.addUser('pf_m2', ctx.bank.subA1, ['primary_manager']);
  m3 = await ctx.addUser('pf_m3', ctx.bank.subA2, ['primary_manager']);
  [allocator, headA1, branchAdmin, m1c] = await Promise.all(['pf_alloc', 'pf_head_a1', 'pf_branch_admin', 'pf_m1'].map((u) => ctx.login(u)));
  c.push(...await open(ctx.bank.subA1, ['业绩甲有限公司', '业绩乙有限公司', '业绩丙有限公司']));
  for (const id of c) await db().insertInto('customer_manager').values({ customer_id: id, user_id: m1, role: 'primary', since: '2026-01-01' }).execute();
  await position(c[0]!, '1000.00', '900.00', '500.00');
  await position(c[1]!, '200.00', '100.00');
  await position(c[2]!, '33.33', '10.00');
});
afterAll(async () => { await ctx?.close(); });

describe('performance allocation (业绩分配)', () => {
  it('refuses shares not adding up to exactly 100, a person twice, a bad share, a departed person — naming the field', async () => {
    const sum = await apply({ customerId: c[0], shares: [{ managerId: m1, share: '60.00' }, { managerId: m2, share: '39.99' }] });
    expect(sum.statusCode).toBe(422);
    expect(sum.json().errors[0]).toMatchObject({ path: 'shares', code: 'performance.sum_not_100' });
    expect(sum.json().errors[0].message).toContain('99.99');
    expect((await apply({ customerId: c[0], shares: [{ managerId: m1, share: '50' }, { managerId: m1, share: '50' }] })).json().errors[0].code).toBe('performance.manager_twice');
    for (const share of ['0', '-10', '100.001', '1e2', '50; drop table customer']) {
      expect([400, 422], share).toContain((await apply({ customerId: c[0], shares: [{ managerId: m1, share }] })).statusCode);
    }
    const left = await ctx.addUser('pf_left', ctx.bank.subA1, ['primary_manager']);
    await db().updateTable('app_user').set({ status: 'left' }).where('id', '=', left).execute();
    expect((await apply({ customerId: c[0], shares: [{ managerId: left, share: '100' }] })).json().errors[0].code).toBe('performance.person_inactive');
    expect((await apply({ customerId: c[0], effectiveOn: '2020-01-01', shares: [{ managerId: m1, share: '100' }] })).json().errors[0].code).toBe('performance.effective_past');
    expectProblem(await m1c.post('/api/performance-allocations', { customerId: c[0], effectiveOn: today, reason: 'x', shares: [{ managerId: m1, share: '100' }] }), 403, 'common.forbidden');
  });

  it('splits 60/40 within one institution after the head approves; the figures follow the shares, the others stay whole with the primary', async () => {
    const r = await apply({ customerId: c[0], shares: [{ managerId: m1, share: '60.00' }, { managerId: m2, share: '40.00' }] });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json()).toMatchObject({ step: 1, stepCount: 1 });
    // Before the approval nothing changes.
    await refreshManagerPerformance(db(), today);
    expect(await perf()).toEqual({ [m1]: ['3.00', '1233.33', '1010.00', '500.00'] });
    // The maker cannot approve his own request (he is not its checker either way).
    expect((await allocator.post(`/api/approvals/${r.json().requestId}/approve`, { step: 1 })).statusCode).toBe(403);
    await approve(headA1, r.json().requestId, 1);
    await refreshManagerPerformance(db(), today);
    expect(await perf()).toEqual({
      [m1]: ['2.60', '833.33', '650.00', '300.00'],   // 60 % of the first + the two others whole
      [m2]: ['0.40', '400.00', '360.00', '200.00'],
    });
    const shown = (await headA1.get(`/api/customers/${c[0]}/performance-allocation`)).json();
    expect(shown.current.map((s: { name: string; share: string }) => [s.name, s.share])).toEqual([['pf_m1', '60.00'], ['pf_m2', '40.00']]);
  });

  it('a split across institutions goes to the branch administrator too; effective tomorrow, it changes nothing today', async () => {
    const r = await apply({ customerId: c[1], effectiveOn: tomorrow, shares: [{ managerId: m1, share: '50' }, { managerId: m3, share: '50' }] });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json()).toMatchObject({ stepCount: 2 });
    await approve(headA1, r.json().requestId, 1);
    expect((await headA1.post(`/api/approvals/${r.json().requestId}/approve`, { step: 2 })).statusCode).toBe(403); // not his role
    await approve(branchAdmin, r.json().requestId, 2);
    await refreshManagerPerformance(db(), today);
    expect((await perf())[m3]).toBeUndefined();
    await refreshManagerPerformance(db(), tomorrow);
    expect((await perf(tomorrow))[m3]).toEqual(['0.50', '100.00', '50.00', '0.00']);
    // History: the first customer's split stays listed after a new one replaces it.
    const again = await apply({ customerId: c[0], effectiveOn: tomorrow, shares: [{ managerId: m2, share: '100' }] });
    await approve(headA1, again.json().requestId, 1);
    const hist = (await headA1.get(`/api/customers/${c[0]}/performance-allocation`)).json().history;
    expect(hist.map((h: { name: string; since: string; endsOn: string | null }) => [h.name, h.since, h.endsOn])).toEqual([
      ['pf_m2', tomorrow, null], ['pf_m1', today, tomorrow], ['pf_m2', today, tomorrow]]);
  });

  it('adds up to the sum of its parts on random splits: each person\'s figure is Σ figure × share, the whole bank\'s the positions\' total', async () => {
    const ids = await open(ctx.bank.subA1, Array.from({ length: 40 }, (_, i) => `业绩随机${String(i).padStart(2, '0')}有限公司`));
    let seed = 7;
    const rnd = () => { seed = (seed * 48271) % 2147483647; return seed / 2147483647; };
    const people = [m1, m2, m3];
    // On that day the first three customers have no allocation yet: whole for their primary, m1.
    const expected = new Map<number, number>([[m1, (100_000 + 20_000 + 3_333) * 100]]);
    for (const id of ids) {
      const cents = Math.floor(rnd() * 10_000_000);
      await position(id, (cents / 100).toFixed(2), '0');
      const a = Math.floor(rnd() * 99) + 1; // share of the first person in whole percent
      await db().insertInto('performance_allocation').values([
        { customer_id: id, user_id: people[id % 3]!, share: String(a), since: '2026-01-01' },
        { customer_id: id, user_id: people[(id + 1) % 3]!, share: String(100 - a), since: '2026-01-01' }]).execute();
      expected.set(people[id % 3]!, (expected.get(people[id % 3]!) ?? 0) + cents * a);
      expected.set(people[(id + 1) % 3]!, (expected.get(people[(id + 1) % 3]!) ?? 0) + cents * (100 - a));
    }
    const d = '2026-11-30';
    await refreshManagerPerformance(db(), d);
    const rows = await sql<{ user_id: number; deposits: string }>`select user_id, deposit_balance::text as deposits from manager_performance where business_date = ${d}`.execute(db());
    for (const r of rows.rows) expect(r.deposits, String(r.user_id)).toBe((Math.round((expected.get(r.user_id) ?? 0) / 100) / 100).toFixed(2));
    const total = rows.rows.reduce((n, r) => n + Math.round(Number(r.deposits) * 100), 0);
    const positions = await sql<{ t: string }>`select sum(deposit_balance)::text as t from customer_position where customer_id = any(${[...ids, ...c]}::int8[])`.execute(db());
    expect(Math.abs(total - Math.round(Number(positions.rows[0]!.t) * 100))).toBeLessThanOrEqual(rows.rows.length); // rounding of each person's sum only
  });

  it('shows a manager his own figures, their trend and his rank among his institution\'s people', async () => {
    const me = (await m1c.get('/api/performance/me')).json();
    // The days computed above: 30 November, today and tomorrow — the latest first shown, the trend oldest first.
    expect(me.asOf).toBe(tomorrow);
    expect(me.trend.map((t: { date: string }) => t.date)).toEqual(['2026-11-30', today, tomorrow]);
    expect(me.figures).toMatchObject({ date: tomorrow });
    // Ranked by deposit month average among the people homed in 甲一支行 who have figures that day (m1, m2).
    expect(me.rank.of).toBe(2);
  });
});
