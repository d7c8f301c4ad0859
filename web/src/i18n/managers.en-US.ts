// Customer managers: transfer of primary rights (REL-22).
import type { managersZh } from './managers.zh-CN';

export const managersEn: typeof managersZh = {
  transfer: {
    action: 'Transfer primary rights',
    titleOne: 'Transfer primary rights: {{name}}',
    titleBook: 'Departing manager (transfer the whole book)',
    pageTitle: 'Transfers of primary rights',
    pageIntro: 'When a manager leaves or changes post, hand every customer he is the primary manager of to another manager at once: the request lists each customer as they stand when it is filed and is approved as one. Across institutions the transferring-out institution\'s head is consulted first; then the receiving institution\'s transfer approver approves and the branch\'s transfer confirmer confirms; the new manager is the primary from the effective date.',
    followUp: 'Follow it in Approvals → My requests',
    hintOne: 'The transfer takes effect only after approval and confirmation; until the effective date the current primary manager stays in charge.',
    hintBook: 'Every customer in your charge whose primary manager is the transferring manager goes into one request.',
    from: 'Transferring manager', fromDeparting: 'Departing or reassigned manager', to: 'Receiving manager',
    effectiveOn: 'Effective date', effectiveHint: 'The new manager is the primary from this day; the current relation ends the day before.',
    reason: 'Reason', required: 'Please fill this in', submit: 'Submit for approval',
    searchManager: 'Type a name or username', departed: 'left', customerCount: 'primary of {{count}}',
    submitted: 'Transfer request {{id}} submitted ({{count}} customers), waiting for approval',
  },
  responsibility: {
    title: 'Maintenance responsibility (one person, N customers)',
    rules: 'Proposed level by {{basis}}: deposits ≥ {{hoDeposit}} or loans ≥ {{hoLoan}} → head-office leader; deposits ≥ {{ohDeposit}} or loans ≥ {{ohLoan}} → outlet head; any loan or deposits ≥ {{cmDeposit}} → customer manager; otherwise a teller. Head office sets the thresholds.',
    basis: { balance: 'deposit balance', month_avg: 'deposit month average', quarter_avg: 'deposit quarter average', year_avg: 'deposit year average' },
    level: { head_office: 'Head-office leader', outlet_head: 'Outlet head', customer_manager: 'Customer manager', teller: 'Teller' },
    agreements: { match: 'Agrees', below: 'Too junior', above: 'More senior', unassigned: 'Nobody responsible' },
    customer: 'Customer', customerNo: 'Customer no.', institution: 'Institution', deposits: 'Deposits', loans: 'Loans',
    proposed: 'Proposed level', manager: 'Responsible person', actual: 'His level', agreement: 'Agreement', customers: 'Customers',
    export: 'Export to Excel', total: '{{count}} customers',
  },
  assignment: {
    pageTitle: 'Customers to assign (no manager, held by temporary staff, or their manager has left)', total: '{{count}} customers', assign: 'Assign selected ({{count}})',
    overdueOnly: 'Overdue only', overdue: 'Overdue', rule: 'A customer opened at the counter must have a customer manager within 3 working days (the bank\'s calendar); overdue ones are marked red.',
    customer: 'Customer', customerNo: 'Customer no.', reason: 'Why', since: 'Waiting since', dueOn: 'Due',
    reasons: { none: 'No manager', temporary_staff: 'Temporary staff', departed: 'Manager left: ' },
    title: 'Assign {{count}} customers', manager: 'Customer manager', role: 'Role', roles: { primary: 'Primary', assisting: 'Assisting', assistant: 'Assistant' },
    preview: '{{count}} customers will be assigned ({{unchanged}} already so), effective {{date}}', confirm: 'Assign', done: '{{count}} customers assigned',
  },
};
