// SQL of the institution tree. The full name (ORG-4) is derived, not stored: a rename or move
// changes every descendant's full name without touching their rows.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import type { InstitutionView } from './institution.schema.ts';

interface Filter { status?: 'active' | 'inactive' | 'all'; q?: string; id?: number }

/**
 * Institutions in the actor's subtree with their full names. The full name joins the names from
 * the level-2 ancestor down ("青岛分行市南支行营销一队"); the head office shows its own name. Tree
 * order: siblings by code.
 */
export async function selectInstitutions(db: Executor, actor: Pick<Actor, 'scopePath'>, f: Filter = {}): Promise<InstitutionView[]> {
  const status = f.status ?? 'all';
  const q = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
  const rows = await sql<InstitutionView>`
    with recursive tree as (
      select id, name::text as full_name, code::text as sort_key from institution where parent_id is null
      union all
      select c.id, case when t.full_name is null or p.parent_id is null then c.name::text else t.full_name || c.name end,
             t.sort_key || '/' || c.code
      from institution c join tree t on c.parent_id = t.id join institution p on p.id = c.parent_id
    )
    select i.id, i.code, i.name, tree.full_name as "fullName", i.parent_id as "parentId", i.level,
           l.name_zh as "levelName", l.name_en as "levelNameEn", i.kind, i.category, i.status, i.address, i.phone,
           i.opened_on as "openedOn", i.closed_on as "closedOn", i.version
    from institution i
    join tree on tree.id = i.id
    join institution_level l on l.level = i.level
    where i.path like ${actor.scopePath + '%'}
      and (${status} = 'all' or i.status = ${status})
      and (${q}::text is null or i.name like ${q} or i.code ilike ${q} or tree.full_name like ${q})
      and (${f.id ?? null}::int is null or i.id = ${f.id ?? null})
    order by tree.sort_key`.execute(db);
  return rows.rows;
}

export async function selectInstitutionRow(db: Executor, actor: Pick<Actor, 'scopePath'>, id: number, lock = false) {
  let q = db.selectFrom('institution').selectAll().where('id', '=', id).where('path', 'like', actor.scopePath + '%');
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Closes the open history period and opens the next one; history is the institution's placement over time. */
export async function recordInstitutionHistory(db: Executor, row: { id: number; parent_id: number | null; code: string; name: string; status: string },
  event: 'open' | 'rename' | 'move' | 'deactivate' | 'reactivate' | 'update', validFrom: string, reason: string | null, changedBy: number | null) {
  await db.updateTable('institution_history').set({ valid_to: validFrom })
    .where('institution_id', '=', row.id).where('valid_to', 'is', null).execute();
  await db.insertInto('institution_history').values({
    institution_id: row.id, parent_id: row.parent_id, code: row.code, name: row.name, status: row.status,
    valid_from: validFrom, event, reason, changed_by: changedBy,
  }).execute();
}
