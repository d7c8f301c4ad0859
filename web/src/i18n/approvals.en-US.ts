// Approvals (my inbox, my requests, one request).
import type { approvalsZh } from './approvals.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const approvalsEn: Shape<typeof approvalsZh> = {
  title: 'Approvals', inbox: 'Awaiting me', mine: 'My requests',
  pending: 'Awaiting me', overdue: 'Overdue', returnedToMe: 'Returned to me',
  type: 'Type', subject: 'Subject', maker: 'Maker', makerInstitution: "Maker's institution", step: 'Step', stepOf: 'Step {{step}} of {{count}}',
  dueOn: 'Due', submittedAt: 'Submitted', updatedAt: 'Updated', statusLabel: 'Status', overdueTag: 'Overdue',
  types: { customer_delete: 'Customer deletion', document_entry_review: 'Document entry review', customer_information: 'Customer information review', customer_scale: 'Scale-attribute change', blacklist_remove: 'Blacklist removal', customer_transfer: 'Transfer of primary rights', customer_merge: 'Customer merge', customer_open: 'Customer opening', performance_allocation: 'Performance allocation' },
  status: { pending: 'Under review', approved: 'In force', returned: 'Returned', withdrawn: 'Withdrawn', rejected: 'Rejected' },
  decision: { submit: 'Submitted', approve: 'Approved', return: 'Returned', reject: 'Rejected', withdraw: 'Withdrawn' },
  acting: { own: "Maker's institution", parent: 'Parent institution', transferring_out: 'Transferring-out institution', receiving: 'Receiving institution' },
  fields: { status: 'Customer status', statusReason: 'Reason for deletion', flowStatus: 'Document flow status', name: 'Name', identities: 'ID documents', scale: 'Company size', scaleSuggested: 'Suggested by the classification', scaleReason: 'Reason', blacklistEntry: 'Blacklist entry (list · source · reason)', removedReason: 'Reason for removal', primaryManager: 'Primary manager', transferCustomers: 'Customers transferred', transferCount: 'Number of customers', effectiveOn: 'Effective date', transferReason: 'Reason for the transfer', performanceShares: 'Performance shares', allocationReason: 'Reason for the split', customerNo: 'Customer no.', institution: 'Institution', blacklisted: 'Blacklisted', openedOn: 'Opened on', mergeReason: 'Reason for the merge', merge: 'Customer merge', kind: 'Customer type' },
  yesNo: { true: 'Yes', false: 'No' },
  mergeSides: { title: 'The two records side by side (the merged record\'s number is retired; its data moves to the record that stays)', merged: 'Record merged', survivor: 'Record that stays (after the merge)' },
  customerStatus: { active: 'Active', deleted: 'Deleted', merged: 'Merged' },
  none: 'Nothing awaits your approval', noneMine: 'You have not submitted any request',
  detail: 'Request', drawerTitle: '{{type}}: {{subject}}', changes: 'Changes (old → new)', field: 'Field', oldValue: 'Old', newValue: 'New',
  steps: 'Steps', history: 'History', actingInstitution: 'Decided at', timeLimit: '{{days}} working days', round: 'Submission {{round}}',
  approve: 'Approve', return: 'Return', reject: 'Reject', withdraw: 'Withdraw', resubmit: 'Resubmit', reason: 'Comment / reason',
  reasonRequired: 'Give a reason when returning or rejecting', approveTitle: 'Approve (step {{step}})', returnTitle: 'Return to the maker', rejectTitle: 'Reject the request',
  lastStepHint: 'This is the last step: on approval the request takes effect at once.', withdrawConfirm: 'Withdraw this request? It ends here.', resubmitConfirm: 'Submit it again as it stands?',
  approved: 'Approved', returned: 'Returned to the maker', rejected: 'Rejected', withdrawn: 'Withdrawn', resubmitted: 'Submitted again',
  batchApprove: 'Approve selected ({{count}})', batchConfirm: 'Approve the {{count}} selected requests one by one? Each is checked and audited on its own.',
  batchDone: 'Batch: {{approved}} approved, {{refused}} refused', batchRefused: 'These requests could not be approved', requestNo: 'Request no.',
  openSubject: 'Open', underReview: 'A request is under review: {{type}} ({{status}}, step {{step}} of {{count}})', view: 'View',
  pendingFields: 'Under review: {{fields}} (the old values stay in force until approved)',
  reviewSettings: {
    title: 'Customer information review',
    intro: 'Which customer information changes take effect only after the information reviewer approves them. Key customers are all corporate customers and persons with credit business (a credit relationship or a loan not yet closed). Changes from the core-banking feed are never reviewed. At opening, key customers are corporate customers (a person has no credit business yet). Blacklist removal and merge have no key-customer distinction and are reviewed by default.',
    keyFields: 'Key fields', identityDocuments: 'ID documents', personal: 'Personal: ', corporate: 'Corporate: ',
    blacklistRemoval: 'Blacklist removal',
    opening: 'Opening', openingHint: 'An opening under review goes to the information reviewer; the customer is opened and numbered only when it is approved, and until then is listed above the customer list as "Opening under review". By default corporate openings are reviewed and personal counter openings are not.',
    merge: 'Customer merge', mergeHint: 'When reviewed, a merge takes place only after the information reviewer and the institution head approve it; until then both records stay as they are.',
    onOff: { on: 'Reviewed', off: 'Not reviewed' },
    scope: { off: 'Not reviewed', key_customers: 'Reviewed for key customers', all_customers: 'Reviewed for all customers' },
    confirmTitle: 'Save the review settings?', confirm: 'They apply bank-wide to entries submitted from now on; the change is audited.',
  },
  delegations: {
    title: 'Delegations', intro: 'Hand your approval steps to a colleague while you are away: within the period the delegate may act on your pending steps; he still may not check his own requests, nor act at two steps of one request.',
    add: 'New delegation', delegate: 'Delegate (username)', delegator: 'Delegator', period: 'Period', reason: 'Reason', status: 'Status', direction: 'Direction',
    given: 'Given by me', received: 'Given to me', cancel: 'Cancel', cancelConfirm: 'Cancel this delegation?', created: 'Delegation set', cancelled: 'Delegation cancelled',
    statuses: { active: 'Active', scheduled: 'Scheduled', ended: 'Ended', cancelled: 'Cancelled' },
    onBehalfOf: '(for {{name}})',
  },
};
