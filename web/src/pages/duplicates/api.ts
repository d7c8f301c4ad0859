// Calls and shapes of likely-duplicate review and merging (CIF-1).
import type { MergeInput } from '../../../../src/modules/customers/merge/merge.schema.ts';
import { api } from '../../api/client';

export type DuplicateReason = 'name_birth' | 'mobile';
export interface Side {
  id: number; customerNo: string; name: string; kind: 'personal' | 'corporate'; status: string; blacklisted: boolean; institutionName: string;
  birthDate: string | null; mobile: string | null; createdAt: string; identities: { idType: string; idNumber: string }[];
}
/** One pair of records, with every reason it was flagged for. */
export interface DuplicateRow {
  id: number; reasons: DuplicateReason[]; createdAt: string; customer: Side; other: Side;
  /** The open merge request over these two records, if any (merges under review). */
  mergeRequestId: number | null;
}

export const fetchDuplicates = (q: { reason?: DuplicateReason; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<{ total: number; items: DuplicateRow[] }>('/customer-duplicates', { ...q }, signal);
export const dismissDuplicate = (id: number, reason: string) => api.post<{ id: number }>(`/customer-duplicates/${id}/dismiss`, { reason });
/** Merged at once, or (merges under review, the bank's default) a request: both records stay as they are until approved. */
export const mergeCustomers = (body: MergeInput) =>
  api.post<{ survivorId: number; survivorNo: string; mergedId: number; mergedNo: string } | { requestId: number }>('/customers/merge', body);
