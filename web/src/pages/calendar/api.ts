// Calls and shapes of /api/calendar used by this page.
import { api } from '../../api/client';

export type DayKind = 'holiday' | 'workday';
export const DAY_KINDS: readonly DayKind[] = ['holiday', 'workday'];
export const KIND_COLOR: Record<DayKind, string> = { holiday: 'red', workday: 'blue' };

export interface CalendarDay { day: string; kind: DayKind; name: string; updatedBy: string | null; updatedAt: string }
export interface CalendarYear { year: number; workingDays: number; items: CalendarDay[] }

export const calendarKey = (year: number) => ['calendar', year] as const;
export const fetchYear = (year: number, signal?: AbortSignal) => api.get<CalendarYear>('/calendar', { year }, signal);
export const putDay = (day: string, body: { kind: DayKind; name: string }) => api.put<{ day: string }>(`/calendar/${day}`, body);
export const deleteDay = (day: string) => api.delete<void>(`/calendar/${day}`);
export const addWorkingDays = (from: string, days: number) => api.get<{ from: string; days: number; date: string }>('/calendar/add-working-days', { from, days });
