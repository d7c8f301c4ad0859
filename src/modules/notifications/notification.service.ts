// Raising a notification: called inside the transaction of the event it tells about, so the
// inbox row and the outbox rows (one per external channel the recipient wants and has an
// address for) commit or roll back with the event. The sender job delivers the outbox later.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { NotificationChannel } from '../../db/schema.ts';

export const APPROVAL_KINDS = ['approval.submitted', 'approval.returned', 'approval.approved', 'approval.rejected'] as const;
/** The daily jobs' reminders and alerts (notification.reminders.ts): one notification per item, key and person, ever. */
export const REMINDER_KINDS = ['certificate.expiry', 'completeness.overdue', 'archive.overdue', 'alert.maturity', 'alert.large_change',
  'warning.yellow', 'warning.orange', 'warning.red', 'warning.escalated'] as const;
export const NOTIFICATION_KINDS = [...APPROVAL_KINDS, ...REMINDER_KINDS] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * The parameters a kind's text message may pass to the SMS gateway's template. A text goes to a
 * private phone: never a customer's name or number, an account number or an amount — only
 * request numbers, dates, and an archive position.
 */
export const SMS_PARAMS: Record<NotificationKind, readonly string[]> = {
  'approval.submitted': ['requestId', 'step', 'due'], 'approval.returned': ['requestId'], 'approval.approved': ['requestId'], 'approval.rejected': ['requestId'],
  'certificate.expiry': ['expiresOn'], 'completeness.overdue': ['deadline'], 'archive.overdue': ['positionNo', 'dueOn'],
  'alert.maturity': ['maturityOn', 'windowDays'], 'alert.large_change': ['businessDate'],
  // Early warning (WARN-3): the level is in the template itself; only the date goes out.
  'warning.yellow': ['businessDate'], 'warning.orange': ['businessDate'], 'warning.red': ['businessDate'], 'warning.escalated': ['businessDate'],
};
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
  const writes = notificationWrites({ kind: input.kind, who: sql<SqlBool>`u.id = any(${ids}::int4[])`, params: sql`${JSON.stringify(input.params)}::jsonb`,
    entity: input.entity ? { type: input.entity.type, id: sql`${String(input.entity.id)}::varchar` } : null });
  return (await sql<{ n: number }>`with ${writes} select count(*)::int as n from notified`.execute(tx)).rows[0]!.n;
}

/**
 * A notification's writes as common table expressions of the caller's statement (it runs inside
 * every approval decision, and a statement less is a round trip less): the recipients — active
 * users `u` matching `who` — with their preferences (notified_people), their inbox rows
 * (notified) and an outbox row per external channel each wants and has an address for
 * (notified_outbox). `params` and the entity id are SQL, so they may name a row the same
 * statement inserts.
 */
export function notificationWrites(n: { kind: NotificationKind; who: Expression<SqlBool>; params: Expression<unknown>; entity: { type: string; id: Expression<unknown> } | null }) {
  return sql`
    notified_people as (
      select u.id, case when coalesce(pe.enabled, ${DEFAULT_ENABLED.email}) then nullif(u.email, '') end as email,
                   case when coalesce(ps.enabled, ${DEFAULT_ENABLED.sms}) then nullif(u.mobile, '') end as mobile
        from app_user u
        left join notification_preference pe on pe.user_id = u.id and pe.kind = ${n.kind} and pe.channel = 'email'
        left join notification_preference ps on ps.user_id = u.id and ps.kind = ${n.kind} and ps.channel = 'sms'
       where u.status = 'active' and ${n.who}),
    notified as (
      insert into notification (user_id, kind, params, entity_type, entity_id)
      select notified_people.id, ${n.kind}, ${n.params}, ${n.entity?.type ?? null}::varchar, ${n.entity ? n.entity.id : null}::varchar
        from notified_people order by notified_people.id
      returning id, user_id),
    notified_outbox as (
      insert into notification_delivery (notification_id, channel, address)
      select notified.id, w.channel, w.address
        from notified join notified_people p on p.id = notified.user_id
        cross join lateral (values ('email', p.email), ('sms', p.mobile)) w(channel, address)
       where w.address is not null)`;
}

/**
 * The people who may act on a pending step: active holders of the step's role whose charge
 * covers the acting institution, the maker excepted. The same reach as the inbox's predicate.
 */
function stepActor(role: string, actingInstitutionId: number, makerId: number): Expression<SqlBool> {
  return sql<SqlBool>`u.id <> ${makerId}
    and exists (select 1 from user_role ur join role ro on ro.id = ur.role_id where ur.user_id = u.id and ro.code = ${role})
    and (select acting.path from institution acting where acting.id = ${actingInstitutionId})
        like (select charge.path from institution charge where charge.id = u.managing_institution_id) || '%'`;
}

export type ApprovalEvent =
  | { kind: 'approval.submitted'; label: string; step: number; role: string; actingInstitutionId: number; dueOn: string; makerId: number }
  | { kind: 'approval.returned' | 'approval.approved' | 'approval.rejected'; label: string; makerId: number; reason?: string | null };

/**
 * The approval engine's events as notification writes (notificationWrites): a step waiting for
 * its actors, or the end of a request for its maker. `requestId` may be SQL naming the request
 * the caller's statement inserts.
 */
export function approvalNotification(requestId: number | Expression<unknown>, event: ApprovalEvent) {
  const id = typeof requestId === 'number' ? sql`${requestId}::int8` : requestId;
  const params = event.kind === 'approval.submitted'
    ? { label: event.label, step: event.step, due: event.dueOn }
    : { label: event.label, reason: event.reason ?? '' };
  return notificationWrites({
    kind: event.kind,
    who: event.kind === 'approval.submitted' ? stepActor(event.role, event.actingInstitutionId, event.makerId) : sql<SqlBool>`u.id = ${event.makerId}::int4`,
    params: sql`jsonb_build_object('requestId', ${id}) || ${JSON.stringify(params)}::jsonb`,
    entity: { type: 'approval_request', id: sql`(${id})::text` },
  });
}

/** An approval event's notifications in a statement of their own. */
export async function notifyApproval(tx: Executor, requestId: number, event: ApprovalEvent) {
  return (await sql<{ n: number }>`with ${approvalNotification(requestId, event)} select count(*)::int as n from notified`.execute(tx)).rows[0]!.n;
}
