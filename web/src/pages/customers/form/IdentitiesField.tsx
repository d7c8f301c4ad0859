// A personal customer's identity documents (CIF-10: one to three): type, number, expiry. The
// server checks resident ID numbers (GB 11643) and answers on the exact row's number field.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { CodeSelect } from '../../../components/CodeSelect';
import { RevealSuffix } from './RevealSuffix';

export const MAX_IDENTITIES = 3;

interface Props {
  editing: boolean;
  /** Editing with customer.sensitive.read: the masked numbers as loaded, and how to fetch the n-th in full (audited). */
  originals?: string[];
  reveal?: (index: number) => Promise<{ value: unknown }>;
}

export function IdentitiesField({ editing, originals = [], reveal }: Props) {
  const form = Form.useFormInstance();
  /** The stored document a row still shows (rows can be removed, so positions shift). */
  const revealRow = (i: number) => {
    const k = originals.indexOf(form.getFieldValue(['identities', i, 'idNumber']) as string);
    return k < 0 || !reveal ? Promise.resolve(null) : reveal(k);
  };
  const { t } = useTranslation();
  return (
    <Form.List name="identities" rules={[{
      validator: async (_r, rows: unknown[] | undefined) => { if (!rows?.length) throw new Error(t('customers.form.identityRequired')); },
    }]}>
      {(rows, { add, remove }, { errors }) => (
        <>
          {rows.map((row, i) => (
            <Row gutter={16} key={row.key} align="top" data-testid={`identity-row-${i}`}>
              <Col span={7}>
                <Form.Item name={[row.name, 'idType']} label={i === 0 ? t('customers.identity.type') : undefined}
                  rules={[{ required: true, message: t('customers.identity.typeRequired') }]}>
                  <CodeSelect table="id_type" allowClear={false} data-testid={`customer-form-idType-${i}`} />
                </Form.Item>
              </Col>
              <Col span={9}>
                <Form.Item name={[row.name, 'idNumber']} label={i === 0 ? t('customers.identity.number') : undefined}
                  rules={[{ required: true, whitespace: true, message: t('customers.identity.numberRequired') }]}
                  extra={editing ? undefined : i === 0 ? t('customers.identity.numberHint') : undefined}>
                  <Input maxLength={40} autoComplete="off" data-testid={`customer-form-idNumber-${i}`}
                    suffix={reveal ? <RevealSuffix name={['identities', row.name, 'idNumber']} reveal={() => revealRow(row.name)} /> : undefined} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={[row.name, 'expiresOn']} label={i === 0 ? t('customers.identity.expiresOn') : undefined}>
                  <DatePicker style={{ width: '100%' }} placeholder={t('customers.identity.longTerm')} data-testid={`customer-form-expiresOn-${i}`} />
                </Form.Item>
              </Col>
              <Col span={2}>
                {rows.length > 1 && (
                  <Form.Item label={i === 0 ? ' ' : undefined}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('common.delete')} />
                  </Form.Item>
                )}
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          {rows.length < MAX_IDENTITIES && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ idType: undefined, idNumber: '' })} style={{ marginBottom: 16 }}
              data-testid="identity-add">
              {t('customers.identity.add', { max: MAX_IDENTITIES })}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
