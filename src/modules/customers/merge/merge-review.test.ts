// Merging under review (issue 13 item 3, CIF-40: customers.information_review.merge, default on),
// through the HTTP API on a real database: the merge is a request and both records stay as they
// are until the last step approves; the approval merges with maker and checker in the audit and
// history; returned changes nothing; stale, duplicate, maker = checker and out-of-scope refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckDigit } from '../../../common/validators/resident-id.ts';
import { auditSince, createTestContext, expectProblem, lastAuditId, setInformationReview, type Client, type TestContext } from '../../../test/harness.ts';
import { mergeCustomers } from './merge.service.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let reviewA: Client; // the maker: the branch's information reviewer, who holds customer.merge
let reviewA2: Client;
let headA: Client;
let reviewB: Client;
let headB: Client;
let reviewAId: number;
let headAId: number;
let seq = 100;

const residentId = (birth: string, s: string) => { const body = `370202${birth}${s}`; return body + residentIdCheckDigit(body); };

async function openPerson(client: Client, name: string, birth = '19800202') {
  const idNumber = residentId(birth, String(seq += 2));
  const res = await client.post('/api/customers', { kind: 'personal', name, identities: [{ idType: '10', idNumber }] });
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as { id: number; customerNo: string }), idNumber };
}
const merge = (client: Client, survivorId: unknown, mergedId: unknown, reason = '同一客户重复开户') => client.post('/api/customers/merge', { survivorId, mergedId, reason });
const state = async (id: number) => ctx.handle.db.selectFrom('customer').select(['status', 'merged_into', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
const identitiesOf = async (id: number) => (await ctx.handle.db.selectFrom('customer_identity').select('id_number').where('customer_id', '=', id).execute()).map((r) => r.id_number);
const mergeRequests = async () => Number((await ctx.handle.db.selectFrom('approval_request').select((eb) => eb.fn.countAll().as('n'))
  .where('workflow_type', '=', 'customer.merge').executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('mr_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('mr_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  reviewAId = await ctx.addUser('mr_review_a', ctx.bank.branchA, ['data_review_clerk']);
  await ctx.addUser('mr_review_a2', ctx.bank.branchA, ['data_review_clerk']);
  headAId = await ctx.addUser('mr_head_a', ctx.bank.branchA, ['institution_head']);
  await ctx.addUser('mr_review_b', ctx.bank.branchB, ['data_review_clerk']);
  await ctx.addUser('mr_head_b', ctx.bank.branchB, ['institution_head']);
  [clerkA1, clerkB1, reviewA, reviewA2, headA, reviewB, headB] = await Promise.all(
    ['mr_clerk_a1', 'mr_clerk_b1', 'mr_review_a', 'mr_review_a2', 'mr_head_a', 'mr_review_b', 'mr_head_b'].map((u) => ctx.login(u)));
});
afterAll(() => ctx?.close());

describe('the setting', () => {
  it('defaults to on, and a value stored before the kind existed reads as on', async () => {
    expect((await headA.get('/api/settings/customer-information-review')).statusCode).toBe(403);
    await ctx.addUser('mr_admin_ho', ctx.bank.ho, ['head_office_admin']);
    const admin = await ctx.login('mr_admin_ho');
    expect((await admin.get('/api/settings/customer-information-review')).json()).toMatchObject({ merge: 'on' });
    const old = JSON.stringify({ keyFields: 'key_customers', identityDocuments: 'key_customers', blacklistRemoval: 'on' });
    await ctx.handle.db.insertInto('setting').values({ key: 'customers.information_review', value: old })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: old })).execute();
    expect((await admin.get('/api/settings/customer-information-review')).json()).toMatchObject({ keyFields: 'key_customers', blacklistRemoval: 'on', merge: 'on' });
    expectProblem(await admin.put('/api/settings/customer-information-review', { keyFields: 'key_customers', identityDocuments: 'key_customers', blacklistRemoval: 'on', merge: 'key_customers' }), 400);
    await ctx.handle.db.deleteFrom('setting').where('key', '=', 'customers.information_review').execute();
  });
});

describe('a merge under review', () => {
  it('is a request: both records stay as they are until the last step approves, then merge with maker and checker recorded', async () => {
    const s = await openPerson(clerkA1, '严复核');
    const m = await openPerson(clerkA1, '严复核');
    const before = [await state(s.id), await state(m.id)];
    const sent = await merge(reviewA, s.id, m.id);
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({ status: 'pending', step: 1, stepCount: 2, role: 'data_review_clerk' });
    const requestId = sent.json().requestId as number;
    expect([await state(s.id), await state(m.id)]).toEqual(before);
    expect(await identitiesOf(s.id)).toEqual([s.idNumber]);

    // The merged record's page shows the pending merge; the duplicates screen marks the pair.
    const open = (await reviewA2.get(`/api/approvals/open?subjectType=customer&subjectId=${m.id}`)).json();
    expect(open.items).toEqual([expect.objectContaining({ id: requestId, type: 'customer.merge', fields: ['merge'] })]);
    // So does the survivor's, although the request's subject is the record that goes.
    const openS = (await reviewA2.get(`/api/approvals/open?subjectType=customer&subjectId=${s.id}`)).json();
    expect(openS.items).toEqual([expect.objectContaining({ id: requestId, type: 'customer.merge' })]);
    const dups = await reviewA.get('/api/customer-duplicates');
    expect(dups.statusCode, dups.body).toBe(200);
    const pair = dups.json().items
      .find((i: { customer: { id: number }; other: { id: number } }) => [i.customer.id, i.other.id].sort().join() === [s.id, m.id].sort().join());
    expect(pair.mergeRequestId).toBe(requestId);

    // The reviewer sees the two records side by side, masked: the one that goes (old), the one that stays (new).
    const detail = await reviewA2.get(`/api/approvals/${requestId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ type: 'customer.merge', status: 'pending', subject: { type: 'customer', id: String(m.id) }, can: { decide: true } });
    const changes = detail.json().changes as { field: string; old: string | null; new: string | null }[];
    expect(changes).toEqual(expect.arrayContaining([
      { field: 'customerNo', old: m.customerNo, new: s.customerNo },
      { field: 'name', old: '严复核', new: '严复核' },
      { field: 'identities', old: `10:370202********${m.idNumber.slice(-4)}`, new: `10:370202********${s.idNumber.slice(-4)};10:370202********${m.idNumber.slice(-4)}` },
      { field: 'mergeReason', old: null, new: '同一客户重复开户' },
    ]));
    expect(detail.body).not.toContain(m.idNumber);

    // The maker cannot check his own request, at any step; another branch's reviewer cannot see it.
    expectProblem(await reviewA.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 403, 'approvals.maker_is_checker');
    expectProblem(await reviewB.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 404, 'common.not_found');
    expect((await reviewA2.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expect([await state(s.id), await state(m.id)]).toEqual(before);
    expectProblem(await headB.post(`/api/approvals/${requestId}/approve`, { step: 2 }), 404, 'common.not_found');
    expectProblem(await reviewA.post(`/api/approvals/${requestId}/approve`, { step: 2 }), 403, 'approvals.maker_is_checker');

    const since = await lastAuditId(ctx);
    const done = await headA.post(`/api/approvals/${requestId}/approve`, { step: 2 });
    expect(done.statusCode, done.body).toBe(200);
    expect(await state(m.id)).toMatchObject({ status: 'merged', merged_into: s.id });
    expect((await identitiesOf(s.id)).sort()).toEqual([s.idNumber, m.idNumber].sort());
    const audit = await auditSince(ctx, since);
    const merged = audit.find((a) => a.action === 'customer.merge')!;
    expect(merged).toMatchObject({ actor_id: headAId, entity_id: String(s.id) });
    expect(merged.after).toMatchObject({ mergedId: m.id, approvalRequestId: requestId, makerId: reviewAId });
    expect(audit.find((a) => a.action === 'customer.merged_into')!.after).toMatchObject({ mergedInto: s.id, approvalRequestId: requestId, makerId: reviewAId });
    expect(audit.at(-1)!.action).toBe('approval.approve');
    const history = await ctx.handle.db.selectFrom('customer_history').select(['maker_id', 'checker_id', 'approval_request_id'])
      .where('customer_id', '=', m.id).where('field', '=', 'status').executeTakeFirstOrThrow();
    expect(history).toEqual({ maker_id: reviewAId, checker_id: headAId, approval_request_id: requestId });
    expect((await reviewA2.get(`/api/approvals/${requestId}`)).json()).toMatchObject({ status: 'approved', result: { survivorId: s.id, mergedId: m.id } });
  });

  it('refuses a second request over either record while one is open, whichever way round', async () => {
    const s = await openPerson(clerkA1, '韦重复');
    const m = await openPerson(clerkA1, '韦重复');
    const third = await openPerson(clerkA1, '韦重复');
    const sent = await merge(reviewA, s.id, m.id);
    expect(sent.statusCode, sent.body).toBe(202);
    const requestId = sent.json().requestId as number;
    const count = await mergeRequests();
    for (const [a, b] of [[s.id, m.id], [m.id, s.id], [third.id, m.id], [s.id, third.id], [third.id, s.id]]) {
      const refused = expectProblem(await merge(reviewA2, a, b), 409, 'approvals.already_open');
      expect(refused.params).toMatchObject({ openRequestId: requestId });
    }
    expect(await mergeRequests()).toBe(count);
    // Returned, the request is still open (the maker may resubmit): still refused; withdrawn, a new one may be made.
    expect((await reviewA2.post(`/api/approvals/${requestId}/return`, { step: 1, reason: '请核对证件' })).statusCode).toBe(200);
    expectProblem(await merge(reviewA2, third.id, s.id), 409, 'approvals.already_open');
    expect((await reviewA.post(`/api/approvals/${requestId}/resubmit`, {})).statusCode).toBe(200);
    expect((await reviewA.post(`/api/approvals/${requestId}/withdraw`, {})).statusCode).toBe(200);
    expect((await merge(reviewA2, third.id, s.id)).statusCode).toBe(202);
  });

  it('returned, both records stay as they were', async () => {
    const s = await openPerson(clerkA1, '鲁退回');
    const m = await openPerson(clerkA1, '鲁退回');
    const before = [await state(s.id), await state(m.id)];
    const sent = await merge(reviewA, s.id, m.id);
    expect(sent.statusCode).toBe(202);
    const ret = await reviewA2.post(`/api/approvals/${sent.json().requestId}/return`, { step: 1, reason: '出生日期不同，不是同一人' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect([await state(s.id), await state(m.id)]).toEqual(before);
    expect(await identitiesOf(m.id)).toEqual([m.idNumber]);
  });

  it('refuses the approval as stale when either record changed, or was merged elsewhere, since submission', async () => {
    const s = await openPerson(clerkA1, '昌过期');
    const m = await openPerson(clerkA1, '昌过期');
    const sent = await merge(reviewA, s.id, m.id);
    const requestId = sent.json().requestId as number;
    // An ordinary person's mobile is not reviewed: the change applies at once and moves the version.
    const edit = await clerkA1.patch(`/api/customers/${s.id}`, { version: (await state(s.id)).version, mobile: '13900000009' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await reviewA2.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    const stale = expectProblem(await headA.post(`/api/approvals/${requestId}/approve`, { step: 2 }), 409, 'approvals.stale');
    expect(stale.params).toMatchObject({ fields: 'survivor' });
    expect(await state(m.id)).toMatchObject({ status: 'active', merged_into: null });

    const s2 = await openPerson(clerkA1, '苗过期');
    const m2 = await openPerson(clerkA1, '苗过期');
    const other = await openPerson(clerkA1, '苗过期');
    const sent2 = await merge(reviewA, s2.id, m2.id);
    const requestId2 = sent2.json().requestId as number;
    // Merged meanwhile by a path outside the review (the setting was off for a moment).
    await mergeCustomers(ctx.handle.db, ctx.system, { survivorId: other.id, mergedId: m2.id, reason: '另行合并' });
    expect((await reviewA2.post(`/api/approvals/${requestId2}/approve`, { step: 1 })).statusCode).toBe(200);
    expectProblem(await headA.post(`/api/approvals/${requestId2}/approve`, { step: 2 }), 409, 'approvals.stale');
    expect(await state(m2.id)).toMatchObject({ status: 'merged', merged_into: other.id });
    expect(await state(s2.id)).toMatchObject({ status: 'active' });
  });

  it('refuses hostile input before any request is made: bad ids, the same record, unknown or other branches\' customers', async () => {
    const s = await openPerson(clerkA1, '花越权');
    const b = await openPerson(clerkB1, '花越权');
    const count = await mergeRequests();
    expectProblem(await merge(reviewA, 'abc', s.id), 400);
    expectProblem(await merge(reviewA, -1, s.id), 400);
    expectProblem(await reviewA.post('/api/customers/merge', { survivorId: s.id, mergedId: b.id, reason: '多余', extra: 1 }), 400);
    expectProblem(await merge(reviewA, s.id, s.id), 422, 'common.validation');
    const unknown = expectProblem(await merge(reviewA, s.id, 999999999), 404, 'common.not_found');
    expect(unknown.errors).toEqual([expect.objectContaining({ path: 'mergedId', code: 'merge.not_found' })]);
    // The other branch's customer is not in the maker's charge: not found, as if it did not exist.
    expectProblem(await merge(reviewA, s.id, b.id), 404, 'common.not_found');
    expectProblem(await merge(reviewB, b.id, s.id), 404, 'common.not_found');
    // A data-entry clerk does not merge at all.
    expectProblem(await merge(clerkA1, s.id, s.id + 1), 403);
    expect(await mergeRequests()).toBe(count);
    expect(await state(s.id)).toMatchObject({ status: 'active' });
    expect(await state(b.id)).toMatchObject({ status: 'active' });
  });

  it('with the setting off, the merge applies at once, as before', async () => {
    const s = await openPerson(clerkA1, '俞关闭');
    const m = await openPerson(clerkA1, '俞关闭');
    await setInformationReview(ctx, { merge: 'off' });
    try {
      const count = await mergeRequests();
      const res = await merge(reviewA, s.id, m.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ survivorId: s.id, mergedId: m.id });
      expect(await state(m.id)).toMatchObject({ status: 'merged', merged_into: s.id });
      expect(await mergeRequests()).toBe(count);
    } finally {
      await setInformationReview(ctx, { merge: 'on' });
    }
  });
});
