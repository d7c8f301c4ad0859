// The life of a request: submitted by a maker, approved step by step by checkers (the last
// approval applies it, in the same transaction), or returned to the maker with a reason (who may
// resubmit or withdraw), or rejected. Every act writes a decision row and an audit row.
//
// Two checkers acting on one step at once: the request row is locked (select … for update) and
// re-read, and the final update is conditional on the step the checker saw, so exactly one wins
// and the other is told the request moved on.
import canonicalize from 'canonicalize';
import { sql, type Insertable, type RawBuilder, type UpdateQueryBuilder, type UpdateResult } from 'kysely';
import type { Database, Tx } from '../../db/database.ts';
import type { ApprovalStatus, DB } from '../../db/schema.ts';
import { businessToday } from '../../common/business-date.ts';
import { AppError, invalid, notFound, type FieldError } from '../../common/http/errors.ts';
import { auditInsert, writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { calendarAhead } from '../calendar/calendar.service.ts';
import { pathInScope } from '../org/scope.ts';
import { planFor, stepState, type PlannedStep } from './approval-steps.service.ts';
import { delegationRunning, delegatorOf, requestVisibleTo } from './approval.queries.ts';
import { workflowType, type WorkflowType } from './workflow-type.ts';
import { approvalNotification, notifyApproval } from '../notifications/notification.service.ts';

export type CheckerDecision = 'approve' | 'return' | 'reject';

/** Approvals are a person's act: a token or the system can neither make nor check. */
function personOf(actor: Actor): number {
  if (actor.kind !== 'user' || actor.id == null) throw new AppError('approvals.person_only', 403);
  return actor.id;
}

function parsePayload<P>(type: WorkflowType<P>, input: unknown): P {
  const r = type.payload.safeParse(input);
  if (r.success) return r.data;
  throw invalid(...r.error.issues.map((i): FieldError => ({ path: ['payload', ...i.path].join('.'), code: 'approvals.payload_invalid', params: { detail: i.message } })));
}

const sameBasis = (a: unknown, b: unknown) => canonicalize(a ?? null) === canonicalize(b ?? null);

/** Refuses an apply whose basis changed since submission, naming what changed. */
function assertNotStale(recorded: unknown, now: Record<string, unknown> | null) {
  if (sameBasis(recorded, now)) return;
  const before = (recorded ?? {}) as Record<string, unknown>;
  const after = now ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !sameBasis(before[k], after[k]));
  throw new AppError('approvals.stale', 409, { fields: fields.join(', ') }, fields.map((f) => ({ path: `basis.${f}`, code: 'approvals.stale_field' })));
}

/**
 * Submits a request of `type`. The type's check runs in the maker's scope; the steps come from
 * approval_step for the maker's institution level. Returns the request id and its first step.
 */
export async function submitRequest<P>(db: Database, maker: Actor, type: WorkflowType<P>, input: unknown) {
  const makerId = personOf(maker);
  const payload = parsePayload(type, input);
  let subjectOf: { type: string; id: string } | null = null;
  try {
    return await db.transaction().execute(async (tx) => {
      const subject = await type.check(tx, maker, payload);
      subjectOf = { type: subject.type, id: String(subject.id) };
      const makerInstitutionId = maker.institutionId!;
      const today = businessToday();
      const { plan, start } = await planFor(tx, type.code, makerInstitutionId, today, subject);
      const basis = subject.basis ?? (type.basis ? await type.basis(tx, payload) : null);
      const first = stepState(plan, 1, makerInstitutionId, start, today);
      // One statement: the request (a second open request for the same subject is stopped by
      // approval_request_open_subject_idx, below), its submission, the first step's notifications
      // and the audit row.
      const request = tx.insertInto('approval_request').values({
        workflow_type: type.code, subject_type: subject.type, subject_id: String(subject.id), subject_label: subject.label.slice(0, 200),
        payload: JSON.stringify(payload), basis: basis ? JSON.stringify(basis) : null, maker_id: makerId, maker_institution_id: makerInstitutionId,
        plan: JSON.stringify(plan), step_count: plan.length, ...first,
      }).returning(['id', 'step_role', 'due_on']);
      const row = (await sql<{ id: number; step_role: string; due_on: string }>`
        with request as (${request}),
        submitted as (insert into approval_decision (request_id, round, step_no, actor_id, decision) select id, 1, 1, ${makerId}::int4, 'submit' from request),
        ${approvalNotification(sql`(select id from request)`, { kind: 'approval.submitted', label: subject.label, step: 1, role: first.step_role, actingInstitutionId: first.acting_institution_id, dueOn: first.due_on, makerId })},
        audited as (${auditInsert(maker, { action: 'approval.submit', entityType: 'approval_request', entityId: sql`(select id from request)`,
          after: { type: type.code, subject: { type: subject.type, id: String(subject.id) }, steps: plan.length } })})
        select * from request`.execute(tx)).rows[0]!;
      return { requestId: row.id, status: 'pending' as const, step: 1, stepCount: plan.length, role: row.step_role, dueOn: row.due_on };
    });
  } catch (err) {
    const e = err as { code?: string; constraint?: string; message?: string };
    // Assigned inside the transaction callback, which TypeScript does not follow.
    const subject = subjectOf as { type: string; id: string } | null;
    if (e.code !== '23505' || !subject || !/approval_request_open_subject_idx/.test(`${e.constraint ?? ''} ${e.message ?? ''}`)) throw err;
    const open = await db.selectFrom('approval_request').select('id').where('workflow_type', '=', type.code).where('subject_type', '=', subject.type)
      .where('subject_id', '=', subject.id).where('status', 'in', ['pending', 'returned']).executeTakeFirst();
    throw new AppError('approvals.already_open', 409, { openRequestId: open?.id ?? null, type: `approvals.type.${type.code}` });
  }
}

/**
 * The request, locked, if the actor may see it (or may act on it for a delegator), with what a
 * decision needs to know about the actor in the same round trip: does he hold the step's role,
 * where does the step act, which step of this round did he approve already (as seen before the
 * lock; the decision's write checks again after it). The delegation lookup (代理审批) is a
 * statement of its own, run only for a delegate who needs it: acting on one's own right is the
 * common case, and that query is the costly one to plan.
 */
async function lockVisible(tx: Tx, actor: Actor, id: number) {
  const person = actor.kind === 'user' ? actor.id! : -1;
  const today = businessToday();
  const delegated = delegationRunning(actor, today);
  const r = await tx.selectFrom('approval_request').leftJoin('institution as acting', 'acting.id', 'approval_request.acting_institution_id')
    .selectAll('approval_request')
    .select(['acting.path as acting_path', 'acting.name as acting_name',
      sql<boolean>`${requestVisibleTo(actor)}`.as('visible'),
      sql<boolean>`${delegated}`.as('delegated'),
      sql<boolean>`exists (select 1 from user_role ur join role ro on ro.id = ur.role_id where ur.user_id = ${person} and ro.code = approval_request.step_role)`.as('holds_role'),
      // What the next step needs to begin, read here rather than in statements of their own.
      sql<number | null>`(select i.parent_id from institution i where i.id = approval_request.maker_institution_id)`.as('maker_parent_id'),
      calendarAhead(today, sql<number>`coalesce((approval_request.plan -> approval_request.current_step ->> 'timeLimitDays')::int, 0)`).as('calendar_ahead'),
      sql<number | null>`(select d.step_no from approval_decision d where d.request_id = approval_request.id and d.round = approval_request.round
                           and d.decision = 'approve' and (d.actor_id = ${person} or d.on_behalf_of = ${person}) limit 1)`.as('approved_step')])
    .where('approval_request.id', '=', id)
    .forUpdate('approval_request').executeTakeFirst();
  // Visibility is read as columns and judged here, not repeated in the WHERE clause: planning the
  // scope and delegation subqueries twice cost more than the statement's execution. The row of a
  // request the reader may not see is locked until this transaction ends at once, unchanged.
  if (!r || (!r.visible && !r.delegated)) throw notFound('approval_request');
  const ownRight = r.holds_role && r.acting_path !== null && pathInScope(actor, r.acting_path);
  const delegatorId = r.delegated && (!r.visible || !ownRight)
    ? ((await tx.selectFrom('approval_request').select(delegatorOf(actor, today, false).as('d')).where('id', '=', id).executeTakeFirst())?.d ?? null)
    : null;
  if (!r.visible && delegatorId === null) throw notFound('approval_request');
  return { ...r, own_right: ownRight, delegator_id: delegatorId, today };
}

const movedOn = (r: { status: string; current_step: number }) => new AppError('approvals.moved_on', 409, { status: r.status, currentStep: r.current_step });

/**
 * A checker's decision on the step he saw (`step`). Refused: the maker himself, a second step by
 * the same person, a role he does not hold, an acting institution outside his charge, a request
 * that moved on. The last approval applies the payload in this transaction, after checking that
 * what it was based on has not changed.
 */
export async function decide(db: Database, actor: Actor, id: number, input: { decision: CheckerDecision; step: number; reason?: string | null }) {
  const checkerId = personOf(actor);
  const reason = input.reason?.trim() || null;
  if (input.decision !== 'approve' && !reason) throw invalid({ path: 'reason', code: 'approvals.reason_required' });
  try {
    return await decideLocked(db, actor, checkerId, id, input, reason);
  } catch (err) {
    // One person, one approved step per round: approval_decision_one_approval_idx (migration
    // 0029) refuses the second approval row, whatever committed while this decision waited.
    const e = err as { code?: string; constraint?: string; message?: string };
    if (e.code !== '23505' || !/approval_decision_one_approval_idx/.test(`${e.constraint ?? ''} ${e.message ?? ''}`)) throw err;
    const earlier = await db.selectFrom('approval_decision').innerJoin('approval_request as r', 'r.id', 'approval_decision.request_id')
      .select('approval_decision.step_no').where('request_id', '=', id).whereRef('approval_decision.round', '=', 'r.round')
      .where('actor_id', '=', checkerId).where('decision', '=', 'approve').executeTakeFirst();
    throw new AppError('approvals.same_person_two_steps', 403, { step: earlier?.step_no ?? null });
  }
}

async function decideLocked(db: Database, actor: Actor, checkerId: number, id: number, input: { decision: CheckerDecision; step: number }, reason: string | null) {
  return db.transaction().execute(async (tx) => {
    const r = await lockVisible(tx, actor, id);
    if (r.maker_id === checkerId) throw new AppError('approvals.maker_is_checker', 403);
    if (r.status !== 'pending' || r.current_step !== input.step) throw movedOn(r);
    // Acting on his own right (role and charge) or, failing that, for a delegator (代理审批): then
    // both people count as the checker of this step for maker ≠ checker and one person one step.
    const behalfOf = r.own_right ? null : r.delegator_id;
    const today = r.today;
    if (behalfOf !== null && behalfOf === r.maker_id) throw new AppError('approvals.maker_is_checker', 403);
    if (r.approved_step !== null) throw new AppError('approvals.same_person_two_steps', 403, { step: r.approved_step });
    if (behalfOf === null && !r.holds_role) {
      const role = await tx.selectFrom('role').select(['name_zh', 'name_en']).where('code', '=', r.step_role!).executeTakeFirst();
      throw new AppError('approvals.role_required', 403, { role: role?.name_zh ?? r.step_role, roleEn: role?.name_en ?? r.step_role });
    }
    if (behalfOf === null && !r.own_right) throw new AppError('approvals.institution_out_of_scope', 403, { institution: r.acting_name });
    const persons = behalfOf === null ? [checkerId] : [checkerId, behalfOf];
    const type = workflowType(r.workflow_type);
    const plan = r.plan as PlannedStep[];
    const now = new Date();
    const decision = { request_id: id, round: r.round, step_no: r.current_step, actor_id: checkerId, on_behalf_of: behalfOf, decision: input.decision, reason };
    const onStep = (q: RequestMove) =>
      q.where('id', '=', id).where('status', '=', 'pending').where('current_step', '=', input.step).where('round', '=', r.round);
    let change: Record<string, unknown>;
    let result: Record<string, unknown> | null = null;
    let after: { status: DecidedStatus; current_step: number } | undefined;
    const ended = (status: 'approved' | 'returned' | 'rejected') => approvalNotification(id, { kind: `approval.${status}`, label: r.subject_label, makerId: r.maker_id, reason });
    const audit = () => auditInsert(actor, { action: `approval.${input.decision}`, entityType: 'approval_request', entityId: id,
      before: { status: 'pending', step: r.current_step }, after: { type: r.workflow_type, reason, ...(behalfOf !== null ? { onBehalfOf: behalfOf } : {}), ...(change.status ? { status: change.status } : { step: change.current_step }), ...(result ? { result } : {}) } });
    if (input.decision === 'approve' && r.current_step === r.step_count) {
      // The last approval: the apply, then the decision row and the request's move in one
      // statement. A second approval by the same person this round (one that committed while this
      // one waited for the lock) is refused there, and the rollback takes the apply with it.
      const payload = parsePayload(type, r.payload);
      const assertBasis = (current: Record<string, unknown> | null) => assertNotStale(r.basis, current);
      if (!type.basisCheckedInApply) assertBasis(type.basis ? await type.basis(tx, payload) : null);
      result = await type.apply(tx, actor, payload, { id: r.id, makerId: r.maker_id, assertBasis });
      change = { status: 'approved', result: JSON.stringify(result), closed_at: now };
      after = await writeDecision(tx, decision, persons, { move: onStep(tx.updateTable('approval_request').set({ ...change, updated_at: now })), notice: ended('approved'), audit: audit() });
    } else {
      let notice;
      if (input.decision === 'approve') {
        const next = stepState(plan, r.current_step + 1, r.maker_institution_id, { parentId: r.maker_parent_id, calendar: r.calendar_ahead }, today);
        change = next;
        notice = approvalNotification(id, { kind: 'approval.submitted', label: r.subject_label, step: next.current_step, role: next.step_role,
          actingInstitutionId: next.acting_institution_id, dueOn: next.due_on, makerId: r.maker_id });
      } else {
        const status = input.decision === 'return' ? 'returned' : 'rejected';
        change = { status, closed_at: input.decision === 'reject' ? now : null };
        notice = ended(status);
      }
      after = await writeDecision(tx, decision, persons, { move: onStep(tx.updateTable('approval_request').set({ ...change, updated_at: now })), notice, audit: audit() });
    }
    if (!after) throw movedOn(r);
    return { requestId: id, status: after.status, step: after.current_step, result };
  });
}

/** Where a checker's decision leaves a request: only its maker withdraws it. */
type DecidedStatus = Exclude<ApprovalStatus, 'withdrawn'>;
type RequestMove = UpdateQueryBuilder<DB, 'approval_request', 'approval_request', UpdateResult>;

/**
 * Records a checker's decision in one statement: the approvals of this round by any of `persons`
 * (by himself or through the other), the decision row, and the request's move with its
 * notifications and audit row — the transaction's last statement (after the apply on the last
 * approval), so the audit chain's lock is held only for the commit. A statement of its own after
 * the lock, so it sees a step approved in a transaction that committed while this one waited for
 * the row; an approval found refuses the decision and the transaction rolls back what this (and
 * an apply before it) wrote. Should a concurrent approval by the same person commit after this
 * snapshot, the one-approval index (migration 0029) refuses the row instead.
 */
async function writeDecision(tx: Tx, decision: Insertable<DB['approval_decision']>, persons: number[],
  then: { move: RequestMove; notice: RawBuilder<unknown>; audit: RawBuilder<unknown> }) {
  const earlier = tx.selectFrom('approval_decision').select('step_no')
    .where('request_id', '=', decision.request_id).where('round', '=', decision.round).where('decision', '=', 'approve')
    .where((eb) => eb.or([eb('actor_id', 'in', persons), eb('on_behalf_of', 'in', persons)])).limit(1);
  const row = (await sql<{ earlier_step: number | null; status: DecidedStatus | null; current_step: number | null }>`
    with earlier as ${earlier}, decided as (${tx.insertInto('approval_decision').values(decision)}),
    ${movedWith(then.move, then.notice, then.audit)}
    select (select step_no from earlier) as earlier_step, (select status from moved) as status, (select current_step from moved) as current_step`.execute(tx)).rows[0]!;
  if (row.earlier_step !== null) throw new AppError('approvals.same_person_two_steps', 403, { step: row.earlier_step });
  return row.status === null ? undefined : { status: row.status, current_step: row.current_step! };
}

/** The request's move (guarded by the step the checker saw), its notifications and its audit row: CTEs named moved, notified…, audited. */
const movedWith = (move: RequestMove, notice: RawBuilder<unknown>, audit: RawBuilder<unknown>) =>
  sql`moved as (${move.returning(['status', 'current_step'])}), ${notice}, audited as (${audit})`;

/** The maker ends his own pending or returned request. */
export async function withdraw(db: Database, actor: Actor, id: number, reason?: string | null) {
  const makerId = personOf(actor);
  return db.transaction().execute(async (tx) => {
    const r = await lockVisible(tx, actor, id);
    if (r.maker_id !== makerId) throw new AppError('approvals.not_maker', 403);
    if (r.status !== 'pending' && r.status !== 'returned') throw movedOn(r);
    await tx.updateTable('approval_request').set({ status: 'withdrawn', closed_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await tx.insertInto('approval_decision').values({ request_id: id, round: r.round, step_no: r.current_step, actor_id: makerId, decision: 'withdraw', reason: reason?.trim() || null }).execute();
    await writeAudit(tx, actor, { action: 'approval.withdraw', entityType: 'approval_request', entityId: id, before: { status: r.status }, after: { status: 'withdrawn', reason: reason ?? null } });
    return { requestId: id, status: 'withdrawn' as const };
  });
}

/**
 * The maker sends a returned request again, optionally with a corrected payload about the same
 * subject: a new round from step 1 under today's steps, its check and basis taken again.
 */
export async function resubmit(db: Database, actor: Actor, id: number, newPayload?: unknown) {
  const makerId = personOf(actor);
  return db.transaction().execute(async (tx) => {
    const r = await lockVisible(tx, actor, id);
    if (r.maker_id !== makerId) throw new AppError('approvals.not_maker', 403);
    if (r.status !== 'returned') throw new AppError('approvals.not_returned', 409, { status: r.status });
    const type = workflowType(r.workflow_type);
    const payload = parsePayload(type, newPayload === undefined ? r.payload : newPayload);
    const subject = await type.check(tx, actor, payload);
    if (subject.type !== r.subject_type || String(subject.id) !== r.subject_id) throw invalid({ path: 'payload', code: 'approvals.subject_changed' });
    const today = businessToday();
    const { plan, start } = await planFor(tx, type.code, r.maker_institution_id, today, subject);
    const basis = subject.basis ?? (type.basis ? await type.basis(tx, payload) : null);
    const round = r.round + 1;
    const first = stepState(plan, 1, r.maker_institution_id, start, today);
    await tx.updateTable('approval_request').set({
      payload: JSON.stringify(payload), basis: basis ? JSON.stringify(basis) : null, plan: JSON.stringify(plan), step_count: plan.length,
      ...first, round, status: 'pending', subject_label: subject.label.slice(0, 200), updated_at: new Date(),
    }).where('id', '=', id).execute();
    await tx.insertInto('approval_decision').values({ request_id: id, round, step_no: 1, actor_id: makerId, decision: 'submit' }).execute();
    await notifyApproval(tx, id, { kind: 'approval.submitted', label: subject.label, step: 1, role: first.step_role, actingInstitutionId: first.acting_institution_id, dueOn: first.due_on, makerId });
    await writeAudit(tx, actor, { action: 'approval.resubmit', entityType: 'approval_request', entityId: id, before: { status: 'returned', round: r.round }, after: { status: 'pending', round } });
    return { requestId: id, status: 'pending' as const, step: 1, round };
  });
}

/**
 * Approves many requests one by one, each in its own transaction with its own checks and audit
 * row; a refused item does not stop the others and is reported with its reason.
 */
export async function approveMany(db: Database, actor: Actor, items: { id: number; step: number }[]) {
  const results: ({ id: number; ok: true; status: string } | { id: number; ok: false; error: AppError })[] = [];
  for (const item of items) {
    try {
      const r = await decide(db, actor, item.id, { decision: 'approve', step: item.step });
      results.push({ id: item.id, ok: true, status: r.status });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ id: item.id, ok: false, error: err });
    }
  }
  return results;
}
