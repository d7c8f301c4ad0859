// CIF-1: likely duplicates flagged when a customer is opened (same name and birth date, or same
// mobile), for a reviewer to merge or dismiss. A flag is shown only to someone who has both
// records in scope: deciding needs both, and one's existence must not leak through the other.
import { sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { AppError, notFound } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../customer.queries.ts';
import { maskValue } from '../masking.ts';
import type { ListDuplicatesQuery } from './merge.schema.ts';

/** A pair's two ends, whichever way round it was flagged: a pair flagged for both reasons is one pair. */
const low = sql<number>`least(d.customer_id, d.other_id)`;
const high = sql<number>`greatest(d.customer_id, d.other_id)`;

/**
 * One row per pair of customers, with every reason it was flagged for: the same two records
 * flagged for name and birth date and for the mobile were listed twice. `id` is the pair's first
 * flag, which dismissing takes (and closes the pair's other flags with it). The newer record is
 * `customer`, the one it was found to resemble `other`.
 */
export async function listDuplicates(db: Database, actor: Actor, f: ListDuplicatesQuery) {
  let q = db.selectFrom('customer_duplicate as d').innerJoin('customer as a', (j) => j.on('a.id', '=', high)).innerJoin('customer as b', (j) => j.on('b.id', '=', low))
    .where('d.status', '=', 'open').where(customerInScope(actor, 'a')).where(customerInScope(actor, 'b'))
    .groupBy([high, low]);
  if (f.reason) q = q.having(sql<boolean>`bool_or(d.reason = ${f.reason})`);
  const { total } = await db.selectFrom(q.select(high.as('h')).as('pairs')).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.select([sql<number>`min(d.id)`.as('id'), sql<('name_birth' | 'mobile')[]>`array_agg(d.reason order by d.reason)`.as('reasons'),
    sql<Date>`min(d.created_at)`.as('createdAt'), high.as('aId'), low.as('bId')])
    .orderBy(sql`min(d.id)`, 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const ids = [...new Set(rows.flatMap((r) => [r.aId, r.bId]))];
  const people = ids.length ? await db.selectFrom('customer as c').innerJoin('institution as i', 'i.id', 'c.institution_id')
    .leftJoin('personal_customer as p', 'p.customer_id', 'c.id')
    .select(['c.id', 'c.customer_no as customerNo', 'c.name', 'c.kind', 'c.status', 'c.blacklisted', 'i.name as institutionName',
      'p.birth_date as birthDate', 'p.mobile', 'c.created_at as createdAt'])
    .where('c.id', 'in', ids).execute() : [];
  const docs = ids.length ? await db.selectFrom('customer_identity').select(['customer_id', 'id_type', 'id_number'])
    .where('customer_id', 'in', ids).orderBy('seq').execute() : [];
  // Open 'customer.merge' requests over these records: a pair whose two records one of them merges
  // is marked "合并审批中" on the screen, which offers no second merge.
  const open = ids.length ? await db.selectFrom('approval_request').select(['id', 'subject_id', sql<string>`payload->>'survivorId'`.as('survivor_id')])
    .where('workflow_type', '=', 'customer.merge').where('status', 'in', ['pending', 'returned']).where('subject_id', 'in', ids.map(String)).execute() : [];
  const mergeRequestOf = (a: number, b: number) =>
    open.find((r) => [String(a), String(b)].includes(r.subject_id) && [String(a), String(b)].includes(r.survivor_id))?.id ?? null;
  const side = (id: number) => {
    const c = people.find((p) => p.id === id)!;
    return { ...c, mobile: maskValue('phone', c.mobile),
      identities: docs.filter((d) => d.customer_id === id).map((d) => ({ idType: d.id_type, idNumber: maskValue('id', d.id_number) as string })) };
  };
  return {
    total: Number(total), page: f.page, pageSize: f.pageSize,
    items: rows.map((r) => ({ id: Number(r.id), reasons: r.reasons, createdAt: r.createdAt, customer: side(Number(r.aId)), other: side(Number(r.bId)),
      mergeRequestId: mergeRequestOf(Number(r.aId), Number(r.bId)) })),
  };
}

/** The reviewer decides the two records are different customers; the flag is closed, not deleted. */
export async function dismissDuplicate(db: Database, actor: Actor, id: number, reason: string) {
  return db.transaction().execute(async (tx) => {
    const d = await tx.selectFrom('customer_duplicate as d').innerJoin('customer as a', 'a.id', 'd.customer_id').innerJoin('customer as b', 'b.id', 'd.other_id')
      .select(['d.id', 'd.status', 'd.reason', 'a.id as aId', 'b.id as bId', 'a.customer_no as aNo', 'b.customer_no as bNo'])
      .where('d.id', '=', id).where(customerInScope(actor, 'a')).where(customerInScope(actor, 'b')).forUpdate(['d']).executeTakeFirst();
    if (!d) throw notFound('customer_duplicate');
    if (d.status !== 'open') throw new AppError('duplicates.not_open', 409, { status: d.status });
    // The pair is what the reviewer decided on: its flags for other reasons close with this one.
    const closed = await tx.updateTable('customer_duplicate').set({
      status: 'dismissed', resolved_by: actor.kind === 'user' ? actor.id : null, resolved_at: new Date(), resolution_reason: reason,
    }).where('status', '=', 'open')
      .where(sql<boolean>`least(customer_id, other_id) = least(${d.aId}::bigint, ${d.bId}::bigint) and greatest(customer_id, other_id) = greatest(${d.aId}::bigint, ${d.bId}::bigint)`)
      .returning(['id', 'reason']).execute();
    await writeAudit(tx, actor, { action: 'customer.duplicate.dismiss', entityType: 'customer_duplicate', entityId: id,
      before: { status: 'open' }, after: { status: 'dismissed', reason, flags: closed.map((c) => c.reason).sort(), customerNos: [d.aNo, d.bNo] } });
    return { id, status: 'dismissed' as const };
  });
}
