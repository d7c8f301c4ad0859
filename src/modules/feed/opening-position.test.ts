// A mid-year go-live (issue 12, item 3): the first day's folder carries the opening position, each
// account's month-, quarter- and year-to-date 积数 and days as the core reported them, so the
// averages are true from day one and stay true as days are added; an account without one is
// marked partial; a bad opening row refuses the day.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { dailyAverages } from '../accounts/balances/daily-average.service.ts';
import { residentId } from '../customers/import/import.test-helpers.ts';
import { loadFeed } from './feed.service.ts';
import { removeFolders, writeDay } from './feed.test-helpers.ts';

let ctx: TestContext;
const load = (dir: string, date: string) => loadFeed(ctx.handle.db, ctx.system, dir, date, 'cli');

const OLD = '6222020000000000101';     // opened 2020, the core reports its opening position
const UNCOVERED = '6222020000000000119'; // opened 2019, no opening position: its days before go-live count at zero
const NEW = '6222020000000000127';     // opened on the go-live day itself

const customers = [['10000000101', '1', '期初客户', '10', residentId('19700101', '101'), '20360101', '', '', 'CHN', '13900000101', '山东省青岛市', '266071', 'A110']];
const accounts = [
  [OLD, '10000000101', '1010000001', 'DD', 'CNY', 'A110', '20200301', '', 'A', '10000.00', '0.3500', '', '', '', '', ''],
  [UNCOVERED, '10000000101', '1010000001', 'DD', 'CNY', 'A110', '20190301', '', 'A', '5000.00', '0.3500', '', '', '', '', ''],
  [NEW, '10000000101', '1010000001', 'DD', 'CNY', 'A110', '20260715', '', 'A', '700.00', '0.3500', '', '', '', '', ''],
];
const balances = [[OLD, '10000.00'], [UNCOVERED, '5000.00'], [NEW, '700.00']];
// 15 July 2026: month and quarter to date are 15 days, the year to date 196 (181 + 15).
const opening = [[OLD, '150000.00', '15', '150000.00', '15', '1800000.00', '196']];

const idOf = async (no: string) => (await ctx.handle.db.selectFrom('account').select('id').where('account_no', '=', no).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('op_pm', ctx.bank.ho, ['product_manager']);
  const pm = await ctx.login('op_pm');
  expect((await pm.post('/api/products', { id: '1010000001', nameZh: '个人活期存款', nameEn: 'Personal demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' })).statusCode).toBe(201);
});
afterAll(async () => {
  await ctx?.close();
  removeFolders();
});

describe('a mid-year go-live with an opening position', () => {
  it('refuses the day whole for a bad opening row, naming each', async () => {
    const r = await load(writeDay('2026-07-15', {
      customers, accounts, balances,
      opening: [
        [OLD, '150000.00', '17', '150000.00', '15', '1800000.00', '196'],   // 17 days in a month 15 days old
        [UNCOVERED, '1.00', '1', '1.00', '1', '1.00', '0'],                 // 0 days
        ['6222029999999999999', '1.00', '1', '1.00', '1', '1.00', '1'],     // no such account
        [NEW, '12x', '1', '1.00', '1', '1.00', '1'],                        // not an amount
      ],
    }), '2026-07-15');
    expect(r.status).toBe('rejected');
    expect(r.rejected.map((x) => [x.line, x.field, x.code, x.value])).toEqual(expect.arrayContaining([
      [2, 'year_days', 'feed.opening_days_format', '0'],
      [4, 'month_sum', 'feed.money_format', '12x'],
    ]));
    // The format errors stop the file before its rows are checked against the day.
    expect(await ctx.handle.db.selectFrom('account_average').select('account_id').execute()).toEqual([]);
    expect(await ctx.handle.db.selectFrom('account_opening_position').select('account_id').execute()).toEqual([]);

    const again = await load(writeDay('2026-07-15', {
      customers, accounts, balances,
      opening: [[OLD, '150000.00', '17', '150000.00', '15', '1800000.00', '196'], ['6222029999999999999', '1.00', '1', '1.00', '1', '1.00', '1']],
    }), '2026-07-15');
    expect(again.status).toBe('rejected');
    // Account numbers in a rejection are masked, as everywhere in the feed history.
    expect(again.rejected.map((x) => [x.line, x.field, x.code, x.value])).toEqual([[2, 'account_no', 'feed.account_unknown', '6222****9999']]);
    const days = await load(writeDay('2026-07-15', { customers, accounts, balances, opening: [[OLD, '150000.00', '17', '150000.00', '15', '1800000.00', '196']] }), '2026-07-15');
    expect(days.rejected.map((x) => [x.line, x.field, x.code, x.value])).toEqual([[1, 'month_days', 'feed.opening_days', '17/15']]);
    expect(await ctx.handle.db.selectFrom('account_average').select('account_id').execute()).toEqual([]);
  });

  it('gives the hand-computed averages from day one, and after the next day', async () => {
    const r = await load(writeDay('2026-07-15', { customers, accounts, balances, opening }), '2026-07-15');
    expect(r.rejected).toEqual([]);
    expect(r.status, r.error ?? '').toBe('loaded');
    expect(r.counts.openingPositions).toBe(1);
    const [old, uncovered, fresh] = [await idOf(OLD), await idOf(UNCOVERED), await idOf(NEW)];

    const day1 = await dailyAverages(ctx.handle.db, [old, uncovered, fresh], '2026-07-15');
    const of = (id: number) => day1.accounts.find((a) => a.accountId === id)!;
    // The core's figures: 150,000 ÷ 15 = 10,000.00; 1,800,000 ÷ 196 = 9,183.673… → 9,183.67.
    expect([of(old).month.average, of(old).quarter.average, of(old).year.average]).toEqual(['10000.00', '10000.00', '9183.67']);
    expect([of(old).month.partial, of(old).quarter.partial, of(old).year.partial]).toEqual([false, false, false]);
    // Without an opening position the days before go-live count at zero: 5,000 ÷ 15 and 5,000 ÷ 196, marked partial.
    expect([of(uncovered).month.average, of(uncovered).year.average]).toEqual(['333.33', '25.51']);
    expect([of(uncovered).month.partial, of(uncovered).quarter.partial, of(uncovered).year.partial]).toEqual([true, true, true]);
    // Opened on the go-live day: nothing before it to miss.
    expect([of(fresh).year.average, of(fresh).year.partial]).toEqual(['700.00', false]);
    expect(day1.customers[0]!.partial).toEqual(['month', 'quarter', 'year']);

    // The institution's sums are taken after the opening position: they include the core's 积数.
    const inst = (await sql<{ year_sum: string }>`select year_sum::text from institution_average where business_date = '2026-07-15' and institution_id = ${ctx.bank.subA1}`.execute(ctx.handle.db)).rows;
    expect(inst).toEqual([{ year_sum: '1805700.00' }]);
    // With an opening position loaded the institution's figures are whole.
    await ctx.addUser('op_head', ctx.bank.branchA, ['institution_head']);
    const head = await ctx.login('op_head');
    expect((await head.get(`/api/institutions/${ctx.bank.branchA}/averages`)).json()).toMatchObject({ asOf: '2026-07-15', partial: [] });
    expect(await ctx.handle.db.selectFrom('account_opening_position').select(['account_id', 'year_sum', 'year_days']).execute())
      .toEqual([{ account_id: old, year_sum: '1800000.00', year_days: 196 }]);

    // The next day adds to the core's totals: (150,000 + 12,000) ÷ 16 = 10,125.00; (1,800,000 + 12,000) ÷ 197 = 9,197.969… → 9,197.97.
    const next = await load(writeDay('2026-07-16', { balances: [[OLD, '12000.00'], [UNCOVERED, '5000.00'], [NEW, '700.00']] }), '2026-07-16');
    expect(next.status, next.error ?? '').toBe('loaded');
    const day2 = await dailyAverages(ctx.handle.db, [old], '2026-07-16');
    expect([day2.accounts[0]!.month.average, day2.accounts[0]!.quarter.average, day2.accounts[0]!.year.average]).toEqual(['10125.00', '10125.00', '9197.97']);
    expect(day2.accounts[0]!.year.partial).toBe(false);
  });

  it('refuses an opening row for an account with no balance that day', async () => {
    const r = await load(writeDay('2026-07-17', { balances: [[OLD, '12000.00']], opening: [[UNCOVERED, '1.00', '1', '1.00', '1', '1.00', '1']] }), '2026-07-17');
    expect(r.status).toBe('rejected');
    expect(r.rejected.map((x) => [x.line, x.field, x.code, x.value])).toEqual([[1, 'account_no', 'feed.opening_no_balance', '6222****0119']]);
  });
});
