// Product catalogue (ACC-1).
import type { productsZh } from './products.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const productsEn: Shape<typeof productsZh> = {
  title: 'Product catalogue',
  intro: 'Head office\'s product managers keep the bank\'s catalogue. A rate change applies from its effective date; past rates are kept as they were, so deposits and loans priced at them are unaffected.',
  search: 'Product no. or name', add: 'New product', edit: 'Edit', retire: 'Retire', reactivate: 'Reactivate',
  id: 'Product no.', idHint: '10 digits', nameZh: 'Chinese name', nameEn: 'English name', category: { label: 'Category',
    deposit: 'Deposit', loan: 'Loan', wealth: 'Wealth', card: 'Card', e_banking: 'E-banking', settlement: 'Settlement', intermediary: 'Intermediary' },
  subType: 'Sub-type', currency: 'Currency', currentRate: 'Rate today (%)', noRate: 'No interest',
  status: { label: 'Status', active: 'On sale', retired: 'Retired', all: 'All' },
  firstRate: 'First rate setting', firstRateHint: 'For interest-bearing products; leave empty for cards, e-banking and the like',
  withRate: 'Set a rate',
  rateType: { label: 'Rate type', fixed: 'Fixed', floating: 'Floating' },
  baseRate: 'Base annual rate (%)', floatMin: 'Floor (%)', floatMax: 'Ceiling (%)', effectiveFrom: 'Effective from',
  rateFormat: 'Annual rate in %, 0–100, at most 4 decimals', required: 'Required',
  history: 'Rate history', noHistory: 'No rate set yet', inForce: 'In force', future: 'Upcoming',
  addRate: 'Change the rate', addRateHint: 'The effective date must come after the latest setting\'s; past settings cannot be changed.',
  confirmRate: 'Change the rate?', confirmRateBody: '{{name}} at {{rate}}% from {{date}}. The change is recorded in the audit log and cannot be edited afterwards.',
  rateAdded: 'Rate changed', created: 'Product {{id}} added', updated: 'Saved',
  confirmRetire: 'Retire {{name}}?', confirmRetireBody: 'It leaves the products on sale; accounts already opened are unaffected. It can be reactivated.',
  retired: 'Product retired', reactivated: 'Product reactivated', updatedAt: 'Last changed',
  readOnly: 'You can view the catalogue; adding products, changing rates and retiring need the product management permission.',
};
