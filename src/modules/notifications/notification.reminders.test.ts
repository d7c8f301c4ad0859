// Reminders and alerts as notifications, against a real database and a real SMTP server in this
// process: the daily jobs (certificate expiry, completeness overdue) and the feed's account alerts
// notify the person responsible — the primary manager, or the nearest head of the customer's
// institution — once, however often the job runs; nobody of another branch; and the reminder's
// e-mail reaches the SMTP server once, its text message without the customer's name.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../common/business-date.ts';
import { JOBS, runJob } from '../../server/jobs.ts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { upsertAccounts } from '../accounts/account.service.ts';
import { raiseAccountAlerts } from '../accounts/alerts/alert.service.ts';
import { applyBusinessDay } from '../accounts/balances/balance.service.ts';
import { raiseCompletenessTodos } from '../completeness/completeness.job.ts';
import { addDays } from '../customers/certificates/certificate.rules.ts';
import { emailChannel, smsChannel, DEFAULT_SMS_TEMPLATE, type Channels } from './channels.ts';
import { notifyRaisedTodos } from './notification.reminders.ts';
import { sendDueNotifications } from './notification.sender.ts';

let ctx: TestContext;
let clerk: Client; let manager: Client;
const ids = {} as Record<'manager' | 'managerB1' | 'headA1' | 'headBranchA' | 'clerk' | 'admin', number>;
const today = businessToday();
const db = () => ctx.handle.db;
const certificateJob = JOBS.find((j) => j.name === 'certificate-expiry')!;

// ── the in-process SMTP server and SMS gateway ──
const mails: { to: string; subject: string; raw: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw, subject: /^Subject:\s*(.+)$/im.exec(raw)?.[1] ?? '' });
      cb();
    });
  },
});
const texts: Record<string, unknown>[] = [];
const gateway = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => { body += c; });
  req.on('end', () => { texts.push(JSON.parse(body) as Record<string, unknown>); res.writeHead(200).end('{"code":0}'); });
});
let channels: Channels;
/** The text body of a received e-mail (nodemailer sends UTF-8 text as base64). */
const mailText = (raw: string) => Buffer.from(raw.split(/\r?\n\r?\n/)[1]!.replace(/\s/g, ''), 'base64').toString('utf8');

/** The notifications of a kind about one item, as [user id, key]. */
const notificationsOf = (kind: string, entityId: number | string) => db().selectFrom('notification').select(['id', 'user_id', 'dedupe_key', 'params'])
  .where('kind', '=', kind).where('entity_id', '=', String(entityId)).orderBy('user_id').execute();
const deliveriesOf = (notificationIds: number[]) => notificationIds.length === 0 ? Promise.resolve([]) : db().selectFrom('notification_delivery')
  .select(['notification_id', 'channel', 'address', 'status']).where('notification_id', 'in', notificationIds).orderBy('channel').execute();

async function corporate(c: Client, name: string) {
  const res = await c.post('/api/customers', { kind: 'corporate', name });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  return { id, no: (await db().selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no };
}
async function certificate(customerId: number, expiresOn: string) {
  const res = await clerk.post(`/api/customers/${customerId}/certificates`, { certType: '99', certName: '排污许可证', number: `P${Math.random().toString().slice(2, 10)}`, issuer: '生态环境局', issuedOn: '2020-01-01', expiresOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  channels = {
    email: emailChannel({ host: '127.0.0.1', port: (smtp.server.address() as AddressInfo).port, secure: false, from: 'crm@bank.example' }),
    sms: smsChannel({ url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, signature: '【测试银行】', requestTemplate: DEFAULT_SMS_TEMPLATE, timeoutMs: 5000,
      templateIds: { 'certificate.expiry': 'SMS_CERT' } }),
  };
  ctx = await createTestContext();
  const { subA1, subB1, branchA, ho } = ctx.bank;
  ids.clerk = await ctx.addUser('nr_clerk', subA1, ['data_entry_clerk']);
  ids.manager = await ctx.addUser('nr_manager', subA1, ['primary_manager']);
  ids.managerB1 = await ctx.addUser('nr_manager_b1', subB1, ['primary_manager']);
  ids.headA1 = await ctx.addUser('nr_head_a1', subA1, ['institution_head']);
  ids.headBranchA = await ctx.addUser('nr_head_a', branchA, ['institution_head']);
  ids.admin = await ctx.addUser('nr_admin', ho, ['head_office_admin']);
  for (const [key, n] of Object.entries(ids)) {
    await db().updateTable('app_user').set({ email: `${key}@bank.example`, mobile: `1390000000${n % 10}` }).where('id', '=', n).execute();
  }
  clerk = await ctx.login('nr_clerk');
  manager = await ctx.login('nr_manager');
  await ctx.addUser('nr_pm', ho, ['product_manager']);
  const pm = await ctx.login('nr_pm');
  for (const p of [{ id: '1020000001', nameZh: '单位定期存款', nameEn: 'Corporate time deposit', category: 'deposit', subType: 'time', currency: 'CNY' },
    { id: '1010000001', nameZh: '单位活期存款', nameEn: 'Corporate demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' }]) {
    expect((await pm.post('/api/products', p)).statusCode).toBe(201);
  }
});
afterAll(async () => {
  await ctx?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => gateway.close(() => r()));
});

describe('certificate expiry reminders as notifications', () => {
  it('the job run twice notifies the primary manager once, by e-mail and (his choice) SMS; an unassigned customer\'s reminder goes to its sub-branch head only', async () => {
    const D = addDays(today, 40);
    const managed = await corporate(manager, '青岛通知提醒有限公司');
    const unassigned = await corporate(clerk, '青岛无人管户提醒有限公司');
    const certManaged = await certificate(managed.id, addDays(D, 3));
    const certUnassigned = await certificate(unassigned.id, addDays(D, 5));
    // The manager wants this kind by text message too; the per-kind preference applies to reminders.
    const pref = await manager.put('/api/notifications/preferences', { items: [{ kind: 'certificate.expiry', email: true, sms: true }] });
    expect(pref.statusCode, pref.body).toBe(200);

    const first = await runJob(db(), certificateJob, { businessDate: D, trigger: 'manual' });
    expect(first).toMatchObject({ status: 'ok', detail: { raised: 2, notified: 2 } });
    const second = await runJob(db(), certificateJob, { businessDate: D, trigger: 'manual' });
    expect(second).toMatchObject({ status: 'ok', detail: { raised: 0, notified: 0 } });
    // The next day of the window: the to-do exists, nothing new to tell.
    expect(await runJob(db(), certificateJob, { businessDate: addDays(D, 1), trigger: 'manual' })).toMatchObject({ detail: { raised: 0, notified: 0 } });

    const toManager = await notificationsOf('certificate.expiry', certManaged);
    expect(toManager.map((n) => n.user_id)).toEqual([ids.manager]);
    expect(toManager[0]!.dedupe_key).toBe(`certificate.expiry:${certManaged}:${addDays(D, 3)}`);
    // Not the branch head above, not head office, not the clerk of the institution's to-do pool, not another branch.
    expect((await notificationsOf('certificate.expiry', certUnassigned)).map((n) => n.user_id)).toEqual([ids.headA1]);
    expect(await deliveriesOf(toManager.map((n) => n.id))).toEqual([
      { notification_id: toManager[0]!.id, channel: 'email', address: 'manager@bank.example', status: 'pending' },
      { notification_id: toManager[0]!.id, channel: 'sms', address: `1390000000${ids.manager % 10}`, status: 'pending' },
    ]);

    // The inbox shows it in the reader's language; the other branch's manager has nothing.
    const inbox = (await manager.get('/api/notifications')).json();
    expect(inbox.items[0]).toMatchObject({ kind: 'certificate.expiry', kindName: '证件到期提醒', entityType: 'certificate', entityId: String(certManaged), readAt: null });
    expect(inbox.items[0].text).toBe(`证件到期提醒：青岛通知提醒有限公司（${managed.no}）的其他证件将于 ${addDays(D, 3)} 到期，请联系客户更新`);
    const en = (await manager.get('/api/notifications', { 'accept-language': 'en-US' })).json();
    expect(en.items[0].text).toContain(`expires on ${addDays(D, 3)}`);
    expect((await (await ctx.login('nr_manager_b1')).get('/api/notifications')).json()).toMatchObject({ total: 0, unread: 0 });

    // A restart that raises the same to-dos again: the unique key admits nothing a second time.
    const todoIds = (await db().selectFrom('todo').select('id').where('entity_type', '=', 'certificate').where('entity_id', 'in', [String(certManaged), String(certUnassigned)]).execute()).map((t) => t.id);
    expect(todoIds).toHaveLength(2);
    expect(await db().transaction().execute((tx) => notifyRaisedTodos(tx, 'certificate.expiry', todoIds))).toBe(0);
    expect(await notificationsOf('certificate.expiry', certManaged)).toHaveLength(1);

    // The sender, run twice: the manager's e-mail reaches the SMTP server once; the text carries no customer data.
    mails.length = 0; texts.length = 0;
    await sendDueNotifications(db(), channels, { batchSize: 50 });
    await sendDueNotifications(db(), channels, { batchSize: 50 });
    const toHim = mails.filter((m) => m.to === 'manager@bank.example');
    expect(toHim).toHaveLength(1);
    expect(mailText(toHim[0]!.raw)).toContain(`青岛通知提醒有限公司（${managed.no}）`);
    const smsToHim = texts.filter((t) => t.mobile === `1390000000${ids.manager % 10}`);
    expect(smsToHim).toHaveLength(1);
    expect(smsToHim[0]).toMatchObject({ templateId: 'SMS_CERT', params: { expiresOn: addDays(D, 3) } });
    expect(JSON.stringify(smsToHim[0])).not.toContain('青岛通知提醒');
    expect(JSON.stringify(smsToHim[0])).not.toContain(managed.no);
    expect(mails.filter((m) => m.to === 'headA1@bank.example')).toHaveLength(1);
    expect(mails.filter((m) => m.to === 'managerB1@bank.example' || m.to === 'headBranchA@bank.example' || m.to === 'admin@bank.example')).toEqual([]);
  });
});

describe('completeness overdue as notifications', () => {
  it('an overdue customer nobody manages: its sub-branch head is told once, however often the job runs', async () => {
    const c = await corporate(clerk, '青岛信息逾期通知公司');
    await db().insertInto('account').values({ account_no: '6222029900000001', customer_id: c.id, product_id: '1010000001', kind: 'deposit_demand', currency: 'CNY',
      institution_id: ctx.bank.subA1, opened_on: addDays(today, -14), balance: '0', contract_no: null, contract_amount: null, guarantee_type: null }).execute();
    const first = await raiseCompletenessTodos(db(), today);
    expect(first.notified).toBeGreaterThanOrEqual(1);
    expect((await raiseCompletenessTodos(db(), today)).notified).toBe(0);
    const told = await notificationsOf('completeness.overdue', c.id);
    expect(told.map((n) => n.user_id)).toEqual([ids.headA1]);
    expect(told[0]!.params).toMatchObject({ customerNo: c.no, customerName: '青岛信息逾期通知公司' });
  });
});

describe('account alerts as notifications', () => {
  const feedAccount = (no: string, customerNo: string, kind: string, extra: Record<string, unknown>) => db().transaction().execute((tx) => upsertAccounts(tx, ctx.system, [{
    accountNo: no, customerNo, productId: kind === 'deposit_time' ? '1020000001' : '1010000001', kind, currency: 'CNY', institutionCode: 'A110',
    openedOn: '2029-01-01', status: 'active', balance: '100000.00', ...extra }]));
  const accountId = async (no: string) => (await db().selectFrom('account').select('id').where('account_no', '=', no).executeTakeFirstOrThrow()).id;

  it('a maturity warning tells the manager, a large change of an unassigned customer its head — once each, a reloaded day tells nobody again', async () => {
    const managed = await corporate(manager, '青岛到期预警通知公司');
    const unassigned = await corporate(clerk, '青岛大额变动通知公司');
    await feedAccount('6222039900000001', managed.no, 'deposit_time', { maturityOn: '2031-04-30' });
    await feedAccount('6222039900000002', unassigned.no, 'deposit_demand', {});
    const demand = await accountId('6222039900000002');
    const day = (d: string, balance: string) => db().transaction().execute((tx) => applyBusinessDay(tx, d, [{ accountId: demand, balance }]));
    const raise = (d: string, previous: string | null) => db().transaction().execute((tx) => raiseAccountAlerts(tx, d, previous));
    await day('2031-03-28', '100000.00');
    await raise('2031-03-28', null);
    await day('2031-03-31', '900000.00');
    expect(await raise('2031-03-31', '2031-03-28')).toMatchObject({ maturity: 1, largeChange: 1, notified: 2 });
    expect(await raise('2031-03-31', '2031-03-28')).toMatchObject({ maturity: 0, largeChange: 1, notified: 0 }); // the day reloaded

    const alerts = await db().selectFrom('account_alert').select(['id', 'kind']).where('customer_id', 'in', [managed.id, unassigned.id]).orderBy('id').execute();
    const maturity = alerts.find((a) => a.kind === 'maturity')!;
    const change = alerts.find((a) => a.kind === 'large_change')!;
    const toManager = await notificationsOf('alert.maturity', maturity.id);
    expect(toManager.map((n) => [n.user_id, n.dedupe_key])).toEqual([[ids.manager, '2031-03-31']]);
    expect(toManager[0]!.params).toMatchObject({ accountTail: '0001', maturityOn: '2031-04-30', windowDays: 30 });
    expect(JSON.stringify(toManager[0]!.params)).not.toContain('6222039900000001');
    const toHead = await notificationsOf('alert.large_change', change.id);
    expect(toHead.map((n) => n.user_id)).toEqual([ids.headA1]);
    expect(toHead[0]!.params).toMatchObject({ change: '800000.00', businessDate: '2031-03-31' });
    const text = (await (await ctx.login('nr_head_a1')).get('/api/notifications')).json().items.find((i: { kind: string }) => i.kind === 'alert.large_change').text as string;
    expect(text).toBe(`大额变动：青岛大额变动通知公司（${unassigned.no}）尾号 0002 的账户 2031-03-31 余额变动 800000.00 CNY`);
    expect((await (await ctx.login('nr_manager_b1')).get('/api/notifications')).json().total).toBe(0);
    expect((await (await ctx.login('nr_head_a')).get('/api/notifications')).json().total).toBe(0);
  });

  it('a day older than the keep days (a first load back-filling history) raises its alerts but messages nobody', async () => {
    const unassigned = await corporate(clerk, '青岛历史变动通知公司');
    await feedAccount('6222039900000003', unassigned.no, 'deposit_demand', { openedOn: '2020-01-01' });
    const id = await accountId('6222039900000003');
    const [before, old] = [addDays(today, -41), addDays(today, -40)];
    await db().transaction().execute((tx) => applyBusinessDay(tx, before, [{ accountId: id, balance: '100000.00' }]));
    await db().transaction().execute((tx) => applyBusinessDay(tx, old, [{ accountId: id, balance: '900000.00' }]));
    expect(await db().transaction().execute((tx) => raiseAccountAlerts(tx, old, before))).toMatchObject({ largeChange: 1, notified: 0 });
    const alert = await db().selectFrom('account_alert').select(['id', 'status']).where('account_id', '=', id).executeTakeFirstOrThrow();
    expect(alert.status).toBe('open');
    expect(await notificationsOf('alert.large_change', alert.id)).toEqual([]);
  });
});
