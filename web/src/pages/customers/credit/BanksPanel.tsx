// 他行往来 (CIF-28): accounts, credit lines and loans at other banks. Account numbers arrive masked;
// a holder of customer.sensitive.read reveals one (audited on the server).
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../../api/use-report-error';
import { FormModal } from '../../../components/FormModal';
import { formatMoney, orDash } from '../../../lib/format';
import type { CustomerView } from '../api';
import { Masked } from '../view/Masked';
import { ACCOUNT_TYPES, createBankAccount, deleteBankAccount, fetchBankAccounts, revealBankAccount, updateBankAccount, type AccountType, type BankAccount } from './api';

interface Values { bankName: string; accountNo: string; accountType: AccountType; openedOn?: Dayjs | null; creditLine?: string | null; outstandingLoans?: string | null; remark?: string | null }

function BankModal({ c, row, onClose, onDone }: { c: CustomerView; row?: BankAccount; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    const body = {
      bankName: v.bankName.trim(), accountType: v.accountType, openedOn: v.openedOn ? v.openedOn.format('YYYY-MM-DD') : null,
      creditLine: v.creditLine ?? null, outstandingLoans: v.outstandingLoans ?? null, remark: v.remark?.trim() || null,
    };
    const accountNo = v.accountNo.trim();
    // The number arrives masked: it is sent only when the clerk typed a new one.
    if (row) await updateBankAccount(c.id, row.id, { version: row.version, ...body, ...(accountNo !== row.accountNo ? { accountNo } : {}) });
    else await createBankAccount(c.id, { ...body, accountNo });
    onDone();
  };
  const money = <InputNumber<string> stringMode precision={2} min="0" max="9999999999999999.99" style={{ width: '100%' }} />;
  return (
    <FormModal<Values> open width={640} title={t(row ? 'creditInfo.bank.edit' : 'creditInfo.bank.add')} onCancel={onClose} onSubmit={submit} testId="bank-form"
      initialValues={row ? { ...row, openedOn: row.openedOn ? dayjs(row.openedOn) : null } : { accountType: 'general' }}>
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="bankName" label={t('creditInfo.bank.bankName')} rules={[{ required: true, whitespace: true, message: t('creditInfo.bank.bankRequired') }]}><Input maxLength={100} /></Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="accountNo" label={t('creditInfo.bank.accountNo')} extra={row ? t('customers.form.maskedHint') : undefined}
            rules={[{ required: true, whitespace: true, message: t('creditInfo.bank.accountRequired') },
              { validator: async (_r, v) => { if (row && v !== row.accountNo && String(v ?? '').includes('*')) throw new Error(t('customers.form.maskedEdit')); } }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="accountType" label={t('creditInfo.bank.accountType')} rules={[{ required: true, message: t('creditInfo.bank.typeRequired') }]}>
            <Select options={ACCOUNT_TYPES.map((a) => ({ value: a, label: t(`creditInfo.bank.accountTypes.${a}`) }))} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="openedOn" label={t('creditInfo.bank.openedOn')}><DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
        </Col>
        <Col span={8}><Form.Item name="creditLine" label={t('creditInfo.bank.creditLine')}>{money}</Form.Item></Col>
        <Col span={8}><Form.Item name="outstandingLoans" label={t('creditInfo.bank.outstandingLoans')}>{money}</Form.Item></Col>
        <Col span={24}><Form.Item name="remark" label={t('creditInfo.remark')}><Input maxLength={200} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}

/** Sum of exact decimal strings in fen, so the total is never a float. */
const sum = (values: (string | null)[]) => {
  const fen = values.reduce((s, v) => { if (!v) return s; const [i, f = ''] = v.split('.'); return s + BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2)); }, 0n);
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
};

export function BanksPanel({ c, manage }: { c: CustomerView; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<BankAccount | 'new' | null>(null);
  const list = useQuery({ queryKey: ['customer', c.id, 'correspondent-banks'], queryFn: ({ signal }) => fetchBankAccounts(c.id, signal) });
  const refresh = (text: string) => { setEditing(null); message.success(text); void queryClient.invalidateQueries({ queryKey: ['customer', c.id, 'correspondent-banks'] }); };
  const remove = (b: BankAccount) => deleteBankAccount(c.id, b.id).then(() => refresh(t('creditInfo.bank.deleted')), report);
  const rows = list.data ?? [];
  return (
    <>
      {manage && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')} data-testid="bank-add">{t('creditInfo.bank.add')}</Button>}
      <Table<BankAccount> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }} data-testid="customer-banks"
        columns={[
          { title: t('creditInfo.bank.bankName'), dataIndex: 'bankName' },
          { title: t('creditInfo.bank.accountNo'), dataIndex: 'accountNo', width: 210,
            render: (v: string, b) => <Masked value={v} canReveal={c.canReveal} reveal={() => revealBankAccount(c.id, b.id)} testId={`bank-account-${b.id}`} /> },
          { title: t('creditInfo.bank.accountType'), dataIndex: 'accountType', width: 120, render: (a: AccountType) => t(`creditInfo.bank.accountTypes.${a}`) },
          { title: t('creditInfo.bank.openedOn'), dataIndex: 'openedOn', width: 110, render: orDash },
          { title: t('creditInfo.bank.creditLine'), dataIndex: 'creditLine', width: 150, align: 'right', render: (v: string | null) => formatMoney(v) },
          { title: t('creditInfo.bank.outstandingLoans'), dataIndex: 'outstandingLoans', width: 150, align: 'right', render: (v: string | null) => formatMoney(v) },
          { title: t('creditInfo.remark'), dataIndex: 'remark', width: 160, ellipsis: true, render: orDash },
          ...(manage ? [{
            title: t('common.actions'), key: 'actions', width: 110,
            render: (_: unknown, b: BankAccount) => (
              <Space size={4}>
                <a onClick={() => setEditing(b)}>{t('common.edit')}</a>
                <Popconfirm title={t('creditInfo.bank.deleteConfirm')} description={t('creditInfo.deleteHint')} onConfirm={() => remove(b)} okButtonProps={{ danger: true }}>
                  <a style={{ color: '#cf1322' }}>{t('common.delete')}</a>
                </Popconfirm>
              </Space>
            ),
          }] : []),
        ]} />
      {rows.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('creditInfo.bank.total', { line: formatMoney(sum(rows.map((r) => r.creditLine))), loans: formatMoney(sum(rows.map((r) => r.outstandingLoans))) })}
        </Typography.Paragraph>
      )}
      {editing && <BankModal c={c} row={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onDone={() => refresh(t('creditInfo.bank.saved'))} />}
    </>
  );
}
