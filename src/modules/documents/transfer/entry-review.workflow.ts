// "Document entry review" (资料录入复核): the centre's entry clerk submits the information keyed
// from a flow's documents; the information-review clerk of the centre approves it, and the flow
// is completed. Its own approval type, so document transfer works on its own; when the customer
// information maker-checker type (CIF-40) lands, the keyed changes ride on that type and this one
// keeps only the flow's own step (the seam is `markEntered` / `completeFlow`).
import { z } from 'zod';
import { bigRecordId } from '../../../common/id.ts';
import { notFound } from '../../../common/http/errors.ts';
import type { Executor, Tx } from '../../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import type { WorkflowType } from '../../approvals/workflow-type.ts';
import { FLOW_ENTITY, completeFlow, flowState, markEntered } from './flow.service.ts';

const payload = z.strictObject({ flowId: bigRecordId });
export type DocumentEntryReview = z.infer<typeof payload>;

export const documentEntryReview: WorkflowType<DocumentEntryReview> = {
  code: 'document.entry_review',
  payload,
  // Moves the flow to review in the engine's submission transaction: the request and the flow's
  // state can never disagree. A resubmission after a return finds it in review already.
  async check(tx: Tx, maker: Actor, p: DocumentEntryReview) {
    const f = await markEntered(tx, maker, p.flowId);
    return { type: FLOW_ENTITY, id: p.flowId, label: `${f.flow_no} ${f.account_name}` };
  },
  async basis(tx: Tx, p: DocumentEntryReview) {
    const f = await flowState(tx, p.flowId);
    if (!f) throw notFound(FLOW_ENTITY);
    return { status: f.status };
  },
  async changes(db: Executor, p: DocumentEntryReview) {
    const f = await flowState(db, p.flowId);
    return [{ field: 'flowStatus', old: f?.status ?? null, new: 'completed' }];
  },
  async apply(tx: Tx, checker: Actor, p: DocumentEntryReview, request) {
    const flowNo = await completeFlow(tx, checker, p.flowId, request);
    return { flowId: p.flowId, flowNo, status: 'completed' };
  },
};
