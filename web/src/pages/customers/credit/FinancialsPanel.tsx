// 财务信息 (CIF-28): one statement per reporting period with its key items and the ratios the
// server computes exactly; the balance-sheet rules are the server's, shown on the fields.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Descriptions, Divider, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Switch, Table, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../../api/use-report-error';
import { CodeSelect } from '../../../components/CodeSelect';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime, formatMoney, orDash } from '../../../lib/format';
import type { CustomerView } from '../api';
import { createStatement, deleteStatement, fetchStatements, PERIOD_TYPES, PERIODS_PER_YEAR, STATEMENT_ITEMS, updateStatement, type PeriodType, type Statement, type StatementItem } from './api';

type Values = { fiscalYear: number; periodType: PeriodType; period: number; audited: boolean; auditor?: string | null; currency: string; employees?: number | null; remark?: string | null }
  & Partial<Record<StatementItem, string | null>>;

export function periodLabel(t: TFunction, s: { fiscalYear: number; periodType: PeriodType; period: number }) {
  const n = s.periodType === 'semiannual' ? t(`creditInfo.fin.half.${String(s.period) as '1'}`) : String(s.period);
  return t(`creditInfo.fin.periodLabel.${s.periodType}`, { year: s.fiscalYear, n });
}
const money = (v: string | null | undefined) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(v)}</span>;

function StatementFields({ row }: { row?: Statement }) {
  const { t } = useTranslation();
  // Inside the modal's form: the period list and the auditor follow what the clerk picked.
  const periodType: PeriodType = Form.useWatch('periodType') ?? row?.periodType ?? 'annual';
  const audited: boolean = Form.useWatch('audited') ?? row?.audited ?? false;
  const item = (i: (typeof STATEMENT_ITEMS)[number]) => (
    <Col span={12} key={i.key}>
      <Form.Item name={i.key} label={t(`creditInfo.fin.${i.key}`)} rules={i.required ? [{ required: true, message: t('creditInfo.fin.required') }] : []}>
        <InputNumber<string> stringMode precision={2} min={i.signed ? '-9999999999999999.99' : '0'} max="9999999999999999.99" suffix={t('creditInfo.yuan')} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  return (
    <>
      <Alert type="info" showIcon title={t('creditInfo.fin.balanceRule')} style={{ marginBottom: 12 }} />
      <Row gutter={16}>
        <Col span={6}><Form.Item name="fiscalYear" label={t('creditInfo.fin.fiscalYear')} rules={[{ required: true, message: t('creditInfo.fin.required') }]}><InputNumber min={1900} max={2999} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={6}><Form.Item name="periodType" label={t('creditInfo.fin.periodType')}><Select options={PERIOD_TYPES.map((p) => ({ value: p, label: t(`creditInfo.fin.periodTypes.${p}`) }))} /></Form.Item></Col>
        <Col span={6}>
          <Form.Item name="period" label={t('creditInfo.fin.periodNo')}>
            <Select disabled={periodType === 'annual'} options={Array.from({ length: PERIODS_PER_YEAR[periodType] }, (_, i) => ({ value: i + 1, label: String(i + 1) }))} />
          </Form.Item>
        </Col>
        <Col span={6}><Form.Item name="currency" label={t('creditInfo.fin.currency')}><CodeSelect table="currency" allowClear={false} /></Form.Item></Col>
        <Col span={6}><Form.Item name="audited" label={t('creditInfo.fin.audited')} valuePropName="checked"><Switch /></Form.Item></Col>
        <Col span={18}>
          <Form.Item name="auditor" label={t('creditInfo.fin.auditor')} extra={t('creditInfo.fin.auditorHint')}><Input maxLength={100} disabled={!audited} /></Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>{t('creditInfo.fin.balanceSheet')}</Divider>
      <Row gutter={16}>{STATEMENT_ITEMS.filter((i) => i.group === 'balanceSheet').map(item)}</Row>
      <Divider titlePlacement="start" plain>{t('creditInfo.fin.incomeStatement')}</Divider>
      <Row gutter={16}>{STATEMENT_ITEMS.filter((i) => i.group === 'incomeStatement').map(item)}</Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="employees" label={t('creditInfo.fin.employees')} extra={t('creditInfo.fin.employeesHint')}>
            <InputNumber min={0} max={10000000} precision={0} suffix={t('creditInfo.fin.persons')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="remark" label={t('creditInfo.remark')}><Input maxLength={200} /></Form.Item>
    </>
  );
}

function StatementModal({ c, row, onClose, onDone }: { c: CustomerView; row?: Statement; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    const items = Object.fromEntries(STATEMENT_ITEMS.map((i) => [i.key, v[i.key] ?? null])) as Record<StatementItem, string>;
    const common = { fiscalYear: v.fiscalYear, periodType: v.periodType, period: v.periodType === 'annual' ? 1 : v.period, audited: !!v.audited,
      auditor: v.audited ? v.auditor?.trim() || null : null, currency: v.currency, employees: v.employees ?? null, remark: v.remark?.trim() || null, ...items };
    if (row) await updateStatement(c.id, row.id, { version: row.version, ...common });
    else await createStatement(c.id, common);
    onDone();
  };
  const initial: Partial<Values> = row ? { ...row } : { fiscalYear: new Date().getFullYear() - 1, periodType: 'annual', period: 1, audited: false, currency: 'CNY' };
  return (
    <FormModal<Values> open width={820} title={t(row ? 'creditInfo.fin.edit' : 'creditInfo.fin.add')} onCancel={onClose} onSubmit={submit} initialValues={initial} testId="statement-form">
      <StatementFields row={row} />
    </FormModal>
  );
}

/** The whole statement under its row: every item, the auditor and the remark. */
function StatementDetail({ s }: { s: Statement }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={4} bordered items={[
      ...STATEMENT_ITEMS.map((i) => ({ key: i.key, label: t(`creditInfo.fin.${i.key}`), children: money(s[i.key]) })),
      { key: 'employees', label: t('creditInfo.fin.employees'), children: s.employees ?? '—' },
      { key: 'auditor', label: t('creditInfo.fin.auditor'), children: orDash(s.auditor) },
      { key: 'remark', label: t('creditInfo.remark'), children: orDash(s.remark) },
      { key: 'by', label: t('creditInfo.updatedBy'), children: `${orDash(s.updatedBy)}　${formatDateTime(s.updatedAt)}` },
    ]} />
  );
}

export function FinancialsPanel({ c, manage }: { c: CustomerView; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Statement | 'new' | null>(null);
  const list = useQuery({ queryKey: ['customer', c.id, 'financials'], queryFn: ({ signal }) => fetchStatements(c.id, signal) });
  const refresh = (text: string) => { setEditing(null); message.success(text); void queryClient.invalidateQueries({ queryKey: ['customer', c.id, 'financials'] }); };
  const remove = (s: Statement) => deleteStatement(c.id, s.id).then(() => refresh(t('creditInfo.fin.deleted')), report);
  const pct = (v: string | null) => (v === null ? '—' : `${v}%`);
  return (
    <>
      {manage && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')} data-testid="statement-add">{t('creditInfo.fin.add')}</Button>}
      <Table<Statement> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data} pagination={{ pageSize: 12, hideOnSinglePage: true }} scroll={{ x: 1100 }}
        expandable={{ expandedRowRender: (s) => <StatementDetail s={s} /> }}
        locale={{ emptyText: list.error ? list.error.message : t('creditInfo.fin.none') }} data-testid="customer-financials"
        columns={[
          { title: t('creditInfo.fin.period'), key: 'period', width: 150, render: (_: unknown, s) => <>{periodLabel(t, s)}{s.currency !== 'CNY' && <Tag style={{ marginLeft: 6 }}>{s.currency}</Tag>}</> },
          { title: t('creditInfo.fin.audited'), dataIndex: 'audited', width: 80,
            render: (a: boolean) => (a ? <Tag color="green">{t('creditInfo.fin.audited')}</Tag> : <Tag>{t('creditInfo.fin.unaudited')}</Tag>) },
          ...(['totalAssets', 'totalLiabilities', 'operatingRevenue', 'netProfit'] as const).map((k) => ({
            title: t(`creditInfo.fin.${k}`), dataIndex: k, width: 130, align: 'right' as const, render: money,
          })),
          { title: t('creditInfo.fin.assetLiabilityRatio'), key: 'alr', width: 90, align: 'right', render: (_: unknown, s) => pct(s.ratios.assetLiabilityRatio) },
          { title: t('creditInfo.fin.currentRatio'), key: 'cr', width: 80, align: 'right', render: (_: unknown, s) => orDash(s.ratios.currentRatio) },
          { title: t('creditInfo.fin.netMargin'), key: 'nm', width: 90, align: 'right', render: (_: unknown, s) => pct(s.ratios.netMargin) },
          ...(manage ? [{
            title: t('common.actions'), key: 'actions', width: 100,
            render: (_: unknown, s: Statement) => (
              <Space size={4}>
                <a onClick={() => setEditing(s)}>{t('common.edit')}</a>
                <Popconfirm title={t('creditInfo.fin.deleteConfirm')} description={t('creditInfo.deleteHint')} onConfirm={() => remove(s)} okButtonProps={{ danger: true }}>
                  <a style={{ color: '#cf1322' }}>{t('common.delete')}</a>
                </Popconfirm>
              </Space>
            ),
          }] : []),
        ]} />
      {editing && <StatementModal c={c} row={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onDone={() => refresh(t('creditInfo.fin.saved'))} />}
    </>
  );
}
