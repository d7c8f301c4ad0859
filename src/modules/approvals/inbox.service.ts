// What a person sees of the engine: the inbox (pending steps he can act on, in due order), its
// count for the menu badge, the requests he submitted, and one request with its history.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { notFound } from '../../common/http/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { actionableBy, requestVisibleTo } from './approval.queries.ts';
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

/** The pending steps I can act on, most urgent first. One page more than asked tells whether there is a next. */
export async function listInbox(db: Executor, actor: Actor, q: InboxQuery) {
  let base = db.selectFrom('approval_request').where(actionableBy(actor));
  if (q.type) base = base.where('approval_request.workflow_type', '=', q.type);
  const rows = await base.innerJoin('app_user as maker', 'maker.id', 'approval_request.maker_id')
    .innerJoin('institution as maker_i', 'maker_i.id', 'approval_request.maker_institution_id')
    .select(listColumns).orderBy('approval_request.due_on').orderBy('approval_request.id')
    .limit(q.pageSize + 1).offset((q.page - 1) * q.pageSize).execute();
  const today = businessToday();
  return { page: q.page, pageSize: q.pageSize, hasMore: rows.length > q.pageSize, items: rows.slice(0, q.pageSize).map((r) => toItem(r, today)) };
}

/** The badge: steps I can act on (and how many are overdue), and my own requests returned to me. */
export async function countInbox(db: Executor, actor: Actor) {
  const today = businessToday();
  const me = actor.kind === 'user' ? actor.id! : -1;
  const [pending, returned] = await Promise.all([
    db.selectFrom('approval_request').where(actionableBy(actor))
      .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where approval_request.due_on < ${today})`.as('overdue')])
      .executeTakeFirstOrThrow(),
    db.selectFrom('approval_request').where('maker_id', '=', me).where('status', '=', 'returned')
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { pending: Number(pending.n), overdue: Number(pending.overdue), returnedToMe: Number(returned.n) };
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

/** Open (pending or returned) requests about one subject that I may see: the "pending review" mark on its screen. */
export async function listOpenFor(db: Executor, actor: Actor, subject: { type: string; id: string }) {
  const rows = await db.selectFrom('approval_request').innerJoin('app_user as maker', 'maker.id', 'approval_request.maker_id')
    .innerJoin('institution as maker_i', 'maker_i.id', 'approval_request.maker_institution_id')
    .select(listColumns).where('approval_request.subject_type', '=', subject.type).where('approval_request.subject_id', '=', subject.id)
    .where('approval_request.status', 'in', ['pending', 'returned']).where(requestVisibleTo(actor)).orderBy('approval_request.id').limit(20).execute();
  const today = businessToday();
  return { items: rows.map((r) => toItem(r, today)) };
}

/** One request as the drawer shows it: its steps, each decision, old → new where the type gives them, and what I may do. */
export async function getRequest(db: Executor, actor: Actor, id: number) {
  const r = await db.selectFrom('approval_request').innerJoin('app_user as maker', 'maker.id', 'approval_request.maker_id')
    .innerJoin('institution as maker_i', 'maker_i.id', 'approval_request.maker_institution_id')
    .leftJoin('institution as acting_i', 'acting_i.id', 'approval_request.acting_institution_id')
    .select([...listColumns, 'approval_request.payload', 'approval_request.result', 'approval_request.plan', 'approval_request.round',
      'approval_request.maker_id', 'acting_i.name as acting_institution'])
    .where('approval_request.id', '=', id).where(requestVisibleTo(actor)).executeTakeFirst();
  if (!r) throw notFound('approval_request');
  const [decisions, actionable, roles] = await Promise.all([
    db.selectFrom('approval_decision').innerJoin('app_user', 'app_user.id', 'approval_decision.actor_id')
      .select(['approval_decision.round', 'approval_decision.step_no', 'approval_decision.decision', 'approval_decision.reason',
        'approval_decision.decided_at', 'app_user.display_name', 'app_user.username'])
      .where('request_id', '=', id).orderBy('approval_decision.id').execute(),
    db.selectFrom('approval_request').select('id').where('id', '=', id).where(actionableBy(actor)).executeTakeFirst(),
    db.selectFrom('role').select(['code', 'name_zh', 'name_en']).where('code', 'in', (r.plan as PlannedStep[]).map((s) => s.roleCode)).execute(),
  ]);
  const roleName = new Map(roles.map((x) => [x.code, { zh: x.name_zh, en: x.name_en }]));
  const type = workflowType(r.workflow_type);
  // Old → new as of now: what the reviewer would put into force (the old side is today's value).
  const changes = type.changes && r.status === 'pending' ? await type.changes(db, type.payload.parse(r.payload)) : [];
  const isMaker = actor.kind === 'user' && r.maker_id === actor.id;
  return {
    ...toItem(r, businessToday()), round: r.round, actingInstitution: r.acting_institution, payload: r.payload, result: r.result,
    steps: (r.plan as PlannedStep[]).map((s, i) => ({ stepNo: i + 1, roleCode: s.roleCode, roleName: roleName.get(s.roleCode) ?? null, actingInstitution: s.actingInstitution, timeLimitDays: s.timeLimitDays })),
    history: decisions.map((d) => ({ round: d.round, step: d.step_no, decision: d.decision, reason: d.reason, at: d.decided_at, actor: d.display_name, username: d.username })),
    changes,
    can: { decide: !!actionable, withdraw: isMaker && (r.status === 'pending' || r.status === 'returned'), resubmit: isMaker && r.status === 'returned' },
  };
}
