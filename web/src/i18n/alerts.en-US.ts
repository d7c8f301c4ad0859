// Account alerts on the workbench (ACC-4): maturity warnings and large-amount changes.
import type { alertsZh } from './alerts.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const alertsEn: Shape<typeof alertsZh> = {
  title: 'Account alerts',
  hint: "Raised by the daily feed: deposits and loans about to mature, and large changes of an account's end-of-day balance.",
  maturity: 'Maturing',
  largeChange: 'Large changes',
  customer: 'Customer',
  account: 'Account',
  product: 'Product',
  balance: 'Balance',
  maturityOn: 'Matures on',
  daysLeft: '{{days}} d left',
  dueToday: 'today',
  window: 'Window',
  windowDays: '{{days}} days',
  businessDate: 'Business date',
  previousBalance: 'Previous balance',
  change: 'Change',
  markDone: 'Handled',
  doneConfirm: 'Mark this alert as followed up?',
  done: 'Alert marked as handled',
  none: 'No alerts to follow up',
};
