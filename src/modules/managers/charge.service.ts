// Customers needing a manager (REL-21): in the caller's scope, active, whose primary manager in
// force today is nobody, the outlet's temporary staff (临时人员), or a person disabled or gone.
// Counter-grown customers must have a manager within 3 working days of opening (000 第十三条);
// past that they are overdue, counted by the maintained calendar.
import { sql } from 'kysely';
import type { Database, Executor } from '../../db/database.ts';
import { BANK_TIMEZONE, businessToday } from '../../common/business-date.ts';
import type { Actor } from '../auth/actor.ts';
import { addWorkingDays } from '../calendar/calendar.service.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { inForce } from './relation.queries.ts';
import { institutionInScope } from '../org/scope.ts';

export const ASSIGN_WITHIN_WORKING_DAYS = 3;

export interface NeedingQuery { page: number; pageSize: number; overdueOnly?: boolean }

export async function listNeedingAssignment(db: Database, actor: Actor, q: NeedingQuery = { page: 1, pageSize: 200 }) {
  const today = businessToday();
  const base = db.selectFrom('customer')
    .leftJoin('customer_manager as m', (j) => j.onRef('m.customer_id', '=', 'customer.id').on('m.role', '=', 'primary').on(inForce('m', today)))
    .leftJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['customer.id', 'customer.customer_no as customerNo', 'customer.name', 'customer.institution_id as institutionId', 'u.display_name as primaryManager',
      sql<'none' | 'temporary_staff' | 'departed'>`case when m.id is null then 'none' when u.kind = 'temporary_staff' then 'temporary_staff' else 'departed' end`.as('reason'),
      sql<string>`coalesce(m.since, (customer.created_at at time zone ${BANK_TIMEZONE})::date)::text`.as('since')])
    .where('customer.status', '=', 'active').where(customerInScope(actor))
    .where((eb) => eb.or([eb('m.id', 'is', null), eb('u.kind', '=', 'temporary_staff'), eb('u.status', '<>', 'active')]));
  // Overdue: waiting since before the day whose deadline, 3 working days on, has passed — that
  // day found once by walking the calendar back, so the filter is one date comparison in SQL.
  const filtered = q.overdueOnly ? base.where(sql<string>`coalesce(m.since, (customer.created_at at time zone ${BANK_TIMEZONE})::date)`, '<=', await lastSinceOverdue(db, today)) : base;
  const [{ total }, rows] = await Promise.all([
    db.selectFrom(filtered.as('f')).select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    filtered.orderBy('since').orderBy('customer.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
  ]);
  const due = new Map<string, string>();
  for (const since of new Set(rows.map((r) => r.since))) due.set(since, await addWorkingDays(db, since, ASSIGN_WITHIN_WORKING_DAYS));
  return { total, items: rows.map((r) => ({ ...r, dueOn: due.get(r.since)!, overdue: today > due.get(r.since)! })) };
}

/** The latest waiting-since day whose deadline (3 working days on) is before `today`. */
async function lastSinceOverdue(db: Database, today: string): Promise<string> {
  const back = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  // Three working days span at most a few weeks even across the Spring Festival: walk back day by day.
  for (let n = 1; n <= 40; n++) {
    const since = back(today, n);
    if ((await addWorkingDays(db, since, ASSIGN_WITHIN_WORKING_DAYS)) < today) return since;
  }
  return back(today, 40);
}

/**
 * Persons of the bank by name or username when `q` is given, first 30 by name — with
 * `managersOnly`, those holding a manager role (主办/协办客户经理, 助理): the base of every
 * person picker (assignment, transfer, performance split).
 */
export function personChoices(db: Executor, q: string | undefined, { managersOnly = true }: { managersOnly?: boolean } = {}) {
  let query = db.selectFrom('app_user as u').innerJoin('institution as i', 'i.id', 'u.home_institution_id')
    .select(['u.id', 'u.username', 'u.display_name as displayName', 'u.status', 'i.name as institution'])
    .where('u.kind', '=', 'person')
    .orderBy('u.display_name').orderBy('u.id').limit(30);
  if (managersOnly) {
    query = query.where(({ exists, selectFrom }) => exists(selectFrom('user_role as ur').innerJoin('role as r', 'r.id', 'ur.role_id').select('ur.user_id')
      .whereRef('ur.user_id', '=', 'u.id').where('r.category', '=', 'manager')));
  }
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    query = query.where((eb) => eb.or([eb('u.display_name', 'ilike', like), eb('u.username', 'ilike', like)]));
  }
  return query;
}
export const managerChoices = (db: Executor, q: string | undefined) => personChoices(db, q);

/** Managers an assignment may name: active, homed in my charge. */
export async function assignableManagers(db: Database, actor: Actor, q: string | undefined) {
  return { items: await managerChoices(db, q).where('u.status', '=', 'active').where(institutionInScope(actor, 'u.home_institution_id')).execute() };
}
