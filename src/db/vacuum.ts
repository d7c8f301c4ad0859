// Nobody vacuums the embedded database. PGlite runs PostgreSQL in one process without background
// workers, so the autovacuum launcher never starts; the tables every feed day rewrites in place
// (account_average, customer_position, account) then keep every dead row version forever: the
// demo book's 6,463 account averages took 65 MB after its 90 feed days, about 10 kB a row, and a
// credit union's year would take gigabytes and slow every read of them. The nightly job below
// vacuums wherever no autovacuum launcher runs (PGlite, or a server whose DBA turned it off) and
// leaves a server with autovacuum alone.
import { sql } from 'kysely';
import type { Database } from './database.ts';

/** Whether an autovacuum launcher is alive on this database's server. */
export async function autovacuumRuns(db: Database): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum launcher'`.execute(db);
  return (rows[0]?.n ?? 0) > 0;
}

/** VACUUM (ANALYZE) of the whole database, unless autovacuum does it. Not inside a transaction. */
export async function vacuumUnlessAutovacuum(db: Database): Promise<{ vacuumed: boolean; ms: number }> {
  if (await autovacuumRuns(db)) return { vacuumed: false, ms: 0 };
  const started = performance.now();
  await sql`vacuum (analyze)`.execute(db);
  return { vacuumed: true, ms: Math.round(performance.now() - started) };
}
