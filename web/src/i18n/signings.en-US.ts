// Signings (ACC-6), the closure check and customer channel limits (ACC-7).
import type { signingsZh } from './signings.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const signingsEn: Shape<typeof signingsZh> = {
  tab: 'Signings',
  intro: 'Every signing of the bank is registered once, with its own signing number; the same signing cannot be registered twice (the rule depends on the kind) until it is terminated.',
  kind: { third_party: 'Third party', collection_payment: 'Collection / payment', product_service: 'Product / service', transaction_behaviour: 'Transaction behaviour' },
  kindHint: {
    third_party: 'E.g. third-party custody with a securities firm; one active per product, account and partner',
    collection_payment: 'E.g. payroll, utility direct debit; one active per product, account, unit and payer number',
    product_service: 'E.g. SMS alerts, online banking; one active per customer and product, at customer level or per account',
    transaction_behaviour: 'E.g. standing transfer, fund auto-investment; one active per product, account and target account',
  },
  channel: { counter: 'Counter', atm: 'Self-service', online_banking: 'Online banking', mobile_banking: 'Mobile banking', phone_banking: 'Phone banking', counterparty: "Partner's channel" },
  status: { active: 'Active', terminated: 'Terminated' },
  filter: { active: 'Active', all: 'All', terminated: 'Terminated' },
  activeCount: 'Active', terminatedCount: 'Terminated',
  signingNo: 'Signing no.', kindLabel: 'Kind', product: 'Product', account: 'Account / card', customerLevel: 'Customer level',
  customerLevelHint: 'No account = a customer-level signing (e.g. corporate online banking)',
  counterparty: 'Partner', counterpartyCode: 'Partner code', counterpartyName: 'Partner name', counterpartyAccount: 'Target account / product code',
  counterpartyAccountHint: 'The payee account of a standing transfer, the fund or plan code, or the fund account at the broker',
  payerNo: 'Payer number', payerNoHint: "The customer's number at the unit, e.g. water account or staff number",
  channelLabel: 'Channel', signedOn: 'Signed on', institution: 'Institution', createdBy: 'Registered by',
  terminatedOn: 'Terminated on', terminationReason: 'Reason', maskedNote: 'Account numbers are masked',
  register: 'Register a signing', registered: 'Signing {{no}} registered',
  terminate: 'Terminate', terminateTitle: 'Terminate {{no}}', terminated: 'Signing {{no}} terminated',
  terminateHint: 'The signing stays on record and the termination is audited; it can be registered again afterwards.',
  productSearch: 'Product id or name',
  required: { kind: 'Choose the kind', product: 'Choose the product', account: 'Choose the account', channel: 'Choose the channel', signedOn: 'Choose the signing date', field: 'Required', reason: 'Give the reason' },
  closure: {
    button: 'Closure check', title: 'Closure check',
    decision: { allow: 'Can be closed', warn: 'Can be closed; tell the customer first', block: 'Cannot be closed' },
    decisionHint: {
      allow: 'The account has no active signing.',
      warn: 'These active signings end with the account; tell the customer.',
      block: 'These active signings must be terminated before the account can be closed.',
    },
    lastOpen: "This is the customer's last open account, so customer-level signings are checked too.",
    effectLabel: 'Effect', effect: { warn: 'Warn', block: 'Block' }, reasonLabel: 'Why',
    reason: { bound_to_account: 'Bound to this account', last_open_account: 'Customer level (last account)' },
  },
  limits: {
    tab: 'Limits',
    intro: 'Customer-level limits per channel, in yuan. Per transaction ≤ daily ≤ annual; an empty limit means none of the customer\'s own (the bank\'s channel limit applies). A change applies from its effective date, never retroactively, and the history is kept.',
    channel: { counter: 'Counter', atm: 'ATM', pos: 'POS', online_banking: 'Online banking', mobile_banking: 'Mobile banking', phone_banking: 'Phone banking', third_party_payment: 'Third-party payment' },
    channelLabel: 'Channel', perTransaction: 'Per transaction', dailyAmount: 'Daily amount', dailyCount: 'Daily count', annualAmount: 'Annual amount',
    effectiveFrom: 'Effective from', remark: 'Remark', setBy: 'Set by', setAt: 'Set at',
    notSet: 'Not set', scheduled: 'Scheduled', scheduledOn: 'from {{date}}',
    edit: 'Change', editTitle: 'Change the {{channel}} limits', saved: '{{channel}} limits saved',
    history: 'History', yuan: 'CNY',
    state: { current: 'In force', scheduled: 'Scheduled', superseded: 'Superseded' },
  },
};
