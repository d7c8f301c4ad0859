// The record layouts of the core-banking feed, as docs/feed-format.md states them: field names in
// order and, for fixed-width files, each field's width in bytes of the file's encoding.
// `opening` (the opening position) is loaded with the balances, right after them; `guarantees`
// (the core's guarantee contracts, optional) after the transactions.
export const FEED_KINDS = ['customers', 'accounts', 'balances', 'transactions', 'opening', 'guarantees'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export interface FieldLayout { name: string; bytes: number }

const f = (name: string, bytes: number): FieldLayout => ({ name, bytes });

export const LAYOUTS: Record<FeedKind, readonly FieldLayout[]> = {
  customers: [f('customer_no', 11), f('kind', 1), f('name', 120), f('id_type', 2), f('id_no', 32), f('id_expires_on', 8), f('gender', 1),
    f('birth_date', 8), f('nationality', 3), f('mobile', 11), f('address', 120), f('postcode', 6), f('institution_code', 4)],
  accounts: [f('account_no', 32), f('customer_no', 11), f('product_id', 10), f('kind', 2), f('currency', 3), f('institution_code', 4),
    f('opened_on', 8), f('closed_on', 8), f('status', 1), f('balance', 20), f('rate', 10), f('maturity_on', 8), f('term_months', 3),
    f('contract_no', 40), f('contract_amount', 20), f('guarantee_type', 2)],
  balances: [f('account_no', 32), f('balance', 20)],
  transactions: [f('txn_no', 32), f('account_no', 32), f('txn_time', 6), f('direction', 1), f('amount', 20), f('balance_after', 20),
    f('channel', 2), f('counterparty_account', 32), f('counterparty_name', 120), f('summary', 60)],
  guarantees: [f('contract_no', 40), f('customer_no', 11), f('role', 2), f('guarantor_customer_no', 11), f('guarantor_category', 1),
    f('guarantor_name', 120), f('guarantor_id_type', 3), f('guarantor_id_no', 40), f('amount', 20), f('starts_on', 8)],
  opening: [f('account_no', 32), f('month_sum', 24), f('month_days', 3), f('quarter_sum', 24), f('quarter_days', 3), f('year_sum', 24), f('year_days', 3)],
};

/** Byte width of a fixed-width record of this kind. */
export const recordWidth = (kind: FeedKind) => LAYOUTS[kind].reduce((n, x) => n + x.bytes, 0);

// Core codes → the CRM's values.
export const ACCOUNT_KIND_CODES: Record<string, string> = { DD: 'deposit_demand', TD: 'deposit_time', LN: 'loan', WM: 'wealth', CD: 'card' };
export const ACCOUNT_STATUS_CODES: Record<string, string> = { A: 'active', D: 'dormant', C: 'closed', F: 'frozen' };
export const GUARANTEE_CODES: Record<string, string> = { '01': 'credit', '02': 'guarantee', '03': 'mortgage', '04': 'pledge' };
export const CHANNEL_CODES = new Set(['01', '02', '03', '04', '05', '06', '07', '99']);
