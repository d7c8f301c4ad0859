// Transfer of primary rights (主办权转移, REL-22; seed 000 §三(九)) as the approval type
// 'customer.transfer': a manager (for his own customers) or a head (for any in his charge) asks to
// hand customers from one manager to another from a date; the transferring-out institution's head
// is consulted when the receiving manager is homed elsewhere (a step planned only then), the
// receiving institution's 客户转移审批生效岗 approves, the branch's 客户转移确认生效岗 confirms.
// Who acts where is approval_step's data (migration 0042); the institutions are the request's
// parties, named here. The confirmation ends the old primary relation on the effective date and
// begins the new one on it, in the decision's transaction.
import { sql } from 'kysely';
import type { Executor, Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { AppError, invalid } from '../../../common/http/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import type { WorkflowType } from '../../approvals/workflow-type.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { inForce } from '../relation.queries.ts';
import { transferPayload, type TransferPayload } from './transfer.schema.ts';
import { applyTransfer, receivingManager } from './transfer.apply.ts';

export const TRANSFER_TYPE = 'customer.transfer';

/** Per customer, the primary relation in force today: the request's basis, and what the check reads. */
async function primaries(db: Executor, customerIds: number[]) {
  const today = businessToday();
  return db.selectFrom('customer as c')
    .leftJoin('customer_manager as m', (j) => j.onRef('m.customer_id', '=', 'c.id').on('m.role', '=', 'primary').on(inForce('m', today)))
    .select(['c.id', 'c.status', 'c.institution_id', 'c.name', 'c.customer_no', 'm.id as relation_id', 'm.user_id', 'm.ends_on'])
    .where('c.id', 'in', customerIds).orderBy('c.id').execute();
}

/**
 * What the request was based on: each customer's status and primary relation in force (its row,
 * its person, its end). A reassignment, another transfer or a deletion since submission changes it
 * and the confirmation is refused as stale, naming the customers.
 */
function basisOf(rows: Awaited<ReturnType<typeof primaries>>): Record<string, unknown> {
  return Object.fromEntries(rows.map((r) => [`customer_${r.id}`, `${r.status}/${r.relation_id ?? '-'}/${r.user_id ?? '-'}/${r.ends_on ?? 'open'}`]));
}

/** The deepest institution whose subtree holds all of these (paths '/1/4/9/'): where the customers are managed from. */
function commonInstitution(paths: string[]): number {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; split.every((s) => i < s.length && s[i] === split[0]![i]); i++) common.push(split[0]![i]!);
  return Number(common[common.length - 1]);
}

/**
 * Open transfer requests (pending or returned) listing any of these customers, other than the one
 * about `subject` — a returned request being resubmitted lists them itself (and a second request
 * about the same subject is stopped by the engine's one-open-request-per-subject index).
 */
async function openTransfersOf(db: Executor, customerIds: number[], subject: { type: string; id: string }) {
  return db.selectFrom('approval_request').select('id')
    .where('workflow_type', '=', TRANSFER_TYPE).where('status', 'in', ['pending', 'returned'])
    .where((eb) => eb.not(eb.and([eb('subject_type', '=', subject.type), eb('subject_id', '=', subject.id)])))
    .where(sql<boolean>`exists (select 1 from jsonb_array_elements_text(payload -> 'customerIds') e where e::int8 = any(${customerIds}::int8[]))`)
    .orderBy('id').execute();
}

export const customerTransfer: WorkflowType<TransferPayload> = {
  code: TRANSFER_TYPE,
  payload: transferPayload,
  parties: ['transferring_out', 'receiving'],
  conditions: ['cross_institution'],
  async check(tx: Tx, maker: Actor, p: TransferPayload) {
    if (p.fromManagerId === p.toManagerId) throw invalid({ path: 'toManagerId', code: 'managers.transfer.same_manager' });
    // A manager hands over his own book; a head (institution-wide scope) any manager's in his charge.
    if (maker.dataScope === 'own' && p.fromManagerId !== maker.id) throw invalid({ path: 'fromManagerId', code: 'managers.transfer.own_customers_only' });
    const today = businessToday();
    if (p.effectiveOn < today) throw invalid({ path: 'effectiveOn', code: 'managers.transfer.effective_past', params: { today } });
    const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 366 * 86_400_000).toISOString().slice(0, 10);
    if (p.effectiveOn > latest) throw invalid({ path: 'effectiveOn', code: 'managers.transfer.effective_too_far', params: { latest } });
    const from = await tx.selectFrom('app_user').select(['id', 'display_name']).where('id', '=', p.fromManagerId).executeTakeFirst();
    if (!from) throw invalid({ path: 'fromManagerId', code: 'common.not_found', params: { entity: 'entity.user' } });
    const to = await receivingManager(tx, p.toManagerId);
    // The customers locked in id order, in the maker's scope: a second transfer of one of them waits
    // here for this one's commit and then finds it open.
    const ids = p.customerIds;
    const inScope = new Set((await tx.selectFrom('customer').select('id').where('id', 'in', ids).where('status', '=', 'active')
      .where(customerInScope(maker)).orderBy('id').forUpdate().execute()).map((r) => Number(r.id)));
    const missing = ids.filter((id) => !inScope.has(id));
    if (missing.length) throw invalid({ path: 'customerIds', code: 'managers.transfer.customers_out_of_scope', params: { count: missing.length, ids: missing.slice(0, 20).join(', ') } });
    const rows = await primaries(tx, ids);
    // The transferring manager must be the primary in force, with no change of primary already scheduled.
    const notHis = rows.filter((r) => r.user_id !== p.fromManagerId || r.ends_on !== null).map((r) => r.id);
    if (notHis.length) throw invalid({ path: 'customerIds', code: 'managers.transfer.not_primary', params: { ids: notHis.slice(0, 20).join(', ') } });
    // One customer: the customer's own subject (his "under review" mark, one open request); a
    // book: the transferring manager (one open book transfer of his at a time).
    const single = rows.length === 1 ? rows[0]! : null;
    const subject = { type: single ? 'customer' : 'manager', id: String(single ? single.id : p.fromManagerId) };
    const open = await openTransfersOf(tx, ids, subject);
    if (open.length) throw new AppError('approvals.already_open', 409, { openRequestId: open[0]!.id, type: `approvals.type.${TRANSFER_TYPE}` });
    const paths = await tx.selectFrom('institution').select('path').where('id', 'in', [...new Set(rows.map((r) => r.institution_id))]).execute();
    const transferringOut = commonInstitution(paths.map((r) => r.path));
    const receiving = to.home_institution_id;
    return {
      type: subject.type, id: subject.id,
      label: single ? `${single.name}（${single.customer_no}）${from.display_name} → ${to.display_name}` : `${from.display_name} → ${to.display_name}：${rows.length} 户`,
      basis: basisOf(rows),
      parties: { transferring_out: transferringOut, receiving },
      conditions: transferringOut !== receiving ? ['cross_institution'] : [],
    };
  },
  // Read at the last approval: the customers are locked first (id order, as an assignment locks
  // them), so no assignment slips in between this comparison and the apply.
  async basis(tx: Tx, p: TransferPayload) {
    await tx.selectFrom('customer').select('id').where('id', 'in', p.customerIds).orderBy('id').forUpdate().execute();
    return basisOf(await primaries(tx, p.customerIds));
  },
  async changes(db: Executor, p: TransferPayload) {
    const users = new Map((await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', [p.fromManagerId, p.toManagerId]).execute()).map((u) => [u.id, u.display_name]));
    const customers = await db.selectFrom('customer').select(['id', 'name', 'customer_no']).where('id', 'in', p.customerIds).orderBy('id').limit(50).execute();
    const listed = customers.map((c) => `${c.name}（${c.customer_no}）`).join('、') + (p.customerIds.length > customers.length ? ` … (${p.customerIds.length})` : '');
    return [
      { field: 'primaryManager', old: users.get(p.fromManagerId) ?? String(p.fromManagerId), new: users.get(p.toManagerId) ?? String(p.toManagerId) },
      { field: 'transferCustomers', old: null, new: listed },
      { field: 'transferCount', old: null, new: String(p.customerIds.length) },
      { field: 'effectiveOn', old: null, new: p.effectiveOn },
      { field: 'transferReason', old: null, new: p.reason },
    ];
  },
  pendingFields: () => ['primaryManager'],
  apply: (tx: Tx, checker: Actor, p: TransferPayload, request) => applyTransfer(tx, checker, p, request),
};
