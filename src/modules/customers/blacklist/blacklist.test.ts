// CIF-5 through the HTTP API and the daily job: bank-wide visibility with masking, scoped
// changes, the derived flag with history and audit, date rules, hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { residentIdCheckDigit } from '../../../common/validators/resident-id.ts';
import { auditSince, createTestContext, expectProblem, lastAuditId, setInformationReview, type Client, type TestContext } from '../../../test/harness.ts';
import { expireBlacklistEntries } from './blacklist.service.ts';
import { deleteCustomer } from '../customer.service.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let reviewA: Client;
let reviewB: Client;
let adminA: Client;

const residentId = (birth: string, seq: string) => { const body = `370202${birth}${seq}`; return body + residentIdCheckDigit(body); };
const addDays = (iso: string, n: number) => { const d = new Date(`${iso}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
const today = businessToday();

async function openPersonal(client: Client, name: string, idNumber: string) {
  const res = await client.post('/api/customers', { kind: 'personal', name, identities: [{ idType: '10', idNumber }] });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; customerNo: string };
}
const flagOf = async (id: number) => (await ctx.handle.db.selectFrom('customer').select('blacklisted').where('id', '=', id).executeTakeFirstOrThrow()).blacklisted;
const entriesOf = async (id: number) => ctx.handle.db.selectFrom('blacklist_entry').selectAll().where('customer_id', '=', id).orderBy('id').execute();
const historyOf = async (id: number) => ctx.handle.db.selectFrom('customer_history').selectAll().where('customer_id', '=', id).where('field', '=', 'blacklisted').orderBy('id').execute();

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('bl_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('bl_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('bl_review_a', ctx.bank.branchA, ['data_review_clerk']);
  await ctx.addUser('bl_review_b', ctx.bank.branchB, ['data_review_clerk']);
  await ctx.addUser('bl_admin_a', ctx.bank.branchA, ['branch_admin']);
  [clerkA1, clerkB1, reviewA, reviewB, adminA] = await Promise.all(['bl_clerk_a1', 'bl_clerk_b1', 'bl_review_a', 'bl_review_b', 'bl_admin_a'].map((u) => ctx.login(u)));
  // These describes test the lift itself; 'lifting under review' below turns the review back on.
  await setBlacklistReview('off');
});

/** The setting as the head-office administrator's screen would leave it (the other kinds at their defaults). */
async function setBlacklistReview(mode: 'on' | 'off') {
  await setInformationReview(ctx, { blacklistRemoval: mode });
}
afterAll(() => ctx?.close());

describe('listing a customer', () => {
  let customer: { id: number; customerNo: string };
  const idNumber = residentId('19800101', '111');
  beforeAll(async () => { customer = await openPersonal(clerkA1, '钱黑名', idNumber); });

  it('sets the flag, writes history and audit in the same change', async () => {
    const since = await lastAuditId(ctx);
    const res = await reviewA.post('/api/blacklist', { customerId: customer.id, listKind: 'internal', reason: '贷款逾期恶意拖欠', source: '本行风险管理部', listedOn: today });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ customerId: customer.id, blacklisted: true });
    expect(await flagOf(customer.id)).toBe(true);
    expect((await historyOf(customer.id)).map((h) => [h.old_value, h.new_value, h.source])).toEqual([['false', 'true', 'screen']]);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['blacklist.add']);
    expect(audit[0]!.after).toMatchObject({ customerNo: customer.customerNo, blacklisted: true });
    expect((await clerkA1.get(`/api/customers/${customer.id}`)).json().blacklisted).toBe(true);
  });

  it('is visible bank-wide with the identity number masked, while the customer itself stays out of scope', async () => {
    expect((await clerkB1.get(`/api/customers/${customer.id}`)).statusCode).toBe(404);
    for (const q of [customer.customerNo, idNumber, '钱黑']) {
      const res = await clerkB1.get(`/api/blacklist?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      const item = res.json().items.find((i: { customerId: number }) => i.customerId === customer.id);
      expect(item).toMatchObject({ customerNo: customer.customerNo, name: '钱黑名', kind: 'personal', listKind: 'internal', status: 'active', source: '本行风险管理部', listedOn: today });
      expect(item.idNumber).toBe(`370202********${idNumber.slice(-4)}`);
      expect(JSON.stringify(res.json())).not.toContain(idNumber);
    }
  });

  it('refuses the same source listing the customer twice on the same list, and keeps one entry', async () => {
    const res = await adminA.post('/api/blacklist', { customerId: customer.id, listKind: 'internal', reason: '重复', source: '本行风险管理部', listedOn: today });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'blacklist.already_listed', errors: [expect.objectContaining({ path: 'source' })] });
    expect(await entriesOf(customer.id)).toHaveLength(1);
  });

  it('keeps the flag while any entry is in force and clears it with the last removal', async () => {
    const ext = await adminA.post('/api/blacklist', { customerId: customer.id, listKind: 'external', reason: '失信被执行人', source: '最高人民法院', listedOn: addDays(today, -3), expiresOn: addDays(today, 365) });
    expect(ext.statusCode).toBe(201);
    const [internal] = await entriesOf(customer.id);
    const first = await reviewA.post(`/api/blacklist/${internal!.id}/remove`, { reason: '已结清欠款' });
    expect(first.json()).toMatchObject({ blacklisted: true });
    expect(await flagOf(customer.id)).toBe(true);
    const second = await reviewA.post(`/api/blacklist/${ext.json().id}/remove`, { reason: '法院撤销' });
    expect(second.json()).toMatchObject({ blacklisted: false });
    expect(await flagOf(customer.id)).toBe(false);
    expect((await historyOf(customer.id)).map((h) => h.new_value)).toEqual(['true', 'false']);
    const entries = await entriesOf(customer.id);
    expect(entries.map((e) => [e.removed_on, e.removed_reason])).toEqual([[today, '已结清欠款'], [today, '法院撤销']]);
    const again = await reviewA.post(`/api/blacklist/${ext.json().id}/remove`, { reason: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('blacklist.already_removed');
    const removed = (await clerkB1.get(`/api/blacklist?status=removed&q=${customer.customerNo}`)).json();
    expect(removed.items.map((i: { status: string }) => i.status)).toEqual(['removed', 'removed']);
    expect((await clerkB1.get(`/api/blacklist?q=${customer.customerNo}`)).json().total).toBe(0);
  });
});

describe('scope, permission and bad input', () => {
  let customer: { id: number; customerNo: string };
  beforeAll(async () => { customer = await openPersonal(clerkA1, '孙范围', residentId('19810202', '222')); });

  it('answers 404 to another branch, 403 without blacklist.manage, and writes nothing', async () => {
    const body = { customerId: customer.id, listKind: 'internal', reason: 'x', source: 'y', listedOn: today };
    expect((await reviewB.post('/api/blacklist', body)).statusCode).toBe(404);
    expect((await clerkA1.post('/api/blacklist', body)).statusCode).toBe(403);
    expect(await entriesOf(customer.id)).toHaveLength(0);
    const ok = await reviewA.post('/api/blacklist', body);
    expect((await reviewB.post(`/api/blacklist/${ok.json().id}/remove`, { reason: '越权' })).statusCode).toBe(404);
    expect((await clerkA1.post(`/api/blacklist/${ok.json().id}/remove`, { reason: '无权' })).statusCode).toBe(403);
    expect((await entriesOf(customer.id))[0]!.removed_on).toBeNull();
    expect(await flagOf(customer.id)).toBe(true);
  });

  it('refuses dates in the wrong order with specific Chinese and English messages', async () => {
    const before = (await entriesOf(customer.id)).length;
    const res = await reviewA.post('/api/blacklist', { customerId: customer.id, listKind: 'external', reason: 'r', source: 's2', listedOn: addDays(today, 1), expiresOn: addDays(today, 1) });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['listedOn', 'expiresOn']);
    expect(res.json().errors[0].message).toContain('列入日期不能晚于今天');
    const en = await reviewA.post('/api/blacklist', { customerId: customer.id, listKind: 'external', reason: 'r', source: 's2', listedOn: addDays(today, -10), expiresOn: addDays(today, -1) }, { 'accept-language': 'en-US' });
    expect(en.statusCode).toBe(422);
    expect(en.json().errors[0]).toMatchObject({ path: 'expiresOn', code: 'blacklist.expiry_in_past', message: expect.stringContaining('expiry date has passed') });
    expect(await entriesOf(customer.id)).toHaveLength(before);
  });

  it('rejects wrong types, unknown list kinds, overlong text and impossible dates', async () => {
    const base = { customerId: customer.id, listKind: 'internal', reason: 'r', source: 's3', listedOn: today };
    for (const bad of [{ customerId: 'abc' }, { customerId: -1 }, { listKind: 'grey' }, { reason: 'x'.repeat(201) }, { source: '' }, { listedOn: '2025-02-30' }, { listedOn: 20250101 }, { extra: 1 }]) {
      const res = await reviewA.post('/api/blacklist', { ...base, ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await reviewA.get('/api/blacklist?status=bogus')).statusCode).toBe(400);
    expect((await reviewA.post('/api/blacklist/abc/remove', { reason: 'x' })).statusCode).toBe(400);
    expect((await reviewA.post('/api/blacklist/999999/remove', { reason: 'x' })).statusCode).toBe(404);
  });

  it('keeps injection text as data and treats LIKE wildcards literally', async () => {
    const nasty = `'); drop table customer; -- <script>alert(1)</script> %_`;
    const res = await reviewA.post('/api/blacklist', { customerId: customer.id, listKind: 'external', reason: nasty, source: '<b>外部</b>', listedOn: today });
    expect(res.statusCode).toBe(201);
    const list = (await clerkB1.get(`/api/blacklist?source=${encodeURIComponent('<b>外部</b>')}`)).json();
    expect(list.items.map((i: { reason: string }) => i.reason)).toEqual([nasty]);
    expect((await clerkB1.get(`/api/blacklist?q=${encodeURIComponent("%' or 1=1 --")}`)).json().total).toBe(0);
    expect((await clerkB1.get('/api/blacklist?q=%25')).json().total).toBe(0);
  });

  it('refuses a deleted customer', async () => {
    const gone = await openPersonal(clerkA1, '周删除', residentId('19820303', '333'));
    // Deleting through the screen is a request under review (approvals); here the deletion itself.
    await deleteCustomer(ctx.handle.db, ctx.system, gone.id, '销户');
    const res = await reviewA.post('/api/blacklist', { customerId: gone.id, listKind: 'internal', reason: 'r', source: 's', listedOn: today });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'customerId', code: 'customers.not_active' });
  });
});

describe('the daily expiry job', () => {
  it('clears the flag after the last day, not on it, once, with history and audit', async () => {
    const c = await openPersonal(clerkA1, '吴到期', residentId('19830404', '444'));
    const lastDay = addDays(today, 2);
    await reviewA.post('/api/blacklist', { customerId: c.id, listKind: 'internal', reason: '临时管控', source: '本行', listedOn: today, expiresOn: lastDay });
    expect(await flagOf(c.id)).toBe(true);
    expect((await expireBlacklistEntries(ctx.handle.db, lastDay)).cleared).toBe(0);
    expect(await flagOf(c.id)).toBe(true);
    const since = await lastAuditId(ctx);
    const run = await expireBlacklistEntries(ctx.handle.db, addDays(lastDay, 1));
    expect(run.cleared).toBeGreaterThanOrEqual(1);
    expect(await flagOf(c.id)).toBe(false);
    expect((await historyOf(c.id)).at(-1)).toMatchObject({ old_value: 'true', new_value: 'false', source: 'system', changed_by: null });
    const audit = (await auditSince(ctx, since)).filter((a) => a.entity_id === String(c.id));
    expect(audit.map((a) => [a.action, a.actor_kind])).toEqual([['blacklist.expire', 'system']]);
    expect(await expireBlacklistEntries(ctx.handle.db, addDays(lastDay, 1))).toMatchObject({ cleared: 0, set: 0 });
  });

  it('sets the flag of an entry in force that a feed loaded without it, and lists expired entries as expired', async () => {
    const c = await openPersonal(clerkA1, '郑外部', residentId('19840505', '555'));
    const db = ctx.handle.db;
    await db.insertInto('blacklist_entry').values([
      { customer_id: c.id, list_kind: 'external', reason: '人行名单', source: '人民银行', listed_on: addDays(today, -30) },
      { customer_id: c.id, list_kind: 'internal', reason: '旧记录', source: '本行', listed_on: addDays(today, -30), expires_on: addDays(today, -1) },
    ]).execute();
    expect(await flagOf(c.id)).toBe(false);
    const run = await expireBlacklistEntries(db, today);
    expect(run.set).toBeGreaterThanOrEqual(1);
    expect(await flagOf(c.id)).toBe(true);
    const expired = (await clerkB1.get(`/api/blacklist?status=expired&q=${c.customerNo}`)).json();
    expect(expired.items.map((i: { reason: string; status: string }) => [i.reason, i.status])).toEqual([['旧记录', 'expired']]);
    const all = (await clerkB1.get(`/api/blacklist?status=all&q=${c.customerNo}&pageSize=1`)).json();
    expect(all.total).toBe(2);
    expect(all.items).toHaveLength(1);
    const filtered = (await clerkB1.get(`/api/blacklist?status=all&listKind=external&listedTo=${addDays(today, -30)}&q=${c.customerNo}`)).json();
    expect(filtered.items.map((i: { source: string }) => i.source)).toEqual(['人民银行']);
  });
});

describe('lifting under review (customers.information_review.blacklistRemoval, default on)', () => {
  let customer: { id: number; customerNo: string };
  let reviewA2: Client;
  let headA: Client;
  beforeAll(async () => {
    await setInformationReview(ctx, { blacklistRemoval: 'on' }); // the default
    await ctx.addUser('bl_review_a2', ctx.bank.branchA, ['data_review_clerk']);
    await ctx.addUser('bl_head_a', ctx.bank.branchA, ['institution_head']);
    [reviewA2, headA] = await Promise.all(['bl_review_a2', 'bl_head_a'].map((u) => ctx.login(u)));
    customer = await openPersonal(clerkA1, '吴复核', residentId('19750707', '771'));
  });
  afterAll(() => setBlacklistReview('off'));

  const list = async (source: string) => {
    const e = await reviewA.post('/api/blacklist', { customerId: customer.id, listKind: 'internal', reason: '逾期', source, listedOn: today });
    expect(e.statusCode).toBe(201);
    return e.json().id as number;
  };
  const removedOn = async (entryId: number) => (await ctx.handle.db.selectFrom('blacklist_entry').select('removed_on').where('id', '=', entryId).executeTakeFirstOrThrow()).removed_on;

  it('is a request: the entry stays in force until the last step approves, then lifts with maker and request in the audit', async () => {
    const entryId = await list('复核来源一');
    const sent = await reviewA.post(`/api/blacklist/${entryId}/remove`, { reason: '已结清' });
    expect(sent.statusCode, sent.body).toBe(202);
    const requestId = sent.json().requestId as number;
    expect(await removedOn(entryId)).toBeNull();
    expect(await flagOf(customer.id)).toBe(true);
    expect((await reviewA.get(`/api/blacklist?q=${customer.customerNo}`)).json().items.map((i: { status: string; removalRequestId: number | null }) => [i.status, i.removalRequestId]))
      .toEqual([['active', requestId]]);
    // A second lift of the same entry while one is open is refused.
    expectProblem(await adminA.post(`/api/blacklist/${entryId}/remove`, { reason: '再来' }), 409, 'approvals.already_open');
    const detail = (await reviewA2.get(`/api/approvals/${requestId}`)).json();
    expect(detail).toMatchObject({ type: 'blacklist.remove', status: 'pending', step: 1, stepCount: 2 });
    expect(detail.changes).toEqual(expect.arrayContaining([{ field: 'removedReason', old: null, new: '已结清' }]));
    expectProblem(await reviewA.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 403, 'approvals.maker_is_checker');
    expect((await reviewA2.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expect(await flagOf(customer.id)).toBe(true);
    const since = await lastAuditId(ctx);
    const done = await headA.post(`/api/approvals/${requestId}/approve`, { step: 2 });
    expect(done.statusCode, done.body).toBe(200);
    expect(await removedOn(entryId)).toBe(today);
    expect(await flagOf(customer.id)).toBe(false);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['blacklist.remove', 'approval.approve']);
    expect(audit[0]!.after).toMatchObject({ approvalRequestId: requestId, removedOn: today, blacklisted: false });
  });

  it('returned, the entry stays in force; out of scope the lift is not even submitted', async () => {
    const entryId = await list('复核来源二');
    expect((await reviewB.post(`/api/blacklist/${entryId}/remove`, { reason: '越权' })).statusCode).toBe(404);
    const sent = await reviewA.post(`/api/blacklist/${entryId}/remove`, { reason: '想解除' });
    expect(sent.statusCode).toBe(202);
    // Another branch's reviewer cannot decide it.
    expect((await reviewB.post(`/api/approvals/${sent.json().requestId}/approve`, { step: 1 })).statusCode).toBeGreaterThanOrEqual(403);
    const ret = await reviewA2.post(`/api/approvals/${sent.json().requestId}/return`, { step: 1, reason: '法院尚未撤销' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(await removedOn(entryId)).toBeNull();
    expect(await flagOf(customer.id)).toBe(true);
  });

  it('refuses the approval when the entry changed since submission', async () => {
    const entryId = await list('复核来源三');
    const sent = await reviewA.post(`/api/blacklist/${entryId}/remove`, { reason: '已结清' });
    expect(sent.statusCode).toBe(202);
    await ctx.handle.db.updateTable('blacklist_entry').set({ expires_on: addDays(today, 30) }).where('id', '=', entryId).execute();
    // The basis is compared where the lift would apply: at the last step.
    expect((await reviewA2.post(`/api/approvals/${sent.json().requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expectProblem(await headA.post(`/api/approvals/${sent.json().requestId}/approve`, { step: 2 }), 409, 'approvals.stale');
    expect(await removedOn(entryId)).toBeNull();
  });

  it('setting off: the lift applies at once, as before', async () => {
    const entryId = await list('复核来源四');
    await setBlacklistReview('off');
    const res = await reviewA.post(`/api/blacklist/${entryId}/remove`, { reason: '关闭复核' });
    expect(res.statusCode).toBe(200);
    expect(await removedOn(entryId)).toBe(today);
  });
});
