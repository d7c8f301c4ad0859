// Reminders and alerts as notifications: the daily jobs (certificate expiry, completeness overdue,
// archive overdue) and the feed's account alerts tell the person responsible by inbox, e-mail and
// SMS, in the transaction that raises the reminder.
//
// Set-based: one INSERT … SELECT per kind and run, whatever the number of items (a bank has a
// million customers; a month-end can put thousands of reminders in one run). Never twice: each
// notification carries the item's own key (the to-do's dedupe key, the alert's business date) and
// the unique index notification_once_key (migration 0041) admits one per kind, item, key and
// person; the insert does nothing on conflict and the outbox rows are written only for the rows it
// returned, so a re-run, a retry or a second instance sends nothing again.
//
// Who is told — the routing of the reminder itself:
// - an item assigned to a person (the customer's primary manager, the clerk who lent the file):
//   that person;
// - an item assigned to an institution (nobody manages the customer): the head of that institution
//   — an active user managing it with alert.unassigned.handle (机构负责人) and an institution-wide
//   role — or, where it has none, the head of the nearest institution above that has one. This is
//   the account alerts' rule (docs/account-alerts.md). The to-do pool of an institution (everyone
//   with an institution-wide role that covers it, head office's administrators included) sees the
//   to-do on the workbench, but a message to each of them would bury the one who answers for it.
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { DEFAULT_ENABLED, type ReminderKind } from './notification.service.ts';

/** The permission that makes an institution's head (src/modules/accounts/alerts/alert.service.ts UNASSIGNED_ALERT_PERMISSION). */
const HEAD_PERMISSION = 'alert.unassigned.handle';

/**
 * The rows a reminder kind notifies: a SELECT with the columns
 * `entity_type text, entity_id text, item_key text, user_id int4 (or null), institution_id int4 (or null), params jsonb`.
 */
export type ReminderSource = RawBuilder<unknown>;

/**
 * Writes the notifications of `kind` for the items `source` selects, and their outbox rows per
 * each recipient's preferences, in one statement. Returns how many notifications were new.
 */
export async function notifyReminders(tx: Executor, kind: ReminderKind, source: ReminderSource): Promise<number> {
  const r = await sql<{ n: number }>`
    with src as (${source}),
    -- The institutions of unassigned items (a few hundred at most), each with its nearest head(s).
    nearest_head as (
      select x.institution_id, (
        select h.id from institution xi join institution h on xi.path like h.path || '%'
         where xi.id = x.institution_id and exists (select 1 from app_user hu where hu.managing_institution_id = h.id and hu.status = 'active' and ${isHead(sql`hu`)})
         order by length(h.path) desc limit 1) as head_institution_id
      from (select distinct institution_id from src where user_id is null and institution_id is not null) x),
    heads as (
      select nh.institution_id, hu.id as user_id from nearest_head nh
        join app_user hu on hu.managing_institution_id = nh.head_institution_id and hu.status = 'active' and ${isHead(sql`hu`)}),
    targets as (
      select s.entity_type, s.entity_id, s.item_key, s.params, s.user_id from src s where s.user_id is not null
      union all
      select s.entity_type, s.entity_id, s.item_key, s.params, h.user_id from src s join heads h on h.institution_id = s.institution_id where s.user_id is null),
    recipients as (
      select distinct on (t.entity_id, t.item_key, u.id) t.entity_type, t.entity_id, t.item_key, t.params, u.id as user_id
        from targets t join app_user u on u.id = t.user_id and u.status = 'active'
       order by t.entity_id, t.item_key, u.id),
    notified as (
      insert into notification (user_id, kind, params, entity_type, entity_id, dedupe_key)
      select user_id, ${kind}, params, entity_type, entity_id, item_key from recipients
      on conflict (kind, entity_id, user_id, dedupe_key) where dedupe_key is not null do nothing
      returning id, user_id),
    -- Addresses and preferences looked up again by the new rows' user id (primary keys): joining
    -- back to the recipients CTE, which has no index, made the first run quadratic.
    outbox as (
      insert into notification_delivery (notification_id, channel, address)
      select n.id, w.channel, w.address
        from notified n join app_user u on u.id = n.user_id
        left join notification_preference pe on pe.user_id = u.id and pe.kind = ${kind} and pe.channel = 'email'
        left join notification_preference ps on ps.user_id = u.id and ps.kind = ${kind} and ps.channel = 'sms'
        cross join lateral (values ('email', case when coalesce(pe.enabled, ${DEFAULT_ENABLED.email}) then nullif(u.email, '') end),
                                   ('sms', case when coalesce(ps.enabled, ${DEFAULT_ENABLED.sms}) then nullif(u.mobile, '') end)) w(channel, address)
       where w.address is not null
      returning 1)
    select (select count(*) from notified)::int as n, (select count(*) from outbox)::int as deliveries`.execute(tx);
  return r.rows[0]!.n;
}

/** An institution's head: holds the head permission and an institution-wide role. */
function isHead(user: RawBuilder<unknown>) {
  return sql`exists (select 1 from user_role ur join role_permission rp on rp.role_id = ur.role_id and rp.permission_code = ${HEAD_PERMISSION}
                      where ur.user_id = ${user}.id)
         and exists (select 1 from user_role ur join role ro on ro.id = ur.role_id and ro.data_scope = 'institution' where ur.user_id = ${user}.id)`;
}

/**
 * The to-dos a job has just raised, as the source of their notifications: the to-do's assignee,
 * its dedupe key as the item's key, its params with its due date. Only the ids raised in this
 * run (the job's transaction), so a day's run reads the day's new reminders by primary key — as a
 * join of the unnested ids, not `id = any(array)`, which the planner may evaluate as a scan of the
 * to-do table testing each row against the whole array (minutes at 100,000 ids).
 */
export function raisedTodos(todoIds: readonly number[]): ReminderSource {
  return sql`select t.entity_type::text as entity_type, t.entity_id::text as entity_id, t.dedupe_key::text as item_key,
                    t.assignee_user_id as user_id, t.assignee_institution_id as institution_id,
                    coalesce(t.params, '{}'::jsonb) || jsonb_build_object('todoId', t.id, 'dueOn', t.due_on) as params
               from unnest(${[...todoIds]}::int8[]) as raised(id) join todo t on t.id = raised.id
              where t.status = 'open'`;
}

/** Notifies the to-dos a reminder job raised (nothing to do when it raised none). */
export async function notifyRaisedTodos(tx: Executor, kind: ReminderKind, todoIds: readonly number[]): Promise<number> {
  return todoIds.length ? notifyReminders(tx, kind, raisedTodos(todoIds)) : 0;
}
