// Calls and shapes of the approval inbox (/api/approvals): the pending steps I can act on, my own
// requests, one request with its history, and the decisions.
import { api } from '../../api/client';

export type ApprovalStatus = 'pending' | 'approved' | 'returned' | 'withdrawn' | 'rejected';

export interface ApprovalItem {
  id: number; type: string; subject: { type: string; id: string; label: string }; step: number; stepCount: number; role: string | null;
  dueOn: string | null; overdue: boolean; status: ApprovalStatus; maker: string; makerInstitution: string; submittedAt: string; updatedAt: string;
  /** On the open requests of a subject, where the type names them: the fields the request would change. */
  fields?: string[];
}
export interface ApprovalPage { page: number; pageSize: number; hasMore: boolean; items: ApprovalItem[] }
export interface ApprovalDetail extends ApprovalItem {
  round: number; actingInstitution: string | null; payload: Record<string, unknown>; result: Record<string, unknown> | null;
  steps: { stepNo: number; roleCode: string; roleName: { zh: string; en: string } | null; actingInstitution: 'own' | 'parent' | 'transferring_out' | 'receiving'; timeLimitDays: number }[];
  history: { round: number; step: number; decision: 'submit' | 'approve' | 'return' | 'reject' | 'withdraw'; reason: string | null; at: string; actor: string; username: string; onBehalfOf: string | null }[];
  changes: { field: string; old: string | null; new: string | null }[];
  can: { decide: boolean; withdraw: boolean; resubmit: boolean };
}
export interface ApprovalCount { pending: number; overdue: number; returnedToMe: number }
export interface BatchResult { approved: number; refused: number; items: { id: number; ok: boolean; status: string | null; code?: string; message?: string }[] }

export const fetchInbox = (q: { page: number; pageSize: number; type?: string }, signal?: AbortSignal) => api.get<ApprovalPage>('/approvals/inbox', { ...q }, signal);
export const fetchMine = (q: { page: number; pageSize: number; status?: ApprovalStatus }, signal?: AbortSignal) => api.get<ApprovalPage>('/approvals/mine', { ...q }, signal);
export const fetchApprovalCount = (signal?: AbortSignal) => api.get<ApprovalCount>('/approvals/count', undefined, signal);
export const fetchApproval = (id: number, signal?: AbortSignal) => api.get<ApprovalDetail>(`/approvals/${id}`, undefined, signal);
export const fetchOpenApprovals = (subjectType: string, subjectId: number | string, signal?: AbortSignal) =>
  api.get<{ items: ApprovalItem[] }>('/approvals/open', { subjectType, subjectId: String(subjectId) }, signal);

export const approve = (id: number, step: number, reason?: string) => api.post<{ status: ApprovalStatus }>(`/approvals/${id}/approve`, { step, ...(reason ? { reason } : {}) });
export const returnRequest = (id: number, step: number, reason: string) => api.post<{ status: ApprovalStatus }>(`/approvals/${id}/return`, { step, reason });
export const reject = (id: number, step: number, reason: string) => api.post<{ status: ApprovalStatus }>(`/approvals/${id}/reject`, { step, reason });
export const withdraw = (id: number, reason?: string) => api.post<{ status: ApprovalStatus }>(`/approvals/${id}/withdraw`, reason ? { reason } : {});
export const resubmit = (id: number) => api.post<{ status: ApprovalStatus }>(`/approvals/${id}/resubmit`, {});
export const batchApprove = (items: { id: number; step: number }[]) => api.post<BatchResult>('/approvals/batch-approve', { items });

/** The screen of a request's subject. */
export function subjectLink(s: ApprovalItem['subject']): string | null {
  if (s.type === 'document_flow') return `/documents/flows?open=${s.id}`;
  return s.type === 'customer' ? `/customers/${s.id}` : null;
}

// 代理审批
export interface Delegation {
  id: number; direction: 'given' | 'received'; delegator: string; delegatorUsername: string; delegate: string; delegateUsername: string;
  startsOn: string; endsOn: string; reason: string | null; createdAt: string; status: 'active' | 'scheduled' | 'ended' | 'cancelled';
}
export const fetchDelegations = (signal?: AbortSignal) => api.get<{ items: Delegation[] }>('/approvals/delegations', undefined, signal);
export const createDelegation = (body: { delegateUsername: string; startsOn: string; endsOn: string; reason?: string }) => api.post<{ id: number }>('/approvals/delegations', body);
export const cancelDelegation = (id: number) => api.post<{ id: number }>(`/approvals/delegations/${id}/cancel`);
