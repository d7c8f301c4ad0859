// WARN-1…4 early warning against the real database: the indicators on crafted histories (month
// ends, a month with no run, a closed account, a deposit not renewed), the scorecard's bins and
// thresholds, one open alert per customer under re-scoring, escalation by working days (a holiday
// shifts it), the notifications (the SMS once through a local HTTP gateway, across a restart),
// scope on the list, the disposal by the manager and the closing by his head, the audited settings.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, expectProblem, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';
import { businessToday } from '../../common/business-date.ts';
import { upsertAccounts } from '../accounts/account.service.ts';
import { applyBusinessDay } from '../accounts/balances/balance.service.ts';
import { addWorkingDays } from '../calendar/calendar.service.ts';
import { DEFAULT_SMS_TEMPLATE, smsChannel, type Channels } from '../notifications/channels.ts';
import { sendDueNotifications } from '../notifications/notification.sender.ts';
import { putSetting } from '../settings/settings.service.ts';
import { computeIndicators, runWarnings, scoreIndicators } from './warning.run.ts';
import { DEFAULT_SCORECARD, INDICATORS, type Scorecard } from './scorecard.ts';
import { warningMessages } from './warning.messages.ts';

let ctx: TestContext;
let manager: Client; let headA1: Client; let managerB: Client; let admin: Client; let clerk: Client;
const ids = {} as Record<'manager' | 'managerB' | 'headA1' | 'headA' | 'admin', number>;
const acc: Record<string, number> = {};
const numbers: Record<string, string> = {};
const db = () => ctx.handle.db;
const today = businessToday();

const texts: Record<string, unknown>[] = [];
const gateway = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => { body += c; });
  req.on('end', () => { texts.push(JSON.parse(body) as Record<string, unknown>); res.writeHead(200).end('{"code":0}'); });
});
let channels: Channels;

const run = (d: string) => db().transaction().execute((tx) => runWarnings(tx, d));
const day = (d: string, pairs: [string, string][]) => db().transaction().execute((tx) => applyBusinessDay(tx, d, pairs.map(([k, balance]) => ({ accountId: acc[k], balance }))));
async function txns(d: string, key: string, n: number, amount = '1000.00') {
  await sql`select account_transaction_partition(${d}::date)`.execute(db());
  const customer = (await db().selectFrom('account').select('customer_id').where('id', '=', acc[key]!).executeTakeFirstOrThrow()).customer_id;
  for (let i = 0; i < n; i++) {
    await db().insertInto('account_transaction').values({ business_date: d, txn_no: `T${key}${d.replaceAll('-', '')}${i}`, account_id: acc[key]!, customer_id: customer,
      direction: 'D', amount, channel: '01' } as never).execute();
  }
}
async function account(key: string, owner: { no: string }, kind: string, extra: Record<string, unknown> = {}) {
  const no = (numbers[key] ??= `62220400${String(Object.keys(numbers).length + 1).padStart(11, '0')}`);
  const productId = kind === 'card' ? '5010000001' : kind === 'deposit_time' ? '1020000001' : '1010000001';
  await db().transaction().execute((tx) => upsertAccounts(tx, ctx.system, [{ accountNo: no, customerNo: owner.no, productId, kind, currency: 'CNY',
    institutionCode: 'A110', openedOn: '2030-06-01', status: 'active', balance: '0.00', ...extra }]));
  acc[key] = (await db().selectFrom('account').select('id').where('account_no', '=', no).executeTakeFirstOrThrow()).id;
}
async function open(client: Client, name: string) {
  const res = await client.post('/api/customers', { kind: 'corporate', name });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  return { id, no: (await db().selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no };
}
const scoreOf = (customerId: number, d: string) => db().selectFrom('warning_score').selectAll().where('customer_id', '=', customerId).where('business_date', '=', d).executeTakeFirst();
const alertsOf = (customerId: number) => db().selectFrom('warning_alert').selectAll().where('customer_id', '=', customerId).orderBy('id').execute();
const eventsOf = async (alertId: number) => (await db().selectFrom('warning_alert_event').select(['kind', 'level']).where('alert_id', '=', alertId).orderBy('id').execute()).map((e) => `${e.kind}:${e.level ?? ''}`);
const card = (patch: Partial<Scorecard>): Scorecard => ({ ...DEFAULT_SCORECARD, ...patch });
const setCard = (c: Scorecard) => db().transaction().execute((tx) => putSetting(tx, ctx.system, 'warnings.scorecard', c));

/** The indicator row of one customer as of d (the daily run's own SQL, rolled back). */
async function indicatorsOf(customerId: number, d: string): Promise<Record<string, unknown>> {
  let row: Record<string, unknown> = {};
  await db().transaction().execute(async (tx) => {
    await computeIndicators(tx, d);
    row = (await sql<Record<string, unknown>>`select * from warn_ind where customer_id = ${customerId}`.execute(tx)).rows[0] ?? {};
  });
  return row;
}

beforeAll(async () => {
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  channels = { email: null, sms: smsChannel({ url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, signature: '【测试银行】',
    requestTemplate: DEFAULT_SMS_TEMPLATE, timeoutMs: 5000, templateIds: { 'warning.red': 'SMS_RED', 'warning.yellow': 'SMS_YELLOW', 'warning.orange': 'SMS_ORANGE' } }) } as unknown as Channels;
  ctx = await createTestContext();
  const { subA1, subB1, branchA, ho } = ctx.bank;
  ids.manager = await ctx.addUser('wn_mgr', subA1, ['primary_manager']);
  ids.managerB = await ctx.addUser('wn_mgr_b', subB1, ['primary_manager']);
  ids.headA1 = await ctx.addUser('wn_head_a1', subA1, ['institution_head']);
  ids.headA = await ctx.addUser('wn_head_a', branchA, ['institution_head']);
  ids.admin = await ctx.addUser('wn_admin', ho, ['head_office_admin']);
  await ctx.addUser('wn_clerk', subA1, ['data_entry_clerk']);
  await ctx.addUser('wn_pm', ho, ['product_manager']);
  for (const [key, n] of Object.entries(ids)) await db().updateTable('app_user').set({ mobile: `1380000000${n % 10}` }).where('id', '=', n).execute();
  const pm = await ctx.login('wn_pm');
  for (const p of [{ id: '1010000001', nameZh: '单位活期存款', nameEn: 'Corporate demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' },
    { id: '1020000001', nameZh: '单位定期存款', nameEn: 'Corporate time deposit', category: 'deposit', subType: 'time', currency: 'CNY' },
    { id: '5010000001', nameZh: '单位结算卡', nameEn: 'Corporate settlement card', category: 'card', subType: 'debit', currency: 'CNY' }]) {
    expect((await pm.post('/api/products', p)).statusCode).toBe(201);
  }
  [manager, headA1, managerB, admin, clerk] = await Promise.all(['wn_mgr', 'wn_head_a1', 'wn_mgr_b', 'wn_admin', 'wn_clerk'].map((u) => ctx.login(u)));
});
afterAll(async () => {
  await ctx?.close();
  await new Promise<void>((r) => gateway.close(() => r()));
});

describe('indicators on a crafted history', () => {
  it('compares with month-end baselines (none for a month with no run), counts kinds lost, a closed account, a deposit not renewed, activity against its own baseline', async () => {
    const c = await open(manager, '青岛预警指标测试有限公司');
    await account('dd', c, 'deposit_demand');
    await account('td', c, 'deposit_time', { maturityOn: '2031-06-10', termMonths: 12 });
    await account('card', c, 'card');
    // Month ends (the last working day): Jan 31 Fri, Feb 28 Fri, Mar 31 Mon, Apr 30 Wed, May 30 Fri (31st a Saturday).
    const history: [string, string, number][] = [['2031-01-31', '1000000.00', 0], ['2031-02-28', '1000000.00', 10], ['2031-03-31', '800000.00', 10],
      ['2031-04-30', '500000.00', 10], ['2031-05-30', '400000.00', 0]];
    for (const [d, balance, n] of history) {
      await day(d, [['dd', balance], ['td', '0.00'], ['card', '0.00']]);
      if (n) await txns(d, 'dd', n);
      if (d === '2031-05-30') await txns('2031-05-15', 'dd', 2);
      const r = await run(d);
      expect(r.baseline).toBe(true);
    }
    // A mid-month day writes no baseline.
    await day('2031-06-04', [['dd', '300000.00']]);
    expect((await run('2031-06-04')).baseline).toBe(false);
    expect(await db().selectFrom('warning_customer_month').select('month').where('customer_id', '=', c.id).orderBy('month').execute())
      .toEqual(['2031-01-01', '2031-02-01', '2031-03-01', '2031-04-01', '2031-05-01'].map((month) => ({ month })));
    const may = await db().selectFrom('warning_customer_month').selectAll().where('customer_id', '=', c.id).where('month', '=', '2031-05-01').executeTakeFirstOrThrow();
    expect(may).toMatchObject({ through_date: '2031-05-30', kinds: 3, open_accounts: 3, txn_count: 2, last_txn_on: '2031-05-15' });

    // The time deposit is closed at maturity and not renewed; the card is closed.
    await account('td', c, 'deposit_time', { maturityOn: '2031-06-10', termMonths: 12, status: 'closed', closedOn: '2031-06-10' });
    await account('card', c, 'card', { status: 'closed', closedOn: '2031-06-12' });
    await day('2031-06-16', [['dd', '200000.00']]);
    const i = await indicatorsOf(c.id, '2031-06-16');
    expect(Number(i.balance)).toBe(200000);
    expect(Number(i.balance_change_1m)).toBe(-0.5); // 400,000 at the end of May
    expect(Number(i.balance_change_3m)).toBe(-0.75); // 800,000 at the end of March
    expect(i.balance_change_6m).toBeNull(); // December 2030 had no run: not available, no points
    expect(Number(i.product_kinds_lost)).toBe(2); // three kinds at the end of March, one now
    expect(Number(i.accounts_closed_90d)).toBe(1); // the card (the time deposit counts as a maturity not renewed)
    expect(Number(i.maturities_not_renewed_90d)).toBe(1);
    expect(Number(i.relationship_ended)).toBe(0);
    expect(Number(i.days_since_txn)).toBe(32); // 15 May
    // (2 in May + 0 in June) ÷ (31 + 16 days) against (10 + 10 + 10) ÷ (28 + 31 + 30 days) from February to April
    expect(Number(i.txn_count_ratio)).toBeCloseTo((2 / 47) / (30 / 89), 4);
    // Daily averages: June 1–3 carry 400,000, 4–15 300,000, the 16th 200,000; May carried 500,000 for 29 days and 400,000 on the 30th.
    expect(Number(i.average_change_1m)).toBeCloseTo((3 * 400000 + 12 * 300000 + 200000) / 16 / ((29 * 500000 + 400000) / 30) - 1, 4);

    await run('2031-06-16');
    const s = await scoreOf(c.id, '2031-06-16');
    const factors = s!.factors as { code: string; value: number; points: number }[];
    // The score is exactly the sum of the factors' points (nothing hidden), each named with its value.
    expect(factors.reduce((t, f) => t + f.points, 0)).toBe(s!.score);
    expect(factors.find((f) => f.code === 'balance_change_3m')).toEqual({ code: 'balance_change_3m', value: -0.75, points: 25 });
    expect(factors.find((f) => f.code === 'balance_change_1m')).toEqual({ code: 'balance_change_1m', value: -0.5, points: 10 }); // −0.5 opens the second bin
    expect(factors.some((f) => f.code === 'balance_change_6m')).toBe(false);
    expect(s!.crisis).toBe('mild'); // product loss, still transacting within 60 days
    const [alert] = await alertsOf(c.id);
    expect(alert).toMatchObject({ status: 'open', score: s!.score, level: s!.level, assignee_user_id: ids.manager, assignee_institution_id: ctx.bank.subA1 });
  });

  it('a customer whose every account closed is severe and red: the relationship ended', async () => {
    const c = await open(manager, '青岛关系终止测试有限公司');
    await account('gone', c, 'deposit_demand');
    await day('2031-06-16', [['gone', '50000.00']]);
    await account('gone', c, 'deposit_demand', { status: 'closed', closedOn: '2031-06-18' });
    const i = await indicatorsOf(c.id, '2031-06-18');
    expect(Number(i.relationship_ended)).toBe(1);
    await run('2031-06-18');
    expect(await scoreOf(c.id, '2031-06-18')).toMatchObject({ level: 'red', crisis: 'severe' });
  });
});

describe('scorecard bins and thresholds', () => {
  it('a bin holds its lower bound and not its upper; levels at exactly each threshold; a missing value scores nothing', async () => {
    const cols = INDICATORS.map((c) => `null::numeric as ${c}`).join(', ');
    const scored = await db().transaction().execute(async (tx) => {
      await sql`drop table if exists warn_ind`.execute(tx);
      await sql.raw(`create temp table warn_ind on commit drop as select 0::bigint as customer_id, 0 as institution_id, ${cols} limit 0`).execute(tx);
      // days_since_txn: 59 (no bin), 60 (first bin), 89, 90, 180; relationship_ended for a large score; nulls elsewhere.
      for (const [id, days, ended] of [[1, 59, 0], [2, 60, 0], [3, 89, 0], [4, 90, 0], [5, 180, 0], [6, null, 1], [7, null, null]] as const) {
        await sql`insert into warn_ind (customer_id, institution_id, days_since_txn, relationship_ended) values (${id}, 1, ${days}, ${ended})`.execute(tx);
      }
      const c = card({ thresholds: { yellow: 10, orange: 20, red: 30 } });
      await scoreIndicators(tx, c, false);
      return (await sql<{ customer_id: string; score: number; level: string | null }>`select customer_id, score, level from warn_day order by customer_id`.execute(tx)).rows;
    });
    expect(scored.map((r) => [Number(r.customer_id), r.score, r.level])).toEqual([[2, 10, 'yellow'], [3, 10, 'yellow'], [4, 20, 'orange'], [5, 30, 'red'], [6, 100, 'red']]);
  });

  it('refuses overlapping bins, unordered thresholds and points out of range, naming each; nothing changes', async () => {
    const before = await lastAuditId(ctx);
    const bad = structuredClone(DEFAULT_SCORECARD) as Scorecard;
    bad.indicators.days_since_txn.bins = [{ from: 30, to: 70, points: 10 }, { from: 60, to: null, points: 20 }];
    bad.thresholds = { yellow: 50, orange: 40, red: 90 };
    bad.indicators.txn_count_ratio.bins[0]!.points = 5000;
    const res = await admin.put('/api/settings/warnings', bad, { 'x-crm-lang': 'en-US' });
    expectProblem(res, 400, 'common.validation');
    const got = (res.json().errors as { path: string; message: string }[]).map((e) => `${e.path}:${e.message}`);
    expect(got).toEqual(expect.arrayContaining([`body.indicators.days_since_txn.bins:${warningMessages['en-US']['warnings.bins_overlap']}`,
      `body.thresholds.orange:${warningMessages['en-US']['warnings.threshold_order']}`, `body.indicators.txn_count_ratio.bins.0.points:${warningMessages['en-US']['warnings.points_range']}`]));
    // The service refuses the same on its own (422 with the codes).
    const direct = await db().transaction().execute((tx) => putSetting(tx, ctx.system, 'warnings.scorecard', bad)).then(() => null, (e: { status: number; fieldErrors: { code: string }[] }) => e);
    expect(direct?.status).toBe(422);
    expect(direct?.fieldErrors.map((e) => e.code)).toEqual(expect.arrayContaining(['warnings.bins_overlap', 'warnings.threshold_order', 'warnings.points_range']));
    expect(await auditSince(ctx, before)).toEqual([]);
    expectProblem(await manager.put('/api/settings/warnings', DEFAULT_SCORECARD), 403);
  });

  it('a change is audited with before and after, and the preview counts the levels under the proposal beside the scorecard in force', async () => {
    const before = await lastAuditId(ctx);
    const proposal = card({ thresholds: { yellow: 10, orange: 20, red: 30 } });
    const preview = await admin.post('/api/settings/warnings/preview', proposal);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    const total = (x: { yellow: number; orange: number; red: number }) => x.yellow + x.orange + x.red;
    expect(total(p.proposed)).toBeGreaterThanOrEqual(total(p.current));
    expect(await auditSince(ctx, before)).toEqual([]); // a preview changes nothing
    const res = await admin.put('/api/settings/warnings', proposal);
    expect(res.statusCode, res.body).toBe(200);
    const audit = await auditSince(ctx, before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'setting.update', entity_id: 'warnings.scorecard' });
    expect((await admin.put('/api/settings/warnings', DEFAULT_SCORECARD)).statusCode).toBe(200);
  });
});

describe('alerts under re-scoring', () => {
  it('one open alert per customer: a reload raises nothing twice; up and down as the score moves; withdrawn below yellow when nobody began; history kept', async () => {
    const c = await open(manager, '青岛重复评分测试有限公司');
    await account('rs', c, 'deposit_demand');
    // Stopped transacting: 20 points with the default bins (90 to 179 days). Later dates than the other cases' runs.
    await day('2032-01-05', [['rs', '10000.00']]);
    await txns('2032-01-05', 'rs', 1);
    await run('2032-01-05');
    await day('2032-04-16', [['rs', '10000.00']]);
    await setCard(card({ thresholds: { yellow: 15, orange: 60, red: 90 } }));
    await run('2032-04-16');
    await run('2032-04-16'); // the day reloaded
    let alerts = await alertsOf(c.id);
    expect(alerts.map((a) => [a.status, a.level])).toEqual([['open', 'yellow']]);
    await setCard(card({ thresholds: { yellow: 5, orange: 10, red: 20 } }));
    await run('2032-04-19');
    await setCard(card({ thresholds: { yellow: 5, orange: 20, red: 60 } }));
    await run('2032-04-20');
    alerts = await alertsOf(c.id);
    expect(alerts.map((a) => [a.status, a.level, a.top_level])).toEqual([['open', 'orange', 'red']]);
    expect(await eventsOf(alerts[0]!.id)).toEqual(['raised:yellow', 'upgraded:red', 'downgraded:orange']);
    // The database admits no second open alert for the customer, whatever the code does.
    await expect(db().insertInto('warning_alert').values({ customer_id: c.id, level: 'red', top_level: 'red', score: 1, factors: '[]', raised_on: '2032-04-20',
      level_since: '2032-04-20', as_of: '2032-04-20', assignee_institution_id: ctx.bank.subA1 }).execute()).rejects.toThrow(/warning_alert_one_open/);
    await setCard(card({ thresholds: { yellow: 200, orange: 300, red: 400 } }));
    await run('2032-04-21');
    await setCard(card({ thresholds: { yellow: 5, orange: 300, red: 400 } }));
    await run('2032-04-22');
    alerts = await alertsOf(c.id);
    expect(alerts.map((a) => [a.status, a.level])).toEqual([['withdrawn', 'orange'], ['open', 'yellow']]);
    await setCard(DEFAULT_SCORECARD);
  });
});

describe('escalation, notifications, disposal and closing', () => {
  let red: { id: number; no: string };
  let X: string;

  it('a red alert tells the manager and his head once (SMS without customer data, once across a restart); escalates after N working days, a holiday shifting it', async () => {
    X = today; // his customer since today: the manager in force on the day scored
    red = await open(manager, '青岛红色预警测试有限公司');
    await account('red', red, 'deposit_demand', { openedOn: '2026-01-05' });
    await day(await addWorkingDays(db(), X, -1), [['red', '80000.00']]);
    await account('red', red, 'deposit_demand', { openedOn: '2026-01-05', status: 'closed', closedOn: X });
    const pref = await manager.put('/api/notifications/preferences', { items: [{ kind: 'warning.red', email: false, sms: true }] });
    expect(pref.statusCode, pref.body).toBe(200);

    expect(await run(X)).toMatchObject({ notified: 2 });
    const [alert] = await alertsOf(red.id);
    expect(alert).toMatchObject({ level: 'red', status: 'open', assignee_user_id: ids.manager });
    const told = await db().selectFrom('notification').select(['user_id', 'kind']).where('entity_type', '=', 'warning_alert').where('entity_id', '=', String(alert!.id)).orderBy('user_id').execute();
    expect(told).toEqual([{ user_id: ids.manager, kind: 'warning.red' }, { user_id: ids.headA1, kind: 'warning.red' }].sort((a, b) => a.user_id - b.user_id));

    texts.length = 0;
    await sendDueNotifications(db(), channels, { batchSize: 50 });
    // A restart: the day is run again and the sender starts afresh. Nothing new to tell, nothing sent twice.
    expect(await run(X)).toMatchObject({ notified: 0 });
    await sendDueNotifications(db(), channels, { batchSize: 50 });
    const toHim = texts.filter((t) => t.mobile === `1380000000${ids.manager % 10}`);
    expect(toHim).toHaveLength(1);
    expect(toHim[0]).toMatchObject({ templateId: 'SMS_RED', params: { businessDate: X } });
    expect(JSON.stringify(toHim[0])).not.toContain('青岛红色预警');
    expect(JSON.stringify(toHim[0])).not.toContain(red.no);

    // Three working days with no contact; a holiday on the third working day pushes the escalation one day later.
    const third = await addWorkingDays(db(), X, 3);
    await db().insertInto('calendar_day').values({ day: third, kind: 'holiday', name: '测试假日' } as never).execute();
    const due = await addWorkingDays(db(), X, 3);
    expect(due > third).toBe(true);
    const before = await addWorkingDays(db(), due, -1);
    expect(await run(before)).toMatchObject({ escalated: 0 });
    expect(await run(due)).toMatchObject({ escalated: 1 });
    expect((await alertsOf(red.id))[0]).toMatchObject({ escalated_on: due, escalated_institution_id: ctx.bank.branchA });
    expect((await db().selectFrom('notification').select('user_id').where('kind', '=', 'warning.escalated').where('entity_id', '=', String(alert!.id)).execute()).map((n) => n.user_id))
      .toEqual([ids.headA]);
    await db().deleteFrom('calendar_day').where('day', '=', third).execute();
  });

  it('the list is scoped: the manager and his heads see it, another branch\'s manager does not; filters by level and manager', async () => {
    const mine = (await manager.get('/api/warnings?level=red')).json();
    expect(mine.items.map((i: { customer: { id: number } }) => i.customer.id)).toContain(red.id);
    const head = (await headA1.get(`/api/warnings?managerId=${ids.manager}`)).json();
    expect(head.items.map((i: { customer: { id: number } }) => i.customer.id)).toContain(red.id);
    const other = (await managerB.get('/api/warnings')).json();
    expect(other).toMatchObject({ total: 0, items: [] });
    const alertId = (await alertsOf(red.id))[0]!.id;
    expectProblem(await managerB.get(`/api/warnings/${alertId}`), 404);
    const detail = (await manager.get(`/api/warnings/${alertId}`)).json();
    expect(detail.factors[0]).toMatchObject({ code: 'relationship_ended', points: 100 });
    expect(detail.scores.length).toBeGreaterThanOrEqual(1);
    // The export: the same scope, watermarked, audited.
    const before = await lastAuditId(ctx);
    const xlsx = await headA1.get('/api/warnings/export?status=open&level=red');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await auditSince(ctx, before)).map((a) => a.action)).toEqual(['warning_alert.export']);
  });

  it('the manager records analysis → contact → measures → result in order; his head closes it as retained; maker ≠ checker', async () => {
    const alertId = (await alertsOf(red.id))[0]!.id;
    const step = (c: Client, body: object) => c.post(`/api/warnings/${alertId}/disposal`, body);
    expectProblem(await step(manager, { step: 'contact', on: today, note: '电话联系财务负责人' }), 409, 'warnings.step_order');
    expectProblem(await step(managerB, { step: 'analysis', on: today, note: '分析' }), 404); // another branch: not found
    expectProblem(await step(clerk, { step: 'analysis', on: today, note: '分析' }), 403, 'warnings.not_assignee'); // sees it, is not the manager
    expectProblem(await step(manager, { step: 'analysis', on: '2020-01-01', note: '分析' }), 422);
    expectProblem(await step(manager, { step: 'result', on: today, note: '无结果' }), 400);
    for (const s of ['analysis', 'contact', 'measures']) expect((await step(manager, { step: s, on: today, note: `${s} 记录` })).statusCode).toBe(200);
    expectProblem(await headA1.post(`/api/warnings/${alertId}/close`), 409, 'warnings.not_resolved');
    const before = await lastAuditId(ctx);
    expect((await step(manager, { step: 'result', on: today, note: '已挽留，客户重新开户', result: 'retained' })).statusCode).toBe(200);
    expectProblem(await manager.post(`/api/warnings/${alertId}/close`), 403);
    const closed = await headA1.post(`/api/warnings/${alertId}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', result: 'retained' });
    expect((await auditSince(ctx, before)).map((a) => a.action)).toEqual(['warning_alert.result', 'warning_alert.close']);
    expect(await eventsOf(alertId)).toEqual(expect.arrayContaining(['analysis:red', 'contact:red', 'measures:red', 'resolved:red', 'closed:red']));

    // The factor analysis of the month: what drove it, how it ended; nothing for another branch.
    const month = today.slice(0, 7);
    const fa = (await headA1.get(`/api/warnings/factor-analysis?from=${month}&to=${month}`)).json();
    expect(fa.factors).toEqual(expect.arrayContaining([expect.objectContaining({ month, code: 'relationship_ended', alerts: 1, points: 100 })]));
    expect(fa.outcomes).toEqual(expect.arrayContaining([{ month, outcome: 'retained', topLevel: 'red', alerts: 1 }]));
    expect((await managerB.get(`/api/warnings/factor-analysis?from=${month}&to=${month}`)).json()).toEqual({ factors: [], outcomes: [] });
    expectProblem(await headA1.get('/api/warnings/factor-analysis?from=2026-13&to=2026-01'), 400);
  });
});
