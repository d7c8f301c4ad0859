// CIF-1: merging two records of one customer. Everything attached to the merged record moves to
// the survivor in one transaction; the merged record stays, marked merged with a pointer to the
// survivor, so its number is never reused and its page says where the customer went.
//
// Field history is not moved: history rows record which record was changed, and rewriting them
// would falsify that. The survivor's history is read as a union with the records merged into it
// (`historyCustomerIds`), and both records get a 'merge' row.
import { withdrawMergedWarnings } from '../../warnings/warning.run.ts';
import { sql, type RawBuilder } from 'kysely';
import type { Database, Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { AppError, invalid, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { changedBy, recomputeBlacklistFlag, type ChangedBy } from '../blacklist/blacklist.service.ts';
import { customerInScope } from '../customer.queries.ts';
import { maskValue } from '../masking.ts';
import type { MergeInput } from './merge.schema.ts';
import { reassignOpenAlerts } from '../../accounts/alerts/alert.service.ts';
import { moveAddresses, moveCertificates, moveCreditInfo, moveIdentities, moveLegalRepReferences, moveManagers, moveChannelLimits, moveOwned, moveSignings, moveTodos, resolveDuplicates, moveLinks } from './merge.repoint.ts';
import { syncInvestorType } from '../risk-assessment/risk-assessment.service.ts';

/** CIF-10: a personal customer holds at most three identity documents. */
export const MAX_IDENTITIES = 3;

/** The customer and every record merged into it, at any depth: the ids whose history is its history. */
export function historyCustomerIds(customerId: number): RawBuilder<number> {
  return sql<number>`(with recursive absorbed(id) as (
    select ${customerId}::bigint union all select c.id from customer c join absorbed a on c.merged_into = a.id) select id from absorbed)`;
}

type Side = 'survivorId' | 'mergedId';

/** The maker and the request of a merge applied by the last approval of a 'customer.merge' request. */
export interface MergeReview { requestId: number; makerId: number }

/**
 * Locks both records and refuses a pair that cannot be merged. `actor` limits the pair to his
 * data scope; without one (the approval of a request whose maker's scope was checked when he
 * submitted it, and whose basis says neither record changed since) the records are read as they are.
 */
export async function lockPair(tx: Tx, actor: Actor | null, input: MergeInput) {
  if (input.survivorId === input.mergedId) throw invalid({ path: 'mergedId', code: 'merge.same_customer' });
  // Locked in id order, so two merges touching the same records cannot deadlock.
  let q = tx.selectFrom('customer').leftJoin('corporate_customer', 'corporate_customer.customer_id', 'customer.id')
    .select(['customer.id', 'customer.customer_no', 'customer.name', 'customer.kind', 'customer.status', 'customer.version', 'corporate_customer.credit_code'])
    .where('customer.id', 'in', [input.survivorId, input.mergedId]);
  if (actor) q = q.where(customerInScope(actor));
  const rows = await q.orderBy('customer.id').forUpdate(['customer']).execute();
  const survivor = rows.find((r) => r.id === input.survivorId);
  const merged = rows.find((r) => r.id === input.mergedId);
  if (!survivor || !merged) {
    const missing: FieldError[] = (['survivorId', 'mergedId'] as Side[]).filter((s) => !rows.some((r) => r.id === input[s])).map((path) => ({ path, code: 'merge.not_found' }));
    throw new AppError('common.not_found', 404, { entity: 'entity.customer' }, missing);
  }
  const errors: FieldError[] = [];
  for (const [path, c] of [['survivorId', survivor], ['mergedId', merged]] as const) {
    if (c.status !== 'active') errors.push({ path, code: 'merge.not_active', params: { customerNo: c.customer_no } });
  }
  if (survivor.kind !== merged.kind) errors.push({ path: 'mergedId', code: 'merge.kind_mismatch' });
  // Two different credit codes are two legal persons, whatever the names say.
  if (survivor.credit_code && merged.credit_code && survivor.credit_code !== merged.credit_code) errors.push({ path: 'mergedId', code: 'merge.different_credit_codes' });
  if (errors.length) throw invalid(...errors);
  return { survivor, merged };
}

/** Refuses, naming every document, when the survivor would hold more than three. */
export async function assertIdentityLimit(tx: Tx, survivorId: number, mergedId: number) {
  const docs = await tx.selectFrom('customer_identity as ci').innerJoin('customer as c', 'c.id', 'ci.customer_id')
    .leftJoin('code_item as t', (j) => j.onRef('t.code', '=', 'ci.id_type').on('t.table_code', '=', 'id_type'))
    .select(['c.customer_no', 'ci.id_type', 'ci.id_number', 't.name_zh', 't.name_en'])
    .where('ci.customer_id', 'in', [survivorId, mergedId]).orderBy('ci.customer_id').orderBy('ci.seq').execute();
  if (docs.length <= MAX_IDENTITIES) return;
  const listed = docs.map((d) => ({ customerNo: d.customer_no, idType: d.id_type, idTypeZh: d.name_zh ?? d.id_type, idTypeEn: d.name_en ?? d.id_type, idNumber: maskValue('id', d.id_number) }));
  throw new AppError('merge.too_many_identities', 422, { count: docs.length, max: MAX_IDENTITIES },
    listed.map((params) => ({ path: 'mergedId', code: 'merge.identity_listed', params })));
}

async function history(tx: Tx, by: ChangedBy, customerId: number, field: string, oldValue: string | null, newValue: string | null, review?: MergeReview) {
  await tx.insertInto('customer_history').values({ customer_id: customerId, field, old_value: oldValue, new_value: newValue, source: 'merge', changed_by: by.userId, request_id: by.requestId,
    ...(review ? { approval_request_id: review.requestId, maker_id: review.makerId, checker_id: by.userId } : {}) }).execute();
}

/** Merges at once (the setting customers.information_review.merge off). */
export async function mergeCustomers(db: Database, actor: Actor, input: MergeInput) {
  if (input.survivorId === input.mergedId) throw invalid({ path: 'mergedId', code: 'merge.same_customer' });
  return db.transaction().execute((tx) => mergeInTransaction(tx, actor, input));
}

/**
 * The merge itself, in the caller's transaction: at once, or when the last checker of a
 * 'customer.merge' request approves (`review` names the request and its maker; the merge's history
 * and audit rows carry them, the checker being the actor).
 */
export async function mergeInTransaction(tx: Tx, actor: Actor, input: MergeInput, review?: MergeReview) {
  const today = businessToday();
  const { survivor, merged } = await lockPair(tx, review ? null : actor, input);
  const s = survivor.id;
  const m = merged.id;
  if (survivor.kind === 'personal') await assertIdentityLimit(tx, s, m);
  const by = changedBy(actor);

  const identities = await moveIdentities(tx, s, m);
  const addresses = await moveAddresses(tx, by, s, m);
  const certificates = await moveCertificates(tx, by, s, m, input.reason);
  const blacklistEntries = await moveOwned(tx, 'blacklist_entry', s, m);
  const riskAssessments = await moveOwned(tx, 'risk_assessment', s, m);
  const accounts = await moveOwned(tx, 'account', s, m);
  await moveOwned(tx, 'account_alert', s, m);
  await withdrawMergedWarnings(tx, m, today); // crisis warnings stay with their record; the survivor is scored by the next day
  for (const table of ['customer_image', 'document_flow', 'archive_position'] as const) await moveOwned(tx, table, s, m);
  await reassignOpenAlerts(tx); // open alerts go to the survivor's responsible person now, not at the next feed
  await moveChannelLimits(tx, s, m);
  const signings = await moveSignings(tx, s, m, today);
  const managers = await moveManagers(tx, s, m);
  const legalRepOf = await moveLegalRepReferences(tx, by, s, m);
  const duplicates = await resolveDuplicates(tx, by, s, m, input.reason);
  const todos = await moveTodos(tx, s, m);
  const creditInfo = await moveCreditInfo(tx, by, s, m);
  await moveLinks(tx, s, m, today);

  if (identities.moved) await history(tx, by, s, 'identities', identities.before, identities.after);
  const survivorFlag = await recomputeBlacklistFlag(tx, by, s, today, 'merge');
  await recomputeBlacklistFlag(tx, by, m, today, 'merge');
  const investorType = await syncInvestorType(tx, by, s, today, 'merge');
  await history(tx, by, s, 'merge', merged.customer_no, survivor.customer_no, review);
  await history(tx, by, m, 'merge', merged.customer_no, survivor.customer_no, review);
  await history(tx, by, m, 'status', merged.status, 'merged', review);
  await tx.updateTable('customer').set({ status: 'merged', merged_into: s, status_reason: input.reason, version: merged.version + 1, updated_at: new Date() })
    .where('id', '=', m).execute();
  await tx.updateTable('customer').set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', s).execute();

  const moved = { identities: identities.moved, addresses, certificates: certificates.moved, certificatesSuperseded: certificates.superseded,
    blacklistEntries, riskAssessments, managers: managers.length, legalRepOf: legalRepOf.length, duplicatesRepointed: duplicates.repointed,
    duplicatesClosed: duplicates.closed, todos, creditInfo, accounts, signings };
  const reviewed = review ? { approvalRequestId: review.requestId, makerId: review.makerId } : {};
  await writeAudit(tx, actor, { action: 'customer.merge', entityType: 'customer', entityId: s,
    after: { survivorNo: survivor.customer_no, mergedId: m, mergedNo: merged.customer_no, reason: input.reason, moved,
      managers, legalRepOf, blacklisted: survivorFlag.after, investorType: investorType?.after ?? null, ...reviewed } });
  await writeAudit(tx, actor, { action: 'customer.merged_into', entityType: 'customer', entityId: m,
    before: { status: merged.status }, after: { status: 'merged', mergedInto: s, survivorNo: survivor.customer_no, reason: input.reason, ...reviewed } });
  return { survivorId: s, survivorNo: survivor.customer_no, mergedId: m, mergedNo: merged.customer_no, moved, blacklisted: survivorFlag.after };
}
