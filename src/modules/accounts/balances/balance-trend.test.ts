// ACC-3 balance trend: per day, category and currency, the sum of a customer's end-of-day balances
// with the carry-forward rule of docs/daily-averages.md. Every expected figure is worked out beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/harness.ts';
import { upsertAccounts } from '../account.service.ts';
import { applyBusinessDay } from './balance.service.ts';
import { balanceTrend } from './balance-trend.service.ts';

let ctx: TestContext;
let clerk: Client;
let clerkB: Client;
let customer: { id: number; no: string };
let empty: { id: number; no: string };
const acc: Record<string, number> = {};

const day = (date: string, ...pairs: [string, string][]) => ctx.handle.db.transaction().execute((tx) =>
  applyBusinessDay(tx, date, pairs.map(([k, balance]) => ({ accountId: acc[k], balance }))));
const trend = (query = '') => clerk.get(`/api/customers/${customer.id}/balance-trend${query}`);
type Body = { from: string; to: string; series: { category: string; currency: string; points: { date: string; balance: string }[] }[] };
/** series → { 'deposit/CNY': ['150.00', …] } */
const figures = (b: Body) => Object.fromEntries(b.series.map((s) => [`${s.category}/${s.currency}`, s.points.map((p) => p.balance)]));

async function openAccount(key: string, no: string, openedOn: string, extra: Record<string, unknown> = {}) {
  await ctx.handle.db.transaction().execute((tx) => upsertAccounts(tx, ctx.system, [{ accountNo: no, customerNo: customer.no, productId: '1010000001',
    kind: 'deposit_demand', currency: 'CNY', institutionCode: 'A110', openedOn, status: 'active', balance: '0.00', ...extra }]));
  acc[key] = (await ctx.handle.db.selectFrom('account').select('id').where('account_no', '=', no).executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('bt_pm', ctx.bank.ho, ['product_manager']);
  await ctx.addUser('bt_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('bt_clerk_b', ctx.bank.subB1, ['data_entry_clerk']);
  const pm = await ctx.login('bt_pm');
  clerk = await ctx.login('bt_clerk');
  clerkB = await ctx.login('bt_clerk_b');
  for (const p of [{ id: '1010000001', nameZh: '单位活期存款', nameEn: 'Corporate demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' },
    { id: '2020000001', nameZh: '流动资金贷款', nameEn: 'Working-capital loan', category: 'loan', subType: 'working_capital', currency: 'CNY' }]) {
    expect((await pm.post('/api/products', p)).statusCode).toBe(201);
  }
  const open = async (name: string) => {
    const res = await clerk.post('/api/customers', { kind: 'corporate', name });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    return { id, no: (await ctx.handle.db.selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no };
  };
  customer = await open('青岛余额走势测试有限公司');
  empty = await open('青岛无余额测试有限公司');
  await openAccount('demand', '6222020000000200001', '2027-03-01');
  await openAccount('time', '6222020000000200002', '2027-03-03', { kind: 'deposit_time', maturityOn: '2028-03-03', termMonths: 12 });
  await openAccount('closed', '6222020000000200003', '2027-03-01', { status: 'closed', closedOn: '2027-03-04' });
  await openAccount('usd', '6222020000000200004', '2027-03-01', { currency: 'USD' });
  await openAccount('loan', '6228480000000200005', '2027-03-01', { productId: '2020000001', kind: 'loan', contractNo: 'JK2027-BT-1', contractAmount: '5000.00' });
  await day('2027-03-01', ['demand', '100.00'], ['closed', '50.00'], ['usd', '10.00'], ['loan', '5000.00']);
  await day('2027-03-02', ['closed', '60.00']); // demand has no snapshot: carried at 100.00
  await day('2027-03-03', ['demand', '200.00'], ['time', '1000.00']); // closed carried at 60.00
  await day('2027-03-04', ['closed', '0.00']); // its closing day counts, at 0.00
  await day('2027-03-05', ['demand', '300.00'], ['closed', '999.00']); // after closing: stored, never counted
});
afterAll(() => ctx?.close());

describe('GET /api/customers/:id/balance-trend, hand-computed', () => {
  it('sums each category and currency per day, carrying balances over gaps and stopping at closing', async () => {
    const res = await trend('?from=2027-03-01&to=2027-03-06');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Body;
    expect([body.from, body.to]).toEqual(['2027-03-01', '2027-03-06']);
    expect(body.series.map((s) => `${s.category}/${s.currency}`)).toEqual(['deposit/CNY', 'deposit/USD', 'loan/CNY']);
    expect(body.series[0]!.points.map((p) => p.date)).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06']);
    expect(figures(body)).toEqual({
      // demand + time deposit + the closed demand account:
      // Mar 1 100 + (time not yet open) + 50 = 150; Mar 2 100 carried + 60 = 160; Mar 3 200 + 1000 + 60 carried = 1260;
      // Mar 4 200 + 1000 + 0 (closing day) = 1200; Mar 5 300 + 1000 (999 after closing ignored) = 1300; Mar 6 all carried = 1300.
      'deposit/CNY': ['150.00', '160.00', '1260.00', '1200.00', '1300.00', '1300.00'],
      // Dollars are never added to yuan, nor loans to deposits.
      'deposit/USD': ['10.00', '10.00', '10.00', '10.00', '10.00', '10.00'],
      'loan/CNY': ['5000.00', '5000.00', '5000.00', '5000.00', '5000.00', '5000.00'],
    });
  });

  it('carries into the range the last balance before it', async () => {
    // Mar 2: demand's Mar 1 balance 100 (before the range) + closed 60 = 160; Mar 3 as above.
    expect(figures((await trend('?from=2027-03-02&to=2027-03-03')).json())['deposit/CNY']).toEqual(['160.00', '1260.00']);
    // Past the last loaded day: demand 300 (Mar 5) + time 1000 (Mar 3) carried; the closed account is not in the range at all.
    const later = figures((await trend('?from=2027-03-07&to=2027-03-08')).json());
    expect(later).toEqual({ 'deposit/CNY': ['1300.00', '1300.00'], 'deposit/USD': ['10.00', '10.00'], 'loan/CNY': ['5000.00', '5000.00'] });
  });

  it('defaults to the latest loaded business date, from the first opening within 90 days; one end given, 90 days', async () => {
    const body = (await trend()).json() as Body;
    // The latest loaded day is Mar 5 (the closed account's Mar 5 row is after its closing and not counted). 90 days back
    // would be 2026-12-06, but the first account opened on Mar 1: the chart starts there, not with 85 days of 0.00.
    expect([body.from, body.to]).toEqual(['2027-03-01', '2027-03-05']);
    const deposits = body.series.find((s) => s.category === 'deposit' && s.currency === 'CNY')!.points;
    expect(deposits.map((p) => p.balance)).toEqual(['150.00', '160.00', '1260.00', '1200.00', '1300.00']);
    // Asked for explicitly, the days before any account opened are there, at 0.00.
    const asked = (await trend('?to=2027-03-05')).json() as Body;
    const before = asked.series.find((s) => s.category === 'deposit' && s.currency === 'CNY')!.points;
    expect(before).toHaveLength(90);
    expect(before[0]).toEqual({ date: '2026-12-06', balance: '0.00' });
    expect(before.find((p) => p.date === '2027-02-28')!.balance).toBe('0.00');
    // One end given: the other is 90 days away.
    const fromOnly = (await trend('?from=2027-03-01')).json() as Body;
    expect([fromOnly.from, fromOnly.to, fromOnly.series[0]!.points.length]).toEqual(['2027-03-01', '2027-05-29', 90]);
    const toOnly = (await trend('?to=2027-03-05')).json() as Body;
    expect([toOnly.from, toOnly.to]).toEqual(['2026-12-06', '2027-03-05']);
  });

  it('answers an empty trend for a customer with no balances loaded, and for a range before any account', async () => {
    expect((await clerk.get(`/api/customers/${empty.id}/balance-trend`)).json()).toEqual({ customerId: empty.id, from: null, to: null, series: [] });
    expect((await trend('?from=2026-01-01&to=2026-01-31')).json().series).toEqual([]);
  });

  it('allows a leap year of 366 days and refuses a longer or reversed range, naming the fault', async () => {
    const leap = await trend('?from=2028-01-01&to=2028-12-31');
    expect(leap.statusCode, leap.body).toBe(200);
    expect((leap.json() as Body).series[0]!.points).toHaveLength(366);
    const long = await trend('?from=2027-01-01&to=2028-01-02');
    expect(long.statusCode).toBe(422);
    expect(long.json().errors).toEqual([expect.objectContaining({ path: 'to', code: 'accounts.trend_too_long', message: expect.stringContaining('367') })]);
    const reversed = await trend('?from=2027-03-05&to=2027-03-04');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors[0]).toMatchObject({ path: 'to', code: 'accounts.trend_to_before_from' });
    const en = await clerk.get(`/api/customers/${customer.id}/balance-trend?from=2027-03-05&to=2027-03-04`, { 'x-crm-lang': 'en-US' });
    expect(en.json().errors[0].message).toBe('The end date 2027-03-04 cannot be before the start date 2027-03-05');
  });

  it('rejects malformed dates and unknown parameters', async () => {
    for (const q of ['?from=2027-02-30', '?to=2027-3-1', `?from=${encodeURIComponent("2027-03-01' or 1=1 --")}`, '?from=<b>x</b>', '?days=400', '?from[]=2027-03-01']) {
      const res = await trend(q);
      expect(res.statusCode, q).toBe(400);
    }
    // The service checks dates itself for callers other than HTTP.
    await expect(balanceTrend(ctx.handle.db, ctx.system, customer.id, { from: '2027-02-29' })).rejects.toMatchObject({ status: 422 });
  });

  it('hides customers outside the caller\'s scope (404) and unknown ones', async () => {
    expect((await clerkB.get(`/api/customers/${customer.id}/balance-trend`)).statusCode).toBe(404);
    expect((await clerkB.get(`/api/customers/${customer.id}/balance-trend?from=2027-01-01&to=2028-12-31`)).statusCode).toBe(404);
    expect((await clerk.get('/api/customers/99999999/balance-trend')).statusCode).toBe(404);
    expect((await clerk.get('/api/customers/abc/balance-trend')).statusCode).toBe(400);
  });
});
