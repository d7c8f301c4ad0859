// When a table filled inside a transaction is worth an ANALYZE before the statements that join it.
// A staged day of 3,000,000 rows needs statistics (a plan guessing 1 row for it runs for hours);
// a day of a few thousand rows is planned well from its size on disk alone, and the ANALYZEs of
// the staging tables were 5% of each demo-book feed day on PGlite (four tables, every day).
import { sql } from 'kysely';
import type { Executor } from './database.ts';

/** Rows from which a freshly filled table is analyzed (the threshold the feed already used for customers and snapshots). */
export const ANALYZE_FROM_ROWS = 10_000;

/** Whether `table` holds at least ANALYZE_FROM_ROWS rows, reading no more than that many. */
export async function worthAnalyzing(tx: Executor, table: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from (select 1 from ${sql.table(table)} limit ${ANALYZE_FROM_ROWS}) x`.execute(tx);
  return Number(r.rows[0]!.n) >= ANALYZE_FROM_ROWS;
}
