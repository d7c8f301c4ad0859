// 待分配客户 (REL-21): customers in my charge without a manager, held by the outlet's temporary
// staff or by a manager who has left — longest waiting first, overdue after three working days
// (the bank's calendar). The assignment role picks some and gives them to a manager: the server
// counts them first (preview), then assigns all or nothing.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Modal, Radio, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { formatDate } from '../../lib/format';

interface Waiting { id: number; customerNo: string; name: string; primaryManager: string | null; reason: 'none' | 'temporary_staff' | 'departed'; since: string; dueOn: string; overdue: boolean }
interface Manager { id: number; username: string; displayName: string; institution: string }
type Role = 'primary' | 'assisting' | 'assistant';
const REASON_COLOR = { none: 'default', temporary_staff: 'blue', departed: 'orange' } as const;

function AssignModal({ ids, onClose, onDone }: { ids: number[]; onClose: () => void; onDone: (count: number) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [managerId, setManagerId] = useState<number>();
  const [role, setRole] = useState<Role>('primary');
  const managers = useQuery({ queryKey: ['assignable-managers', q], queryFn: ({ signal }) => api.get<{ items: Manager[] }>('/customer-assignments/managers', q ? { q } : undefined, signal) });
  const body = { selection: { customerIds: ids }, managerId: managerId!, role };
  const preview = useQuery({ queryKey: ['assignment-preview', ids, managerId, role], enabled: managerId !== undefined,
    queryFn: () => api.post<{ count: number; unchanged: number; effectiveOn: string }>('/customer-assignments/preview', body) });
  const assign = useMutation({ mutationFn: () => api.post<{ count: number }>('/customer-assignments', { ...body, expectedCount: preview.data!.count }), onSuccess: (r) => onDone(r.count) });
  return (
    <Modal open title={t('managers.assignment.title', { count: ids.length })} onCancel={onClose} okText={t('managers.assignment.confirm')}
      okButtonProps={{ disabled: !preview.data, loading: assign.isPending, ...{ 'data-testid': 'assignment-confirm' } }} onOk={() => assign.mutate()}>
      <Form layout="vertical">
        <Form.Item label={t('managers.assignment.manager')} required>
          <Select showSearch={{ filterOption: false, onSearch: setQ }} value={managerId} onChange={setManagerId} loading={managers.isFetching} data-testid="assignment-manager"
            placeholder={t('managers.transfer.searchManager')} options={(managers.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.displayName}（${m.username}）· ${m.institution}` }))} />
        </Form.Item>
        <Form.Item label={t('managers.assignment.role')}>
          <Radio.Group value={role} onChange={(e) => setRole(e.target.value as Role)} options={(['primary', 'assisting', 'assistant'] as const).map((r) => ({ value: r, label: t(`managers.assignment.roles.${r}`) }))} />
        </Form.Item>
      </Form>
      {preview.data && <Typography.Text data-testid="assignment-preview">{t('managers.assignment.preview', { count: preview.data.count, unchanged: preview.data.unchanged, date: preview.data.effectiveOn })}</Typography.Text>}
      {(preview.error ?? assign.error) && <Typography.Text type="danger">{(preview.error ?? assign.error)!.message}</Typography.Text>}
    </Modal>
  );
}

export default function AssignmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [assigning, setAssigning] = useState(false);
  const list = useQuery({ queryKey: ['assignments-needed', page, overdueOnly], queryFn: ({ signal }) =>
    api.get<{ total: number; items: Waiting[] }>('/customer-assignments/needed', { page, pageSize: 20, ...(overdueOnly ? { overdueOnly: 'true' } : {}) }, signal) });
  const columns: TableColumnsType<Waiting> = [
    { title: t('managers.assignment.customer'), key: 'name', render: (_, r) => <Link to={`/customers/${r.id}`}>{r.name}</Link> },
    { title: t('managers.assignment.customerNo'), dataIndex: 'customerNo', width: 130 },
    { title: t('managers.assignment.reason'), key: 'reason', width: 200, render: (_, r) => <><Tag color={REASON_COLOR[r.reason]}>{t(`managers.assignment.reasons.${r.reason}`)}</Tag>{r.primaryManager && r.reason === 'departed' ? r.primaryManager : ''}</> },
    { title: t('managers.assignment.since'), dataIndex: 'since', width: 120, render: (v: string) => formatDate(v) },
    { title: t('managers.assignment.dueOn'), key: 'due', width: 160, render: (_, r) => <>{formatDate(r.dueOn)}{r.overdue && <Tag color="red" style={{ marginLeft: 6 }}>{t('managers.assignment.overdue')}</Tag>}</> },
  ];
  return (
    <Card size="small" title={t('managers.assignment.pageTitle')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" disabled={!selected.length} onClick={() => setAssigning(true)} data-testid="assignment-open">{t('managers.assignment.assign', { count: selected.length })}</Button>
        <Switch checked={overdueOnly} onChange={(v) => { setOverdueOnly(v); setPage(1); }} data-testid="assignment-overdue-only" /> <span>{t('managers.assignment.overdueOnly')}</span>
        {list.data && <Typography.Text type="secondary">{t('managers.assignment.total', { count: list.data.total })}</Typography.Text>}
      </Space>
      <Typography.Paragraph type="secondary">{t('managers.assignment.rule')}</Typography.Paragraph>
      <Table<Waiting> size="small" rowKey="id" loading={list.isLoading} columns={columns} dataSource={list.data?.items} data-testid="assignments-table"
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), preserveSelectedRowKeys: true }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }} />
      {assigning && (
        <AssignModal ids={selected} onClose={() => setAssigning(false)} onDone={(count) => {
          setAssigning(false); setSelected([]); message.success(t('managers.assignment.done', { count }));
          void client.invalidateQueries({ queryKey: ['assignments-needed'] });
        }} />
      )}
    </Card>
  );
}
