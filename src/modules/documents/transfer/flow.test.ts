// Document transfer through its HTTP API on a real database: the generated flow number (gap-free
// and consecutive under fifty concurrent creations), the account name from the account number,
// totals, the receipt and entry to-dos of the centre, the first clerk claiming the receipt, the
// review through the approval engine, scope, refusals of the state machine, hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { addWorkingDays } from '../../calendar/calendar.service.ts';
import { auditSince, createTestContext, expectProblem, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { customerWithAccount, documentActors, flowAt, ITEMS, type DocumentActors } from '../test/documents-fixture.ts';

let ctx: TestContext;
let a: DocumentActors;
const ACC_A = '62220201000001';
const ACC_A2 = '62220201000002';
const ACC_B = '62220202000001';
const YEAR = businessToday().slice(0, 4);

const todosOf = async (c: Client, kind: string, status = 'open') =>
  ((await c.get(`/api/todos?kind=${kind}&status=${status}&pageSize=200`)).json().items as { entity: { id: string } | null; title: string; dueOn: string | null }[]);
const flowRow = (id: number) => ctx.handle.db.selectFrom('document_flow').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  ctx = await createTestContext();
  a = await documentActors(ctx, 'df');
  await customerWithAccount(ctx, a.clerkA1, '青岛单证测试有限公司', ACC_A, 'A110');
  await customerWithAccount(ctx, a.clerkA1, '青岛单证测试二号有限公司', ACC_A2, 'A110');
  await customerWithAccount(ctx, a.clerkB1, '济南单证测试有限公司', ACC_B, 'B110');
});
afterAll(() => ctx?.close());

describe('a new flow', () => {
  it('takes the next number of its branch and year, fills in the account name and computes the totals', async () => {
    const lookup = await a.clerkA1.get(`/api/documents/account-lookup?accountNo=${ACC_A}`);
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json()).toMatchObject({ accountName: '青岛单证测试有限公司', accountNo: '6222****0001' });

    const defaults = (await a.clerkA1.get('/api/documents/certificate-defaults')).json().items.map((i: { certKind: string }) => i.certKind);
    expect(defaults).toEqual(['营业执照', '组织机构代码证', '国税登记证', '地税登记证', '法人身份证', '基本户核准件']);

    const since = await lastAuditId(ctx);
    const res = await a.clerkA1.post('/api/documents/flows', { accountNo: ACC_A, items: [...ITEMS, { certKind: '基本户核准件𠮷', pages: 3, copies: 3 }] });
    expect(res.statusCode, res.body).toBe(201);
    const { id, flowNo } = res.json();
    expect(flowNo).toMatch(new RegExp(`^${YEAR}A1\\d{4}$`));
    const detail = (await a.clerkA1.get(`/api/documents/flows/${id}`)).json();
    expect(detail).toMatchObject({ flowNo, status: 'draft', accountName: '青岛单证测试有限公司', totalCopies: 1 + 2 + 3, totalPages: 2 * 1 + 1 * 2 + 3 * 3,
      institution: { id: ctx.bank.subA1 }, centre: { id: ctx.bank.branchA }, can: { edit: true, accept: false } });
    expect(detail.items.map((i: { certKind: string }) => i.certKind)).toEqual(['营业执照', '法人身份证', '基本户核准件𠮷']);
    expect((await auditSince(ctx, since)).map((r) => r.action)).toContain('document_flow.create');

    // A draft changes: new rows, new totals; the number never does.
    const put = await a.clerkA1.put(`/api/documents/flows/${id}`, { accountNo: ACC_A2, items: [{ certKind: '营业执照', pages: 4, copies: 2 }] });
    expect(put.statusCode, put.body).toBe(200);
    expect((await a.clerkA1.get(`/api/documents/flows/${id}`)).json()).toMatchObject({ flowNo, accountName: '青岛单证测试二号有限公司', totalCopies: 2, totalPages: 8 });
  });

  it('gives fifty concurrent creations fifty distinct consecutive numbers', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => a.clerkB1.post('/api/documents/flows', { accountNo: ACC_B, items: ITEMS })));
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const seqs = results.map((r) => Number((r.json().flowNo as string).slice(6))).sort((x, y) => x - y);
    expect(new Set(seqs).size).toBe(50);
    expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1]! + 1)).toBe(true);
    for (const r of results) expect(r.json().flowNo).toMatch(new RegExp(`^${YEAR}B1\\d{4}$`));
    const counter = await ctx.handle.db.selectFrom('document_flow_counter').select('last_seq').where('branch_id', '=', ctx.bank.branchB).executeTakeFirstOrThrow();
    expect(counter.last_seq).toBe(seqs[49]);
  });

  it('keeps a cancelled draft\'s number: the series has no holes', async () => {
    const first = await flowAt(a, ACC_A);
    expect((await a.clerkA1.post(`/api/documents/flows/${first.id}/cancel`)).statusCode).toBe(200);
    const next = await flowAt(a, ACC_A);
    expect(Number(next.flowNo.slice(6))).toBe(Number(first.flowNo.slice(6)) + 1);
    expectProblem(await a.clerkA1.post(`/api/documents/flows/${first.id}/submit`), 409, 'documents.wrong_status');
  });
});

describe('from submission to review', () => {
  it('goes to the centre as a receipt to-do, is claimed by the first clerk, raises the entry to-do, and is completed by the reviewer', async () => {
    const { id, flowNo } = await flowAt(a, ACC_A);
    const since = await lastAuditId(ctx);
    expect((await a.clerkA1.post(`/api/documents/flows/${id}/submit`)).json()).toMatchObject({ status: 'submitted' });

    // Every entry clerk of the centre sees the receipt to-do; the sub-branch and the other branch do not.
    for (const c of [a.centreA, a.centreA2]) expect((await todosOf(c, 'documents.receipt')).map((t) => t.entity?.id)).toContain(String(id));
    for (const c of [a.clerkA1, a.centreB]) expect((await todosOf(c, 'documents.receipt')).map((t) => t.entity?.id)).not.toContain(String(id));
    const receipt = (await todosOf(a.centreA, 'documents.receipt')).find((t) => t.entity?.id === String(id))!;
    expect(receipt.title).toContain(flowNo);
    expect(receipt.dueOn).toBe(await addWorkingDays(ctx.handle.db, businessToday(), 1));

    // The sub-branch clerk holds document.process too, but is outside the centre.
    expectProblem(await a.clerkA1.post(`/api/documents/flows/${id}/accept`), 403, 'documents.outside_centre');
    // Another branch's centre does not even see the flow.
    expectProblem(await a.centreB.post(`/api/documents/flows/${id}/accept`), 404, 'common.not_found');

    // Two centre clerks accept at once: exactly one wins, the other is told it was received.
    const [r1, r2] = await Promise.all([a.centreA.post(`/api/documents/flows/${id}/accept`), a.centreA2.post(`/api/documents/flows/${id}/accept`)]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    expectProblem([r1, r2].find((r) => r.statusCode === 409)!, 409, 'documents.already_received');
    expectProblem(await a.centreA.post(`/api/documents/flows/${id}/accept`), 409, 'documents.already_received');
    expect((await todosOf(a.centreA2, 'documents.receipt')).map((t) => t.entity?.id)).not.toContain(String(id));
    expect((await todosOf(a.centreA2, 'documents.entry')).map((t) => t.entity?.id)).toContain(String(id));

    // The entry goes to review through the approval engine.
    const entry = await a.centreA.post(`/api/documents/flows/${id}/entry`);
    expect(entry.statusCode, entry.body).toBe(202);
    const requestId = entry.json().requestId as number;
    expect((await flowRow(id)).status).toBe('in_review');
    expect((await todosOf(a.centreA, 'documents.entry')).map((t) => t.entity?.id)).not.toContain(String(id));
    expectProblem(await a.centreA2.post(`/api/documents/flows/${id}/entry`), 409, 'approvals.already_open');

    // The entry clerk cannot review his own entry; the centre's review clerk approves and completes the flow.
    expectProblem(await a.centreA.post(`/api/approvals/${requestId}/approve`, { step: 1 }), 403);
    expect((await a.reviewA.get('/api/approvals/inbox')).json().items.map((i: { id: number }) => i.id)).toContain(requestId);
    expect((await a.reviewA.get(`/api/approvals/${requestId}`)).json().changes).toEqual([{ field: 'flowStatus', old: 'in_review', new: 'completed' }]);
    const ok = await a.reviewA.post(`/api/approvals/${requestId}/approve`, { step: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await flowRow(id)).status).toBe('completed');
    expect((await a.clerkA1.get(`/api/documents/flows/${id}`)).json()).toMatchObject({ status: 'completed', review: { requestId, status: 'approved' } });

    const actions = (await auditSince(ctx, since)).map((r) => r.action);
    for (const act of ['document_flow.submit', 'document_flow.receive', 'document_flow.enter', 'approval.submit', 'document_flow.complete', 'approval.approve']) expect(actions).toContain(act);
  });

  it('lets the centre key a flow again after its review was withdrawn', async () => {
    const { id } = await flowAt(a, ACC_A, 'in_review');
    const req = (await a.clerkA1.get(`/api/documents/flows/${id}`)).json().review.requestId as number;
    expectProblem(await a.centreA.post(`/api/documents/flows/${id}/accept`), 409, 'documents.already_received');
    expect((await a.centreA.post(`/api/approvals/${req}/withdraw`, {})).statusCode).toBe(200);
    expect((await a.centreA.get(`/api/documents/flows/${id}`)).json().can.enter).toBe(true);
    expect((await a.centreA.post(`/api/documents/flows/${id}/entry`)).statusCode).toBe(202);
  });

  it('refuses steps out of order: accepting a draft, keying before receipt, editing after submission', async () => {
    const { id } = await flowAt(a, ACC_A);
    expectProblem(await a.centreA.post(`/api/documents/flows/${id}/accept`), 409, 'documents.wrong_status');
    expectProblem(await a.centreA.post(`/api/documents/flows/${id}/entry`), 409, 'documents.wrong_status');
    expect((await a.clerkA1.post(`/api/documents/flows/${id}/submit`)).statusCode).toBe(200);
    expectProblem(await a.clerkA1.post(`/api/documents/flows/${id}/submit`), 409, 'documents.wrong_status');
    expectProblem(await a.clerkA1.put(`/api/documents/flows/${id}`, { accountNo: ACC_A, items: ITEMS }), 409, 'documents.wrong_status');
    // The centre does not edit the sender's draft either.
    const draft = await flowAt(a, ACC_A);
    expectProblem(await a.centreA.put(`/api/documents/flows/${draft.id}`, { accountNo: ACC_A, items: ITEMS }), 403, 'documents.sender_only');
    // A reviewer without document.process cannot accept.
    expectProblem(await a.reviewA.post(`/api/documents/flows/${id}/accept`), 403, 'common.forbidden');
  });
});

describe('scope', () => {
  it('hides other branches\' flows and accounts', async () => {
    const { id } = await flowAt(a, ACC_A);
    expectProblem(await a.clerkB1.get(`/api/documents/flows/${id}`), 404, 'common.not_found');
    expectProblem(await a.centreB.get(`/api/documents/flows/${id}`), 404, 'common.not_found');
    expect((await a.clerkB1.get('/api/documents/flows?pageSize=200')).json().items.map((f: { id: number }) => f.id)).not.toContain(id);
    expect((await a.centreA.get('/api/documents/flows?side=centre&pageSize=200')).json().items.map((f: { id: number }) => f.id)).toContain(id);
    expectProblem(await a.clerkB1.get(`/api/documents/account-lookup?accountNo=${ACC_A}`), 404, 'common.not_found');
    const body = expectProblem(await a.clerkB1.post('/api/documents/flows', { accountNo: ACC_A, items: ITEMS }), 422, 'common.validation');
    expect(body.errors!.map((e) => `${e.path} ${e.code}`)).toEqual(['accountNo documents.account_not_found']);
    expectProblem(await a.clerkB1.put(`/api/documents/flows/${id}`, { accountNo: ACC_B, items: ITEMS }), 404, 'common.not_found');
  });

  it('refuses the head office, which belongs to no branch', async () => {
    await ctx.addUser('df_ho_clerk', ctx.bank.ho, ['data_entry_clerk']);
    const ho = await ctx.login('df_ho_clerk');
    expectProblem(await ho.post('/api/documents/flows', { accountNo: ACC_A, items: ITEMS }), 422, 'documents.no_branch');
  });
});

describe('hostile input', () => {
  it('refuses malformed bodies and ids with a specific error and changes nothing', async () => {
    const before = await ctx.handle.db.selectFrom('document_flow').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bad: unknown[] = [
      { accountNo: "' or 1=1 --", items: ITEMS },
      { accountNo: ACC_A, items: [] },
      { accountNo: ACC_A, items: [{ certKind: 'x'.repeat(21), pages: 1, copies: 1 }] },
      { accountNo: ACC_A, items: [{ certKind: '营业执照', pages: 0, copies: 1 }] },
      { accountNo: ACC_A, items: [{ certKind: '营业执照', pages: 1, copies: 1000 }] },
      { accountNo: ACC_A, items: [{ certKind: '营业执照', pages: '2', copies: 1 }] },
      { accountNo: ACC_A, items: [{ certKind: '营业\u202e执照', pages: 1, copies: 1 }] },
      { accountNo: ACC_A, items: ITEMS, flowNo: '2026A19999' },
      { accountNo: 12345678901234, items: ITEMS },
      { accountNo: ACC_A, items: Array.from({ length: 51 }, () => ITEMS[0]) },
    ];
    for (const body of bad) {
      const res = await a.clerkA1.post('/api/documents/flows', body);
      expect([400, 422], `${JSON.stringify(body).slice(0, 80)} → ${res.body}`).toContain(res.statusCode);
      expectProblem(res, res.statusCode);
    }
    for (const url of ['/api/documents/flows/abc', '/api/documents/flows/-1', '/api/documents/flows/99999999999999999999']) expect((await a.clerkA1.get(url)).statusCode).toBe(400);
    expect((await a.clerkA1.get('/api/documents/flows?flowNo=%27%3B%20drop%20table%20document_flow%3B--')).statusCode).toBe(400);
    const after = await ctx.handle.db.selectFrom('document_flow').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('stores markup as text', async () => {
    const res = await a.clerkA1.post('/api/documents/flows', { accountNo: ACC_A, items: [{ certKind: '<b>x</b>', certNo: "1'; drop table x;--", pages: 1, copies: 1 }] });
    expect(res.statusCode, res.body).toBe(201);
    expect((await a.clerkA1.get(`/api/documents/flows/${res.json().id}`)).json().items[0]).toMatchObject({ certKind: '<b>x</b>', certNo: "1'; drop table x;--" });
  });
});
