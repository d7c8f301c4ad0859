// Daily feed (ACC-5): the core-banking feed's history, rejected rows and loading from the inbox.
import type { feedsZh } from './feeds.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const feedsEn: Shape<typeof feedsZh> = {
  title: 'Daily feed runs',
  intro: 'The core system delivers one folder of files per business date, loaded whole or not at all: a day with any rejected row is not loaded — fix the file and load it again.',
  businessDate: 'Business date', trigger: 'Trigger', startedBy: 'Started by', startedAt: 'Started', finishedAt: 'Finished',
  statusLabel: 'Status', counts: 'Records loaded', notApplied: 'Read, not applied', rejectedTotal: 'Rejected rows', error: 'Error',
  triggers: { cli: 'Command line', inbox: 'Inbox (scheduled)', screen: 'This screen' },
  status: { loaded: 'Loaded', rejected: 'Rejected', failed: 'Failed', running: 'Running' },
  count: {
    customersOpened: 'Customers opened', customersUpdated: 'Customers updated', accountsOpened: 'Accounts opened', accountsUpdated: 'Accounts updated',
    balances: 'Balances', transactions: 'Transactions',
  },
  scheduler: 'Scheduler',
  rejected: {
    title: 'Rejected rows', file: 'File', line: 'Line', field: 'Field', reason: 'Reason', csv: 'Download CSV',
    shown: '{{total}} rows rejected; the first {{shown}} are listed',
  },
  load: {
    title: 'Load from the inbox', date: 'Business date', button: 'Load', hint: "Loads the date's folder (YYYYMMDD) in the inbox; loading a date again replaces that day.",
    pickDate: 'Choose a business date', result: 'Result for {{date}}',
  },
};
