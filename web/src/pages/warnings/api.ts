// Calls and shapes of the crisis early warning (WARN-1…4, docs/early-warning.md).
import { api, download } from '../../api/client';

export type Level = 'yellow' | 'orange' | 'red';
export type WarningStatus = 'open' | 'resolved' | 'closed' | 'withdrawn';
export type Result = 'retained' | 'lost' | 'false_alarm';
export interface Factor { code: string; value: number | null; points: number }
export interface WarningItem {
  id: number; level: Level; topLevel: Level; score: number; crisis: 'mild' | 'severe' | null; status: WarningStatus;
  raisedOn: string; levelSince: string; asOf: string; customer: { id: number; customerNo: string; name: string; institutionId: number };
  managerId: number | null; managerName: string | null; institutionId: number; institutionName: string | null;
  escalatedOn: string | null; escalatedInstitutionId: number | null; contactOn: string | null; result: Result | null;
}
export interface WarningDetail extends WarningItem {
  factors: Factor[];
  disposal: { analysisOn: string | null; analysisNote: string | null; contactOn: string | null; contactNote: string | null; measuresOn: string | null;
    measuresNote: string | null; result: Result | null; resultOn: string | null; resultNote: string | null; resultBy: number | null; closedAt: string | null; closedBy: number | null };
  events: { businessDate: string; kind: string; level: Level | null; score: number | null; byUser: number | null; at: string }[];
  scores: { businessDate: string; score: number; level: Level | null; factors: Factor[] }[];
}
export interface Bin { from: number | null; to: number | null; points: number }
export interface Scorecard {
  indicators: Record<string, { bins: Bin[] }>;
  thresholds: { yellow: number; orange: number; red: number };
  rules: { severeInactiveDays: number; mildActivityRatio: number };
  escalationWorkingDays: number;
}
export interface Preview { asOf: string | null; customers: number; current: Record<Level, number>; proposed: Record<Level, number> }

export interface WarningQuery { status: WarningStatus; level?: Level; institutionId?: number; managerId?: number; page: number; pageSize: number }
export const fetchWarnings = (q: WarningQuery, signal?: AbortSignal) => api.get<{ total: number; items: WarningItem[] }>('/warnings', { ...q }, signal);
export const exportWarnings = (q: Omit<WarningQuery, 'page' | 'pageSize'>) =>
  download('/warnings/export', Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])), 'warnings.xlsx');
export const fetchWarning = (id: number, signal?: AbortSignal) => api.get<WarningDetail>(`/warnings/${id}`, undefined, signal);
export const recordDisposal = (id: number, body: { step: 'analysis' | 'contact' | 'measures' | 'result'; on: string; note: string; result?: Result }) =>
  api.post<{ id: number; status: string }>(`/warnings/${id}/disposal`, body);
export const closeWarning = (id: number) => api.post<{ id: number; status: string }>(`/warnings/${id}/close`);
export const fetchScorecard = (signal?: AbortSignal) => api.get<Scorecard>('/settings/warnings', undefined, signal);
export const saveScorecard = (card: Scorecard) => api.put<Scorecard>('/settings/warnings', card);
export const previewScorecard = (card: Scorecard) => api.post<Preview>('/settings/warnings/preview', card);

export const LEVEL_COLOR: Record<Level, string> = { yellow: 'gold', orange: 'orange', red: 'red' };
