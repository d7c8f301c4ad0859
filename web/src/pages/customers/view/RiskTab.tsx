// 风险测评 (CIF-6): questionnaire results with their validity; the one in force on top.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Form, InputNumber, Row, Select, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { CodeSelect } from '../../../components/CodeSelect';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime, orDash } from '../../../lib/format';
import type { CustomerView } from '../api';
import { ASSESSMENT_CHANNELS, createAssessment, fetchAssessments, type Assessment, type AssessmentChannel } from '../api-relations';
import { CodeName } from './CodeName';

const STATE_COLOR = { current: 'green', expired: 'default', superseded: 'orange' } as const;

interface Values { assessedOn: Dayjs; validUntil: Dayjs; result: string; score?: number | null; channel: AssessmentChannel }

function AssessmentModal({ c, onClose, onDone }: { c: CustomerView; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    await createAssessment(c.id, { assessedOn: v.assessedOn.format('YYYY-MM-DD'), validUntil: v.validUntil.format('YYYY-MM-DD'), result: v.result, score: v.score ?? null, channel: v.channel });
    onDone();
  };
  return (
    <FormModal<Values> open width={600} title={t('customers.risk.add')} onCancel={onClose} onSubmit={submit} testId="risk-form"
      initialValues={{ assessedOn: dayjs(), validUntil: dayjs().add(1, 'year').subtract(1, 'day'), channel: 'counter' }}>
      {c.kind === 'personal' && <Alert type="info" showIcon title={t('customers.risk.investorTypeHint')} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="assessedOn" label={t('customers.risk.assessedOn')} rules={[{ required: true, message: t('customers.risk.assessedOnRequired') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="validUntil" label={t('customers.risk.validUntil')} rules={[{ required: true, message: t('customers.risk.validUntilRequired') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="result" label={t('customers.risk.result')} rules={[{ required: true, message: t('customers.risk.resultRequired') }]}>
            <CodeSelect table="investor_type" allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="score" label={t('customers.risk.score')}><InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} /></Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="channel" label={t('customers.risk.channel')} rules={[{ required: true, message: t('customers.risk.channelRequired') }]}>
            <Select options={ASSESSMENT_CHANNELS.map((ch) => ({ value: ch, label: t(`customers.risk.channels.${ch}`) }))} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

export function RiskTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: ['customer', c.id, 'risk'], queryFn: ({ signal }) => fetchAssessments(c.id, signal) });
  const current = list.data?.current;
  return (
    <>
      {list.data && (current
        ? <Alert type="success" showIcon style={{ marginBottom: 12 }} title={<>{t('customers.risk.current')}：<CodeName table="investor_type" code={current.result} />（{current.assessedOn} ~ {current.validUntil}）</>} />
        : <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('customers.risk.none')} />)}
      {can('customer.manage') && c.status === 'active' && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)} data-testid="risk-add">{t('customers.risk.add')}</Button>
      )}
      <Table<Assessment> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }}
        columns={[
          { title: t('customers.risk.assessedOn'), dataIndex: 'assessedOn', width: 110 },
          { title: t('customers.risk.validUntil'), dataIndex: 'validUntil', width: 110 },
          { title: t('customers.risk.result'), dataIndex: 'result', width: 120, render: (v: string) => <CodeName table="investor_type" code={v} /> },
          { title: t('customers.risk.score'), dataIndex: 'score', width: 70, render: orDash },
          { title: t('customers.risk.channel'), dataIndex: 'channel', width: 110, render: (v: AssessmentChannel) => t(`customers.risk.channels.${v}`) },
          { title: t('customers.status.label'), dataIndex: 'status', width: 90, render: (s: Assessment['status']) => <Tag color={STATE_COLOR[s]}>{t(`customers.risk.state.${s}`)}</Tag> },
          { title: t('customers.risk.assessedBy'), dataIndex: 'assessedBy', width: 100, render: (v: string | null) => v ?? t('common.system') },
          { title: t('customers.history.at'), dataIndex: 'createdAt', width: 160, render: formatDateTime },
        ]} />
      {adding && <AssessmentModal c={c} onClose={() => setAdding(false)} onDone={() => {
        setAdding(false);
        message.success(t('customers.risk.saved'));
        void queryClient.invalidateQueries({ queryKey: ['customer', c.id] });
      }} />}
    </>
  );
}
