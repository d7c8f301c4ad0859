// New flow / edit a draft (seed 001 §3.2.7): the number is the server's; the account number
// brings the account name; certificate rows start from the defaults, editable, with totals.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { FormModal } from '../../components/FormModal';
import { createFlow, fetchCertificateDefaults, lookupAccount, totalsOf, updateFlow, type FlowDetail, type FlowItem } from './api';

interface Values { accountNo: string; accountName?: string; items: FlowItem[] }

function AccountField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const report = useReportError();
  const look = (accountNo: string) => {
    if (!accountNo.trim()) return;
    lookupAccount(accountNo.trim()).then((a) => form.setFieldsValue({ accountName: a.accountName }), (e) => { form.setFieldsValue({ accountName: '' }); report(e, form); });
  };
  return (
    <Space.Compact block>
      <Form.Item name="accountNo" label={t('documents.accountNo')} rules={[{ required: true, message: t('documents.accountNoRequired') }]} style={{ flex: 1 }}>
        <Input.Search maxLength={32} enterButton={<Button data-testid="flow-account-lookup">{t('documents.lookup')}</Button>} onSearch={look} onChange={() => form.setFieldsValue({ accountName: '' })} data-testid="flow-account-no" />
      </Form.Item>
      <Form.Item name="accountName" label={t('documents.accountName')} style={{ flex: 1, marginLeft: 12 }}>
        <Input readOnly placeholder={t('documents.lookupFirst')} data-testid="flow-account-name" />
      </Form.Item>
    </Space.Compact>
  );
}

function CertificateRows() {
  const { t } = useTranslation();
  const items = (Form.useWatch('items') ?? []) as Partial<FlowItem>[];
  const totals = totalsOf(items);
  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <>
          <Table size="small" pagination={false} rowKey="key" dataSource={fields}
            columns={[
              { title: t('documents.certKind'), render: (_, f) => <Form.Item name={[f.name, 'certKind']} noStyle rules={[{ required: true }]}><Input maxLength={20} /></Form.Item> },
              { title: t('documents.certNo'), render: (_, f) => <Form.Item name={[f.name, 'certNo']} noStyle><Input maxLength={100} /></Form.Item> },
              { title: t('documents.pages'), width: 90, render: (_, f) => <Form.Item name={[f.name, 'pages']} noStyle rules={[{ required: true }]}><InputNumber min={1} max={999} precision={0} /></Form.Item> },
              { title: t('documents.copies'), width: 90, render: (_, f) => <Form.Item name={[f.name, 'copies']} noStyle rules={[{ required: true }]}><InputNumber min={1} max={999} precision={0} /></Form.Item> },
              { key: 'x', width: 48, render: (_, f) => <Button type="text" icon={<DeleteOutlined />} aria-label={t('documents.removeRow')} onClick={() => remove(f.name)} /> },
            ]} />
          <Space style={{ marginTop: 8, justifyContent: 'space-between', width: '100%' }}>
            <Button icon={<PlusOutlined />} onClick={() => add({ certKind: '', pages: 1, copies: 1 })}>{t('documents.addCertificate')}</Button>
            <Typography.Text strong data-testid="flow-totals">{t('documents.totals', { copies: totals.totalCopies, pages: totals.totalPages })}</Typography.Text>
          </Space>
        </>
      )}
    </Form.List>
  );
}

export function FlowFormModal({ flow, onClose, onSaved }: { flow: FlowDetail | null; onClose: () => void; onSaved: (id: number, flowNo: string) => void }) {
  const { t } = useTranslation();
  const defaults = useQuery({ queryKey: ['documents', 'defaults'], queryFn: ({ signal }) => fetchCertificateDefaults(signal), enabled: !flow });
  if (!flow && !defaults.data) return null;
  const initial: Values = flow
    ? { accountNo: '', accountName: '', items: flow.items.map(({ certKind, certNo, pages, copies }) => ({ certKind, certNo, pages, copies })) }
    : { accountNo: '', accountName: '', items: defaults.data!.items };
  return (
    <FormModal<Values> open width={820} testId="flow-form" title={flow ? t('documents.editFlow', { flowNo: flow.flowNo }) : t('documents.newFlow')}
      okText={t('documents.save')} initialValues={initial} onCancel={onClose}
      onSubmit={async (v) => {
        const body = { accountNo: v.accountNo.trim(), items: v.items.map((i) => ({ certKind: i.certKind, certNo: i.certNo?.trim() || null, pages: i.pages, copies: i.copies })) };
        const r = flow ? (await updateFlow(flow.id, body), { id: flow.id, flowNo: flow.flowNo }) : await createFlow(body);
        onSaved(r.id, r.flowNo);
      }}>
      <Typography.Paragraph type="secondary">{t('documents.flowNo')}：{flow?.flowNo ?? t('documents.flowNoHint')}</Typography.Paragraph>
      <AccountField />
      <CertificateRows />
    </FormModal>
  );
}
