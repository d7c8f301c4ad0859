// ACC-3 daily averages on hand-computed cases. Each account is fed only its own days, so the cases
// are independent; every expected figure is worked out in the comment beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type Client, type TestContext } from '../../../test/harness.ts';
import type { Executor } from '../../../db/database.ts';
import { upsertAccounts } from '../account.service.ts';
import { applyBusinessDay } from './balance.service.ts';
import { dailyAverages } from './daily-average.service.ts';

let ctx: TestContext;
let customerNo: string;
let customerId: number;
let otherCustomerNo: string;
let otherCustomerId: number;
let mixedCustomerNo: string;
let mixedCustomerId: number;
let clerk: Client;
let clerkB: Client;
const acc: Record<string, number> = {};

const apply = (date: string, rows: unknown) => ctx.handle.db.transaction().execute((tx) => applyBusinessDay(tx, date, rows));
const day = (date: string, ...pairs: [string, string][]) => apply(date, pairs.map(([k, balance]) => ({ accountId: acc[k], balance })));
const avgOf = async (key: string, asOf: string) => (await dailyAverages(ctx.handle.db, [acc[key]!], asOf)).accounts[0]!;
const pick = (a: Awaited<ReturnType<typeof avgOf>>) => ({ month: [a.month.days, a.month.average], quarter: [a.quarter.days, a.quarter.average], year: [a.year.days, a.year.average] });

async function openAccount(key: string, no: string, openedOn: string, extra: Record<string, unknown> = {}, owner = customerNo) {
  await ctx.handle.db.transaction().execute((tx) => upsertAccounts(tx, ctx.system, [{ accountNo: no, customerNo: owner, productId: '1010000001', kind: 'deposit_demand',
    currency: 'CNY', institutionCode: 'A110', openedOn, status: 'active', balance: '0.00', ...extra }]));
  acc[key] = (await ctx.handle.db.selectFrom('account').select('id').where('account_no', '=', no).executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('da_pm', ctx.bank.ho, ['product_manager']);
  await ctx.addUser('da_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  const pm = await ctx.login('da_pm');
  await ctx.addUser('da_clerk_b', ctx.bank.subB1, ['data_entry_clerk']);
  clerk = await ctx.login('da_clerk');
  clerkB = await ctx.login('da_clerk_b');
  expect((await pm.post('/api/products', { id: '1010000001', nameZh: '单位活期存款', nameEn: 'Corporate demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' })).statusCode).toBe(201);
  expect((await pm.post('/api/products', { id: '2020000001', nameZh: '流动资金贷款', nameEn: 'Working-capital loan', category: 'loan', subType: 'working_capital', currency: 'CNY' })).statusCode).toBe(201);
  const open = async (name: string) => {
    const res = await clerk.post('/api/customers', { kind: 'corporate', name });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    return { id, no: (await ctx.handle.db.selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no };
  };
  ({ id: customerId, no: customerNo } = await open('青岛日均测试有限公司'));
  ({ id: otherCustomerId, no: otherCustomerNo } = await open('青岛日均测试二有限公司'));
  ({ id: mixedCustomerId, no: mixedCustomerNo } = await open('青岛日均分类测试有限公司'));
  await openAccount('monthEnd', '6222020000000100001', '2027-01-30');
  await openAccount('leap', '6222020000000100002', '2028-02-28');
  await openAccount('nonLeap', '6222020000000100003', '2027-02-28');
  await openAccount('gap', '6222020000000100004', '2027-05-01');
  await openAccount('closing', '6222020000000100005', '2027-06-10', { status: 'closed', closedOn: '2027-06-20' });
  await openAccount('reapply', '6222020000000100006', '2027-07-01');
  await openAccount('fen', '6222020000000100007', '2027-08-01');
  await openAccount('halfUp', '6222020000000100008', '2027-08-01');
  await openAccount('sumA', '6222020000000100009', '2027-09-01', {}, otherCustomerNo);
  await openAccount('sumB', '6222020000000100010', '2027-09-01', {}, otherCustomerNo);
  await openAccount('mixDemand', '6222020000000100021', '2027-11-01', {}, mixedCustomerNo);
  await openAccount('mixTime', '6222020000000100022', '2027-11-01', { kind: 'deposit_time', maturityOn: '2028-11-01', termMonths: 12 }, mixedCustomerNo);
  await openAccount('mixLoan', '6228480000000100023', '2027-11-01', { productId: '2020000001', kind: 'loan', contractNo: 'JK2027-DA-1', contractAmount: '5000.00' }, mixedCustomerNo);
  await openAccount('mixUsd', '6222020000000100024', '2027-11-01', { currency: 'USD' }, mixedCustomerNo);
  await openAccount('mixCard', '6222020000000100025', '2027-10-01', { kind: 'card', status: 'closed', closedOn: '2027-10-15' }, mixedCustomerNo);
});
afterAll(() => ctx?.close());

describe('daily averages (日均), hand-computed', () => {
  it('starts a new month at a month end while the quarter and year run on', async () => {
    await day('2027-01-30', ['monthEnd', '100.00']);
    await day('2027-01-31', ['monthEnd', '200.00']);
    // Jan 30–31: (100 + 200) / 2 = 150.00 for month, quarter and year (opened Jan 30).
    expect(pick(await avgOf('monthEnd', '2027-01-31'))).toEqual({ month: [2, '150.00'], quarter: [2, '150.00'], year: [2, '150.00'] });
    await day('2027-02-01', ['monthEnd', '400.00']);
    const a = await avgOf('monthEnd', '2027-02-01');
    // February: 400 / 1 = 400.00; quarter and year: (100 + 200 + 400) / 3 = 233.333… → 233.33.
    expect(pick(a)).toEqual({ month: [1, '400.00'], quarter: [3, '233.33'], year: [3, '233.33'] });
    expect(a.month.periodStart).toBe('2027-02-01');
    expect(a.quarter.balanceSum).toBe('700.00');
    // January is archived as a finished period, not lost: 300.00 over 2 days.
    const done = await ctx.handle.db.selectFrom('account_average_period').select(['period_kind', 'period_start', 'period_end', 'balance_sum', 'days'])
      .where('account_id', '=', acc.monthEnd!).execute();
    expect(done).toEqual([{ period_kind: 'month', period_start: '2027-01-01', period_end: '2027-01-31', balance_sum: '300.00', days: 2 }]);
    const running = await ctx.handle.db.selectFrom('account_average').select(['month_start', 'month_days', 'year_days']).where('account_id', '=', acc.monthEnd!).execute();
    expect(running).toEqual([{ month_start: '2027-02-01', month_days: 1, year_days: 3 }]);
  });

  it('counts 29 February in a leap year and not in a common year', async () => {
    await day('2028-02-28', ['leap', '300.00']);
    // As of Feb 29 2028 with no snapshot that day: Feb 28–29 at 300 → 600 / 2 = 300.00.
    expect(pick(await avgOf('leap', '2028-02-29')).month).toEqual([2, '300.00']);
    await day('2028-03-01', ['leap', '600.00']);
    // Quarter: Feb 28 300 + Feb 29 300 (carried) + Mar 1 600 = 1200 / 3 = 400.00; March alone 600.00.
    expect(pick(await avgOf('leap', '2028-03-01'))).toEqual({ month: [1, '600.00'], quarter: [3, '400.00'], year: [3, '400.00'] });
    await day('2027-02-28', ['nonLeap', '300.00']);
    await day('2027-03-01', ['nonLeap', '600.00']);
    // 2027 has no Feb 29: (300 + 600) / 2 = 450.00.
    expect(pick(await avgOf('nonLeap', '2027-03-01'))).toEqual({ month: [1, '600.00'], quarter: [2, '450.00'], year: [2, '450.00'] });
  });

  it('carries the last balance forward over days with no snapshot', async () => {
    await day('2027-05-01', ['gap', '1000.00']);
    await day('2027-05-05', ['gap', '2000.00']);
    // May 1–4 at 1000 (2, 3, 4 carried) + May 5 at 2000 = 6000 / 5 = 1200.00.
    const a = await avgOf('gap', '2027-05-05');
    expect([a.month.days, a.month.balanceSum, a.month.average]).toEqual([5, '6000.00', '1200.00']);
    // Read on May 7 with no further snapshot: 6000 + 2 × 2000 = 10000 / 7 = 1428.571… → 1428.57.
    expect(pick(await avgOf('gap', '2027-05-07')).month).toEqual([7, '1428.57']);
  });

  it('counts an account opened and closed mid-month only between those dates', async () => {
    await day('2027-06-10', ['closing', '500.00']);
    await day('2027-06-15', ['closing', '700.00']);
    await day('2027-06-20', ['closing', '0.00']);
    await day('2027-06-25', ['closing', '900.00']); // after closing: contributes nothing
    // Jun 10–14: 5 × 500 = 2500; Jun 15–19: 5 × 700 = 3500; Jun 20: 0 → 6000 / 11 days = 545.4545… → 545.45.
    const expected = { month: [11, '545.45'], quarter: [11, '545.45'], year: [11, '545.45'] };
    expect(pick(await avgOf('closing', '2027-06-25'))).toEqual(expected);
    expect(pick(await avgOf('closing', '2027-06-30'))).toEqual(expected);
    // July: the account was closed all month, so it counts no day and shows no average.
    expect(pick(await avgOf('closing', '2027-07-15')).month).toEqual([0, null]);
  });

  it('re-applying a day replaces it and gives identical averages; an older day is refused', async () => {
    await day('2027-07-01', ['reapply', '10.00']);
    await day('2027-07-02', ['reapply', '20.00']);
    const first = await avgOf('reapply', '2027-07-02');
    expect(pick(first).month).toEqual([2, '15.00']); // (10 + 20) / 2
    await day('2027-07-02', ['reapply', '20.00']);
    expect(await avgOf('reapply', '2027-07-02')).toEqual(first);
    await day('2027-07-02', ['reapply', '50.00']);
    expect(pick(await avgOf('reapply', '2027-07-02')).month).toEqual([2, '30.00']); // (10 + 50) / 2
    await day('2027-07-02', ['reapply', '20.00']);
    expect(await avgOf('reapply', '2027-07-02')).toEqual(first);
    const snap = await ctx.handle.db.selectFrom('account_balance').select(['business_date', 'balance']).where('account_id', '=', acc.reapply!).orderBy('business_date').execute();
    expect(snap).toEqual([{ business_date: '2027-07-01', balance: '10.00' }, { business_date: '2027-07-02', balance: '20.00' }]);
    await expect(day('2027-07-01', ['reapply', '99.00'])).rejects.toMatchObject({ status: 422 });
    expect(await avgOf('reapply', '2027-07-02')).toEqual(first);
  });

  it('keeps fen exact and rounds half-up only when shown', async () => {
    await day('2027-08-01', ['fen', '0.10'], ['halfUp', '0.01']);
    await day('2027-08-02', ['fen', '0.20'], ['halfUp', '0.00']);
    await day('2027-08-03', ['fen', '0.00']);
    // 0.10 + 0.20 + 0.00 = 0.30 exactly (0.1 + 0.2 in a double is 0.30000000000000004) / 3 = 0.10.
    const f = await avgOf('fen', '2027-08-03');
    expect([f.month.balanceSum, f.month.average]).toEqual(['0.30', '0.10']);
    // (0.01 + 0.00) / 2 = 0.005 → 0.01 half-up (banker's rounding would show 0.00).
    expect(pick(await avgOf('halfUp', '2027-08-02')).month).toEqual([2, '0.01']);
  });

  it('sums a customer from its accounts\' shown averages', async () => {
    await day('2027-09-01', ['sumA', '100.00'], ['sumB', '0.00']);
    await day('2027-09-02', ['sumA', '100.01'], ['sumB', '0.01']);
    // sumA: 200.01 / 2 = 100.005 → 100.01; sumB: 0.01 / 2 = 0.005 → 0.01; customer: 100.02.
    const res = await dailyAverages(ctx.handle.db, [acc.sumA!, acc.sumB!, acc.gap!], '2027-09-02');
    const other = res.customers.filter((c) => c.customerId !== customerId);
    expect(other).toEqual([{ customerId: otherCustomerId, category: 'deposit', currency: 'CNY', month: '100.02', quarter: '100.02', year: '100.02', partial: [] }]);
    // The gap account (first customer) has no snapshot since May 5: its September is Sep 1–2 at the
    // carried 2000.00 → 4000 / 2 = 2000.00, and that customer's total is that account's alone.
    expect(res.customers.find((c) => c.customerId === customerId)!.month).toBe('2000.00');
  });

  it('sums a customer per category and currency: demand and time deposits together, never loans or dollars', async () => {
    await day('2027-10-01', ['mixCard', '100.00']);
    await day('2027-10-15', ['mixCard', '0.00']);
    await day('2027-11-01', ['mixDemand', '100.00'], ['mixTime', '1000.00'], ['mixLoan', '5000.00'], ['mixUsd', '10.00']);
    await day('2027-11-02', ['mixDemand', '100.01'], ['mixTime', '1000.00'], ['mixLoan', '4000.00'], ['mixUsd', '10.01']);
    const ids = ['mixDemand', 'mixTime', 'mixLoan', 'mixUsd', 'mixCard'].map((k) => acc[k]!);
    const res = await dailyAverages(ctx.handle.db, ids, '2027-11-02');
    expect(res.accounts.map((a) => [a.category, a.currency])).toEqual([['deposit', 'CNY'], ['deposit', 'CNY'], ['loan', 'CNY'], ['deposit', 'USD'], ['card', 'CNY']]);
    // All opened 1 November, so month, quarter and year agree:
    //  demand (100.00 + 100.01) / 2 = 100.005 → 100.01; time deposit 1000.00; deposits CNY 100.01 + 1000.00 = 1100.01;
    //  loan (5000 + 4000) / 2 = 4500.00; USD demand (10.00 + 10.01) / 2 = 10.005 → 10.01.
    //  card: open 1–15 October, closed all November: Oct 1–14 at 100 + Oct 15 at 0 = 1400 / 15 = 93.333… → 93.33
    //  for quarter and year; no November day, so the month is null (no figure), not 0.00.
    // The old single total would have added them all: 1100.01 + 4500.00 + 10.01 + 93.33 — a figure no banker uses.
    expect(res.customers).toEqual([
      { customerId: mixedCustomerId, category: 'deposit', currency: 'CNY', month: '1100.01', quarter: '1100.01', year: '1100.01', partial: [] },
      { customerId: mixedCustomerId, category: 'deposit', currency: 'USD', month: '10.01', quarter: '10.01', year: '10.01', partial: [] },
      { customerId: mixedCustomerId, category: 'loan', currency: 'CNY', month: '4500.00', quarter: '4500.00', year: '4500.00', partial: [] },
      { customerId: mixedCustomerId, category: 'card', currency: 'CNY', month: null, quarter: '93.33', year: '93.33', partial: [] },
    ]);
    // As of 1 January the card's year holds no day: every period of its group is empty, so the group is left out.
    const nextYear = await dailyAverages(ctx.handle.db, [acc.mixCard!], '2028-01-01');
    expect(nextYear.customers).toEqual([]);
  });
});

describe('the full-day path (build the table and swap it in)', () => {
  it('gives the staged accounts exactly what the row-by-row path gives, and every account the same averages', async () => {
    type Row = { account_id: number; through_date: string; last_balance: string; month_start: string; month_sum: string; month_days: number };
    const state = (db: Executor) => sql<Row>`select * from account_average order by account_id`.execute(db).then((r) => r.rows);
    // Two of the accounts get a day (one a new month, one a reload-free continuation); the rest are kept as they were.
    const rows = [{ accountId: acc.monthEnd!, balance: '800.00' }, { accountId: acc.gap!, balance: '12.34' }];
    const staged = new Set(rows.map((r) => r.accountId));
    const run = async (write: 'rewrite' | 'upsert') => {
      let after: Row[] = [];
      let averages: unknown = null;
      let closedPeriods: unknown[] = [];
      await ctx.handle.db.transaction().execute(async (tx) => {
        await applyBusinessDay(tx, '2028-06-01', rows, write);
        after = await state(tx);
        averages = await dailyAverages(tx, after.map((r) => r.account_id), '2028-06-10');
        closedPeriods = (await sql`select period_kind, period_start::text, balance_sum::text, days from account_average_period
          where account_id = ${acc.closing!} order by period_kind`.execute(tx)).rows;
        throw new Error('undo');
      }).catch((e: Error) => { if (e.message !== 'undo') throw e; });
      return { after, averages, closedPeriods };
    };
    const before = await state(ctx.handle.db);
    const rowByRow = await run('upsert');
    const swapped = await run('rewrite');
    expect(swapped.after.filter((r) => staged.has(r.account_id))).toEqual(rowByRow.after.filter((r) => staged.has(r.account_id)));
    expect(swapped.after.length).toBe(before.length);
    // The full day moves the whole book: an account not in the file whose month ended is rolled into
    // June 2028 with nothing counted yet, keeping its last load and balance (its May was archived);
    // the row-by-row path leaves it as it was. Read as of June 10, both give every account the same.
    for (const b of before.filter((r) => !staged.has(r.account_id))) {
      const s = swapped.after.find((r) => r.account_id === b.account_id)!;
      expect([s.through_date, s.last_balance]).toEqual([b.through_date, b.last_balance]);
      expect([s.month_start, s.month_sum, s.month_days]).toEqual(b.month_start < '2028-06-01' ? ['2028-06-01', '0.00', 0] : [b.month_start, b.month_sum, b.month_days]);
      expect(rowByRow.after.find((r) => r.account_id === b.account_id)).toEqual(b);
    }
    expect(swapped.averages).toEqual(rowByRow.averages);
    // The account closed on 20 June 2027 is in neither day: the full day archives its last month,
    // quarter and year (Jun 10–20: 6000.00 over 11 days) as it rolls it; the row-by-row day leaves it.
    expect(swapped.closedPeriods).toEqual(['month', 'quarter', 'year'].map((k) => ({ period_kind: k,
      period_start: k === 'month' ? '2027-06-01' : k === 'quarter' ? '2027-04-01' : '2027-01-01', balance_sum: '6000.00', days: 11 })));
    expect(rowByRow.closedPeriods).toEqual([]);
    // The table is back, with its primary key, after the rolled-back swap.
    expect(await state(ctx.handle.db)).toEqual(before);
  });
});


describe('balance snapshots and hostile input', () => {
  it('stores each day in its own partition, created on demand', async () => {
    const parts = await sql<{ name: string }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = 'account_balance'::regclass order by 1`.execute(ctx.handle.db);
    expect(parts.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['account_balance_20270130', 'account_balance_20270201', 'account_balance_20280228', 'account_balance_20280301']));
    // 29 February 2028 had no snapshot: no partition was made for it.
    expect(parts.rows.map((r) => r.name)).not.toContain('account_balance_20280229');
    const onFeb28 = await sql<{ n: number }>`select count(*)::int as n from account_balance_20280228`.execute(ctx.handle.db);
    expect(onFeb28.rows[0]!.n).toBe(1);
  });

  it('reports every bad row and writes nothing', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from account_balance`.execute(ctx.handle.db);
    const err = await apply('2027-10-01', [
      { accountId: acc.gap, balance: '1.005' },
      { accountId: "1; drop table account_balance; --", balance: '1.00' },
      { accountId: acc.gap, balance: '2.00' },
      { accountId: acc.fen, balance: '<script>alert(1)</script>' },
      { accountId: acc.halfUp, balance: '1'.repeat(40) },
      'not a row',
    ]).then(() => null, (e: { status: number; fieldErrors: { path: string; code: string }[] }) => e);
    expect(err?.status).toBe(422);
    expect(err!.fieldErrors.map((e) => `${e.path} ${e.code}`).sort()).toEqual([
      'balances.0.balance accounts.money_format', 'balances.1.accountId accounts.field_invalid', 'balances.3.balance accounts.money_format',
      'balances.4.balance accounts.money_format', 'balances.5 accounts.field_invalid']);
    await expect(apply('2027-02-29', [{ accountId: acc.gap, balance: '1.00' }])).rejects.toMatchObject({ status: 422 });
    await expect(apply('2027-10-01', 'rows')).rejects.toMatchObject({ status: 422 });
    const unknown = await apply('2027-10-01', [{ accountId: acc.gap, balance: '1.00' }, { accountId: 99999999, balance: '1.00' }]).then(() => null, (e: { fieldErrors: { path: string }[] }) => e);
    expect(unknown!.fieldErrors.map((e) => e.path)).toEqual(['balances.1.accountId']);
    // A day before the opening date, and a day older than the running totals, are refused with their reason.
    await openAccount('late', '6222020000000100011', '2027-12-01');
    const early = await day('2027-11-30', ['late', '1.00']).then(() => null, (e: { fieldErrors: { path: string; params: { reason: string } }[] }) => e);
    expect(early!.fieldErrors.map((e) => `${e.path} ${e.params.reason}`)).toEqual(['businessDate before_opening']);
    const old = await day('2027-08-02', ['fen', '1.00']).then(() => null, (e: { fieldErrors: { params: { reason: string } }[] }) => e);
    expect(old!.fieldErrors.map((e) => e.params.reason)).toEqual(['superseded']);
    const after = await sql<{ n: number }>`select count(*)::int as n from account_balance`.execute(ctx.handle.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    await expect(dailyAverages(ctx.handle.db, [acc.gap!], "2027-10-01'; --")).rejects.toMatchObject({ status: 422 });
  });
});

describe('GET /api/customers/:id/averages', () => {
  it('shows a customer in scope its averages, latest business date by default', async () => {
    // Uses the two accounts loaded for 1–2 September in the customer-sum case above.
    const res = await clerk.get(`/api/customers/${otherCustomerId}/averages`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe('2027-09-02');
    expect(body.totals).toEqual([{ category: 'deposit', currency: 'CNY', month: '100.02', quarter: '100.02', year: '100.02', partial: [] }]);
    expect(body.accounts.map((a: { accountId: number }) => a.accountId)).toEqual([acc.sumA, acc.sumB]);
    // As of 3 September, Sep 3 carries 100.01 and 0.01: (200.01 + 100.01) / 3 = 100.0066… → 100.01; 0.02 / 3 → 0.01.
    const later = (await clerk.get(`/api/customers/${otherCustomerId}/averages?asOf=2027-09-03`)).json();
    expect(later.totals[0].month).toBe('100.02');
    expect(later.accounts[0].month).toMatchObject({ days: 3, balanceSum: '300.02', average: '100.01' });
  });

  it('groups the totals by category and currency, and answers as of the latest loaded day', async () => {
    // The customer of the category case above: its latest loaded day is 2 November (the card's last counted day is 15 October).
    const body = (await clerk.get(`/api/customers/${mixedCustomerId}/averages`)).json();
    expect(body.asOf).toBe('2027-11-02');
    expect(body.totals.map((t: { category: string; currency: string; month: string | null; year: string | null }) => [t.category, t.currency, t.month, t.year])).toEqual([
      ['deposit', 'CNY', '1100.01', '1100.01'], ['deposit', 'USD', '10.01', '10.01'], ['loan', 'CNY', '4500.00', '4500.00'], ['card', 'CNY', null, '93.33']]);
    expect(body.accounts).toHaveLength(5);
    expect(body.accounts.find((a: { accountId: number }) => a.accountId === acc.mixLoan)).toMatchObject({ category: 'loan', currency: 'CNY' });
  });

  it('hides other branches\' customers and rejects a bad date', async () => {
    expect((await clerkB.get(`/api/customers/${otherCustomerId}/averages`)).statusCode).toBe(404);
    expect((await clerk.get(`/api/customers/${otherCustomerId}/averages?asOf=2027-02-30`)).statusCode).toBe(422);
    expect((await clerk.get(`/api/customers/${otherCustomerId}/averages?asOf=${encodeURIComponent("2027-09-01' or 1=1 --")}`)).statusCode).toBe(400);
    expect((await clerk.get('/api/customers/abc/averages')).statusCode).toBe(400);
  });
});

describe('the balance of record', () => {
  it("shows the accounts file's balance until a balances file is loaded, then the latest daily snapshot, whatever the accounts file says later", async () => {
    const res = await clerk.post('/api/customers', { kind: 'corporate', name: '青岛余额口径测试有限公司' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const no = (await ctx.handle.db.selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no;
    const reopen = () => openAccount('record', '6222020000000100031', '2028-12-01', { balance: '500.00' }, no);
    await reopen();
    const shown = async () => (await clerk.get(`/api/customers/${id}/accounts`)).json().items[0] as { balance: string; balanceOn: string | null };
    expect(await shown()).toMatchObject({ balance: '500.00', balanceOn: null });
    await day('2028-12-01', ['record', '914452.66']);
    await day('2028-12-04', ['record', '114452.66']);
    expect(await shown()).toMatchObject({ balance: '114452.66', balanceOn: '2028-12-04' });
    // The core sends the account again with its opening balance: the snapshot stays the balance of record.
    await reopen();
    expect(await shown()).toMatchObject({ balance: '114452.66', balanceOn: '2028-12-04' });
  });
});
