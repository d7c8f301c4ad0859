// Customers needing a manager (REL-21): in the caller's scope, active, whose primary manager in
// force today is nobody, the outlet's temporary staff (临时人员), or a person disabled or gone.
// Counter-grown customers must have a manager within 3 working days of opening (000 第十三条);
// past that they are overdue, counted by the maintained calendar.
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { BANK_TIMEZONE, businessToday } from '../../common/business-date.ts';
import type { Actor } from '../auth/actor.ts';
import { addWorkingDays } from '../calendar/calendar.service.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { inForce } from './relation.queries.ts';

export const ASSIGN_WITHIN_WORKING_DAYS = 3;

export async function listNeedingAssignment(db: Database, actor: Actor, limit = 200) {
  const today = businessToday();
  const rows = await db.selectFrom('customer')
    .leftJoin('customer_manager as m', (j) => j.onRef('m.customer_id', '=', 'customer.id').on('m.role', '=', 'primary').on(inForce('m', today)))
    .leftJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['customer.id', 'customer.customer_no as customerNo', 'customer.name', 'customer.institution_id as institutionId', 'u.display_name as primaryManager',
      sql<'none' | 'temporary_staff' | 'departed'>`case when m.id is null then 'none' when u.kind = 'temporary_staff' then 'temporary_staff' else 'departed' end`.as('reason'),
      sql<string>`coalesce(m.since, (customer.created_at at time zone ${BANK_TIMEZONE})::date)::text`.as('since')])
    .where('customer.status', '=', 'active').where(customerInScope(actor))
    .where((eb) => eb.or([eb('m.id', 'is', null), eb('u.kind', '=', 'temporary_staff'), eb('u.status', '<>', 'active')]))
    .orderBy('customer.id').limit(limit).execute();
  const due = new Map<string, string>();
  for (const since of new Set(rows.map((r) => r.since))) due.set(since, await addWorkingDays(db, since, ASSIGN_WITHIN_WORKING_DAYS));
  return { items: rows.map((r) => ({ ...r, dueOn: due.get(r.since)!, overdue: today > due.get(r.since)! })) };
}
