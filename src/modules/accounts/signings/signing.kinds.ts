// The four kinds of signing (ACC-6), the channels a signing is made through and what each kind
// records. Plain data without zod, so the web app's register form reads the same rules.
export const SIGNING_KINDS = ['third_party', 'collection_payment', 'product_service', 'transaction_behaviour'] as const;
export type SigningKind = (typeof SIGNING_KINDS)[number];

/** Where a signing was made; 'counterparty' = initiated by the partner (a broker's or utility's own channel). */
export const SIGNING_CHANNELS = ['counter', 'atm', 'online_banking', 'mobile_banking', 'phone_banking', 'counterparty'] as const;
export type SigningChannel = (typeof SIGNING_CHANNELS)[number];

export type SigningField = 'accountId' | 'counterpartyCode' | 'counterpartyName' | 'counterpartyAccount' | 'payerNo';
export type FieldRule = 'required' | 'optional' | 'none';

/**
 * What each kind records (docs/signings.md). 'none' fields are refused rather than silently
 * dropped, so a form sending the wrong kind's fields is told so. The migration's check
 * constraints hold the 'required' and 'none' rules too.
 */
export const SIGNING_FIELDS: Record<SigningKind, Record<SigningField, FieldRule>> = {
  third_party: { accountId: 'required', counterpartyCode: 'required', counterpartyName: 'required', counterpartyAccount: 'optional', payerNo: 'none' },
  collection_payment: { accountId: 'required', counterpartyCode: 'required', counterpartyName: 'required', counterpartyAccount: 'optional', payerNo: 'optional' },
  product_service: { accountId: 'optional', counterpartyCode: 'none', counterpartyName: 'none', counterpartyAccount: 'none', payerNo: 'none' },
  transaction_behaviour: { accountId: 'required', counterpartyCode: 'optional', counterpartyName: 'optional', counterpartyAccount: 'required', payerNo: 'none' },
};

export type ClosureEffect = 'warn' | 'block';
export const DEFAULT_CLOSURE_RULES: Record<SigningKind, ClosureEffect> = { third_party: 'block', collection_payment: 'block', product_service: 'warn', transaction_behaviour: 'block' };
