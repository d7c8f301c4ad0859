// Calls and shapes of /api/notifications: my notifications and preferences, the delivery log.
import { api } from '../../api/client';

export type NotificationKind = 'approval.submitted' | 'approval.returned' | 'approval.approved' | 'approval.rejected'
  | 'certificate.expiry' | 'completeness.overdue' | 'archive.overdue' | 'alert.maturity' | 'alert.large_change';
export interface NotificationItem {
  id: number; kind: NotificationKind; kindName: string; text: string; entityType: string | null; entityId: string | null; createdAt: string; readAt: string | null;
}
export interface NotificationPage { total: number; unread: number; items: NotificationItem[] }
export interface Preference { kind: NotificationKind; name: string; email: boolean; sms: boolean }
export interface Delivery {
  id: number; notificationId: number; channel: 'email' | 'sms'; address: string; status: 'pending' | 'sent' | 'failed'; attempts: number;
  nextAttemptAt: string | null; lastError: string | null; sentAt: string | null; createdAt: string; kind: NotificationKind; kindName: string; recipient: string;
}

export const fetchNotifications = (q: { page: number; pageSize: number; unread?: boolean }, signal?: AbortSignal) =>
  api.get<NotificationPage>('/notifications', { page: q.page, pageSize: q.pageSize, ...(q.unread ? { unread: 'true' } : {}) }, signal);
export const fetchUnread = (signal?: AbortSignal) => api.get<{ unread: number }>('/notifications/count', undefined, signal);
export const markRead = (id: number) => api.post<{ marked: number }>(`/notifications/${id}/read`);
export const markAllRead = () => api.post<{ marked: number }>('/notifications/read-all');
export const fetchPreferences = (signal?: AbortSignal) => api.get<{ items: Preference[] }>('/notifications/preferences', undefined, signal);
export const savePreferences = (items: { kind: NotificationKind; email: boolean; sms: boolean }[]) => api.put<{ items: Preference[] }>('/notifications/preferences', { items });
export const fetchDeliveries = (q: { page: number; pageSize: number; status?: Delivery['status']; channel?: Delivery['channel'] }, signal?: AbortSignal) =>
  api.get<{ total: number; items: Delivery[] }>('/notifications/deliveries', { ...q }, signal);

// Reminders open the list they are worked from: the to-dos (a certificate's to-do opens the
// certificate), the overdue lists, the workbench's account alerts card.
const REMINDER_SCREENS: Partial<Record<NotificationKind, string>> = {
  'certificate.expiry': '/todos', 'completeness.overdue': '/completeness/overdue', 'archive.overdue': '/archive/loans',
  'alert.maturity': '/', 'alert.large_change': '/',
};

/** The screen a notification is about. */
export const notificationLink = (n: NotificationItem) => (n.entityType === 'approval_request'
  ? (n.kind === 'approval.submitted' ? `/approvals?id=${n.entityId}` : `/approvals?tab=mine&id=${n.entityId}`)
  : REMINDER_SCREENS[n.kind] ?? null);
