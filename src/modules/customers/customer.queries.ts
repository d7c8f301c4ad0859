// SQL shared by the customer services: the data-scope predicate and loading a customer with its
// detail row, mapped to the API's field names.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { fieldsOf } from './fields.ts';
import { businessToday } from '../../common/business-date.ts';
import { inForce } from '../managers/relation.queries.ts';

/**
 * USR-2 "customers in my charge" (所辖客户), the one scope predicate of every customer list,
 * report and export. A customer's institution is its managing institution (管户机构): the home
 * institution of its primary manager, which assignment keeps (managers/assignment.service.ts), or
 * the outlet whose temporary staff hold it. So for a head (institution-wide scope) the customers
 * of every manager in his subtree are the customers whose institution lies in the subtree — one
 * index range, whatever the book's size. An actor whose roles are all 'own'-scoped (customer
 * managers, assistants) sees the customers he has a relation with in force today; the relation is
 * the grant, so an assisting manager of another outlet sees the customer too.
 */
export function customerInScope(actor: Actor, alias = 'customer', day = businessToday()): Expression<SqlBool> {
  const inTree = sql<SqlBool>`${sql.ref(`${alias}.institution_id`)} in (select scope_i.id from institution scope_i where scope_i.path like ${actor.scopePath + '%'})`;
  if (actor.kind === 'system' || actor.dataScope === 'institution') return inTree;
  return sql<SqlBool>`exists (select 1 from customer_manager scope_m where scope_m.customer_id = ${sql.ref(`${alias}.id`)} and scope_m.user_id = ${actor.kind === 'user' ? actor.id : -1} and ${inForce('scope_m', day)})`;
}

export interface CustomerRecord {
  id: number; customerNo: string; kind: 'personal' | 'corporate'; name: string; institutionId: number;
  status: 'active' | 'deleted' | 'merged'; statusReason: string | null; mergedInto: number | null; blacklisted: boolean;
  origin: 'crm' | 'core'; version: number; createdAt: Date; updatedAt: Date; createdBy: number | null;
  values: Record<string, unknown>;
  identities: { seq: number; idType: string; idNumber: string; expiresOn: string | null }[];
}

/** The customer if it exists and is in scope, with every field by its API name. */
export async function loadCustomer(db: Executor, actor: Actor, id: number, lock = false): Promise<CustomerRecord | undefined> {
  let q = db.selectFrom('customer').selectAll().where('id', '=', id).where(customerInScope(actor));
  if (lock) q = q.forUpdate();
  const c = await q.executeTakeFirst();
  if (!c) return undefined;
  const detail = c.kind === 'personal'
    ? await db.selectFrom('personal_customer').selectAll().where('customer_id', '=', id).executeTakeFirst()
    : await db.selectFrom('corporate_customer').selectAll().where('customer_id', '=', id).executeTakeFirst();
  const row = (detail ?? {}) as Record<string, unknown>;
  const values = Object.fromEntries(fieldsOf(c.kind).map((f) => [f.key, row[f.column] ?? null]));
  if (c.kind === 'corporate') values.scale = row.scale ?? null;
  const identities = c.kind === 'personal'
    ? (await db.selectFrom('customer_identity').select(['seq', 'id_type', 'id_number', 'expires_on']).where('customer_id', '=', id).orderBy('seq').execute())
      .map((r) => ({ seq: r.seq, idType: r.id_type, idNumber: r.id_number, expiresOn: r.expires_on }))
    : [];
  return {
    id: c.id, customerNo: c.customer_no, kind: c.kind, name: c.name, institutionId: c.institution_id, status: c.status,
    statusReason: c.status_reason, mergedInto: c.merged_into, blacklisted: c.blacklisted, origin: c.origin, version: c.version,
    createdAt: c.created_at, updatedAt: c.updated_at, createdBy: c.created_by, values, identities,
  };
}

/** API values → the detail table's columns, for the fields given. */
export function toColumns(kind: 'personal' | 'corporate', values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(kind)) if (f.key in values) out[f.column] = values[f.key] === undefined ? null : values[f.key];
  return out;
}
