// REL-20 / REL-21: management relations kept as history, one primary per customer enforced by
// the database, assignment all or nothing within the assigner's scope, "my customers" for a
// manager and for a head.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, expectProblem, type Client, type TestContext } from '../../test/harness.ts';
import { bulkInsertCustomers } from '../customers/import/bulk-insert.ts';
import { businessToday } from '../../common/business-date.ts';

let ctx: TestContext;
let assigner: Client; let mgrA1: Client; let mgrA2: Client; let headA1: Client; let headA2: Client;
let mgrA1Id: number; let mgrA2Id: number; let asstA1Id: number; let mgrB1Id: number; let clerkId: number;
let inA1: number[]; let inB1: number[];

const open = (institutionId: number, names: string[]) => ctx.handle.db.transaction().execute(async (tx) =>
  (await bulkInsertCustomers(tx, ctx.system, names.map((name) => ({ kind: 'corporate' as const, name, institutionId, values: {} })), { flagDuplicates: false })).ids);
const ids = (res: { json: () => { items: { id: number }[] } }) => res.json().items.map((c) => Number(c.id)).sort((a, b) => a - b);
const relations = (customerIds: number[]) => ctx.handle.db.selectFrom('customer_manager').selectAll().where('customer_id', 'in', customerIds).orderBy('id').execute();
const assign = async (client: Client, body: Record<string, unknown>) => {
  const { reason: _reason, ...previewBody } = body;
  const preview = await client.post('/api/customer-assignments/preview', previewBody);
  expect(preview.statusCode, preview.body).toBe(200);
  const res = await client.post('/api/customer-assignments', { ...body, expectedCount: preview.json().count });
  return { preview: preview.json(), res };
};

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('as_assigner', ctx.bank.branchA, ['customer_assignment']);
  mgrA1Id = await ctx.addUser('as_mgr_a1', ctx.bank.subA1, ['primary_manager']);
  mgrA2Id = await ctx.addUser('as_mgr_a2', ctx.bank.subA2, ['primary_manager']);
  asstA1Id = await ctx.addUser('as_asst_a1', ctx.bank.subA1, ['manager_assistant']);
  mgrB1Id = await ctx.addUser('as_mgr_b1', ctx.bank.subB1, ['primary_manager']);
  clerkId = await ctx.addUser('as_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('as_head_a1', ctx.bank.subA1, ['institution_head']);
  await ctx.addUser('as_head_a2', ctx.bank.subA2, ['institution_head']);
  [assigner, mgrA1, mgrA2, headA1, headA2] = await Promise.all(['as_assigner', 'as_mgr_a1', 'as_mgr_a2', 'as_head_a1', 'as_head_a2'].map((u) => ctx.login(u)));
  inA1 = await open(ctx.bank.subA1, Array.from({ length: 12 }, (_, i) => `分配测试甲${String(i).padStart(2, '0')}有限公司`));
  inB1 = await open(ctx.bank.subB1, ['分配测试乙有限公司']);
});
afterAll(async () => { await ctx?.close(); });

describe('one primary manager per customer', () => {
  it('the database refuses a second primary relation overlapping the first, whoever writes it', async () => {
    const db = ctx.handle.db;
    await db.insertInto('customer_manager').values({ customer_id: inB1[0]!, user_id: mgrB1Id, role: 'primary', since: '2026-01-01' }).execute();
    await expect(db.insertInto('customer_manager').values({ customer_id: inB1[0]!, user_id: mgrA1Id, role: 'primary', since: '2026-06-01' }).execute())
      .rejects.toThrow(/customer_manager_one_primary/);
    // A later primary is fine once the first has ended before it begins; the ended row stays.
    await db.updateTable('customer_manager').set({ ends_on: '2026-06-01', ended_at: new Date(), end_reason: 'test' }).where('customer_id', '=', inB1[0]!).execute();
    await db.insertInto('customer_manager').values({ customer_id: inB1[0]!, user_id: mgrA1Id, role: 'primary', since: '2026-06-01' }).execute();
    await expect(db.deleteFrom('customer_manager').where('customer_id', '=', inB1[0]!).execute()).rejects.toThrow(/history/);
    await expect(db.updateTable('customer_manager').set({ ends_on: '2026-07-01' }).where('customer_id', '=', inB1[0]!).where('user_id', '=', mgrB1Id).execute()).rejects.toThrow(/history/);
    expect((await relations(inB1)).map((r) => [r.user_id, r.since, r.ends_on])).toEqual([[mgrB1Id, '2026-01-01', '2026-06-01'], [mgrA1Id, '2026-06-01', null]]);
  });
});

describe('assignment', () => {
  it('previews and commits the same count, ends the previous primary and keeps it as history', async () => {
    const first = await assign(assigner, { selection: { customerIds: inA1.slice(0, 4) }, managerId: mgrA1Id, role: 'primary' });
    expect(first.res.statusCode, first.res.body).toBe(201);
    expect(first.preview.count).toBe(4);
    expect(first.res.json()).toMatchObject({ count: 4, added: 4, unchanged: 0 });
    // Two of them go to the manager of A2: the customers' institution follows him.
    const second = await assign(assigner, { selection: { customerIds: inA1.slice(0, 2) }, managerId: mgrA2Id, role: 'primary', reason: '调整' });
    expect(second.res.json()).toMatchObject({ count: 2, added: 2 });
    const rows = await relations([inA1[0]!]);
    expect(rows.map((r) => [r.user_id, r.role, r.ends_on])).toEqual([[mgrA1Id, 'primary', businessToday()], [mgrA2Id, 'primary', null]]);
    expect(rows[0]!.end_reason).toBe(`assignment ${second.res.json().assignmentId}`);
    const moved = await ctx.handle.db.selectFrom('customer').select('institution_id').where('id', '=', inA1[0]!).executeTakeFirstOrThrow();
    expect(moved.institution_id).toBe(ctx.bank.subA2);
    // The customer view shows the current manager and the history.
    const view = (await headA2.get(`/api/customers/${inA1[0]}`)).json();
    expect(view.managers.map((m: { id: number; role: string }) => [m.id, m.role])).toEqual([[mgrA2Id, 'primary']]);
    expect(view.managerHistory).toHaveLength(2);
    const audit = await ctx.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'customer.assign').where('entity_id', '=', String(second.res.json().assignmentId)).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.after)).toContain(String(inA1[1]));
  });

  it('a manager sees only his customers; a head the customers of his subtree; an assisting manager his too', async () => {
    const assistant = await assign(assigner, { selection: { customerIds: [inA1[0]!, inA1[2]!] }, managerId: asstA1Id, role: 'assistant' });
    expect(assistant.res.statusCode, assistant.res.body).toBe(201);
    // (and the customer of branch B given him in the first test: the relation is the grant)
    expect(ids(await mgrA1.get('/api/customers?pageSize=200'))).toEqual([...inA1.slice(2, 4), inB1[0]!]);
    expect(ids(await mgrA2.get('/api/customers?pageSize=200'))).toEqual(inA1.slice(0, 2));
    const asst = await ctx.login('as_asst_a1');
    expect(ids(await asst.get('/api/customers?pageSize=200'))).toEqual([inA1[0]!, inA1[2]!]);
    const a2 = ids(await headA2.get('/api/customers?pageSize=200'));
    expect(a2).toEqual(inA1.slice(0, 2));
    const a1 = ids(await headA1.get('/api/customers?pageSize=200'));
    expect(a1).not.toContain(inA1[0]);
    expect(a1).toContain(inA1[5]);
  });

  it('assigns everything a filter of the customer list matches, and refuses a stale preview', async () => {
    const body = { selection: { filter: { q: '分配测试甲1', institutionId: ctx.bank.subA1 } }, managerId: mgrA1Id, role: 'assisting' };
    const preview = (await assigner.post('/api/customer-assignments/preview', body)).json();
    expect(preview.count).toBe(2); // 甲10, 甲11
    expectProblem(await assigner.post('/api/customer-assignments', { ...body, expectedCount: 3 }), 409, 'managers.assign.count_changed');
    const res = await assigner.post('/api/customer-assignments', { ...body, expectedCount: preview.count });
    expect(res.json()).toMatchObject({ count: 2, added: 2 });
    expect((await relations(inA1.slice(10))).map((r) => [r.user_id, r.role])).toEqual([[mgrA1Id, 'assisting'], [mgrA1Id, 'assisting']]);
  });

  it('is all or nothing: one customer out of scope refuses the whole selection', async () => {
    const before = (await relations(inA1)).length;
    const res = await assigner.post('/api/customer-assignments', { selection: { customerIds: [inA1[6]!, inB1[0]!] }, managerId: mgrA1Id, role: 'primary', expectedCount: 2 });
    const problem = expectProblem(res, 422, 'common.validation');
    expect(problem.errors![0]!.code).toBe('managers.assign.customers_out_of_scope');
    expect((await relations(inA1)).length).toBe(before);
  });

  it('refuses a manager of another branch, a non-manager, a departed manager, a primary made assistant and hostile input', async () => {
    const body = (over: Record<string, unknown>) => ({ selection: { customerIds: [inA1[7]!] }, managerId: mgrA1Id, role: 'primary', expectedCount: 1, ...over });
    expect(expectProblem(await assigner.post('/api/customer-assignments', body({ managerId: mgrB1Id })), 422).errors![0]!.path).toBe('managerId');
    expect(expectProblem(await assigner.post('/api/customer-assignments', body({ managerId: clerkId })), 422).errors![0]!.code).toBe('managers.assign.not_a_manager');
    expect(expectProblem(await assigner.post('/api/customer-assignments', body({ selection: { customerIds: [inA1[2]!] }, role: 'assistant' })), 422).errors![0]!.code).toBe('managers.assign.is_primary');
    expectProblem(await assigner.post('/api/customer-assignments', body({ role: 'owner' })), 400);
    expectProblem(await assigner.post('/api/customer-assignments', body({ selection: { customerIds: ['1; drop table customer'] } })), 400);
    expectProblem(await assigner.post('/api/customer-assignments', body({ selection: { filter: { q: '甲', sort: 'x' } } })), 400);
    expectProblem(await assigner.post('/api/customer-assignments', body({ expectedCount: 0 })), 400);
    // Without the permission: a manager cannot assign.
    expectProblem(await mgrA1.post('/api/customer-assignments', body({})), 403);
    const departed = await ctx.addUser('as_mgr_gone', ctx.bank.subA1, ['primary_manager']);
    await ctx.handle.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', departed).execute();
    expect(expectProblem(await assigner.post('/api/customer-assignments', body({ managerId: departed })), 422).errors![0]!.code).toBe('managers.assign.manager_inactive');
  });

  it('two concurrent primary assignments of one customer leave exactly one primary in force', async () => {
    const target = inA1[8]!;
    const results = await Promise.all([mgrA1Id, mgrA2Id].map((managerId) =>
      assigner.post('/api/customer-assignments', { selection: { customerIds: [target] }, managerId, role: 'primary', expectedCount: 1 })));
    // The assignments queue on the customer's lock. The second either ends the first's primary
    // (both 201), or — when the first moved the customer to a sub-branch outside the assigner's
    // charge (a primary assignment moves him to the manager's institution) — is refused as out of
    // scope. Either way exactly one primary is in force, never two.
    const codes = results.map((r) => r.statusCode).sort((a, b) => a - b);
    const refused = results.find((r) => r.statusCode !== 201);
    if (refused) expect(refused.json().errors[0].code, refused.body).toBe('managers.assign.customers_out_of_scope');
    expect(codes.length === 2 && codes[0] === 201 && [201, 422].includes(codes[1]!), results.map((r) => r.body).join(' | ')).toBe(true);
    const today = businessToday();
    const inForce = await sql<{ n: number }>`select count(*)::int4 as n from customer_manager where customer_id = ${target} and role = 'primary'
      and since <= ${today}::date and (ends_on is null or ends_on > ${today}::date)`.execute(ctx.handle.db);
    expect(inForce.rows[0]!.n).toBe(1);
    expect((await relations([target])).filter((r) => r.role === 'primary')).toHaveLength(refused ? 1 : 2);
  });

  it("lists customers needing a manager: none, or a departed manager's, overdue after 3 working days", async () => {
    const departed = await ctx.addUser('as_mgr_left', ctx.bank.subA1, ['primary_manager']);
    expect((await assign(assigner, { selection: { customerIds: [inA1[9]!] }, managerId: departed, role: 'primary' })).res.statusCode).toBe(201);
    await ctx.handle.db.updateTable('app_user').set({ status: 'left' }).where('id', '=', departed).execute();
    // Opened long ago and never assigned: overdue.
    await ctx.handle.db.updateTable('customer').set({ created_at: new Date('2026-01-05T02:00:00Z') }).where('id', '=', inA1[6]!).execute();
    const items = (await assigner.get('/api/customer-assignments/needed')).json().items as { id: number; reason: string; overdue: boolean; dueOn: string }[];
    const byId = new Map(items.map((i) => [Number(i.id), i]));
    expect(byId.get(inA1[9]!)?.reason).toBe('departed');
    expect(byId.get(inA1[6]!)).toMatchObject({ reason: 'none', overdue: true, dueOn: '2026-01-08' });
    expect(byId.has(inA1[2]!)).toBe(false);
    // The departed manager's customer is still in the head's charge.
    expect(ids(await headA1.get('/api/customers?pageSize=200'))).toContain(inA1[9]!);
    // Paged, longest waiting first; overdue only; the first page's total counts them all.
    const all = (await assigner.get('/api/customer-assignments/needed?pageSize=200')).json();
    expect(all.total).toBe(all.items.length);
    const page2 = (await assigner.get('/api/customer-assignments/needed?pageSize=2&page=2')).json();
    expect([page2.total, page2.items.map((i: { id: number }) => i.id)]).toEqual([all.total, all.items.slice(2, 4).map((i: { id: number }) => i.id)]);
    expect(all.items[0].id).toBe(inA1[6]!); // waiting since January
    const overdue = (await assigner.get('/api/customer-assignments/needed?overdueOnly=true&pageSize=200')).json();
    expect(overdue.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect(overdue.items.map((i: { id: number }) => i.id)).toContain(inA1[6]!);
    expect(overdue.total).toBe(all.items.filter((i: { overdue: boolean }) => i.overdue).length);
    expect((await assigner.get('/api/customer-assignments/needed?pageSize=500')).statusCode).toBe(400);
  });

  it('offers the active managers homed in the assigner\'s charge, by name', async () => {
    const names = (await assigner.get('/api/customer-assignments/managers')).json().items.map((m: { username: string }) => m.username);
    expect(names).toEqual(expect.arrayContaining(['as_mgr_a1', 'as_mgr_a2', 'as_asst_a1']));
    expect(names).not.toContain('as_mgr_b1');   // another branch
    expect(names).not.toContain('as_clerk_a1'); // not a manager
    expect(names).not.toContain('as_mgr_left'); // departed
    expect((await assigner.get('/api/customer-assignments/managers?q=a2')).json().items.map((m: { username: string }) => m.username)).toEqual(['as_mgr_a2']);
    expect((await assigner.get(`/api/customer-assignments/managers?q=${encodeURIComponent("%' or 1=1 --")}`)).json().items).toEqual([]);
  });
});
