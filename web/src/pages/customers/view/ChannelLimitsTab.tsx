// 渠道限额 (ACC-7): the customer's own limits per channel — in force today, changes scheduled
// from a later date, and every change ever made. A change is a new record from its effective date.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime, formatMoney, orDash } from '../../../lib/format';
import type { CustomerView } from '../api';
import { fetchChannelLimits, setChannelLimit, type ChannelLimit, type ChannelLimits, type LimitChannel } from './signings-api';

const STATE_COLOR = { current: 'green', scheduled: 'blue', superseded: 'default' } as const;
const MAX = '9999999999999999.99';

interface Values { perTransaction?: string | null; dailyAmount?: string | null; dailyCount?: number | null; annualAmount?: string | null; effectiveFrom: Dayjs; remark?: string }

function LimitModal({ c, channel, current, onClose, onDone }: { c: CustomerView; channel: LimitChannel; current: ChannelLimit | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    await setChannelLimit(c.id, {
      channel, perTransaction: v.perTransaction || null, dailyAmount: v.dailyAmount || null, dailyCount: v.dailyCount ?? null,
      annualAmount: v.annualAmount || null, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), remark: v.remark?.trim() || null,
    });
    onDone();
  };
  const amount = (name: 'perTransaction' | 'dailyAmount' | 'annualAmount') => (
    <Col span={12}>
      <Form.Item name={name} label={t(`signings.limits.${name}`)}>
        <InputNumber<string> stringMode precision={2} min="0" max={MAX} style={{ width: '100%' }} suffix={t('signings.limits.yuan')} />
      </Form.Item>
    </Col>
  );
  return (
    <FormModal<Values> open width={620} title={t('signings.limits.editTitle', { channel: t(`signings.limits.channel.${channel}`) })} onCancel={onClose} onSubmit={submit}
      testId="channel-limit-form" initialValues={{
        perTransaction: current?.perTransaction, dailyAmount: current?.dailyAmount, dailyCount: current?.dailyCount, annualAmount: current?.annualAmount, effectiveFrom: dayjs(),
      }}>
      <Alert type="info" showIcon title={t('signings.limits.intro')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        {amount('perTransaction')}
        {amount('dailyAmount')}
        <Col span={12}>
          <Form.Item name="dailyCount" label={t('signings.limits.dailyCount')}><InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} /></Form.Item>
        </Col>
        {amount('annualAmount')}
        <Col span={12}>
          <Form.Item name="effectiveFrom" label={t('signings.limits.effectiveFrom')} rules={[{ required: true, message: t('common.effectiveDateRequired') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(1, 'year'), 'day')} />
          </Form.Item>
        </Col>
        <Col span={12}><Form.Item name="remark" label={t('signings.limits.remark')}><Input maxLength={200} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}

const money = (v: string | null) => (v === null ? <Typography.Text type="secondary">{'—'}</Typography.Text> : formatMoney(v));

export function ChannelLimitsTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<LimitChannel | null>(null);
  const limits = useQuery({ queryKey: ['customer', c.id, 'channel-limits'], queryFn: ({ signal }) => fetchChannelLimits(c.id, signal) });
  const manage = can('limit.manage') && c.status === 'active';
  type ChannelRow = ChannelLimits['channels'][number];
  const channelName = (ch: LimitChannel) => t(`signings.limits.channel.${ch}`);
  const cur = (k: 'perTransaction' | 'dailyAmount' | 'annualAmount') => (_: unknown, r: ChannelRow) => (r.current ? money(r.current[k]) : null);

  return (
    <>
      <Alert type="info" showIcon title={t('signings.limits.intro')} style={{ marginBottom: 12 }} />
      <Table<ChannelRow> rowKey="channel" size="small" loading={limits.isFetching} dataSource={limits.data?.channels} pagination={false}
        locale={{ emptyText: limits.error ? limits.error.message : t('common.noData') }} data-testid="channel-limits"
        columns={[
          { title: t('signings.limits.channelLabel'), dataIndex: 'channel', width: 130, render: channelName },
          { title: t('signings.limits.perTransaction'), key: 'per', align: 'right', render: cur('perTransaction') },
          { title: t('signings.limits.dailyAmount'), key: 'daily', align: 'right', render: cur('dailyAmount') },
          { title: t('signings.limits.dailyCount'), key: 'count', align: 'right', width: 110, render: (_: unknown, r: ChannelRow) => (r.current ? orDash(r.current.dailyCount) : null) },
          { title: t('signings.limits.annualAmount'), key: 'annual', align: 'right', render: cur('annualAmount') },
          {
            title: t('signings.limits.effectiveFrom'), key: 'from', width: 200,
            render: (_: unknown, r: ChannelRow) => (
              <Space size={4} wrap>
                {r.current ? r.current.effectiveFrom : <Tag>{t('signings.limits.notSet')}</Tag>}
                {r.scheduled.map((s) => (
                  <Tooltip key={s.id} title={[s.perTransaction, s.dailyAmount, s.annualAmount].map((v) => (v === null ? '—' : formatMoney(v))).join(' / ')}>
                    <Tag color="blue">{t('signings.limits.scheduled')} {t('signings.limits.scheduledOn', { date: s.effectiveFrom })}</Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
          ...(manage ? [{
            title: t('common.actions'), key: 'actions', width: 80,
            render: (_: unknown, r: ChannelRow) => <a onClick={() => setEditing(r.channel)} data-testid={`channel-limit-edit-${r.channel}`}>{t('signings.limits.edit')}</a>,
          }] : []),
        ]} />
      <Typography.Title level={5} style={{ marginTop: 20 }}>{t('signings.limits.history')}</Typography.Title>
      <Table rowKey="id" size="small" dataSource={limits.data?.history} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="channel-limit-history"
        columns={[
          { title: t('signings.limits.setAt'), dataIndex: 'setAt', width: 160, render: formatDateTime },
          { title: t('signings.limits.channelLabel'), dataIndex: 'channel', width: 120, render: channelName },
          { title: t('signings.limits.perTransaction'), dataIndex: 'perTransaction', align: 'right', render: money },
          { title: t('signings.limits.dailyAmount'), dataIndex: 'dailyAmount', align: 'right', render: money },
          { title: t('signings.limits.dailyCount'), dataIndex: 'dailyCount', align: 'right', width: 100, render: orDash },
          { title: t('signings.limits.annualAmount'), dataIndex: 'annualAmount', align: 'right', render: money },
          { title: t('signings.limits.effectiveFrom'), dataIndex: 'effectiveFrom', width: 110 },
          { title: t('customers.status.label'), dataIndex: 'state', width: 90, render: (s: keyof typeof STATE_COLOR) => <Tag color={STATE_COLOR[s]}>{t(`signings.limits.state.${s}`)}</Tag> },
          { title: t('signings.limits.setBy'), dataIndex: 'setBy', width: 100, render: (v: string | null) => v ?? t('common.system') },
          { title: t('signings.limits.remark'), dataIndex: 'remark', ellipsis: true, render: orDash },
        ]} />
      {editing && limits.data && (
        <LimitModal c={c} channel={editing} current={limits.data.channels.find((x) => x.channel === editing)?.current ?? null}
          onClose={() => setEditing(null)} onDone={() => {
            message.success(t('signings.limits.saved', { channel: channelName(editing) }));
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: ['customer', c.id, 'channel-limits'] });
          }} />
      )}
    </>
  );
}
