// Record or correct one certificate with its type's form (certificate.forms.ts). The licence
// data the form relies on is shown read-only from the customer record (CIF-22), never keyed.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../components/FormModal';
import { useLang } from '../../../i18n';
import type { CustomerView } from '../api';
import { CERT_TYPES, CERTIFICATE_FORMS, createCertificate, updateCertificate, type CertField, type CertType, type Certificate, type CertificateList } from './api';
import { LicenceData } from './LicenceData';

type Values = Record<string, unknown>;
const local = (lang: string, x: { zh: string; en: string }) => (lang === 'en-US' ? x.en : x.zh);
const isDate = (f: CertField) => f.kind === 'date' || f.kind === 'past_date';

function toForm(f: CertField, v: unknown) { return isDate(f) && typeof v === 'string' ? dayjs(v) : v ?? undefined; }
function toApi(f: CertField, v: unknown): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (isDate(f)) return (v as Dayjs).format('YYYY-MM-DD');
  if (f.kind === 'key_info') { const rows = (v as { type?: string; content?: string }[]).filter((r) => r?.type || r?.content); return rows.length ? rows : null; }
  return typeof v === 'string' ? v.trim() || null : v;
}

/** Form.Item hands value, onChange and id to its direct child: this component passes them on. */
function Control({ f, ...bind }: { f: CertField; value?: never; onChange?: never; id?: string }) {
  const { t } = useTranslation();
  if (isDate(f)) return <DatePicker {...bind} style={{ width: '100%' }} disabledDate={f.kind === 'past_date' ? (d) => d.isAfter(dayjs(), 'day') : undefined} />;
  if (f.kind === 'identity_seq') return <InputNumber {...bind} min={1} max={3} precision={0} style={{ width: '100%' }} />;
  if (f.kind === 'key_info') {
    return (
      <Form.List name={f.key}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((r) => (
              <Space key={r.key} align="start" style={{ display: 'flex' }}>
                <Form.Item name={[r.name, 'type']} style={{ marginBottom: 8 }}><Input placeholder={t('customers.cert.keyType')} maxLength={10} style={{ width: 140 }} /></Form.Item>
                <Form.Item name={[r.name, 'content']} style={{ marginBottom: 8 }}><Input placeholder={t('customers.cert.keyContent')} maxLength={100} style={{ width: 320 }} /></Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(r.name)} aria-label={t('common.delete')} />
              </Space>
            ))}
            {rows.length < 3 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>{t('customers.cert.addKey')}</Button>}
          </>
        )}
      </Form.List>
    );
  }
  return <Input {...bind} maxLength={f.max} style={f.kind === 'code' || f.kind === 'credit_code' || f.kind === 'organization_code' ? { fontFamily: 'monospace' } : undefined} />;
}

interface Props { c: CustomerView; list: CertificateList; cert?: Certificate; onClose: () => void; onDone: () => void }

export function CertificateModal({ c, list, cert, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [type, setType] = useState<CertType>(cert?.certType ?? '01');
  const form = CERTIFICATE_FORMS[type];
  const current = list.items.find((i) => i.certType === type && i.status === 'current');

  const submit = async (v: Values) => {
    if (!cert) {
      const body: Record<string, unknown> = {};
      for (const f of form.fields) { const x = toApi(f, v[f.key]); if (x !== null) body[f.key] = x; }
      await createCertificate(c.id, { certType: type, ...body });
    } else {
      const body: Record<string, unknown> & { version: number } = { version: cert.version };
      for (const f of form.fields) {
        const before = toApi(f, toForm(f, cert.fields[f.key]));
        const after = toApi(f, v[f.key]);
        if (JSON.stringify(before) !== JSON.stringify(after)) body[f.key] = after;
      }
      await updateCertificate(c.id, cert.id, body);
    }
    onDone();
  };

  const initial = cert ? Object.fromEntries(form.fields.map((f) => [f.key, toForm(f, cert.fields[f.key])])) : {};
  return (
    <FormModal<Values> open width={760} onCancel={onClose} onSubmit={submit} initialValues={initial} testId="certificate-form"
      title={cert ? t('customers.cert.editTitle', { type: local(lang, form) }) : t('customers.cert.addTitle', { name: c.name })}>
      {!cert && (
        <Form.Item label={t('customers.cert.type')} required>
          <Select value={type} onChange={setType} options={CERT_TYPES.map((ct) => ({ value: ct, label: `${ct} ${local(lang, CERTIFICATE_FORMS[ct])}` }))} data-testid="certificate-type" />
        </Form.Item>
      )}
      {!cert && form.single && current && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('customers.cert.supersedes', { type: local(lang, form) })} />}
      {form.shown.length > 0 && <LicenceData licence={list.licence} shown={form.shown} />}
      <Row gutter={16}>
        {form.fields.map((f) => {
          const fallback = f.defaultable ? list.defaults[type]?.[f.defaultable] : undefined;
          return (
            <Col key={f.key} span={f.kind === 'key_info' ? 24 : 12}>
              <Form.Item name={f.kind === 'key_info' ? undefined : f.key} label={local(lang, f)}
                required={f.required && !fallback} extra={fallback ? t('customers.cert.defaultAuthority', { value: fallback }) : undefined}
                rules={f.required && !fallback && f.kind !== 'key_info' ? [{ required: true, message: t('customers.cert.required', { field: local(lang, f) }) }] : undefined}>
                <Control f={f} />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
      <Alert type="info" showIcon title={t('customers.cert.reminder')} />
    </FormModal>
  );
}
