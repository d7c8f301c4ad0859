// The to-do list (待办事宜, CIF-41): the one small mechanism every workflow and reminder writes
// to. Other modules raise to-dos inside their own transaction with `raiseTodo`; a dedupe key
// makes raising idempotent, so a job that runs twice (or on two instances) raises one reminder.
//
// Who sees a to-do: the user it is assigned to; and a to-do assigned to an institution is seen by
// every user who can act on it there, i.e. who holds customer.manage or institution.manage with
// an institution-wide data scope whose managing subtree (所辖机构) contains that institution.
// Customer managers ('own' scope) get only their personal to-dos: they could not open a customer
// of the institution that is not theirs.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database, Executor } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { AppError, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import { can, type Actor } from '../auth/actor.ts';
import { institutionInScope } from '../org/scope.ts';

export interface TodoInput {
  /** What kind of work; also names its message `todos.kind.<kind>` for the title in the reader's language. */
  kind: string;
  /** zh-CN title, kept for exports and readers that do not translate; cut at 200 characters. */
  title: string;
  /** Message parameters of the title. */
  params?: Record<string, unknown>;
  /** What the to-do is about: the screen it opens. */
  entity?: { type: string; id: string | number };
  assignee: { userId: number } | { institutionId: number };
  dueOn?: string | null;
  /** Same key, same to-do: a second raise returns the first. At most 120 characters. */
  dedupeKey: string;
}

const TITLE_MAX = 200;
const fitTitle = (t: string) => (t.length <= TITLE_MAX ? t : `${t.slice(0, TITLE_MAX - 1)}…`);

function toRow(input: TodoInput) {
  // Programming errors of the calling module, not user input: fail loudly.
  if (!input.dedupeKey || input.dedupeKey.length > 120) throw new Error(`to-do dedupe key must be 1–120 characters: ${input.dedupeKey}`);
  if (!input.kind || input.kind.length > 40) throw new Error(`to-do kind must be 1–40 characters: ${input.kind}`);
  const userId = 'userId' in input.assignee ? input.assignee.userId : null;
  const institutionId = 'institutionId' in input.assignee ? input.assignee.institutionId : null;
  if (userId == null && institutionId == null) throw new Error('a to-do needs an assignee');
  return {
    kind: input.kind, title: fitTitle(input.title), params: input.params ? JSON.stringify(input.params) : null,
    entity_type: input.entity?.type ?? null, entity_id: input.entity ? String(input.entity.id) : null,
    assignee_user_id: userId, assignee_institution_id: institutionId, due_on: input.dueOn ?? null, dedupe_key: input.dedupeKey,
  };
}

/** Raises a to-do unless one with the same dedupe key exists (open or not); returns its id. */
export async function raiseTodo(tx: Executor, input: TodoInput): Promise<{ id: number; created: boolean }> {
  const row = await tx.insertInto('todo').values(toRow(input)).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('id').executeTakeFirst();
  if (row) return { id: row.id, created: true };
  const existing = await tx.selectFrom('todo').select('id').where('dedupe_key', '=', input.dedupeKey).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

/** Many at once (a reminder job): one statement per 500; returns the ids of those newly raised. */
export async function raiseTodos(tx: Executor, inputs: TodoInput[]): Promise<number[]> {
  const created: number[] = [];
  for (let i = 0; i < inputs.length; i += 500) {
    const rows = await tx.insertInto('todo').values(inputs.slice(i, i + 500).map(toRow))
      .onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('id').execute();
    created.push(...rows.map((r) => r.id));
  }
  return created;
}

/** Withdraws the open to-dos about an entity (the certificate was renewed or voided). Returns how many. */
export async function cancelTodos(tx: Executor, entity: { type: string; id: string | number }, kind?: string): Promise<number> {
  let q = tx.updateTable('todo').set({ status: 'cancelled', done_at: new Date() })
    .where('entity_type', '=', entity.type).where('entity_id', '=', String(entity.id)).where('status', '=', 'open');
  if (kind) q = q.where('kind', '=', kind);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The to-dos this actor sees (see the header). */
export function todoVisibleTo(actor: Actor): Expression<SqlBool> {
  const mine = actor.kind === 'user' ? sql<SqlBool>`todo.assignee_user_id = ${actor.id}` : sql<SqlBool>`false`;
  const pool = actor.dataScope === 'institution' && (can(actor, 'customer.manage') || can(actor, 'institution.manage'));
  return pool ? sql<SqlBool>`(${mine} or ${institutionInScope(actor, 'todo.assignee_institution_id')})` : mine;
}

export interface TodoQuery { status: 'open' | 'done'; kind?: string; page: number; pageSize: number }

export async function listTodos(db: Executor, actor: Actor, q: TodoQuery) {
  let base = db.selectFrom('todo').where(todoVisibleTo(actor)).where('todo.status', '=', q.status);
  if (q.kind) base = base.where('todo.kind', '=', q.kind);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.leftJoin('app_user as done_user', 'done_user.id', 'todo.done_by')
    .select(['todo.id', 'todo.kind', 'todo.title', 'todo.params', 'todo.entity_type', 'todo.entity_id', 'todo.assignee_user_id',
      'todo.assignee_institution_id', 'todo.due_on', 'todo.status', 'todo.created_at', 'todo.done_at', 'done_user.display_name as done_by_name'])
    .orderBy(sql`todo.due_on asc nulls last`).orderBy('todo.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const today = businessToday();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, title: r.title, params: (r.params ?? {}) as Record<string, unknown>,
      entity: r.entity_type ? { type: r.entity_type, id: r.entity_id } : null,
      assignee: { userId: r.assignee_user_id, institutionId: r.assignee_institution_id },
      dueOn: r.due_on, overdue: r.status === 'open' && !!r.due_on && r.due_on < today,
      status: r.status, createdAt: r.created_at, doneAt: r.done_at, doneBy: r.done_by_name,
    })),
  };
}

/** The workbench badge: open to-dos, how many are overdue or due today, and by kind. */
export async function countTodos(db: Executor, actor: Actor) {
  const today = businessToday();
  const rows = await db.selectFrom('todo').where(todoVisibleTo(actor)).where('todo.status', '=', 'open')
    .select(['todo.kind', (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`count(*) filter (where todo.due_on < ${today})`.as('overdue'),
      sql<number>`count(*) filter (where todo.due_on = ${today})`.as('due_today')])
    .groupBy('todo.kind').execute();
  const sum = (k: 'n' | 'overdue' | 'due_today') => rows.reduce((s, r) => s + Number(r[k]), 0);
  return { open: sum('n'), overdue: sum('overdue'), dueToday: sum('due_today'), byKind: Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)])) };
}

/** Marks a to-do the actor sees as done; a second click (or a colleague's) is refused. */
export async function completeTodo(db: Database, actor: Actor, id: number) {
  return db.transaction().execute(async (tx) => {
    const todo = await tx.selectFrom('todo').select(['id', 'status', 'kind', 'entity_type', 'entity_id'])
      .where('todo.id', '=', id).where(todoVisibleTo(actor)).forUpdate().executeTakeFirst();
    if (!todo) throw notFound('todo');
    if (todo.status !== 'open') throw new AppError(todo.status === 'done' ? 'todos.already_done' : 'todos.cancelled', 409);
    const row = await tx.updateTable('todo').set({ status: 'done', done_at: new Date(), done_by: actor.kind === 'user' ? actor.id : null })
      .where('id', '=', id).returning(['id', 'status', 'done_at']).executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'todo.done', entityType: 'todo', entityId: id, before: { status: 'open' },
      after: { status: 'done', kind: todo.kind, entityType: todo.entity_type, entityId: todo.entity_id } });
    return { id: row.id, status: row.status, doneAt: row.done_at };
  });
}
