// Saved list filters (issue 12, item 4): a user names the list he works from ("my corporate
// customers by month average") and opens it again in one click. A user sees and deletes only his
// own; creating and deleting are audited like any other change of the user's working set.
import type { Database } from '../../../db/database.ts';
import { AppError, notFound } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { listFilters } from '../customer.schema.ts';
import type { SaveFilterBody } from './saved-filter.schema.ts';

/** Enough for every view a manager works from; beyond it the menu stops being a menu. */
export const MAX_SAVED_FILTERS = 30;

/** Saved filters belong to people; an API token's system actor has none. */
function ownerOf(actor: Actor): number {
  if (actor.kind !== 'user' || actor.id === null) throw new AppError('customers.saved_filter.people_only', 403);
  return actor.id;
}

export async function listSavedFilters(db: Database, actor: Actor) {
  const rows = await db.selectFrom('saved_customer_filter').select(['id', 'name', 'filters', 'created_at as createdAt'])
    .where('user_id', '=', ownerOf(actor)).orderBy('name').execute();
  // Read back through the schema: a filter saved before a sort key was renamed falls back to the defaults.
  return rows.map((r) => ({ ...r, filters: listFilters.catch(listFilters.parse({})).parse(r.filters) }));
}

export async function saveFilter(db: Database, actor: Actor, body: SaveFilterBody) {
  const userId = ownerOf(actor);
  return db.transaction().execute(async (tx) => {
    // Serialises one user's saves, so the count below cannot be raced past the limit.
    await tx.selectFrom('app_user').select('id').where('id', '=', userId).forUpdate().execute();
    const existing = await tx.selectFrom('saved_customer_filter').select(['id', 'name']).where('user_id', '=', userId).execute();
    if (existing.some((r) => r.name === body.name)) throw new AppError('customers.saved_filter.name_taken', 409, { name: body.name });
    if (existing.length >= MAX_SAVED_FILTERS) throw new AppError('customers.saved_filter.too_many', 422, { max: MAX_SAVED_FILTERS });
    const row = await tx.insertInto('saved_customer_filter').values({ user_id: userId, name: body.name, filters: JSON.stringify(body.filters) })
      .returning(['id', 'name', 'created_at as createdAt']).executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'customer.saved_filter.create', entityType: 'saved_customer_filter', entityId: row.id, after: body });
    return { ...row, filters: body.filters };
  });
}

export async function deleteSavedFilter(db: Database, actor: Actor, id: number) {
  const userId = ownerOf(actor);
  return db.transaction().execute(async (tx) => {
    // Another user's filter is not found, not forbidden: its existence is not his business.
    const row = await tx.deleteFrom('saved_customer_filter').where('id', '=', id).where('user_id', '=', userId)
      .returning(['id', 'name', 'filters']).executeTakeFirst();
    if (!row) throw notFound('saved_filter');
    await writeAudit(tx, actor, { action: 'customer.saved_filter.delete', entityType: 'saved_customer_filter', entityId: id, before: { name: row.name, filters: row.filters } });
    return { id };
  });
}
