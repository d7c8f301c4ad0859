// ACC-4 account alerts: maturity warnings (到期预警) and large-amount changes (大额变动), raised as
// the daily feed raises them (accounts through upsertAccounts, balances through applyBusinessDay,
// then raiseAccountAlerts), assigned to the responsible person and read on the workbench.
// Each case uses its own accounts and its own year, so no case sees another's alerts being raised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { businessToday } from '../../../common/business-date.ts';
import { getSetting, putSetting } from '../../settings/settings.service.ts';
import { upsertAccounts } from '../account.service.ts';
import { raiseAccountAlerts } from './alert.service.ts';
import { accountAlertMessages } from './alert.messages.ts';
import { applyBusinessDay } from '../balances/balance.service.ts';

let ctx: TestContext;
let manager: Client; let clerk: Client; let headA: Client; let headB: Client; let admin: Client;
let managerId: number; let leaverId: number;
const cust: Record<'mgr' | 'inst' | 'left', { id: number; no: string }> = {} as never;
const acc: Record<string, number> = {};
const numbers: Record<string, string> = {};

const db = () => ctx.handle.db;
const raise = (d: string, previous: string | null = null) => db().transaction().execute((tx) => raiseAccountAlerts(tx, d, previous));
const day = (d: string, pairs: [string, string][]) => db().transaction().execute((tx) => applyBusinessDay(tx, d, pairs.map(([k, balance]) => ({ accountId: acc[k], balance }))));
const alertsOf = (key: string) => db().selectFrom('account_alert').selectAll().where('account_id', '=', acc[key]!).orderBy('id').execute();

/** Opens (or, with the same key, replaces) an account through the feed's upsertAccounts. */
async function account(key: string, owner: { no: string }, kind: string, extra: Record<string, unknown> = {}) {
  const no = (numbers[key] ??= `62220300${String(Object.keys(numbers).length + 1).padStart(11, '0')}`);
  const productId = kind === 'loan' ? '2020000001' : kind === 'deposit_time' ? '1020000001' : '1010000001';
  await db().transaction().execute((tx) => upsertAccounts(tx, ctx.system, [{ accountNo: no, customerNo: owner.no, productId, kind, currency: 'CNY',
    institutionCode: 'A110', openedOn: '2029-01-01', status: 'active', balance: '100000.00',
    ...(kind === 'loan' ? { contractNo: `JK-${no}`, contractAmount: '900000.00' } : {}), ...extra }]));
  acc[key] = (await db().selectFrom('account').select('id').where('account_no', '=', no).executeTakeFirstOrThrow()).id;
}

async function open(client: Client, name: string) {
  const res = await client.post('/api/customers', { kind: 'corporate', name });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  return { id, no: (await db().selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no };
}

beforeAll(async () => {
  ctx = await createTestContext();
  managerId = await ctx.addUser('al_mgr', ctx.bank.subA1, ['primary_manager']);
  leaverId = await ctx.addUser('al_leaver', ctx.bank.subA1, ['primary_manager']);
  await ctx.addUser('al_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('al_head_a', ctx.bank.branchA, ['institution_head']);
  await ctx.addUser('al_head_b', ctx.bank.branchB, ['institution_head']);
  await ctx.addUser('al_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('al_pm', ctx.bank.ho, ['product_manager']);
  const pm = await ctx.login('al_pm');
  for (const p of [{ id: '1010000001', nameZh: '单位活期存款', nameEn: 'Corporate demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' },
    { id: '1020000001', nameZh: '单位定期存款', nameEn: 'Corporate time deposit', category: 'deposit', subType: 'time', currency: 'CNY' },
    { id: '2020000001', nameZh: '流动资金贷款', nameEn: 'Working-capital loan', category: 'loan', subType: 'working_capital', currency: 'CNY' }]) {
    expect((await pm.post('/api/products', p)).statusCode).toBe(201);
  }
  [manager, clerk, headA, headB, admin] = await Promise.all(['al_mgr', 'al_clerk', 'al_head_a', 'al_head_b', 'al_admin'].map((u) => ctx.login(u)));
  cust.mgr = await open(manager, '青岛预警测试有限公司');
  cust.inst = await open(clerk, '青岛无人管户测试有限公司');
  cust.left = await open(await ctx.login('al_leaver'), '青岛离职经理客户有限公司');
  await db().updateTable('app_user').set({ status: 'left' }).where('id', '=', leaverId).execute();
});
afterAll(() => ctx?.close());

describe('maturity warnings (到期预警)', () => {
  it('warns on entering the 30-day window and once more at 7 days, with D+30, D+31 and D+7 as boundaries', async () => {
    await account('t30', cust.mgr, 'deposit_time', { maturityOn: '2031-04-30' }); // D+30 on 31 Mar
    await account('t31', cust.mgr, 'deposit_time', { maturityOn: '2031-05-01' }); // D+31 on 31 Mar
    await account('t7', cust.mgr, 'deposit_time', { maturityOn: '2031-04-07' }); // D+7 on 31 Mar
    await account('loan', cust.mgr, 'loan', { maturityOn: '2031-04-15' });
    await account('closed', cust.mgr, 'deposit_time', { maturityOn: '2031-04-10', status: 'closed', closedOn: '2031-03-01' });
    await account('dormant', cust.mgr, 'deposit_time', { maturityOn: '2031-04-10', status: 'dormant' });
    await account('demand', cust.mgr, 'deposit_demand', { maturityOn: '2031-04-10' });

    expect(await raise('2031-03-31')).toMatchObject({ maturity: 3 });
    expect((await alertsOf('t30')).map((a) => [a.window_days, a.maturity_on, a.status])).toEqual([[30, '2031-04-30', 'open']]);
    expect(await alertsOf('t31')).toEqual([]);
    // First seen already inside 7 days: only the 7-day warning, never a late 30-day one.
    expect((await alertsOf('t7')).map((a) => [a.window_days, a.status])).toEqual([[7, 'open']]);
    expect((await alertsOf('loan')).map((a) => [a.window_days, a.balance])).toEqual([[30, '100000.00']]);
    for (const k of ['closed', 'dormant', 'demand']) expect(await alertsOf(k)).toEqual([]);

    // The same day again, and the next day: the 30-day warnings are not raised twice.
    expect(await raise('2031-03-31')).toMatchObject({ maturity: 0 });
    expect(await raise('2031-04-01', '2031-03-31')).toMatchObject({ maturity: 1 }); // t31 is now at D+30
    expect((await alertsOf('t31')).map((a) => [a.window_days, a.business_date])).toEqual([[30, '2031-04-01']]);

    // 23 April: t30 enters 7 days (D+7); its open 30-day warning gives way to the 7-day one.
    // t7 (7 April) and the loan (15 April) have matured unhandled: their warnings expire.
    expect(await raise('2031-04-23', '2031-04-01')).toEqual({ maturity: 1, largeChange: 0, withdrawn: 1, expired: 2, reassigned: 0, notified: 1 });
    expect((await alertsOf('t30')).map((a) => [a.window_days, a.status])).toEqual([[30, 'withdrawn'], [7, 'open']]);
    expect((await alertsOf('t7')).map((a) => [a.window_days, a.status])).toEqual([[7, 'expired']]);
    expect((await alertsOf('loan')).map((a) => [a.window_days, a.status])).toEqual([[30, 'expired']]);
    expect(await raise('2031-04-24', '2031-04-23')).toMatchObject({ maturity: 1 }); // t31 at D+7
    expect(await raise('2031-04-25', '2031-04-24')).toMatchObject({ maturity: 0 });
    expect((await alertsOf('t31')).map((a) => [a.window_days, a.status])).toEqual([[30, 'withdrawn'], [7, 'open']]);
  });

  it('withdraws an open warning when the deposit is renewed or the account closed; a new date warns again', async () => {
    await account('renew', cust.mgr, 'deposit_time', { maturityOn: '2033-06-10' });
    await account('close', cust.mgr, 'deposit_time', { maturityOn: '2033-06-12' });
    expect(await raise('2033-06-05')).toMatchObject({ maturity: 2 });
    await account('renew', cust.mgr, 'deposit_time', { maturityOn: '2034-06-10' });
    await account('close', cust.mgr, 'deposit_time', { maturityOn: '2033-06-12', status: 'closed', closedOn: '2033-06-06' });
    expect(await raise('2033-06-06', '2033-06-05')).toEqual({ maturity: 0, largeChange: 0, withdrawn: 2, expired: 0, reassigned: 0, notified: 0 });
    expect((await alertsOf('renew')).map((a) => a.status)).toEqual(['withdrawn']);
    expect((await alertsOf('close')).map((a) => a.status)).toEqual(['withdrawn']);
    expect(await raise('2034-06-01')).toMatchObject({ maturity: 1 });
    expect((await alertsOf('renew')).map((a) => [a.maturity_on, a.window_days, a.status])).toEqual([['2033-06-10', 7, 'withdrawn'], ['2034-06-10', 30, 'open']]);
  });

  it('goes to the primary manager, else (none, or he has left) to the customer institution', async () => {
    await account('toMgr', cust.mgr, 'deposit_time', { maturityOn: '2035-02-20' });
    await account('toInst', cust.inst, 'deposit_time', { maturityOn: '2035-02-20' });
    await account('toLeft', cust.left, 'deposit_time', { maturityOn: '2035-02-20' });
    await raise('2035-02-10');
    const who = async (k: string) => (await alertsOf(k)).map((a) => [a.assignee_user_id, a.assignee_institution_id, a.customer_id]);
    expect(await who('toMgr')).toEqual([[managerId, null, cust.mgr.id]]);
    expect(await who('toInst')).toEqual([[null, ctx.bank.subA1, cust.inst.id]]);
    expect(await who('toLeft')).toEqual([[null, ctx.bank.subA1, cust.left.id]]);
  });

  it("follows the customer to its new primary manager while open, at the next day's run", async () => {
    const moved = await open(clerk, '青岛移交测试有限公司');
    await account('toMove', moved, 'deposit_time', { maturityOn: '2035-09-20' });
    expect(await raise('2035-09-01')).toMatchObject({ maturity: 1 });
    expect((await alertsOf('toMove')).map((a) => [a.assignee_user_id, a.assignee_institution_id])).toEqual([[null, ctx.bank.subA1]]);
    // Assigned to a manager (as the transfer workflow records it): the open warning goes with it.
    await db().insertInto('customer_manager').values({ customer_id: moved.id, user_id: managerId, role: 'primary', since: '2035-09-01' }).execute();
    expect(await raise('2035-09-02', '2035-09-01')).toMatchObject({ maturity: 0, reassigned: 1 });
    expect((await alertsOf('toMove')).map((a) => [a.assignee_user_id, a.assignee_institution_id, a.window_days])).toEqual([[managerId, null, 30]]);
    expect(await raise('2035-09-03', '2035-09-02')).toMatchObject({ reassigned: 0 });
  });
});

describe('large-amount changes (大额变动)', () => {
  const D1 = '2032-03-01'; const D2 = '2032-03-02';

  it('raises at exactly the threshold, not one fen below; falls count; a new account compares with 0', async () => {
    for (const k of ['exact', 'below', 'fall', 'missing']) await account(k, cust.mgr, 'deposit_demand');
    await account('newOk', cust.inst, 'deposit_demand', { openedOn: D2 });
    await account('newBelow', cust.inst, 'deposit_demand', { openedOn: D2 });
    await day(D1, [['exact', '1000.00'], ['below', '1000.00'], ['fall', '600000.00']]);
    // First load: nothing to compare with, and no account opened that day.
    expect(await raise(D1, null)).toMatchObject({ largeChange: 0 });
    await day(D2, [['exact', '501000.00'], ['below', '500999.99'], ['fall', '100000.00'], ['missing', '900000.00'], ['newOk', '500000.00'], ['newBelow', '499999.99']]);
    expect(await raise(D2, D1)).toMatchObject({ largeChange: 3 });
    const fig = async (k: string) => (await alertsOf(k)).map((a) => [a.kind, a.business_date, a.previous_balance, a.balance, a.change_amount, a.status]);
    expect(await fig('exact')).toEqual([['large_change', D2, '1000.00', '501000.00', '500000.00', 'open']]);
    expect(await fig('below')).toEqual([]);
    expect(await fig('fall')).toEqual([['large_change', D2, '600000.00', '100000.00', '-500000.00', 'open']]);
    expect(await fig('newOk')).toEqual([['large_change', D2, '0.00', '500000.00', '500000.00', 'open']]);
    expect(await fig('newBelow')).toEqual([]);
    // Absent from the previous file, opened long before and never seen: nothing to compare with.
    expect(await fig('missing')).toEqual([]);
    expect((await alertsOf('newOk'))[0]!.assignee_institution_id).toBe(ctx.bank.subA1);
  });

  it('compares an account left out of the previous file with its last balance (carried forward)', async () => {
    await account('carried', cust.mgr, 'deposit_demand');
    await day('2032-02-27', [['carried', '1000.00']]);
    await day('2032-03-05', [['carried', '501000.00']]); // no line on 2032-03-04, the previous loaded day
    expect(await raise('2032-03-05', '2032-03-04')).toMatchObject({ largeChange: 1 });
    expect((await alertsOf('carried')).map((a) => [a.previous_balance, a.change_amount])).toEqual([['1000.00', '500000.00']]);
  });

  it('on the first load compares only the accounts opened that day, with 0', async () => {
    await account('firstDay', cust.mgr, 'deposit_demand', { openedOn: '2032-04-01' });
    await account('oldBig', cust.mgr, 'deposit_demand');
    await day('2032-04-01', [['firstDay', '-700000.00'], ['oldBig', '900000.00']]);
    expect(await raise('2032-04-01', null)).toMatchObject({ largeChange: 1 });
    expect((await alertsOf('firstDay')).map((a) => [a.previous_balance, a.change_amount])).toEqual([['0.00', '-700000.00']]);
    expect(await alertsOf('oldBig')).toEqual([]);
  });

  it('is idempotent on reload; a reload that shrinks the change withdraws the alert, and growing back reopens it', async () => {
    const [R1, R2] = ['2038-03-01', '2038-03-02'];
    for (const k of ['rlUp', 'rlDown', 'rlFlat']) await account(k, cust.mgr, 'deposit_demand');
    await day(R1, [['rlUp', '1000.00'], ['rlDown', '600000.00'], ['rlFlat', '5.00']]);
    await day(R2, [['rlUp', '501000.00'], ['rlDown', '0.00'], ['rlFlat', '5.00']]);
    expect(await raise(R2, R1)).toMatchObject({ largeChange: 2, withdrawn: 0 });
    const first = (await alertsOf('rlUp'))[0]!;
    // The same day again: nothing new, the same rows.
    expect(await raise(R2, R1)).toMatchObject({ largeChange: 2, withdrawn: 0 });
    expect((await alertsOf('rlUp')).map((a) => a.id)).toEqual([first.id]);
    expect(await alertsOf('rlDown')).toHaveLength(1);

    // A corrected file: rlUp's change falls under the threshold, rlDown's grows.
    await db().updateTable('account_alert').set({ status: 'done' }).where('account_id', '=', acc.rlDown!).execute();
    await day(R2, [['rlUp', '400000.00'], ['rlDown', '-10.00']]);
    expect(await raise(R2, R1)).toMatchObject({ largeChange: 1, withdrawn: 1 });
    expect((await alertsOf('rlUp')).map((a) => [a.change_amount, a.status])).toEqual([['500000.00', 'withdrawn']]);
    // A handled alert stays handled, with the reloaded figures.
    expect((await alertsOf('rlDown')).map((a) => [a.change_amount, a.status])).toEqual([['-600010.00', 'done']]);

    await day(R2, [['rlUp', '601000.00']]);
    expect(await raise(R2, R1)).toMatchObject({ largeChange: 2, withdrawn: 0 });
    expect((await alertsOf('rlUp')).map((a) => [a.id, a.change_amount, a.status])).toEqual([[first.id, '600000.00', 'open']]);
    expect(await alertsOf('rlFlat')).toEqual([]);
  });

  it('refuses malformed dates and a previous date not before the business date', async () => {
    const err = await raise('2032-02-30', '2032-03-05').then(() => null, (e: { status: number; fieldErrors: { path: string }[] }) => e);
    expect(err?.status).toBe(422);
    expect(err!.fieldErrors.map((e) => e.path)).toEqual(['businessDate', 'previousDate']);
    await expect(raise('2032-03-02', '2032-03-02')).rejects.toMatchObject({ status: 422 });
  });
});

describe('the workbench list and done', () => {
  const D = '2036-05-04';
  type Item = { id: number; kind: string; accountId: number; doneBy: string | null; customer: { id: number; name: string }; accountNo: string; masked: boolean; daysLeft: number | null; windowDays: number | null; change: string | null };
  const list = async (c: Client, query = 'kind=maturity') => {
    const res = await c.get(`/api/workbench/account-alerts?${query}&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; counts: { maturity: number; large_change: number }; items: Item[] };
  };
  let mine: number; let pooled: number;

  beforeAll(async () => {
    // Earlier cases left open alerts; set them aside so this case counts only its own.
    await db().updateTable('account_alert').set({ status: 'withdrawn' }).where('status', '=', 'open').execute();
    await account('wbMgr', cust.mgr, 'deposit_time', { maturityOn: '2036-05-10' });
    await account('wbInst', cust.inst, 'loan', { maturityOn: '2036-05-30' });
    await account('wbMove', cust.inst, 'deposit_demand');
    await day('2036-05-03', [['wbMove', '10.00']]);
    await day(D, [['wbMgr', '800000.00'], ['wbMove', '-700000.00']]);
    await raise('2036-05-03');
    await raise(D, '2036-05-03');
    mine = (await alertsOf('wbMgr'))[0]!.id;
    pooled = (await alertsOf('wbInst'))[0]!.id;
  });

  it("shows the manager his customers' alerts, unmasked for him and audited", async () => {
    const since = await lastAuditId(ctx);
    const page = await list(manager);
    expect(page.counts).toEqual({ maturity: 1, large_change: 0 });
    expect(page.items.map((i) => [i.id, i.customer.name, i.masked, i.windowDays])).toEqual([[mine, '青岛预警测试有限公司', false, 7]]);
    // Days left count from the bank's today, whatever the business date that raised the warning.
    expect(page.items[0]!.daysLeft).toBe(Math.round((Date.parse('2036-05-10') - Date.parse(businessToday())) / 86_400_000));
    // The audit row names whose account numbers were shown, so "who saw account X" has an answer.
    expect((await auditSince(ctx, since)).map((a) => [a.action, a.entity_type, a.after])).toEqual([['account.read_unmasked', 'account_alert',
      { kind: 'maturity', accounts: 1, accountIds: [page.items[0]!.accountId], customerIds: [page.items[0]!.customer.id] }]]);
  });

  it('shows institution-assigned alerts to the nearest head above, masked without customer.sensitive.read; not to other institution-wide staff', async () => {
    // 甲一支行 has no head of its own: its unassigned customers' alerts go to 甲分行's head.
    const head = await list(headA);
    expect(head.items.map((i) => i.id)).toEqual([pooled]);
    expect(head.counts).toEqual({ maturity: 1, large_change: 1 });
    // A bank's own role holding the head's alert permission but not customer.sensitive.read.
    const res = await admin.post('/api/roles', { code: 'al_deputy', nameZh: '副行长', nameEn: 'Deputy head', dataScope: 'institution',
      permissions: ['institution.read', 'customer.read', 'alert.unassigned.handle'] });
    expect(res.statusCode, res.body).toBe(201);
    await ctx.addUser('al_deputy_a', ctx.bank.branchA, ['al_deputy']);
    const byDeputy = await list(await ctx.login('al_deputy_a'), 'kind=large_change');
    expect(byDeputy.items.map((i) => [i.customer.id, i.masked, i.change])).toEqual([[cust.inst.id, true, '-700010.00']]);
    expect(byDeputy.items[0]!.accountNo).toBe(`6222****${numbers.wbMove!.slice(-4)}`);
    // The entry clerk of the same sub-branch sees the customer, but the alert is not his work.
    expect((await list(clerk)).counts).toEqual({ maturity: 0, large_change: 0 });
    const other = await list(headB);
    expect([other.total, other.counts]).toEqual([0, { maturity: 0, large_change: 0 }]);
  });

  it('marks done with an audit row; a second click is refused; other branches get 404', async () => {
    expect((await headB.post(`/api/workbench/account-alerts/${pooled}/done`)).statusCode).toBe(404);
    expect((await manager.post(`/api/workbench/account-alerts/${pooled}/done`)).statusCode).toBe(404);
    expect((await headA.post(`/api/workbench/account-alerts/${mine}/done`)).statusCode).toBe(404);
    expect((await headA.post('/api/workbench/account-alerts/987654321/done')).statusCode).toBe(404);
    const since = await lastAuditId(ctx);
    const res = await headA.post(`/api/workbench/account-alerts/${pooled}/done`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: pooled, status: 'done' });
    expect((await auditSince(ctx, since)).map((a) => [a.action, a.entity_id, a.after])).toEqual([
      ['account_alert.done', String(pooled), { status: 'done', kind: 'maturity', accountId: acc.wbInst, customerId: cust.inst.id }]]);
    expect((await clerk.post(`/api/workbench/account-alerts/${pooled}/done`)).statusCode).toBe(404);
    const again = await (await ctx.login('al_deputy_a')).post(`/api/workbench/account-alerts/${pooled}/done`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'alerts.already_done']);
    expect((await list(headA)).counts.maturity).toBe(0);
    expect((await list(headA, 'kind=maturity&status=done')).items.map((i) => [i.id, i.doneBy])).toEqual([[pooled, 'al_head_a']]);

    await db().updateTable('account_alert').set({ status: 'withdrawn' }).where('id', '=', mine).execute();
    const gone = await manager.post(`/api/workbench/account-alerts/${mine}/done`);
    expect([gone.statusCode, gone.json().code]).toEqual([409, 'alerts.withdrawn']);
  });

  it('refuses malformed requests and roles without customer.read', async () => {
    for (const q of ['kind=bogus', 'status=cancelled', 'pageSize=1000', 'page=0', 'kind=maturity&extra=1']) {
      expect((await manager.get(`/api/workbench/account-alerts?${q}`)).statusCode, q).toBe(400);
    }
    expect((await manager.post("/api/workbench/account-alerts/1%27%20or%201=1/done")).statusCode).toBe(400);
    await ctx.addUser('al_auditor', ctx.bank.ho, ['auditor']);
    expect((await (await ctx.login('al_auditor')).get('/api/workbench/account-alerts')).statusCode).toBe(403);
  });
});

describe('settings', () => {
  it('refuses bad windows, thresholds and keep days with a specific message, and changes nothing', async () => {
    const cases: [unknown, unknown, unknown, string][] = [
      [[0], '1.00', 30, 'alerts.window_range'], [[367], '1.00', 30, 'alerts.window_range'], [[7.5], '1.00', 30, 'alerts.window_range'], [['30'], '1.00', 30, 'alerts.window_range'],
      [[30, 30], '1.00', 30, 'alerts.windows_distinct'], [[1, 2, 3, 4, 5], '1.00', 30, 'alerts.windows_count'], [[], '1.00', 30, 'alerts.windows_count'], ['30', '1.00', 30, 'alerts.windows_count'],
      [[30], '0.00', 30, 'alerts.threshold_positive'], [[30], '-1', 30, 'alerts.threshold_format'], [[30], '1.234', 30, 'alerts.threshold_format'],
      [[30], '12345678901234567', 30, 'alerts.threshold_format'], [[30], '<b>1</b>', 30, 'alerts.threshold_format'], [[30], 500000, 30, 'alerts.threshold_format'],
      [[30], '1.00', 0, 'alerts.keep_days_range'], [[30], '1.00', 367, 'alerts.keep_days_range'], [[30], '1.00', 7.5, 'alerts.keep_days_range'],
      [[30], '1.00', '30', 'alerts.keep_days_range'], [[30], '1.00', null, 'alerts.keep_days_range'],
    ];
    for (const [maturityWindows, largeChangeThreshold, largeChangeKeepDays, code] of cases) {
      const res = await admin.put('/api/settings/account-alerts', { maturityWindows, largeChangeThreshold, largeChangeKeepDays }, { 'x-crm-lang': 'en-US' });
      expect(res.statusCode, JSON.stringify([maturityWindows, largeChangeThreshold, largeChangeKeepDays])).toBe(400);
      expect(res.json().errors.map((e: { message: string }) => e.message), code).toContain(accountAlertMessages['en-US'][code]);
    }
    // The service refuses the same values on its own, with the code as the field error.
    const direct = await db().transaction().execute((tx) => putSetting(tx, ctx.system, 'accounts.maturity_windows', [30, 30])).then(() => null, (e: { status: number; fieldErrors: unknown }) => e);
    expect([direct?.status, direct?.fieldErrors]).toEqual([422, [{ path: '', code: 'alerts.windows_distinct' }]]);
    expect(await getSetting(db(), 'accounts.maturity_windows')).toEqual([30, 7]);
    expect(await getSetting(db(), 'accounts.large_change_threshold')).toBe('500000.00');
  });

  it('stores good values normalised, audited, for setting managers only', async () => {
    expect((await clerk.get('/api/settings/account-alerts')).statusCode).toBe(403);
    expect((await headA.put('/api/settings/account-alerts', { maturityWindows: [7], largeChangeThreshold: '1', largeChangeKeepDays: 30 })).statusCode).toBe(403);
    expect((await admin.get('/api/settings/account-alerts')).json()).toEqual({ maturityWindows: [30, 7], largeChangeThreshold: '500000.00', largeChangeKeepDays: 30 });
    const since = await lastAuditId(ctx);
    const res = await admin.put('/api/settings/account-alerts', { maturityWindows: [7, 60, 15], largeChangeThreshold: '1000000', largeChangeKeepDays: 30 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ maturityWindows: [60, 15, 7], largeChangeThreshold: '1000000.00', largeChangeKeepDays: 30 });
    expect((await auditSince(ctx, since)).map((a) => [a.action, a.entity_id, a.after])).toEqual([
      ['setting.update', 'accounts.maturity_windows', [60, 15, 7]], ['setting.update', 'accounts.large_change_threshold', '1000000.00'],
      ['setting.update', 'accounts.large_change_keep_days', 30]]);

    // The new settings drive the next run: 60 days ahead warns, a 600,000 change no longer does.
    await account('far', cust.mgr, 'deposit_time', { maturityOn: '2037-08-30' });
    await account('mid', cust.mgr, 'deposit_demand');
    await day('2037-07-01', [['mid', '0.00']]);
    await day('2037-07-02', [['mid', '600000.00']]);
    expect(await raise('2037-07-02', '2037-07-01')).toMatchObject({ maturity: 1, largeChange: 0 });
    expect((await alertsOf('far')).map((a) => a.window_days)).toEqual([60]);
    await db().transaction().execute(async (tx) => {
      await putSetting(tx, ctx.system, 'accounts.maturity_windows', [30, 7]);
      await putSetting(tx, ctx.system, 'accounts.large_change_threshold', '500000.00');
    });
  });

  it('expires a large-change alert left open for the keep days; marking it done is then refused', async () => {
    await db().updateTable('account_alert').set({ status: 'withdrawn' }).where('status', '=', 'open').execute();
    await db().transaction().execute((tx) => putSetting(tx, ctx.system, 'accounts.large_change_keep_days', 10));
    try {
      await account('aged', cust.mgr, 'deposit_demand');
      await day('2040-06-01', [['aged', '0.00']]);
      await day('2040-06-02', [['aged', '900000.00']]);
      expect(await raise('2040-06-02', '2040-06-01')).toMatchObject({ largeChange: 1, expired: 0 });
      // Day 9 after its business date: still open. Day 10: expired, kept, off the workbench.
      expect(await raise('2040-06-11', '2040-06-02')).toMatchObject({ expired: 0 });
      expect((await alertsOf('aged')).map((a) => a.status)).toEqual(['open']);
      expect(await raise('2040-06-12', '2040-06-11')).toMatchObject({ expired: 1 });
      const [alert] = await alertsOf('aged');
      expect(alert!.status).toBe('expired');
      const res = await manager.post(`/api/workbench/account-alerts/${alert!.id}/done`);
      expect([res.statusCode, res.json().code]).toEqual([409, 'alerts.expired']);
      expect((await manager.get('/api/workbench/account-alerts?kind=large_change')).json().counts.large_change).toBe(0);
    } finally {
      await db().transaction().execute((tx) => putSetting(tx, ctx.system, 'accounts.large_change_keep_days', 30));
    }
  });
});

// Issue 12: head office got 237 branch-level maturities, because an unassigned customer's alert
// went to every head above its institution. It goes to the nearest head only.
describe("routing of unassigned customers' alerts", () => {
  const D = '2041-03-02';
  let hoHead: Client; let subHead: Client; let subHeadId: number;
  const keys = ['rtSub', 'rtTeam', 'rtBranch', 'rtMgr'] as const;
  /** Which of this case's accounts the reader's workbench lists. */
  const seen = async (c: Client) => {
    const res = await c.get('/api/workbench/account-alerts?kind=maturity&pageSize=200');
    expect(res.statusCode, res.body).toBe(200);
    const ids = new Set((res.json().items as { accountId: number }[]).map((i) => i.accountId));
    return keys.filter((k) => ids.has(acc[k]!));
  };

  beforeAll(async () => {
    await db().updateTable('account_alert').set({ status: 'withdrawn' }).where('status', '=', 'open').execute();
    await ctx.addUser('al_head_ho', ctx.bank.ho, ['institution_head']);
    subHeadId = await ctx.addUser('al_head_a1', ctx.bank.subA1, ['institution_head']);
    await ctx.addUser('al_clerk_team', ctx.bank.teamA1, ['data_entry_clerk']);
    await ctx.addUser('al_clerk_branch', ctx.bank.branchA, ['data_entry_clerk']);
    [hoHead, subHead] = await Promise.all([ctx.login('al_head_ho'), ctx.login('al_head_a1')]);
    const team = await open(await ctx.login('al_clerk_team'), '营销一队无人管户有限公司');
    const branch = await open(await ctx.login('al_clerk_branch'), '甲分行本部无人管户有限公司');
    await account('rtSub', cust.inst, 'deposit_time', { maturityOn: '2041-03-12' });
    await account('rtTeam', team, 'deposit_time', { maturityOn: '2041-03-12' });
    await account('rtBranch', branch, 'deposit_time', { maturityOn: '2041-03-12' });
    await account('rtMgr', cust.mgr, 'deposit_time', { maturityOn: '2041-03-12' });
    await raise(D);
    const assignees = await db().selectFrom('account_alert').select(['account_id', 'assignee_institution_id'])
      .where('account_id', 'in', keys.map((k) => acc[k]!)).where('status', '=', 'open').execute();
    expect(assignees).toHaveLength(4);
  });

  it("a sub-branch's unassigned customer's alert reaches the sub-branch head, not the branch's or head office's", async () => {
    // The team (营销一队) has no head of its own: its customers' alerts go to its sub-branch's head.
    expect(await seen(subHead)).toEqual(['rtSub', 'rtTeam']);
    expect(await seen(headA)).toEqual(['rtBranch']);
    expect(await seen(hoHead)).toEqual([]);
    expect((await hoHead.get('/api/workbench/account-alerts?kind=maturity')).json().counts.maturity).toBe(0);
    // The menu badge's count agrees, and reading it shows no account, so audits nothing.
    const since = await lastAuditId(ctx);
    expect((await subHead.get('/api/workbench/account-alerts/count')).json()).toEqual({ maturity: 2, large_change: 0 });
    expect((await hoHead.get('/api/workbench/account-alerts/count')).json()).toEqual({ maturity: 0, large_change: 0 });
    expect(await auditSince(ctx, since)).toEqual([]);
    expect(await seen(headB)).toEqual([]);
    // Institution-wide staff who are not heads (the entry clerk) see none of them.
    expect(await seen(clerk)).toEqual([]);
    const subAlert = (await alertsOf('rtSub')).find((a) => a.status === 'open')!;
    expect((await hoHead.post(`/api/workbench/account-alerts/${subAlert.id}/done`)).statusCode).toBe(404);
    expect((await headA.post(`/api/workbench/account-alerts/${subAlert.id}/done`)).statusCode).toBe(404);
  });

  it("a manager's customer's alert goes to the manager, and to no head", async () => {
    expect(await seen(manager)).toEqual(['rtMgr']);
    for (const head of [subHead, headA, hoHead]) expect(await seen(head)).not.toContain('rtMgr');
  });

  it('once the sub-branch head has left, the branch head answers for its unassigned customers; head office still does not', async () => {
    await db().updateTable('app_user').set({ status: 'left' }).where('id', '=', subHeadId).execute();
    expect(await seen(headA)).toEqual(['rtSub', 'rtTeam', 'rtBranch']);
    expect(await seen(hoHead)).toEqual([]);
  });
});
