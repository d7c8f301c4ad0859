// Calls and shapes of /api/customers used by the customer pages.
import type { z } from 'zod';
import type { createCustomerBody, LIST_SORTS } from '../../../../src/modules/customers/customer.schema.ts';
import { api, download, upload } from '../../api/client';
import type { CustomerKind } from './catalogue';

export type CustomerStatus = 'active' | 'deleted' | 'merged';
export const STATUS_FILTERS = ['active', 'deleted', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface SearchRow {
  id: number; customerNo: string; kind: CustomerKind; name: string; status: CustomerStatus; blacklisted: boolean;
  institutionName: string; mobile: string | null; birthDate: string | null; creditCode: string | null; idNumber: string | null;
  openedAt: string; scale: string | null; primaryManager: string | null;
  /** Figures as of the latest feed day (null until a feed day has counted the customer's accounts). */
  positionAsOf: string | null; depositBalance: string | null; monthAvg: string | null; quarterAvg: string | null; yearAvg: string | null;
  loanBalance: string | null; valueTier: 'high' | 'middle' | 'general' | null;
}
/** total and totalCapped come with the first page only (null on later pages). */
export interface SearchPage {
  total: number | null; totalCapped: boolean | null; pageSize: number; sort: ListSort; order: 'asc' | 'desc'; nextCursor: string | null; items: SearchRow[];
}
export type ListSort = (typeof LIST_SORTS)[number];
export interface ListFilters {
  q?: string; kind?: CustomerKind; institutionId?: number; blacklisted?: 'true' | 'false'; status?: StatusFilter; sort?: ListSort; order?: 'asc' | 'desc';
}
export interface SearchQuery extends ListFilters { after?: string; pageSize?: number }

export interface Identity { seq: number; idType: string; idNumber: string; expiresOn: string | null }
export interface Manager { id: number; displayName: string; role: string; since: string }
export interface BlacklistRow { id: number; listKind: 'internal' | 'external'; reason: string; source: string; listedOn: string; expiresOn: string | null; removedOn: string | null }

export interface CustomerView {
  id: number; customerNo: string; kind: CustomerKind; name: string; status: CustomerStatus; statusReason: string | null;
  mergedInto: number | null; blacklisted: boolean; origin: 'crm' | 'core'; version: number; createdAt: string; updatedAt: string;
  institution: { id: number; code: string; name: string };
  managers: Manager[];
  fields: Record<string, unknown>;
  identities: Identity[];
  computed: { age?: number | null; annualIncome?: string | null };
  blacklist: BlacklistRow[];
  canReveal: boolean;
  /** CIF-40: a change of these fields goes to review before it takes effect. */
  reviewedFields: string[];
}

export interface HistoryRow {
  id: number; field: string; oldValue: string | null; newValue: string | null; source: string;
  changedBy: string | null; changedByName: string | null; changedAt: string; label: { zh: string; en: string } | null;
  /** Set when the change took effect through review: the request, who keyed it and who approved it. */
  approvalRequestId: number | null; makerName: string | null; checkerName: string | null;
}

export type CreateCustomer = z.input<typeof createCustomerBody>;
export interface Created { id: number; customerNo: string; duplicates: { customerId: number; reason: 'name_birth' | 'mobile' }[] }

export const customerKey = (id: number) => ['customer', id] as const;

export const searchCustomers = (q: SearchQuery, signal?: AbortSignal) => api.get<SearchPage>('/customers', { ...q }, signal);
export const fetchCustomer = (id: number, signal?: AbortSignal) => api.get<CustomerView>(`/customers/${id}`, undefined, signal);
export const fetchHistory = (id: number, signal?: AbortSignal) => api.get<HistoryRow[]>(`/customers/${id}/history`, undefined, signal);
export interface AuditTrailRow { id: number; occurredAt: string; actorKind: string; actorName: string | null; action: string; clientIp: string | null; requestId: string | null; field: string | null }
export const fetchAuditTrail = (id: number, signal?: AbortSignal) => api.get<AuditTrailRow[]>(`/customers/${id}/audit`, { pageSize: 200 }, signal);
/** Opened at once (201), or (an opening under review, by default a corporate one) a request: no customer until approved. */
export const createCustomer = (body: CreateCustomer) => api.post<Created | { requestId: number }>('/customers', body);

/** 开户审核中: openings under review I may see; not customers until approved. */
export interface PendingOpening {
  requestId: number; status: 'pending' | 'returned'; step: number; stepCount: number; submittedAt: string;
  name: string; kind: 'personal' | 'corporate'; institution: string | null; maker: string;
}
export const fetchPendingOpenings = (signal?: AbortSignal) => api.get<{ items: PendingOpening[] }>('/customer-openings', undefined, signal);
/** Applied at once ({ changed }), or submitted for review (202: { requestId, reviewedFields }). */
export type UpdateResult = { id: number; version: number; changed: number; requestId?: undefined } | { requestId: number; step: number; reviewedFields: string[] };
export const updateCustomer = (id: number, body: Record<string, unknown> & { version: number }) =>
  api.patch<UpdateResult>(`/customers/${id}`, body);
export const deleteCustomer = (id: number, reason: string) => api.delete<{ id: number }>(`/customers/${id}`, { reason });
export const reactivateCustomer = (id: number, reason: string) => api.post<{ id: number }>(`/customers/${id}/reactivate`, { reason });
export const revealField = (id: number, field: string) => api.post<{ field: string; value: unknown }>(`/customers/${id}/reveal`, { field });

export type ExportQuery = ListFilters & { unmasked?: 'true' };
export const exportCustomers = (q: ExportQuery) => download('/customers/export', { ...q }, 'customers.xlsx');
export const downloadTemplate = (kind: CustomerKind) => download('/customers/import/template', { kind }, `template-${kind}.xlsx`);
export const downloadReport = (url: string) => download(url.replace(/^\/api/, ''), undefined, 'import-errors.xlsx');

export type ImportResult = { ok: true; dryRun: boolean; kind: CustomerKind; rowCount: number; firstCustomerNo: string | null; lastCustomerNo: string | null };
export const importCustomers = (kind: CustomerKind, file: File, dryRun: boolean) =>
  upload<ImportResult>('/customers/import', file, { kind, dryRun: String(dryRun) });

/** An import running in the background (issue 12, item 9): its phase, counts and, when finished, its result. */
export interface ImportRun {
  id: number; kind: CustomerKind; dryRun: boolean; fileName: string; status: 'running' | 'done' | 'rejected' | 'failed' | 'interrupted';
  phase: 'reading' | 'checking' | 'writing' | 'finished'; rowCount: number | null; rowsChecked: number; rowsWritten: number;
  result: ImportResult | ({ ok: false; rowCount: number; errorCount: number; errorsTruncated: boolean; reportToken: string; errors: { row: number; column: string; header: string; message: string; value?: unknown }[] }) | null;
  error: string | null; startedAt: string; finishedAt: string | null;
}
export const importRunsKey = ['customers', 'import-runs'] as const;
export const startImportRun = (kind: CustomerKind, file: File, dryRun: boolean) =>
  upload<ImportRun>('/customers/imports', file, { kind, dryRun: String(dryRun) });
export const fetchImportRun = (id: number, signal?: AbortSignal) => api.get<ImportRun>(`/customers/imports/${id}`, undefined, signal);
export const fetchImportRuns = (signal?: AbortSignal) => api.get<ImportRun[]>('/customers/imports', undefined, signal);

export interface SavedFilter { id: number; name: string; filters: ListFilters; createdAt: string }
export const savedFiltersKey = ['customers', 'saved-filters'] as const;
export const fetchSavedFilters = (signal?: AbortSignal) => api.get<SavedFilter[]>('/customers/saved-filters', undefined, signal);
export const saveFilter = (name: string, filters: ListFilters) => api.post<SavedFilter>('/customers/saved-filters', { name, filters });
export const deleteSavedFilter = (id: number) => api.delete<{ id: number }>(`/customers/saved-filters/${id}`);
