// 对外投资 (CIF-28): the companies the customer has invested in, largest share first.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Row, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../../api/use-report-error';
import { FormModal } from '../../../components/FormModal';
import { formatMoney, orDash } from '../../../lib/format';
import type { CustomerView } from '../api';
import { createInvestment, deleteInvestment, fetchInvestments, updateInvestment, type Investment } from './api';

interface Values { investeeName: string; investeeCreditCode?: string | null; amount: string; sharePct: string; investedOn?: Dayjs | null; remark?: string | null }

function InvestmentModal({ c, row, onClose, onDone }: { c: CustomerView; row?: Investment; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    const body = {
      investeeName: v.investeeName.trim(), investeeCreditCode: v.investeeCreditCode?.trim() || null, amount: v.amount, sharePct: v.sharePct,
      investedOn: v.investedOn ? v.investedOn.format('YYYY-MM-DD') : null, remark: v.remark?.trim() || null,
    };
    if (row) await updateInvestment(c.id, row.id, { version: row.version, ...body });
    else await createInvestment(c.id, body);
    onDone();
  };
  return (
    <FormModal<Values> open width={640} title={t(row ? 'creditInfo.inv.edit' : 'creditInfo.inv.add')} onCancel={onClose} onSubmit={submit} testId="investment-form"
      initialValues={row ? { ...row, investedOn: row.investedOn ? dayjs(row.investedOn) : null } : {}}>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="investeeName" label={t('creditInfo.inv.investeeName')} rules={[{ required: true, whitespace: true, message: t('creditInfo.inv.nameRequired') }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}><Form.Item name="investeeCreditCode" label={t('creditInfo.inv.investeeCreditCode')}><Input maxLength={18} style={{ textTransform: 'uppercase' }} /></Form.Item></Col>
        <Col span={12}>
          <Form.Item name="investedOn" label={t('creditInfo.inv.investedOn')}><DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="amount" label={t('creditInfo.inv.amount')} rules={[{ required: true, message: t('creditInfo.inv.amountRequired') }]}>
            <InputNumber<string> stringMode precision={2} min="0" max="9999999999999999.99" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="sharePct" label={t('creditInfo.inv.sharePct')} rules={[{ required: true, message: t('creditInfo.inv.shareRequired') }]}>
            <InputNumber<string> stringMode precision={2} min="0" max="100" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}><Form.Item name="remark" label={t('creditInfo.remark')}><Input maxLength={200} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}

export function InvestmentsPanel({ c, manage }: { c: CustomerView; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Investment | 'new' | null>(null);
  const list = useQuery({ queryKey: ['customer', c.id, 'investments'], queryFn: ({ signal }) => fetchInvestments(c.id, signal) });
  const refresh = (text: string) => { setEditing(null); message.success(text); void queryClient.invalidateQueries({ queryKey: ['customer', c.id, 'investments'] }); };
  const remove = (i: Investment) => deleteInvestment(c.id, i.id).then(() => refresh(t('creditInfo.inv.deleted')), report);
  return (
    <>
      {manage && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')} data-testid="investment-add">{t('creditInfo.inv.add')}</Button>}
      <Table<Investment> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }} data-testid="customer-investments"
        columns={[
          { title: t('creditInfo.inv.investeeName'), dataIndex: 'investeeName' },
          { title: t('creditInfo.inv.investeeCreditCode'), dataIndex: 'investeeCreditCode', width: 190, render: (v: string | null) => (v ? <code>{v}</code> : '—') },
          { title: t('creditInfo.inv.amount'), dataIndex: 'amount', width: 160, align: 'right', render: (v: string) => formatMoney(v) },
          { title: t('creditInfo.inv.sharePct'), dataIndex: 'sharePct', width: 110, align: 'right' },
          { title: t('creditInfo.inv.investedOn'), dataIndex: 'investedOn', width: 110, render: orDash },
          { title: t('creditInfo.remark'), dataIndex: 'remark', width: 180, ellipsis: true, render: orDash },
          ...(manage ? [{
            title: t('common.actions'), key: 'actions', width: 110,
            render: (_: unknown, i: Investment) => (
              <Space size={4}>
                <a onClick={() => setEditing(i)}>{t('common.edit')}</a>
                <Popconfirm title={t('creditInfo.inv.deleteConfirm')} description={t('creditInfo.deleteHint')} onConfirm={() => remove(i)} okButtonProps={{ danger: true }}>
                  <a style={{ color: '#cf1322' }}>{t('common.delete')}</a>
                </Popconfirm>
              </Space>
            ),
          }] : []),
        ]} />
      {editing && <InvestmentModal c={c} row={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onDone={() => refresh(t('creditInfo.inv.saved'))} />}
    </>
  );
}
