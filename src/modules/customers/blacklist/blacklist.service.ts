// CIF-5 blacklist (黑名单): internal and external entries with reason, source and dates. The list
// is visible bank-wide, because a sub-branch must know that another branch's customer is
// listed; putting a customer on it or lifting an entry stays within the caller's data scope.
// The customer's `blacklisted` flag is derived from the entries and recomputed in the same
// transaction as every change, and daily by `expireBlacklistEntries` as entries run out.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database, Executor, Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { AppError, invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit, type AuditActor } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../customer.queries.ts';
import type { ChangeSource } from '../customer.service.ts';
import { maskValue } from '../masking.ts';
import type { AddBlacklist, ListBlacklistQuery } from './blacklist.schema.ts';

/** Who a history row names: the user, or nobody for jobs and system tokens. */
export interface ChangedBy { userId: number | null; requestId: string | null }
export const changedBy = (actor: Actor): ChangedBy => ({ userId: actor.kind === 'user' ? actor.id : null, requestId: actor.requestId });

/** An entry in force on `day`: not lifted, and `day` not after its last day. */
export function entryInForce(day: string, alias = 'blacklist_entry'): Expression<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<SqlBool>`(${col('removed_on')} is null and (${col('expires_on')} is null or ${col('expires_on')} >= ${day}::date))`;
}

/**
 * Sets the customer's flag to what its entries say on `day`, with a history row when it changes.
 * The version is left alone: the flag is derived, not keyed, and must not void a clerk's open edit.
 */
export async function recomputeBlacklistFlag(tx: Tx, by: ChangedBy, customerId: number, day: string, source: ChangeSource) {
  const row = await tx.selectFrom('customer').select('blacklisted').where('id', '=', customerId).forUpdate().executeTakeFirstOrThrow();
  const open = await tx.selectFrom('blacklist_entry as b').select('b.id').where('b.customer_id', '=', customerId)
    .where(entryInForce(day, 'b')).limit(1).executeTakeFirst();
  const flag = open !== undefined;
  if (flag !== row.blacklisted) {
    await tx.updateTable('customer').set({ blacklisted: flag, updated_at: new Date() }).where('id', '=', customerId).execute();
    await tx.insertInto('customer_history').values({
      customer_id: customerId, field: 'blacklisted', old_value: String(row.blacklisted), new_value: String(flag),
      source, changed_by: by.userId, request_id: by.requestId,
    }).execute();
  }
  return { before: row.blacklisted, after: flag };
}

function checkDates(input: { listedOn: string; expiresOn?: string | null }, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (input.listedOn > today) errors.push({ path: 'listedOn', code: 'blacklist.listed_in_future' });
  if (input.expiresOn) {
    if (input.expiresOn <= input.listedOn) errors.push({ path: 'expiresOn', code: 'blacklist.expiry_not_after_listing' });
    else if (input.expiresOn < today) errors.push({ path: 'expiresOn', code: 'blacklist.expiry_in_past' });
  }
  return errors;
}

export async function addBlacklistEntry(db: Database, actor: Actor, input: AddBlacklist) {
  const today = businessToday();
  const errors = checkDates(input, today);
  if (errors.length) throw invalid(...errors);
  return db.transaction().execute(async (tx) => {
    const c = await tx.selectFrom('customer').select(['id', 'customer_no', 'name', 'status']).where('id', '=', input.customerId)
      .where(customerInScope(actor)).forUpdate().executeTakeFirst();
    if (!c) throw notFound('customer');
    if (c.status !== 'active') throw invalid({ path: 'customerId', code: c.status === 'merged' ? 'customers.merged' : 'customers.not_active' });
    // Several sources may list one customer (the bank and a court, say); the same source twice is a slip.
    const same = await tx.selectFrom('blacklist_entry as b').select(['b.id', 'b.listed_on']).where('b.customer_id', '=', c.id)
      .where('b.list_kind', '=', input.listKind).where('b.source', '=', input.source).where(entryInForce(today, 'b')).executeTakeFirst();
    if (same) throw new AppError('blacklist.already_listed', 409, { listedOn: same.listed_on }, [{ path: 'source', code: 'blacklist.already_listed', params: { listedOn: same.listed_on } }]);
    const by = changedBy(actor);
    const entry = await tx.insertInto('blacklist_entry').values({
      customer_id: c.id, list_kind: input.listKind, reason: input.reason, source: input.source,
      listed_on: input.listedOn, expires_on: input.expiresOn ?? null, created_by: by.userId,
    }).returning('id').executeTakeFirstOrThrow();
    const flag = await recomputeBlacklistFlag(tx, by, c.id, today, 'screen');
    await writeAudit(tx, actor, { action: 'blacklist.add', entityType: 'blacklist_entry', entityId: entry.id,
      after: { customerId: c.id, customerNo: c.customer_no, listKind: input.listKind, reason: input.reason, source: input.source,
        listedOn: input.listedOn, expiresOn: input.expiresOn ?? null, blacklisted: flag.after } });
    return { id: entry.id, customerId: c.id, blacklisted: flag.after };
  });
}

/** The entry as a removal sees it, locked, within the actor's scope when one is given. */
export async function blacklistEntryForRemoval(tx: Executor, id: number, actor?: Actor) {
  let q = tx.selectFrom('blacklist_entry as b').innerJoin('customer', 'customer.id', 'b.customer_id')
    .select(['b.id', 'b.customer_id', 'b.removed_on', 'b.expires_on', 'b.reason', 'b.list_kind', 'b.source', 'customer.customer_no', 'customer.name'])
    .where('b.id', '=', id);
  if (actor) q = q.where(customerInScope(actor));
  return q.executeTakeFirst();
}

/**
 * Lifts an entry in the caller's transaction: at once (review off) or when the last checker of a
 * 'blacklist.remove' request approves (`review` names the request and its maker for the audit row).
 */
export async function liftBlacklistEntry(tx: Tx, actor: Actor, id: number, reason: string, review?: { requestId: number; makerId: number }) {
  const today = businessToday();
  await tx.selectFrom('blacklist_entry').select('id').where('id', '=', id).forUpdate().execute();
  const e = await blacklistEntryForRemoval(tx, id, review ? undefined : actor);
  if (!e) throw notFound('blacklist_entry');
  if (e.removed_on) throw new AppError('blacklist.already_removed', 409, { removedOn: e.removed_on });
  const by = changedBy(actor);
  await tx.updateTable('blacklist_entry').set({ removed_on: today, removed_reason: reason, removed_by: by.userId }).where('id', '=', id).execute();
  const flag = await recomputeBlacklistFlag(tx, by, e.customer_id, today, 'screen');
  await writeAudit(tx, actor, { action: 'blacklist.remove', entityType: 'blacklist_entry', entityId: id,
    before: { removedOn: null }, after: { customerId: e.customer_id, customerNo: e.customer_no, removedOn: today, reason, blacklisted: flag.after,
      ...(review ? { approvalRequestId: review.requestId, makerId: review.makerId } : {}) } });
  return { id, customerId: e.customer_id, blacklisted: flag.after };
}

export const removeBlacklistEntry = (db: Database, actor: Actor, id: number, reason: string) =>
  db.transaction().execute((tx) => liftBlacklistEntry(tx, actor, id, reason));

const statusSql = (today: string) => sql<'active' | 'expired' | 'removed'>`case when b.removed_on is not null then 'removed'
  when b.expires_on is not null and b.expires_on < ${today}::date then 'expired' else 'active' end`;

/** The bank-wide list. Identity numbers are masked; credit codes are public registration data. */
export async function listBlacklist(db: Executor, f: ListBlacklistQuery) {
  const today = businessToday();
  let q = db.selectFrom('blacklist_entry as b').innerJoin('customer as c', 'c.id', 'b.customer_id');
  if (f.status === 'active') q = q.where(entryInForce(today, 'b'));
  if (f.status === 'expired') q = q.where('b.removed_on', 'is', null).where('b.expires_on', '<', today);
  if (f.status === 'removed') q = q.where('b.removed_on', 'is not', null);
  if (f.listKind) q = q.where('b.list_kind', '=', f.listKind);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.source) q = q.where('b.source', 'like', `%${escapeLike(f.source)}%`);
  if (f.listedFrom) q = q.where('b.listed_on', '>=', f.listedFrom);
  if (f.listedTo) q = q.where('b.listed_on', '<=', f.listedTo);
  if (f.q) {
    const text = f.q.trim();
    const upper = text.toUpperCase();
    q = q.where((eb) => eb.or([
      eb('c.customer_no', '=', text),
      eb('c.name', 'like', `%${escapeLike(text)}%`),
      eb('c.id', 'in', eb.selectFrom('customer_identity').select('customer_id').where('id_number', '=', upper)),
      eb('c.id', 'in', eb.selectFrom('corporate_customer').select('customer_id').where('credit_code', '=', upper)),
    ]));
  }
  const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await q.innerJoin('institution as i', 'i.id', 'c.institution_id')
    .leftJoin('corporate_customer as cc', 'cc.customer_id', 'c.id')
    .leftJoin('customer_identity as ci', (j) => j.onRef('ci.customer_id', '=', 'c.id').on('ci.seq', '=', 1))
    .leftJoin('app_user as u', 'u.id', 'b.created_by')
    .select(['b.id', 'c.id as customerId', 'c.customer_no as customerNo', 'c.name', 'c.kind', 'c.status as customerStatus', 'c.blacklisted',
      'i.name as institutionName', 'b.list_kind as listKind', 'b.reason', 'b.source', 'b.listed_on as listedOn', 'b.expires_on as expiresOn',
      'b.removed_on as removedOn', 'b.removed_reason as removedReason', 'u.display_name as listedBy', 'ci.id_type as idType', 'ci.id_number as idNumber',
      'cc.credit_code as creditCode', statusSql(today).as('status'),
      // The open lift under review, if any (the entry stays in force meanwhile): the screen marks it.
      (eb) => eb.selectFrom('approval_request as ar').select('ar.id').where('ar.workflow_type', '=', 'blacklist.remove')
        .where('ar.subject_type', '=', 'blacklist_entry').where('ar.subject_id', '=', sql<string>`b.id::text`)
        .where('ar.status', 'in', ['pending', 'returned']).limit(1).as('removalRequestId')])
    .orderBy('b.listed_on', 'desc').orderBy('b.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => ({ ...r, idNumber: maskValue('id', r.idNumber) })) };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** The daily job's audit identity: no user, named after the job. */
const JOB_ACTOR: AuditActor = { kind: 'system', id: null, name: 'job:blacklist-expiry', institutionId: null, ip: null, requestId: null };

/**
 * Daily job (PLAT-5 runner): as of `businessDate`, clears the flag of customers whose last entry
 * has run out, and sets it where an entry is in force but the flag is off (an entry loaded by a
 * feed, a flag corrected by hand). Idempotent: a second run finds nothing to do.
 */
export async function expireBlacklistEntries(db: Database, businessDate: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(businessDate)) throw new Error(`expireBlacklistEntries: business date ${businessDate} is not YYYY-MM-DD`);
  return db.transaction().execute(async (tx) => {
    // Two small sets instead of a pass over every customer: flagged ones, and holders of an entry in force.
    const flaggedWithout = tx.selectFrom('customer as c').select('c.id').where('c.blacklisted', '=', true)
      .where(sql<SqlBool>`not exists (select 1 from blacklist_entry b where b.customer_id = c.id and ${entryInForce(businessDate, 'b')})`);
    const listedUnflagged = tx.selectFrom('blacklist_entry as b').innerJoin('customer as c', 'c.id', 'b.customer_id').select('c.id')
      .where('c.blacklisted', '=', false).where(entryInForce(businessDate, 'b'));
    const stale = await flaggedWithout.union(listedUnflagged).orderBy('id').execute();
    const changes: { id: number; before: boolean; after: boolean }[] = [];
    for (const c of stale) {
      const flag = await recomputeBlacklistFlag(tx, { userId: null, requestId: null }, c.id, businessDate, 'system');
      if (flag.before !== flag.after) changes.push({ id: c.id, ...flag });
    }
    // Audit rows last: the audit chain lock is then held only for the commit.
    for (const c of changes) {
      await writeAudit(tx, JOB_ACTOR, { action: c.after ? 'blacklist.flag_set' : 'blacklist.expire', entityType: 'customer', entityId: c.id,
        before: { blacklisted: c.before }, after: { blacklisted: c.after, businessDate } });
    }
    return { businessDate, cleared: changes.filter((c) => !c.after).length, set: changes.filter((c) => c.after).length };
  });
}
