// 通知发送记录 (administrators): every e-mail and SMS delivery — channel, attempts, last error,
// when it was sent — to see why someone did not hear of a request. Addresses arrive masked.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, orDash } from '../../lib/format';
import { fetchDeliveries, type Delivery } from './api';

const STATUS_COLOR: Record<Delivery['status'], string> = { pending: 'blue', sent: 'green', failed: 'red' };

export default function DeliveryLogPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<{ status?: Delivery['status']; channel?: Delivery['channel'] }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({ queryKey: ['notification-deliveries', filter, page], queryFn: ({ signal }) => fetchDeliveries({ ...filter, ...page }, signal), placeholderData: keepPreviousData });
  const d = (k: string) => t(`notifications.deliveries.${k}` as 'notifications.deliveries.title');
  return (
    <Card size="small" title={d('title')}>
      <Typography.Paragraph type="secondary">{d('intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={d('status')} style={{ width: 140 }} value={filter.status} onChange={(v) => { setFilter((f) => ({ ...f, status: v })); setPage((p) => ({ ...p, page: 1 })); }}
          options={(['pending', 'sent', 'failed'] as const).map((s) => ({ value: s, label: t(`notifications.deliveries.statuses.${s}`) }))} />
        <Select allowClear placeholder={d('channel')} style={{ width: 140 }} value={filter.channel} onChange={(v) => { setFilter((f) => ({ ...f, channel: v })); setPage((p) => ({ ...p, page: 1 })); }}
          options={(['email', 'sms'] as const).map((c) => ({ value: c, label: t(`notifications.deliveries.channels.${c}`) }))} />
      </Space>
      <Table<Delivery> rowKey="id" size="small" data-testid="deliveries-table" scroll={{ x: 1400 }} loading={list.isFetching} dataSource={list.data?.items}
        locale={{ emptyText: list.error ? list.error.message : undefined }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: 'ID', dataIndex: 'id', width: 70 },
          { title: d('recipient'), dataIndex: 'recipient', width: 160 },
          { title: d('kind'), dataIndex: 'kindName', width: 120 },
          { title: d('channel'), dataIndex: 'channel', width: 90, render: (v: Delivery['channel']) => t(`notifications.deliveries.channels.${v}`) },
          { title: d('address'), dataIndex: 'address', width: 170 },
          { title: d('status'), dataIndex: 'status', width: 90, render: (v: Delivery['status']) => <Tag color={STATUS_COLOR[v]}>{t(`notifications.deliveries.statuses.${v}`)}</Tag> },
          { title: d('attempts'), dataIndex: 'attempts', width: 90 },
          { title: d('lastError'), dataIndex: 'lastError', ellipsis: true, render: orDash },
          { title: d('nextAttemptAt'), dataIndex: 'nextAttemptAt', width: 160, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          { title: d('sentAt'), dataIndex: 'sentAt', width: 160, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          { title: d('createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
        ]} />
    </Card>
  );
}
