// Requests under review in the demo book, made through the engine as people would (issue 13):
// the entry clerk of 市南支行 opened three companies by mistake and asked to delete them. One
// waits for the review clerk (sn_review), one for the sub-branch head (sn_head), one was returned
// to the clerk (sn_entry) with the reviewer's reason.
import type { Database } from '../db/database.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { decide, submitRequest } from '../modules/approvals/approval.service.ts';
import { createDelegation } from '../modules/approvals/delegation.service.ts';
import { addDays } from '../modules/calendar/working-days.ts';
import { businessToday } from '../common/business-date.ts';
import { createCustomer } from '../modules/customers/customer.service.ts';
import { customerDeletion } from '../modules/customers/deletion/customer-deletion.workflow.ts';
import { residentIdCheckDigit } from '../common/validators/resident-id.ts';
import { customerMerge } from '../modules/customers/merge/merge.workflow.ts';
import { submitCustomerOpening } from '../modules/customers/opening/opening-review.workflow.ts';
import '../server/workflow-types.ts';

const MISTAKES = [
  { name: '青岛海岸线贸易有限公司（重复录入）', reason: '重复录入：该企业已有客户号，本条为柜面误开' },
  { name: '青岛东方明珠餐饮管理有限公司（测试）', reason: '培训时误用生产环境录入的测试客户' },
  { name: '青岛鑫源达物流有限公司（录入错误）', reason: '企业名称录入错误，已按正确名称重新开户' },
] as const;

export async function addBookApprovals(db: Database, actorOf: (username: string) => Promise<Actor>): Promise<number> {
  const [entry, review] = [await actorOf('sn_entry'), await actorOf('sn_review')];
  // A mailbox for the review clerk, so the notification delivery log has rows on first start
  // (reserved .invalid domain: on the embedded demo no SMTP server is configured, and the log says so).
  await db.updateTable('app_user').set({ email: 'sn_review@demo-bank.invalid' }).where('username', '=', 'sn_review').execute();
  const ids: number[] = [];
  for (const m of MISTAKES) {
    const c = await createCustomer(db, entry, { kind: 'corporate', name: m.name });
    ids.push((await submitRequest(db, entry, customerDeletion, { customerId: c.id, reason: m.reason })).requestId);
  }
  await decide(db, review, ids[1]!, { decision: 'approve', step: 1, reason: '核实为重复客户，同意删除' });
  await decide(db, review, ids[2]!, { decision: 'return', step: 1, reason: '请附上正确名称客户的客户号，以便核对' });
  // 代理审批: the sub-branch head is away at training; the counter clerk acts on his steps this week.
  await createDelegation(db, await actorOf('sn_head'), { delegateUsername: 'sn_teller', startsOn: businessToday(), endsOn: addDays(businessToday(), 5), reason: '外出参加总行培训' });
  return ids.length;
}

/**
 * A merge under review (customers.information_review.merge, on by default): a woman came to the
 * counter of 市南支行 twice and was opened twice, the second time with a mistyped ID number; the
 * system flagged the pair (same name and birth date). The review clerk (sn_review) asked to merge them; the request waits for the branch's
 * review clerk (qd_review, step 1), then the sub-branch head.
 */
export async function addBookMergeReview(db: Database, actorOf: (username: string) => Promise<Actor>): Promise<number> {
  const [entry, review] = [await actorOf('sn_entry'), await actorOf('sn_review')];
  const id = (seq: string) => { const body = `37020219760315${seq}`; return body + residentIdCheckDigit(body); };
  const first = await createCustomer(db, entry, { kind: 'personal', name: '鲍秀英', identities: [{ idType: '10', idNumber: id('128') }] });
  const second = await createCustomer(db, entry, { kind: 'personal', name: '鲍秀英', identities: [{ idType: '10', idNumber: id('148') }] });
  await submitRequest(db, review, customerMerge, { survivorId: first.id, mergedId: second.id, reason: '同一客户重复开户：第二次开户时证件号录入错误，客户本人到柜面确认' });
  return 1;
}

/**
 * An opening under review (customers.information_review.opening: corporate openings by default):
 * the branch's entry clerk (qd_entry) keyed a new company from its papers; it is not a customer
 * until the branch's review clerk (qd_review) approves it, and the customer list shows it as
 * 开户审核中 meanwhile.
 */
export async function addBookOpeningReview(db: Database, actorOf: (username: string) => Promise<Actor>): Promise<number> {
  await submitCustomerOpening(db, await actorOf('qd_entry'), { kind: 'corporate', name: '青岛蓝湾海洋科技有限公司' });
  return 1;
}
