// REL-22 transfer of primary rights through the approval engine, against a real database and the
// HTTP API: the manager applies, the transferring-out institution's head is consulted only across
// institutions, the receiving institution's 客户转移审批生效岗 approves, the branch's 客户转移确认
// 生效岗 confirms; rejection at each step; maker ≠ checker; one person one step; scope; stale;
// a departing manager's whole book as one request, all or nothing; a future effective date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, expectProblem, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { bulkInsertCustomers } from '../../customers/import/bulk-insert.ts';
import { businessToday } from '../../../common/business-date.ts';
import { moveDueTransferInstitutions } from './transfer.apply.ts';

let ctx: TestContext;
let assigner: Client; let mgr: Client; let mgrB: Client; let headA1: Client; let headA2: Client; let approver: Client; let confirmer: Client;
let both: Client; let approverB: Client; let headApprover: Client; let admin: Client;
let mgrId: number; let mgr2Id: number; let mgrA2Id: number; let clerkId: number;
let seq = 0;
const today = businessToday();
const dayAfter = (d: string, n = 1) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Customers opened at sub-branch A1 and given to `managerId` as primary (their institution follows him). */
async function book(managerId: number, n = 1): Promise<number[]> {
  const ids = await ctx.handle.db.transaction().execute(async (tx) =>
    (await bulkInsertCustomers(tx, ctx.system, Array.from({ length: n }, () => ({ kind: 'corporate' as const, name: `移交测试${String(++seq).padStart(3, '0')}有限公司`, institutionId: ctx.bank.subA1, values: {} })), { flagDuplicates: false })).ids);
  const res = await assigner.post('/api/customer-assignments', { selection: { customerIds: ids }, managerId, role: 'primary', expectedCount: ids.length });
  expect(res.statusCode, res.body).toBe(201);
  return ids;
}
const body = (customerIds: number[], extra: Record<string, unknown> = {}) =>
  ({ selection: { customerIds }, fromManagerId: mgrId, toManagerId: mgr2Id, effectiveOn: today, reason: '客户经理岗位调整', ...extra });
async function apply(by: Client, b: Record<string, unknown>) {
  const res = await by.post('/api/customer-transfers', b);
  expect(res.statusCode, res.body).toBe(202);
  return res.json() as { requestId: number; step: number; stepCount: number; role: string; count: number };
}
const decide = (by: Client, id: number, decision: 'approve' | 'reject' | 'return', step: number, reason?: string) =>
  by.post(`/api/approvals/${id}/${decision}`, { step, ...(reason ? { reason } : {}) });
async function approveOk(by: Client, id: number, step: number) {
  const res = await decide(by, id, 'approve', step);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
/** Every primary relation of the customer, oldest first: [user, since, ends_on]. */
const primaries = async (id: number) => (await ctx.handle.db.selectFrom('customer_manager').select(['user_id', 'since', 'ends_on'])
  .where('customer_id', '=', id).where('role', '=', 'primary').orderBy('id').execute()).map((r) => [r.user_id, r.since, r.ends_on]);
const primaryOn = async (id: number, day: string) => (await ctx.handle.db.selectFrom('customer_manager').select('user_id').where('customer_id', '=', id)
  .where('role', '=', 'primary').where('since', '<=', day).where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', day)])).execute()).map((r) => r.user_id);
const institutionOf = async (id: number) => (await ctx.handle.db.selectFrom('customer').select('institution_id').where('id', '=', id).executeTakeFirstOrThrow()).institution_id;
const listed = async (by: Client) => ((await by.get('/api/customers?pageSize=200')).json().items as { id: number }[]).map((c) => Number(c.id));

beforeAll(async () => {
  ctx = await createTestContext();
  const { teamA1, subA1, subA2, subB1, branchA, branchB, ho } = ctx.bank;
  await ctx.addUser('tr_assigner', branchA, ['customer_assignment']);
  mgrId = await ctx.addUser('tr_mgr', teamA1, ['primary_manager']);
  mgr2Id = await ctx.addUser('tr_mgr2', teamA1, ['primary_manager']);
  mgrA2Id = await ctx.addUser('tr_mgr_a2', subA2, ['primary_manager']);
  await ctx.addUser('tr_mgr_b', subB1, ['primary_manager']);
  clerkId = await ctx.addUser('tr_clerk', subA1, ['data_entry_clerk']);
  await ctx.addUser('tr_head_a1', subA1, ['institution_head']);
  await ctx.addUser('tr_head_a2', subA2, ['institution_head']);
  await ctx.addUser('tr_approve', branchA, ['transfer_approval']);
  await ctx.addUser('tr_confirm', branchA, ['transfer_confirmation']);
  await ctx.addUser('tr_both', branchA, ['transfer_approval', 'transfer_confirmation']);
  await ctx.addUser('tr_approve_b', branchB, ['transfer_approval']);
  await ctx.addUser('tr_head_approve', branchA, ['institution_head', 'transfer_approval']);
  await ctx.addUser('tr_admin', ho, ['head_office_admin']);
  [assigner, mgr, mgrB, headA1, headA2, approver, confirmer, both, approverB, headApprover, admin] = await Promise.all(
    ['tr_assigner', 'tr_mgr', 'tr_mgr_b', 'tr_head_a1', 'tr_head_a2', 'tr_approve', 'tr_confirm', 'tr_both', 'tr_approve_b', 'tr_head_approve', 'tr_admin'].map((u) => ctx.login(u)));
});
afterAll(async () => ctx?.close());

describe('the whole path', () => {
  it('within one institution: approve, confirm; the old primary ends, the new one begins, audited with maker and checker', async () => {
    const [c] = await book(mgrId);
    // The receiving manager assists on the customer already: the transfer promotes him.
    expect((await assigner.post('/api/customer-assignments', { selection: { customerIds: [c] }, managerId: mgr2Id, role: 'assisting', expectedCount: 1 })).statusCode).toBe(201);
    const req = await apply(mgr, body([c!]));
    expect(req).toMatchObject({ step: 1, stepCount: 2, role: 'transfer_approval', count: 1 });
    // The reviewer sees the customer, from → to and the date.
    const shown = (await approver.get(`/api/approvals/${req.requestId}`)).json();
    const change = (f: string) => shown.changes.find((x: { field: string }) => x.field === f);
    expect(change('primaryManager')).toMatchObject({ old: expect.stringContaining('tr_mgr'), new: expect.stringContaining('tr_mgr2') });
    expect(change('transferCustomers').new).toContain('移交测试');
    expect(change('effectiveOn').new).toBe(today);
    expect(shown.steps.map((s: { roleCode: string; actingInstitution: string }) => [s.roleCode, s.actingInstitution]))
      .toEqual([['transfer_approval', 'receiving'], ['transfer_confirmation', 'receiving']]);
    await approveOk(approver, req.requestId, 1);
    expect(await primaryOn(c!, today)).toEqual([mgrId]);
    const from = await lastAuditId(ctx);
    expect((await approveOk(confirmer, req.requestId, 2)).status).toBe('approved');
    expect(await primaries(c!)).toEqual([[mgrId, today, today], [mgr2Id, today, null]]);
    const assisting = await ctx.handle.db.selectFrom('customer_manager').select(['ends_on', 'end_reason']).where('customer_id', '=', c!).where('role', '=', 'assisting').executeTakeFirstOrThrow();
    expect(assisting).toEqual({ ends_on: today, end_reason: `transfer ${req.requestId}` });
    const view = (await mgr.get(`/api/customers/${c}`));
    expect(view.statusCode).toBe(404); // no longer his customer
    const seen = (await ctx.login('tr_mgr2')).get(`/api/customers/${c}`);
    expect((await seen).json().managers.map((m: { id: number; role: string }) => [m.id, m.role])).toEqual([[mgr2Id, 'primary']]);
    const audit = (await auditSince(ctx, from)).find((a) => a.action === 'customer.transfer')!;
    expect(audit.after).toMatchObject({ approvalRequestId: Number(req.requestId), customerIds: [c], fromManagerId: mgrId, toManagerId: mgr2Id, effectiveOn: today });
    expect((audit.after as { makerId: number }).makerId).toBe(mgrId);
    const batch = await ctx.handle.db.selectFrom('customer_assignment').selectAll().where('approval_request_id', '=', Number(req.requestId)).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ maker_id: mgrId, manager_id: mgr2Id, role: 'primary', customer_count: 1 });
    expect(batch.institution_moved_at).not.toBeNull();
  });

  it('across institutions the transferring-out head is consulted first; the customer moves to the receiving institution', async () => {
    const [c] = await book(mgrId);
    const req = await apply(mgr, body([c!], { toManagerId: mgrA2Id }));
    expect(req).toMatchObject({ stepCount: 3, role: 'institution_head' });
    // Step 1 acts at the transferring-out institution (team A1): sub-branch A2's head neither sees nor decides it.
    expectProblem(await decide(headA2, req.requestId, 'approve', 1), 404, 'common.not_found');
    await approveOk(headA1, req.requestId, 1);
    // Step 2 acts at the receiving institution (sub-branch A2): branch B's approver cannot.
    expect([403, 404]).toContain((await decide(approverB, req.requestId, 'approve', 2)).statusCode);
    await approveOk(approver, req.requestId, 2);
    await approveOk(confirmer, req.requestId, 3);
    expect(await primaryOn(c!, today)).toEqual([mgrA2Id]);
    expect(await institutionOf(c!)).toBe(ctx.bank.subA2);
    expect(await listed(headA2)).toContain(c);
    expect(await listed(headA1)).not.toContain(c);
  });
});

describe('refusals on the way', () => {
  it('rejection at each step, with a reason, changes nothing; a new application may follow', async () => {
    const [c] = await book(mgrId);
    for (const step of [1, 2, 3]) {
      const req = await apply(mgr, body([c!], { toManagerId: mgrA2Id }));
      const deciders = [headA1, approver, confirmer];
      for (let s = 1; s < step; s++) await approveOk(deciders[s - 1]!, req.requestId, s);
      expect((await decide(deciders[step - 1]!, req.requestId, 'reject', step)).statusCode).toBe(400);
      const res = await decide(deciders[step - 1]!, req.requestId, 'reject', step, `第 ${step} 步不同意：客户关系稳定`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('rejected');
      expect(await primaries(c!)).toEqual([[mgrId, today, null]]);
      expect(await institutionOf(c!)).toBe(ctx.bank.teamA1);
    }
  });

  it('returned to the maker, resubmitted as it was, and confirmed', async () => {
    const [c] = await book(mgrId);
    const req = await apply(mgr, body([c!]));
    expect((await decide(approver, req.requestId, 'return', 1, '请补充交接安排')).json().status).toBe('returned');
    expect(await primaries(c!)).toEqual([[mgrId, today, null]]);
    // Still open while returned: another application for the customer is refused.
    expectProblem(await headA1.post('/api/customer-transfers', body([c!])), 409, 'approvals.already_open');
    const again = await mgr.post(`/api/approvals/${req.requestId}/resubmit`, {});
    expect(again.statusCode, again.body).toBe(200);
    await approveOk(approver, req.requestId, 1);
    await approveOk(confirmer, req.requestId, 2);
    expect(await primaryOn(c!, today)).toEqual([mgr2Id]);
  });

  it('maker ≠ checker, one person one step, a second open transfer of a customer refused', async () => {
    const [c1, c2] = await book(mgrId, 2);
    // A head who also holds the approval role files a transfer and may not approve it himself.
    const own = await apply(headApprover, body([c1!]));
    expectProblem(await decide(headApprover, own.requestId, 'approve', 1), 403, 'approvals.maker_is_checker');
    // The same customer again, alone or in a list: refused while the first is open.
    expectProblem(await mgr.post('/api/customer-transfers', body([c1!])), 409, 'approvals.already_open');
    expectProblem(await mgr.post('/api/customer-transfers', body([c2!, c1!])), 409, 'approvals.already_open');
    const req = await apply(mgr, body([c2!]));
    await approveOk(both, req.requestId, 1);
    expectProblem(await decide(both, req.requestId, 'approve', 2), 403, 'approvals.same_person_two_steps');
    expect(await primaries(c2!)).toEqual([[mgrId, today, null]]);
  });

  it('two applications naming one customer at once: one is filed, the other refused as already open', async () => {
    const [c1, c2, c3] = await book(mgrId, 3);
    const results = await Promise.all([
      mgr.post('/api/customer-transfers', body([c1!, c2!])),
      headA1.post('/api/customer-transfers', body([c2!, c3!], { toManagerId: mgrA2Id })),
    ]);
    expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body).join(' | ')).toEqual([202, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('approvals.already_open');
    const open = await ctx.handle.db.selectFrom('approval_request').select('payload').where('workflow_type', '=', 'customer.transfer')
      .where('status', '=', 'pending').execute();
    expect(open.filter((r) => (r.payload as { customerIds: number[] }).customerIds.includes(c2!))).toHaveLength(1);
  });

  it('out of scope: another branch\'s manager, a manager for someone else\'s customers, another branch\'s approver', async () => {
    const [c] = await book(mgrId);
    expect(expectProblem(await mgrB.post('/api/customer-transfers', body([c!], { fromManagerId: mgrId })), 422).errors![0]!.code).toBe('managers.transfer.own_customers_only');
    const bId = (await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', 'tr_mgr_b').executeTakeFirstOrThrow()).id;
    expect(expectProblem(await mgrB.post('/api/customer-transfers', body([c!], { fromManagerId: bId })), 422).errors![0]!.code).toBe('managers.transfer.customers_out_of_scope');
    // A head of another sub-branch does not hold team A1's customers.
    expect(expectProblem(await headA2.post('/api/customer-transfers', body([c!])), 422).errors![0]!.code).toBe('managers.transfer.customers_out_of_scope');
    // The head of A1 names the wrong transferring manager.
    expect(expectProblem(await headA1.post('/api/customer-transfers', body([c!], { fromManagerId: mgr2Id, toManagerId: mgrA2Id })), 422).errors![0]!.code).toBe('managers.transfer.not_primary');
    const req = await apply(headA1, body([c!]));
    expect([403, 404]).toContain((await decide(approverB, req.requestId, 'approve', 1)).statusCode);
    // Approvers and confirmers do not apply.
    expect((await confirmer.post('/api/customer-transfers', body([c!]))).statusCode).toBe(403);
  });

  it('stale: the primary changed since submission refuses the confirmation and changes nothing', async () => {
    const [c] = await book(mgrId);
    const req = await apply(mgr, body([c!]));
    await approveOk(approver, req.requestId, 1);
    const re = await assigner.post('/api/customer-assignments', { selection: { customerIds: [c] }, managerId: mgrA2Id, role: 'primary', expectedCount: 1 });
    expect(re.statusCode, re.body).toBe(201);
    const stale = await decide(confirmer, req.requestId, 'approve', 2);
    expectProblem(stale, 409, 'approvals.stale');
    expect(await primaryOn(c!, today)).toEqual([mgrA2Id]);
  });
});

describe('a departing manager and a date ahead', () => {
  it("a departing manager's whole book is one request listing every customer, moved all at once — or not at all when one is stale", async () => {
    const leaving = await ctx.addUser('tr_mgr_leaving', ctx.bank.teamA1, ['primary_manager']);
    const customers = await book(leaving, 3);
    await ctx.handle.db.updateTable('app_user').set({ status: 'left' }).where('id', '=', leaving).execute();
    const req = await apply(headA1, { selection: { allOfManager: true }, fromManagerId: leaving, toManagerId: mgr2Id, effectiveOn: today, reason: '客户经理离职，客户整体移交' });
    expect(req.count).toBe(3);
    const stored = (await approver.get(`/api/approvals/${req.requestId}`)).json();
    expect(stored.payload.customerIds).toEqual(customers);
    expect(stored.payload.wholeBook).toBe(true);
    await approveOk(approver, req.requestId, 1);
    await approveOk(confirmer, req.requestId, 2);
    for (const c of customers) expect(await primaryOn(c, today)).toEqual([mgr2Id]);
    expect((await headA1.post('/api/customer-transfers', { selection: { allOfManager: true }, fromManagerId: leaving, toManagerId: mgr2Id, effectiveOn: today, reason: '再次' })).json().errors[0].code)
      .toBe('managers.transfer.no_customers');

    // Another book; one of its customers is reassigned meanwhile: the confirmation moves none.
    const leaving2 = await ctx.addUser('tr_mgr_leaving2', ctx.bank.teamA1, ['primary_manager']);
    const book2 = await book(leaving2, 3);
    const req2 = await apply(headA1, { selection: { allOfManager: true }, fromManagerId: leaving2, toManagerId: mgr2Id, effectiveOn: today, reason: '离职移交' });
    await approveOk(approver, req2.requestId, 1);
    expect((await assigner.post('/api/customer-assignments', { selection: { customerIds: [book2[1]] }, managerId: mgrA2Id, role: 'primary', expectedCount: 1 })).statusCode).toBe(201);
    const stale = await decide(confirmer, req2.requestId, 'approve', 2);
    expectProblem(stale, 409, 'approvals.stale');
    expect(stale.json().detail ?? stale.body).toContain(`customer_${book2[1]}`);
    expect(await primaryOn(book2[0]!, today)).toEqual([leaving2]);
    expect(await primaryOn(book2[2]!, today)).toEqual([leaving2]);
  });

  it('effective tomorrow: nothing changes today; the new primary and the institution take over on the day', async () => {
    const [c] = await book(mgrId);
    const tomorrow = dayAfter(today);
    const req = await apply(mgr, body([c!], { toManagerId: mgrA2Id, effectiveOn: tomorrow }));
    await approveOk(headA1, req.requestId, 1);
    await approveOk(approver, req.requestId, 2);
    const done = await approveOk(confirmer, req.requestId, 3);
    expect(done.status).toBe('approved');
    expect(await primaries(c!)).toEqual([[mgrId, today, tomorrow], [mgrA2Id, tomorrow, null]]);
    expect(await primaryOn(c!, today)).toEqual([mgrId]);
    expect(await primaryOn(c!, tomorrow)).toEqual([mgrA2Id]);
    expect(await institutionOf(c!)).toBe(ctx.bank.teamA1);
    expect(await listed(mgr)).toContain(c);
    expect(await listed(await ctx.login('tr_mgr_a2'))).not.toContain(c);
    expect(await listed(headA2)).not.toContain(c);
    // A further transfer before the day is refused: a change is already scheduled.
    expect(expectProblem(await mgr.post('/api/customer-transfers', body([c!])), 422).errors![0]!.code).toBe('managers.transfer.not_primary');
    // The day-start job: nothing today, the move on the effective date, once.
    expect(await moveDueTransferInstitutions(ctx.handle.db, today)).toMatchObject({ customers: 0 });
    expect(await institutionOf(c!)).toBe(ctx.bank.teamA1);
    expect(await moveDueTransferInstitutions(ctx.handle.db, tomorrow)).toMatchObject({ transfers: 1, customers: 1 });
    expect(await institutionOf(c!)).toBe(ctx.bank.subA2);
    expect(await moveDueTransferInstitutions(ctx.handle.db, tomorrow)).toMatchObject({ transfers: 0 });
  });
});

describe('the managers the forms offer', () => {
  it('receiving: active managers bank-wide; transferring: a head\'s managers with their books, a manager only himself', async () => {
    const to = (await mgr.get('/api/customer-transfers/managers?side=to&q=tr_mgr')).json().items as { id: number; status: string }[];
    expect(to.map((m) => m.id)).toEqual(expect.arrayContaining([mgrId, mgr2Id, mgrA2Id]));
    expect(to.every((m) => m.status === 'active')).toBe(true);
    expect(to.map((m) => m.id)).not.toContain(clerkId);
    const mine = (await mgr.get('/api/customer-transfers/managers?side=from')).json().items as { id: number; primaryCustomers: number }[];
    expect(mine.map((m) => m.id)).toEqual([mgrId]);
    expect(mine[0]!.primaryCustomers).toBeGreaterThan(0);
    const heads = (await headA1.get('/api/customer-transfers/managers?side=from&q=tr_')).json().items as { id: number }[];
    expect(heads.map((m) => m.id)).toEqual(expect.arrayContaining([mgrId, mgr2Id]));
    expect(heads.map((m) => m.id)).not.toContain(mgrA2Id);
    expect((await mgr.get('/api/customer-transfers/managers?side=sideways')).statusCode).toBe(400);
    expect((await mgr.get(`/api/customer-transfers/managers?side=to&q=${encodeURIComponent("%' or 1=1 --")}`)).json().items).toEqual([]);
    expect((await approver.get('/api/customer-transfers/managers?side=to')).statusCode).toBe(403);
  });
});

describe('hostile and wrong input', () => {
  it('refuses each with a field error and writes nothing', async () => {
    const [c] = await book(mgrId);
    const code = async (b: Record<string, unknown>) => expectProblem(await mgr.post('/api/customer-transfers', b), 422).errors![0]!;
    expect(await code(body([c!], { effectiveOn: dayAfter(today, -1) }))).toMatchObject({ path: 'effectiveOn', code: 'managers.transfer.effective_past' });
    expect(await code(body([c!], { effectiveOn: dayAfter(today, 400) }))).toMatchObject({ path: 'effectiveOn', code: 'managers.transfer.effective_too_far' });
    expect(await code(body([c!], { toManagerId: mgrId }))).toMatchObject({ path: 'toManagerId', code: 'managers.transfer.same_manager' });
    expect(await code(body([c!], { toManagerId: clerkId }))).toMatchObject({ path: 'toManagerId', code: 'managers.assign.not_a_manager' });
    expect(await code(body([c!], { toManagerId: 2147483600 }))).toMatchObject({ path: 'toManagerId', code: 'common.not_found' });
    const gone = await ctx.addUser('tr_mgr_gone', ctx.bank.teamA1, ['primary_manager']);
    await ctx.handle.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', gone).execute();
    expect(await code(body([c!], { toManagerId: gone }))).toMatchObject({ path: 'toManagerId', code: 'managers.assign.manager_inactive' });
    for (const bad of [body([c!], { effectiveOn: '2026-02-30' }), body([c!], { reason: '' }), body([c!], { reason: 'x'.repeat(201) }),
      body([c!], { reason: '正常\u202E理由' }), body([c!], { extra: 1 }), body([c!], { toManagerId: '1 or 1=1' }),
      { ...body([c!]), selection: { customerIds: ['1; drop table customer'] } }, { ...body([c!]), selection: { allOfManager: false } },
      { ...body([c!]), selection: { customerIds: [c], allOfManager: true } }, { ...body([c!]), selection: { customerIds: [] } },
      { ...body([c!]), selection: { customerIds: Array.from({ length: 1001 }, (_, i) => i + 1) } }]) {
      expect((await mgr.post('/api/customer-transfers', bad)).statusCode, JSON.stringify(bad).slice(0, 120)).toBe(400);
    }
    expect(await primaries(c!)).toEqual([[mgrId, today, null]]);
    const open = await ctx.handle.db.selectFrom('approval_request').select('id').where('workflow_type', '=', 'customer.transfer')
      .where('subject_type', '=', 'customer').where('subject_id', '=', String(c)).execute();
    expect(open).toHaveLength(0);
  });

  it('steps name only parties and conditions the type declares', async () => {
    const put = (steps: unknown[]) => admin.put('/api/approvals/steps/customer.transfer/4', { steps });
    expect(expectProblem(await put([{ roleCode: 'transfer_approval', actingInstitution: 'elsewhere', timeLimitDays: 2 }]), 422).errors![0]!.code).toBe('approvals.unknown_party');
    expect(expectProblem(await put([{ roleCode: 'transfer_approval', actingInstitution: 'receiving', onlyWhen: 'sometimes', timeLimitDays: 2 }]), 422).errors![0]!.code).toBe('approvals.unknown_condition');
    expect(expectProblem(await admin.put('/api/approvals/steps/customer.delete/4', { steps: [{ roleCode: 'data_review_clerk', actingInstitution: 'receiving', timeLimitDays: 2 }] }), 422).errors![0]!.code).toBe('approvals.unknown_party');
    expect((await put([{ roleCode: 'institution_head', actingInstitution: 'transferring_out', onlyWhen: 'cross_institution', timeLimitDays: 2 }, { roleCode: 'transfer_confirmation', actingInstitution: 'receiving', timeLimitDays: 2 }])).statusCode).toBe(200);
    expect((await put([])).statusCode).toBe(200);
  });
});
