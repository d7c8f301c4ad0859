// Code tables (PLAT-6, 数据字典): national standards and the seeds' code lists, kept as data
// that administrators maintain. Other domains validate coded fields through `assertCode`.
import type { z } from 'zod';
import type { Database, Executor } from '../../db/database.ts';
import { invalid, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { createItemBody, createTableBody, itemsQuery, updateItemBody } from './code-table.schema.ts';
import { codeTableSeeds } from './seed/index.ts';

export async function listCodeTables(db: Executor) {
  return db.selectFrom('code_table')
    .leftJoin('code_item', 'code_item.table_code', 'code_table.code')
    .select(['code_table.code', 'code_table.name_zh as nameZh', 'code_table.name_en as nameEn', 'code_table.source',
      'code_table.hierarchical', 'code_table.builtin', (eb) => eb.fn.count<number>('code_item.code').as('itemCount')])
    .groupBy('code_table.code').orderBy('code_table.code').execute()
    .then((rows) => rows.map((r) => ({ ...r, itemCount: Number(r.itemCount) })));
}

export async function listCodeItems(db: Executor, table: string, f: z.infer<typeof itemsQuery>) {
  const t = await db.selectFrom('code_table').selectAll().where('code', '=', table).executeTakeFirst();
  if (!t) throw notFound('code_table');
  let q = db.selectFrom('code_item').where('table_code', '=', table);
  if (f.includeInactive !== 'true') q = q.where('active', '=', true);
  if (f.parent !== undefined) q = f.parent === '' ? q.where('parent_code', 'is', null) : q.where('parent_code', '=', f.parent);
  if (f.level) q = q.where('level', '=', f.level);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    q = q.where((eb) => eb.or([eb('code', 'ilike', like), eb('name_zh', 'like', like), eb('name_en', 'ilike', like)]));
  }
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const items = await q.select(['code', 'name_zh as nameZh', 'name_en as nameEn', 'parent_code as parentCode', 'level', 'sort_order as sortOrder', 'active'])
    .orderBy('sort_order').orderBy('code').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { table: { code: t.code, nameZh: t.name_zh, nameEn: t.name_en, source: t.source, hierarchical: t.hierarchical, builtin: t.builtin }, total: Number(total), items };
}

/** For other domains (CIF-14): a coded field must hold an active item of its table. */
export async function assertCode(db: Executor, table: string, code: string | null | undefined, path: string): Promise<void> {
  if (code == null || code === '') return;
  const hit = await db.selectFrom('code_item').select('code').where('table_code', '=', table).where('code', '=', code).where('active', '=', true).executeTakeFirst();
  if (!hit) throw invalid({ path, code: 'codes.item.unknown', params: { table, code } });
}

export async function createCodeTable(db: Database, actor: Actor, input: z.infer<typeof createTableBody>) {
  return db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('code_table').select('code').where('code', '=', input.code).executeTakeFirst()) {
      throw invalid({ path: 'code', code: 'codes.table.code_taken', params: { code: input.code } });
    }
    await tx.insertInto('code_table').values({ code: input.code, name_zh: input.nameZh, name_en: input.nameEn, source: input.source ?? null, hierarchical: input.hierarchical, builtin: false }).execute();
    await writeAudit(tx, actor, { action: 'codetable.create', entityType: 'code_table', entityId: input.code, after: input });
    return { code: input.code };
  });
}

export async function createCodeItem(db: Database, actor: Actor, table: string, input: z.infer<typeof createItemBody>) {
  return db.transaction().execute(async (tx) => {
    const t = await tx.selectFrom('code_table').selectAll().where('code', '=', table).forUpdate().executeTakeFirst();
    if (!t) throw notFound('code_table');
    if (await tx.selectFrom('code_item').select('code').where('table_code', '=', table).where('code', '=', input.code).executeTakeFirst()) {
      throw invalid({ path: 'code', code: 'codes.item.code_taken', params: { code: input.code } });
    }
    let level = 1;
    if (input.parentCode) {
      if (!t.hierarchical) throw invalid({ path: 'parentCode', code: 'codes.item.not_hierarchical' });
      const parent = await tx.selectFrom('code_item').select(['code', 'level']).where('table_code', '=', table).where('code', '=', input.parentCode).executeTakeFirst();
      if (!parent) throw invalid({ path: 'parentCode', code: 'codes.item.unknown', params: { table, code: input.parentCode } });
      level = (parent.level ?? 1) + 1;
    }
    const row = { table_code: table, code: input.code, name_zh: input.nameZh, name_en: input.nameEn, parent_code: input.parentCode ?? null, level, sort_order: input.sortOrder ?? 0 };
    await tx.insertInto('code_item').values(row).execute();
    await writeAudit(tx, actor, { action: 'codetable.item.create', entityType: 'code_item', entityId: `${table}:${input.code}`, after: row });
    return { code: input.code };
  });
}

/** Items are never deleted (old records still carry them); they are deactivated instead. */
export async function updateCodeItem(db: Database, actor: Actor, table: string, code: string, input: z.infer<typeof updateItemBody>) {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('code_item').selectAll().where('table_code', '=', table).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!before) throw notFound('code_item');
    const after = await tx.updateTable('code_item').set({
      name_zh: input.nameZh ?? before.name_zh, name_en: input.nameEn ?? before.name_en,
      sort_order: input.sortOrder ?? before.sort_order, active: input.active ?? before.active, updated_at: new Date(),
    }).where('table_code', '=', table).where('code', '=', code).returningAll().executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'codetable.item.update', entityType: 'code_item', entityId: `${table}:${code}`, before, after });
    return { code };
  });
}

/**
 * Loads the seeded tables at start. Missing tables and items are added; items an administrator
 * already has are left as they are, so local edits survive upgrades.
 */
export async function seedCodeTables(db: Database): Promise<void> {
  const seeds = codeTableSeeds();
  await db.transaction().execute(async (tx) => {
    for (const t of seeds) {
      await tx.insertInto('code_table').values({ code: t.code, name_zh: t.nameZh, name_en: t.nameEn, source: t.source, hierarchical: t.hierarchical, builtin: true })
        .onConflict((oc) => oc.column('code').doNothing()).execute();
      const rows = t.items.map((it, i) => ({
        table_code: t.code, code: it.code, name_zh: it.nameZh, name_en: it.nameEn, parent_code: it.parentCode ?? null, level: it.level ?? 1, sort_order: i,
      }));
      for (let i = 0; i < rows.length; i += 1000) {
        await tx.insertInto('code_item').values(rows.slice(i, i + 1000)).onConflict((oc) => oc.columns(['table_code', 'code']).doNothing()).execute();
      }
    }
  });
}
