// The channels a customer-level limit is set on (ACC-7). Plain data without zod, shared with the web app.
export const LIMIT_CHANNELS = ['counter', 'atm', 'pos', 'online_banking', 'mobile_banking', 'phone_banking', 'third_party_payment'] as const;
export type LimitChannel = (typeof LIMIT_CHANNELS)[number];
