// The workbench's book figures (issue 12, item 5) on a small book computed by hand: a manager's
// customers, a head's institution and its breakdown by sub-branch and team, within data scope.
// Days are loaded as the feed loads them: balances (applyBusinessDay), then the institution sums.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/harness.ts';
import { upsertAccounts } from '../account.service.ts';
import { applyBusinessDay } from '../balances/balance.service.ts';
import { updateInstitutionAverages } from '../balances/institution-average.service.ts';

let ctx: TestContext;
let manager: Client; let headA: Client; let headSubA2: Client; let headHo: Client; let clerk: Client; let headB: Client;
const acc: Record<string, number> = {};
let emptySummary: unknown;
const db = () => ctx.handle.db;

async function open(client: Client, name: string) {
  const res = await client.post('/api/customers', { kind: 'corporate', name });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  return (await db().selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no;
}

let seq = 0;
async function account(key: string, customerNo: string, kind: string, institutionCode: string, extra: Record<string, unknown> = {}) {
  const no = `62220400${String(++seq).padStart(11, '0')}`;
  await db().transaction().execute((tx) => upsertAccounts(tx, ctx.system, [{ accountNo: no, customerNo, productId: '1010000001', kind, currency: 'CNY',
    institutionCode, openedOn: '2031-01-01', status: 'active', balance: '0.00',
    ...(kind === 'loan' ? { contractNo: `JK-${no}`, contractAmount: '900000.00' } : {}), ...extra }]));
  acc[key] = (await db().selectFrom('account').select('id').where('account_no', '=', no).executeTakeFirstOrThrow()).id;
}

/** One business day as the feed loads it: the day's balances, then the per-institution sums. */
const day = (d: string, pairs: [string, string][]) => db().transaction().execute(async (tx) => {
  await applyBusinessDay(tx, d, pairs.map(([k, balance]) => ({ accountId: acc[k], balance })));
  await updateInstitutionAverages(tx, d);
});

const get = async (c: Client, url: string) => {
  const res = await c.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('bk_mgr', ctx.bank.teamA1, ['primary_manager']);
  await ctx.addUser('bk_other', ctx.bank.subA1, ['primary_manager']);
  await ctx.addUser('bk_clerk_a2', ctx.bank.subA2, ['data_entry_clerk']);
  await ctx.addUser('bk_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('bk_head_a', ctx.bank.branchA, ['institution_head']);
  await ctx.addUser('bk_head_a2', ctx.bank.subA2, ['institution_head']);
  await ctx.addUser('bk_head_b', ctx.bank.branchB, ['institution_head']);
  await ctx.addUser('bk_head_ho', ctx.bank.ho, ['institution_head']);
  await ctx.addUser('bk_pm', ctx.bank.ho, ['product_manager']);
  const pm = await ctx.login('bk_pm');
  expect((await pm.post('/api/products', { id: '1010000001', nameZh: '单位活期存款', nameEn: 'Corporate demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' })).statusCode).toBe(201);
  [manager, headA, headSubA2, headHo, clerk, headB] = await Promise.all(['bk_mgr', 'bk_head_a', 'bk_head_a2', 'bk_head_ho', 'bk_clerk_a2', 'bk_head_b'].map((u) => ctx.login(u)));
  emptySummary = await get(manager, '/api/workbench/book');

  const c1 = await open(manager, '青岛甲一贸易有限公司');
  const c2 = await open(manager, '青岛甲二贸易有限公司');
  const c3 = await open(await ctx.login('bk_other'), '他人管户有限公司');
  const c4 = await open(clerk, '甲二支行无人管户有限公司');
  const c5 = await open(await ctx.login('bk_clerk_b1'), '乙分行客户有限公司');
  await account('dd1', c1, 'deposit_demand', 'A111');
  await account('td1', c1, 'deposit_time', 'A111', { maturityOn: '2032-01-01' });
  await account('ln1', c1, 'loan', 'A111', { maturityOn: '2032-01-01' });
  await account('wm1', c1, 'wealth', 'A111', { openedOn: '2031-06-02' });
  await account('cd1', c1, 'card', 'A111');
  await account('dd2', c2, 'deposit_demand', 'A111', { openedOn: '2031-06-03' });
  await account('usd1', c2, 'deposit_demand', 'A111', { currency: 'USD' });
  await account('dd3', c3, 'deposit_demand', 'A110');
  await account('dd4', c4, 'deposit_demand', 'A120');
  await account('ln4', c4, 'loan', 'A120', { maturityOn: '2032-01-01' });
  await account('dd5', c5, 'deposit_demand', 'B110');

  // Thursday 29 May, Friday 30 May (the last day of May loaded: the month-start position),
  // Monday 2 June ("yesterday"), Tuesday 3 June (the latest). td1 and ln4 miss a line: carried.
  await day('2031-05-29', [['dd1', '100.00']]);
  await day('2031-05-30', [['dd1', '1000.00'], ['td1', '50000.00'], ['ln1', '300000.00'], ['cd1', '-500.00'], ['usd1', '10.00'],
    ['dd3', '800.00'], ['dd4', '5000.00'], ['ln4', '10000.00'], ['dd5', '99999.00']]);
  await day('2031-06-02', [['dd1', '1500.00'], ['td1', '50000.00'], ['ln1', '290000.00'], ['wm1', '10000.00'], ['dd3', '800.00'], ['dd4', '5000.00']]);
  await day('2031-06-03', [['dd1', '2000.50'], ['ln1', '280000.00'], ['wm1', '12000.00'], ['cd1', '-800.00'], ['dd2', '7000.00'], ['usd1', '20.00'],
    ['dd3', '900.00'], ['dd4', '6000.00'], ['ln4', '10000.00'], ['dd5', '99999.00']]);
});
afterAll(() => ctx?.close());

const fig = (balance: string, sinceYesterday: string | null, sinceMonthStart: string | null) => ({ balance, sinceYesterday, sinceMonthStart });

describe("a manager's book", () => {
  it('before any day is loaded: no figures, not zeros', () => {
    expect(emptySummary).toMatchObject({ view: 'manager', asOf: null, totals: null, trend: [], customers: 0 });
  });

  it('adds up the balances of record of the customers he serves, with the changes since the day before and since month start', async () => {
    const s = await get(manager, '/api/workbench/book');
    expect([s.view, s.asOf, s.yesterday, s.monthBase, s.customers, s.currencies]).toEqual(['manager', '2031-06-03', '2031-06-02', '2031-05-30', 2, ['CNY', 'USD']]);
    // deposits: 2000.50 + 50000.00 (carried) + 7000.00 (opened today); on 2 June 1500 + 50000; on 30 May 1000 + 50000.
    // wealth opened 2 June; cards count in no figure; the other manager's customer and USD are not added.
    expect(s.totals).toEqual({
      deposits: fig('59000.50', '7500.50', '8000.50'),
      loans: fig('280000.00', '-10000.00', '-20000.00'),
      wealth: fig('12000.00', '2000.00', '12000.00'),
      aum: fig('71000.50', '9500.50', '20000.50'),
    });
  });

  it('one currency at a time', async () => {
    const s = await get(manager, '/api/workbench/book?currency=USD');
    expect(s.totals.deposits).toEqual(fig('20.00', '10.00', '10.00'));
    expect(s.totals.loans).toEqual(fig('0.00', '0.00', '0.00'));
  });

  it('trends every calendar day of 90 up to the latest, carrying balances over days without a line', async () => {
    const s = await get(manager, '/api/workbench/book');
    expect(s.trend).toHaveLength(90);
    expect(s.trend[0].date).toBe('2031-03-06');
    const on = (d: string) => s.trend.find((p: { date: string }) => p.date === d);
    expect(on('2031-05-28')).toEqual({ date: '2031-05-28', deposits: '0.00', loans: '0.00', aum: '0.00' });
    expect(on('2031-05-29')).toEqual({ date: '2031-05-29', deposits: '100.00', loans: '0.00', aum: '100.00' });
    // Sunday 1 June: Friday's balances carried.
    expect(on('2031-06-01')).toEqual({ date: '2031-06-01', deposits: '51000.00', loans: '300000.00', aum: '51000.00' });
    expect(s.trend.at(-1)).toEqual({ date: '2031-06-03', deposits: '59000.50', loans: '280000.00', aum: '71000.50' });
  });

  it('a manager has no institution breakdown', async () => {
    expect((await manager.get('/api/workbench/book/breakdown')).statusCode).toBe(403);
  });
});

describe("a head's institution", () => {
  it("adds up every account of his institution's subtree, whoever manages the customer, and nothing outside it", async () => {
    const s = await get(headA, '/api/workbench/book');
    expect([s.view, s.institution.name, s.customers]).toEqual(['institution', '甲分行', null]);
    // the manager's book + dd3 (900; 800; 800) + dd4 (6000; 5000; 5000) + ln4 (10000 carried on 2 June)
    expect(s.totals).toEqual({
      deposits: fig('65900.50', '8600.50', '9100.50'),
      loans: fig('290000.00', '-10000.00', '-20000.00'),
      wealth: fig('12000.00', '2000.00', '12000.00'),
      aum: fig('77900.50', '10600.50', '21100.50'),
    });
    expect((await get(headSubA2, '/api/workbench/book')).totals.aum).toEqual(fig('6000.00', '1000.00', '1000.00'));
    expect((await get(headB, '/api/workbench/book')).totals.deposits).toEqual(fig('99999.00', '0.00', '0.00'));
    expect((await get(headHo, '/api/workbench/book')).totals.deposits).toEqual(fig('165899.50', '8600.50', '9100.50'));
  });

  it('trends the loaded days', async () => {
    const s = await get(headA, '/api/workbench/book');
    expect(s.trend).toEqual([
      { date: '2031-05-29', deposits: '100.00', loans: '0.00', aum: '100.00' },
      { date: '2031-05-30', deposits: '56800.00', loans: '310000.00', aum: '56800.00' },
      { date: '2031-06-02', deposits: '57300.00', loans: '300000.00', aum: '67300.00' },
      { date: '2031-06-03', deposits: '65900.50', loans: '290000.00', aum: '77900.50' },
    ]);
  });

  it('breaks down by the sub-branches below him (with their teams) and his own accounts, and by team', async () => {
    const b = await get(headA, '/api/workbench/book/breakdown');
    const cut = (u: { name: string; direct: boolean; deposits: unknown; loans: unknown; aum: unknown }) => [u.name, u.direct, u.deposits, u.loans, u.aum];
    const m = (balance: string, sinceMonthStart: string) => ({ balance, sinceMonthStart });
    expect(b.children.map(cut)).toEqual([
      ['甲一支行', false, m('59900.50', '8100.50'), m('280000.00', '-20000.00'), m('71900.50', '20100.50')],
      ['甲二支行', false, m('6000.00', '1000.00'), m('10000.00', '0.00'), m('6000.00', '1000.00')],
    ]); // 甲分行 itself books no account: no row of zeros for it

    expect(b.teams.map((u: { parentName: string }) => u.parentName)).toEqual(['甲一支行']);
    expect(b.teams.map(cut)).toEqual([['营销一队', false, m('59000.50', '8000.50'), m('280000.00', '-20000.00'), m('71000.50', '20000.50')]]);
    // Head office: its branches; 乙分行 has no team.
    const ho = await get(headHo, '/api/workbench/book/breakdown');
    expect(ho.children.map((u: { name: string; aum: { balance: string } }) => [u.name, u.aum.balance])).toEqual([['甲分行', '77900.50'], ['乙分行', '99999.00']]);
    // An account booked on 甲分行 itself: the branch's own row appears, after its sub-branches.
    await account('ddA', (await db().selectFrom('customer').select('customer_no').where('name', '=', '甲二支行无人管户有限公司').executeTakeFirstOrThrow()).customer_no,
      'deposit_demand', 'A100', { openedOn: '2031-06-03' });
    await day('2031-06-03', [['ddA', '300.00']]);
    const again = await get(headA, '/api/workbench/book/breakdown');
    expect(again.children.map(cut).at(-1)).toEqual(['甲分行', true, m('300.00', '300.00'), m('0.00', '0.00'), m('300.00', '300.00')]);
    expect((await get(headB, '/api/workbench/book/breakdown')).teams).toEqual([]);
  });

  it('institution-wide staff without a report permission get no institution figures', async () => {
    for (const url of ['/api/workbench/book', '/api/workbench/book/breakdown']) {
      const res = await clerk.get(url);
      expect([res.statusCode, res.json().code], url).toEqual([403, 'common.forbidden']);
    }
  });

  it('refuses a malformed currency with a specific message, in both languages', async () => {
    for (const c of ['cny', 'CN', 'CNYY', "CNY'--", '<b>', '人民币', '𠀀𠀀𠀀']) {
      const res = await headA.get(`/api/workbench/book?currency=${encodeURIComponent(c)}`, { 'x-crm-lang': 'en-US' });
      expect(res.statusCode, c).toBe(400);
      expect(res.json().errors.map((e: { path: string; message: string }) => [e.path, e.message]), c)
        .toEqual([['querystring.currency', 'The currency must be a three-letter upper-case code such as CNY']]);
    }
    const zh = await headA.get('/api/workbench/book/breakdown?currency=usd');
    expect(zh.json().errors[0].message).toBe('币种应为三位大写字母代码，如 CNY');
    expect((await headA.get('/api/workbench/book?currency=CNY&extra=1')).statusCode).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('describes the book endpoints with their response bodies', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ok = (path: string) => doc.paths[path].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(ok('/api/workbench/book').properties)).toEqual(expect.arrayContaining(['view', 'asOf', 'totals', 'trend']));
    expect(Object.keys(ok('/api/workbench/book/breakdown').properties)).toEqual(expect.arrayContaining(['children', 'teams']));
    expect(Object.keys(ok('/api/workbench/account-alerts/count').properties)).toEqual(['maturity', 'large_change']);
    expect(doc.paths['/api/workbench/book'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['currency']);
  });
});
