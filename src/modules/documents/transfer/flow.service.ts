// Document transfer (单证传递, CIF-41/42; seed 001 §3.2.7). A sub-branch clerk opens a flow (its
// number is taken at once and never typed), names the account — the account name fills in — and
// lists the certificates with pages and copies; confirming submits it, and the processing centre
// (the branch's back office) gets a "document receipt" to-do with the list. The first centre
// clerk to accept it claims it: the flow is received and an "information entry" to-do raised.
// Submitting the keyed information sends the flow to review through the approval engine
// (entry-review.workflow.ts); the approval completes it.
import { sql } from 'kysely';
import type { Database, Executor, Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { AppError, invalid, notFound } from '../../../common/http/errors.ts';
import { maskAccountNo } from '../../accounts/account.service.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import { addWorkingDays } from '../../calendar/calendar.service.ts';
import { can, type Actor } from '../../auth/actor.ts';
import { pathInScope } from '../../org/scope.ts';
import { raiseTodo } from '../../todos/todo.service.ts';
import { nextFlowNo } from './flow-number.ts';
import { branchOf, flowVisibleTo, scopedAccount } from './flow.queries.ts';
import { flowTotals, type FlowBody, type FlowListQuery, type FlowStatus } from './flow.schema.ts';

export const FLOW_ENTITY = 'document_flow';
// Working days the centre has to receive the paper and to key it: the to-dos' due dates, so the
// workbench marks a late one overdue by the calendar.
const RECEIPT_DAYS = 1;
const ENTRY_DAYS = 2;

function personOf(actor: Actor): number {
  if (actor.kind !== 'user' || actor.id == null) throw new AppError('documents.person_only', 403);
  return actor.id;
}

/** The account name (户名) for an account number in the caller's scope: the form's lookup. */
export async function lookupAccount(db: Executor, actor: Actor, accountNo: string) {
  const a = await scopedAccount(db, actor, accountNo);
  if (!a) throw notFound('account');
  return { accountNo: can(actor, 'customer.sensitive.read') ? a.account_no : maskAccountNo(a.account_no), accountName: a.name, customerNo: a.customer_no, customerId: a.customer_id, accountStatus: a.status };
}

async function accountFor(tx: Tx, actor: Actor, accountNo: string) {
  const a = await scopedAccount(tx, actor, accountNo);
  if (!a) throw invalid({ path: 'accountNo', code: 'documents.account_not_found' });
  if (a.status === 'closed') throw invalid({ path: 'accountNo', code: 'documents.account_closed' });
  return a;
}

async function writeItems(tx: Tx, flowId: number, items: FlowBody['items']) {
  await tx.deleteFrom('document_flow_item').where('flow_id', '=', flowId).execute();
  await tx.insertInto('document_flow_item').values(items.map((i, n) => ({
    flow_id: flowId, line_no: n + 1, cert_kind: i.certKind.trim(), cert_no: i.certNo?.trim() || null, pages: i.pages, copies: i.copies,
  }))).execute();
}

/** Opens a flow with its number, account and certificate rows (status draft). */
export async function createFlow(db: Database, actor: Actor, body: FlowBody) {
  const makerId = personOf(actor);
  try {
    return await db.transaction().execute(async (tx) => {
      const branch = await branchOf(tx, actor.institutionId!);
      if (!branch) throw new AppError('documents.no_branch', 422);
      const account = await accountFor(tx, actor, body.accountNo);
      const flowNo = await nextFlowNo(tx, branch, Number(businessToday().slice(0, 4)));
      const totals = flowTotals(body.items);
      const row = await tx.insertInto('document_flow').values({
        flow_no: flowNo, branch_id: branch.id, institution_id: actor.institutionId!, account_id: account.id, customer_id: account.customer_id,
        account_no: account.account_no, account_name: account.name.slice(0, 100), total_pages: totals.totalPages, total_copies: totals.totalCopies, created_by: makerId,
      }).returning(['id']).executeTakeFirstOrThrow();
      await writeItems(tx, row.id, body.items);
      await writeAudit(tx, actor, { action: 'document_flow.create', entityType: FLOW_ENTITY, entityId: row.id,
        after: { flowNo, accountId: account.id, customerId: account.customer_id, items: body.items.length, ...totals } });
      return { id: row.id, flowNo, status: 'draft' as const };
    });
  } catch (err) {
    const e = err as { code?: string; constraint?: string; message?: string };
    // Two branches whose codes share their first two characters would share a number series.
    if (e.code === '23505' && /document_flow_no_key/.test(`${e.constraint ?? ''} ${e.message ?? ''}`)) throw new AppError('documents.branch_number_clash', 409);
    throw err;
  }
}

/** The flow locked for a change, if the actor sees it; with its centre's path. */
async function lockFlow(tx: Tx, actor: Actor, id: number) {
  const f = await tx.selectFrom('document_flow as f').innerJoin('institution as centre', 'centre.id', 'f.branch_id')
    .selectAll('f').select(['centre.path as centre_path', 'centre.name as centre_name'])
    .where('f.id', '=', id).where(flowVisibleTo(actor)).forUpdate('f').executeTakeFirst();
  if (!f) throw notFound(FLOW_ENTITY);
  return f;
}

const wrongStatus = (status: string) => new AppError('documents.wrong_status', 409, { status: `documents.status.${status}` });

/**
 * Only the sending institution's own staff change a draft (a colleague may finish it); the centre
 * above it sees the draft but does not write the sender's list.
 */
function assertDraftOfSender(actor: Actor, f: { status: string; institution_id: number }) {
  if (actor.institutionId !== f.institution_id) throw new AppError('documents.sender_only', 403);
  if (f.status !== 'draft') throw wrongStatus(f.status);
}

export async function updateFlow(db: Database, actor: Actor, id: number, body: FlowBody) {
  personOf(actor);
  return db.transaction().execute(async (tx) => {
    const f = await lockFlow(tx, actor, id);
    assertDraftOfSender(actor, f);
    const account = await accountFor(tx, actor, body.accountNo);
    const totals = flowTotals(body.items);
    await tx.updateTable('document_flow').set({
      account_id: account.id, customer_id: account.customer_id, account_no: account.account_no, account_name: account.name.slice(0, 100),
      total_pages: totals.totalPages, total_copies: totals.totalCopies, updated_at: new Date(), version: sql`version + 1`,
    }).where('id', '=', id).execute();
    await writeItems(tx, id, body.items);
    await writeAudit(tx, actor, { action: 'document_flow.update', entityType: FLOW_ENTITY, entityId: id,
      before: { accountId: f.account_id, totalPages: f.total_pages, totalCopies: f.total_copies }, after: { accountId: account.id, items: body.items.length, ...totals } });
    return { id, flowNo: f.flow_no, status: 'draft' as const };
  });
}

/** Confirm → submitted: the centre's "document receipt" to-do, seen by every entry clerk in its charge. */
export async function submitFlow(db: Database, actor: Actor, id: number) {
  const userId = personOf(actor);
  return db.transaction().execute(async (tx) => {
    const f = await lockFlow(tx, actor, id);
    assertDraftOfSender(actor, f);
    await tx.updateTable('document_flow').set({ status: 'submitted', submitted_by: userId, submitted_at: new Date(), updated_at: new Date(), version: sql`version + 1` })
      .where('id', '=', id).execute();
    await raiseTodo(tx, {
      kind: 'documents.receipt', title: `资料接收：单证流程 ${f.flow_no}（${f.account_name}，${f.total_copies} 份）`,
      params: { flowNo: f.flow_no, accountName: f.account_name, copies: f.total_copies },
      entity: { type: FLOW_ENTITY, id }, assignee: { institutionId: f.branch_id }, dedupeKey: `documents.receipt:${id}`,
      dueOn: await addWorkingDays(tx, businessToday(), RECEIPT_DAYS),
    });
    await writeAudit(tx, actor, { action: 'document_flow.submit', entityType: FLOW_ENTITY, entityId: id, before: { status: 'draft' }, after: { status: 'submitted', centreId: f.branch_id } });
    return { id, flowNo: f.flow_no, status: 'submitted' as const };
  });
}

/** A draft opened by mistake ends as cancelled; its number stays used, so the series keeps no holes. */
export async function cancelFlow(db: Database, actor: Actor, id: number) {
  personOf(actor);
  return db.transaction().execute(async (tx) => {
    const f = await lockFlow(tx, actor, id);
    assertDraftOfSender(actor, f);
    await tx.updateTable('document_flow').set({ status: 'cancelled', updated_at: new Date(), version: sql`version + 1` }).where('id', '=', id).execute();
    await writeAudit(tx, actor, { action: 'document_flow.cancel', entityType: FLOW_ENTITY, entityId: id, before: { status: 'draft' }, after: { status: 'cancelled' } });
    return { id, flowNo: f.flow_no, status: 'cancelled' as const };
  });
}

/** Only a clerk whose charge contains the flow's centre acts for the centre. */
export function assertCentreClerk(actor: Actor, f: { centre_path: string; centre_name: string }) {
  if (!pathInScope(actor, f.centre_path)) throw new AppError('documents.outside_centre', 403, { centre: f.centre_name });
}

/**
 * The centre accepts the paper: the first clerk to act claims the receipt to-do (the row lock
 * makes a second, simultaneous accept wait and then find the flow received), and the
 * "information entry" reminder is raised for the centre.
 */
export async function acceptFlow(db: Database, actor: Actor, id: number) {
  const userId = personOf(actor);
  return db.transaction().execute(async (tx) => {
    const f = await lockFlow(tx, actor, id);
    assertCentreClerk(actor, f);
    if (f.status === 'received' || f.status === 'in_review' || f.status === 'completed') throw new AppError('documents.already_received', 409, { flowNo: f.flow_no });
    if (f.status !== 'submitted') throw wrongStatus(f.status);
    const now = new Date();
    await tx.updateTable('document_flow').set({ status: 'received', received_by: userId, received_at: now, updated_at: now, version: sql`version + 1` })
      .where('id', '=', id).where('status', '=', 'submitted').execute();
    await tx.updateTable('todo').set({ status: 'done', done_at: now, done_by: userId })
      .where('entity_type', '=', FLOW_ENTITY).where('entity_id', '=', String(id)).where('kind', '=', 'documents.receipt').where('status', '=', 'open').execute();
    await raiseTodo(tx, {
      kind: 'documents.entry', title: `信息录入：单证流程 ${f.flow_no}（${f.account_name}）`, params: { flowNo: f.flow_no, accountName: f.account_name },
      entity: { type: FLOW_ENTITY, id }, assignee: { institutionId: f.branch_id }, dedupeKey: `documents.entry:${id}`,
      dueOn: await addWorkingDays(tx, businessToday(), ENTRY_DAYS),
    });
    await writeAudit(tx, actor, { action: 'document_flow.receive', entityType: FLOW_ENTITY, entityId: id, before: { status: 'submitted' }, after: { status: 'received' } });
    return { id, flowNo: f.flow_no, status: 'received' as const };
  });
}

/**
 * The entry is submitted (called from the review type's check, inside the engine's submission
 * transaction, so the flow moves to review exactly when the request exists). A flow whose earlier
 * review was withdrawn or rejected may be submitted again.
 */
export async function markEntered(tx: Tx, actor: Actor, id: number) {
  const userId = personOf(actor);
  const f = await lockFlow(tx, actor, id);
  assertCentreClerk(actor, f);
  if (f.status !== 'received' && f.status !== 'in_review') throw wrongStatus(f.status);
  if (f.status === 'received') {
    const now = new Date();
    await tx.updateTable('document_flow').set({ status: 'in_review', entered_by: userId, entered_at: now, updated_at: now, version: sql`version + 1` }).where('id', '=', id).execute();
    await tx.updateTable('todo').set({ status: 'done', done_at: now, done_by: userId })
      .where('entity_type', '=', FLOW_ENTITY).where('entity_id', '=', String(id)).where('kind', '=', 'documents.entry').where('status', '=', 'open').execute();
    await writeAudit(tx, actor, { action: 'document_flow.enter', entityType: FLOW_ENTITY, entityId: id, before: { status: 'received' }, after: { status: 'in_review' } });
  }
  return f;
}

/** The approved review completes the flow (run by the engine as the checker). */
export async function completeFlow(tx: Tx, checker: Actor, id: number, request: { id: number; makerId: number }) {
  const r = await tx.updateTable('document_flow').set({ status: 'completed', completed_at: new Date(), updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id).where('status', '=', 'in_review').returning(['flow_no']).executeTakeFirst();
  if (!r) throw new AppError('documents.wrong_status', 409, { status: 'documents.status.completed' });
  await writeAudit(tx, checker, { action: 'document_flow.complete', entityType: FLOW_ENTITY, entityId: id,
    before: { status: 'in_review' }, after: { status: 'completed', requestId: request.id, makerId: request.makerId } });
  return r.flow_no;
}

export async function flowState(db: Executor, id: number) {
  return db.selectFrom('document_flow').select(['status', 'version', 'flow_no', 'account_name']).where('id', '=', id).executeTakeFirst();
}

const LIST_COLUMNS = ['f.id', 'f.flow_no', 'f.status', 'f.account_no', 'f.account_name', 'f.customer_id', 'f.total_pages', 'f.total_copies',
  'f.institution_id', 'sender.name as institution_name', 'f.branch_id', 'centre.name as centre_name', 'f.created_at', 'f.submitted_at', 'f.received_at', 'f.completed_at',
  'maker.display_name as created_by_name'] as const;

function listBase(db: Executor, actor: Actor) {
  return db.selectFrom('document_flow as f').innerJoin('institution as sender', 'sender.id', 'f.institution_id')
    .innerJoin('institution as centre', 'centre.id', 'f.branch_id').innerJoin('app_user as maker', 'maker.id', 'f.created_by')
    .where(flowVisibleTo(actor));
}

async function auditUnmasked(db: Database, actor: Actor, entityId: number | null, n: number) {
  if (!n || !can(actor, 'customer.sensitive.read')) return;
  await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'document_flow.read_unmasked', entityType: FLOW_ENTITY, entityId, after: { flows: n } }));
}

type ListRow = Record<(typeof LIST_COLUMNS)[number] extends `${string} as ${infer A}` ? A : string, unknown>;
function toApi(r: Record<string, unknown>, unmasked: boolean) {
  return {
    id: r.id as number, flowNo: r.flow_no as string, status: r.status as FlowStatus,
    accountNo: unmasked ? r.account_no as string : maskAccountNo(r.account_no as string), accountName: r.account_name as string, customerId: r.customer_id as number,
    totalPages: r.total_pages as number, totalCopies: r.total_copies as number,
    // The columns' own types (LIST_COLUMNS: inner joins, so the names are there), for the route's response schema.
    institution: { id: r.institution_id as number, name: r.institution_name as string }, centre: { id: r.branch_id as number, name: r.centre_name as string },
    createdBy: r.created_by_name as string, createdAt: r.created_at as Date, submittedAt: r.submitted_at as Date | null,
    receivedAt: r.received_at as Date | null, completedAt: r.completed_at as Date | null,
  };
}

export async function listFlows(db: Database, actor: Actor, q: FlowListQuery) {
  let base = listBase(db, actor);
  if (q.status) base = base.where('f.status', '=', q.status);
  if (q.flowNo) base = base.where('f.flow_no', 'like', `${q.flowNo}%`);
  if (q.side === 'sent') base = base.where(sql<boolean>`f.institution_id in (select scope_i.id from institution scope_i where scope_i.path like ${actor.scopePath + '%'})`);
  if (q.side === 'centre') base = base.where(sql<boolean>`f.branch_id in (select scope_i.id from institution scope_i where scope_i.path like ${actor.scopePath + '%'})`);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.select([...LIST_COLUMNS]).orderBy('f.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const unmasked = can(actor, 'customer.sensitive.read');
  await auditUnmasked(db, actor, null, rows.length);
  return { total: Number(total), items: rows.map((r) => toApi(r as ListRow, unmasked)) };
}

export async function getFlow(db: Database, actor: Actor, id: number) {
  const r = await listBase(db, actor).select([...LIST_COLUMNS, 'centre.path as centre_path']).where('f.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(FLOW_ENTITY);
  const items = await db.selectFrom('document_flow_item').select(['line_no', 'cert_kind', 'cert_no', 'pages', 'copies']).where('flow_id', '=', id).orderBy('line_no').execute();
  const review = await db.selectFrom('approval_request').select(['id', 'status', 'current_step', 'maker_id']).where('workflow_type', '=', 'document.entry_review')
    .where('subject_type', '=', FLOW_ENTITY).where('subject_id', '=', String(id)).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const position = await db.selectFrom('archive_position').select(['id', 'position_no']).where('flow_id', '=', id).executeTakeFirst();
  const unmasked = can(actor, 'customer.sensitive.read');
  await auditUnmasked(db, actor, id, 1);
  const sender = actor.institutionId === r.institution_id;
  const centre = pathInScope(actor, r.centre_path);
  const reviewOpen = review?.status === 'pending' || review?.status === 'returned';
  return {
    ...toApi(r as ListRow, unmasked),
    items: items.map((i) => ({ lineNo: i.line_no, certKind: i.cert_kind, certNo: i.cert_no, pages: i.pages, copies: i.copies })),
    review: review ? { requestId: review.id, status: review.status } : null,
    position: position ? { id: position.id, positionNo: position.position_no } : null,
    can: {
      edit: sender && r.status === 'draft' && can(actor, 'document.submit'),
      accept: centre && r.status === 'submitted' && can(actor, 'document.process'),
      // A returned entry goes back to the clerk who keyed it: he corrects it and sends it again.
      enter: centre && can(actor, 'document.process') && (r.status === 'received' || (r.status === 'in_review' && !reviewOpen)
        || (review?.status === 'returned' && actor.kind === 'user' && review.maker_id === actor.id)),
    },
  };
}
