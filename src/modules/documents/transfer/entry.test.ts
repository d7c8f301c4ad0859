// The processing centre's keyed entry becomes the customer's information (CIF-40 on CIF-42),
// through the HTTP API on a real database: the fields keyed for a received flow are one request
// that the reviewer sees old → new and whose approval changes the customer (maker and checker in
// the field history) and completes the flow; a returned entry keeps the old values and goes back
// to its clerk; maker = checker, a stale entry and another centre are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, expectProblem, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { customerWithAccount, documentActors, flowAt, type DocumentActors } from '../test/documents-fixture.ts';

let ctx: TestContext;
let a: DocumentActors;
let makerChecker: Client; // entry and review at once at the centre
let reviewB: Client;      // 信息复核岗 of the other branch
let seq = 0;

const corporate = (id: number) => ctx.handle.db.selectFrom('customer').innerJoin('corporate_customer as c', 'c.customer_id', 'customer.id')
  .select(['customer.name', 'c.office_phone']).where('customer.id', '=', id).executeTakeFirstOrThrow();
const flowStatus = async (id: number) => (await ctx.handle.db.selectFrom('document_flow').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const userId = async (username: string) => (await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

/** A customer with an account at 市南 and a flow about it received by the centre. */
async function receivedFlow(name: string) {
  const accountNo = `622202010${String(++seq).padStart(5, '0')}`;
  const c = await customerWithAccount(ctx, a.clerkA1, name, accountNo, 'A110');
  const { id } = await flowAt(a, accountNo, 'received');
  return { flowId: id, customerId: c.id };
}
const versionOf = async (customerId: number, by: Client = a.centreA) => {
  const res = await by.get(`/api/customers/${customerId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().version as number;
};
async function keyEntry(flowId: number, customerId: number, fields: Record<string, unknown>, by: Client = a.centreA) {
  const res = await by.post(`/api/documents/flows/${flowId}/entry`, { patch: { version: await versionOf(customerId, by), ...fields } });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().requestId as number;
}

beforeAll(async () => {
  ctx = await createTestContext();
  a = await documentActors(ctx, 'de');
  await ctx.addUser('de_maker_checker', ctx.bank.branchA, ['data_entry_clerk', 'data_review_clerk']);
  await ctx.addUser('de_review_b', ctx.bank.branchB, ['data_review_clerk']);
  [makerChecker, reviewB] = await Promise.all([ctx.login('de_maker_checker'), ctx.login('de_review_b')]);
});
afterAll(() => ctx?.close());

describe('the keyed entry of a received flow', () => {
  it('is one request the reviewer sees old → new; approved, it changes the customer with maker and checker in the history and completes the flow', async () => {
    const { flowId, customerId } = await receivedFlow('录入前名称有限公司');
    const requestId = await keyEntry(flowId, customerId, { name: '录入后名称有限公司', officePhone: '0532-86660001' });
    // Pending: the customer keeps his values; his screen shows the entry under review, by field,
    // to the centre (the sub-branch does not see the centre's requests: approvals' requestVisibleTo).
    expect(await corporate(customerId)).toEqual({ name: '录入前名称有限公司', office_phone: null });
    expect(await flowStatus(flowId)).toBe('in_review');
    const open = (await a.centreA2.get(`/api/approvals/open?subjectType=customer&subjectId=${customerId}`)).json().items;
    expect(open.map((r: { id: number; type: string; fields: string[] }) => [r.id, r.type, r.fields])).toEqual([[requestId, 'document.entry_review', ['name', 'officePhone']]]);

    const detail = (await a.reviewA.get(`/api/approvals/${requestId}`)).json();
    expect(detail).toMatchObject({ type: 'document.entry_review', status: 'pending', can: { decide: true }, payload: { flowId, customerId, fields: ['name', 'officePhone'] } });
    expect(detail.changes).toEqual([
      { field: 'officePhone', old: null, new: '0532-86660001' },
      { field: 'name', old: '录入前名称有限公司', new: '录入后名称有限公司' },
      { field: 'flowStatus', old: 'in_review', new: 'completed' },
    ]);
    // One request per decision: nothing of type customer.information was opened beside it.
    const others = await ctx.handle.db.selectFrom('approval_request').select('id').where('workflow_type', '=', 'customer.information').where('subject_id', '=', String(customerId)).execute();
    expect(others).toEqual([]);

    const since = await lastAuditId(ctx);
    const ok = await a.reviewA.post(`/api/approvals/${requestId}/approve`, { step: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', result: { flowId, status: 'completed', customerId, changed: 2 } });
    expect(await corporate(customerId)).toEqual({ name: '录入后名称有限公司', office_phone: '0532-86660001' });
    expect(await flowStatus(flowId)).toBe('completed');
    const [maker, checker] = await Promise.all([userId('de_centre_a'), userId('de_review_a')]);
    const history = await ctx.handle.db.selectFrom('customer_history').select(['field', 'old_value', 'new_value', 'maker_id', 'checker_id', 'approval_request_id'])
      .where('customer_id', '=', customerId).where('field', 'in', ['name', 'officePhone']).orderBy('field').execute();
    expect(history).toEqual([
      { field: 'name', old_value: '录入前名称有限公司', new_value: '录入后名称有限公司', maker_id: maker, checker_id: checker, approval_request_id: requestId },
      { field: 'officePhone', old_value: null, new_value: '0532-86660001', maker_id: maker, checker_id: checker, approval_request_id: requestId },
    ]);
    expect((await auditSince(ctx, since)).map((r) => r.action)).toEqual(['customer.update', 'document_flow.complete', 'approval.approve']);
    expect((await a.centreA2.get(`/api/approvals/open?subjectType=customer&subjectId=${customerId}`)).json().items).toEqual([]);
  });

  it('returned, keeps the old values in force and goes back to its clerk, who corrects and sends it again', async () => {
    const { flowId, customerId } = await receivedFlow('退回录入有限公司');
    const requestId = await keyEntry(flowId, customerId, { name: '退回录入错字有限公司' });
    expectProblem(await a.reviewA.post(`/api/approvals/${requestId}/return`, { step: 1 }), 400);
    expect((await a.reviewA.post(`/api/approvals/${requestId}/return`, { step: 1, reason: '名称与营业执照不符' })).statusCode).toBe(200);
    expect(await corporate(customerId)).toEqual({ name: '退回录入有限公司', office_phone: null });
    expect(await ctx.handle.db.selectFrom('customer_history').select('id').where('customer_id', '=', customerId).where('field', '=', 'name').execute()).toEqual([]);
    // Back to the clerk who keyed it, not to a colleague.
    expect((await a.centreA.get(`/api/documents/flows/${flowId}`)).json()).toMatchObject({ status: 'in_review', review: { requestId, status: 'returned' }, can: { enter: true } });
    expect((await a.centreA2.get(`/api/documents/flows/${flowId}`)).json().can.enter).toBe(false);
    expectProblem(await a.centreA2.post(`/api/documents/flows/${flowId}/entry`, { patch: { version: await versionOf(customerId), name: '同事改的有限公司' } }), 403, 'approvals.not_maker');
    // The correction is the same request in a new round.
    expect(await keyEntry(flowId, customerId, { name: '退回录入（青岛）有限公司' })).toBe(requestId);
    expect((await a.reviewA.get(`/api/approvals/${requestId}`)).json().changes[0]).toEqual({ field: 'name', old: '退回录入有限公司', new: '退回录入（青岛）有限公司' });
    expect((await a.reviewA.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expect((await corporate(customerId)).name).toBe('退回录入（青岛）有限公司');
    expect(await flowStatus(flowId)).toBe('completed');
  });

  it('refuses the maker as checker, even when he holds the review role', async () => {
    const { flowId, customerId } = await receivedFlow('自审录入有限公司');
    const requestId = await keyEntry(flowId, customerId, { name: '自审录入改名有限公司' }, makerChecker);
    expectProblem(await makerChecker.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 403, 'approvals.maker_is_checker');
    expect((await corporate(customerId)).name).toBe('自审录入有限公司');
    expect(await flowStatus(flowId)).toBe('in_review');
  });

  it('refuses a stale entry: the keyed field changed since it was keyed', async () => {
    const { flowId, customerId } = await receivedFlow('过期录入有限公司');
    const requestId = await keyEntry(flowId, customerId, { name: '过期录入（纸面）有限公司' });
    // Meanwhile the sub-branch renames the customer through its own reviewed change.
    const other = await a.clerkA1.patch(`/api/customers/${customerId}`, { version: await versionOf(customerId, a.clerkA1), name: '过期录入（支行）有限公司' });
    expect(other.statusCode, other.body).toBe(202);
    expect((await a.reviewA.post(`/api/approvals/${other.json().requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    const stale = await a.reviewA.post(`/api/approvals/${requestId}/approve`, { step: 1 });
    expectProblem(stale, 409, 'approvals.stale');
    expect(stale.json().title).toContain('name');
    expect((await corporate(customerId)).name).toBe('过期录入（支行）有限公司');
    expect(await flowStatus(flowId)).toBe('in_review');
  });

  it('keeps another centre out: it cannot see or key the flow, nor see or decide its review', async () => {
    const { flowId, customerId } = await receivedFlow('范围录入有限公司');
    const version = await versionOf(customerId);
    expectProblem(await a.centreB.get(`/api/documents/flows/${flowId}`), 404);
    expectProblem(await a.centreB.post(`/api/documents/flows/${flowId}/entry`, { patch: { version, name: '越权录入有限公司' } }), 404);
    expect(await flowStatus(flowId)).toBe('received');
    const requestId = await keyEntry(flowId, customerId, { name: '范围录入改名有限公司' });
    expect((await reviewB.get('/api/approvals/inbox')).json().items.map((i: { id: number }) => i.id)).not.toContain(requestId);
    expectProblem(await reviewB.get(`/api/approvals/${requestId}`), 404);
    expectProblem(await reviewB.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 404);
    expect((await corporate(customerId)).name).toBe('范围录入有限公司');
  });

  it('refuses a bad entry and changes nothing: a field of the other kind, the same values, an old version', async () => {
    const { flowId, customerId } = await receivedFlow('坏录入有限公司');
    const version = await versionOf(customerId);
    expectProblem(await a.centreA.post(`/api/documents/flows/${flowId}/entry`, { patch: { version, mobile: '13800000000' } }), 422);
    const same = expectProblem(await a.centreA.post(`/api/documents/flows/${flowId}/entry`, { patch: { version, name: '坏录入有限公司' } }), 422);
    expect(same.errors?.map((e) => e.code)).toEqual(['customers.review.nothing_changed']);
    expectProblem(await a.centreA.post(`/api/documents/flows/${flowId}/entry`, { patch: { version, name: 'x'.repeat(101) } }), 422);
    expectProblem(await a.centreA.post(`/api/documents/flows/${flowId}/entry`, { patch: { version }, other: 1 }), 400);
    expect(await flowStatus(flowId)).toBe('received');
    expect(await ctx.handle.db.selectFrom('approval_request').select('id').where('subject_type', '=', 'document_flow').where('subject_id', '=', String(flowId)).execute()).toEqual([]);
  });
});
