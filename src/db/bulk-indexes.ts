// Loading more rows into a table than it already holds (a bank's first load of its book through
// the daily feed: a million customers, three million accounts) costs, per row, one index descent
// per index (in random order for most of them) and one foreign-key lookup per reference (which
// also locks the referenced row); building each index once afterwards costs one sort of the table,
// and checking a foreign key afterwards one join. So for such a load the table's secondary indexes
// and its own foreign keys are dropped and made again from their definitions (pg_indexes,
// pg_get_constraintdef), in the load's transaction: a failure or a rollback restores them as they
// were. Indexes behind constraints (primary keys, UNIQUE constraints: the load's ON CONFLICT and
// the foreign keys need them) stay. A unique index rebuilt over duplicates, or a foreign key made
// again over a dangling reference, fails the load, as the row-by-row checks would have.
// DROP INDEX locks its table against every reader until the load commits: acceptable only for
// a load larger than the table, which is a book being brought in, not an ordinary day.
import { sql } from 'kysely';
import type { Tx } from './database.ts';

/**
 * Runs `load` (which inserts about `rows` rows into each of `tables`) with the indexes and foreign
 * keys of the tables smaller than that made after it. `unique`: the tables are empty and `load`
 * needs no ON CONFLICT, so their UNIQUE constraints that no foreign key references are made after
 * it too (three million account numbers inserted one by one into a b-tree in random order, against
 * one sort) — a number twice fails the load as it would have on insert.
 */
export async function withIndexesBuiltAfter<T>(tx: Tx, tables: readonly string[], rows: number, load: () => Promise<T>,
  { unique = false }: { unique?: boolean } = {}): Promise<T> {
  const indexes = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    join pg_class t on t.relname = i.tablename and t.relnamespace = to_regnamespace(i.schemaname)
    where i.schemaname = current_schema() and i.tablename = any(${tables}::text[]) and greatest(t.reltuples, 0) < ${rows}
      and not exists (select 1 from pg_constraint c where c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)))
    order by i.tablename, i.indexname`.execute(tx);
  const foreignKeys = await sql<{ table: string; name: string; definition: string }>`
    select t.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as definition from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    where c.contype = 'f' and t.relnamespace = to_regnamespace(current_schema()) and t.relname = any(${tables}::text[])
      and greatest(t.reltuples, 0) < ${rows}
    order by t.relname, c.conname`.execute(tx);
  const uniques = unique ? (await sql<{ table: string; name: string; definition: string }>`
    select t.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as definition from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    where c.contype = 'u' and t.relnamespace = to_regnamespace(current_schema()) and t.relname = any(${tables}::text[])
      and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid)
    order by t.relname, c.conname`.execute(tx)).rows : [];
  for (const i of indexes.rows) await sql`drop index ${sql.id(i.name)}`.execute(tx);
  for (const u of uniques) await sql`alter table ${sql.table(u.table)} drop constraint ${sql.id(u.name)}`.execute(tx);
  for (const f of foreignKeys.rows) await sql`alter table ${sql.table(f.table)} drop constraint ${sql.id(f.name)}`.execute(tx);
  const result = await load();
  // A GIN index (the customers' search terms and name trigrams) is built in passes of this much
  // memory: at 200,000 customers 1 GB builds the search-terms index in 5.3 s against 6.8 s at 256 MB.
  if (indexes.rows.length || uniques.length) await sql`set local maintenance_work_mem = '1GB'`.execute(tx);
  for (const u of uniques) await sql`alter table ${sql.table(u.table)} add constraint ${sql.id(u.name)} ${sql.raw(u.definition)}`.execute(tx);
  for (const i of indexes.rows) await sql.raw(i.definition).execute(tx);
  for (const f of foreignKeys.rows) await sql`alter table ${sql.table(f.table)} add constraint ${sql.id(f.name)} ${sql.raw(f.definition)}`.execute(tx);
  return result;
}
