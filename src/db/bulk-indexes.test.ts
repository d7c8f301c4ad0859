// Indexes and foreign keys made after a load larger than the table: the same definitions
// afterwards, constraint indexes kept throughout, a unique index still refusing duplicates, a
// foreign key still refusing a dangling reference, and a table already larger than the load left alone.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/harness.ts';
import { withIndexesBuiltAfter } from './bulk-indexes.ts';
import type { Executor } from './database.ts';

let ctx: TestContext;
const definitions = async (db: Executor) => (await sql<{ name: string; def: string }>`
  select indexname as name, indexdef as def from pg_indexes where tablename = 'bulk_probe'
  union all select conname, pg_get_constraintdef(oid) from pg_constraint where conrelid = 'bulk_probe'::regclass and contype = 'f'
  order by 1`.execute(db)).rows;

beforeAll(async () => {
  ctx = await createTestContext();
  await sql`create table bulk_probe (id int8 primary key, code text not null, tag text, institution_id int4 references institution(id))`.execute(ctx.handle.db);
  await sql`create unique index bulk_probe_code_key on bulk_probe (code)`.execute(ctx.handle.db);
  await sql`create index bulk_probe_tag_idx on bulk_probe (tag) where tag is not null`.execute(ctx.handle.db);
  await sql`analyze bulk_probe`.execute(ctx.handle.db);
});
afterAll(async () => { await ctx?.close(); });

describe('withIndexesBuiltAfter', () => {
  it('loads without the secondary indexes and builds them again as they were; the primary key stays', async () => {
    const before = await definitions(ctx.handle.db);
    expect(before.map((d) => d.name)).toEqual(['bulk_probe_code_key', 'bulk_probe_institution_id_fkey', 'bulk_probe_pkey', 'bulk_probe_tag_idx']);
    await ctx.handle.db.transaction().execute(async (tx) => {
      const during = await withIndexesBuiltAfter(tx, ['bulk_probe'], 100, async () => {
        await sql`insert into bulk_probe select g, 'c' || g, case when g % 2 = 0 then 't' end, ${ctx.bank.ho}::int4 from generate_series(1, 100) g`.execute(tx);
        return (await definitions(tx)).map((d) => d.name);
      });
      expect(during).toEqual(['bulk_probe_pkey']);
      expect(await definitions(tx)).toEqual(before);
    });
    expect(await definitions(ctx.handle.db)).toEqual(before);
  });

  it('fails the load when the rebuilt unique index meets a duplicate, and the rollback restores the indexes', async () => {
    const before = await definitions(ctx.handle.db);
    await expect(ctx.handle.db.transaction().execute((tx) => withIndexesBuiltAfter(tx, ['bulk_probe'], 1000, async () => {
      await sql`insert into bulk_probe values (1001, 'dup', null), (1002, 'dup', null)`.execute(tx);
    }))).rejects.toThrow(/unique|duplicate/i);
    expect(await definitions(ctx.handle.db)).toEqual(before);
    expect((await sql`select 1 from bulk_probe where code = 'dup'`.execute(ctx.handle.db)).rows).toEqual([]);
  });

  it('fails the load when the foreign key made again meets a dangling reference', async () => {
    const before = await definitions(ctx.handle.db);
    await expect(ctx.handle.db.transaction().execute((tx) => withIndexesBuiltAfter(tx, ['bulk_probe'], 1000, async () => {
      await sql`insert into bulk_probe values (2001, 'x', null, 999999)`.execute(tx);
    }))).rejects.toThrow(/foreign key/i);
    expect(await definitions(ctx.handle.db)).toEqual(before);
  });

  it('keeps the indexes of a table that already holds more rows than the load brings', async () => {
    await sql`analyze bulk_probe`.execute(ctx.handle.db);
    await ctx.handle.db.transaction().execute(async (tx) => {
      const during = await withIndexesBuiltAfter(tx, ['bulk_probe'], 10, async () => (await definitions(tx)).length);
      expect(during).toBe(4);
    });
  });
});
