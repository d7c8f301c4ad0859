// The customer view's accounts tab (ACC-2, ACC-3): accounts, loan contracts, daily averages and the balance trend; search by account number.
import type { accountsZh } from './accounts.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const accountsEn: Shape<typeof accountsZh> = {
  tab: 'Accounts',
  searchPlaceholder: 'Customer no. / name / pinyin initials / ID no. / credit code / mobile / account or card no.',
  accountsTitle: 'Accounts',
  contractsTitle: 'Loan contracts',
  accountNo: 'Account no.', product: 'Product', kindLabel: 'Type', currency: 'Currency', balance: 'Balance', balanceOn: 'End-of-day balance of {{date}}', rate: 'Rate (%)',
  openedOn: 'Opened', maturityOn: 'Maturity', status: 'Status', actions: 'Actions',
  maskedHint: 'Masked; staff with "view sensitive data" see the full number, and each such view is audited',
  daysLeft: '{{days}} d left', dueToday: 'Due today', overdue: 'Overdue {{days}} d',
  contractNo: 'Contract no.', contractAmount: 'Contract amount', term: 'Term', termMonths: '{{months}} mo.', guaranteeType: 'Guarantee',
  kind: { deposit_demand: 'Demand deposit', deposit_time: 'Time deposit', loan: 'Loan', wealth: 'Wealth product', card: 'Card' },
  category: { deposit: 'Deposits', loan: 'Loans', wealth: 'Wealth', card: 'Cards' },
  accountStatus: { active: 'Active', dormant: 'Dormant', closed: 'Closed', frozen: 'Frozen' },
  guarantee: { credit: 'Unsecured', guarantee: 'Guarantee', mortgage: 'Mortgage', pledge: 'Pledge' },
  noAccounts: 'No accounts',
  noContracts: 'No loan contracts',
  averages: {
    title: 'Daily averages', asOf: 'As of {{date}}', month: 'Month to date', quarter: 'Quarter to date', year: 'Year to date',
    partial: 'Partial', partialHint: 'The period began before the CRM\'s first core-banking data and no opening position was loaded: the days before count at zero, so the average is understated.',
    none: 'No balances loaded yet, so no daily averages',
    rule: 'Calendar days; a day without a balance record carries the previous one; days before opening or after closing do not count. Deposits are demand and time deposits together; categories and currencies are never added together.',
  },
  trend: {
    title: 'Balance trend', range: 'Dates', maxDays: 'At most 366 days; none chosen: the 90 days up to the latest loaded day (from the first opening for a newer customer)',
    empty: 'No balances loaded yet', series: '{{category}} ({{currency}})',
  },
};
