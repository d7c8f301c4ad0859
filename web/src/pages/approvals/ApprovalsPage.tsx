// 审批: the steps awaiting me (my roles, institutions in my charge, never my own requests), most
// urgent first, with batch approval; and the requests I submitted, where returned ones wait for me.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, List, Modal, Popconfirm, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useReportError } from '../../api/use-report-error';
import { formatDateTime, orDash } from '../../lib/format';
import { batchApprove, fetchApprovalCount, fetchInbox, fetchMine, type ApprovalItem, type BatchResult } from './api';
import { typeLabel } from './labels';
import { RequestDrawer } from './RequestDrawer';
import { StatusTag } from './StatusTag';

const PAGE_SIZE = 20;

export default function ApprovalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'mine' ? 'mine' : 'inbox';
  const openId = Number(params.get('id')) || null;
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ApprovalItem[]>([]);
  const [batch, setBatch] = useState<BatchResult | null>(null);

  const list = useQuery({
    queryKey: ['approvals', tab, page],
    queryFn: ({ signal }) => (tab === 'inbox' ? fetchInbox({ page, pageSize: PAGE_SIZE }, signal) : fetchMine({ page, pageSize: PAGE_SIZE }, signal)),
    placeholderData: keepPreviousData,
  });
  const count = useQuery({ queryKey: ['approvals', 'count'], queryFn: ({ signal }) => fetchApprovalCount(signal) });
  const open = (id: number | null) => setParams((p) => { if (id) p.set('id', String(id)); else p.delete('id'); return p; });
  const switchTab = (key: string) => { setPage(1); setSelected([]); setParams(key === 'mine' ? { tab: 'mine' } : {}); };

  const approveSelected = () => batchApprove(selected.map((s) => ({ id: s.id, step: s.step }))).then((r) => {
    setSelected([]);
    if (r.refused) setBatch(r); else message.success(t('approvals.batchDone', { approved: r.approved, refused: r.refused }));
    void queryClient.invalidateQueries({ queryKey: ['approvals'] });
  }, report);

  const items = list.data?.items ?? [];
  // The server says whether a next page exists; the table is told one row more so it offers it.
  const total = (page - 1) * PAGE_SIZE + items.length + (list.data?.hasMore ? 1 : 0);
  return (
    <Card size="small" title={t('approvals.title')}>
      <Space size={48} style={{ marginBottom: 12 }}>
        <Statistic title={t('approvals.pending')} value={count.data?.pending ?? 0} />
        <Statistic title={t('approvals.overdue')} value={count.data?.overdue ?? 0} styles={{ content: { color: count.data?.overdue ? '#cf1322' : undefined } }} />
        <Statistic title={t('approvals.returnedToMe')} value={count.data?.returnedToMe ?? 0} />
      </Space>
      <Tabs activeKey={tab} onChange={switchTab} items={[{ key: 'inbox', label: t('approvals.inbox') }, { key: 'mine', label: t('approvals.mine') }]}
        tabBarExtraContent={tab === 'inbox' && (
          <Popconfirm title={t('approvals.batchConfirm', { count: selected.length })} onConfirm={approveSelected} disabled={!selected.length}>
            <Button type="primary" disabled={!selected.length} data-testid="approval-batch">{t('approvals.batchApprove', { count: selected.length })}</Button>
          </Popconfirm>
        )} />
      <Table<ApprovalItem> rowKey="id" size="small" loading={list.isFetching} dataSource={items} data-testid="approvals-table"
        locale={{ emptyText: list.error ? list.error.message : t(tab === 'inbox' ? 'approvals.none' : 'approvals.noneMine') }}
        rowSelection={tab === 'inbox' ? { selectedRowKeys: selected.map((s) => s.id), onChange: (_, rows) => setSelected(rows) } : undefined}
        onRow={(x) => ({ onClick: () => open(x.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: PAGE_SIZE, total, showSizeChanger: false, onChange: (p) => { setPage(p); setSelected([]); } }}
        columns={[
          { title: t('approvals.requestNo'), dataIndex: 'id', width: 90 },
          { title: t('approvals.type'), dataIndex: 'type', width: 120, render: (v: string) => typeLabel(t, v) },
          { title: t('approvals.subject'), dataIndex: ['subject', 'label'] },
          { title: t('approvals.maker'), dataIndex: 'maker', width: 110 },
          { title: t('approvals.makerInstitution'), dataIndex: 'makerInstitution', width: 140 },
          { title: t('approvals.step'), key: 'step', width: 110, render: (_: unknown, x) => t('approvals.stepOf', { step: x.step, count: x.stepCount }) },
          ...(tab === 'mine' ? [{ title: t('approvals.statusLabel'), dataIndex: 'status', width: 90, render: (v: ApprovalItem['status']) => <StatusTag status={v} /> }] : []),
          { title: t('approvals.dueOn'), dataIndex: 'dueOn', width: 140, render: (v: string | null, x) => <>{x.status === 'pending' ? orDash(v) : '—'} {x.overdue && <Tag color="red">{t('approvals.overdueTag')}</Tag>}</> },
          { title: t(tab === 'mine' ? 'approvals.updatedAt' : 'approvals.submittedAt'), key: 'at', width: 160, render: (_: unknown, x) => formatDateTime(tab === 'mine' ? x.updatedAt : x.submittedAt) },
        ]} />
      {openId && <RequestDrawer id={openId} onClose={() => open(null)} />}
      <Modal open={!!batch} title={batch && t('approvals.batchDone', { approved: batch.approved, refused: batch.refused })} onCancel={() => setBatch(null)} footer={null} data-testid="approval-batch-result">
        <p>{t('approvals.batchRefused')}</p>
        <List size="small" dataSource={batch?.items.filter((i) => !i.ok) ?? []}
          renderItem={(i) => <List.Item><a onClick={() => { setBatch(null); open(i.id); }}>{i.id}</a>：{i.message}</List.Item>} />
      </Modal>
    </Card>
  );
}
