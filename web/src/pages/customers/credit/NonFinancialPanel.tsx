// 非财务信息 (CIF-28): five notes of the credit officer, one current record; every earlier text
// stays in the history listed below it.
import { ArrowRightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../../api/use-report-error';
import { formatDateTime } from '../../../lib/format';
import type { CustomerView } from '../api';
import { clearNonFinancial, createNonFinancial, fetchNonFinancial, NON_FINANCIAL_FIELDS, updateNonFinancial, type NonFinancial, type NonFinancialField } from './api';

type Values = Record<NonFinancialField, string | null | undefined>;

export function NonFinancialPanel({ c, manage }: { c: CustomerView; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const data = useQuery({ queryKey: ['customer', c.id, 'non-financial'], queryFn: ({ signal }) => fetchNonFinancial(c.id, signal) });
  const current = data.data?.current ?? null;
  useEffect(() => { form.setFieldsValue(Object.fromEntries(NON_FINANCIAL_FIELDS.map((f) => [f, current?.[f] ?? null])) as Values); }, [current, form]);
  const done = (text: string) => { message.success(text); void queryClient.invalidateQueries({ queryKey: ['customer', c.id] }); };

  const save = async () => {
    let v: Values;
    try { v = await form.validateFields(); } catch { return; }
    const notes = Object.fromEntries(NON_FINANCIAL_FIELDS.map((f) => [f, v[f]?.trim() || null])) as Record<NonFinancialField, string | null>;
    setBusy(true);
    try {
      if (current) await updateNonFinancial(c.id, { version: current.version, ...notes });
      else await createNonFinancial(c.id, notes);
      done(t('creditInfo.nf.saved'));
    } catch (e) {
      report(e, form);
    } finally {
      setBusy(false);
    }
  };
  const clear = () => clearNonFinancial(c.id).then(() => done(t('creditInfo.nf.cleared')), report);

  if (!data.data && !data.error) return <Skeleton active />;
  return (
    <>
      {!current && <Typography.Paragraph type="secondary">{t('creditInfo.nf.none')}</Typography.Paragraph>}
      {current && <Typography.Paragraph type="secondary">{t('creditInfo.updatedBy')}：{current.updatedBy ?? t('common.system')}　{t('creditInfo.updatedAt')}：{formatDateTime(current.updatedAt)}</Typography.Paragraph>}
      <Form form={form} layout="vertical" disabled={!manage} data-testid="non-financial-form">
        {NON_FINANCIAL_FIELDS.map((f) => (
          <Form.Item key={f} name={f} label={t(`creditInfo.nf.${f}`)}>
            <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('creditInfo.nf.placeholder')} />
          </Form.Item>
        ))}
      </Form>
      {manage && (
        <Space style={{ marginBottom: 16 }}>
          <Button type="primary" loading={busy} onClick={() => void save()} data-testid="non-financial-save">{t('creditInfo.nf.save')}</Button>
          {current && (
            <Popconfirm title={t('creditInfo.nf.clearConfirm')} description={t('creditInfo.nf.clearHint')} onConfirm={() => clear()} okButtonProps={{ danger: true }}>
              <Button danger>{t('creditInfo.nf.clear')}</Button>
            </Popconfirm>
          )}
        </Space>
      )}
      <Typography.Title level={5}>{t('creditInfo.nf.history')}</Typography.Title>
      <Table<NonFinancial['history'][number]> rowKey="id" size="small" dataSource={data.data?.history} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: data.error ? data.error.message : t('common.noData') }}
        columns={[
          { title: t('customers.history.at'), dataIndex: 'changedAt', width: 160, render: formatDateTime },
          { title: t('customers.history.fieldLabel'), dataIndex: 'field', width: 150, render: (f: NonFinancialField) => t(`creditInfo.nf.${f}`) },
          { title: t('customers.history.change'), key: 'change',
            render: (_: unknown, h) => <span style={{ wordBreak: 'break-all' }}>{h.oldValue ?? t('customers.history.empty')}<ArrowRightOutlined style={{ color: '#999', margin: '0 6px' }} />{h.newValue ?? t('customers.history.empty')}</span> },
          { title: t('customers.history.source'), dataIndex: 'source', width: 100, render: (s: string) => <Tag>{t(`customers.source.${s as 'screen'}`, { defaultValue: s })}</Tag> },
          { title: t('customers.history.by'), dataIndex: 'changedBy', width: 120, render: (v: string | null) => v ?? t('common.system') },
        ]} />
    </>
  );
}
