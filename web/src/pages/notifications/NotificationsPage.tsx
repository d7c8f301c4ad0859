// 我的通知: the workbench inbox of notifications (newest first, unread marked) and, beside it,
// which events also reach me by e-mail or SMS.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Checkbox, Segmented, Space, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useReportError } from '../../api/use-report-error';
import { formatDateTime } from '../../lib/format';
import { fetchNotifications, fetchPreferences, markAllRead, markRead, notificationLink, savePreferences, type NotificationItem, type Preference } from './api';

function NotificationList() {
  const { t } = useTranslation();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({ queryKey: ['notifications', unreadOnly, page], queryFn: ({ signal }) => fetchNotifications({ ...page, unread: unreadOnly }, signal), placeholderData: keepPreviousData });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const read = (id: number) => markRead(id).then(refresh, report);

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Segmented value={unreadOnly ? 'unread' : 'all'} onChange={(v) => { setUnreadOnly(v === 'unread'); setPage((p) => ({ ...p, page: 1 })); }}
          options={[{ value: 'all', label: t('notifications.all') }, { value: 'unread', label: `${t('notifications.onlyUnread')} (${list.data?.unread ?? 0})` }]} />
        <Button onClick={() => markAllRead().then(refresh, report)} disabled={!list.data?.unread}>{t('notifications.markAllRead')}</Button>
      </Space>
      <Table<NotificationItem> rowKey="id" size="small" data-testid="notifications-table" loading={list.isFetching} dataSource={list.data?.items}
        locale={{ emptyText: list.error ? list.error.message : t('notifications.none') }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: t('notifications.kind'), dataIndex: 'kindName', width: 130, render: (v: string, x) => <Badge status={x.readAt ? 'default' : 'processing'} text={v} /> },
          { title: t('notifications.text'), dataIndex: 'text', render: (v: string, x) => {
            const to = notificationLink(x);
            return <Typography.Text strong={!x.readAt}>{to ? <Link to={to} onClick={() => { if (!x.readAt) void read(x.id); }}>{v}</Link> : v}</Typography.Text>;
          } },
          { title: t('notifications.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
          { title: t('common.actions'), key: 'actions', width: 100,
            render: (_: unknown, x: NotificationItem) => (x.readAt ? null : <Button type="link" size="small" onClick={() => read(x.id)}>{t('notifications.markRead')}</Button>) },
        ]} />
    </>
  );
}

function PreferencesForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const prefs = useQuery({ queryKey: ['notifications', 'preferences'], queryFn: ({ signal }) => fetchPreferences(signal) });
  const [rows, setRows] = useState<Preference[]>([]);
  useEffect(() => { if (prefs.data) setRows(prefs.data.items); }, [prefs.data]);
  const save = useMutation({
    mutationFn: () => savePreferences(rows.map(({ kind, email, sms }) => ({ kind, email, sms }))),
    onSuccess: () => message.success(t('notifications.preferences.saved')), onError: report,
  });
  const toggle = (kind: string, channel: 'email' | 'sms', on: boolean) => setRows((rs) => rs.map((r) => (r.kind === kind ? { ...r, [channel]: on } : r)));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('notifications.preferences.intro')}</Typography.Paragraph>
      <Table<Preference> rowKey="kind" size="small" pagination={false} loading={prefs.isFetching} dataSource={rows} style={{ maxWidth: 640, marginBottom: 12 }}
        columns={[
          { title: t('notifications.preferences.kind'), dataIndex: 'name' },
          ...(['email', 'sms'] as const).map((c) => ({ title: t(`notifications.preferences.${c}`), key: c, width: 110,
            render: (_: unknown, r: Preference) => <Checkbox aria-label={`${r.kind}-${c}`} checked={r[c]} onChange={(e) => toggle(r.kind, c, e.target.checked)} /> })),
        ]} />
      <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>{t('common.save')}</Button>
    </>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('notifications.title')}>
      <Tabs items={[
        { key: 'list', label: t('notifications.title'), children: <NotificationList /> },
        { key: 'preferences', label: t('notifications.preferences.title'), children: <PreferencesForm /> },
      ]} />
    </Card>
  );
}
