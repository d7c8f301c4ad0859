// Rewriting every row of a derived table (customer_position: each customer's figures, recomputed
// each feed day) by UPDATE costs one new row version per row plus one insertion into each of its
// indexes, in the random order of the new values: measured at 1,000,000 customers on the 2-core
// test machine, 75–110 s for the positions' six indexes, and a table twice its size until vacuumed.
// Writing the rows into a fresh table and building its indexes once (one sort each) took 10 s.
// So such a table is rebuilt beside the old one — same columns, defaults, checks, indexes, keys,
// foreign keys and grants, under the old names — and swapped in at the end, in the caller's
// transaction: a rollback leaves the old table as it was. Readers keep reading the old table while
// the new one is built and wait only from the swap to the commit.
import { sql } from 'kysely';
import type { Tx } from './database.ts';

interface Definition { name: string; definition: string }

/** What a table is made of beyond its columns, read from the catalogue. */
async function tableParts(tx: Tx, table: string) {
  const indexes = (await sql<Definition>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = ${table}
      and not exists (select 1 from pg_constraint c where c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)))
    order by i.indexname`.execute(tx)).rows;
  // Keys first (primary key, unique), then foreign keys; CHECK constraints come with LIKE.
  const constraints = (await sql<Definition & { type: string }>`
    select c.conname as name, pg_get_constraintdef(c.oid) as definition, c.contype as type from pg_constraint c
    where c.conrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(${table})) and c.contype in ('p', 'u', 'f')
    order by case c.contype when 'p' then 0 when 'u' then 1 else 2 end, c.conname`.execute(tx)).rows;
  const grants = (await sql<{ grantee: string; privilege: string }>`
    select g.grantee, g.privilege_type as privilege from information_schema.role_table_grants g
    where g.table_schema = current_schema() and g.table_name = ${table} and g.grantee <> current_user and g.grantee <> 'PUBLIC'
    order by g.grantee, g.privilege_type`.execute(tx)).rows;
  return { indexes, constraints, grants };
}

/**
 * What a swap cannot carry over: rows of other tables pointing here, triggers on the table,
 * row-level policies, views reading it (a bank's reporting view, say). Empty when the table may be
 * swapped.
 */
export async function swapBlockers(tx: Tx, table: string): Promise<string[]> {
  const rel = sql`to_regclass(quote_ident(current_schema()) || '.' || quote_ident(${table}))`;
  const { rows } = await sql<{ what: string }>`
    select 'referenced by ' || c.conrelid::regclass::text as what from pg_constraint c where c.confrelid = ${rel} and c.contype = 'f'
    union all select 'trigger ' || t.tgname from pg_trigger t where t.tgrelid = ${rel} and not t.tgisinternal
    union all select 'policy ' || p.polname from pg_policy p where p.polrelid = ${rel}
    union all select distinct 'view ' || r.ev_class::regclass::text from pg_depend d join pg_rewrite r on r.oid = d.objid
      where d.classid = 'pg_rewrite'::regclass and d.refobjid = ${rel} and r.ev_class <> ${rel}`.execute(tx);
  return rows.map((r) => r.what);
}

/**
 * Replaces the rows of `table` by what `fill` inserts into the new table it is given (its name),
 * then swaps the tables. Rows the old table gained after `fill` read it (another session's insert,
 * committed before the swap's lock was granted) are carried over by the primary key, unchanged.
 * Returns `fill`'s result — or, when the table cannot be swapped (swapBlockers), `otherwise`'s
 * (the caller's in-place way of doing the same), and without one it throws.
 */
export async function rebuildTable<T>(tx: Tx, table: string, fill: (next: string) => Promise<T>, otherwise?: () => Promise<T>): Promise<T> {
  const blockers = await swapBlockers(tx, table);
  if (blockers.length) {
    if (otherwise) return otherwise();
    throw new Error(`table ${table} cannot be rebuilt by a swap: ${blockers.join(', ')}`);
  }
  const parts = await tableParts(tx, table);
  const next = `${table}_next`;
  const temp = (name: string) => `${name}_next`.slice(0, 63);
  await sql`drop table if exists ${sql.table(next)}`.execute(tx);
  await sql`create table ${sql.table(next)} (like ${sql.table(table)} including defaults including constraints including comments)`.execute(tx);
  const result = await fill(next);
  // Built beside the old table under temporary names, so that readers are not held up meanwhile.
  await sql`set local maintenance_work_mem = '1GB'`.execute(tx);
  for (const c of parts.constraints) {
    await sql`alter table ${sql.table(next)} add constraint ${sql.id(temp(c.name))} ${sql.raw(c.definition)}`.execute(tx);
  }
  for (const i of parts.indexes) {
    // "CREATE [UNIQUE] INDEX name ON schema.table USING …": the same index on the new table.
    const rest = i.definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, '');
    if (rest === i.definition) throw new Error(`unexpected index definition: ${i.definition}`);
    const unique = /^CREATE UNIQUE /.test(i.definition) ? sql`unique` : sql``;
    await sql`create ${unique} index ${sql.id(temp(i.name))} on ${sql.table(next)} ${sql.raw(rest)}`.execute(tx);
  }
  for (const g of parts.grants) await sql`grant ${sql.raw(g.privilege)} on ${sql.table(next)} to ${sql.id(g.grantee)}`.execute(tx);
  await sql`analyze ${sql.table(next)}`.execute(tx);

  // The swap: from here to the commit, readers of the table wait.
  await sql`lock table ${sql.table(table)} in access exclusive mode`.execute(tx);
  const key = parts.constraints.find((c) => c.type === 'p');
  if (key) {
    const columns = /^PRIMARY KEY \((.+)\)$/.exec(key.definition)?.[1]?.split(',').map((c) => c.trim().replace(/^"|"$/g, '')) ?? [];
    const same = sql.join(columns.map((c) => sql`n.${sql.ref(c)} = o.${sql.ref(c)}`), sql` and `);
    await sql`insert into ${sql.table(next)} select o.* from ${sql.table(table)} o where not exists (select 1 from ${sql.table(next)} n where ${same})`.execute(tx);
  }
  await sql`drop table ${sql.table(table)}`.execute(tx);
  await sql`alter table ${sql.table(next)} rename to ${sql.id(table)}`.execute(tx);
  for (const c of parts.constraints) await sql`alter table ${sql.table(table)} rename constraint ${sql.id(temp(c.name))} to ${sql.id(c.name)}`.execute(tx);
  for (const i of parts.indexes) await sql`alter index ${sql.id(temp(i.name))} rename to ${sql.id(i.name)}`.execute(tx);
  return result;
}
