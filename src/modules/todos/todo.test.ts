// The to-do list (待办事宜): idempotent raising, who sees what, the badge counts, marking done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../common/business-date.ts';
import { addDays } from '../customers/certificates/certificate.rules.ts';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';
import { cancelTodos, raiseTodo, raiseTodos, type TodoInput } from './todo.service.ts';

let ctx: TestContext;
let clerkA1: Client;      // data-entry clerk at sub-branch A1: institution scope, customer.manage
let branchAdminA: Client; // branch administrator of branch A: institution.manage over A's subtree
let clerkB1: Client;
let managerA1: Client;    // customer manager at A1: 'own' scope
let headA1: Client;       // institution head at A1: neither manage permission
let managerId: number;
let clerkA1Id: number;
const today = businessToday();
let seq = 0;

const raise = (over: Partial<TodoInput> & Pick<TodoInput, 'assignee'>) =>
  ctx.handle.db.transaction().execute((tx) => raiseTodo(tx, { kind: 'test.item', title: `测试待办 ${++seq}`, dedupeKey: `test:${seq}:${Math.random()}`, ...over }));
const ids = async (c: Client, query = '') => ((await c.get(`/api/todos${query}`)).json().items as { id: number }[]).map((i) => i.id);

beforeAll(async () => {
  ctx = await createTestContext();
  clerkA1Id = await ctx.addUser('todo_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('todo_admin_a', ctx.bank.branchA, ['branch_admin']);
  await ctx.addUser('todo_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  managerId = await ctx.addUser('todo_manager_a1', ctx.bank.subA1, ['primary_manager']);
  await ctx.addUser('todo_head_a1', ctx.bank.subA1, ['institution_head']);
  [clerkA1, branchAdminA, clerkB1, managerA1, headA1] = await Promise.all(
    ['todo_clerk_a1', 'todo_admin_a', 'todo_clerk_b1', 'todo_manager_a1', 'todo_head_a1'].map((u) => ctx.login(u)));
});
afterAll(() => ctx?.close());

describe('raising', () => {
  it('is idempotent on the dedupe key, even after the first was done', async () => {
    const input: TodoInput = { kind: 'test.item', title: '同一件事', assignee: { userId: managerId }, dedupeKey: 'test:same-thing' };
    const first = await ctx.handle.db.transaction().execute((tx) => raiseTodo(tx, input));
    const second = await ctx.handle.db.transaction().execute((tx) => raiseTodo(tx, { ...input, title: '换了标题' }));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect((await managerA1.post(`/api/todos/${first.id}/done`)).statusCode).toBe(200);
    const third = await ctx.handle.db.transaction().execute((tx) => raiseTodo(tx, input));
    expect(third).toEqual({ id: first.id, created: false });
    const rows = await ctx.handle.db.selectFrom('todo').selectAll().where('dedupe_key', '=', 'test:same-thing').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.title).toBe('同一件事');
  });

  it('raises a batch once, skipping keys already raised; rolls back with its transaction; cuts long titles', async () => {
    const batch = [1, 2, 3].map((n) => ({ kind: 'test.batch', title: `批量 ${n}`.padEnd(250, '长'), assignee: { userId: managerId }, dedupeKey: `test:batch:${n}` }));
    const first = await ctx.handle.db.transaction().execute((tx) => raiseTodos(tx, batch.slice(0, 2)));
    const second = await ctx.handle.db.transaction().execute((tx) => raiseTodos(tx, batch));
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    const titles = await ctx.handle.db.selectFrom('todo').select('title').where('kind', '=', 'test.batch').execute();
    expect(titles.every((t) => t.title.length === 200 && t.title.endsWith('…'))).toBe(true);
    await expect(ctx.handle.db.transaction().execute(async (tx) => {
      await raiseTodo(tx, { kind: 'test.batch', title: 'x', assignee: { userId: managerId }, dedupeKey: 'test:batch:rolled-back' });
      throw new Error('the calling service failed');
    })).rejects.toThrow('the calling service failed');
    expect(await ctx.handle.db.selectFrom('todo').select('id').where('dedupe_key', '=', 'test:batch:rolled-back').execute()).toHaveLength(0);
    await expect(ctx.handle.db.transaction().execute((tx) => raiseTodo(tx, { kind: 'test.bad', title: 'x', assignee: { userId: managerId }, dedupeKey: 'k'.repeat(121) }))).rejects.toThrow(/dedupe key/);
  });
});

describe('who sees a to-do', () => {
  it("shows a personal to-do only to its assignee, an institution's to-do to those who can act on it there", async () => {
    const personal = await raise({ assignee: { userId: managerId } });
    const atA1 = await raise({ assignee: { institutionId: ctx.bank.subA1 } });
    const atB1 = await raise({ assignee: { institutionId: ctx.bank.subB1 } });
    expect(await ids(managerA1)).toContain(personal.id);
    expect(await ids(managerA1)).not.toContain(atA1.id);   // 'own' scope: not the institution's pool
    expect(await ids(clerkA1)).toEqual(expect.arrayContaining([atA1.id]));
    expect(await ids(clerkA1)).not.toContain(personal.id);
    expect(await ids(clerkA1)).not.toContain(atB1.id);
    expect(await ids(branchAdminA)).toContain(atA1.id);    // A1 lies in branch A's subtree
    expect(await ids(branchAdminA)).not.toContain(atB1.id);
    expect(await ids(clerkB1)).toContain(atB1.id);
    expect(await ids(clerkB1)).not.toContain(atA1.id);
    expect(await ids(headA1)).not.toContain(atA1.id);      // no manage permission
  });

  it('counts open, overdue and due-today to-dos for the badge, and lists by due date', async () => {
    const own = await ctx.addUser('todo_counter', ctx.bank.subA2, ['primary_manager']);
    const me = await ctx.login('todo_counter');
    const late = await raise({ assignee: { userId: own }, dueOn: addDays(today, -2), kind: 'test.count' });
    const due = await raise({ assignee: { userId: own }, dueOn: today, kind: 'test.count' });
    const later = await raise({ assignee: { userId: own }, dueOn: addDays(today, 5), kind: 'test.other' });
    const undated = await raise({ assignee: { userId: own } });
    expect((await me.get('/api/todos/count')).json()).toEqual({ open: 4, overdue: 1, dueToday: 1, byKind: { 'test.count': 2, 'test.other': 1, 'test.item': 1 } });
    const list = (await me.get('/api/todos')).json();
    expect(list.total).toBe(4);
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([late.id, due.id, later.id, undated.id]);
    expect(list.items.map((i: { overdue: boolean }) => i.overdue)).toEqual([true, false, false, false]);
    expect(await ids(me, '?kind=test.count')).toEqual([late.id, due.id]);
    expect(await ids(me, `?kind=${encodeURIComponent("x' or '1'='1")}`)).toEqual([]);
    expect((await me.get('/api/todos?pageSize=1&page=2')).json().items.map((i: { id: number }) => i.id)).toEqual([due.id]);
    for (const q of ['?status=deleted', '?pageSize=0', '?page=abc', `?kind=${'k'.repeat(41)}`]) expect((await me.get(`/api/todos${q}`)).statusCode, q).toBe(400);
  });

  it('shows a known kind in the reader language and an unknown kind by its stored title, verbatim', async () => {
    const own = await ctx.addUser('todo_reader', ctx.bank.subA2, ['primary_manager']);
    const me = await ctx.login('todo_reader');
    const params = { customerName: '<b>青岛</b>公司', customerNo: '10000000018', certTypeZh: '营业执照', certTypeEn: 'Business licence', expiresOn: '2031-01-31' };
    await raise({ assignee: { userId: own }, kind: 'certificate.expiry', title: '存储的标题', params });
    await raise({ assignee: { userId: own }, kind: 'test.unknown', title: '<script>alert(1)</script>' });
    const zh = (await me.get('/api/todos')).json().items.map((i: { title: string }) => i.title);
    expect(zh).toEqual(['证件到期提醒：<b>青岛</b>公司（10000000018）的营业执照将于 2031-01-31 到期', '<script>alert(1)</script>']);
    const en = (await me.get('/api/todos', { 'accept-language': 'en-US' })).json().items[0].title;
    expect(en).toBe('Certificate expiring: the Business licence of <b>青岛</b>公司 (10000000018) expires on 2031-01-31');
  });
});

describe('marking done', () => {
  it('marks a visible to-do done with an audit row; refuses it twice, a cancelled one, and others\' as not found', async () => {
    const mine = await raise({ assignee: { institutionId: ctx.bank.subA1 }, entity: { type: 'certificate', id: 77 } });
    const before = await lastAuditId(ctx);
    expect((await clerkB1.post(`/api/todos/${mine.id}/done`)).statusCode).toBe(404);
    expect((await managerA1.post(`/api/todos/${mine.id}/done`)).statusCode).toBe(404);
    const ok = await clerkA1.post(`/api/todos/${mine.id}/done`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: mine.id, status: 'done' });
    const audit = await auditSince(ctx, before);
    expect(audit.map((a) => [a.action, a.actor_name, a.entity_id])).toEqual([['todo.done', 'todo_clerk_a1', String(mine.id)]]);
    expect(audit[0]!.after).toMatchObject({ status: 'done', entityType: 'certificate', entityId: '77' });
    expect(await ctx.handle.db.selectFrom('todo').select(['done_by', 'status']).where('id', '=', mine.id).executeTakeFirst()).toEqual({ done_by: clerkA1Id, status: 'done' });
    const twice = await branchAdminA.post(`/api/todos/${mine.id}/done`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'todos.already_done', title: '该待办事宜已办结' });
    expect(await ids(clerkA1)).not.toContain(mine.id);
    expect(await ids(clerkA1, '?status=done')).toContain(mine.id);

    const withdrawn = await raise({ assignee: { institutionId: ctx.bank.subA1 }, entity: { type: 'certificate', id: 78 } });
    expect(await ctx.handle.db.transaction().execute((tx) => cancelTodos(tx, { type: 'certificate', id: 78 }))).toBe(1);
    expect((await clerkA1.post(`/api/todos/${withdrawn.id}/done`)).json().code).toBe('todos.cancelled');
    expect(await lastAuditId(ctx)).toBe(audit[0]!.id);
  });

  it('lets a read-only role (the auditor) read its list but never act', async () => {
    const auditorId = await ctx.addUser('todo_auditor', ctx.bank.ho, ['auditor']);
    const auditor = await ctx.login('todo_auditor');
    const own = await raise({ assignee: { userId: auditorId } });
    expect(await ids(auditor)).toEqual([own.id]);
    const res = await auditor.post(`/api/todos/${own.id}/done`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('common.forbidden');
    expect((await ctx.handle.db.selectFrom('todo').select('status').where('id', '=', own.id).executeTakeFirstOrThrow()).status).toBe('open');
  });

  it('refuses malformed ids', async () => {
    for (const id of ['abc', '0', '-5', '1.5', '99999999999999999999']) {
      expect((await clerkA1.post(`/api/todos/${id}/done`)).statusCode, id).toBe(400);
    }
    expect((await clerkA1.post('/api/todos/987654321/done')).statusCode).toBe(404);
  });
});
