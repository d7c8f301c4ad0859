// Calls and shapes of the daily feed history (GET /api/feeds, ACC-5) and loading a date from the inbox.
import { api, download } from '../../api/client';

export type FeedStatus = 'loaded' | 'rejected' | 'failed' | 'running';
export type FeedTrigger = 'cli' | 'inbox' | 'screen';
export interface FeedFile { file: string; kind: string; layout: string; encoding: string; records: number }
export interface FeedRun {
  id: number; businessDate: string; trigger: FeedTrigger; startedBy: string | null; startedAt: string; finishedAt: string | null;
  status: FeedStatus; files: FeedFile[] | null; counts: Record<string, number> | null; timings: Record<string, number> | null;
  rejectedTotal: number; error: string | null;
}
export interface RejectedRow { file: string; line: number; field: string | null; code: string; value?: string; message: string }
/** What a load answers: the run's outcome (its rejected rows come without messages; the run's page has them). */
export interface LoadResult {
  runId: number; status: Exclude<FeedStatus, 'running'>; businessDate: string; counts: Record<string, number>;
  rejectedTotal: number; error: string | null;
}

export const fetchFeedRuns = (q: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<{ total: number; inbox: boolean; items: FeedRun[] }>('/feeds', q, signal);
export const fetchRejected = (runId: number, signal?: AbortSignal) =>
  api.get<{ id: number; total: number; items: RejectedRow[] }>(`/feeds/${runId}/rejected`, undefined, signal);
export const downloadRejectedCsv = (run: { id: number; businessDate: string }) =>
  download(`/feeds/${run.id}/rejected.csv`, undefined, `feed-${run.businessDate}-${run.id}-rejected.csv`);
export const loadFromInbox = (businessDate: string) => api.post<LoadResult>('/feeds/load', { businessDate });
