// WARN-3/4 the crisis alerts as people handle them: the warning list and detail (within the
// reader's data scope, in SQL), the disposal steps by the responsible manager (analysis → contact
// → measures → result, each dated), the head's closing, and the scorecard setting with its preview.
//
// The closing is a plain step with audit, not an approval-engine type: the engine's requests carry
// a change to apply when approved, while here the head confirms a record already made; a returned
// result is simply recorded again. Maker ≠ checker holds all the same (the head cannot close a
// result he recorded himself).
import { sql } from 'kysely';
import type { Database, Executor } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { AppError, invalid, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import { can, type Actor } from '../auth/actor.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { getSetting, putSetting } from '../settings/settings.service.ts';
import { latestLoadedDate } from '../feed/feed.service.ts';
import { computeIndicators, scoreIndicators } from './warning.run.ts';
import { DISPOSAL_STEPS, type DisposalBody, type WarningListQuery } from './warning.schema.ts';
import type { Scorecard } from './scorecard.ts';
import type { WarningCrisis, WarningLevel } from '../../db/schema.ts';
import type { warningDetail, warningItem } from './warning.schema.ts';
import type { z } from 'zod';

type WarningItem = z.infer<typeof warningItem>;
type Detail = z.infer<typeof warningDetail>;
type Factor = Detail['factors'][number];

/** The permission of an institution's head (机构负责人), as for the account alerts. */
export const HEAD_PERMISSION = 'alert.unassigned.handle';

const visible = (db: Executor, actor: Actor) => db.selectFrom('warning_alert as al').innerJoin('customer as cu', 'cu.id', 'al.customer_id')
  .where(customerInScope(actor, 'cu'));

const LIST_COLUMNS = ['al.id', 'al.level', 'al.top_level', 'al.score', 'al.crisis', 'al.status', 'al.raised_on', 'al.level_since', 'al.as_of',
  'al.assignee_user_id', 'al.assignee_institution_id', 'al.escalated_on', 'al.escalated_institution_id', 'al.contact_on', 'al.result',
  'cu.id as customer_id', 'cu.customer_no', 'cu.name as customer_name', 'cu.institution_id'] as const;

/**
 * The list's scope. For institution-wide readers it is read on the alert's own institution
 * column — always the customer's institution (migration 0049's trigger keeps it so) — which lets a
 * head's 10,000 alerts be found by index instead of through every customer of his subtree
 * (measured: 110 ms for 5,000 alerts among 100,000 customers the other way round). A manager's
 * own-customers scope is customerInScope itself.
 */
function listScope(db: Executor, actor: Actor) {
  const q = db.selectFrom('warning_alert as al');
  if (actor.kind === 'system' || actor.dataScope === 'institution') {
    return q.where(sql<boolean>`al.assignee_institution_id in (select scope_i.id from institution scope_i where scope_i.path like ${actor.scopePath + '%'})`);
  }
  return q.where(sql<boolean>`exists (select 1 from customer cu where cu.id = al.customer_id and ${customerInScope(actor, 'cu')})`);
}

export async function listWarnings(db: Executor, actor: Actor, q: WarningListQuery) {
  let base = listScope(db, actor).where('al.status', '=', q.status);
  if (q.level) base = base.where('al.level', '=', q.level);
  if (q.managerId) base = base.where('al.assignee_user_id', '=', q.managerId);
  if (q.institutionId) base = base.where(sql<boolean>`al.assignee_institution_id in (select i.id from institution i where i.path like (select p.path from institution p where p.id = ${q.institutionId}) || '%')`);
  const { total } = await base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  // The page's ids from the alerts alone (a top-N sort of the reader's alerts), then their rows.
  const page = await base.select('al.id')
    .orderBy(sql`case al.level when 'red' then 3 when 'orange' then 2 else 1 end`, 'desc').orderBy('al.score', 'desc').orderBy('al.id', 'desc')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const ids = page.map((p) => p.id);
  const rows = ids.length ? await db.selectFrom('warning_alert as al').innerJoin('customer as cu', 'cu.id', 'al.customer_id')
    .leftJoin('app_user as u', 'u.id', 'al.assignee_user_id').leftJoin('institution as ai', 'ai.id', 'al.assignee_institution_id')
    .select([...LIST_COLUMNS, 'u.display_name as manager_name', 'ai.name as institution_name']).where('al.id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return { total: Number(total), items: ids.map((id) => view(byId.get(Number(id))! as Row)) };
}

type Row = { id: number; level: WarningLevel; top_level: WarningLevel; score: number; crisis: WarningCrisis | null; status: 'open' | 'resolved' | 'closed' | 'withdrawn'; raised_on: string; level_since: string;
  as_of: string; assignee_user_id: number | null; assignee_institution_id: number; escalated_on: string | null; escalated_institution_id: number | null;
  contact_on: string | null; result: 'retained' | 'lost' | 'false_alarm' | null; customer_id: number; customer_no: string; customer_name: string; institution_id: number;
  manager_name: string | null; institution_name: string | null };
const view = (r: Row): WarningItem => ({
  id: Number(r.id), level: r.level, topLevel: r.top_level, score: r.score, crisis: r.crisis, status: r.status, raisedOn: r.raised_on, levelSince: r.level_since,
  asOf: r.as_of, customer: { id: Number(r.customer_id), customerNo: r.customer_no, name: r.customer_name, institutionId: r.institution_id },
  managerId: r.assignee_user_id, managerName: r.manager_name, institutionId: r.assignee_institution_id, institutionName: r.institution_name,
  escalatedOn: r.escalated_on, escalatedInstitutionId: r.escalated_institution_id, contactOn: r.contact_on, result: r.result,
});

/** The alert with its factors, disposal, events and the score over time (the last 180 days of scores). */
export async function getWarning(db: Executor, actor: Actor, id: number): Promise<Detail> {
  const al = await visible(db, actor).leftJoin('app_user as u', 'u.id', 'al.assignee_user_id').leftJoin('institution as ai', 'ai.id', 'al.assignee_institution_id')
    .select([...LIST_COLUMNS, 'u.display_name as manager_name', 'ai.name as institution_name', 'al.factors', 'al.analysis_on', 'al.analysis_note',
      'al.contact_note', 'al.measures_on', 'al.measures_note', 'al.result_on', 'al.result_note', 'al.result_by', 'al.closed_at', 'al.closed_by'])
    .where('al.id', '=', id).executeTakeFirst();
  if (!al) throw notFound('warning_alert');
  const events = await db.selectFrom('warning_alert_event').select(['business_date', 'kind', 'level', 'score', 'by_user', 'at']).where('alert_id', '=', id).orderBy('id').execute();
  const scores = await db.selectFrom('warning_score').select(['business_date', 'score', 'level', 'factors'])
    .where('customer_id', '=', al.customer_id).where('business_date', '>', sql<string>`${al.as_of}::date - 180`).orderBy('business_date').execute();
  return {
    ...view(al as Row), factors: al.factors as Factor[],
    disposal: { analysisOn: al.analysis_on, analysisNote: al.analysis_note, contactOn: al.contact_on, contactNote: al.contact_note,
      measuresOn: al.measures_on, measuresNote: al.measures_note, result: al.result, resultOn: al.result_on, resultNote: al.result_note, resultBy: al.result_by,
      closedAt: al.closed_at, closedBy: al.closed_by },
    events: events.map((e) => ({ businessDate: e.business_date, kind: e.kind, level: e.level, score: e.score, byUser: e.by_user, at: e.at as Date })),
    scores: scores.map((s) => ({ businessDate: s.business_date, score: s.score, level: s.level, factors: s.factors as Factor[] })),
  };
}

/** A disposal step by the manager the alert is assigned to, in order; the result hands it to his head. */
export async function recordDisposal(db: Database, actor: Actor, id: number, body: DisposalBody) {
  return db.transaction().execute(async (tx) => {
    const al = await visible(tx, actor).selectAll('al').where('al.id', '=', id).forUpdate('al').executeTakeFirst();
    if (!al) throw notFound('warning_alert');
    if (al.status !== 'open') throw new AppError('warnings.not_open', 409);
    if (actor.kind !== 'user' || al.assignee_user_id !== actor.id) throw new AppError('warnings.not_assignee', 403);
    const done = { analysis: al.analysis_on, contact: al.contact_on, measures: al.measures_on, result: al.result_on };
    // A false alarm needs no contact or measures: the analysis shows it.
    const needed = body.step === 'result' && body.result === 'false_alarm' ? ['analysis'] : DISPOSAL_STEPS.slice(0, DISPOSAL_STEPS.indexOf(body.step));
    const missing = needed.find((s) => !done[s as keyof typeof done]);
    if (missing) throw new AppError('warnings.step_order', 409, { missing });
    const previous = needed.map((s) => done[s as keyof typeof done]).filter((x): x is string => !!x).sort().at(-1) ?? al.raised_on;
    if (body.on < previous || body.on > businessToday()) throw invalid({ path: 'on', code: 'warnings.step_date' });
    const set = body.step === 'result'
      ? { result: body.result!, result_on: body.on, result_note: body.note, result_by: actor.id, status: 'resolved' as const }
      : { [`${body.step}_on`]: body.on, [`${body.step}_note`]: body.note };
    await tx.updateTable('warning_alert').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
    await tx.insertInto('warning_alert_event').values({ alert_id: id, business_date: body.on, kind: body.step === 'result' ? 'resolved' : body.step,
      level: al.level, score: al.score, by_user: actor.id }).execute();
    await writeAudit(tx, actor, { action: `warning_alert.${body.step}`, entityType: 'warning_alert', entityId: id,
      after: { customerId: al.customer_id, on: body.on, note: body.note, ...(body.result ? { result: body.result } : {}) } });
    return { id, status: body.step === 'result' ? 'resolved' as const : 'open' as const, step: body.step };
  });
}

/** The head confirms the manager's result and closes the alert (maker ≠ checker). */
export async function closeWarning(db: Database, actor: Actor, id: number) {
  return db.transaction().execute(async (tx) => {
    const al = await visible(tx, actor).selectAll('al').where('al.id', '=', id).forUpdate('al').executeTakeFirst();
    if (!al) throw notFound('warning_alert');
    if (!can(actor, HEAD_PERMISSION) || actor.kind !== 'user' || actor.dataScope !== 'institution') throw new AppError('warnings.not_head', 403);
    if (al.status !== 'resolved') throw new AppError(al.status === 'open' ? 'warnings.not_resolved' : 'warnings.not_open', 409);
    if (al.result_by === actor.id) throw new AppError('warnings.own_result', 403);
    await tx.updateTable('warning_alert').set({ status: 'closed', closed_at: new Date(), closed_by: actor.id, updated_at: new Date() }).where('id', '=', id).execute();
    await tx.insertInto('warning_alert_event').values({ alert_id: id, business_date: businessToday(), kind: 'closed', level: al.level, score: al.score, by_user: actor.id }).execute();
    await writeAudit(tx, actor, { action: 'warning_alert.close', entityType: 'warning_alert', entityId: id, before: { status: 'resolved' },
      after: { status: 'closed', result: al.result, customerId: al.customer_id } });
    return { id, status: 'closed' as const, result: al.result };
  });
}

export const getScorecard = (db: Executor) => getSetting(db, 'warnings.scorecard');

/** Head office changes the scorecard (validated, audited by putSetting); applies from the next day run. */
export async function putScorecard(db: Database, actor: Actor, card: unknown) {
  return db.transaction().execute((tx) => putSetting(tx, actor, 'warnings.scorecard', card));
}

/**
 * How many customers each level would hold under a proposed scorecard, beside the scorecard in
 * force, on the latest day loaded: the indicators are computed afresh (the same SQL as the daily
 * run) in a transaction that changes nothing.
 */
export async function previewScorecard(db: Database, card: Scorecard) {
  const asOf = await latestLoadedDate(db);
  if (!asOf) return { asOf: null, customers: 0, current: { yellow: 0, orange: 0, red: 0 }, proposed: { yellow: 0, orange: 0, red: 0 } };
  return db.transaction().execute(async (tx) => {
    const customers = await computeIndicators(tx, asOf);
    const levels = async (c: Scorecard) => {
      await scoreIndicators(tx, c, false);
      const r = await sql<{ level: string; n: string }>`select level, count(*) as n from warn_day group by level`.execute(tx);
      const per = Object.fromEntries(r.rows.map((x) => [x.level, Number(x.n)]));
      return { yellow: per.yellow ?? 0, orange: per.orange ?? 0, red: per.red ?? 0 };
    };
    const current = await levels(await getScorecard(tx));
    const proposed = await levels(card);
    return { asOf, customers, current, proposed };
  });
}
