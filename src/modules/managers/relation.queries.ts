// The one rule for "in force": a management relation counts on day D when it began on or before D
// and has not ended by D (ends_on is the first day it no longer counts). Every reader of who
// manages a customer — the data scope, the list's primary-manager column, alerts, reminders,
// completeness — asks through these fragments, so a transfer effective tomorrow changes nothing today.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ManagerRole } from '../../db/schema.ts';

/** `alias` (a customer_manager row) is in force on `day` ('YYYY-MM-DD'). */
export function inForce(alias: string, day: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${alias}.since`)} <= ${day}::date and (${sql.ref(`${alias}.ends_on`)} is null or ${sql.ref(`${alias}.ends_on`)} > ${day}::date))`;
}

/** The user id of the customer's primary manager in force on `day`, as a scalar sub-select. */
export function primaryManagerOf(customerIdRef: string, day: string): RawBuilder<number | null> {
  return sql<number | null>`(select pm.user_id from customer_manager pm where pm.customer_id = ${sql.ref(customerIdRef)} and pm.role = 'primary' and ${inForce('pm', day)})`;
}

export interface CurrentRelation { id: number; userId: number; displayName: string; role: ManagerRole; since: string; temporaryStaff: boolean; userStatus: string }
export interface RelationHistoryRow extends CurrentRelation {
  endsOn: string | null; assignedBy: string | null; assignedAt: Date; assignmentId: number | null;
  endedBy: string | null; endedAt: Date | null; endReason: string | null;
}

/** Every relation the customer ever had, newest first: the customer view's history and its current managers. */
export async function relationHistory(db: Executor, customerId: number): Promise<RelationHistoryRow[]> {
  const rows = await db.selectFrom('customer_manager as m').innerJoin('app_user as u', 'u.id', 'm.user_id')
    .leftJoin('app_user as a', 'a.id', 'm.assigned_by').leftJoin('app_user as e', 'e.id', 'm.ended_by')
    .select(['m.id', 'm.user_id as userId', 'u.display_name as displayName', 'm.role', 'm.since', 'm.ends_on as endsOn', 'u.kind', 'u.status as userStatus',
      'a.display_name as assignedBy', 'm.assigned_at as assignedAt', 'm.assignment_id as assignmentId',
      'e.display_name as endedBy', 'm.ended_at as endedAt', 'm.end_reason as endReason'])
    .where('m.customer_id', '=', customerId).orderBy('m.since', 'desc').orderBy('m.id', 'desc').execute();
  return rows.map(({ kind, ...r }) => ({ ...r, temporaryStaff: kind === 'temporary_staff' }));
}

const ROLE_ORDER: Record<ManagerRole, number> = { primary: 0, assisting: 1, assistant: 2 };

/** Of a history, the relations in force on `day`: primary first. */
export function inForceOn<T extends { role: ManagerRole; since: string; endsOn: string | null }>(rows: T[], day: string): T[] {
  return rows.filter((r) => r.since <= day && (r.endsOn === null || r.endsOn > day)).sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}
