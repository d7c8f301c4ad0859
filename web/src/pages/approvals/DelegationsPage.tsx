// 代理审批: the delegations I gave (with cancelling) and those given to me, and a form to hand my
// approval steps to a colleague for a period. The rules are the server's (delegation.service.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { cancelDelegation, createDelegation, fetchDelegations, type Delegation } from './api';

const STATUS_COLOR: Record<Delegation['status'], string> = { active: 'green', scheduled: 'blue', ended: 'default', cancelled: 'default' };

export default function DelegationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ delegateUsername: string; period: [Dayjs, Dayjs]; reason?: string }>();
  const list = useQuery({ queryKey: ['approvals', 'delegations'], queryFn: ({ signal }) => fetchDelegations(signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['approvals'] });
  const create = useMutation({
    mutationFn: (v: { delegateUsername: string; period: [Dayjs, Dayjs]; reason?: string }) => createDelegation({
      delegateUsername: v.delegateUsername.trim(), startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD'), ...(v.reason ? { reason: v.reason } : {}),
    }),
    onSuccess: () => { message.success(t('approvals.delegations.created')); form.resetFields(); void refresh(); },
    onError: (e) => report(e, form, { startsOn: 'period', endsOn: 'period' }),
  });
  const d = (k: string) => t(`approvals.delegations.${k}` as 'approvals.delegations.title');
  return (
    <Card size="small" title={d('title')}>
      <Typography.Paragraph type="secondary">{d('intro')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="delegateUsername" label={d('delegate')} rules={[{ required: true }]}><Input maxLength={32} style={{ width: 160 }} /></Form.Item>
        <Form.Item name="period" label={d('period')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
        <Form.Item name="reason" label={d('reason')}><Input maxLength={200} style={{ width: 200 }} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit" loading={create.isPending}>{d('add')}</Button></Form.Item>
      </Form>
      <Table<Delegation> rowKey="id" size="small" data-testid="delegations-table" loading={list.isFetching} dataSource={list.data?.items} pagination={false}
        locale={{ emptyText: list.error ? list.error.message : undefined }}
        columns={[
          { title: d('direction'), dataIndex: 'direction', width: 110, render: (v: Delegation['direction']) => d(v) },
          { title: d('delegator'), key: 'delegator', render: (_: unknown, x) => `${x.delegator}（${x.delegatorUsername}）` },
          { title: d('delegate'), key: 'delegate', render: (_: unknown, x) => `${x.delegate}（${x.delegateUsername}）` },
          { title: d('period'), key: 'period', width: 210, render: (_: unknown, x) => `${x.startsOn} ~ ${x.endsOn}` },
          { title: d('reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
          { title: d('status'), dataIndex: 'status', width: 90, render: (v: Delegation['status']) => <Tag color={STATUS_COLOR[v]}>{t(`approvals.delegations.statuses.${v}`)}</Tag> },
          { title: t('common.actions'), key: 'actions', width: 80, render: (_: unknown, x) => (x.direction === 'given' && (x.status === 'active' || x.status === 'scheduled') ? (
            <Popconfirm title={d('cancelConfirm')} onConfirm={() => cancelDelegation(x.id).then(() => { message.success(d('cancelled')); void refresh(); }, report)}>
              <Button type="link" size="small" danger>{d('cancel')}</Button>
            </Popconfirm>) : null) },
        ]} />
    </Card>
  );
}
