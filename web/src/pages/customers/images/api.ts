// Calls and shapes of CIF-44 images and CIF-45 completeness.
import { api, download, upload } from '../../../api/client';

export interface ImageItem {
  id: number; imageNo: string; customerId: number; accountId: number | null; certType: string | null; certTypeZh: string | null; certTypeEn: string | null;
  source: 'stored' | 'external'; contentType: string | null; byteSize: number | null; sha256: string | null; originalName: string | null;
  externalSystem: string | null; externalId: string | null; externalUrl: string | null; note: string | null;
  importedBy: string | null; importedAt: string; contentUrl: string;
}
export interface ImageList { latest: ImageItem[]; all: ImageItem[] }

export const fetchCustomerImages = (customerId: number, signal?: AbortSignal) => api.get<ImageList>(`/customers/${customerId}/images`, undefined, signal);
export const fetchAccountImages = (accountId: number, signal?: AbortSignal) => api.get<ImageList>(`/accounts/${accountId}/images`, undefined, signal);
export const uploadImage = (customerId: number, file: File, q: { certType?: string; accountId?: number; note?: string }) =>
  upload<{ id: number; imageNo: string }>(`/customers/${customerId}/images`, file, q);
export const referenceExternal = (customerId: number, body: { certType?: string; accountId?: number; system: string; externalId: string; url: string; note?: string }) =>
  api.post<{ id: number; imageNo: string }>(`/customers/${customerId}/images/external`, body);

export type ItemKey = 'basic' | 'detail' | 'financial' | 'non_financial' | 'visits' | 'investments' | 'correspondent' | 'business_licence';
export interface Completeness {
  tier: 'credit' | 'ordinary' | 'small'; percent: number;
  items: { key: ItemKey; state: 'present' | 'missing' | 'not_checkable'; fields: string[] }[];
  missing: ItemKey[];
  newCustomer: { isNew: boolean; openedOn: string; deadline: string; overdue: boolean; gaps: ('manager' | 'information' | 'scale')[] };
}
export const fetchCompleteness = (customerId: number, signal?: AbortSignal) => api.get<Completeness>(`/customers/${customerId}/completeness`, undefined, signal);

export interface OverdueRow {
  customerId: number; customerNo: string; name: string; kind: 'personal' | 'corporate'; institutionId: number; institutionName: string;
  tier: Completeness['tier']; percent: number; openedOn: string; deadline: string; gaps: Completeness['newCustomer']['gaps']; missing: ItemKey[];
}
export const fetchOverdue = (q: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<{ total: number; items: OverdueRow[] }>('/completeness/overdue', q, signal);
export const exportOverdue = () => download('/completeness/overdue/export', undefined, 'completeness-overdue.xlsx');
