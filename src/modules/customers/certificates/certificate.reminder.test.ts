// CIF-20: one reminder one week before a certificate expires, through the job runner, to the
// right person, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { JOBS, runJob } from '../../../server/jobs.ts';
import { createTestContext, type Client, type TestContext } from '../../../test/harness.ts';
import { addDays } from './certificate.rules.ts';
import { raiseCertificateExpiryReminders } from './certificate.reminder.ts';
import { deleteCustomer } from '../customer.service.ts';

let ctx: TestContext;
let clerk: Client;
let managerId: number;
let manager: Client;
const today = businessToday();
const job = JOBS.find((j) => j.name === 'certificate-expiry')!;

const db = () => ctx.handle.db;
const corporate = async (name: string) => {
  const res = await clerk.post('/api/customers', { kind: 'corporate', name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const certificate = async (customerId: number, expiresOn: string, over: Record<string, unknown> = {}) => {
  const res = await clerk.post(`/api/customers/${customerId}/certificates`, { certType: '99', certName: '排污许可证', number: `P${Math.random().toString().slice(2, 10)}`, issuer: '生态环境局', issuedOn: '2020-01-01', expiresOn, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const remindersOf = (certId: number) => db().selectFrom('todo').selectAll().where('entity_type', '=', 'certificate').where('entity_id', '=', String(certId)).orderBy('id').execute();
const makePrimary = (customerId: number, userId: number) =>
  db().insertInto('customer_manager').values({ customer_id: customerId, user_id: userId, role: 'primary', since: '2024-01-01' }).execute();

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('rem_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  managerId = await ctx.addUser('rem_manager', ctx.bank.subA1, ['primary_manager']);
  clerk = await ctx.login('rem_clerk');
  manager = await ctx.login('rem_manager');
});
afterAll(() => ctx?.close());

describe('certificate-expiry job', () => {
  it('raises exactly one reminder for a certificate expiring on D+7: none on D-1, one on D, no second on a rerun or the next day', async () => {
    const D = addDays(today, 40);
    const customer = await corporate('青岛七日贸易有限公司');
    const cert = await certificate(customer, addDays(D, 7));
    const outside = await certificate(customer, addDays(D, 8));

    await raiseCertificateExpiryReminders(db(), addDays(D, -1));
    expect(await remindersOf(cert)).toHaveLength(0);

    const first = await raiseCertificateExpiryReminders(db(), D);
    expect(first.raised).toBeGreaterThanOrEqual(1);
    expect(await remindersOf(outside)).toHaveLength(0);
    const [todo] = await remindersOf(cert);
    expect(todo).toMatchObject({ kind: 'certificate.expiry', status: 'open', due_on: addDays(D, 7), assignee_institution_id: ctx.bank.subA1, assignee_user_id: null });
    expect(todo!.title).toBe(`证件到期提醒：青岛七日贸易有限公司（${(await db().selectFrom('customer').select('customer_no').where('id', '=', customer).executeTakeFirstOrThrow()).customer_no}）的其他证件将于 ${addDays(D, 7)} 到期`);

    const again = await raiseCertificateExpiryReminders(db(), D);
    expect(again.raised).toBe(0);
    expect(again.expiring).toBe(first.expiring);
    await raiseCertificateExpiryReminders(db(), addDays(D, 1));
    expect(await remindersOf(cert)).toHaveLength(1);
    expect(await remindersOf(outside)).toHaveLength(1); // D+8 is inside the window of D+1
  });

  it('includes a certificate expiring on D itself and leaves expired ones alone', async () => {
    const D = addDays(today, 60);
    const customer = await corporate('青岛当日到期公司');
    const onD = await certificate(customer, D);
    const expired = await certificate(customer, addDays(D, -1));
    await raiseCertificateExpiryReminders(db(), D);
    expect(await remindersOf(onD)).toHaveLength(1);
    expect(await remindersOf(expired)).toHaveLength(0);
  });

  it("sends the reminder to the primary manager, or to the customer's institution when there is none or he has left", async () => {
    const D = addDays(today, 80);
    const managed = await corporate('青岛有经理公司');
    await makePrimary(managed, managerId);
    const orphan = await corporate('青岛无经理公司');
    const leftId = await ctx.addUser('rem_left', ctx.bank.subA1, ['primary_manager']);
    const leftBehind = await corporate('青岛经理离职公司');
    await makePrimary(leftBehind, leftId);
    await db().updateTable('app_user').set({ status: 'left' }).where('id', '=', leftId).execute();
    const [a, b, c] = [await certificate(managed, addDays(D, 3)), await certificate(orphan, addDays(D, 3)), await certificate(leftBehind, addDays(D, 3))];
    await raiseCertificateExpiryReminders(db(), D);
    expect((await remindersOf(a))[0]).toMatchObject({ assignee_user_id: managerId, assignee_institution_id: null });
    expect((await remindersOf(b))[0]).toMatchObject({ assignee_user_id: null, assignee_institution_id: ctx.bank.subA1 });
    expect((await remindersOf(c))[0]).toMatchObject({ assignee_user_id: null, assignee_institution_id: ctx.bank.subA1 });

    // The manager sees it on his list, in his language.
    const list = (await manager.get('/api/todos?kind=certificate.expiry', { 'accept-language': 'en-US' })).json();
    const item = list.items.find((i: { entity: { id: string } }) => i.entity.id === String(a));
    expect(item.title).toBe(`Certificate expiring: the Other certificate of 青岛有经理公司 (${item.params.customerNo}) expires on ${addDays(D, 3)}`);
    expect(list.items.some((i: { entity: { id: string } }) => i.entity.id === String(b))).toBe(false);
    expect(item.params.customerId).toBe(managed);
  });

  it('skips certificates of deleted and merged customers, and voided or superseded certificates', async () => {
    const D = addDays(today, 100);
    const deleted = await corporate('青岛已删除公司');
    const merged = await corporate('青岛已合并公司');
    const survivor = await corporate('青岛存续公司');
    const onDeleted = await certificate(deleted, addDays(D, 2));
    const onMerged = await certificate(merged, addDays(D, 2));
    const voided = await certificate(survivor, addDays(D, 2));
    const kept = await certificate(survivor, addDays(D, 2));
    const permit = { certType: '06', certName: undefined, accountBank: '本行', accountNo: '8021000123', issuer: '人民银行' };
    const superseded = await certificate(survivor, addDays(D, 2), { ...permit, number: 'J1' });
    const renewal = await certificate(survivor, addDays(D, 3), { ...permit, number: 'J2' });
    // Deleting through the screen is a request under review (approvals); here the deletion itself.
    await deleteCustomer(ctx.handle.db, ctx.system, deleted, '注销');
    await db().updateTable('customer').set({ status: 'merged', merged_into: survivor }).where('id', '=', merged).execute();
    await ctx.app.inject({ method: 'DELETE', url: `/api/customers/${survivor}/certificates/${voided}`, headers: { cookie: clerk.cookie, 'x-csrf-token': clerk.csrf }, payload: { version: 1, reason: '录错' } });
    await raiseCertificateExpiryReminders(db(), D);
    for (const skipped of [onDeleted, onMerged, voided, superseded]) expect(await remindersOf(skipped)).toHaveLength(0);
    expect(await remindersOf(kept)).toHaveLength(1);
    expect(await remindersOf(renewal)).toHaveLength(1);
  });

  it('withdraws the open reminder when the expiry date is corrected, and reminds again for the new date', async () => {
    const D = addDays(today, 120);
    const customer = await corporate('青岛改期公司');
    const cert = await certificate(customer, addDays(D, 5));
    await raiseCertificateExpiryReminders(db(), D);
    const patched = await clerk.patch(`/api/customers/${customer}/certificates/${cert}`, { version: 1, expiresOn: addDays(D, 6) });
    expect(patched.statusCode, patched.body).toBe(200);
    await raiseCertificateExpiryReminders(db(), D);
    const reminders = await remindersOf(cert);
    expect(reminders.map((r) => [r.status, r.due_on])).toEqual([['cancelled', addDays(D, 5)], ['open', addDays(D, 6)]]);
  });

  it('runs as the registered daily job, recording the run and its counts', async () => {
    const D = addDays(today, 140);
    const customer = await corporate('青岛任务公司');
    const cert = await certificate(customer, addDays(D, 1));
    expect(job.cron).toMatch(/^\S+ \S+ \* \* \*$/);
    const r = await runJob(db(), job, { businessDate: D, trigger: 'schedule' });
    expect(r).toMatchObject({ status: 'ok', detail: { businessDate: D, windowEnd: addDays(D, 7), raised: 1 } });
    const run = await db().selectFrom('job_run').selectAll().where('job', '=', 'certificate-expiry').where('business_date', '=', D).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'ok', trigger: 'schedule', detail: { raised: 1, expiring: 1 } });
    expect(await remindersOf(cert)).toHaveLength(1);
    const audit = await db().selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'certificate.expiry_reminders').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ businessDate: D, todoIds: [(await remindersOf(cert))[0]!.id] });
  });
});
