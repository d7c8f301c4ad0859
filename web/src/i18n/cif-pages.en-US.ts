// Customer list pages (blacklist, likely duplicates, batch industry attributes, to-dos) in English.
import type { Messages } from './zh-CN';

type Pages = Pick<Messages, 'blacklistPage' | 'duplicates' | 'industryImport' | 'todos'>;

export const cifPagesEn: Pages = {
  blacklistPage: {
    title: 'Blacklist', search: 'Customer no. / name / full ID no. or credit code', allLists: 'All lists',
    listedFrom: 'Listed from', listedTo: 'Listed to',
  },
  duplicates: {
    title: 'Likely duplicates', allReasons: 'All reasons', reasonLabel: 'Why',
    reason: { name_birth: 'Same name and birth date', mobile: 'Same mobile' },
    intro: 'Pairs flagged when a customer was opened; only pairs with both records in your data scope are listed.',
    customer: 'Customer', other: 'Likely duplicate', flaggedAt: 'Flagged at', born: 'born', birthDate: 'Date of birth', createdAt: 'Record created', blacklisted: 'Blacklist', none: 'No likely duplicates to review',
    merge: 'Merge', dismiss: 'Different customers',
    mergeTitle: 'Merge customers', survivor: 'Record that stays (its number, data and primary manager are kept)',
    mergeWarning: "The other record's documents, addresses, certificates, blacklist entries, risk assessments, managers and to-dos move to the record that stays; its number is retired for good. A merge cannot be undone.",
    mergeSubmitted: 'The merge was submitted for approval (request {{requestId}}); both records stay as they are until it is approved', underReview: 'Merge under review',
    mergeReviewHint: 'Where the customer information review setting requires it, the merge takes place only after the information reviewer and the institution head approve it.',
    merged: 'Merged into customer {{customerNo}}', dismissTitle: 'Confirm these are different customers', dismissed: 'Marked as different customers',
  },
  industryImport: {
    title: 'Batch industry attributes',
    intro: 'Fill in the template (customer number, four-digit industry class, industrial zone, specialised market); "Preview" shows each customer\'s current and new values; then "Submit". If any row has an error, nothing changes.',
    choose: 'Choose file (.xlsx / .csv / .txt)', preview: 'Preview (draft)', submit: 'Submit',
    previewed: 'Preview: {{count}} rows; {{changed}} customers will change. Submit when it is right',
    truncated: 'The first {{shown}} rows are listed', submitted: 'Submitted: {{count}} rows; {{changed}} customers updated',
    industry: 'Industry', zone: 'Industrial zone', market: 'Specialised market', changed: 'Changes', same: 'No change',
  },
  todos: {
    title: 'To-dos', open: 'Open', overdue: 'Overdue', dueToday: 'Due today', statusOpen: 'Open', statusDone: 'Done',
    titleCol: 'Item', dueOn: 'Due', createdAt: 'Raised at', doneAt: 'Done at', doneBy: 'Done by', overdueTag: 'Overdue',
    markDone: 'Done', doneConfirm: 'Mark this item as done?', done: 'Marked as done', none: 'Nothing to do', all: 'All to-dos',
  },
};
