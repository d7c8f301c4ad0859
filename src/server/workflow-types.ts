// Every workflow type the approval engine knows, registered once at start. A module that adds a
// type writes it beside its own service and adds one line here (docs/approvals.md).
import { registerWorkflowType } from '../modules/approvals/workflow-type.ts';
import { customerDeletion } from '../modules/customers/deletion/customer-deletion.workflow.ts';

registerWorkflowType(customerDeletion);
import { documentEntryReview } from '../modules/documents/transfer/entry-review.workflow.ts';
registerWorkflowType(documentEntryReview);
import { customerInformationReview } from '../modules/customers/information-review/information-review.workflow.ts';
registerWorkflowType(customerInformationReview);
import { customerScaleChange } from '../modules/customers/scale/scale.workflow.ts';
registerWorkflowType(customerScaleChange);
import { blacklistRemoval } from '../modules/customers/blacklist/blacklist-removal.workflow.ts';
registerWorkflowType(blacklistRemoval);
import { customerTransfer } from '../modules/managers/transfer/transfer.workflow.ts';
registerWorkflowType(customerTransfer);
import { customerMerge } from '../modules/customers/merge/merge.workflow.ts';
registerWorkflowType(customerMerge);
import { customerOpening } from '../modules/customers/opening/opening-review.workflow.ts';
registerWorkflowType(customerOpening);
import { performanceAllocation } from '../modules/managers/performance/allocation.workflow.ts';
registerWorkflowType(performanceAllocation);
