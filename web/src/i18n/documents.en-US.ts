import type { documentsZh } from './documents.zh-CN';

export const documentsEn: typeof documentsZh = {
  documents: {
    flowsTitle: 'Document transfer', todosTitle: 'Receipt and entry', newFlow: 'New flow', editFlow: 'Edit flow {{flowNo}}',
    flowNo: 'Flow no.', flowNoHint: 'Generated: year (4) + branch no. (2) + sequence (4)', status: 'Status', accountNo: 'Account no.', accountName: 'Account name', lookup: 'Look up',
    accountNoRequired: 'Enter the account number', lookupFirst: 'Enter the account number and look up its name first',
    institution: 'Sent by', centre: 'Processing centre', createdBy: 'Clerk', createdAt: 'Opened', submittedAt: 'Submitted', receivedAt: 'Received', completedAt: 'Completed',
    certKind: 'Certificate', certNo: 'Certificate no.', pages: 'Pages', copies: 'Copies', addCertificate: 'Add certificate', removeRow: 'Remove',
    totals: 'Total: {{copies}} copies, {{pages}} pages', totalCopies: 'Copies', totalPages: 'Pages (pages × copies)',
    side: { all: 'All', sent: 'Sent by us', centre: 'Received at our centre' },
    statusLabel: {
      draft: 'Draft', submitted: 'Submitted', received: 'Received', in_review: 'In review', completed: 'Completed', cancelled: 'Cancelled',
    },
    save: 'Save draft', saved: 'Flow {{flowNo}} saved', submit: 'Submit', submitConfirm: 'Submit? The processing centre will get a document-receipt to-do.', submitted: 'Submitted; the centre has its to-do',
    cancel: 'Cancel flow', cancelConfirm: 'Cancel this draft? Its number is not reused.', cancelled: 'Cancelled',
    accept: 'Receive documents', acceptConfirm: 'Have you received the paper listed?', accepted: 'Received; an information-entry to-do was raised',
    enter: 'Customer information entry complete', enterConfirm: 'Is the customer information keyed completely? It goes to review.', entered: 'Sent to review',
    wrongStatusForEntry: 'The flow is {{status}}: nothing to key', keyInformation: 'Key customer information', entryTitle: 'Information entry: flow {{flowNo}}, {{name}} ({{customerNo}})',
    enterFields: '{{fields}} as keyed go to the information reviewer; the customer keeps his current values until approved.', enterNoChange: 'The paper matches the customer: nothing changed; only the flow goes to review.',
    enteredRequest: 'Sent to review (request {{requestId}}); it takes effect when approved', enterHint: 'Key or correct the customer information from the paper; it takes effect when reviewed.',
    review: 'Review', openReview: 'Open the review', position: 'Storage position', items: 'Certificates', detail: 'Flow',
    receipts: 'Receive documents', entries: 'Key information', noTodos: 'Nothing to do', todo: 'To-do', dueOn: 'Due', open: 'Open',
  },
  archive: {
    cabinetsTitle: 'Archive cabinets', positionsTitle: 'Storage positions', loansTitle: 'Check-out register',
    code: 'Code', name: 'Name', institution: 'Institution', cellCount: 'Cells', copiesPerCell: 'Files per cell', capacity: 'Capacity', used: 'Used', free: 'Free',
    newCabinet: 'New cabinet', created: 'Cabinet added', codeHint: '1–10 letters, digits or hyphens', required: 'Required',
    file: 'File', fileTitle: 'File into {{code}}: numbered by customer no. → branch → account no.', filed: '{{count}} files filed', nothingToFile: 'No flows waiting to be filed', pickFlows: 'Pick the flows to file',
    customerNo: 'Customer no.', positionNo: 'Position', cabinet: 'Cabinet', cell: 'Cell', slot: 'Slot', filedAt: 'Filed', flowNo: 'Flow no.', accountNo: 'Account no.', accountName: 'Account name',
    inStock: 'In the cabinet', out: 'Out: {{borrower}}, due {{dueOn}}',
    checkOut: 'Check out', checkOutTitle: 'Check out {{positionNo}}', borrower: 'Borrower', purpose: 'Purpose', workingDays: 'Lent for (working days)', checkedOut: 'Checked out; due {{dueOn}}',
    checkIn: 'Check in', checkInConfirm: 'Is the file back in the cabinet?', checkedIn: 'Return registered', checkedInLate: 'Return registered (late)',
    checkedOutOn: 'Out on', dueOnCol: 'Due', returnedOn: 'Returned', lentBy: 'Lent by', overdueTag: 'Overdue', asOf: 'As of',
    state: { open: 'Out', overdue: 'Overdue', returned: 'Returned', all: 'All' },
  },
};
