// What the confirmation of a transfer writes, in the decision's transaction: the transferring
// manager's primary relation ends on the effective date (his last day is the day before) and the
// receiving manager's begins on it — the exclusion constraint "one primary per day" holds because
// the periods meet without overlapping. The receiving manager's own assisting or assistant relation
// ends on that date too (a promotion). The customer's managing institution follows the new primary
// (as an assignment's does) on the effective date: now when that is today, otherwise by the
// day-start job (moveDueTransferInstitutions).
import { sql } from 'kysely';
import type { Database, Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { writeAudit, type AuditActor } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { inForce } from '../relation.queries.ts';
import type { TransferPayload } from './transfer.schema.ts';
import { AppError, invalid } from '../../../common/http/errors.ts';
import type { Executor } from '../../../db/database.ts';

/** The receiving manager as a transfer needs him: an active person holding a manager-category role, anywhere in the bank. */
export async function receivingManager(db: Executor, id: number) {
  const m = await db.selectFrom('app_user').select(['id', 'display_name', 'home_institution_id', 'status', 'kind',
    sql<boolean>`exists (select 1 from user_role ur join role r on r.id = ur.role_id where ur.user_id = app_user.id and r.category = 'manager')`.as('manages')])
    .where('id', '=', id).executeTakeFirst();
  if (!m) throw invalid({ path: 'toManagerId', code: 'common.not_found', params: { entity: 'entity.user' } });
  if (m.status !== 'active') throw invalid({ path: 'toManagerId', code: 'managers.assign.manager_inactive' });
  if (m.kind !== 'person' || !m.manages) throw invalid({ path: 'toManagerId', code: 'managers.assign.not_a_manager' });
  return m;
}

export async function applyTransfer(tx: Tx, checker: Actor, p: TransferPayload, request: { id: number; makerId: number }) {
  const today = businessToday();
  // Confirmed after the chosen date passed: effective from the confirmation's day, never backdated
  // (a manager's past performance and a head's past charge do not change after the fact).
  const effectiveOn = p.effectiveOn > today ? p.effectiveOn : today;
  const by = checker.kind === 'user' ? checker.id : null;
  const ids = p.customerIds;
  const idArray = sql`${ids}::int8[]`;
  await tx.selectFrom('customer').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const to = await receivingManager(tx, p.toManagerId);
  const movesNow = effectiveOn === today;
  const batch = await tx.insertInto('customer_assignment').values({
    assigned_by: by, manager_id: to.id, role: 'primary', effective_on: effectiveOn,
    selection: JSON.stringify({ transferRequestId: request.id, fromManagerId: p.fromManagerId, customerIds: ids }),
    customer_count: ids.length, reason: p.reason, approval_request_id: request.id, maker_id: request.makerId,
    institution_moved_at: movesNow ? new Date() : null,
  }).returning('id').executeTakeFirstOrThrow();
  const reason = `transfer ${request.id}`;
  // The basis was checked just before: each customer's primary in force is the transferring
  // manager's open relation. It ends on the effective date; so does the receiving manager's other role.
  const ended = await sql<{ customer_id: number; user_id: number; role: string }>`
    update customer_manager m set ends_on = greatest(m.since, ${effectiveOn}::date), ended_by = ${by}::int4, ended_at = now(), end_reason = ${reason}
    where m.customer_id = any(${idArray}) and m.ends_on is null
      and ((m.role = 'primary' and m.user_id = ${p.fromManagerId}::int4 and ${inForce('m', today)}) or (m.user_id = ${to.id}::int4 and m.role <> 'primary'))
    returning m.customer_id, m.user_id, m.role`.execute(tx);
  // The basis guaranteed one open primary of the transferring manager per customer; a shortfall
  // here would be a change the basis missed, and the new relations would overlap someone's.
  const endedPrimaries = ended.rows.filter((r) => r.role === 'primary').length;
  if (endedPrimaries !== ids.length) throw new AppError('approvals.stale', 409, { fields: 'customerIds' });
  await sql`insert into customer_manager (customer_id, user_id, role, since, assigned_by, assignment_id)
    select u.id, ${to.id}::int4, 'primary', ${effectiveOn}::date, ${by}::int4, ${batch.id}::int8 from unnest(${idArray}) as u(id)`.execute(tx);
  if (movesNow) await moveInstitution(tx, ids, to.home_institution_id);
  await writeAudit(tx, checker, { action: 'customer.transfer', entityType: 'customer_assignment', entityId: batch.id, after: {
    approvalRequestId: request.id, makerId: request.makerId, checkerId: by, fromManagerId: p.fromManagerId, toManagerId: to.id,
    effectiveOn, customerIds: ids, institutionMoved: movesNow,
    ended: ended.rows.map((r) => ({ customerId: Number(r.customer_id), userId: r.user_id, role: r.role })), reason: p.reason } });
  return { assignmentId: Number(batch.id), count: ids.length, effectiveOn, institutionMoved: movesNow };
}

/** The managing institution follows the primary manager: his head's scope now holds the customers. */
async function moveInstitution(tx: Tx, ids: number[], institutionId: number) {
  const moved = await tx.updateTable('customer').set({ institution_id: institutionId, updated_at: new Date(), version: sql`version + 1` })
    .where('id', 'in', ids).where('institution_id', '<>', institutionId).returning('id').execute();
  return moved.map((r) => Number(r.id));
}

const JOB_ACTOR: AuditActor = { kind: 'system', id: null, name: 'job:transfer-institution', institutionId: null, ip: null, requestId: null };

/**
 * Day-start job: transfers confirmed earlier and effective on or before `businessDate` move their
 * customers' managing institution now — only customers whose primary in force that day is still
 * the one the transfer began (a later change of primary is that change's business). Idempotent.
 */
export async function moveDueTransferInstitutions(db: Database, businessDate: string) {
  const due = await db.selectFrom('customer_assignment').select(['id', 'manager_id', 'approval_request_id'])
    .where('approval_request_id', 'is not', null).where('institution_moved_at', 'is', null).where('effective_on', '<=', businessDate)
    .orderBy('id').execute();
  let customers = 0;
  for (const batch of due) {
    await db.transaction().execute(async (tx) => {
      const claimed = await tx.updateTable('customer_assignment').set({ institution_moved_at: new Date() })
        .where('id', '=', batch.id).where('institution_moved_at', 'is', null).returning('id').executeTakeFirst();
      if (!claimed) return;
      const home = await tx.selectFrom('app_user').select('home_institution_id').where('id', '=', batch.manager_id).executeTakeFirstOrThrow();
      const ids = (await tx.selectFrom('customer_manager as m').select('m.customer_id').where('m.assignment_id', '=', batch.id)
        .where('m.role', '=', 'primary').where(inForce('m', businessDate)).orderBy('m.customer_id').execute()).map((r) => Number(r.customer_id));
      await tx.selectFrom('customer').select('id').where('id', 'in', ids.length ? ids : [-1]).orderBy('id').forUpdate().execute();
      const moved = ids.length ? await moveInstitution(tx, ids, home.home_institution_id) : [];
      customers += moved.length;
      await writeAudit(tx, JOB_ACTOR, { action: 'customer.transfer.institution', entityType: 'customer_assignment', entityId: batch.id,
        after: { approvalRequestId: batch.approval_request_id, institutionId: home.home_institution_id, customerIds: moved, businessDate } });
    });
  }
  return { transfers: due.length, customers };
}
