// The outbox sender (run by the jobs runner, src/server/jobs.ts, under its advisory lock).
//
// Guarantee, precisely: every pending delivery is attempted until it is sent or has used its
// attempts; a delivery marked sent is never taken again. Sending is AT LEAST ONCE: the rows of
// a batch are claimed in one short transaction (`for update skip locked`, so two senders never
// claim the same row, and a lease `claimed_until` so a claimed row is not taken again while its
// sender lives); each row is then sent and marked sent in its own statement at once, before the
// next row is sent. A sender killed mid-batch therefore leaves: rows sent and marked (never sent
// again), rows not yet sent (sent once by the next run after the lease ran out), and at most ONE
// row per killed sender that the channel accepted but that was not yet marked — that one is sent
// a second time. E-mails of one delivery carry one Message-ID (channels.ts), so the duplicate is
// recognisable. Marking is idempotent (`where status = 'pending'`), so a late mark changes nothing.
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { t } from '../../common/i18n/i18n.ts';
import type { Channels, OutgoingMessage } from './channels.ts';
import { SMS_PARAMS, type NotificationKind } from './notification.service.ts';

export interface SenderOptions {
  /** The sender's clock (tests move it past a lease or a backoff). */
  now?: Date;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** First retry after this; doubled each attempt, capped at six hours. */
  backoffBaseMs?: number;
}
const DEFAULTS = { batchSize: 50, leaseMs: 5 * 60_000, maxAttempts: 8, backoffBaseMs: 60_000 };
const MAX_BACKOFF_MS = 6 * 3600_000;

export interface ClaimedDelivery {
  id: number; channel: 'email' | 'sms'; address: string; attempts: number; kind: string; params: Record<string, unknown>;
}

/** Claims up to `batchSize` due rows for `leaseMs`, counting the attempt. */
export async function claimBatch(db: Database, opts: SenderOptions = {}): Promise<ClaimedDelivery[]> {
  const now = opts.now ?? new Date();
  const { batchSize, leaseMs } = { ...DEFAULTS, ...opts };
  const until = new Date(now.getTime() + leaseMs);
  const r = await sql<ClaimedDelivery>`
    with due as (
      select d.id from notification_delivery d
       where d.status = 'pending' and d.next_attempt_at <= ${now} and (d.claimed_until is null or d.claimed_until <= ${now})
       order by d.next_attempt_at, d.id limit ${batchSize}
       for update skip locked)
    update notification_delivery d set claimed_until = ${until}, attempts = d.attempts + 1
      from due, notification n
     where d.id = due.id and n.id = d.notification_id
    returning d.id, d.channel, d.address, d.attempts, n.kind, n.params`.execute(db);
  return r.rows.sort((a, b) => a.id - b.id);
}

export function backoffMs(attempts: number, base = DEFAULTS.backoffBaseMs): number {
  return Math.min(base * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/**
 * The message of a delivery in zh-CN (the bank's staff language). A text message goes to a
 * private phone: it carries neither the customer's name nor number (its own shorter wording, and
 * only the kind's SMS_PARAMS — request number, step, dates — as gateway template parameters).
 */
export function renderMessage(d: Pick<ClaimedDelivery, 'id' | 'address' | 'kind' | 'params' | 'channel'>): OutgoingMessage {
  const all = (d.params ?? {}) as Record<string, unknown>;
  const allowed = new Set<string>(SMS_PARAMS[d.kind as NotificationKind] ?? []);
  const params = d.channel === 'sms' ? Object.fromEntries(Object.entries(all).filter(([k]) => allowed.has(k))) : all;
  return {
    deliveryId: d.id, address: d.address, kind: d.kind, params,
    subject: t('zh-CN', 'notifications.email.subject', { kind: t('zh-CN', `notifications.kind_name.${d.kind}`) }),
    text: t('zh-CN', `notifications.${d.channel === 'sms' ? 'sms' : 'kind'}.${d.kind}`, params),
  };
}

async function markSent(db: Database, id: number, now: Date) {
  await db.updateTable('notification_delivery').set({ status: 'sent', sent_at: now, claimed_until: null, last_error: null })
    .where('id', '=', id).where('status', '=', 'pending').execute();
}

async function markFailed(db: Database, d: ClaimedDelivery, error: string, now: Date, opts: SenderOptions, final: boolean) {
  const { maxAttempts, backoffBaseMs } = { ...DEFAULTS, ...opts };
  const giveUp = final || d.attempts >= maxAttempts;
  await db.updateTable('notification_delivery').set({
    status: giveUp ? 'failed' : 'pending', claimed_until: null, last_error: error.slice(0, 1000),
    next_attempt_at: new Date(now.getTime() + (giveUp ? 0 : backoffMs(d.attempts, backoffBaseMs))),
  }).where('id', '=', d.id).where('status', '=', 'pending').execute();
}

/** Sends the claimed rows one by one, each marked as soon as its channel answered. */
export async function deliverBatch(db: Database, channels: Channels, batch: ClaimedDelivery[], opts: SenderOptions = {}) {
  const now = opts.now ?? new Date();
  let sent = 0;
  let failed = 0;
  for (const d of batch) {
    const channel = channels[d.channel];
    if (!channel) {
      await markFailed(db, d, t('zh-CN', 'notifications.channel_not_configured', { channel: d.channel === 'email' ? '电子邮件' : '短信' }), now, opts, true);
      failed++;
      continue;
    }
    try {
      await channel.send(renderMessage(d));
    } catch (err) {
      await markFailed(db, d, err instanceof Error ? err.message : String(err), now, opts, false);
      failed++;
      continue;
    }
    await markSent(db, d.id, now);
    sent++;
  }
  return { claimed: batch.length, sent, failed };
}

/** One run of the sender job: claim a batch and deliver it. */
export async function sendDueNotifications(db: Database, channels: Channels, opts: SenderOptions = {}) {
  return deliverBatch(db, channels, await claimBatch(db, opts), opts);
}
