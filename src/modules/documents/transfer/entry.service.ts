// "Customer information entry complete" (客户信息录入完毕) for a received flow: the centre's clerk
// sends the fields he keyed from the paper to review. A first entry opens the flow's
// document.entry_review request; after the reviewer returned it, the same clerk's corrected entry
// resubmits that request (a new round), so the flow has one request and the reviewer one decision.
import type { Database } from '../../../db/database.ts';
import { notFound } from '../../../common/http/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { resubmit, submitRequest } from '../../approvals/approval.service.ts';
import { documentEntryReview } from './entry-review.workflow.ts';
import { FLOW_ENTITY } from './flow.service.ts';
import { flowVisibleTo } from './flow.queries.ts';

export async function submitEntry(db: Database, actor: Actor, flowId: number, patch?: Record<string, unknown>) {
  // Read in the clerk's scope: another centre's flow answers as not found.
  const f = await db.selectFrom('document_flow as f').select(['f.customer_id']).where('f.id', '=', flowId).where(flowVisibleTo(actor)).executeTakeFirst();
  if (!f) throw notFound(FLOW_ENTITY);
  const payload = { flowId, ...(patch ? { customerId: Number(f.customer_id), patch } : {}) };
  const returned = await db.selectFrom('approval_request').select(['id', 'maker_id']).where('workflow_type', '=', documentEntryReview.code)
    .where('subject_type', '=', FLOW_ENTITY).where('subject_id', '=', String(flowId)).where('status', '=', 'returned').executeTakeFirst();
  // Someone else's returned entry is his to correct; resubmit refuses another clerk (approvals.not_maker).
  if (returned) return resubmit(db, actor, returned.id, payload);
  return submitRequest(db, actor, documentEntryReview, payload);
}
