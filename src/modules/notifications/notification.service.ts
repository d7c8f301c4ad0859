// Raising a notification: called inside the transaction of the event it tells about, so the
// inbox row and the outbox rows (one per external channel the recipient wants and has an
// address for) commit or roll back with the event. The sender job delivers the outbox later.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { NotificationChannel } from '../../db/schema.ts';

export const NOTIFICATION_KINDS = ['approval.submitted', 'approval.returned', 'approval.approved', 'approval.rejected'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const CHANNELS: readonly NotificationChannel[] = ['email', 'sms'];

/** With no preference row: e-mail on, SMS off (a text message costs the bank money and reaches a private phone). */
export const DEFAULT_ENABLED: Record<NotificationChannel, boolean> = { email: true, sms: false };

export interface NotifyInput {
  kind: NotificationKind;
  userIds: number[];
  params: Record<string, string | number | null>;
  entity?: { type: string; id: string | number };
}

/** Writes the inbox rows and the outbox rows for `userIds` (active users only, each once). */
export async function notify(tx: Executor, input: NotifyInput): Promise<number> {
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) return 0;
  const users = await tx.selectFrom('app_user')
    .leftJoin('notification_preference as pe', (j) => j.onRef('pe.user_id', '=', 'app_user.id').on('pe.kind', '=', input.kind).on('pe.channel', '=', 'email'))
    .leftJoin('notification_preference as ps', (j) => j.onRef('ps.user_id', '=', 'app_user.id').on('ps.kind', '=', input.kind).on('ps.channel', '=', 'sms'))
    .select(['app_user.id', 'app_user.email', 'app_user.mobile', 'pe.enabled as email_on', 'ps.enabled as sms_on'])
    .where('app_user.id', 'in', ids).where('app_user.status', '=', 'active').orderBy('app_user.id').execute();
  if (!users.length) return 0;
  // One statement for the inbox rows and one for the outbox rows, whatever the number of people:
  // this runs inside every approval decision.
  const made = await tx.insertInto('notification').values(users.map((u) => ({
    user_id: u.id, kind: input.kind, params: JSON.stringify(input.params),
    entity_type: input.entity?.type ?? null, entity_id: input.entity ? String(input.entity.id) : null,
  }))).returning(['id', 'user_id']).execute();
  const idOf = new Map(made.map((n) => [n.user_id, n.id]));
  const rows = users.flatMap((u) => [
    { channel: 'email' as NotificationChannel, address: (u.email_on ?? DEFAULT_ENABLED.email) ? u.email : null },
    { channel: 'sms' as NotificationChannel, address: (u.sms_on ?? DEFAULT_ENABLED.sms) ? u.mobile : null },
  ].filter((w) => w.address).map((w) => ({ notification_id: idOf.get(u.id)!, channel: w.channel, address: w.address! })));
  if (rows.length) await tx.insertInto('notification_delivery').values(rows).execute();
  return users.length;
}

/**
 * The people who may act on a pending step: active holders of the step's role whose charge
 * covers the acting institution, the maker excepted. The same reach as the inbox's predicate.
 */
export async function stepActors(tx: Executor, role: string, actingInstitutionId: number, makerId: number): Promise<number[]> {
  const rows = await tx.selectFrom('app_user').innerJoin('user_role', 'user_role.user_id', 'app_user.id').innerJoin('role', 'role.id', 'user_role.role_id')
    .innerJoin('institution as charge', 'charge.id', 'app_user.managing_institution_id')
    .select('app_user.id').distinct()
    .where('role.code', '=', role).where('app_user.status', '=', 'active').where('app_user.id', '<>', makerId)
    .where(sql<boolean>`(select acting.path from institution acting where acting.id = ${actingInstitutionId}) like charge.path || '%'`)
    .execute();
  return rows.map((r) => r.id);
}

/** The approval engine's events as notifications: a step waiting for its actors, or the end of a request for its maker. */
export async function notifyApproval(tx: Executor, event:
  | { kind: 'approval.submitted'; requestId: number; label: string; step: number; role: string; actingInstitutionId: number; dueOn: string; makerId: number }
  | { kind: 'approval.returned' | 'approval.approved' | 'approval.rejected'; requestId: number; label: string; makerId: number; reason?: string | null }) {
  const entity = { type: 'approval_request', id: event.requestId };
  if (event.kind === 'approval.submitted') {
    const userIds = await stepActors(tx, event.role, event.actingInstitutionId, event.makerId);
    return notify(tx, { kind: event.kind, userIds, entity, params: { requestId: event.requestId, label: event.label, step: event.step, due: event.dueOn } });
  }
  return notify(tx, { kind: event.kind, userIds: [event.makerId], entity, params: { requestId: event.requestId, label: event.label, reason: event.reason ?? '' } });
}
