// Performance allocation (业绩分配, PERF-1) as the approval type 'performance.allocation': 业绩分配岗
// splits a customer's performance among managers by percentage, summing to exactly 100, from a
// date; the head of the customer's institution approves; a split across institutions (the managers
// homed in more than one) goes to the branch administrator as well (a step planned only then,
// migration 0050). The approval ends the shares in force on the effective date and begins the new.
import { sql } from 'kysely';
import type { Executor, Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { invalid, notFound } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import type { WorkflowType } from '../../approvals/workflow-type.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { allocationPayload, basisPoints, type AllocationPayload } from './allocation.schema.ts';

export const ALLOCATION_TYPE = 'performance.allocation';

/** The customer's shares in force on or after `from` (what an approval would end): the request's basis. */
async function sharesFrom(db: Executor, customerId: number, from: string) {
  return db.selectFrom('performance_allocation').select(['id', 'user_id', 'share', 'since', 'ends_on'])
    .where('customer_id', '=', customerId).where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', from)])).orderBy('id').execute();
}
const basisOf = (rows: Awaited<ReturnType<typeof sharesFrom>>) => ({ shares: rows.map((r) => `${r.id}:${r.user_id}:${r.share}:${r.since}:${r.ends_on ?? 'open'}`).join(',') });

export const performanceAllocation: WorkflowType<AllocationPayload> = {
  code: ALLOCATION_TYPE,
  payload: allocationPayload,
  parties: ['customer'],
  conditions: ['cross_institution'],
  async check(tx: Tx, maker: Actor, p: AllocationPayload) {
    const c = await tx.selectFrom('customer').select(['id', 'name', 'customer_no', 'status', 'institution_id'])
      .where('id', '=', p.customerId).where(customerInScope(maker)).forUpdate().executeTakeFirst();
    if (!c) throw notFound('customer');
    if (c.status !== 'active') throw invalid({ path: 'customerId', code: 'customers.not_active' });
    const ids = p.shares.map((s) => s.managerId);
    if (new Set(ids).size !== ids.length) throw invalid({ path: 'shares', code: 'performance.manager_twice' });
    p.shares.forEach((s, i) => { if (basisPoints(s.share) <= 0 || basisPoints(s.share) > 10_000) throw invalid({ path: `shares.${i}.share`, code: 'performance.share_format' }); });
    const total = p.shares.reduce((n, s) => n + basisPoints(s.share), 0);
    if (total !== 10_000) throw invalid({ path: 'shares', code: 'performance.sum_not_100', params: { sum: (total / 100).toFixed(2) } });
    const today = businessToday();
    if (p.effectiveOn < today) throw invalid({ path: 'effectiveOn', code: 'performance.effective_past', params: { today } });
    const latest = new Date(Date.parse(`${today}T00:00:00Z`) + 366 * 86_400_000).toISOString().slice(0, 10);
    if (p.effectiveOn > latest) throw invalid({ path: 'effectiveOn', code: 'performance.effective_too_far', params: { latest } });
    // Performance goes to people of the bank, managers or not (tellers earn it too), active ones.
    const people = await tx.selectFrom('app_user').select(['id', 'display_name', 'home_institution_id'])
      .where('id', 'in', ids).where('kind', '=', 'person').where('status', '=', 'active').execute();
    const unknown = ids.filter((id) => !people.some((u) => u.id === id));
    if (unknown.length) throw invalid({ path: 'shares', code: 'performance.person_inactive', params: { ids: unknown.join(', ') } });
    const homes = new Set(people.map((u) => u.home_institution_id));
    return {
      type: 'customer', id: c.id, label: `${c.name}（${c.customer_no}）${people.map((u) => `${u.display_name} ${p.shares.find((s) => s.managerId === u.id)!.share}%`).join('、')}`,
      basis: basisOf(await sharesFrom(tx, c.id, p.effectiveOn)),
      parties: { customer: c.institution_id },
      conditions: homes.size > 1 ? ['cross_institution'] : [],
    };
  },
  async basis(tx: Tx, p: AllocationPayload) {
    await tx.selectFrom('customer').select('id').where('id', '=', p.customerId).forUpdate().execute();
    return basisOf(await sharesFrom(tx, p.customerId, p.effectiveOn));
  },
  async changes(db: Executor, p: AllocationPayload) {
    const names = new Map((await db.selectFrom('app_user').select(['id', 'display_name']).where('id', 'in', p.shares.map((s) => s.managerId)).execute()).map((u) => [u.id, u.display_name]));
    const current = await sql<{ name: string; share: string }>`select u.display_name as name, a.share::text as share from performance_allocation a join app_user u on u.id = a.user_id
      where a.customer_id = ${p.customerId} and a.since <= ${p.effectiveOn}::date and (a.ends_on is null or a.ends_on > ${p.effectiveOn}::date) order by a.share desc`.execute(db);
    const show = (xs: { name: string; share: string }[]) => xs.map((x) => `${x.name} ${x.share}%`).join('、');
    return [
      { field: 'performanceShares', old: current.rows.length ? show(current.rows) : null, new: show(p.shares.map((s) => ({ name: names.get(s.managerId) ?? String(s.managerId), share: s.share }))) },
      { field: 'effectiveOn', old: null, new: p.effectiveOn },
      { field: 'allocationReason', old: null, new: p.reason },
    ];
  },
  pendingFields: () => ['performanceShares'],
  async apply(tx: Tx, checker: Actor, p: AllocationPayload, request) {
    const d = p.effectiveOn;
    // Shares beginning on or after the date are withdrawn (an empty period); those running, end the day before it.
    await sql`update performance_allocation set ends_on = case when since >= ${d}::date then since else ${d}::date end
      where customer_id = ${p.customerId} and (ends_on is null or ends_on > ${d}::date)`.execute(tx);
    await tx.insertInto('performance_allocation').values(p.shares.map((s) => ({
      customer_id: p.customerId, user_id: s.managerId, share: s.share, since: d, approval_request_id: request.id,
    }))).execute();
    await writeAudit(tx, checker, { action: 'performance.allocate', entityType: 'customer', entityId: p.customerId,
      after: { effectiveOn: d, shares: p.shares, approvalRequestId: request.id, makerId: request.makerId } });
    return { customerId: p.customerId, effectiveOn: d, shares: p.shares.length };
  },
};
