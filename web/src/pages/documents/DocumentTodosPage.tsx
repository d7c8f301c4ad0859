// 资料接收 / 信息录入: the centre's to-dos about flows (seen by every entry clerk of the centre;
// the first to act claims one). Each opens the flow, where the receipt or the entry is confirmed.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { formatDateTime, orDash } from '../../lib/format';
import { fetchTodos, type Todo } from '../todos/api';
import { FlowDrawer } from './FlowDrawer';

export default function DocumentTodosPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'documents.receipt' | 'documents.entry'>('documents.receipt');
  const [params, setParams] = useSearchParams();
  const openId = Number(params.get('open')) || null;
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({ queryKey: ['todos', 'documents', kind, page], queryFn: ({ signal }) => fetchTodos({ status: 'open', kind, ...page }, signal), placeholderData: keepPreviousData });
  const open = (id: number | null) => setParams((p) => { if (id) p.set('open', String(id)); else p.delete('open'); return p; });
  return (
    <Card size="small" title={t('documents.todosTitle')}>
      <Segmented style={{ marginBottom: 12 }} value={kind} onChange={(v) => { setKind(v as typeof kind); setPage((p) => ({ ...p, page: 1 })); }}
        options={[{ value: 'documents.receipt', label: t('documents.receipts') }, { value: 'documents.entry', label: t('documents.entries') }]} />
      <Table<Todo> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items}
        locale={{ emptyText: list.error ? list.error.message : t('documents.noTodos') }}
        onRow={(r) => ({ onClick: () => r.entity && open(Number(r.entity.id)), style: { cursor: 'pointer' } })}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: t('documents.todo'), dataIndex: 'title', render: (v: string) => <a>{v}</a> },
          { title: t('documents.dueOn'), dataIndex: 'dueOn', width: 140, render: (v: string | null, x) => <>{orDash(v)} {x.overdue && <Tag color="red">{t('archive.overdueTag')}</Tag>}</> },
          { title: t('documents.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
        ]} />
      {openId && <FlowDrawer id={openId} onClose={() => open(null)} />}
    </Card>
  );
}
