// 业绩分配 on the customer view (PERF-1): the shares in force (the primary manager's 100 % without a
// split), every allocation made, and for 业绩分配岗 the application: people and percentages summing
// to exactly 100, an effective date and a reason — approved through the engine (审批).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCan } from '../../auth/session';
import { FormModal } from '../../components/FormModal';
import type { CustomerView } from '../customers/api';

interface Allocation {
  asOf: string; current: { userId: number; name: string; share: string }[];
  history: { id: number; name: string; share: string; since: string; endsOn: string | null }[];
}
interface Person { id: number; username: string; displayName: string; institution: string }

function PersonSelect({ value, onChange }: { value?: number; onChange?: (v: number) => void }) {
  const [q, setQ] = useState('');
  const people = useQuery({ queryKey: ['allocation-people', q], queryFn: ({ signal }) => api.get<{ items: Person[] }>('/performance-allocations/people', q ? { q } : undefined, signal) });
  return <Select showSearch={{ filterOption: false, onSearch: setQ }} value={value} onChange={onChange} style={{ width: 280 }} loading={people.isFetching}
    options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.displayName}（${p.username}）· ${p.institution}` }))} />;
}

export function AllocationTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: ['performance-allocation', c.id], queryFn: ({ signal }) => api.get<Allocation>(`/customers/${c.id}/performance-allocation`, undefined, signal) });
  return (
    <Card size="small" loading={q.isLoading} data-testid="performance-allocation" title={t('performance.tab')} style={{ marginTop: 12 }}
      extra={can('performance.allocate') && <Button type="primary" size="small" onClick={() => setOpen(true)} data-testid="allocation-apply">{t('performance.apply')}</Button>}>
      <Typography.Title level={5}>{t('performance.current', { date: q.data?.asOf ?? '' })}</Typography.Title>
      <Table size="small" rowKey="userId" pagination={false} dataSource={q.data?.current}
        columns={[{ title: t('performance.person'), dataIndex: 'name' }, { title: t('performance.share'), dataIndex: 'share', align: 'right', render: (v: string) => `${v}%` }]} />
      {!!q.data?.history.length && (
        <Table size="small" rowKey="id" pagination={false} dataSource={q.data.history} title={() => t('performance.history')} style={{ marginTop: 12 }}
          columns={[{ title: t('performance.person'), dataIndex: 'name' }, { title: t('performance.share'), dataIndex: 'share', align: 'right', render: (v: string) => `${v}%` },
            { title: t('performance.since'), dataIndex: 'since' }, { title: t('performance.endsOn'), dataIndex: 'endsOn', render: (v: string | null) => v ?? '—' }]} />
      )}
      {open && (
        <FormModal<{ shares: { managerId?: number; share?: number }[]; effectiveOn: Dayjs; reason: string }> open width={560} title={t('performance.applyTitle', { name: c.name })} testId="allocation-form"
          initialValues={{ shares: [{}, {}], effectiveOn: dayjs() }} onCancel={() => setOpen(false)}
          onSubmit={async (v) => {
            const r = await api.post<{ requestId: number }>('/performance-allocations', { customerId: c.id, effectiveOn: v.effectiveOn.format('YYYY-MM-DD'), reason: v.reason,
              shares: v.shares.map((s) => ({ managerId: s.managerId, share: Number(s.share).toFixed(2) })) });
            setOpen(false);
            message.success(t('performance.submitted', { id: r.requestId }));
          }}>
          <Form.List name="shares">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'managerId']} rules={[{ required: true, message: t('performance.required') }]}><PersonSelect /></Form.Item>
                    <Form.Item name={[f.name, 'share']} rules={[{ required: true, message: t('performance.required') }]}><InputNumber min={0.01} max={100} precision={2} addonAfter="%" /></Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>{t('performance.addPerson')}</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="effectiveOn" label={t('performance.effectiveOn')} rules={[{ required: true }]} style={{ marginTop: 12 }}><DatePicker /></Form.Item>
          <Form.Item name="reason" label={t('performance.reason')} rules={[{ required: true, whitespace: true, message: t('performance.required') }]}><Input.TextArea maxLength={200} rows={2} /></Form.Item>
        </FormModal>
      )}
    </Card>
  );
}
