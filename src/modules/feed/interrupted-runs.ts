// A load whose process is killed (a restart, an out-of-memory kill) rolls its transaction back, but
// its feed_run row was written before the transaction and would say "running" for ever, and the
// history would show a day being loaded that nobody is loading. Such rows are ended as failed:
// at every start of the server and before every load.
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { rootSystemActor } from '../auth/actor.queries.ts';

// Advisory lock of feed loads (7301001 migrations, 7301002 audit chain, 7301005 jobs): one load at a
// time bank-wide, held by the load's transaction, so a run whose process died no longer holds it.
export const FEED_LOCK = 7301006;

export const INTERRUPTED = '加载中断：加载进程在完成前退出，本日数据未写入 / The load stopped before it finished; nothing of the day was written';

/** Ends the runs still marked running that no process is loading; returns how many. */
export async function endInterruptedRuns(db: Database, actor: Actor): Promise<number> {
  return db.transaction().execute(async (tx) => {
    // Whoever holds the feed lock is loading, and its run is alive: then nothing is ended.
    const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${FEED_LOCK}) as ok`.execute(tx);
    if (!lock.rows[0]?.ok) return 0;
    // A run started in the last minute may not have reached the lock yet (it reads its control file first).
    const ended = await tx.updateTable('feed_run').set({ status: 'failed', finished_at: new Date(), error: INTERRUPTED })
      .where('status', '=', 'running').where('started_at', '<', sql<Date>`now() - interval '1 minute'`)
      .returning(['id', 'business_date']).execute();
    for (const r of ended) {
      await writeAudit(tx, actor, { action: 'feed.interrupted', entityType: 'feed_run', entityId: r.id, after: { businessDate: r.business_date, status: 'failed' } });
    }
    return ended.length;
  });
}

/** At start-up, as the system of the bank's root institution. */
export async function endInterruptedRunsAtStart(db: Database): Promise<number> {
  return endInterruptedRuns(db, await rootSystemActor(db));
}
