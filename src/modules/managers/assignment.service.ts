// Customer assignment (客户分配, REL-21): the assignment role gives one customer, a selection or
// everything a filter of the customer list matches to a manager, as primary, assisting manager or
// assistant. Preview counts; commit writes all or nothing, in one transaction, effective on the
// business date. Both ends lie in the assigner's scope: the customers through the one customer
// scope predicate, the manager by his home institution.
import { sql } from 'kysely';
import type { Database, Tx } from '../../db/database.ts';
import type { ManagerRole } from '../../db/schema.ts';
import { businessToday } from '../../common/business-date.ts';
import { AppError, invalid } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { institutionInScope } from '../org/scope.ts';
import { customerInScope } from '../customers/customer.queries.ts';
import { filterCustomers } from '../customers/search/customer-search.ts';
import { inForce } from './relation.queries.ts';
import type { Assignment, AssignmentPreview } from './assignment.schema.ts';

type Executor = Database | Tx;

/** The manager, if he may receive customers from this assigner: an active person in scope holding a manager role. */
async function loadManager(db: Executor, actor: Actor, managerId: number) {
  const m = await db.selectFrom('app_user').select(['id', 'display_name', 'home_institution_id', 'status', 'kind'])
    .where('id', '=', managerId).where(institutionInScope(actor, 'app_user.home_institution_id')).executeTakeFirst();
  if (!m) throw invalid({ path: 'managerId', code: 'common.not_found', params: { entity: 'entity.user' } });
  if (m.status !== 'active') throw invalid({ path: 'managerId', code: 'managers.assign.manager_inactive' });
  if (m.kind !== 'person') throw invalid({ path: 'managerId', code: 'managers.assign.not_a_manager' });
  const manages = await db.selectFrom('user_role').innerJoin('role', 'role.id', 'user_role.role_id')
    .select('role.id').where('user_role.user_id', '=', managerId).where('role.category', '=', 'manager').executeTakeFirst();
  if (!manages) throw invalid({ path: 'managerId', code: 'managers.assign.not_a_manager' });
  return m;
}

/**
 * The active customers selected, in scope, in id order. Named ids outside the scope (or not
 * active) refuse the whole request: an assigner never learns of, nor half-assigns, a selection.
 */
async function selectedIds(db: Executor, actor: Actor, selection: AssignmentPreview['selection'], lock: boolean): Promise<number[]> {
  if ('customerIds' in selection) {
    const wanted = [...new Set(selection.customerIds)].sort((a, b) => a - b);
    let q = db.selectFrom('customer').select('id').where('id', 'in', wanted).where('status', '=', 'active').where(customerInScope(actor)).orderBy('id');
    if (lock) q = q.forUpdate();
    const found = new Set((await q.execute()).map((r) => Number(r.id)));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) throw invalid({ path: 'selection.customerIds', code: 'managers.assign.customers_out_of_scope', params: { count: missing.length, ids: missing.slice(0, 20).join(', ') } });
    return wanted;
  }
  let q = filterCustomers(db as Database, actor, { ...selection.filter, status: 'active' }).select('customer.id').orderBy('customer.id');
  if (lock) q = q.forUpdate();
  return (await q.execute()).map((r) => Number(r.id));
}

/** How many customers a commit would assign, and how many of them already have this manager in this role. */
export async function previewAssignment(db: Database, actor: Actor, input: AssignmentPreview) {
  const manager = await loadManager(db, actor, input.managerId);
  const ids = await selectedIds(db, actor, input.selection, false);
  const today = businessToday();
  const unchanged = ids.length ? Number((await db.selectFrom('customer_manager as m').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('m.customer_id', 'in', ids).where('m.user_id', '=', manager.id).where('m.role', '=', input.role).where(inForce('m', today)).executeTakeFirstOrThrow()).n) : 0;
  return { count: ids.length, unchanged, manager: { id: manager.id, displayName: manager.display_name }, role: input.role, effectiveOn: today };
}

/**
 * Assigns, all or nothing. The selected customers are locked first (in id order), so two
 * assignments of one customer run one after the other and the second sees the first's manager;
 * the database's exclusion constraint is the last word on "one primary per customer".
 */
export async function assignCustomers(db: Database, actor: Actor, input: Assignment) {
  const today = businessToday();
  const by = actor.kind === 'user' ? actor.id : null;
  return db.transaction().execute(async (tx) => {
    const manager = await loadManager(tx, actor, input.managerId);
    const ids = await selectedIds(tx, actor, input.selection, true);
    if (ids.length !== input.expectedCount) {
      throw new AppError('managers.assign.count_changed', 409, { expected: input.expectedCount, actual: ids.length });
    }
    const role: ManagerRole = input.role;
    if (role !== 'primary') {
      // Making the primary manager an assistant would leave the customer without one: transfer first.
      const primaryHere = await tx.selectFrom('customer_manager as m').select('m.customer_id').where('m.customer_id', 'in', ids)
        .where('m.user_id', '=', manager.id).where('m.role', '=', 'primary').where(inForce('m', today)).limit(20).execute();
      if (primaryHere.length) throw invalid({ path: 'role', code: 'managers.assign.is_primary', params: { ids: primaryHere.map((r) => r.customer_id).join(', ') } });
    }
    const batch = await tx.insertInto('customer_assignment').values({
      assigned_by: by, manager_id: manager.id, role, effective_on: today, selection: JSON.stringify(input.selection),
      customer_count: ids.length, reason: input.reason ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    const reason = `assignment ${batch.id}`;
    const idArray = sql`${ids}::int8[]`;
    // Relations this assignment replaces end today: for a primary, the customer's current primary
    // (someone else); for anyone, the manager's own other role on the customer (a promotion).
    const ended = await sql<{ customer_id: number; user_id: number; role: string }>`
      update customer_manager m set ends_on = ${today}::date, ended_by = ${by}::int4, ended_at = now(), end_reason = ${reason}
      where m.customer_id = any(${idArray}) and ${inForce('m', today)}
        and ((${role} = 'primary' and m.role = 'primary' and m.user_id <> ${manager.id}::int4) or (m.user_id = ${manager.id}::int4 and m.role <> ${role}))
      returning m.customer_id, m.user_id, m.role`.execute(tx);
    const added = await sql<{ customer_id: number }>`
      insert into customer_manager (customer_id, user_id, role, since, assigned_by, assignment_id)
      select u.id, ${manager.id}::int4, ${role}, ${today}::date, ${by}::int4, ${batch.id}::int8 from unnest(${idArray}) as u(id)
      where not exists (select 1 from customer_manager m where m.customer_id = u.id and m.user_id = ${manager.id}::int4 and m.role = ${role} and ${inForce('m', today)})
      returning customer_id`.execute(tx);
    if (role === 'primary') {
      // The managing institution follows the primary manager: his head's scope now holds the customer.
      await tx.updateTable('customer').set({ institution_id: manager.home_institution_id, updated_at: new Date(), version: sql`version + 1` })
        .where('id', 'in', ids.length ? ids : [-1]).where('institution_id', '<>', manager.home_institution_id).execute();
    }
    // One audit row for the batch lists every customer and every relation it ended: an auditor
    // reads who was given what, and from whom, in one place; the relations name the batch.
    await writeAudit(tx, actor, { action: 'customer.assign', entityType: 'customer_assignment', entityId: batch.id, after: {
      managerId: manager.id, role, effectiveOn: today, selection: input.selection, customerIds: ids,
      added: added.rows.map((r) => Number(r.customer_id)), ended: ended.rows.map((r) => ({ customerId: Number(r.customer_id), userId: r.user_id, role: r.role })),
      reason: input.reason ?? null } });
    return { assignmentId: Number(batch.id), count: ids.length, added: added.rows.length, unchanged: ids.length - added.rows.length, effectiveOn: today };
  });
}
