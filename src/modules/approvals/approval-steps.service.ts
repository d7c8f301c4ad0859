// The steps of each workflow type are data (approval_step): which role acts at each step, at the
// maker's own institution or its parent, within how many working days. Level 0 holds the steps
// of every institution level without rows of its own. Only a head-office administrator changes
// them; a request keeps the plan it was submitted under.
import { sql, type SqlBool } from 'kysely';
import type { Database, Executor } from '../../db/database.ts';
import { AppError, invalid } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { calendarAhead, workingDaysAfter } from '../calendar/calendar.service.ts';
import type { DayKind } from '../calendar/working-days.ts';
import { workflowType as workflowTypeOf, workflowTypeCodes } from './workflow-type.ts';

/**
 * One step of a request's plan. `actingInstitution` is 'own', 'parent' or a party of the type;
 * a party is resolved at submission to `institutionId`, kept in the plan with the step.
 */
export interface PlannedStep { roleCode: string; actingInstitution: string; timeLimitDays: number; institutionId?: number }

/** What a submission names for the plan: the type's parties and the conditions the request meets. */
export interface PlanContext { parties?: Record<string, number>; conditions?: string[] }

const MAKER_RELATIVE = new Set(['own', 'parent']);

/** Where a maker's steps start: his institution's parent (for a step acting there) and the calendar ahead. */
export interface StepStart { parentId: number | null; calendar: Record<string, DayKind> }

/**
 * The steps a maker at this institution goes through, in order, and in the same statement what
 * starting one of them needs (stepState).
 */
export async function planFor(db: Executor, workflowType: string, makerInstitutionId: number, today: string, context: PlanContext = {}): Promise<{ plan: PlannedStep[]; start: StepStart }> {
  const rows = await db.selectFrom('approval_step').select(['institution_level', 'role_code', 'acting_institution', 'time_limit_days', 'only_when',
    sql<number | null>`(select parent_id from institution where id = ${makerInstitutionId})`.as('parent_id'),
    calendarAhead(today, sql<number>`(select max(time_limit_days) from approval_step where workflow_type = ${workflowType})`).as('calendar')])
    .where('workflow_type', '=', workflowType)
    .where(sql<SqlBool>`institution_level in (0, (select level from institution where id = ${makerInstitutionId}))`)
    .orderBy('step_no').execute();
  const own = rows.filter((r) => r.institution_level !== 0);
  const level = own.length ? own : rows;
  // A conditional step is left out of the plan when the request does not meet its condition.
  const chosen = level.filter((r) => r.only_when === null || (context.conditions ?? []).includes(r.only_when));
  if (!chosen.length) throw new AppError('approvals.no_steps', 409, { type: `approvals.type.${workflowType}` });
  return {
    plan: chosen.map((r) => {
      const step: PlannedStep = { roleCode: r.role_code, actingInstitution: r.acting_institution, timeLimitDays: r.time_limit_days };
      if (MAKER_RELATIVE.has(r.acting_institution)) return step;
      const institutionId = context.parties?.[r.acting_institution];
      // setSteps admits only parties the type declares, and the type names each it declares.
      if (institutionId === undefined) throw new Error(`workflow type ${workflowType} named no institution for party ${r.acting_institution}`);
      return { ...step, institutionId };
    }),
    start: { parentId: level[0]!.parent_id, calendar: level[0]!.calendar },
  };
}

/**
 * Step `stepNo` of a plan as the request row holds it when the step begins: its role, the
 * institution that acts (the maker's, or its parent; the head office acts for itself) and its due
 * date in working days from today.
 */
export function stepState(plan: PlannedStep[], stepNo: number, makerInstitutionId: number, start: StepStart, today: string) {
  const step = plan[stepNo - 1]!;
  return {
    current_step: stepNo, step_role: step.roleCode,
    acting_institution_id: step.institutionId ?? (step.actingInstitution === 'own' ? makerInstitutionId : (start.parentId ?? makerInstitutionId)),
    due_on: workingDaysAfter(today, step.timeLimitDays, start.calendar),
  };
}

export async function listSteps(db: Executor) {
  const rows = await db.selectFrom('approval_step').leftJoin('role', 'role.code', 'approval_step.role_code')
    .select(['workflow_type', 'institution_level', 'step_no', 'role_code', 'role.name_zh as role_name_zh', 'role.name_en as role_name_en',
      'acting_institution', 'only_when', 'time_limit_days', 'approval_step.updated_at'])
    .orderBy('workflow_type').orderBy('institution_level').orderBy('step_no').execute();
  return rows.map((r) => ({
    workflowType: r.workflow_type, institutionLevel: r.institution_level, stepNo: r.step_no, roleCode: r.role_code,
    roleName: r.role_name_zh ? { zh: r.role_name_zh, en: r.role_name_en } : null, actingInstitution: r.acting_institution, onlyWhen: r.only_when,
    timeLimitDays: r.time_limit_days, updatedAt: r.updated_at,
  }));
}

/**
 * Replaces the steps of one type at one level (an empty list at a level other than 0 removes the
 * level's own steps, so it falls back to level 0). Head office only, audited with before and after.
 */
export async function setSteps(db: Database, actor: Actor, workflowType: string, level: number, steps: (PlannedStep & { onlyWhen?: string | null })[]) {
  if (!workflowTypeCodes().includes(workflowType)) throw invalid({ path: 'workflowType', code: 'approvals.unknown_type' });
  if (level === 0 && !steps.length) throw invalid({ path: 'steps', code: 'approvals.steps_required' });
  // A party or condition the type does not know would make every submission fail: refused here.
  const type = workflowTypeOf(workflowType);
  const badParty = steps.findIndex((s) => !MAKER_RELATIVE.has(s.actingInstitution) && !(type.parties ?? []).includes(s.actingInstitution));
  if (badParty >= 0) throw invalid({ path: `steps.${badParty}.actingInstitution`, code: 'approvals.unknown_party', params: { party: steps[badParty]!.actingInstitution } });
  const badCondition = steps.findIndex((s) => s.onlyWhen != null && !(type.conditions ?? []).includes(s.onlyWhen));
  if (badCondition >= 0) throw invalid({ path: `steps.${badCondition}.onlyWhen`, code: 'approvals.unknown_condition', params: { condition: steps[badCondition]!.onlyWhen! } });
  return db.transaction().execute(async (tx) => {
    const root = await tx.selectFrom('institution').select('path').where('parent_id', 'is', null).executeTakeFirst();
    if (!root || actor.scopePath !== root.path) throw new AppError('approvals.head_office_only', 403);
    if (level !== 0 && !(await tx.selectFrom('institution_level').select('level').where('level', '=', level).executeTakeFirst())) {
      throw invalid({ path: 'level', code: 'approvals.unknown_level', params: { level } });
    }
    const roles = new Set((await tx.selectFrom('role').select('code').where('code', 'in', steps.length ? steps.map((s) => s.roleCode) : ['']).execute()).map((r) => r.code));
    const unknown = steps.map((s, i) => ({ s, i })).filter(({ s }) => !roles.has(s.roleCode));
    if (unknown.length) throw invalid(...unknown.map(({ s, i }) => ({ path: `steps.${i}.roleCode`, code: 'approvals.unknown_role', params: { role: s.roleCode } })));
    const before = await tx.selectFrom('approval_step').select(['step_no', 'role_code', 'acting_institution', 'only_when', 'time_limit_days'])
      .where('workflow_type', '=', workflowType).where('institution_level', '=', level).orderBy('step_no').execute();
    await tx.deleteFrom('approval_step').where('workflow_type', '=', workflowType).where('institution_level', '=', level).execute();
    if (steps.length) {
      await tx.insertInto('approval_step').values(steps.map((s, i) => ({
        workflow_type: workflowType, institution_level: level, step_no: i + 1, role_code: s.roleCode,
        acting_institution: s.actingInstitution, only_when: s.onlyWhen ?? null, time_limit_days: s.timeLimitDays, updated_by: actor.kind === 'user' ? actor.id : null,
      }))).execute();
    }
    await writeAudit(tx, actor, { action: 'approval.steps.set', entityType: 'approval_step', entityId: `${workflowType}:${level}`, before, after: steps });
    return { workflowType, level, steps: steps.length };
  });
}
