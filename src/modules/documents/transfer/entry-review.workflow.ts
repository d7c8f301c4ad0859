// "Document entry review" (资料录入复核): the centre's entry clerk keys the customer information
// from a flow's paper and marks the entry complete; the information-review clerk of the centre
// sees old → new field by field and approves or returns it. One request carries both the flow's
// step and the keyed customer change (CIF-40): check, basis, changes and apply delegate the
// customer part to the `customer.information` type, so the reviewer decides once and the last
// approval changes the customer (maker and checker in its field history) and completes the flow
// in the same transaction. Why one composed type rather than a linked customer.information
// request: docs/documents.md, "Review".
import { z } from 'zod';
import { bigRecordId } from '../../../common/id.ts';
import { invalid, notFound } from '../../../common/http/errors.ts';
import type { Executor, Tx } from '../../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import type { WorkflowType } from '../../approvals/workflow-type.ts';
import { customerInformationReview as information, informationPatch } from '../../customers/information-review/information-review.workflow.ts';
import { FLOW_ENTITY, completeFlow, flowState, markEntered } from './flow.service.ts';

// `patch` (the customer kind's update body with the version the clerk saw) is absent when the
// paper matched the customer and nothing was keyed; `customerId` is the flow's customer, named
// in the payload so that the customer's screen finds the open request (approvals' listOpenFor).
const payload = z.strictObject({
  flowId: bigRecordId,
  customerId: bigRecordId.optional(),
  patch: informationPatch.optional(),
}).refine((p) => !p.patch || p.customerId !== undefined, { path: ['customerId'], message: 'customerId required with patch' });
export type DocumentEntryReview = z.infer<typeof payload>;

const customerPart = (p: DocumentEntryReview) => (p.patch && p.customerId !== undefined ? { customerId: p.customerId, patch: p.patch } : null);

export const documentEntryReview: WorkflowType<DocumentEntryReview> = {
  code: 'document.entry_review',
  payload,
  // Moves the flow to review in the engine's submission transaction (the request and the flow's
  // state never disagree) and checks the keyed change in the clerk's scope: the flow's own
  // customer, active, something really changed. A resubmission finds the flow in review already.
  async check(tx: Tx, maker: Actor, p: DocumentEntryReview) {
    const f = await markEntered(tx, maker, p.flowId);
    const change = customerPart(p);
    if (p.customerId !== undefined && p.customerId !== Number(f.customer_id)) throw invalid({ path: 'customerId', code: 'documents.entry_other_customer' });
    if (change) await information.check(tx, maker, change);
    return { type: FLOW_ENTITY, id: p.flowId, label: `${f.flow_no} ${f.account_name}` };
  },
  // The flow's status and, for a keyed change, what each keyed field held: a field changed since
  // (another clerk, the feed) refuses the approval naming that field.
  async basis(tx: Tx, p: DocumentEntryReview) {
    const f = await flowState(tx, p.flowId);
    if (!f) throw notFound(FLOW_ENTITY);
    const change = customerPart(p);
    return { flowStatus: f.status, ...(change ? await information.basis!(tx, change) : {}) };
  },
  async changes(db: Executor, p: DocumentEntryReview) {
    const f = await flowState(db, p.flowId);
    const change = customerPart(p);
    return [...(change ? await information.changes!(db, change) : []), { field: 'flowStatus', old: f?.status ?? null, new: 'completed' }];
  },
  // ID numbers and phones keyed in full stay out of what readers of the request get.
  shownPayload: (p: DocumentEntryReview) => {
    const change = customerPart(p);
    return { flowId: p.flowId, ...(change ? information.shownPayload!(change) : {}) };
  },
  pendingFields: (p: DocumentEntryReview) => {
    const change = customerPart(p);
    return change ? information.pendingFields!(change) : [];
  },
  async apply(tx: Tx, checker: Actor, p: DocumentEntryReview, request) {
    const change = customerPart(p);
    const customer = change ? await information.apply(tx, checker, change, request) : null;
    const flowNo = await completeFlow(tx, checker, p.flowId, request);
    return { flowId: p.flowId, flowNo, status: 'completed', ...(customer ? { customerId: customer.customerId, changed: customer.changed } : {}) };
  },
};
