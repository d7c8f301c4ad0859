// What a person sees of the engine: the inbox (pending steps he can act on, in due order), its
// count for the menu badge, the requests he submitted, and one request with its history.
import { sql, type SqlBool } from 'kysely';
import { institutionInScope as inScope } from '../org/scope.ts';
import type { Executor } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { notFound } from '../../common/http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { actionableBy, delegatedActionable, requestVisibleTo, rolesOf } from './approval.queries.ts';
import type { PlannedStep } from './approval-steps.service.ts';
import { workflowType } from './workflow-type.ts';

export interface InboxQuery { type?: string; page: number; pageSize: number }
export interface MineQuery { status?: 'pending' | 'approved' | 'returned' | 'withdrawn' | 'rejected'; page: number; pageSize: number }

const listColumns = [
  'approval_request.id', 'approval_request.workflow_type', 'approval_request.subject_type', 'approval_request.subject_id',
  'approval_request.subject_label', 'approval_request.current_step', 'approval_request.step_count', 'approval_request.step_role',
  'approval_request.due_on', 'approval_request.status', 'approval_request.submitted_at', 'approval_request.updated_at',
  'maker.display_name as maker_name', 'maker_i.name as maker_institution',
] as const;

function toItem(r: { id: number; workflow_type: string; subject_type: string; subject_id: string; subject_label: string; current_step: number; step_count: number;
  step_role: string | null; due_on: string | null; status: string; submitted_at: Date; updated_at: Date; maker_name: string; maker_institution: string }, today: string) {
  return {
    id: r.id, type: r.workflow_type, subject: { type: r.subject_type, id: r.subject_id, label: r.subject_label },
    step: r.current_step, stepCount: r.step_count, role: r.step_role, dueOn: r.due_on,
    overdue: r.status === 'pending' && !!r.due_on && r.due_on < today, status: r.status,
    maker: r.maker_name, makerInstitution: r.maker_institution, submittedAt: r.submitted_at, updatedAt: r.updated_at,
  };
}

/**
 * The pending steps I can act on, most urgent first: one index-ordered query per role I hold
 * (usually one), merged. One row more than the page tells whether there is a next page.
 */
export async function listInbox(db: Executor, actor: Actor, q: InboxQuery) {
  const roles = await rolesOf(db, actor);
  const upTo = q.page * q.pageSize + 1;
  const today = businessToday();
  const pageOf = (where: ReturnType<typeof actionableBy>) => {
    let base = db.selectFrom('approval_request').where(where);
    if (q.type) base = base.where('approval_request.workflow_type', '=', q.type);
    return base.innerJoin('app_user as maker', 'maker.id', 'approval_request.maker_id')
      .innerJoin('institution as maker_i', 'maker_i.id', 'approval_request.maker_institution_id')
      .select(listColumns).orderBy('approval_request.due_on').orderBy('approval_request.id').limit(upTo).execute();
  };
  // Plus the steps of people who delegated to me (代理审批), found from the few delegations.
  const delegating = await hasActiveDelegation(db, actor, today);
  const perRole = await Promise.all([...roles.map((role) => pageOf(actionableBy(actor, role))), ...(delegating ? [pageOf(delegatedActionable(actor, today))] : [])]);
  const seen = new Set<number>();
  const rows = perRole.flat().filter((r) => !seen.has(r.id) && seen.add(r.id)).sort((a, b) => (a.due_on! < b.due_on! ? -1 : a.due_on! > b.due_on! ? 1 : a.id - b.id))
    .slice((q.page - 1) * q.pageSize, upTo);
  return { page: q.page, pageSize: q.pageSize, hasMore: rows.length > q.pageSize, items: rows.slice(0, q.pageSize).map((r) => toItem(r, today)) };
}

async function hasActiveDelegation(db: Executor, actor: Actor, today: string) {
  if (actor.kind !== 'user') return false;
  return !!(await db.selectFrom('approval_delegation').select('id').where('delegate_id', '=', actor.id!).where('cancelled_at', 'is', null)
    .where('starts_on', '<=', today).where('ends_on', '>=', today).executeTakeFirst());
}

/**
 * The badge: steps I can act on (and how many are overdue), and my own requests returned to me.
 * Summed from approval_queue_count over my roles and the institutions in my charge, less the
 * pending steps there that are mine or that I approved a step of: exact, and independent of how
 * many requests are open bank-wide.
 */
export async function countInbox(db: Executor, actor: Actor) {
  const today = businessToday();
  const me = actor.kind === 'user' ? actor.id! : -1;
  const roles = await rolesOf(db, actor);
  const [queued, notMine, returned] = await Promise.all([
    roles.length ? db.selectFrom('approval_queue_count').where('step_role', 'in', roles).where(inScope(actor, 'approval_queue_count.acting_institution_id'))
      .select([sql<number>`coalesce(sum(n), 0)`.as('n'), sql<number>`coalesce(sum(n) filter (where due_on < ${today}), 0)`.as('overdue')])
      .executeTakeFirstOrThrow() : { n: 0, overdue: 0 },
    // The requests I made or acted on that still wait at one of my roles in my charge: few, found by person.
    roles.length ? db.selectFrom('approval_request')
      .where('approval_request.id', 'in', (eb) => eb.selectFrom('approval_request as mine').select('mine.id').where('mine.maker_id', '=', me).where('mine.status', '=', 'pending')
        .union(eb.selectFrom('approval_decision').select('approval_decision.request_id as id').where('approval_decision.actor_id', '=', me).where('approval_decision.decision', '=', 'approve')))
      .where('approval_request.status', '=', 'pending').where('approval_request.step_role', 'in', roles)
      .where(inScope(actor, 'approval_request.acting_institution_id'))
      .where((eb) => eb.or([eb('approval_request.maker_id', '=', me), eb.exists(eb.selectFrom('approval_decision as d').select('d.id')
        .whereRef('d.request_id', '=', 'approval_request.id').whereRef('d.round', '=', 'approval_request.round').where('d.actor_id', '=', me).where('d.decision', '=', 'approve'))]))
      .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where approval_request.due_on < ${today})`.as('overdue')])
      .executeTakeFirstOrThrow() : { n: 0, overdue: 0 },
    db.selectFrom('approval_request').where('maker_id', '=', me).where('status', '=', 'returned')
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  // Steps I act on for someone who delegated to me that are not already mine by my own roles.
  const delegated = await hasActiveDelegation(db, actor, today) ? await db.selectFrom('approval_request').where(delegatedActionable(actor, today))
    .where((eb) => eb.not(eb.or(roles.map((role) => actionableBy(actor, role)).concat(sql<SqlBool>`false`))))
    .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where approval_request.due_on < ${today})`.as('overdue')])
    .executeTakeFirstOrThrow() : { n: 0, overdue: 0 };
  return {
    pending: Number(queued.n) - Number(notMine.n) + Number(delegated.n), overdue: Number(queued.overdue) - Number(notMine.overdue) + Number(delegated.overdue), returnedToMe: Number(returned.n),
  };
}

/** Requests I submitted, newest first. */
export async function listMine(db: Executor, actor: Actor, q: MineQuery) {
  let base = db.selectFrom('approval_request').where('approval_request.maker_id', '=', actor.kind === 'user' ? actor.id! : -1);
  if (q.status) base = base.where('approval_request.status', '=', q.status);
  const rows = await base.innerJoin('app_user as maker', 'maker.id', 'approval_request.maker_id')
    .innerJoin('institution as maker_i', 'maker_i.id', 'approval_request.maker_institution_id')
    .select(listColumns).orderBy('approval_request.updated_at', 'desc').orderBy('approval_request.id', 'desc')
    .limit(q.pageSize + 1).offset((q.page - 1) * q.pageSize).execute();
  const today = businessToday();
  return { page: q.page, pageSize: q.pageSize, hasMore: rows.length > q.pageSize, items: rows.slice(0, q.pageSize).map((r) => toItem(r, today)) };
}

/**
 * Open (pending or returned) requests about one subject that I may see: the "pending review" mark
 * on its screen. For a customer this includes requests of other subjects whose payload names the
 * customer (`customerId`): a document flow's entry review carrying his keyed information; and
 * a merge into him (`survivorId`: the request's subject is the record that goes).
 */
export async function listOpenFor(db: Executor, actor: Actor, subject: { type: string; id: string }) {
  const about = sql<SqlBool>`(approval_request.subject_type = ${subject.type} and approval_request.subject_id = ${subject.id})`;
  const rows = await db.selectFrom('approval_request').innerJoin('app_user as maker', 'maker.id', 'approval_request.maker_id')
    .innerJoin('institution as maker_i', 'maker_i.id', 'approval_request.maker_institution_id')
    .select([...listColumns, 'approval_request.payload'])
    .where(subject.type === 'customer'
      ? sql<SqlBool>`(${about} or approval_request.payload->>'customerId' = ${subject.id} or approval_request.payload->>'survivorId' = ${subject.id})` : about)
    .where('approval_request.status', 'in', ['pending', 'returned']).where(requestVisibleTo(actor)).orderBy('approval_request.id').limit(20).execute();
  const today = businessToday();
  return { items: rows.map((r) => {
    const type = workflowType(r.workflow_type);
    return { ...toItem(r, today), ...(type.pendingFields ? { fields: type.pendingFields(type.payload.parse(r.payload)) } : {}) };
  }) };
}

/** One request as the drawer shows it: its steps, each decision, old → new where the type gives them, and what I may do. */
export async function getRequest(db: Executor, actor: Actor, id: number) {
  const r = await db.selectFrom('approval_request').innerJoin('app_user as maker', 'maker.id', 'approval_request.maker_id')
    .innerJoin('institution as maker_i', 'maker_i.id', 'approval_request.maker_institution_id')
    .leftJoin('institution as acting_i', 'acting_i.id', 'approval_request.acting_institution_id')
    .select([...listColumns, 'approval_request.payload', 'approval_request.result', 'approval_request.plan', 'approval_request.round',
      'approval_request.maker_id', 'acting_i.name as acting_institution'])
    .where('approval_request.id', '=', id).where((eb) => eb.or([requestVisibleTo(actor), delegatedActionable(actor, businessToday())])).executeTakeFirst();
  if (!r) throw notFound('approval_request');
  const [decisions, actionable, roles] = await Promise.all([
    db.selectFrom('approval_decision').innerJoin('app_user', 'app_user.id', 'approval_decision.actor_id')
      .leftJoin('app_user as behalf', 'behalf.id', 'approval_decision.on_behalf_of')
      .select(['approval_decision.round', 'approval_decision.step_no', 'approval_decision.decision', 'approval_decision.reason',
        'approval_decision.decided_at', 'app_user.display_name', 'app_user.username', 'behalf.display_name as behalf_name'])
      .where('request_id', '=', id).orderBy('approval_decision.id').execute(),
    r.step_role ? db.selectFrom('approval_request').select('id').where('id', '=', id).where(actionableBy(actor, r.step_role))
      .where(sql<SqlBool>`${r.step_role} in (select ro.code from user_role ur join role ro on ro.id = ur.role_id where ur.user_id = ${actor.kind === 'user' ? actor.id : -1})`)
      .unionAll(db.selectFrom('approval_request').select('id').where('id', '=', id).where(delegatedActionable(actor, businessToday())))
      .executeTakeFirst() : undefined,
    db.selectFrom('role').select(['code', 'name_zh', 'name_en']).where('code', 'in', (r.plan as PlannedStep[]).map((s) => s.roleCode)).execute(),
  ]);
  const roleName = new Map(roles.map((x) => [x.code, { zh: x.name_zh, en: x.name_en }]));
  const type = workflowType(r.workflow_type);
  // Old → new as of now: what the reviewer would put into force (the old side is today's value).
  const payload = type.payload.parse(r.payload);
  const changes = type.changes && r.status === 'pending' ? await type.changes(db, payload) : [];
  const isMaker = actor.kind === 'user' && r.maker_id === actor.id;
  return {
    ...toItem(r, businessToday()), round: r.round, actingInstitution: r.acting_institution,
    payload: type.shownPayload ? type.shownPayload(payload) : r.payload, result: r.result,
    steps: (r.plan as PlannedStep[]).map((s, i) => ({ stepNo: i + 1, roleCode: s.roleCode, roleName: roleName.get(s.roleCode) ?? null, actingInstitution: s.actingInstitution, timeLimitDays: s.timeLimitDays })),
    history: decisions.map((d) => ({ round: d.round, step: d.step_no, decision: d.decision, reason: d.reason, at: d.decided_at, actor: d.display_name, username: d.username, onBehalfOf: d.behalf_name })),
    changes,
    can: { decide: !!actionable, withdraw: isMaker && (r.status === 'pending' || r.status === 'returned'), resubmit: isMaker && r.status === 'returned' },
  };
}
