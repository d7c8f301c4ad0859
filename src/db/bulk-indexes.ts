// Loading more rows into a table than it already holds (a bank's first load of its book through
// the daily feed: a million customers, three million accounts) costs one index descent per row and
// index, in random order for most of them; building each index once afterwards costs one sort of
// the table. So for such a load the table's secondary indexes are dropped and built again from
// their own definitions (pg_indexes), in the load's transaction: a failure or a rollback restores
// them as they were. Indexes behind constraints (primary keys, UNIQUE constraints: the load's
// ON CONFLICT and the foreign keys need them) stay. A unique index rebuilt over duplicates fails
// the build, and so the load, as the row-by-row insert would have.
// DROP INDEX locks its table against every reader until the load commits: acceptable only for
// a load larger than the table, which is a book being brought in, not an ordinary day.
import { sql } from 'kysely';
import type { Tx } from './database.ts';

/** Runs `load` (which inserts about `rows` rows into each of `tables`) with the indexes of the tables smaller than that built after it. */
export async function withIndexesBuiltAfter<T>(tx: Tx, tables: readonly string[], rows: number, load: () => Promise<T>): Promise<T> {
  const indexes = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    join pg_class t on t.relname = i.tablename and t.relnamespace = to_regnamespace(i.schemaname)
    where i.schemaname = current_schema() and i.tablename = any(${tables}::text[]) and greatest(t.reltuples, 0) < ${rows}
      and not exists (select 1 from pg_constraint c where c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)))
    order by i.tablename, i.indexname`.execute(tx);
  for (const i of indexes.rows) await sql`drop index ${sql.id(i.name)}`.execute(tx);
  const result = await load();
  if (indexes.rows.length) await sql`set local maintenance_work_mem = '256MB'`.execute(tx);
  for (const i of indexes.rows) await sql.raw(i.definition).execute(tx);
  return result;
}
