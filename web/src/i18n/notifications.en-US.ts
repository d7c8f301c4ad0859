import type { notificationsZh } from './notifications.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const notificationsEn: Shape<typeof notificationsZh> = {
  bell: 'Notifications',
  title: 'My notifications',
  unread: 'Unread',
  all: 'All',
  onlyUnread: 'Unread only',
  markRead: 'Mark read',
  markAllRead: 'Mark all read',
  none: 'No notifications',
  seeAll: 'All notifications',
  open: 'Open',
  createdAt: 'Time',
  kind: 'Kind',
  text: 'Text',
  preferences: {
    title: 'How to notify me',
    intro: 'Workbench notifications always arrive; e-mail and SMS as set below. Text messages carry no customer name or number.',
    kind: 'Event', email: 'E-mail', sms: 'SMS', saved: 'Preferences saved',
  },
  deliveries: {
    title: 'Notification delivery log',
    intro: 'Each e-mail or text message and how its sending went: failures are retried with exponential backoff, then marked failed.',
    recipient: 'Recipient', kind: 'Notification', channel: 'Channel', address: 'Address', status: 'Status', attempts: 'Attempts', lastError: 'Last error',
    sentAt: 'Sent at', nextAttemptAt: 'Next attempt', createdAt: 'Raised at',
    channels: { email: 'E-mail', sms: 'SMS' },
    statuses: { pending: 'Pending', sent: 'Sent', failed: 'Failed' },
  },
};
