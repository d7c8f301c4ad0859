// USR-2 data scope as SQL. Every query of scoped data goes through these helpers, so the rule
// "institutions in my charge = the managing institution and all its descendants" lives in one
// place and is enforced by the database, never by filtering in the browser.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../auth/actor.ts';

/**
 * `column` (an institution id) lies in the actor's subtree. Uses the materialised path, so the
 * subquery is one index range scan on institution_path_idx.
 */
export function institutionInScope(actor: Pick<Actor, 'scopePath'>, column: string): Expression<SqlBool> {
  // Paths hold only digits and '/', so the prefix needs no LIKE escaping.
  return sql<SqlBool>`${sql.ref(column)} in (select scope_i.id from institution scope_i where scope_i.path like ${actor.scopePath + '%'})`;
}

/** Is the institution path inside the actor's subtree? For checks on a row already loaded. */
export function pathInScope(actor: Pick<Actor, 'scopePath'>, path: string): boolean {
  return path.startsWith(actor.scopePath);
}
