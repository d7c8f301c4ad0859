// Calls and shapes of the signing registry, the closure check (ACC-6) and customer channel limits
// (ACC-7). Request bodies are the server's own zod types; the kinds, channels and field rules come
// from the server's zod-free modules, so form and API cannot drift.
import type { LimitChannel } from '../../../../../src/modules/accounts/channel-limits/channel-limit.channels.ts';
import type { SetChannelLimit } from '../../../../../src/modules/accounts/channel-limits/channel-limit.schema.ts';
import type { ClosureEffect, SigningKind } from '../../../../../src/modules/accounts/signings/signing.kinds.ts';
import type { RegisterSigning, TerminateSigning } from '../../../../../src/modules/accounts/signings/signing.schema.ts';
import { api } from '../../../api/client';

export { SIGNING_CHANNELS, SIGNING_FIELDS, SIGNING_KINDS, type ClosureEffect, type SigningChannel, type SigningField, type SigningKind } from '../../../../../src/modules/accounts/signings/signing.kinds.ts';
export { LIMIT_CHANNELS, type LimitChannel } from '../../../../../src/modules/accounts/channel-limits/channel-limit.channels.ts';
export type { RegisterSigning, SetChannelLimit };

export interface Signing {
  id: number; signingNo: string; kind: SigningKind; status: 'active' | 'terminated'; productId: string; productNameZh: string; productNameEn: string;
  productCategory: string; accountId: number | null; accountNo: string | null; accountKind: string | null; accountStatus: string | null;
  counterpartyCode: string | null; counterpartyName: string | null; counterpartyAccount: string | null; payerNo: string | null; masked: boolean;
  channel: string; signedOn: string; terminatedOn: string | null; terminationReason: string | null; institutionId: number; institutionName: string;
  createdBy: string | null; createdAt: string; terminatedBy: string | null;
}
export interface SigningList { customerId: number; overview: { kind: SigningKind; active: number; terminated: number }[]; items: Signing[] }

export const fetchSignings = (customerId: number, signal?: AbortSignal) => api.get<SigningList>(`/customers/${customerId}/signings`, undefined, signal);
export const registerSigning = (customerId: number, body: RegisterSigning) => api.post<{ id: number; signingNo: string }>(`/customers/${customerId}/signings`, body);
export const terminateSigning = (customerId: number, signingId: number, body: TerminateSigning) =>
  api.post<{ id: number; signingNo: string }>(`/customers/${customerId}/signings/${signingId}/terminate`, body);

export interface SigningProduct { id: string; nameZh: string; nameEn: string; category: string }
export const fetchSigningProducts = (q: string | undefined, signal?: AbortSignal) =>
  api.get<{ items: SigningProduct[] }>('/signings/products', { q }, signal);

/** The customer's accounts, for the register form's account picker (numbers masked as the server decides). */
export interface CustomerAccount { id: number; accountNo: string; kind: string; status: string; productNameZh: string; productNameEn: string }
export const fetchCustomerAccounts = (customerId: number, signal?: AbortSignal) =>
  api.get<{ items: CustomerAccount[] }>(`/customers/${customerId}/accounts`, undefined, signal);

export type ClosureDecision = 'allow' | 'warn' | 'block';
export interface ClosureItem {
  signingId: number; signingNo: string; kind: SigningKind; productId: string; productNameZh: string; productNameEn: string;
  counterpartyName: string | null; signedOn: string; effect: ClosureEffect; reasonCode: 'bound_to_account' | 'last_open_account';
}
export interface ClosureCheck { accountId: number; customerId: number; accountStatus: string; lastOpenAccount: boolean; decision: ClosureDecision; items: ClosureItem[] }
export const fetchClosureCheck = (accountId: number, signal?: AbortSignal) => api.get<ClosureCheck>(`/accounts/${accountId}/closure-check`, undefined, signal);

export interface ChannelLimit {
  id: number; channel: LimitChannel; perTransaction: string | null; dailyAmount: string | null; dailyCount: number | null; annualAmount: string | null;
  effectiveFrom: string; remark: string | null; setBy: string | null; setAt: string;
}
export interface ChannelLimits {
  customerId: number; today: string;
  channels: { channel: LimitChannel; current: ChannelLimit | null; scheduled: ChannelLimit[] }[];
  history: (ChannelLimit & { state: 'current' | 'scheduled' | 'superseded' })[];
}
export const fetchChannelLimits = (customerId: number, signal?: AbortSignal) => api.get<ChannelLimits>(`/customers/${customerId}/channel-limits`, undefined, signal);
export const setChannelLimit = (customerId: number, body: SetChannelLimit) => api.post<ChannelLimit>(`/customers/${customerId}/channel-limits`, body);
