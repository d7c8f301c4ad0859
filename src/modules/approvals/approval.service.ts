// The life of a request: submitted by a maker, approved step by step by checkers (the last
// approval applies it, in the same transaction), or returned to the maker with a reason (who may
// resubmit or withdraw), or rejected. Every act writes a decision row and an audit row.
//
// Two checkers acting on one step at once: the request row is locked (select … for update) and
// re-read, and the final update is conditional on the step the checker saw, so exactly one wins
// and the other is told the request moved on.
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { Database, Tx } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { AppError, invalid, notFound, type FieldError } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { addWorkingDays } from '../calendar/calendar.service.ts';
import { pathInScope } from '../org/scope.ts';
import { actingInstitutionOf, planFor, type PlannedStep } from './approval-steps.service.ts';
import { delegatorOf, requestVisibleTo } from './approval.queries.ts';
import { workflowType, type WorkflowType } from './workflow-type.ts';
import { notifyApproval } from '../notifications/notification.service.ts';

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

/** The first step of a plan, or the next one: its role, acting institution and due date. */
async function stepState(tx: Tx, plan: PlannedStep[], stepNo: number, makerInstitutionId: number) {
  const step = plan[stepNo - 1]!;
  return {
    current_step: stepNo, step_role: step.roleCode,
    acting_institution_id: await actingInstitutionOf(tx, step, makerInstitutionId),
    due_on: await addWorkingDays(tx, businessToday(), step.timeLimitDays),
  };
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
      const plan = await planFor(tx, type.code, makerInstitutionId);
      const basis = type.basis ? await type.basis(tx, payload) : null;
      // A second open request for the same subject is stopped by approval_request_open_subject_idx (below).
      const row = await tx.insertInto('approval_request').values({
        workflow_type: type.code, subject_type: subject.type, subject_id: String(subject.id), subject_label: subject.label.slice(0, 200),
        payload: JSON.stringify(payload), basis: basis ? JSON.stringify(basis) : null, maker_id: makerId, maker_institution_id: makerInstitutionId,
        plan: JSON.stringify(plan), step_count: plan.length, ...(await stepState(tx, plan, 1, makerInstitutionId)),
      }).returning(['id', 'step_role', 'due_on', 'acting_institution_id']).executeTakeFirstOrThrow();
      await tx.insertInto('approval_decision').values({ request_id: row.id, round: 1, step_no: 1, actor_id: makerId, decision: 'submit' }).execute();
      await notifyApproval(tx, { kind: 'approval.submitted', requestId: row.id, label: subject.label, step: 1, role: row.step_role!, actingInstitutionId: row.acting_institution_id!, dueOn: row.due_on!, makerId });
      await writeAudit(tx, maker, { action: 'approval.submit', entityType: 'approval_request', entityId: row.id,
        after: { type: type.code, subject: { type: subject.type, id: String(subject.id) }, steps: plan.length } });
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
 * The request, locked, if the actor may see it; with what a decision needs to know about the
 * actor in the same round trip: does he hold the step's role, where does the step act.
 */
async function lockVisible(tx: Tx, actor: Actor, id: number) {
  const person = actor.kind === 'user' ? actor.id! : -1;
  const r = await tx.selectFrom('approval_request').leftJoin('institution as acting', 'acting.id', 'approval_request.acting_institution_id')
    .selectAll('approval_request')
    .select(['acting.path as acting_path', 'acting.name as acting_name',
      sql<boolean>`exists (select 1 from user_role ur join role ro on ro.id = ur.role_id where ur.user_id = ${person} and ro.code = approval_request.step_role)`.as('holds_role'),
      delegatorOf(actor, businessToday(), false).as('delegator_id')])
    .where('approval_request.id', '=', id).where((eb) => eb.or([requestVisibleTo(actor), eb(delegatorOf(actor, businessToday(), false), 'is not', null)]))
    .forUpdate('approval_request').executeTakeFirst();
  if (!r) throw notFound('approval_request');
  return r;
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
    const ownRight = r.holds_role && pathInScope(actor, r.acting_path!);
    const behalfOf = ownRight ? null : (r.delegator_id ?? null);
    if (behalfOf !== null && behalfOf === r.maker_id) throw new AppError('approvals.maker_is_checker', 403);
    const persons = behalfOf === null ? [checkerId] : [checkerId, behalfOf];
    // A statement of its own after the lock: it sees a step this person approved in a transaction
    // that committed while this one waited for the row.
    const earlier = await tx.selectFrom('approval_decision').select('step_no')
      .where('request_id', '=', id).where('round', '=', r.round).where('decision', '=', 'approve')
      .where((eb) => eb.or([eb('actor_id', 'in', persons), eb('on_behalf_of', 'in', persons)])).executeTakeFirst();
    if (earlier) throw new AppError('approvals.same_person_two_steps', 403, { step: earlier.step_no });
    if (behalfOf === null && !r.holds_role) {
      const role = await tx.selectFrom('role').select(['name_zh', 'name_en']).where('code', '=', r.step_role!).executeTakeFirst();
      throw new AppError('approvals.role_required', 403, { role: role?.name_zh ?? r.step_role, roleEn: role?.name_en ?? r.step_role });
    }
    if (behalfOf === null && !pathInScope(actor, r.acting_path!)) throw new AppError('approvals.institution_out_of_scope', 403, { institution: r.acting_name });

    // The decision row first: should a second approval by the same person this round slip past the
    // read above, it fails here (unique index, migration 0029) before any step moves or payload applies.
    await tx.insertInto('approval_decision').values({ request_id: id, round: r.round, step_no: r.current_step, actor_id: checkerId, on_behalf_of: behalfOf, decision: input.decision, reason }).execute();
    const type = workflowType(r.workflow_type);
    const plan = r.plan as PlannedStep[];
    const now = new Date();
    let change: Record<string, unknown>;
    let result: Record<string, unknown> | null = null;
    if (input.decision === 'approve' && r.current_step < r.step_count) {
      change = await stepState(tx, plan, r.current_step + 1, r.maker_institution_id);
    } else if (input.decision === 'approve') {
      const payload = parsePayload(type, r.payload);
      assertNotStale(r.basis, type.basis ? await type.basis(tx, payload) : null);
      result = await type.apply(tx, actor, payload, { id: r.id, makerId: r.maker_id });
      change = { status: 'approved', result: JSON.stringify(result), closed_at: now };
    } else {
      change = { status: input.decision === 'return' ? 'returned' : 'rejected', closed_at: input.decision === 'reject' ? now : null };
    }
    const after = await tx.updateTable('approval_request').set({ ...change, updated_at: now })
      .where('id', '=', id).where('status', '=', 'pending').where('current_step', '=', input.step).where('round', '=', r.round)
      .returning(['status', 'current_step']).executeTakeFirst();
    if (!after) throw movedOn(r);
    await notifyApproval(tx, change.status
      ? { kind: `approval.${change.status as 'approved' | 'returned' | 'rejected'}`, requestId: id, label: r.subject_label, makerId: r.maker_id, reason }
      : { kind: 'approval.submitted', requestId: id, label: r.subject_label, step: change.current_step as number, role: change.step_role as string,
          actingInstitutionId: change.acting_institution_id as number, dueOn: change.due_on as string, makerId: r.maker_id });
    await writeAudit(tx, actor, { action: `approval.${input.decision}`, entityType: 'approval_request', entityId: id,
      before: { status: 'pending', step: r.current_step }, after: { type: r.workflow_type, reason, ...(behalfOf !== null ? { onBehalfOf: behalfOf } : {}), ...(change.status ? { status: change.status } : { step: change.current_step }), ...(result ? { result } : {}) } });
    return { requestId: id, status: after.status, step: after.current_step, result };
  });
}

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
    const plan = await planFor(tx, type.code, r.maker_institution_id);
    const basis = type.basis ? await type.basis(tx, payload) : null;
    const round = r.round + 1;
    const first = await stepState(tx, plan, 1, r.maker_institution_id);
    await tx.updateTable('approval_request').set({
      payload: JSON.stringify(payload), basis: basis ? JSON.stringify(basis) : null, plan: JSON.stringify(plan), step_count: plan.length,
      ...first, round, status: 'pending', subject_label: subject.label.slice(0, 200), updated_at: new Date(),
    }).where('id', '=', id).execute();
    await tx.insertInto('approval_decision').values({ request_id: id, round, step_no: 1, actor_id: makerId, decision: 'submit' }).execute();
    await notifyApproval(tx, { kind: 'approval.submitted', requestId: id, label: subject.label, step: 1, role: first.step_role, actingInstitutionId: first.acting_institution_id, dueOn: first.due_on, makerId });
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
