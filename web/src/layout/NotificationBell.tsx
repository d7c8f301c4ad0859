// The bell in the header: my unread notifications (polled each minute), the latest few in a
// popover, and the way to the full list.
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, List, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../lib/format';
import { fetchNotifications, markRead, notificationLink, type NotificationItem } from '../pages/notifications/api';

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const latest = useQuery({ queryKey: ['notifications', 'bell'], queryFn: ({ signal }) => fetchNotifications({ page: 1, pageSize: 6 }, signal), refetchInterval: 60_000 });
  const open = (n: NotificationItem) => {
    const to = notificationLink(n);
    const go = () => { void queryClient.invalidateQueries({ queryKey: ['notifications'] }); if (to) navigate(to); };
    if (n.readAt) go(); else void markRead(n.id).then(go, go);
  };
  const content = (
    <div style={{ width: 360 }}>
      <List<NotificationItem> size="small" dataSource={latest.data?.items ?? []} locale={{ emptyText: t('notifications.none') }}
        renderItem={(n) => (
          <List.Item style={{ cursor: 'pointer' }} onClick={() => open(n)}>
            <List.Item.Meta title={<Typography.Text strong={!n.readAt}>{n.kindName}</Typography.Text>}
              description={<><div>{n.text}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</Typography.Text></>} />
          </List.Item>
        )} />
      <div style={{ textAlign: 'center', paddingTop: 8 }}><Link to="/notifications">{t('notifications.seeAll')}</Link></div>
    </div>
  );
  return (
    <Popover content={content} title={t('notifications.bell')} trigger="click" placement="bottomRight">
      <Badge count={latest.data?.unread ?? 0} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('notifications.bell')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
