// 地址 (CIF-4): a customer's typed addresses, primary first; masked with an audited reveal.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Col, Form, Input, Popconfirm, Row, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../../api/use-report-error';
import { useCan } from '../../../auth/session';
import { CodeSelect } from '../../../components/CodeSelect';
import { CodeTreeSelect } from '../../../components/CodeTreeSelect';
import { FormModal } from '../../../components/FormModal';
import { formatDateTime, orDash } from '../../../lib/format';
import type { CustomerView } from '../api';
import { createAddress, deleteAddress, fetchAddresses, revealAddress, updateAddress, type AddressRow } from '../api-relations';
import { CodeName } from './CodeName';
import { Masked } from './Masked';

interface Values { addressType: string; divisionCode?: string | null; address: string; postcode?: string | null; isPrimary?: boolean }

function AddressModal({ c, row, onClose, onDone }: { c: CustomerView; row?: AddressRow; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = async (v: Values) => {
    const postcode = v.postcode?.trim() || null;
    if (!row) {
      await createAddress(c.id, { addressType: v.addressType, divisionCode: v.divisionCode ?? null, address: v.address.trim(), postcode, isPrimary: !!v.isPrimary });
    } else {
      // The address arrives masked: it is sent only when the clerk typed a new one.
      const address = v.address.trim();
      await updateAddress(c.id, row.id, {
        version: row.version, addressType: v.addressType, divisionCode: v.divisionCode ?? null, postcode,
        ...(address !== row.address ? { address } : {}),
      });
    }
    onDone();
  };
  return (
    <FormModal<Values> open width={640} title={t(row ? 'customers.address.edit' : 'customers.address.add')} onCancel={onClose} onSubmit={submit}
      initialValues={row ? { addressType: row.addressType, divisionCode: row.divisionCode, address: row.address, postcode: row.postcode } : {}} testId="address-form">
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="addressType" label={t('customers.address.addressType')} rules={[{ required: true, message: t('customers.address.typeRequired') }]}>
            <CodeSelect table="address_type" allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="divisionCode" label={t('customers.address.divisionCode')}><CodeTreeSelect table="division" /></Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t('customers.address.address')} extra={row ? t('customers.form.maskedHint') : undefined}
            rules={[{ required: true, whitespace: true, message: t('customers.address.addressRequired') },
              { validator: async (_r, v) => { if (row && v !== row.address && String(v ?? '').includes('*')) throw new Error(t('customers.form.maskedEdit')); } }]}>
            <Input maxLength={120} showCount />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="postcode" label={t('customers.address.postcode')}><Input maxLength={6} /></Form.Item>
        </Col>
        {!row && (
          <Col span={12}>
            <Form.Item name="isPrimary" valuePropName="checked" label=" " extra={t('customers.address.primaryHint')}>
              <Checkbox>{t('customers.address.makePrimary')}</Checkbox>
            </Form.Item>
          </Col>
        )}
      </Row>
    </FormModal>
  );
}

export function AddressesTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<AddressRow | 'new' | null>(null);
  const list = useQuery({ queryKey: ['customer', c.id, 'addresses'], queryFn: ({ signal }) => fetchAddresses(c.id, signal) });
  const manage = can('customer.manage') && c.status === 'active';
  const refresh = (text: string) => {
    setEditing(null);
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['customer', c.id] });
  };
  const makePrimary = (a: AddressRow) => updateAddress(c.id, a.id, { version: a.version, isPrimary: true }).then(() => refresh(t('customers.address.saved')), report);
  const remove = (a: AddressRow) => deleteAddress(c.id, a.id).then(() => refresh(t('customers.address.deleted')), report);

  return (
    <>
      {manage && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')} data-testid="address-add">{t('customers.address.add')}</Button>}
      <Table<AddressRow> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data} pagination={false} data-testid="customer-addresses"
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }}
        columns={[
          { title: t('customers.address.addressType'), dataIndex: 'addressType', width: 190,
            render: (v: string, a) => <Space size={4}><CodeName table="address_type" code={v} />{a.isPrimary && <Tag color="blue">{t('customers.address.primary')}</Tag>}</Space> },
          { title: t('customers.address.divisionCode'), dataIndex: 'divisionCode', width: 220, render: (v: string | null) => <CodeName table="division" code={v} /> },
          { title: t('customers.address.address'), dataIndex: 'address', render: (v: string, a) => <Masked value={v} canReveal={c.canReveal} reveal={() => revealAddress(c.id, a.id)} /> },
          { title: t('customers.address.postcode'), dataIndex: 'postcode', width: 100, render: orDash },
          { title: t('customers.address.updatedAt'), dataIndex: 'updatedAt', width: 160, render: formatDateTime },
          ...(manage ? [{
            title: t('common.actions'), key: 'actions', width: 200,
            render: (_: unknown, a: AddressRow) => (
              <Space size={4}>
                <a onClick={() => setEditing(a)}>{t('common.edit')}</a>
                {!a.isPrimary && <a onClick={() => void makePrimary(a)}>{t('customers.address.makePrimary')}</a>}
                <Popconfirm title={t('customers.address.deleteConfirm')} description={t('customers.address.deleteHint')} onConfirm={() => remove(a)} okButtonProps={{ danger: true }}>
                  <a style={{ color: '#cf1322' }}>{t('common.delete')}</a>
                </Popconfirm>
              </Space>
            ),
          }] : []),
        ]} />
      {editing && <AddressModal c={c} row={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onDone={() => refresh(t('customers.address.saved'))} />}
    </>
  );
}
