// Notifications against a real database, a real SMTP server in this process (smtp-server) and a
// local HTTP endpoint standing for the SMS gateway: raised in the approval's own transaction,
// sent once across a sender killed mid-batch, backoff on a failing SMTP server, SMS rendering,
// preferences, the delivery log and its permission.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { residentIdCheckDigit } from '../../common/validators/resident-id.ts';
import { createTestContext, expectProblem, type Client, type TestContext } from '../../test/harness.ts';
import { emailChannel, renderSmsRequest, smsChannel, DEFAULT_SMS_TEMPLATE, type Channels } from './channels.ts';
import { claimBatch, deliverBatch, sendDueNotifications } from './notification.sender.ts';
import { notify } from './notification.service.ts';

let ctx: TestContext;
let clerk: Client; let reviewer: Client; let reviewerB1: Client; let admin: Client;
let reviewerId: number; let clerkId: number; let reviewerB1Id: number;
let seq = 300;

// ── the in-process SMTP server: every accepted message, and a switch to make it refuse ──
interface Received { to: string; messageId: string; subject: string; raw: string }
const received: Received[] = [];
let smtpRefuses: string | null = null;
const smtp = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
  onRcptTo(address, _session, cb) {
    if (smtpRefuses) { const e = new Error(smtpRefuses) as Error & { responseCode: number }; e.responseCode = 451; cb(e); return; }
    cb();
  },
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw,
        messageId: /^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? '', subject: /^Subject:\s*(.+)$/im.exec(raw)?.[1] ?? '' });
      cb();
    });
  },
});
let email: Channels['email'];

// ── the local SMS gateway ──
const smsRequests: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
let smsStatus = 200;
const gateway = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => { body += c; });
  req.on('end', () => {
    smsRequests.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
    res.writeHead(smsStatus, { 'content-type': 'application/json' }).end(smsStatus === 200 ? '{"code":0}' : '{"code":500,"msg":"余额不足"}');
  });
});
let gatewayUrl = '';

const residentId = (n: number) => { const body = `37020219800101${String(n).padStart(3, '0')}`; return body + residentIdCheckDigit(body); };
async function submitDeletion(name = '通知测试客户') {
  const open = await clerk.post('/api/customers', { kind: 'personal', name, identities: [{ idType: '10', idNumber: residentId(++seq) }] });
  expect(open.statusCode, open.body).toBe(201);
  const res = await ctx.app.inject({ method: 'DELETE', url: `/api/customers/${open.json().id}`, headers: { cookie: clerk.cookie, 'x-csrf-token': clerk.csrf }, payload: { reason: '客户要求注销' } });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().requestId as number;
}
const deliveriesOf = (userId: number) => ctx.handle.db.selectFrom('notification_delivery as d').innerJoin('notification as n', 'n.id', 'd.notification_id')
  .selectAll('d').where('n.user_id', '=', userId).orderBy('d.id').execute();
const later = (ms: number) => new Date(Date.now() + ms);

beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  email = emailChannel({ host: '127.0.0.1', port: (smtp.server.address() as AddressInfo).port, secure: false, from: 'crm@bank.example' });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms/send`;

  ctx = await createTestContext();
  const { subA1, subB1, ho } = ctx.bank;
  clerkId = await ctx.addUser('nt_clerk', subA1, ['data_entry_clerk']);
  reviewerId = await ctx.addUser('nt_review', subA1, ['data_review_clerk']);
  reviewerB1Id = await ctx.addUser('nt_review_b1', subB1, ['data_review_clerk']);
  await ctx.addUser('nt_admin', ho, ['head_office_admin']);
  for (const [id, mail, mobile] of [[clerkId, 'clerk@bank.example', '13800000001'], [reviewerId, 'review@bank.example', '13800000002'], [reviewerB1Id, 'b1@bank.example', '13800000003']] as const) {
    await ctx.handle.db.updateTable('app_user').set({ email: mail, mobile }).where('id', '=', id).execute();
  }
  [clerk, reviewer, reviewerB1, admin] = await Promise.all(['nt_clerk', 'nt_review', 'nt_review_b1', 'nt_admin'].map((u) => ctx.login(u)));
});
afterAll(async () => {
  await ctx?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => gateway.close(() => r()));
});
// Each test sends only what it raised: whatever an earlier test left pending is set aside.
beforeEach(async () => {
  await ctx.handle.db.updateTable('notification_delivery').set({ status: 'failed', last_error: 'set aside by the test' }).where('status', '=', 'pending').execute();
  received.length = 0; smsRequests.length = 0; smtpRefuses = null; smsStatus = 200;
});

describe('raised with the event', () => {
  it('a submitted request reaches the inbox of the step\'s reviewer in scope (not the maker, not another branch) with an e-mail in the outbox', async () => {
    const before = (await reviewer.get('/api/notifications/count')).json().unread as number;
    const requestId = await submitDeletion('张<三>');
    const count = await reviewer.get('/api/notifications/count');
    expect(count.json().unread).toBe(before + 1);
    const list = (await reviewer.get('/api/notifications')).json();
    expect(list.items[0]).toMatchObject({ kind: 'approval.submitted', entityType: 'approval_request', entityId: String(requestId), readAt: null });
    expect(list.items[0].text).toContain('张<三>');
    expect(list.items[0].text).toContain(`申请编号 ${requestId}`);
    const en = (await reviewer.get('/api/notifications', { 'accept-language': 'en-US' })).json();
    expect(en.items[0].text).toContain('Waiting for your approval');
    expect((await reviewerB1.get('/api/notifications')).json().items.filter((i: { entityId: string }) => i.entityId === String(requestId))).toHaveLength(0);
    expect((await clerk.get('/api/notifications')).json().items.filter((i: { entityId: string; kind: string }) => i.entityId === String(requestId))).toHaveLength(0);
    const out = (await deliveriesOf(reviewerId)).filter((d) => d.status === 'pending');
    expect(out.map((d) => [d.channel, d.address])).toEqual([['email', 'review@bank.example']]); // SMS off by default
  });

  it('a return tells the maker with the reason; a refused decision (maker = checker) raises nothing', async () => {
    const requestId = await submitDeletion();
    const refused = await clerk.post(`/api/approvals/${requestId}/return`, { step: 1, reason: '自己退回' });
    expect(refused.statusCode).toBe(403);
    const mine = async () => (await clerk.get('/api/notifications')).json().items.filter((i: { entityId: string }) => i.entityId === String(requestId));
    expect(await mine()).toHaveLength(0);
    const ret = await reviewer.post(`/api/approvals/${requestId}/return`, { step: 1, reason: '证件影像不清晰' });
    expect(ret.statusCode, ret.body).toBe(200);
    const items = await mine();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'approval.returned' });
    expect(items[0].text).toContain('证件影像不清晰');
  });

  it('marking read: my own one, all of mine; another person\'s notification is not found and stays unread', async () => {
    await submitDeletion();
    const mine = (await reviewer.get('/api/notifications?unread=true')).json();
    expect(mine.unread).toBeGreaterThan(0);
    const other = await clerk.post(`/api/notifications/${mine.items[0].id}/read`);
    expectProblem(other, 404, 'common.not_found');
    expect((await reviewer.get('/api/notifications/count')).json().unread).toBe(mine.unread);
    expect((await reviewer.post(`/api/notifications/${mine.items[0].id}/read`)).json()).toEqual({ marked: 1 });
    expect((await reviewer.get('/api/notifications/count')).json().unread).toBe(mine.unread - 1);
    await reviewer.post('/api/notifications/read-all');
    expect((await reviewer.get('/api/notifications/count')).json().unread).toBe(0);
    expectProblem(await reviewer.post('/api/notifications/abc/read'), 400);
  });
});

describe('the sender', () => {
  it('delivers each e-mail exactly once although a sender was killed mid-batch and another ran before the lease ran out', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await submitDeletion(`批次客户${i}`));
    const claimed = await claimBatch(ctx.handle.db, { batchSize: 10 });
    expect(claimed).toHaveLength(3);
    // The killed sender got through the first row (sent and marked) and died before the second.
    await deliverBatch(ctx.handle.db, { email }, claimed.slice(0, 1));
    expect(received).toHaveLength(1);
    // A restarted sender within the lease takes nothing: the dead one's claim still stands.
    expect((await sendDueNotifications(ctx.handle.db, { email })).claimed).toBe(0);
    // After the lease, the rest go once, the first is not taken again.
    const r = await sendDueNotifications(ctx.handle.db, { email }, { now: later(6 * 60_000) });
    expect(r).toEqual({ claimed: 2, sent: 2, failed: 0 });
    expect((await sendDueNotifications(ctx.handle.db, { email }, { now: later(60 * 60_000) })).claimed).toBe(0);
    expect(received.map((m) => m.messageId)).toHaveLength(3);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(3);
    expect(received.every((m) => m.to === 'review@bank.example')).toBe(true);
    const rows = (await deliveriesOf(reviewerId)).filter((d) => claimed.some((c) => c.id === d.id));
    expect(rows.map((d) => [d.status, d.attempts])).toEqual([['sent', 1], ['sent', 2], ['sent', 2]]);
    expect(rows.every((d) => d.sent_at instanceof Date)).toBe(true);
  });

  it('two senders at once never claim the same row (for update skip locked)', async () => {
    for (let i = 0; i < 4; i++) await submitDeletion(`并发客户${i}`);
    const [a, b] = await Promise.all([claimBatch(ctx.handle.db, { batchSize: 3 }), claimBatch(ctx.handle.db, { batchSize: 3 })]);
    const all = [...a, ...b].map((d) => d.id);
    expect(all).toHaveLength(4);
    expect(new Set(all).size).toBe(4);
  });

  it('the documented window: a crash after the SMTP server accepted and before the mark sends that one again, with the same Message-ID', async () => {
    await submitDeletion('窗口客户');
    const claimed = await claimBatch(ctx.handle.db);
    expect(claimed).toHaveLength(1);
    const { renderMessage } = await import('./notification.sender.ts');
    await email!.send(renderMessage(claimed[0]!)); // accepted, then the process died
    await sendDueNotifications(ctx.handle.db, { email }, { now: later(6 * 60_000) });
    expect(received).toHaveLength(2);
    expect(received[0]!.messageId).toBe(received[1]!.messageId);
    expect(received[0]!.messageId).toBe(`<notification-delivery-${claimed[0]!.id}@bank.example>`);
  });

  it('backs off exponentially on a failing SMTP server, keeps its reply as the last error, gives up after the last attempt', async () => {
    await submitDeletion('退避客户');
    smtpRefuses = 'mailbox temporarily unavailable';
    const opts = { backoffBaseMs: 60_000, maxAttempts: 3 };
    const t0 = Date.now();
    expect(await sendDueNotifications(ctx.handle.db, { email }, { ...opts, now: new Date(t0) })).toMatchObject({ claimed: 1, failed: 1 });
    let [d] = (await deliveriesOf(reviewerId)).filter((x) => x.status === 'pending');
    expect(d!.attempts).toBe(1);
    expect(d!.next_attempt_at.getTime()).toBe(t0 + 60_000);
    expect(d!.last_error).toContain('mailbox temporarily unavailable');
    // Not before its time.
    expect((await sendDueNotifications(ctx.handle.db, { email }, { ...opts, now: new Date(t0 + 59_000) })).claimed).toBe(0);
    await sendDueNotifications(ctx.handle.db, { email }, { ...opts, now: new Date(t0 + 60_000) });
    [d] = (await deliveriesOf(reviewerId)).filter((x) => x.id === d!.id);
    expect(d!.attempts).toBe(2);
    expect(d!.next_attempt_at.getTime()).toBe(t0 + 60_000 + 120_000);
    await sendDueNotifications(ctx.handle.db, { email }, { ...opts, now: new Date(t0 + 180_000) });
    [d] = (await deliveriesOf(reviewerId)).filter((x) => x.id === d!.id);
    expect([d!.status, d!.attempts, d!.sent_at]).toEqual(['failed', 3, null]);
    expect(received).toHaveLength(0);
    // The log shows it to an administrator, addresses masked; a reviewer may not read the log.
    const log = await admin.get('/api/notifications/deliveries?status=failed&channel=email');
    expect(log.statusCode, log.body).toBe(200);
    const entry = log.json().items.find((i: { id: number }) => i.id === d!.id);
    expect(entry).toMatchObject({ channel: 'email', status: 'failed', attempts: 3, address: 're***@bank.example', sentAt: null });
    expect(entry.lastError).toContain('mailbox temporarily unavailable');
    // The read is audited with the filter it used and how many lines it showed.
    const reads = await ctx.handle.db.selectFrom('audit_log').select(['action', 'actor_name', 'after']).where('action', '=', 'notification.deliveries.read').execute();
    expect(reads.at(-1)).toMatchObject({ actor_name: expect.stringContaining('nt_admin') });
    expect(JSON.stringify(reads.at(-1)!.after)).toContain('"status":"failed"');
    expectProblem(await reviewer.get('/api/notifications/deliveries'), 403);
    expectProblem(await admin.get('/api/notifications/deliveries?status=bogus'), 400);
  });

  it('a channel that is not configured fails at once with that reason instead of retrying', async () => {
    await submitDeletion('无通道客户');
    expect(await sendDueNotifications(ctx.handle.db, {})).toMatchObject({ claimed: 1, failed: 1 });
    const [d] = (await deliveriesOf(reviewerId)).slice(-1);
    expect([d!.status, d!.last_error]).toEqual(['failed', '未配置电子邮件通道']);
  });
});

describe('preferences and SMS', () => {
  it('SMS on, e-mail off: the gateway receives the rendered template with the signature and template id once; nothing goes by e-mail', async () => {
    const put = await reviewer.put('/api/notifications/preferences', { items: [{ kind: 'approval.submitted', email: false, sms: true }] });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().items.find((i: { kind: string }) => i.kind === 'approval.submitted')).toMatchObject({ email: false, sms: true });
    const requestId = await submitDeletion('李"四"𠮷');
    const sms = smsChannel({ url: gatewayUrl, token: 'gw-token', signature: '【测试银行】', templateIds: { 'approval.submitted': 'SMS_0001' },
      requestTemplate: DEFAULT_SMS_TEMPLATE, timeoutMs: 5000 });
    expect(await sendDueNotifications(ctx.handle.db, { email, sms })).toMatchObject({ claimed: 1, sent: 1 });
    expect(received).toHaveLength(0);
    expect(smsRequests).toHaveLength(1);
    const { body, headers } = smsRequests[0]!;
    expect(headers.authorization).toBe('Bearer gw-token');
    expect(body).toMatchObject({ mobile: '13800000002', sign: '【测试银行】', templateId: 'SMS_0001' });
    expect(body.params).toEqual({ requestId, step: 1, due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(String(body.content)).toBe(`【测试银行】您有一笔待审批申请（编号 ${requestId}，第 1 步），请于 ${(body.params as { due: string }).due} 前登录系统办理`);
    expect(JSON.stringify(body)).not.toContain('李');
    // The inbox is always on.
    expect((await reviewer.get('/api/notifications')).json().items[0]).toMatchObject({ kind: 'approval.submitted', entityId: String(requestId) });
    // Restore the defaults for the other tests.
    await reviewer.put('/api/notifications/preferences', { items: [{ kind: 'approval.submitted', email: true, sms: false }] });
  });

  it('both channels off: no delivery row is written and nothing is sent', async () => {
    await reviewer.put('/api/notifications/preferences', { items: [{ kind: 'approval.submitted', email: false, sms: false }] });
    const before = (await deliveriesOf(reviewerId)).length;
    await submitDeletion('免打扰客户');
    expect((await deliveriesOf(reviewerId)).length).toBe(before);
    expect((await sendDueNotifications(ctx.handle.db, { email })).claimed).toBe(0);
    expect(received).toHaveLength(0);
    await reviewer.put('/api/notifications/preferences', { items: [{ kind: 'approval.submitted', email: true, sms: false }] });
  });

  it('refuses bad preference input and changes nothing', async () => {
    const before = (await reviewer.get('/api/notifications/preferences')).json();
    expectProblem(await reviewer.put('/api/notifications/preferences', { items: [{ kind: 'approval.unknown', email: true, sms: true }] }), 400);
    expectProblem(await reviewer.put('/api/notifications/preferences', { items: [{ kind: 'approval.submitted', email: 'yes', sms: true }] }), 400);
    expectProblem(await reviewer.put('/api/notifications/preferences', { items: [{ kind: 'approval.submitted', email: true, sms: true }, { kind: 'approval.submitted', email: false, sms: false }] }), 400);
    expect((await reviewer.get('/api/notifications/preferences')).json()).toEqual(before);
  });

  it('a gateway error is retried later with its answer recorded', async () => {
    smsStatus = 503;
    const n = await ctx.handle.db.transaction().execute((tx) => notify(tx, { kind: 'approval.approved', userIds: [clerkId], params: { requestId: 1, label: 'x', reason: '' } }));
    expect(n).toBe(1);
    await ctx.handle.db.insertInto('notification_preference').values({ user_id: clerkId, kind: 'approval.rejected', channel: 'sms', enabled: true }).execute();
    await ctx.handle.db.transaction().execute((tx) => notify(tx, { kind: 'approval.rejected', userIds: [clerkId], params: { requestId: 2, label: '王五', reason: '资料不全' } }));
    const sms = smsChannel({ url: gatewayUrl, signature: '【测试银行】', templateIds: { 'approval.rejected': 'SMS_0004' }, requestTemplate: DEFAULT_SMS_TEMPLATE, timeoutMs: 5000 });
    const r = await sendDueNotifications(ctx.handle.db, { email, sms });
    expect(r).toMatchObject({ claimed: 3, sent: 2, failed: 1 }); // two e-mails, one SMS refused
    const failed = (await deliveriesOf(clerkId)).find((d) => d.channel === 'sms')!;
    expect([failed.status, failed.attempts]).toEqual(['pending', 1]);
    expect(failed.last_error).toContain('503');
    expect(failed.last_error).toContain('余额不足');
  });
});

describe('SMS request template', () => {
  it('substitutes into the parsed template: quotes in a value cannot change the request\'s shape', () => {
    const body = renderSmsRequest({ to: ['{{mobile}}'], tpl: '{{templateId}}', vars: '{{params}}', text: '{{text}}', fixed: 7 },
      { mobile: '13900000000', signature: '【甲银行】', templateId: 'T1', text: '【甲银行】a","x":"y', params: { name: '"}' } });
    expect(body).toEqual({ to: ['13900000000'], tpl: 'T1', vars: { name: '"}' }, text: '【甲银行】a","x":"y', fixed: 7 });
  });
});
