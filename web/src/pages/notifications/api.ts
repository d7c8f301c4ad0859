// Calls and shapes of /api/notifications: my notifications and preferences, the delivery log.
import { api } from '../../api/client';

export type NotificationKind = 'approval.submitted' | 'approval.returned' | 'approval.approved' | 'approval.rejected';
export interface NotificationItem {
  id: number; kind: NotificationKind; kindName: string; text: string; entityType: string | null; entityId: string | null; createdAt: string; readAt: string | null;
}
export interface NotificationPage { total: number; unread: number; items: NotificationItem[] }
export interface Preference { kind: NotificationKind; name: string; email: boolean; sms: boolean }
export interface Delivery {
  id: number; notificationId: number; channel: 'email' | 'sms'; address: string; status: 'pending' | 'sent' | 'failed'; attempts: number;
  nextAttemptAt: string | null; lastError: string | null; sentAt: string | null; createdAt: string; kind: NotificationKind; recipient: string;
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

/** The screen a notification is about. */
export const notificationLink = (n: NotificationItem) => (n.entityType !== 'approval_request' ? null
  : n.kind === 'approval.submitted' ? `/approvals?id=${n.entityId}` : `/approvals?tab=mine&id=${n.entityId}`);
