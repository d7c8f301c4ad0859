// PLAT-5 job runner: run history, failure and retry, one run at a time (in this process and,
// through the advisory lock, across instances), the jobs API, and catching up a missed run.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../common/business-date.ts';
import { openDatabase } from '../db/database.ts';
import { addDays } from '../modules/customers/certificates/certificate.rules.ts';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../test/harness.ts';
import { missedToday, runJob, type JobDef } from './jobs.ts';

let ctx: TestContext;
let admin: Client;
let clerk: Client;
let adminId: number;
const today = businessToday();

const db = () => ctx.handle.db;
const runsOf = (name: string) => db().selectFrom('job_run').selectAll().where('job', '=', name).orderBy('id').execute();
const testJob = (name: string, run: JobDef['run']): JobDef => ({ name, cron: '0 3 * * *', zh: '测试', en: 'Test', run });
const gate = () => { let open!: () => void; const opened = new Promise<void>((r) => { open = r; }); return { open, opened }; };

beforeAll(async () => {
  ctx = await createTestContext();
  adminId = await ctx.addUser('job_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('job_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  admin = await ctx.login('job_admin');
  clerk = await ctx.login('job_clerk');
});
afterAll(() => ctx?.close());

describe('runJob', () => {
  it('records a run as running while it works, then ok with its result, and audits it', async () => {
    let seenWhileRunning: unknown;
    const job = testJob('t-ok', async (conn, date) => {
      seenWhileRunning = await conn.selectFrom('job_run').select(['status', 'business_date']).where('job', '=', 't-ok').executeTakeFirst();
      return { date, counted: 3 };
    });
    const before = await lastAuditId(ctx);
    const r = await runJob(db(), job, { businessDate: '2030-01-02', trigger: 'schedule' });
    expect(seenWhileRunning).toEqual({ status: 'running', business_date: '2030-01-02' });
    expect(r).toMatchObject({ status: 'ok', detail: { date: '2030-01-02', counted: 3 }, error: null, retryOf: null });
    const [run] = await runsOf('t-ok');
    expect(run).toMatchObject({ status: 'ok', trigger: 'schedule', triggered_by: null, detail: { counted: 3 }, error: null });
    expect(run!.finished_at).toBeInstanceOf(Date);
    const audit = await auditSince(ctx, before);
    expect(audit.map((a) => [a.action, a.actor_kind, a.entity_id])).toEqual([['job.run', 'system', 't-ok']]);
  });

  it('records a failure with its error, rolls back the work, and a retry of that date names the failed run', async () => {
    let attempt = 0;
    const job = testJob('t-flaky', async (conn, date) => conn.transaction().execute(async (tx) => {
      await tx.insertInto('todo').values({ kind: 't.flaky', title: 'x', assignee_user_id: adminId, dedupe_key: `t-flaky:${date}` }).execute();
      if (++attempt === 1) throw new Error('core banking feed not delivered');
      return { attempt };
    }));
    const failed = await runJob(db(), job, { businessDate: '2030-02-01', trigger: 'schedule' });
    expect(failed).toMatchObject({ status: 'failed', error: 'core banking feed not delivered', detail: null });
    expect(await db().selectFrom('todo').select('id').where('kind', '=', 't.flaky').execute()).toHaveLength(0);
    const retried = await runJob(db(), job, { businessDate: '2030-02-01', trigger: 'manual', actor: { kind: 'user', id: adminId, name: 'job_admin', institutionId: ctx.bank.ho, ip: null, requestId: null } });
    expect(retried).toMatchObject({ status: 'ok', retryOf: (failed as { runId: number }).runId, detail: { attempt: 2 } });
    expect((await runsOf('t-flaky')).map((r) => [r.status, r.trigger, r.triggered_by])).toEqual([['failed', 'schedule', null], ['ok', 'manual', adminId]]);
    expect(await db().selectFrom('todo').select('id').where('kind', '=', 't.flaky').execute()).toHaveLength(1);
  });

  it('holds the advisory lock on its connection for the whole run and releases it after a failure too', async () => {
    const held = sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = 7301005 and granted`;
    let during = -1;
    const job = testJob('t-lock', async (conn) => {
      during = (await held.execute(conn)).rows[0]!.n;
      throw new Error('boom');
    });
    expect((await runJob(db(), job, { businessDate: '2030-03-01', trigger: 'schedule' })).status).toBe('failed');
    expect(during).toBe(1);
    expect((await held.execute(db())).rows[0]!.n).toBe(0);
  });

  it('never runs one job twice at once: a second start while it runs is skipped and leaves no run row', async () => {
    const g = gate();
    const job = testJob('t-slow', async () => { await g.opened; return { done: true }; });
    const first = runJob(db(), job, { businessDate: '2030-04-01', trigger: 'schedule' });
    await new Promise((r) => setTimeout(r, 50));
    const second = await runJob(db(), job, { businessDate: '2030-04-01', trigger: 'manual' });
    expect(second).toEqual({ status: 'skipped', job: 't-slow', businessDate: '2030-04-01', reason: 'running' });
    g.open();
    expect((await first).status).toBe('ok');
    expect(await runsOf('t-slow')).toHaveLength(1);
  });

  it('skips a job whose lock another app instance holds', async () => {
    // Another instance is another database session. PGlite allows one process per data folder and
    // has one session, so only the PostgreSQL run can hold the lock from outside this process.
    const job = testJob('t-elsewhere', async () => ({ ran: true }));
    const url = process.env.TEST_DATABASE_URL;
    if (ctx.handle.kind === 'postgres' && url) {
      const name = (await sql<{ d: string }>`select current_database() as d`.execute(db())).rows[0]!.d;
      const u = new URL(url); u.pathname = `/${name}`;
      const other = await openDatabase({ kind: 'postgres', connectionString: u.toString(), poolSize: 1 });
      try {
        await other.db.connection().execute(async (conn) => {
          await sql`select pg_advisory_lock(7301005, hashtext('t-elsewhere'))`.execute(conn);
          expect(await runJob(db(), job, { businessDate: '2030-05-01', trigger: 'schedule' })).toMatchObject({ status: 'skipped', reason: 'running' });
          await sql`select pg_advisory_unlock(7301005, hashtext('t-elsewhere'))`.execute(conn);
        });
      } finally { await other.close(); }
      expect(await runsOf('t-elsewhere')).toHaveLength(0);
    }
    expect(await runJob(db(), job, { businessDate: '2030-05-01', trigger: 'schedule' })).toMatchObject({ status: 'ok' });
  });

  it('a scheduled run skips a date already done (by another instance); a crashed run is marked interrupted', async () => {
    const job = testJob('t-daily', async () => ({ n: 1 }));
    await runJob(db(), job, { businessDate: '2030-06-01', trigger: 'schedule' });
    expect(await runJob(db(), job, { businessDate: '2030-06-01', trigger: 'schedule' })).toMatchObject({ status: 'skipped', reason: 'done' });
    expect(await runJob(db(), job, { businessDate: '2030-06-01', trigger: 'manual' })).toMatchObject({ status: 'ok' });
    await db().insertInto('job_run').values({ job: 't-daily', business_date: '2030-06-02' }).execute();
    await runJob(db(), job, { businessDate: '2030-06-02', trigger: 'schedule' });
    const runs = (await runsOf('t-daily')).filter((r) => r.business_date === '2030-06-02');
    expect(runs.map((r) => r.status)).toEqual(['failed', 'ok']);
    expect(runs[0]!.error).toMatch(/^interrupted/);
    expect(runs[1]!.retry_of).toBe(runs[0]!.id);
  });
});

describe('jobs API', () => {
  it('lists the jobs with their schedule, next run and last runs, for setting.manage only', async () => {
    expect((await clerk.get('/api/jobs')).statusCode).toBe(403);
    expect((await clerk.post('/api/jobs/certificate-expiry/run', {})).statusCode).toBe(403);
    const run = await admin.post('/api/jobs/certificate-expiry/run', {});
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ status: 'ok', businessDate: today, detail: { businessDate: today, windowEnd: addDays(today, 7) } });
    const jobs = (await admin.get('/api/jobs')).json();
    const expiry = jobs.find((j: { name: string }) => j.name === 'certificate-expiry');
    expect(expiry).toMatchObject({ title: '证件到期提醒（提前一星期）', timezone: expect.any(String), lastRun: { id: run.json().runId, status: 'ok', trigger: 'manual', triggeredBy: 'job_admin' } });
    expect(new Date(expiry.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    expect((await admin.get('/api/jobs', { 'accept-language': 'en-US' })).json()[0].title).toMatch(/^Certificate expiry/);
  });

  it('runs a past business date on request and refuses unknown jobs, future and malformed dates', async () => {
    const past = await admin.post('/api/jobs/certificate-expiry/run', { businessDate: addDays(today, -3) });
    expect(past.json()).toMatchObject({ status: 'ok', businessDate: addDays(today, -3) });
    const unknown = await admin.post('/api/jobs/%3Cscript%3E/run', {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'jobs.unknown', title: '没有名为“<script>”的定时任务' });
    const future = await admin.post('/api/jobs/certificate-expiry/run', { businessDate: addDays(today, 1) });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0]).toMatchObject({ path: 'businessDate', code: 'jobs.future_date' });
    for (const body of [{ businessDate: '2025-02-30' }, { businessDate: 20250101 }, { businessDate: today, extra: 1 }]) {
      expect((await admin.post('/api/jobs/certificate-expiry/run', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await admin.post(`/api/jobs/${'x'.repeat(41)}/run`, {})).statusCode).toBe(400);
  });
});

describe('missedToday', () => {
  it("catches up today's run when the process starts after its time, not before", () => {
    // 06:30 in Beijing is 22:30 UTC of the previous day.
    expect(missedToday('30 6 * * *', new Date('2030-05-05T00:00:00Z'))).toBe('2030-05-05');  // 08:00 Beijing
    expect(missedToday('30 6 * * *', new Date('2030-05-04T21:00:00Z'))).toBeNull();         // 05:00 Beijing
  });
});
