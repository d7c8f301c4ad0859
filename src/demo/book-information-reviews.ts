// Customer information under review in the demo book (issue 13 item 3, CIF-40): the entry clerk
// of 市南支行 (sn_entry) keyed key-field changes of two companies of his sub-branch and marked the
// entries complete (a new name and capital; a registration type); they wait for 信息复核岗 (sn_review), the companies keep their old values until
// then. A third was returned to the clerk with the reviewer's reason.
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { decide } from '../modules/approvals/approval.service.ts';
import { customerInScope } from '../modules/customers/customer.queries.ts';
import { submitCustomerInformationForReview } from '../modules/customers/information-review/information-review.service.ts';
import '../server/workflow-types.ts';

export async function addBookInformationReviews(db: Database, actorOf: (username: string) => Promise<Actor>): Promise<number> {
  const [entry, review] = [await actorOf('sn_entry'), await actorOf('sn_review')];
  // Three companies of the clerk's sub-branch with nothing open under review (the deletions are new companies).
  const companies = await db.selectFrom('customer').innerJoin('corporate_customer', 'corporate_customer.customer_id', 'customer.id')
    .select(['customer.id', 'customer.name', 'customer.version', 'corporate_customer.registered_capital', 'corporate_customer.registration_type'])
    .where('customer.kind', '=', 'corporate').where('customer.status', '=', 'active').where(customerInScope(entry))
    .where(sql<boolean>`not exists (select 1 from approval_request r where r.subject_type = 'customer' and r.subject_id = customer.id::text and r.status in ('pending', 'returned'))`)
    .orderBy('customer.id').limit(3).execute();
  const ids: number[] = [];
  const [a, b, c] = companies;
  // The company renamed itself (营业执照变更): a new name and registered capital.
  if (a) ids.push((await submitCustomerInformationForReview(db, entry, a.id, { version: a.version, name: `${a.name.replace(/有限公司$/, '')}（集团）有限公司`.slice(0, 100), registeredCapital: '50000000.00' })).requestId);
  if (b) ids.push((await submitCustomerInformationForReview(db, entry, b.id, { version: b.version, registrationType: b.registration_type === '02' ? '01' : '02' })).requestId);
  if (c) {
    const id = (await submitCustomerInformationForReview(db, entry, c.id, { version: c.version, registeredCapital: Number(c.registered_capital) === 1000 ? '2000.00' : '1000.00' })).requestId;
    await decide(db, review, id, { decision: 'return', step: 1, reason: '注册资本与营业执照不符（执照为人民币一千万元），请核对后重新提交' });
    ids.push(id);
  }
  return ids.length;
}
