// Calls and shapes of the records hanging off a customer: addresses (CIF-4), blacklist (CIF-5),
// risk assessments (CIF-6) and industry attributes (CIF-26).
import type { CreateAddress, UpdateAddress } from '../../../../src/modules/customers/address/address.schema.ts';
import type { AddBlacklist } from '../../../../src/modules/customers/blacklist/blacklist.schema.ts';
import type { CreateRiskAssessment } from '../../../../src/modules/customers/risk-assessment/risk-assessment.schema.ts';
import { api } from '../../api/client';

export interface AddressRow {
  id: number; addressType: string; divisionCode: string | null; divisionName: string | null; address: string; postcode: string | null;
  isPrimary: boolean; version: number; updatedAt: string;
}
export const fetchAddresses = (id: number, signal?: AbortSignal) => api.get<AddressRow[]>(`/customers/${id}/addresses`, undefined, signal);
export const createAddress = (id: number, body: CreateAddress) => api.post<{ id: number }>(`/customers/${id}/addresses`, body);
export const updateAddress = (id: number, addressId: number, body: UpdateAddress) => api.patch<{ id: number }>(`/customers/${id}/addresses/${addressId}`, body);
export const deleteAddress = (id: number, addressId: number) => api.delete<{ id: number }>(`/customers/${id}/addresses/${addressId}`);
export const revealAddress = (id: number, addressId: number) => api.post<{ field: string; value: unknown }>(`/customers/${id}/addresses/${addressId}/reveal`);

export type AssessmentChannel = CreateRiskAssessment['channel'];
export const ASSESSMENT_CHANNELS: readonly AssessmentChannel[] = ['counter', 'online', 'mobile', 'phone', 'other'];
export interface Assessment {
  id: number; assessedOn: string; validUntil: string; result: string; score: number | null; channel: AssessmentChannel;
  assessedBy: string | null; createdAt: string; status: 'current' | 'expired' | 'superseded';
}
export const fetchAssessments = (id: number, signal?: AbortSignal) =>
  api.get<{ current: Assessment | null; items: Assessment[] }>(`/customers/${id}/risk-assessments`, undefined, signal);
export const createAssessment = (id: number, body: CreateRiskAssessment) => api.post<{ id: number; investorType: string | null }>(`/customers/${id}/risk-assessments`, body);

export type ListKind = AddBlacklist['listKind'];
export interface BlacklistEntry {
  id: number; customerId: number; customerNo: string; listKind: ListKind; reason: string; source: string; listedOn: string;
  expiresOn: string | null; removedOn: string | null; removedReason: string | null; listedBy: string | null; status: 'active' | 'expired' | 'removed';
}
/** The bank-wide list narrowed to one customer number (the list has no customer filter; the number matches exactly). */
export const fetchBlacklistOf = (customerNo: string, signal?: AbortSignal) =>
  api.get<{ total: number; items: BlacklistEntry[] }>('/blacklist', { q: customerNo, status: 'all', pageSize: 200 }, signal)
    .then((p) => p.items.filter((e) => e.customerNo === customerNo));
export const addToBlacklist = (body: AddBlacklist) => api.post<{ id: number }>('/blacklist', body);
export const removeFromBlacklist = (entryId: number, reason: string) => api.post<{ id: number } | { requestId: number }>(`/blacklist/${entryId}/remove`, { reason });

export interface IndustryInput { industryCode: string; industrialZone?: string | null; specialisedMarket?: string | null; version?: number }
export const setIndustry = (id: number, body: IndustryInput) =>
  api.put<{ id: number; version: number; changed: boolean; industryPath: string | null }>(`/customers/${id}/industry`, body);
