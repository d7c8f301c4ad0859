// Calls and shapes of the paper archive (/api/archive, 档案管理).
import { api } from '../../api/client';

export interface Cabinet { id: number; code: string; name: string; cellCount: number; copiesPerCell: number; capacity: number; used: number; institution: { id: number; name: string } }
export interface ToFile { id: number; flowNo: string; status: string; accountNo: string; accountName: string; customerNo: string; institutionName: string }
export interface Position {
  id: number; positionNo: string; cellNo: number; slotNo: number; cabinet: { id: number; code: string }; flow: { id: number; flowNo: string };
  accountNo: string; accountName: string; customerNo: string; filedAt: string; out: { loanId: number; borrower: string; dueOn: string } | null;
}
export type LoanState = 'open' | 'overdue' | 'returned' | 'all';
export interface Loan {
  id: number; borrower: string; purpose: string; checkedOutOn: string; dueOn: string; returnedOn: string | null; overdue: boolean;
  position: { id: number; positionNo: string }; flowNo: string; accountNo: string; accountName: string; lentBy: string | null;
}

export const fetchCabinets = (signal?: AbortSignal) => api.get<{ items: Cabinet[] }>('/archive/cabinets', undefined, signal);
export const createCabinet = (body: { institutionId: number; code: string; name: string; cellCount: number; copiesPerCell: number }) => api.post<{ id: number }>('/archive/cabinets', body);
export const fetchToFile = (cabinetId: number, signal?: AbortSignal) => api.get<{ items: ToFile[] }>(`/archive/cabinets/${cabinetId}/to-file`, undefined, signal);
export const fileFlows = (cabinetId: number, flowIds: number[]) => api.post<{ items: { id: number; flowId: number; positionNo: string }[] }>(`/archive/cabinets/${cabinetId}/file`, { flowIds });
export const fetchPositions = (q: { cabinetId?: number; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<{ total: number; items: Position[] }>('/archive/positions', { ...q }, signal);
export const checkOut = (positionId: number, body: { borrower: string; purpose: string; workingDays: number }) =>
  api.post<{ id: number; dueOn: string }>(`/archive/positions/${positionId}/check-out`, body);
export const checkIn = (loanId: number) => api.post<{ id: number; late: boolean }>(`/archive/loans/${loanId}/check-in`);
export const fetchLoans = (q: { state: LoanState; asOf?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<{ total: number; asOf: string; items: Loan[] }>('/archive/loans', { ...q }, signal);
