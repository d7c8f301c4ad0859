// PLAT-5 scheduled jobs: a small registry run by an in-process scheduler (croner, in the bank's
// time zone), every run recorded in job_run (running → ok / failed, with its result or error),
// a failed business date retried from the jobs screen. Several app instances may run the
// scheduler: a PostgreSQL advisory lock per job, held on one pinned connection for the whole run,
// lets only one of them run a job at a time; if that instance dies, the server drops its session
// and the lock with it. Jobs must be idempotent per business date (to-dos have dedupe keys).
import { Cron } from 'croner';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { BANK_TIMEZONE, businessToday } from '../common/business-date.ts';
import { writeAudit, type AuditActor } from '../modules/audit/audit.service.ts';
import { raiseCertificateExpiryReminders } from '../modules/customers/certificates/certificate.reminder.ts';
import { expireBlacklistEntries } from '../modules/customers/blacklist/blacklist.service.ts';
import { loadInbox } from '../modules/feed/feed.job.ts';
import { raiseOverdueReminders } from '../modules/documents/archive/archive-loan.service.ts';
import { raiseCompletenessTodos } from '../modules/completeness/completeness.job.ts';
import { notificationSenderJob } from '../modules/notifications/notification.job.ts';
import { AppError, invalid } from '../common/http/errors.ts';
import { vacuumUnlessAutovacuum } from '../db/vacuum.ts';
import { runGuaranteeScan } from '../modules/network/guarantee-scan.service.ts';
import { computeRelationshipLevels } from '../modules/network/level/level.service.ts';
import { managerPerformanceJob } from '../modules/managers/performance/performance.service.ts';
import { moveDueTransferInstitutions } from '../modules/managers/transfer/transfer.apply.ts';

export interface JobDef {
  name: string;
  /** Cron pattern in the bank's time zone. */
  cron: string;
  zh: string;
  en: string;
  /** Runs on the connection that holds the job's lock: use `db`, never the pool (PGlite has one connection). */
  run(db: Database, businessDate: string): Promise<Record<string, unknown>>;
  /** Polls: runs again on schedule after a successful run the same day (the feed inbox). */
  repeat?: boolean;
}

export const JOBS: readonly JobDef[] = [
  { name: 'certificate-expiry', cron: '30 6 * * *', zh: '证件到期提醒（提前一星期）', en: 'Certificate expiry reminders (one week ahead)', run: raiseCertificateExpiryReminders },
  { name: 'transfer-institution', cron: '5 0 * * *', zh: '主办权移交生效（管户机构随新主办客户经理）', en: 'Transfers of primary rights taking effect (managing institution follows)', run: moveDueTransferInstitutions },
  { name: 'blacklist-expiry', cron: '10 0 * * *', zh: '黑名单到期', en: 'Blacklist expiry', run: expireBlacklistEntries },
  { name: 'completeness-overdue', cron: '40 6 * * *', zh: '新客户信息完整性逾期提醒', en: 'New customers\' completeness overdue (to-dos)', run: raiseCompletenessTodos },
  { name: 'feed-inbox', cron: '*/10 5-10 * * *', zh: '核心系统数据下发（收件目录）', en: 'Core-banking daily feed (inbox)', run: loadInbox, repeat: true },
  { name: 'archive-overdue', cron: '40 6 * * *', zh: '档案逾期未归还提醒', en: 'Overdue archive file reminders', run: raiseOverdueReminders },
  { name: 'manager-performance', cron: '30 11 * * *', zh: '客户经理业绩（按业绩分配）', en: 'Managers\' performance (by allocation)', run: async (db) => managerPerformanceJob(db) },
  { name: 'relationship-level', cron: '20 11 * * *', zh: '客户关系形态计算', en: 'Customer relationship levels', run: async (db) => computeRelationshipLevels(db) },
  { name: 'guarantee-scan', cron: '0 11 * * *', zh: '担保圈、担保链扫描', en: 'Guarantee circles and chains scan', run: (db, date) => runGuaranteeScan(db, date) },
  { name: 'database-vacuum', cron: '30 23 * * *', zh: '数据库空间整理（无自动清理时）', en: 'Database vacuum (where autovacuum does not run)', run: (db) => vacuumUnlessAutovacuum(db) },
  { name: 'notification-sender', cron: '*/2 * * * *', zh: '发送通知（邮件、短信）', en: 'Send notifications (e-mail, SMS)', run: notificationSenderJob, repeat: true },
];

// Advisory locks of jobs: class 7301005, second key hashtext(job name) (7301001 migrations, 7301002 audit chain).
const JOB_LOCK_CLASS = 7301005;
// The same process never runs a job twice at once either. This is the only guard on PGlite: one
// session, where a session lock cannot exclude itself (and the data-folder lock forbids a second process).
const inProcess = new Set<string>();

const SCHEDULER: AuditActor = { kind: 'system', id: null, name: 'scheduler', institutionId: null, ip: null, requestId: null };

export type RunResult =
  | { status: 'ok' | 'failed'; runId: number; job: string; businessDate: string; retryOf: number | null; detail: unknown; error: string | null }
  | { status: 'skipped'; job: string; businessDate: string; reason: 'running' | 'done' };

export interface RunOptions {
  businessDate: string;
  trigger: 'schedule' | 'manual';
  /** Who started a manual run; the scheduler otherwise. */
  actor?: AuditActor;
}

export async function runJob(db: Database, job: JobDef, opts: RunOptions): Promise<RunResult> {
  const { businessDate, trigger } = opts;
  const actor = opts.actor ?? SCHEDULER;
  if (inProcess.has(job.name)) return { status: 'skipped', job: job.name, businessDate, reason: 'running' };
  inProcess.add(job.name);
  try {
    return await db.connection().execute(async (conn) => {
      const lock = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${JOB_LOCK_CLASS}, hashtext(${job.name})) as ok`.execute(conn);
      if (!lock.rows[0]?.ok) return { status: 'skipped', job: job.name, businessDate, reason: 'running' } as const;
      try {
        // With the lock held no run of this job is alive anywhere: a 'running' row was left by a crash.
        await conn.updateTable('job_run').set({ status: 'failed', finished_at: new Date(), error: 'interrupted: the process stopped during the run' })
          .where('job', '=', job.name).where('status', '=', 'running').execute();
        const last = await conn.selectFrom('job_run').select(['id', 'status']).where('job', '=', job.name)
          .where('business_date', '=', businessDate).orderBy('id', 'desc').limit(1).executeTakeFirst();
        // Another instance may have finished today's run just before this one woke up.
        if (trigger === 'schedule' && last?.status === 'ok' && !job.repeat) return { status: 'skipped', job: job.name, businessDate, reason: 'done' } as const;
        const retryOf = last?.status === 'failed' ? last.id : null;
        const run = await conn.insertInto('job_run').values({
          job: job.name, business_date: businessDate, trigger, triggered_by: actor.kind === 'user' ? actor.id : null, retry_of: retryOf,
        }).returning('id').executeTakeFirstOrThrow();

        let detail: Record<string, unknown> | null = null;
        let error: string | null = null;
        try {
          detail = await job.run(conn, businessDate);
        } catch (err) {
          error = (err instanceof Error ? err.message : String(err)).slice(0, 2000) || 'failed';
        }
        const status = error === null ? 'ok' as const : 'failed' as const;
        await conn.transaction().execute(async (tx) => {
          await tx.updateTable('job_run').set({ status, finished_at: new Date(), detail: detail ? JSON.stringify(detail) : null, error })
            .where('id', '=', run.id).execute();
          await writeAudit(tx, actor, { action: 'job.run', entityType: 'job', entityId: job.name, after: { runId: run.id, businessDate, trigger, status, retryOf, error } });
        });
        return { status, runId: run.id, job: job.name, businessDate, retryOf, detail, error };
      } finally {
        await sql`select pg_advisory_unlock(${JOB_LOCK_CLASS}, hashtext(${job.name}))`.execute(conn);
      }
    });
  } finally {
    inProcess.delete(job.name);
  }
}

/**
 * The business date whose scheduled run fell between the last start of the day and `now`, or null:
 * a process started after today's run time catches up today's run instead of waiting a day.
 */
export function missedToday(pattern: string, now: Date = new Date()): string | null {
  const cron = new Cron(pattern, { timezone: BANK_TIMEZONE, paused: true });
  const previous = cron.previousRuns(1, now)[0];
  cron.stop();
  return previous && businessToday(previous) === businessToday(now) ? businessToday(now) : null;
}

export interface Logger { info(obj: object, msg: string): void; error(obj: object, msg: string): void }

/** Started by main.ts only (never by tests, which call runJob directly). */
export function startScheduler(db: Database, log: Logger, jobs: readonly JobDef[] = JOBS): { stop(): void } {
  const scheduled = async (job: JobDef) => {
    const businessDate = businessToday();
    try {
      const r = await runJob(db, job, { businessDate, trigger: 'schedule' });
      const entry = { job: job.name, businessDate, status: r.status, ...('error' in r ? { error: r.error } : {}) };
      if (r.status === 'failed') log.error(entry, 'scheduled job failed');
      else log.info(entry, 'scheduled job');
    } catch (err) {
      log.error({ err, job: job.name, businessDate }, 'scheduled job could not run');
    }
  };
  const crons = jobs.map((job) => new Cron(job.cron, { timezone: BANK_TIMEZONE, protect: true }, () => scheduled(job)));
  for (const job of jobs) if (missedToday(job.cron)) void scheduled(job);
  return { stop: () => crons.forEach((c) => c.stop()) };
}

/** Jobs with their next run and their last runs, for the operator's screen. */
export async function listJobs(db: Database, lang: 'zh-CN' | 'en-US', recent = 10) {
  return Promise.all(JOBS.map(async (job) => {
    const cron = new Cron(job.cron, { timezone: BANK_TIMEZONE, paused: true });
    const nextRunAt = cron.nextRun();
    cron.stop();
    const runs = await db.selectFrom('job_run').leftJoin('app_user', 'app_user.id', 'job_run.triggered_by')
      .select(['job_run.id', 'job_run.business_date as businessDate', 'job_run.status', 'job_run.trigger', 'app_user.username as triggeredBy',
        'job_run.retry_of as retryOf', 'job_run.started_at as startedAt', 'job_run.finished_at as finishedAt', 'job_run.detail', 'job_run.error'])
      .where('job_run.job', '=', job.name).orderBy('job_run.id', 'desc').limit(recent).execute();
    return { name: job.name, title: lang === 'en-US' ? job.en : job.zh, cron: job.cron, timezone: BANK_TIMEZONE, nextRunAt, lastRun: runs[0] ?? null, runs };
  }));
}

const isoDate = z.iso.date('common.date_format');

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['platform'];
  app.get('/jobs', { config: { permission: 'setting.manage' }, schema: { tags, summary: 'Scheduled jobs with their next and last runs' } },
    async (req) => listJobs(app.db, req.lang));

  app.post('/jobs/:name/run', { config: { permission: 'setting.manage' }, schema: { tags, summary: 'Run a job now for a business date (today by default), e.g. to retry a failed run',
    params: z.strictObject({ name: z.string().min(1).max(40) }), body: z.strictObject({ businessDate: isoDate.optional() }).optional() } },
  async (req) => {
    const job = JOBS.find((j) => j.name === req.params.name);
    if (!job) throw new AppError('jobs.unknown', 404, { name: req.params.name });
    const today = businessToday();
    const businessDate = req.body?.businessDate ?? today;
    if (businessDate > today) throw invalid({ path: 'businessDate', code: 'jobs.future_date' });
    const r = await runJob(app.db, job, { businessDate, trigger: 'manual', actor: req.actor });
    if (r.status === 'skipped') throw new AppError('jobs.running', 409, { name: job.name });
    return r;
  });
};
