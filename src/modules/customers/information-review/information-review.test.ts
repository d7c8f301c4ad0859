// Customer information under review (CIF-40) through the HTTP API on a real database: a key
// customer's key-field change is a request, the old values stay until 信息复核岗 approves it, the
// approval applies it with the maker and checker in the field history; maker = checker, a returned
// entry, a stale request, the setting switched off, the feed, scope and hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, expectProblem, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { creditCode, residentId } from '../import/import.test-helpers.ts';
import { loadFeed } from '../../feed/feed.service.ts';
import { removeFolders, writeDay } from '../../feed/feed.test-helpers.ts';
import { submitCustomerInformationForReview } from './information-review.service.ts';
import { loadActorForUser } from '../../auth/actor.queries.ts';

let ctx: TestContext;
let clerk: Client;        // entry clerk at A1: the maker
let reviewer: Client;     // 信息复核岗 at A1
let makerChecker: Client; // entry and review at once at A1
let reviewerB1: Client;   // 信息复核岗 of another branch
let admin: Client;        // head office, setting.manage
let seq = 100;

async function openCompany(name = '复核测试商贸有限公司') {
  const res = await clerk.post('/api/customers', { kind: 'corporate', name, creditCode: creditCode(80000 + ++seq), registrationType: '01', enterpriseNature: '01' });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const no = (await ctx.handle.db.selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no;
  return { id, no };
}
async function openPerson(name = '复核测试个人') {
  const res = await clerk.post('/api/customers', { kind: 'personal', name, identities: [{ idType: '10', idNumber: residentId('19800101', String(++seq)) }] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
const view = async (id: number) => (await clerk.get(`/api/customers/${id}`)).json();
const nameOf = async (id: number) => (await ctx.handle.db.selectFrom('customer').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
async function keyChange(id: number, patch: Record<string, unknown>, by: Client = clerk) {
  const res = await by.patch(`/api/customers/${id}`, { version: (await view(id)).version, ...patch });
  expect(res.statusCode, res.body).toBe(202);
  return res.json() as { requestId: number; step: number; reviewedFields: string[] };
}
async function actorOf(username: string) {
  const u = await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await loadActorForUser(ctx.handle.db, u.id, { ip: '127.0.0.1', requestId: 'test' }))!;
}
// Openings stay off here (the harness's choice): this file opens companies to change them.
const setReview = (value: Record<string, string>) => admin.put('/api/settings/customer-information-review', { opening: 'off', ...value });

beforeAll(async () => {
  ctx = await createTestContext();
  const { subA1, subB1, ho } = ctx.bank;
  await ctx.addUser('ir_clerk', subA1, ['data_entry_clerk']);
  await ctx.addUser('ir_review', subA1, ['data_review_clerk']);
  await ctx.addUser('ir_maker_checker', subA1, ['data_entry_clerk', 'data_review_clerk']);
  await ctx.addUser('ir_review_b1', subB1, ['data_review_clerk']);
  await ctx.addUser('ir_admin', ho, ['head_office_admin']);
  [clerk, reviewer, makerChecker, reviewerB1, admin] = await Promise.all(['ir_clerk', 'ir_review', 'ir_maker_checker', 'ir_review_b1', 'ir_admin'].map((u) => ctx.login(u)));
});
afterAll(async () => {
  await ctx?.close();
  removeFolders();
});

describe('customer information under review', () => {
  it('a key customer\'s name change waits for 信息复核岗; approved, it applies with maker and checker in the field history', async () => {
    const { id } = await openCompany('原名称有限公司');
    const before = (await view(id)).version;
    const sent = await keyChange(id, { name: '新名称有限公司', officePhone: '0532-88886666' });
    expect(sent).toMatchObject({ step: 1, reviewedFields: ['name'] });
    // Pending: nothing of the entry is in force, not even its non-key field.
    expect(await nameOf(id)).toBe('原名称有限公司');
    expect((await view(id)).version).toBe(before);
    const open = (await clerk.get(`/api/approvals/open?subjectType=customer&subjectId=${id}`)).json().items;
    expect(open.map((r: { id: number; type: string; fields: string[] }) => [r.id, r.type, r.fields])).toEqual([[sent.requestId, 'customer.information', ['name', 'officePhone']]]);
    expect((await view(id)).reviewedFields).toContain('name');

    const detail = (await reviewer.get(`/api/approvals/${sent.requestId}`)).json();
    expect(detail).toMatchObject({ type: 'customer.information', status: 'pending', can: { decide: true } });
    expect(detail.changes).toEqual([{ field: 'officePhone', old: null, new: '0532-88886666' }, { field: 'name', old: '原名称有限公司', new: '新名称有限公司' }]);

    const auditFrom = await lastAuditId(ctx);
    const done = await reviewer.post(`/api/approvals/${sent.requestId}/approve`, { step: 1 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'approved', result: { customerId: id, changed: 2 } });
    expect(await nameOf(id)).toBe('新名称有限公司');
    const ids = await ctx.handle.db.selectFrom('app_user').select(['id', 'username']).where('username', 'in', ['ir_clerk', 'ir_review']).execute();
    const uid = (u: string) => ids.find((x) => x.username === u)!.id;
    const history = await ctx.handle.db.selectFrom('customer_history').select(['field', 'old_value', 'new_value', 'changed_by', 'maker_id', 'checker_id', 'approval_request_id'])
      .where('customer_id', '=', id).where('field', 'in', ['name', 'officePhone']).orderBy('field').execute();
    expect(history).toEqual([
      { field: 'name', old_value: '原名称有限公司', new_value: '新名称有限公司', changed_by: uid('ir_review'), maker_id: uid('ir_clerk'), checker_id: uid('ir_review'), approval_request_id: sent.requestId },
      { field: 'officePhone', old_value: null, new_value: '0532-88886666', changed_by: uid('ir_review'), maker_id: uid('ir_clerk'), checker_id: uid('ir_review'), approval_request_id: sent.requestId },
    ]);
    const api = (await clerk.get(`/api/customers/${id}/history`)).json().find((r: { field: string }) => r.field === 'name');
    expect(api).toMatchObject({ makerName: 'ir_clerk', checkerName: 'ir_review', approvalRequestId: sent.requestId });
    const audit = await auditSince(ctx, auditFrom);
    expect(audit.map((a) => a.action)).toEqual(['customer.update', 'approval.approve']);
    expect(audit[0]!.after).toMatchObject({ approvalRequestId: sent.requestId, makerId: uid('ir_clerk') });
  });

  it('refuses the maker as checker through the API, even when he holds the review role', async () => {
    const { id } = await openCompany();
    const sent = await keyChange(id, { name: '自审有限公司' }, makerChecker);
    expectProblem(await makerChecker.post(`/api/approvals/${sent.requestId}/approve`, { step: 1 }), 403, 'approvals.maker_is_checker');
    expect(await nameOf(id)).toBe('复核测试商贸有限公司');
  });

  it('a returned entry keeps the old values in force; the maker may correct and resubmit', async () => {
    const { id } = await openCompany('退回测试有限公司');
    const sent = await keyChange(id, { name: '退回后名称有限公司' });
    expectProblem(await reviewer.post(`/api/approvals/${sent.requestId}/return`, { step: 1 }), 400);
    const ret = await reviewer.post(`/api/approvals/${sent.requestId}/return`, { step: 1, reason: '营业执照上的名称不是这样写的' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(await nameOf(id)).toBe('退回测试有限公司');
    const hist = await ctx.handle.db.selectFrom('customer_history').select('id').where('customer_id', '=', id).where('field', '=', 'name').execute();
    expect(hist).toEqual([]);
    // A second entry for the same customer while one is open is refused with the open one's number.
    const again = await clerk.patch(`/api/customers/${id}`, { version: (await view(id)).version, name: '又一个名称有限公司' });
    expectProblem(again, 409, 'approvals.already_open');
    const re = await clerk.post(`/api/approvals/${sent.requestId}/resubmit`, { payload: { customerId: id, patch: { version: (await view(id)).version, name: '退回测试（青岛）有限公司' } } });
    expect(re.statusCode, re.body).toBe(200);
    expect((await reviewer.post(`/api/approvals/${sent.requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expect(await nameOf(id)).toBe('退回测试（青岛）有限公司');
  });

  it('refuses a stale request: the field changed since submission (by the core feed, never reviewed itself)', async () => {
    const { id, no } = await openCompany('过期测试有限公司');
    const sent = await keyChange(id, { name: '过期测试改名有限公司' });
    const code = (await ctx.handle.db.selectFrom('corporate_customer').select('credit_code').where('customer_id', '=', id).executeTakeFirstOrThrow()).credit_code!;
    // The feed renames the company: the core system is the master of what it sends, no review.
    const r = await loadFeed(ctx.handle.db, ctx.system, writeDay('2026-11-24', { customers: [[no, '2', '过期测试（核心）有限公司', '', code, '', '', '', '', '', '', '', 'A110']], balances: [] }), '2026-11-24', 'cli');
    expect(r.rejected).toEqual([]);
    expect(await nameOf(id)).toBe('过期测试（核心）有限公司');
    expect(await ctx.handle.db.selectFrom('customer_history').select('source').where('customer_id', '=', id).where('field', '=', 'name').execute()).toEqual([{ source: 'feed' }]);
    const opened = await ctx.handle.db.selectFrom('approval_request').select('id').where('subject_id', '=', String(id)).execute();
    expect(opened.map((o) => o.id)).toEqual([sent.requestId]); // the feed opened no request of its own
    const stale = await reviewer.post(`/api/approvals/${sent.requestId}/approve`, { step: 1 });
    expectProblem(stale, 409, 'approvals.stale');
    expect(stale.json().title).toContain('name');
    expect(await nameOf(id)).toBe('过期测试（核心）有限公司');
  });

  it('a change of a field the entry does not touch does not make it stale', async () => {
    const { id } = await openCompany('无关字段有限公司');
    const sent = await keyChange(id, { registrationType: '02' });
    const res = await clerk.patch(`/api/customers/${id}`, { version: (await view(id)).version, officePhone: '0532-80000001' });
    expect(res.statusCode, res.body).toBe(200); // not a key field: at once
    expect((await reviewer.post(`/api/approvals/${sent.requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expect((await ctx.handle.db.selectFrom('corporate_customer').select('registration_type').where('customer_id', '=', id).executeTakeFirstOrThrow()).registration_type).toBe('02');
  });

  it('applies at once what needs no review: a non-key field, an ordinary person, or any change with the setting off', async () => {
    const { id } = await openCompany('设置测试有限公司');
    const person = await openPerson('设置测试个人');
    // An ordinary personal customer (no credit business) is not a key customer by default.
    expect((await view(person)).reviewedFields).toEqual([]);
    const p = await clerk.patch(`/api/customers/${person}`, { version: (await view(person)).version, name: '设置测试个人改' });
    expect(p.statusCode, p.body).toBe(200);
    expect(await nameOf(person)).toBe('设置测试个人改');

    expectProblem(await clerk.put('/api/settings/customer-information-review', { keyFields: 'off', identityDocuments: 'off' }), 403);
    expectProblem(await setReview({ keyFields: 'sometimes', identityDocuments: 'off' }), 400);
    const from = await lastAuditId(ctx);
    expect((await setReview({ keyFields: 'off', identityDocuments: 'off' })).statusCode).toBe(200);
    expect((await auditSince(ctx, from)).map((a) => [a.action, a.entity_id])).toEqual([['setting.update', 'customers.information_review']]);
    try {
      const res = await clerk.patch(`/api/customers/${id}`, { version: (await view(id)).version, name: '设置关闭后有限公司' });
      expect(res.statusCode, res.body).toBe(200);
      expect(await nameOf(id)).toBe('设置关闭后有限公司');
      // all_customers: even the ordinary person's identity document goes to review.
      expect((await setReview({ keyFields: 'off', identityDocuments: 'all_customers' })).statusCode).toBe(200);
      expect((await view(person)).reviewedFields).toEqual(['identities']);
      const idNumber = residentId('19800101', String(seq += 10)); // +10: the same gender digit
      const doc = await keyChange(person, { identities: [{ idType: '10', idNumber }] });
      expect(doc.reviewedFields).toEqual(['identities']);
      const detail = await reviewer.get(`/api/approvals/${doc.requestId}`);
      expect(detail.body).not.toContain(idNumber); // neither in the changes nor in the payload
      expect(detail.json().payload).toEqual({ customerId: person, fields: ['identities'] });
      const shown = detail.json().changes;
      expect(shown[0].field).toBe('identities');
      expect(shown[0].new).toContain('*'); // the ID number masked for the reviewer as on every screen
    } finally {
      expect((await setReview({ keyFields: 'key_customers', identityDocuments: 'key_customers' })).statusCode).toBe(200);
    }
  });

  it('keeps a reviewer of another branch out: not in his inbox, not readable, not decidable', async () => {
    const { id } = await openCompany('范围测试有限公司');
    const sent = await keyChange(id, { name: '范围测试改名有限公司' });
    const inbox = (await reviewerB1.get('/api/approvals/inbox')).json().items.map((i: { id: number }) => i.id);
    expect(inbox).not.toContain(sent.requestId);
    expectProblem(await reviewerB1.get(`/api/approvals/${sent.requestId}`), 404);
    expectProblem(await reviewerB1.post(`/api/approvals/${sent.requestId}/approve`, { step: 1 }), 404);
    expect(await nameOf(id)).toBe('范围测试有限公司');
    // Nor can anyone of that branch submit an entry for a customer outside his charge through the service.
    const outsider = await actorOf('ir_review_b1');
    await expect(submitCustomerInformationForReview(ctx.handle.db, outsider, id, { version: 1, name: '越权有限公司' })).rejects.toMatchObject({ status: 404 });
  });

  it('refuses hostile input in the entry and changes nothing', async () => {
    const { id } = await openCompany('恶意输入有限公司');
    const v = (await view(id)).version;
    expectProblem(await clerk.patch(`/api/customers/${id}`, { version: v, name: 'x'.repeat(101) }), 400);
    expectProblem(await clerk.patch(`/api/customers/${id}`, { version: v, name: 42 }), 400);
    expectProblem(await clerk.patch(`/api/customers/${id}`, { version: v, name: '有限公司', "'; drop table customer; --": 1 }), 400);
    expectProblem(await clerk.patch(`/api/customers/${id}`, { version: v, registrationType: '99' }), 422);
    expectProblem(await clerk.patch(`/api/customers/${id}`, { version: v + 5, name: '旧版本有限公司' }), 409);
    // Markup and characters outside the BMP are kept as text, not interpreted.
    const sent = await keyChange(id, { name: '<img src=x onerror=alert(1)>𠮷有限公司' });
    const detail = (await reviewer.get(`/api/approvals/${sent.requestId}`)).json();
    expect(detail.changes).toEqual([{ field: 'name', old: '恶意输入有限公司', new: '<img src=x onerror=alert(1)>𠮷有限公司' }]);
    // A resubmission with a payload about another customer, or with fields of the other kind, is refused.
    expect((await reviewer.post(`/api/approvals/${sent.requestId}/return`, { step: 1, reason: '核对' })).statusCode).toBe(200);
    const other = await openPerson();
    expectProblem(await clerk.post(`/api/approvals/${sent.requestId}/resubmit`, { payload: { customerId: other, patch: { version: 1, name: '别人' } } }), 422);
    expectProblem(await clerk.post(`/api/approvals/${sent.requestId}/resubmit`, { payload: { customerId: id, patch: { version: 1, mobile: '13800000000' } } }), 422);
    const same = expectProblem(await clerk.post(`/api/approvals/${sent.requestId}/resubmit`, { payload: { customerId: id, patch: { version: 1, name: '恶意输入有限公司' } } }), 422);
    expect(same.errors?.map((e) => e.code)).toEqual(['customers.review.nothing_changed']);
    expect(await nameOf(id)).toBe('恶意输入有限公司');
  });

  it('submitCustomerInformationForReview sends an entry to review whatever the settings say', async () => {
    // As the document-transfer flow will call it when the entry clerk marks the entry complete:
    // an ordinary person's mobile is no key field, yet it goes to review and waits.
    const person = await openPerson('录入完成个人');
    const sent = await submitCustomerInformationForReview(ctx.handle.db, await actorOf('ir_clerk'), person, { version: (await view(person)).version, mobile: '13912345678' });
    expect(sent).toMatchObject({ status: 'pending', step: 1, role: 'data_review_clerk' });
    expect((await ctx.handle.db.selectFrom('personal_customer').select('mobile').where('customer_id', '=', person).executeTakeFirstOrThrow()).mobile).toBeNull();
    const shown = (await reviewer.get(`/api/approvals/${sent.requestId}`)).json().changes;
    expect(shown).toEqual([{ field: 'mobile', old: null, new: '139****5678' }]);
    expect((await reviewer.post(`/api/approvals/${sent.requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expect((await ctx.handle.db.selectFrom('personal_customer').select('mobile').where('customer_id', '=', person).executeTakeFirstOrThrow()).mobile).toBe('13912345678');
  });
});
