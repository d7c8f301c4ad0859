// The approval engine through its HTTP API on a real database, with its first type (customer
// deletion): maker ≠ checker at every step, one person one step, scope and role of the checker,
// two checkers at once, returned and withdrawn requests, stale data, batch approval, the inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../common/business-date.ts';
import { residentIdCheckDigit } from '../../common/validators/resident-id.ts';
import { addWorkingDays } from '../calendar/calendar.service.ts';
import { addDays } from '../calendar/working-days.ts';
import { auditSince, createTestContext, expectProblem, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let clerk: Client;        // data-entry clerk at A1: the maker
let reviewer: Client;     // data-review clerk at A1: step 1
let reviewer2: Client;    // a second review clerk at A1
let head: Client;         // institution head at A1: step 2
let both: Client;         // holds both step roles at A1
let makerChecker: Client; // entry and review roles at once at A1
let reviewerB1: Client;   // review clerk of another branch
let branchReviewer: Client; // review clerk at branch A: A1 lies in his charge
let seq = 100;

const residentId = (birth: string, n: number) => {
  const body = `370202${birth}${String(n).padStart(3, '0')}`;
  return body + residentIdCheckDigit(body);
};
async function openCustomer(by: Client = clerk, name = '审批测试客户') {
  const res = await by.post('/api/customers', { kind: 'personal', name, identities: [{ idType: '10', idNumber: residentId('19800101', ++seq) }] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
const requestDelete = (by: Client, id: number, reason = '客户要求注销', headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'DELETE', url: `/api/customers/${id}`, headers: { cookie: by.cookie, 'x-csrf-token': by.csrf, ...headers }, payload: { reason } });
async function submitted(by: Client = clerk) {
  const customerId = await openCustomer(by);
  const res = await requestDelete(by, customerId);
  expect(res.statusCode, res.body).toBe(202);
  return { customerId, requestId: res.json().requestId as number };
}
const statusOf = async (customerId: number) =>
  (await ctx.handle.db.selectFrom('customer').select('status').where('id', '=', customerId).executeTakeFirstOrThrow()).status;
const inboxIds = async (c: Client, q = '') => ((await c.get(`/api/approvals/inbox${q}`)).json().items as { id: number }[]).map((i) => i.id);

beforeAll(async () => {
  ctx = await createTestContext();
  const { subA1, subB1, branchA } = ctx.bank;
  await ctx.addUser('ap_clerk', subA1, ['data_entry_clerk']);
  await ctx.addUser('ap_review', subA1, ['data_review_clerk']);
  await ctx.addUser('ap_review2', subA1, ['data_review_clerk']);
  await ctx.addUser('ap_head', subA1, ['institution_head']);
  await ctx.addUser('ap_both', subA1, ['data_review_clerk', 'institution_head']);
  await ctx.addUser('ap_maker_checker', subA1, ['data_entry_clerk', 'data_review_clerk', 'institution_head']);
  await ctx.addUser('ap_review_b1', subB1, ['data_review_clerk', 'institution_head']);
  await ctx.addUser('ap_review_branch', branchA, ['data_review_clerk']);
  [clerk, reviewer, reviewer2, head, both, makerChecker, reviewerB1, branchReviewer] = await Promise.all(
    ['ap_clerk', 'ap_review', 'ap_review2', 'ap_head', 'ap_both', 'ap_maker_checker', 'ap_review_b1', 'ap_review_branch'].map((u) => ctx.login(u)));
});
afterAll(() => ctx?.close());

describe('a customer deletion under review', () => {
  it('counts each step\'s due date in working days of the calendar: holidays in the way move it', async () => {
    const today = businessToday();
    const [plain1, plain2] = [await addWorkingDays(ctx.handle.db, today, 2), await addWorkingDays(ctx.handle.db, today, 3)];
    // Every weekday up to the later plain due date becomes a holiday, so both due dates move.
    const days: string[] = [];
    for (let d = addDays(today, 1); d <= plain2; d = addDays(d, 1)) if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) days.push(d);
    const added = (await ctx.handle.db.insertInto('calendar_day').values(days.map((day) => ({ day, kind: 'holiday' as const, name: '测试假日' })))
      .onConflict((oc) => oc.column('day').doNothing()).returning('day').execute()).map((r) => r.day);
    try {
      const [due1, due2] = [await addWorkingDays(ctx.handle.db, today, 2), await addWorkingDays(ctx.handle.db, today, 3)];
      expect(due1 > plain1 && due2 > plain2).toBe(true);
      const { requestId } = await submitted();
      const dueOn = async () => (await ctx.handle.db.selectFrom('approval_request').select('due_on').where('id', '=', requestId).executeTakeFirstOrThrow()).due_on;
      expect(await dueOn()).toBe(due1);
      expect((await reviewer.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
      expect(await dueOn()).toBe(due2);
    } finally {
      if (added.length) await ctx.handle.db.deleteFrom('calendar_day').where('day', 'in', added).execute();
    }
  });

  it('is a pending request until its last step approves; then the customer is deleted with the checker and maker in history and audit', async () => {
    const customerId = await openCustomer();
    const res = await requestDelete(clerk, customerId, '客户来函<b>注销</b>𠮷');
    expect(res.statusCode, res.body).toBe(202);
    const { requestId, step, stepCount } = res.json();
    expect({ step, stepCount }).toEqual({ step: 1, stepCount: 2 });
    expect(await statusOf(customerId)).toBe('active');
    expect(await inboxIds(reviewer)).toContain(requestId);
    expect(await inboxIds(head)).not.toContain(requestId); // step 2's role, not yet its turn
    expect(await inboxIds(clerk)).not.toContain(requestId);

    const detail = (await reviewer.get(`/api/approvals/${requestId}`)).json();
    expect(detail).toMatchObject({ type: 'customer.delete', status: 'pending', step: 1, stepCount: 2, can: { decide: true, withdraw: false } });
    expect(detail.changes).toEqual([{ field: 'status', old: 'active', new: 'deleted' }, { field: 'statusReason', old: null, new: '客户来函<b>注销</b>𠮷' }]);
    expect(detail.steps.map((s: { roleCode: string }) => s.roleCode)).toEqual(['data_review_clerk', 'institution_head']);

    const before = await lastAuditId(ctx);
    expect((await reviewer.post(`/api/approvals/${requestId}/approve`, { step: 1 })).json()).toMatchObject({ status: 'pending', step: 2 });
    expect(await statusOf(customerId)).toBe('active');
    expect(await inboxIds(head)).toContain(requestId);
    const done = await head.post(`/api/approvals/${requestId}/approve`, { step: 2, reason: '同意' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'approved', result: { customerId, status: 'deleted' } });
    expect(await statusOf(customerId)).toBe('deleted');

    const audit = await auditSince(ctx, before);
    expect(audit.map((a) => a.action)).toEqual(['approval.approve', 'customer.delete', 'approval.approve']);
    const headId = (await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', 'ap_head').executeTakeFirstOrThrow()).id;
    const makerId = (await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', 'ap_clerk').executeTakeFirstOrThrow()).id;
    expect(audit[1]).toMatchObject({ actor_id: headId, entity_id: String(customerId), after: { status: 'deleted', approvalRequestId: requestId, makerId } });
    const history = await ctx.handle.db.selectFrom('customer_history').selectAll().where('customer_id', '=', customerId).where('field', '=', 'status').execute();
    expect(history).toEqual([expect.objectContaining({ old_value: 'active', new_value: 'deleted', changed_by: headId })]);
    const final = (await clerk.get(`/api/approvals/${requestId}`)).json();
    expect(final.history.map((h: { decision: string; username: string }) => `${h.decision}:${h.username}`)).toEqual(['submit:ap_clerk', 'approve:ap_review', 'approve:ap_head']);
    expect(final.history[2].reason).toBe('同意');
    expect(await inboxIds(head)).not.toContain(requestId);
  });

  it('refuses a second request for the same customer while one is open, in the reader\'s language', async () => {
    const { customerId, requestId } = await submitted();
    const again = expectProblem(await requestDelete(clerk, customerId), 409, 'approvals.already_open');
    expect(again.title).toContain(`（编号 ${requestId}）`); // the request's number, not the HTTP request id
    expect(again.title).toContain('删除客户');
    const en = expectProblem(await requestDelete(clerk, customerId, 'x', { 'accept-language': 'en-US' }), 409, 'approvals.already_open');
    expect(en.title).toContain('customer deletion'); expect(en.title).toContain(`(no. ${requestId})`);
  });
});

describe('who may decide', () => {
  it('refuses the maker as checker, at every step, through the API', async () => {
    const { requestId } = await submitted(makerChecker);
    const step1 = expectProblem(await makerChecker.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 403, 'approvals.maker_is_checker');
    expect(step1.title).toBe('经办人不能审批自己提交的申请（经办与复核不能为同一人）');
    expect(await inboxIds(makerChecker)).not.toContain(requestId);
    expectProblem(await makerChecker.post(`/api/approvals/${requestId}/return`, { step: 1, reason: '自己退回' }), 403, 'approvals.maker_is_checker');
    expect((await reviewer.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expectProblem(await makerChecker.post(`/api/approvals/${requestId}/approve`, { step: 2 }, { 'accept-language': 'en-US' }), 403, 'approvals.maker_is_checker');
    const rows = await ctx.handle.db.selectFrom('approval_request').select(['status', 'current_step']).where('id', '=', requestId).executeTakeFirstOrThrow();
    expect(rows).toEqual({ status: 'pending', current_step: 2 });
  });

  it('refuses the same person at two steps', async () => {
    const { customerId, requestId } = await submitted();
    expect((await both.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expect(await inboxIds(both)).not.toContain(requestId);
    const p = expectProblem(await both.post(`/api/approvals/${requestId}/approve`, { step: 2 }), 403, 'approvals.same_person_two_steps');
    expect(p.title).toContain('第 1 步');
    expect(await statusOf(customerId)).toBe('active');
    expect((await head.post(`/api/approvals/${requestId}/approve`, { step: 2 })).statusCode).toBe(200);
    expect(await statusOf(customerId)).toBe('deleted');
  });

  it('refuses the same person at two steps sent at once: step 1 passes, step 2 is refused either way, nothing applied', async () => {
    const { customerId, requestId } = await submitted();
    const [first, second] = await Promise.all([
      both.post(`/api/approvals/${requestId}/approve`, { step: 1 }),
      both.post(`/api/approvals/${requestId}/approve`, { step: 2 }),
    ]);
    expect(first.statusCode).toBe(200);
    // Step 2 reached the request before step 1 moved it (moved on), or after (the same person).
    expect([409, 403]).toContain(second.statusCode);
    expect(['approvals.moved_on', 'approvals.same_person_two_steps']).toContain(second.json().code);
    expect(await statusOf(customerId)).toBe('active');
    const decisions = await ctx.handle.db.selectFrom('approval_decision').select(['step_no', 'decision']).where('request_id', '=', requestId).orderBy('id').execute();
    expect(decisions).toEqual([{ step_no: 1, decision: 'submit' }, { step_no: 1, decision: 'approve' }]);
  });

  it('refuses a checker out of scope (not found) and one without the step role; a reviewer above the maker may act', async () => {
    const { requestId } = await submitted();
    expectProblem(await reviewerB1.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 404, 'common.not_found');
    expectProblem(await reviewerB1.get(`/api/approvals/${requestId}`), 404);
    expect(await inboxIds(reviewerB1)).not.toContain(requestId);
    const role = expectProblem(await head.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 403, 'approvals.role_required');
    expect(role.title).toBe('本步骤须由“信息复核岗”审批，您没有该岗位');
    expect(await inboxIds(branchReviewer)).toContain(requestId);
    expect((await branchReviewer.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
  });

  it('refuses a checker who is not a person (the system; tokens likewise)', async () => {
    const { requestId } = await submitted();
    const system = ctx.system;
    const { decide } = await import('./approval.service.ts');
    await expect(decide(ctx.handle.db, system, requestId, { decision: 'approve', step: 1 })).rejects.toMatchObject({ code: 'approvals.person_only' });
  });
});

describe('two checkers at once', () => {
  it('lets exactly one of two simultaneous approvals of a step win, and one of two final approvals apply', async () => {
    for (let round = 0; round < 3; round++) {
      const { customerId, requestId } = await submitted();
      const first = await Promise.all([reviewer, reviewer2].map((c) => c.post(`/api/approvals/${requestId}/approve`, { step: 1 })));
      expect(first.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expectProblem(first.find((r) => r.statusCode === 409)!, 409, 'approvals.moved_on');
      const last = await Promise.all([head, both].map((c) => c.post(`/api/approvals/${requestId}/approve`, { step: 2 })));
      expect(last.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(await statusOf(customerId)).toBe('deleted');
      const decisions = await ctx.handle.db.selectFrom('approval_decision').select(['step_no', 'decision']).where('request_id', '=', requestId).orderBy('id').execute();
      expect(decisions).toEqual([{ step_no: 1, decision: 'submit' }, { step_no: 1, decision: 'approve' }, { step_no: 2, decision: 'approve' }]);
      const history = await ctx.handle.db.selectFrom('customer_history').select('id').where('customer_id', '=', customerId).where('field', '=', 'status').execute();
      expect(history).toHaveLength(1);
    }
  });

  it('refuses a decision on a step the request has left, and on a request already ended', async () => {
    const { requestId } = await submitted();
    expect((await reviewer.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expectProblem(await reviewer2.post(`/api/approvals/${requestId}/return`, { step: 1, reason: '旧页面' }), 409, 'approvals.moved_on');
    expect((await head.post(`/api/approvals/${requestId}/reject`, { step: 2, reason: '不同意注销' })).json().status).toBe('rejected');
    expectProblem(await both.post(`/api/approvals/${requestId}/approve`, { step: 2 }), 409, 'approvals.moved_on');
    expectProblem(await clerk.post(`/api/approvals/${requestId}/withdraw`, {}), 409, 'approvals.moved_on');
  });
});

describe('returned, resubmitted, withdrawn', () => {
  it('keeps the customer as he is when returned; the maker sees the reason, resubmits or withdraws', async () => {
    const { customerId, requestId } = await submitted();
    expectProblem(await reviewer.post(`/api/approvals/${requestId}/return`, { step: 1 }), 400);
    expectProblem(await reviewer.post(`/api/approvals/${requestId}/return`, { step: 1, reason: '   ' }), 400);
    expect((await reviewer.post(`/api/approvals/${requestId}/return`, { step: 1, reason: '请补充客户来函' })).json().status).toBe('returned');
    expect(await statusOf(customerId)).toBe('active');
    expect((await clerk.get('/api/approvals/count')).json().returnedToMe).toBeGreaterThanOrEqual(1);
    const mine = (await clerk.get('/api/approvals/mine?status=returned')).json().items;
    expect(mine.map((i: { id: number }) => i.id)).toContain(requestId);
    const detail = (await clerk.get(`/api/approvals/${requestId}`)).json();
    expect(detail.history.at(-1)).toMatchObject({ decision: 'return', reason: '请补充客户来函', username: 'ap_review' });
    expect(detail.can).toEqual({ decide: false, withdraw: true, resubmit: true });
    expectProblem(await reviewer.post(`/api/approvals/${requestId}/resubmit`, {}), 403, 'approvals.not_maker');
    expectProblem(await clerk.post(`/api/approvals/${requestId}/resubmit`, { payload: { customerId: customerId + 1000, reason: '别的客户' } }), 404);

    expect((await clerk.post(`/api/approvals/${requestId}/resubmit`, {})).json()).toMatchObject({ status: 'pending', step: 1, round: 2 });
    // A new round: the reviewer who returned it may review it again.
    expect((await reviewer.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expectProblem(await reviewer2.post(`/api/approvals/${requestId}/withdraw`, {}), 403, 'approvals.not_maker');
    expect((await clerk.post(`/api/approvals/${requestId}/withdraw`, { reason: '客户改变主意' })).json().status).toBe('withdrawn');
    expect(await statusOf(customerId)).toBe('active');
    expect(await inboxIds(head)).not.toContain(requestId);
    // Ended: a new request for the same customer may be made.
    expect((await requestDelete(clerk, customerId)).statusCode).toBe(202);
  });
});

describe('applying against changed data', () => {
  it('refuses the last approval when the customer changed after submission, and changes nothing', async () => {
    const { customerId, requestId } = await submitted();
    expect((await reviewer.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    const patched = await clerk.patch(`/api/customers/${customerId}`, { version: 1, mobile: '13912345678' });
    expect(patched.statusCode, patched.body).toBe(200);
    const before = await lastAuditId(ctx);
    const zh = expectProblem(await head.post(`/api/approvals/${requestId}/approve`, { step: 2 }), 409, 'approvals.stale');
    expect(zh.title).toBe('申请提交后，相关数据已被修改（version），不能按原申请生效；请退回经办人核实后重新提交');
    const en = expectProblem(await head.post(`/api/approvals/${requestId}/approve`, { step: 2 }, { 'accept-language': 'en-US' }), 409, 'approvals.stale');
    expect(en.title).toMatch(/^The data this request was based on has changed/);
    expect(await statusOf(customerId)).toBe('active');
    expect(await auditSince(ctx, before)).toEqual([]);
    expect((await ctx.handle.db.selectFrom('approval_request').select(['status', 'current_step']).where('id', '=', requestId).executeTakeFirstOrThrow())).toEqual({ status: 'pending', current_step: 2 });
    // Returned and resubmitted, it is based on today's record and goes through.
    expect((await head.post(`/api/approvals/${requestId}/return`, { step: 2, reason: '客户信息已变更，请核实' })).statusCode).toBe(200);
    expect((await clerk.post(`/api/approvals/${requestId}/resubmit`, {})).statusCode).toBe(200);
    expect((await reviewer.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expect((await head.post(`/api/approvals/${requestId}/approve`, { step: 2 })).statusCode).toBe(200);
    expect(await statusOf(customerId)).toBe('deleted');
  });
  it('re-checks holdings at apply: an account opened since submission refuses the deletion, naming it', async () => {
    const { customerId, requestId } = await submitted();
    expect((await reviewer.post(`/api/approvals/${requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    // What the core's feed writes when the customer opens an account at the counter meanwhile.
    const db = ctx.handle.db;
    await db.insertInto('product').values({ id: '1010009999', name_zh: '活期存款', name_en: 'Demand deposit', category: 'deposit', currency: 'CNY' }).onConflict((oc) => oc.doNothing()).execute();
    await db.insertInto('account').values({ account_no: '6222020000009999001', customer_id: customerId, product_id: '1010009999', kind: 'deposit_demand', currency: 'CNY',
      institution_id: ctx.bank.subA1, opened_on: '2025-01-02', balance: '10.00' }).execute();
    const p = expectProblem(await head.post(`/api/approvals/${requestId}/approve`, { step: 2 }), 422, 'common.validation');
    expect(p.errors![0]).toMatchObject({ code: 'customers.delete_holdings', message: '客户仍有业务，不能删除：未销户账户 1 个、未结清贷款 0 笔、有效签约 0 项、未处理预警 0 条' });
    expect(await statusOf(customerId)).toBe('active');
    expect((await db.selectFrom('approval_request').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status).toBe('pending');
  });
});

describe('batch approval', () => {
  it('approves each item on its own and reports every refused one with its reason', async () => {
    const ok1 = await submitted();
    const ok2 = await submitted();
    const own = await submitted(makerChecker);
    const movedOn = await submitted();
    expect((await reviewer2.post(`/api/approvals/${movedOn.requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    const before = await lastAuditId(ctx);
    const res = await makerChecker.post('/api/approvals/batch-approve', { items: [
      { id: ok1.requestId, step: 1 }, { id: own.requestId, step: 1 }, { id: movedOn.requestId, step: 1 }, { id: 999999, step: 1 }, { id: ok2.requestId, step: 1 },
    ] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ approved: 2, refused: 3 });
    expect(body.items).toEqual([
      { id: ok1.requestId, ok: true, status: 'pending' },
      { id: own.requestId, ok: false, status: null, code: 'approvals.maker_is_checker', message: '经办人不能审批自己提交的申请（经办与复核不能为同一人）' },
      { id: movedOn.requestId, ok: false, status: null, code: 'approvals.moved_on', message: expect.stringContaining('已被他人处理') },
      { id: 999999, ok: false, status: null, code: 'common.not_found', message: expect.stringContaining('审批申请') },
      { id: ok2.requestId, ok: true, status: 'pending' },
    ]);
    expect((await auditSince(ctx, before)).map((a) => `${a.action}:${a.entity_id}`)).toEqual([`approval.approve:${ok1.requestId}`, `approval.approve:${ok2.requestId}`]);
    for (const bad of [{ items: [] }, { items: Array.from({ length: 201 }, (_, i) => ({ id: i + 1, step: 1 })) }, { items: [{ id: '1; drop table approval_request', step: 1 }] }, { items: [{ id: 1, step: 0 }] }]) {
      expectProblem(await reviewer.post('/api/approvals/batch-approve', bad), 400);
    }
  });
});

describe('the inbox', () => {
  it('lists my actionable steps in due order, counts them, filters by type, and refuses hostile queries', async () => {
    const fresh = await ctx.addUser('ap_inbox_review', ctx.bank.subA2, ['data_review_clerk']);
    expect(fresh).toBeGreaterThan(0);
    const me = await ctx.login('ap_inbox_review');
    await ctx.addUser('ap_clerk_a2', ctx.bank.subA2, ['data_entry_clerk']);
    const clerkA2 = await ctx.login('ap_clerk_a2');
    const a = await submitted(clerkA2);
    const b = await submitted(clerkA2);
    expect(await inboxIds(me)).toEqual([a.requestId, b.requestId]);
    expect((await me.get('/api/approvals/count')).json()).toEqual({ pending: 2, overdue: 0, returnedToMe: 0 });
    const page = (await me.get('/api/approvals/inbox?pageSize=1')).json();
    expect(page).toMatchObject({ hasMore: true, items: [{ id: a.requestId, type: 'customer.delete', maker: 'ap_clerk_a2', step: 1, stepCount: 2, overdue: false }] });
    expect(page.items[0].subject.label).toMatch(/^审批测试客户（\d{11}）$/);
    expect(await inboxIds(me, '?type=customer.delete')).toHaveLength(2);
    expect(await inboxIds(me, `?type=${encodeURIComponent("x' or '1'='1")}`)).toEqual([]);
    for (const q of ['?pageSize=0', '?page=abc', `?type=${'t'.repeat(61)}`, '?status=pending']) expect((await me.get(`/api/approvals/inbox${q}`)).statusCode, q).toBe(400);
    // Sub-branch A1's reviewers do not see A2's requests.
    expect(await inboxIds(reviewer)).not.toContain(a.requestId);
  });
});

describe('the steps as data', () => {
  it('lets the head-office administrator change a level\'s steps (audited), used by new requests only; refuses others and unknown roles', async () => {
    await ctx.addUser('ap_hq_admin', ctx.bank.ho, ['head_office_admin']);
    await ctx.addUser('ap_branch_admin', ctx.bank.branchA, ['branch_admin']);
    const hq = await ctx.login('ap_hq_admin');
    const branchAdmin = await ctx.login('ap_branch_admin');
    const pending = await submitted();
    expect((await hq.get('/api/approvals/steps')).json().filter((s: { workflowType: string }) => s.workflowType === 'customer.delete')).toHaveLength(4);
    expectProblem(await branchAdmin.put('/api/approvals/steps/customer.delete/3', { steps: [] }), 403);
    expectProblem(await hq.put('/api/approvals/steps/customer.delete/3', { steps: [{ roleCode: 'no_such_role', actingInstitution: 'own', timeLimitDays: 1 }] }), 422, 'common.validation');
    expectProblem(await hq.put('/api/approvals/steps/no.such.type/3', { steps: [] }), 422);
    expectProblem(await hq.put('/api/approvals/steps/customer.delete/0', { steps: [] }), 422);
    const before = await lastAuditId(ctx);
    // Sub-branches (level 3): one step, the review clerk of the branch above.
    expect((await hq.put('/api/approvals/steps/customer.delete/3', { steps: [{ roleCode: 'data_review_clerk', actingInstitution: 'parent', timeLimitDays: 1 }] })).statusCode).toBe(200);
    expect((await auditSince(ctx, before)).map((a) => a.action)).toEqual(['approval.steps.set']);
    const fresh = await submitted();
    expect(await inboxIds(reviewer)).not.toContain(fresh.requestId); // A1's reviewer is below the acting branch
    expect(await inboxIds(branchReviewer)).toContain(fresh.requestId);
    expect((await branchReviewer.post(`/api/approvals/${fresh.requestId}/approve`, { step: 1 })).json().status).toBe('approved');
    // The request submitted before the change keeps its two steps.
    expect((await reviewer.get(`/api/approvals/${pending.requestId}`)).json().stepCount).toBe(2);
    expect((await hq.put('/api/approvals/steps/customer.delete/3', { steps: [] })).statusCode).toBe(200);
    expect((await submitted()).requestId).toBeGreaterThan(fresh.requestId);
  });
});

describe('the badge count', () => {
  it('equals the inbox for every reviewer — own requests, steps already approved and overdue ones included', async () => {
    // A step past its due date (time passing), a request of a checker who also reviews, one half-approved by 'both'.
    const late = await submitted();
    await ctx.handle.db.updateTable('approval_request').set({ due_on: '2020-01-06' }).where('id', '=', late.requestId).execute();
    await submitted(makerChecker);
    const half = await submitted();
    expect((await both.post(`/api/approvals/${half.requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    for (const c of [reviewer, reviewer2, head, both, makerChecker, reviewerB1, branchReviewer, clerk]) {
      const items: { overdue: boolean }[] = [];
      for (let page = 1; ; page++) {
        const r = (await c.get(`/api/approvals/inbox?pageSize=100&page=${page}`)).json();
        items.push(...r.items);
        if (!r.hasMore) break;
      }
      const count = (await c.get('/api/approvals/count')).json();
      expect({ pending: count.pending, overdue: count.overdue }).toEqual({ pending: items.length, overdue: items.filter((i) => i.overdue).length });
    }
    expect((await reviewer.get('/api/approvals/count')).json().overdue).toBeGreaterThanOrEqual(1);
    const counted = await ctx.handle.db.selectFrom('approval_queue_count').select((eb) => eb.fn.sum<number>('n').as('n')).executeTakeFirstOrThrow();
    const pending = await ctx.handle.db.selectFrom('approval_request').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(Number(pending.n));
  });
});
