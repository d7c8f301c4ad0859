// What a person reads of his notifications (only his own: every query is keyed by his user id),
// his channel preferences, and the administrators' delivery log.
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { NotificationChannel } from '../../db/schema.ts';
import { t, type Lang } from '../../common/i18n/i18n.ts';
import { AppError, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { CHANNELS, DEFAULT_ENABLED, NOTIFICATION_KINDS } from './notification.service.ts';

const me = (actor: Actor) => {
  if (actor.kind !== 'user' || actor.id == null) throw new AppError('notifications.person_only', 403);
  return actor.id;
};

export async function listNotifications(db: Database, actor: Actor, lang: Lang, q: { unread?: boolean; page: number; pageSize: number }) {
  const userId = me(actor);
  let base = db.selectFrom('notification').where('user_id', '=', userId);
  if (q.unread) base = base.where('read_at', 'is', null);
  const [rows, total, unread] = await Promise.all([
    base.select(['id', 'kind', 'params', 'entity_type', 'entity_id', 'created_at', 'read_at']).orderBy('id', 'desc')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    countUnread(db, actor),
  ]);
  return {
    total: total.n, unread: unread.unread,
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, text: t(lang, `notifications.kind.${r.kind}`, (r.params ?? {}) as Record<string, unknown>),
      kindName: t(lang, `notifications.kind_name.${r.kind}`), entityType: r.entity_type, entityId: r.entity_id, createdAt: r.created_at, readAt: r.read_at,
    })),
  };
}

export async function countUnread(db: Database, actor: Actor) {
  const r = await db.selectFrom('notification').select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', me(actor)).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return { unread: r.n };
}

/** Marks one (or, without id, all) of my notifications read; someone else's is "not found". */
export async function markRead(db: Database, actor: Actor, id?: number) {
  let q = db.updateTable('notification').set({ read_at: new Date() }).where('user_id', '=', me(actor)).where('read_at', 'is', null);
  if (id !== undefined) {
    const exists = await db.selectFrom('notification').select('id').where('id', '=', id).where('user_id', '=', me(actor)).executeTakeFirst();
    if (!exists) throw notFound('notification');
    q = q.where('id', '=', id);
  }
  const r = await q.executeTakeFirst();
  return { marked: Number(r.numUpdatedRows) };
}

export async function getPreferences(db: Database, actor: Actor, lang: Lang) {
  const rows = await db.selectFrom('notification_preference').select(['kind', 'channel', 'enabled']).where('user_id', '=', me(actor)).execute();
  const set = new Map(rows.map((r) => [`${r.kind}/${r.channel}`, r.enabled]));
  return {
    items: NOTIFICATION_KINDS.map((kind) => ({
      kind, name: t(lang, `notifications.kind_name.${kind}`),
      ...Object.fromEntries(CHANNELS.map((c) => [c, set.get(`${kind}/${c}`) ?? DEFAULT_ENABLED[c]])) as Record<NotificationChannel, boolean>,
    })),
  };
}

/** Replaces my choices (audited); the workbench inbox is always on and not a choice. */
export async function setPreferences(db: Database, actor: Actor, items: { kind: (typeof NOTIFICATION_KINDS)[number]; email: boolean; sms: boolean }[]) {
  const userId = me(actor);
  await db.transaction().execute(async (tx) => {
    const rows = items.flatMap((i) => CHANNELS.map((channel) => ({ user_id: userId, kind: i.kind, channel, enabled: i[channel] })));
    if (rows.length) {
      await tx.insertInto('notification_preference').values(rows)
        .onConflict((oc) => oc.columns(['user_id', 'kind', 'channel']).doUpdateSet({ enabled: (eb) => eb.ref('excluded.enabled'), updated_at: new Date() })).execute();
    }
    await writeAudit(tx, actor, { action: 'notification.preferences', entityType: 'app_user', entityId: userId, after: { items } });
  });
  return getPreferences(db, actor, 'zh-CN');
}

/** The delivery log: every outbox row with its channel, attempts, last error and when it was sent. Addresses masked. */
export async function listDeliveries(db: Database, actor: Actor, lang: Lang, q: { status?: 'pending' | 'sent' | 'failed'; channel?: NotificationChannel; page: number; pageSize: number }) {
  let base = db.selectFrom('notification_delivery as d').innerJoin('notification as n', 'n.id', 'd.notification_id').innerJoin('app_user as u', 'u.id', 'n.user_id');
  if (q.status) base = base.where('d.status', '=', q.status);
  if (q.channel) base = base.where('d.channel', '=', q.channel);
  const [rows, total] = await Promise.all([
    base.select(['d.id', 'd.notification_id', 'd.channel', 'd.address', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.last_error', 'd.sent_at', 'd.created_at',
      'n.kind', 'u.display_name', 'u.username']).orderBy('d.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  // The log names staff and (masked) their private mailboxes and phones: who looked is recorded.
  await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'notification.deliveries.read', entityType: 'notification_delivery', entityId: null,
    after: { status: q.status ?? null, channel: q.channel ?? null, page: q.page, shown: rows.length } }));
  return {
    total: total.n,
    items: rows.map((r) => ({
      id: r.id, notificationId: r.notification_id, channel: r.channel, address: maskAddress(r.channel, r.address), status: r.status, attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null, lastError: r.last_error, sentAt: r.sent_at, createdAt: r.created_at,
      kind: r.kind, kindName: t(lang, `notifications.kind_name.${r.kind}`), recipient: `${r.display_name}（${r.username}）`,
    })),
  };
}

/** A staff member's private mobile or mailbox is not the log reader's business: enough to tell which one. */
export function maskAddress(channel: NotificationChannel, address: string): string {
  if (channel === 'sms') return address.length > 7 ? `${address.slice(0, 3)}****${address.slice(-4)}` : '****';
  const [local, domain] = address.split('@');
  return `${(local ?? '').slice(0, 2)}***@${domain ?? ''}`;
}
