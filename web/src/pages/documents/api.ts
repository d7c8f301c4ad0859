// Calls and shapes of document transfer (/api/documents, 单证传递).
import { api } from '../../api/client';

export type FlowStatus = 'draft' | 'submitted' | 'received' | 'in_review' | 'completed' | 'cancelled';
export const FLOW_STATUSES: readonly FlowStatus[] = ['draft', 'submitted', 'received', 'in_review', 'completed', 'cancelled'];
export const STATUS_COLOR: Record<FlowStatus, string> = { draft: 'default', submitted: 'blue', received: 'cyan', in_review: 'orange', completed: 'green', cancelled: 'default' };

export interface FlowItem { certKind: string; certNo?: string | null; pages: number; copies: number }
export interface Flow {
  id: number; flowNo: string; status: FlowStatus; accountNo: string; accountName: string; customerId: number; totalPages: number; totalCopies: number;
  institution: { id: number; name: string }; centre: { id: number; name: string }; createdBy: string; createdAt: string;
  submittedAt: string | null; receivedAt: string | null; completedAt: string | null;
}
export interface FlowDetail extends Flow {
  items: (FlowItem & { lineNo: number })[];
  review: { requestId: number; status: string } | null;
  position: { id: number; positionNo: string } | null;
  can: { edit: boolean; accept: boolean; enter: boolean };
}
export interface AccountLookup { accountNo: string; accountName: string; customerNo: string; customerId: number; accountStatus: string }

export const fetchFlows = (q: { page: number; pageSize: number; status?: FlowStatus; side?: 'sent' | 'centre'; flowNo?: string }, signal?: AbortSignal) =>
  api.get<{ total: number; items: Flow[] }>('/documents/flows', { ...q }, signal);
export const fetchFlow = (id: number, signal?: AbortSignal) => api.get<FlowDetail>(`/documents/flows/${id}`, undefined, signal);
export const fetchCertificateDefaults = (signal?: AbortSignal) => api.get<{ items: FlowItem[] }>('/documents/certificate-defaults', undefined, signal);
export const lookupAccount = (accountNo: string) => api.get<AccountLookup>('/documents/account-lookup', { accountNo });
export const createFlow = (body: { accountNo: string; items: FlowItem[] }) => api.post<{ id: number; flowNo: string }>('/documents/flows', body);
export const updateFlow = (id: number, body: { accountNo: string; items: FlowItem[] }) => api.put<{ id: number }>(`/documents/flows/${id}`, body);
/** 客户信息录入完毕: the keyed change (the customer's version and the changed fields), or none when the paper matched. */
export const submitEntry = (id: number, patch: (Record<string, unknown> & { version: number }) | undefined) =>
  api.post<{ requestId: number; status: string }>(`/documents/flows/${id}/entry`, patch ? { patch } : {});
export const flowAction = (id: number, action: 'submit' | 'cancel' | 'accept') => api.post<{ status?: FlowStatus; requestId?: number }>(`/documents/flows/${id}/${action}`);

/** The totals the server computes, shown while typing: copies, and sheets = pages × copies. */
export const totalsOf = (items: Partial<FlowItem>[]) => ({
  totalCopies: items.reduce((s, i) => s + (Number(i?.copies) || 0), 0),
  totalPages: items.reduce((s, i) => s + (Number(i?.pages) || 0) * (Number(i?.copies) || 0), 0),
});
