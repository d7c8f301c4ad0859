// 单证传递: the flows my institutions sent and those my centre receives; a new flow; one flow's drawer.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Segmented, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth/session';
import { formatDateTime } from '../../lib/format';
import { fetchFlows, FLOW_STATUSES, type Flow, type FlowStatus } from './api';
import { FlowDrawer, FlowStatusTag } from './FlowDrawer';
import { FlowFormModal } from './FlowFormModal';

export default function DocumentFlowsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const openId = Number(params.get('open')) || null;
  const [side, setSide] = useState<'all' | 'sent' | 'centre'>('all');
  const [status, setStatus] = useState<FlowStatus | undefined>();
  const [flowNo, setFlowNo] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const q = { ...page, status, flowNo, side: side === 'all' ? undefined : side };
  const list = useQuery({ queryKey: ['documents', 'flows', q], queryFn: ({ signal }) => fetchFlows(q, signal), placeholderData: keepPreviousData });
  const open = (id: number | null) => setParams((p) => { if (id) p.set('open', String(id)); else p.delete('open'); return p; });

  return (
    <Card size="small" title={t('documents.flowsTitle')}
      extra={can('document.submit') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="flow-new">{t('documents.newFlow')}</Button>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={side} onChange={(v) => { setSide(v as typeof side); setPage((p) => ({ ...p, page: 1 })); }}
          options={(['all', 'sent', 'centre'] as const).map((s) => ({ value: s, label: t(`documents.side.${s}`) }))} />
        <Select allowClear style={{ width: 140 }} placeholder={t('documents.status')} value={status} onChange={(v) => { setStatus(v); setPage((p) => ({ ...p, page: 1 })); }}
          options={FLOW_STATUSES.map((s) => ({ value: s, label: t(`documents.statusLabel.${s}`) }))} />
        <Input.Search allowClear placeholder={t('documents.flowNo')} maxLength={10} style={{ width: 200 }}
          onSearch={(v) => { setFlowNo(v.trim() || undefined); setPage((p) => ({ ...p, page: 1 })); }} />
      </Space>
      <Table<Flow> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items}
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }}
        onRow={(r) => ({ onClick: () => open(r.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: t('documents.flowNo'), dataIndex: 'flowNo', width: 120 },
          { title: t('documents.status'), dataIndex: 'status', width: 90, render: (s: FlowStatus) => <FlowStatusTag status={s} /> },
          { title: t('documents.accountNo'), dataIndex: 'accountNo', width: 170 },
          { title: t('documents.accountName'), dataIndex: 'accountName' },
          { title: t('documents.totalCopies'), dataIndex: 'totalCopies', width: 80 },
          { title: t('documents.institution'), dataIndex: ['institution', 'name'], width: 110 },
          { title: t('documents.centre'), dataIndex: ['centre', 'name'], width: 110 },
          { title: t('documents.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
        ]} />
      {openId && <FlowDrawer id={openId} onClose={() => open(null)} />}
      {creating && <FlowFormModal flow={null} onClose={() => setCreating(false)}
        onSaved={(id, no) => { setCreating(false); message.success(t('documents.saved', { flowNo: no })); void queryClient.invalidateQueries({ queryKey: ['documents'] }); open(id); }} />}
    </Card>
  );
}
