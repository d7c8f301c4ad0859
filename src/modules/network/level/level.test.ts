// The relationship level (REL-10, REL-11): each indicator's contribution, the levels at and around
// their thresholds, discrete without an account, history only when the level changes, scope, and
// the weights and thresholds as an audited setting.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/harness.ts';
import { bulkInsertCustomers } from '../../customers/import/bulk-insert.ts';
import { computeRelationshipLevels } from './level.service.ts';
import { DEFAULT_LEVEL_RULES } from './level.rules.ts';

let ctx: TestContext;
let headA1: Client; let headB1: Client; let admin: Client;
const D = '2026-11-30';
const c: Record<string, number> = {};
let productsReady = false;

const db = () => ctx.handle.db;
const open = (institutionId: number, names: string[]) => db().transaction().execute(async (tx) =>
  (await bulkInsertCustomers(tx, ctx.system, names.map((name) => ({ kind: 'corporate' as const, name, institutionId, values: {} })), { flagDuplicates: false })).ids);
let accountSeq = 0;
async function account(customerId: number, kind: 'deposit_demand' | 'deposit_time' | 'loan' | 'wealth' | 'card', openedOn = '2026-01-01') {
  if (!productsReady) {
    await sql`insert into product (id, name_zh, name_en, category, sub_type, currency) values
      ('1010000001', '活期', 'Demand', 'deposit', 'demand', 'CNY'), ('1020000001', '定期', 'Time', 'deposit', 'time', 'CNY'),
      ('2020000001', '贷款', 'Loan', 'loan', 'working_capital', 'CNY'), ('3010000001', '理财', 'Wealth', 'wealth', 'fixed_income', 'CNY'),
      ('4010000001', '借记卡', 'Card', 'card', 'debit', 'CNY') on conflict do nothing`.execute(db());
    productsReady = true;
  }
  const product = { deposit_demand: '1010000001', deposit_time: '1020000001', loan: '2020000001', wealth: '3010000001', card: '4010000001' }[kind];
  const r = await sql<{ id: number }>`insert into account (account_no, customer_id, product_id, kind, currency, institution_id, opened_on, balance, contract_no)
    values (${`62220000${String(++accountSeq).padStart(8, '0')}`}, ${customerId}, ${product}, ${kind}, 'CNY', ${ctx.bank.subA1}, ${openedOn}, 0, ${kind === 'loan' ? `JK${accountSeq}` : null}) returning id`.execute(db());
  return r.rows[0]!.id;
}
const transactions = (accountId: number, customerId: number, n: number, day = D) =>
  sql`insert into account_transaction (business_date, txn_no, account_id, customer_id, direction, amount, channel)
      select ${day}::date, 'T' || ${accountId} || '-' || g, ${accountId}, ${customerId}, 'C', 1, '01' from generate_series(1, ${n}) g`.execute(db());
const volume = (customerId: number, monthAvg: string, loans = '0') =>
  sql`update customer_position set deposit_month_avg = ${monthAvg}, loan_balance = ${loans} where customer_id = ${customerId}`.execute(db());
const since = (customerId: number, day: string) => sql`update customer set created_at = ${`${day}T12:00:00+08:00`} where id = ${customerId}`.execute(db());
const level = async (client: Client, id: number) => (await client.get(`/api/customers/${id}/relationship-level`)).json();

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('lv_head_a1', ctx.bank.subA1, ['institution_head']);
  await ctx.addUser('lv_head_b1', ctx.bank.subB1, ['institution_head']);
  await ctx.addUser('lv_admin', ctx.bank.ho, ['head_office_admin']);
  [headA1, headB1, admin] = await Promise.all(['lv_head_a1', 'lv_head_b1', 'lv_admin'].map((u) => ctx.login(u)));
  await sql`select account_transaction_partition(${D}::date)`.execute(db());
  await db().insertInto('feed_run').values({ business_date: D, source_dir: 'test', trigger: 'cli', status: 'loaded' } as never).execute();
  const names = ['无账户', '全满', '松散边界', '松散以下'];
  const ids = await open(ctx.bank.subA1, names.map((n) => `形态${n}有限公司`));
  names.forEach((n, i) => { c[n] = ids[i]!; });
  for (const id of ids) await since(id, D); // tenure 0 unless set below

  // 全满: every indicator full → 100 (strategic partner).
  const full = c['全满']!;
  const a = await account(full, 'deposit_demand', '2010-01-01');
  await account(full, 'deposit_time'); await account(full, 'loan'); await account(full, 'wealth');
  await transactions(a, full, 30);
  await volume(full, '10000000.00');
  await since(full, '2010-01-01');
  // 松散边界: one account of one kind and nothing else: 15/3 + 25/4 + 5 (credit) = 5 + 6.25 + 5 = 16.25 → loose (≥ 10)
  await account(c['松散边界']!, 'deposit_demand', D);
  // 松散以下: the same, blacklisted: 5 + 6.25 = 11.25; with the loose bar at 11.26 → discrete.
  await account(c['松散以下']!, 'deposit_demand', D);
  await sql`update customer set blacklisted = true where id = ${c['松散以下']!}`.execute(db());
  await open(ctx.bank.subB1, ['形态乙行有限公司']);
});
afterAll(async () => { await ctx?.close(); });

describe('the relationship level (客户关系形态)', () => {
  it('scores each indicator and takes the highest level whose threshold the score reaches; discrete without an account', async () => {
    const r = await computeRelationshipLevels(db(), D);
    expect(r).toMatchObject({ businessDate: D, customers: 5, moved: 5 });
    const full = await level(headA1, c['全满']!);
    expect([full.level, full.score]).toEqual([5, '100.00']);
    expect(full.indicators.map((i: { indicator: string; contribution: string }) => [i.indicator, i.contribution])).toEqual([
      ['accounts', '15.00'], ['productKinds', '25.00'], ['volume', '25.00'], ['transactions', '20.00'], ['tenure', '10.00'], ['credit', '5.00']]);
    expect(full.indicators[0]).toMatchObject({ value: 4, weight: 15 });
    const loose = await level(headA1, c['松散边界']!);
    expect([loose.level, loose.score]).toEqual([2, '16.25']);
    const none = await level(headA1, c['无账户']!);
    expect(none.level).toBe(1);
    expect((await level(headA1, c['松散以下']!)).score).toBe('11.25');
  });

  it('moves a customer only when his level changes: history rows name the day, from and to', async () => {
    const rules = (await admin.get('/api/settings/relationship-levels')).json();
    expect(rules).toEqual(DEFAULT_LEVEL_RULES);
    // The loose bar just above 11.25 and at 16.25: one customer drops to discrete, the other stays loose (at the bar).
    const put = await admin.put('/api/settings/relationship-levels', { ...rules, thresholds: { ...rules.thresholds, loose: 11.26 } });
    expect(put.statusCode, put.body).toBe(200);
    await sql`insert into feed_run (business_date, source_dir, trigger, status) values ('2026-12-01', 'test', 'cli', 'loaded')`.execute(db());
    expect(await computeRelationshipLevels(db(), '2026-12-01')).toMatchObject({ moved: 1 });
    await admin.put('/api/settings/relationship-levels', { ...rules, thresholds: { ...rules.thresholds, loose: 16.25 } });
    expect(await computeRelationshipLevels(db(), '2026-12-01')).toMatchObject({ moved: 0 });
    const moved = (await headA1.get('/api/relationship-levels/moves?date=2026-12-01')).json();
    expect(moved.items.map((m: { name: string; levelFrom: number; levelTo: number }) => [m.name, m.levelFrom, m.levelTo])).toEqual([['形态松散以下有限公司', 2, 1]]);
    expect((await level(headA1, c['松散以下']!)).history.map((h: { businessDate: string; levelTo: number }) => [h.businessDate, h.levelTo])).toEqual([['2026-12-01', 1], [D, 2]]);
    const dist = (await headA1.get('/api/relationship-levels/distribution')).json().items;
    expect(dist.map((x: { level: number; customers: number }) => [x.level, x.customers])).toEqual([[1, 2], [2, 1], [5, 1]]);
  });

  it('keeps to the reader\'s charge and refuses weights or thresholds out of order, changing nothing', async () => {
    expect((await headB1.get(`/api/customers/${c['全满']!}/relationship-level`)).statusCode).toBe(404);
    expect((await headB1.get('/api/relationship-levels/moves?date=2026-12-01')).json().items).toEqual([]);
    const rules = (await admin.get('/api/settings/relationship-levels')).json();
    const bad = await admin.put('/api/settings/relationship-levels', { ...rules, weights: { ...rules.weights, credit: 6 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'weights', code: 'network.level.weights_sum' });
    const order = await admin.put('/api/settings/relationship-levels', { ...rules, thresholds: { loose: 50, close: 40, tight: 60, strategic: 70 } });
    expect(order.json().errors[0]).toMatchObject({ code: 'network.level.not_ascending' });
    expect((await admin.put('/api/settings/relationship-levels', { ...rules, full: { ...rules.full, volume: "1; drop table customer" } })).statusCode).toBe(422);
    expect((await headA1.put('/api/settings/relationship-levels', rules)).statusCode).toBe(403);
    expect((await admin.get('/api/settings/relationship-levels')).json()).toEqual(rules);
  });
});
