// A load killed mid-way leaves its run "running": the next start or the next load ends it as failed,
// audited, and leaves alone a run that has only just started and the finished ones.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, lastAuditId, type TestContext } from '../../test/harness.ts';
import { loadFeed } from './feed.service.ts';
import { endInterruptedRunsAtStart, INTERRUPTED } from './interrupted-runs.ts';
import { removeFolders, tempDir } from './feed.test-helpers.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => { removeFolders(); await ctx?.close(); });

/** A run row as a load writes it first, started `minutesAgo` minutes ago. */
async function run(status: 'running' | 'loaded', minutesAgo: number, date = '2026-11-02') {
  const r = await sql<{ id: string }>`insert into feed_run (business_date, source_dir, trigger, status, started_at, finished_at)
    values (${date}, '/inbox/x', 'inbox', ${status}, now() - make_interval(mins => ${minutesAgo}), ${status === 'loaded' ? sql`now()` : null}) returning id`.execute(ctx.handle.db);
  return Number(r.rows[0]!.id);
}
const statusOf = async (id: number) => ctx.handle.db.selectFrom('feed_run').select(['status', 'error', 'finished_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('feed runs cut off by a stopped process', () => {
  it('are ended as failed at start, audited; a run started this minute and the finished ones are left alone', async () => {
    const since = await lastAuditId(ctx);
    const killed = await run('running', 30);
    const starting = await run('running', 0);
    const loaded = await run('loaded', 60, '2026-11-01');
    expect(await endInterruptedRunsAtStart(ctx.handle.db)).toBe(1);
    expect(await statusOf(killed)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect((await statusOf(killed)).finished_at).not.toBeNull();
    expect((await statusOf(starting)).status).toBe('running');
    expect((await statusOf(loaded)).status).toBe('loaded');
    const audit = await ctx.handle.db.selectFrom('audit_log').select(['action', 'entity_id']).where('id', '>', since).where('action', '=', 'feed.interrupted').execute();
    expect(audit.map((a) => Number(a.entity_id))).toEqual([killed]);
    // Nothing left to end: a second start changes nothing.
    expect(await endInterruptedRunsAtStart(ctx.handle.db)).toBe(0);
  });

  it('are ended by the next load, whatever that load comes to', async () => {
    const killed = await run('running', 15);
    const r = await loadFeed(ctx.handle.db, ctx.system, tempDir('crm-feed-interrupted-'), '2026-11-03', 'cli');
    expect(r.status).toBe('rejected'); // an empty folder: no control file
    expect((await statusOf(killed)).status).toBe('failed');
  });
});
