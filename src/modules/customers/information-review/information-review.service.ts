// The entry of customer information, and its submission for review. Shared by the customer edit
// route and (later) the document-transfer flow's "information entry" to-do, whose completion
// calls submitCustomerInformationForReview.
import type { Database } from '../../../db/database.ts';
import { notFound } from '../../../common/http/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { submitRequest } from '../../approvals/approval.service.ts';
import { loadCustomer } from '../customer.queries.ts';
import type { UpdateCustomer } from '../customer.schema.ts';
import { diffCustomer, updateCustomer } from '../customer.service.ts';
import { fieldsNeedingReview } from './review-policy.ts';
import { customerInformationReview } from './information-review.workflow.ts';

/**
 * "Customer information entry complete" (录入完成): the keyed change goes to 信息复核岗 whatever the
 * settings say. Answers the request (id, first step, due date). The customer is unchanged until
 * the last approval. `patch` is the customer kind's update body (with the version the clerk saw).
 */
export const submitCustomerInformationForReview = (db: Database, maker: Actor, customerId: number, patch: UpdateCustomer) =>
  submitRequest(db, maker, customerInformationReview, { customerId, patch });

/**
 * A change keyed on the customer screen: under review when any changed field needs it (the whole
 * entry then goes together, so the reviewer sees it as keyed), applied at once otherwise.
 */
export async function enterCustomerChange(db: Database, actor: Actor, customerId: number, patch: UpdateCustomer) {
  const current = await loadCustomer(db, actor, customerId);
  if (!current) throw notFound('customer');
  const { changes } = await diffCustomer(db, current, patch);
  const reviewed = changes.length ? await fieldsNeedingReview(db, current, changes.map((c) => c.field)) : [];
  if (!reviewed.length) return { review: false as const, result: await updateCustomer(db, actor, customerId, patch) };
  return { review: true as const, result: { ...(await submitCustomerInformationForReview(db, actor, customerId, patch)), reviewedFields: reviewed } };
}
