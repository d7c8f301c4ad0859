// 代理审批 through the API on a real database: what a delegation refuses, what the delegate may
// do while it runs (the delegator's inbox, decisions recorded on his behalf), and the rules that
// still hold for the delegate: maker ≠ checker and one person one step, for both people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../common/business-date.ts';
import { addDays } from '../calendar/working-days.ts';
import { residentIdCheckDigit } from '../../common/validators/resident-id.ts';
import { createTestContext, expectProblem, type Client, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let clerk: Client; let reviewer: Client; let deputy: Client; let head: Client; let busy: Client;
let reviewerId: number; let deputyId: number; let headId: number;
let seq = 500;
const today = businessToday();

const residentId = (n: number) => { const body = `37020219800101${String(n).padStart(3, '0')}`; return body + residentIdCheckDigit(body); };
async function submitDeletion(by: Client = clerk) {
  const open = await by.post('/api/customers', { kind: 'personal', name: '代理测试客户', identities: [{ idType: '10', idNumber: residentId(++seq) }] });
  expect(open.statusCode, open.body).toBe(201);
  const res = await ctx.app.inject({ method: 'DELETE', url: `/api/customers/${open.json().id}`, headers: { cookie: by.cookie, 'x-csrf-token': by.csrf }, payload: { reason: '客户要求注销' } });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().requestId as number;
}
const inboxIds = async (c: Client) => ((await c.get('/api/approvals/inbox')).json().items as { id: number }[]).map((i) => i.id);

beforeAll(async () => {
  ctx = await createTestContext();
  const { subA1, subB1 } = ctx.bank;
  await ctx.addUser('dg_clerk', subA1, ['data_entry_clerk']);
  reviewerId = await ctx.addUser('dg_review', subA1, ['data_review_clerk']);
  deputyId = await ctx.addUser('dg_deputy', subA1, ['data_entry_clerk']);
  headId = await ctx.addUser('dg_head', subA1, ['institution_head']);
  await ctx.addUser('dg_busy', subA1, ['data_entry_clerk']);
  await ctx.addUser('dg_outsider', subB1, ['data_entry_clerk']);
  [clerk, reviewer, deputy, head, busy] = await Promise.all(['dg_clerk', 'dg_review', 'dg_deputy', 'dg_head', 'dg_busy'].map((u) => ctx.login(u)));
});
afterAll(() => ctx?.close());

describe('creating a delegation', () => {
  it('refuses: to himself, dates in the past, end before start, an unknown or out-of-charge delegate, bad dates; nothing is written', async () => {
    const body = { delegateUsername: 'dg_deputy', startsOn: today, endsOn: addDays(today, 3) };
    const fieldError = async (input: object, code: string) => {
      const res = await reviewer.post('/api/approvals/delegations', { ...body, ...input });
      expectProblem(res, 422, 'common.validation');
      expect(res.json().errors.map((e: { code: string }) => e.code)).toEqual([code]);
    };
    await fieldError({ delegateUsername: 'dg_review' }, 'approvals.delegation.self');
    await fieldError({ startsOn: addDays(today, -1) }, 'approvals.delegation.past');
    await fieldError({ endsOn: addDays(today, -1) }, 'approvals.delegation.ends_before_start');
    await fieldError({ delegateUsername: 'nobody' }, 'approvals.delegation.no_such_delegate');
    await fieldError({ delegateUsername: 'dg_outsider' }, 'approvals.delegation.no_such_delegate');
    await fieldError({ delegateUsername: "x' or 1=1 --" }, 'approvals.delegation.no_such_delegate');
    expectProblem(await reviewer.post('/api/approvals/delegations', { ...body, startsOn: '2026-02-30' }), 400);
    expectProblem(await reviewer.post('/api/approvals/delegations', { ...body, endsOn: 20261231 }), 400);
    expect((await reviewer.get('/api/approvals/delegations')).json().items).toHaveLength(0);
  });

  it('refuses a delegate whose own request waits for the delegator: he would check his own work', async () => {
    const requestId = await submitDeletion(busy);
    const res = await reviewer.post('/api/approvals/delegations', { delegateUsername: 'dg_busy', startsOn: today, endsOn: addDays(today, 3) });
    expectProblem(res, 409, 'approvals.delegation.delegate_is_maker');
    expect(res.json().title).toContain(`编号 ${requestId}）`);
  });
});

describe('while a delegation runs', () => {
  let delegationId: number;
  it('is created (audited), refuses an overlapping one, and shows for both people', async () => {
    const res = await reviewer.post('/api/approvals/delegations', { delegateUsername: 'dg_deputy', startsOn: today, endsOn: addDays(today, 3), reason: '休年假' });
    expect(res.statusCode, res.body).toBe(201);
    delegationId = res.json().id;
    const audit = await ctx.handle.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'approval.delegation.create').execute();
    expect(audit.map((a) => String(a.entity_id))).toContain(String(delegationId));
    expectProblem(await reviewer.post('/api/approvals/delegations', { delegateUsername: 'dg_head', startsOn: addDays(today, 2), endsOn: addDays(today, 9) }), 409, 'approvals.delegation.overlap');
    expect((await reviewer.get('/api/approvals/delegations')).json().items[0]).toMatchObject({ direction: 'given', delegateUsername: 'dg_deputy', status: 'active' });
    expect((await deputy.get('/api/approvals/delegations')).json().items[0]).toMatchObject({ direction: 'received', delegatorUsername: 'dg_review', status: 'active' });
  });

  it('the delegate sees the delegator\'s step and approves it; the decision names both; the next step goes on', async () => {
    const requestId = await submitDeletion();
    expect(await inboxIds(deputy)).toContain(requestId);
    expect((await deputy.get('/api/approvals/count')).json().pending).toBeGreaterThanOrEqual(1);
    expect((await deputy.get(`/api/approvals/${requestId}`)).json().can.decide).toBe(true);
    const ok = await deputy.post(`/api/approvals/${requestId}/approve`, { step: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'pending', step: 2 });
    const d = await ctx.handle.db.selectFrom('approval_decision').select(['actor_id', 'on_behalf_of']).where('request_id', '=', requestId).where('decision', '=', 'approve').executeTakeFirstOrThrow();
    expect(d).toEqual({ actor_id: deputyId, on_behalf_of: reviewerId });
    const detail = (await clerk.get(`/api/approvals/${requestId}`)).json();
    expect(detail.history.find((h: { decision: string }) => h.decision === 'approve')).toMatchObject({ username: 'dg_deputy', onBehalfOf: 'dg_review' });

    // The head delegates to the same deputy: acting at step 2 too would be one person at two steps.
    const g = await head.post('/api/approvals/delegations', { delegateUsername: 'dg_deputy', startsOn: today, endsOn: addDays(today, 1) });
    expect(g.statusCode, g.body).toBe(201);
    expect(await inboxIds(deputy)).not.toContain(requestId);
    expectProblem(await deputy.post(`/api/approvals/${requestId}/approve`, { step: 2 }), 403, 'approvals.same_person_two_steps');
    await head.post(`/api/approvals/delegations/${g.json().id}/cancel`);
    expect(headId).toBeGreaterThan(0);
  });

  it('the delegate may not approve his own request on the delegator\'s behalf (maker ≠ checker)', async () => {
    const requestId = await submitDeletion(deputy);
    expect(await inboxIds(deputy)).not.toContain(requestId);
    expectProblem(await deputy.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 403, 'approvals.maker_is_checker');
    expect(await inboxIds(reviewer)).toContain(requestId);
  });

  it('after cancelling, the delegate sees and may do nothing more; another person cannot cancel it', async () => {
    const requestId = await submitDeletion();
    expect(await inboxIds(deputy)).toContain(requestId);
    expectProblem(await deputy.post(`/api/approvals/delegations/${delegationId}/cancel`), 404);
    expect((await reviewer.post(`/api/approvals/delegations/${delegationId}/cancel`)).statusCode).toBe(200);
    expect(await inboxIds(deputy)).not.toContain(requestId);
    expectProblem(await deputy.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 403, 'approvals.role_required');
    expect((await reviewer.get('/api/approvals/delegations')).json().items[0]).toMatchObject({ id: delegationId, status: 'cancelled' });
  });
});

describe('one person one step, through a delegate, under concurrency', () => {
  it('a step approved on someone\'s behalf counts as his even when his own approval of the next step is sent at the same time', async () => {
    const bothId = await ctx.addUser('dg_both', ctx.bank.subA1, ['data_review_clerk', 'institution_head']);
    await ctx.addUser('dg_stand_in', ctx.bank.subA1, ['data_entry_clerk']);
    const [both, standIn] = await Promise.all([ctx.login('dg_both'), ctx.login('dg_stand_in')]);
    const g = await both.post('/api/approvals/delegations', { delegateUsername: 'dg_stand_in', startsOn: today, endsOn: addDays(today, 1) });
    expect(g.statusCode, g.body).toBe(201);
    for (let i = 0; i < 3; i++) {
      const requestId = await submitDeletion();
      // The stand-in has no role of his own: he approves step 1 for dg_both, who then may not approve
      // step 2 — also when his approval waited for the stand-in's lock and read the request after it.
      const [first, second] = await Promise.all([
        standIn.post(`/api/approvals/${requestId}/approve`, { step: 1 }),
        both.post(`/api/approvals/${requestId}/approve`, { step: 2 }),
      ]);
      expect(first.statusCode, first.body).toBe(200);
      expect(['approvals.moved_on', 'approvals.same_person_two_steps']).toContain(second.json().code);
      const rows = await ctx.handle.db.selectFrom('approval_decision').select(['step_no', 'decision', 'on_behalf_of']).where('request_id', '=', requestId).orderBy('id').execute();
      expect(rows).toEqual([{ step_no: 1, decision: 'submit', on_behalf_of: null }, { step_no: 1, decision: 'approve', on_behalf_of: bothId }]);
      expectProblem(await both.post(`/api/approvals/${requestId}/approve`, { step: 2 }), 403, 'approvals.same_person_two_steps');
      expect((await head.post(`/api/approvals/${requestId}/approve`, { step: 2 })).statusCode).toBe(200);
    }
    await both.post(`/api/approvals/delegations/${g.json().id}/cancel`);
  });
});
