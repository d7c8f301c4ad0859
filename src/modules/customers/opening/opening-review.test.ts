// Opening under review (issue 13 item 3, CIF-40: customers.information_review.opening, by default
// corporate openings), through the HTTP API on a real database: the opening is a request and no
// customer exists until the checker approves it; the approval opens it with maker and checker in
// history and audit; returned or rejected leaves no customer; duplicates, forged payloads, the
// maker as checker and other branches refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../../../common/validators/credit-code.ts';
import { organizationCodeCheckCharacter } from '../../../common/validators/organization-code.ts';
import { residentIdCheckDigit } from '../../../common/validators/resident-id.ts';
import { auditSince, createTestContext, expectProblem, lastAuditId, setInformationReview, type Client, type TestContext } from '../../../test/harness.ts';
import { createCustomer } from '../customer.service.ts';

let ctx: TestContext;
let clerk: Client; // 信息录入岗 of 甲一支行: the maker
let reviewer: Client; // 信息复核岗 of 甲分行
let reviewB: Client;
let mgr: Client;
let clerkId: number;
let reviewerId: number;
let mgrId: number;
let org = 10000000;

const creditCode = () => { const org8 = String(org += 7); const body = `91370200${org8}${organizationCodeCheckCharacter(org8)}`; return body + creditCodeCheckCharacter(body); };
const residentId = (birth: string, seq: string) => { const body = `370202${birth}${seq}`; return body + residentIdCheckDigit(body); };
const company = (name: string, code = creditCode(), extra: Record<string, unknown> = {}) => ({ kind: 'corporate', name, creditCode: code, ...extra });
const customersNamed = async (name: string) => ctx.handle.db.selectFrom('customer').select(['id', 'status', 'created_by', 'institution_id']).where('name', '=', name).execute();
const openingRequests = async () => Number((await ctx.handle.db.selectFrom('approval_request').select((eb) => eb.fn.countAll().as('n'))
  .where('workflow_type', '=', 'customer.open').executeTakeFirstOrThrow()).n);
const pending = async (client: Client) => (await client.get('/api/customer-openings')).json().items as { requestId: number; name: string; kind: string; status: string }[];

beforeAll(async () => {
  ctx = await createTestContext();
  // The bank's default (the harness turns openings off for the other tests).
  await setInformationReview(ctx, { opening: 'key_customers' });
  clerkId = await ctx.addUser('op_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  reviewerId = await ctx.addUser('op_review', ctx.bank.branchA, ['data_review_clerk']);
  await ctx.addUser('op_review_b', ctx.bank.branchB, ['data_review_clerk']);
  mgrId = await ctx.addUser('op_mgr', ctx.bank.subA1, ['primary_manager']);
  [clerk, reviewer, reviewB, mgr] = await Promise.all(['op_clerk', 'op_review', 'op_review_b', 'op_mgr'].map((u) => ctx.login(u)));
});
afterAll(() => ctx?.close());

describe('opening under review (default: corporate openings)', () => {
  it('a corporate opening is a request: no customer until approved, then opened with maker and checker recorded', async () => {
    const code = creditCode();
    const sent = await clerk.post('/api/customers', company('青岛审开贸易有限公司', code, { registeredCapital: '1000000', registeredCapitalCurrency: 'CNY' }));
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({ status: 'pending', step: 1, stepCount: 1, role: 'data_review_clerk' });
    const requestId = sent.json().requestId as number;
    expect(await customersNamed('青岛审开贸易有限公司')).toEqual([]);
    // Not a customer anywhere: the list does not find it; the pending openings name it.
    expect((await clerk.get(`/api/customers?q=${code}`)).json().items).toEqual([]);
    expect(await pending(clerk)).toEqual([expect.objectContaining({ requestId, name: '青岛审开贸易有限公司', kind: 'corporate', status: 'pending' })]);
    expect((await pending(reviewer)).map((p) => p.requestId)).toContain(requestId);
    expect(await pending(reviewB)).toEqual([]);

    // The reviewer sees what would be opened; the shown payload carries no keyed values.
    const detail = (await reviewer.get(`/api/approvals/${requestId}`)).json();
    expect(detail).toMatchObject({ type: 'customer.open', status: 'pending', can: { decide: true }, payload: { kind: 'corporate', name: '青岛审开贸易有限公司' } });
    expect(detail.changes).toEqual(expect.arrayContaining([
      { field: 'name', old: null, new: '青岛审开贸易有限公司' }, { field: 'creditCode', old: null, new: code }, { field: 'institution', old: null, new: '甲一支行' }]));

    expectProblem(await clerk.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 403, 'approvals.maker_is_checker');
    expectProblem(await reviewB.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 404, 'common.not_found');
    const since = await lastAuditId(ctx);
    const done = await reviewer.post(`/api/approvals/${requestId}/approve`, { step: 1 });
    expect(done.statusCode, done.body).toBe(200);
    const [c] = await customersNamed('青岛审开贸易有限公司');
    expect(c).toMatchObject({ status: 'active', created_by: clerkId, institution_id: ctx.bank.subA1 });
    const created = (await auditSince(ctx, since)).find((a) => a.action === 'customer.create')!;
    expect(created).toMatchObject({ actor_id: reviewerId, entity_id: String(c!.id) });
    expect(created.after).toMatchObject({ approvalRequestId: requestId, makerId: clerkId });
    const history = await ctx.handle.db.selectFrom('customer_history').select(['maker_id', 'checker_id', 'approval_request_id']).where('customer_id', '=', c!.id).where('field', '=', '_created').executeTakeFirstOrThrow();
    expect(history).toEqual({ maker_id: clerkId, checker_id: reviewerId, approval_request_id: requestId });
    expect((await reviewer.get(`/api/approvals/${requestId}`)).json().result).toMatchObject({ customerId: c!.id });
    expect(await pending(clerk)).toEqual([]);
    // Opened, the company is an ordinary customer: its document now refuses a second opening at once.
    expectProblem(await clerk.post('/api/customers', company('青岛审开贸易有限公司二', code)), 409, 'customers.exists');
  });

  it('a personal counter opening applies at once; all_customers reviews it too, off reviews nothing', async () => {
    const idNumber = residentId('19910101', '123');
    const res = await clerk.post('/api/customers', { kind: 'personal', name: '柜面开户', identities: [{ idType: '10', idNumber }] });
    expect(res.statusCode, res.body).toBe(201);
    await setInformationReview(ctx, { opening: 'all_customers' });
    try {
      const p = await clerk.post('/api/customers', { kind: 'personal', name: '全部复核', identities: [{ idType: '10', idNumber: residentId('19910101', '145') }] });
      expect(p.statusCode, p.body).toBe(202);
      expect(await customersNamed('全部复核')).toEqual([]);
      // The ID number is masked for the reviewer, and absent from what readers see of the payload.
      const detail = await reviewer.get(`/api/approvals/${p.json().requestId}`);
      expect(detail.body).not.toContain(residentId('19910101', '145'));
      await setInformationReview(ctx, { opening: 'off' });
      expect((await clerk.post('/api/customers', company('不复核有限公司'))).statusCode).toBe(201);
    } finally {
      await setInformationReview(ctx, { opening: 'key_customers' });
    }
  });

  it('returned or rejected, no customer exists; a forged resubmission is refused', async () => {
    const sent = await clerk.post('/api/customers', company('青岛退回开户有限公司'));
    const requestId = sent.json().requestId as number;
    expect((await reviewer.post(`/api/approvals/${requestId}/return`, { step: 1, reason: '营业执照复印件不清晰' })).statusCode).toBe(200);
    expect(await customersNamed('青岛退回开户有限公司')).toEqual([]);
    expect(await pending(clerk)).toEqual(expect.arrayContaining([expect.objectContaining({ requestId, status: 'returned' })]));
    // The maker may correct the entry, not where the customer goes or who manages it.
    const original = (await ctx.handle.db.selectFrom('approval_request').select('payload').where('id', '=', requestId).executeTakeFirstOrThrow()).payload as Record<string, unknown>;
    expectProblem(await clerk.post(`/api/approvals/${requestId}/resubmit`, { payload: { ...original, primaryManagerId: mgrId } }), 422);
    expectProblem(await clerk.post(`/api/approvals/${requestId}/resubmit`, { payload: { ...original, institutionId: ctx.bank.subB1 } }), 422);
    expect((await clerk.post(`/api/approvals/${requestId}/resubmit`, {})).statusCode).toBe(200);
    expect((await reviewer.post(`/api/approvals/${requestId}/reject`, { step: 1, reason: '非本行目标客户' })).statusCode).toBe(200);
    expect(await customersNamed('青岛退回开户有限公司')).toEqual([]);
  });

  it('refuses a second opening of the same company while one is open, and the approval when it was opened meanwhile', async () => {
    const code = creditCode();
    const sent = await clerk.post('/api/customers', company('青岛重复开户有限公司', code));
    expect(sent.statusCode).toBe(202);
    const count = await openingRequests();
    expectProblem(await mgr.post('/api/customers', company('青岛重复开户有限公司（二）', code)), 409, 'approvals.already_open');
    expect(await openingRequests()).toBe(count);
    // Opened by another path meanwhile (an import): the approval is refused and opens nothing.
    await createCustomer(ctx.handle.db, ctx.system, { kind: 'corporate', name: '青岛重复开户有限公司（导入）', creditCode: code, institutionId: ctx.bank.subA1 } as never, 'import');
    expectProblem(await reviewer.post(`/api/approvals/${sent.json().requestId}/approve`, { step: 1 }), 409, 'customers.exists');
    expect(await customersNamed('青岛重复开户有限公司')).toEqual([]);
    expect((await reviewer.get(`/api/approvals/${sent.json().requestId}`)).json().status).toBe('pending');
  });

  it("a customer manager's opening makes him its primary manager when approved", async () => {
    const sent = await mgr.post('/api/customers', company('青岛经理开户有限公司'));
    expect(sent.statusCode, sent.body).toBe(202);
    expect((await reviewer.post(`/api/approvals/${sent.json().requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    const [c] = await customersNamed('青岛经理开户有限公司');
    const managers = await ctx.handle.db.selectFrom('customer_manager').select(['user_id', 'role']).where('customer_id', '=', c!.id).execute();
    expect(managers).toEqual([{ user_id: mgrId, role: 'primary' }]);
    expect((await mgr.get(`/api/customers/${c!.id}`)).statusCode).toBe(200);
  });

  it('refuses hostile input before any request is made', async () => {
    const count = await openingRequests();
    expectProblem(await clerk.post('/api/customers', { kind: 'corporate', name: '' }), 400);
    expectProblem(await clerk.post('/api/customers', { kind: 'corporate', name: '多余字段有限公司', extra: 1 }), 400);
    expectProblem(await clerk.post('/api/customers', company('他行机构有限公司', creditCode(), { institutionId: ctx.bank.subB1 })), 422);
    expectProblem(await clerk.post('/api/customers', company('坏代码有限公司', '91370200MA00000000')), 422);
    expectProblem(await clerk.post('/api/customers', company('坏代表有限公司', creditCode(), { legalRepCustomerId: 999999 })), 422);
    expect(await openingRequests()).toBe(count);
  });
});
