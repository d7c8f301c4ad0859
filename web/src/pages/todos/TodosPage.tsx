// 待办事宜: my to-dos and those of institutions in my charge I can act on (certificate expiry
// reminders and the like), overdue first; each opens the screen where the work is done.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Popconfirm, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useReportError } from '../../api/use-report-error';
import { formatDateTime, orDash } from '../../lib/format';
import { completeTodo, fetchTodoCount, fetchTodos, todoLink, type Todo } from './api';

export default function TodosPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({ queryKey: ['todos', status, page], queryFn: ({ signal }) => fetchTodos({ status, ...page }, signal), placeholderData: keepPreviousData });
  const count = useQuery({ queryKey: ['todos', 'count'], queryFn: ({ signal }) => fetchTodoCount(signal) });
  const done = (todo: Todo) => completeTodo(todo.id).then(() => {
    message.success(t('todos.done'));
    void queryClient.invalidateQueries({ queryKey: ['todos'] });
  }, report);

  return (
    <Card size="small" title={t('todos.title')}>
      <Space size={48} style={{ marginBottom: 12 }}>
        <Statistic title={t('todos.open')} value={count.data?.open ?? 0} />
        <Statistic title={t('todos.overdue')} value={count.data?.overdue ?? 0} styles={{ content: { color: count.data?.overdue ? '#cf1322' : undefined } }} />
        <Statistic title={t('todos.dueToday')} value={count.data?.dueToday ?? 0} />
      </Space>
      <div style={{ marginBottom: 12 }}>
        <Segmented value={status} onChange={(v) => { setStatus(v as 'open' | 'done'); setPage((p) => ({ ...p, page: 1 })); }}
          options={[{ value: 'open', label: t('todos.statusOpen') }, { value: 'done', label: t('todos.statusDone') }]} />
      </div>
      <Table<Todo> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items}
        locale={{ emptyText: list.error ? list.error.message : t('todos.none') }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: t('todos.titleCol'), dataIndex: 'title', render: (v: string, x) => { const to = todoLink(x); return to ? <Link to={to}>{v}</Link> : v; } },
          { title: t('todos.dueOn'), dataIndex: 'dueOn', width: 150, render: (v: string | null, x) => <>{orDash(v)} {x.overdue && <Tag color="red">{t('todos.overdueTag')}</Tag>}</> },
          { title: t('todos.createdAt'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
          ...(status === 'done' ? [
            { title: t('todos.doneAt'), dataIndex: 'doneAt', width: 160, render: formatDateTime },
            { title: t('todos.doneBy'), dataIndex: 'doneBy', width: 100, render: (v: string | null) => v ?? t('common.system') },
          ] : [{
            title: t('common.actions'), key: 'actions', width: 90,
            render: (_: unknown, x: Todo) => (
              <Popconfirm title={t('todos.doneConfirm')} onConfirm={() => done(x)}><a>{t('todos.markDone')}</a></Popconfirm>
            ),
          }]),
        ]} />
    </Card>
  );
}
