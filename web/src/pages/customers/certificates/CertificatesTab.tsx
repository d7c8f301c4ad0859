// 证件 of a corporate customer (CIF-20…25): the licence data, the current certificates with their
// expiry state (a reminder is raised a week before), history of superseded and voided ones.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Space, Switch, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { FormModal } from '../../../components/FormModal';
import { useLang } from '../../../i18n';
import { orDash } from '../../../lib/format';
import type { CustomerView } from '../api';
import { CERTIFICATE_FORMS, fetchCertificates, voidCertificate, type Certificate, type CertStatus, type ExpiryStatus } from './api';
import { CertificateModal } from './CertificateModal';
import { LicenceData } from './LicenceData';

const STATUS_COLOR: Record<CertStatus, string> = { current: 'green', superseded: 'default', voided: 'default' };
const EXPIRY_COLOR: Record<ExpiryStatus, string> = { expired: 'red', expiring: 'orange', valid: 'green' };
const LICENCE_VIEW = [...CERTIFICATE_FORMS['01'].shown, 'creditCode', 'organizationCode'] as const;

export function CertificatesTab({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [all, setAll] = useState(false);
  const [editing, setEditing] = useState<Certificate | 'new' | null>(null);
  const [voiding, setVoiding] = useState<Certificate | null>(null);
  const list = useQuery({ queryKey: ['customer', c.id, 'certificates', all], queryFn: ({ signal }) => fetchCertificates(c.id, all ? 'all' : 'current', signal) });
  const manage = can('customer.manage') && c.status === 'active';
  const typeName = (x: Certificate) => { const f = CERTIFICATE_FORMS[x.certType]; return f ? (lang === 'en-US' ? f.en : f.zh) : x.certType; };
  const done = (text: string) => {
    setEditing(null);
    setVoiding(null);
    message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['customer', c.id] });
  };

  return (
    <>
      {list.data && <LicenceData licence={list.data.licence} shown={LICENCE_VIEW} column={3} />}
      <Space style={{ marginBottom: 12 }}>
        {manage && <Button icon={<PlusOutlined />} disabled={!list.data} onClick={() => setEditing('new')} data-testid="certificate-add">{t('customers.cert.add')}</Button>}
        <Switch size="small" checked={all} onChange={setAll} /> {t('customers.cert.showAll')}
      </Space>
      <Table<Certificate> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items} pagination={false} scroll={{ x: 960 }}
        locale={{ emptyText: list.error ? list.error.message : t('common.noData') }} data-testid="customer-certificates"
        columns={[
          { title: t('customers.cert.type'), key: 'type', width: 200, render: (_: unknown, x) => typeName(x) },
          { title: t('customers.cert.number'), key: 'number', width: 200, render: (_: unknown, x) => <span style={{ fontFamily: 'monospace' }}>{orDash(x.fields.number as string)}</span> },
          { title: t('customers.cert.issuer'), key: 'issuer', ellipsis: true, render: (_: unknown, x) => orDash(x.fields.issuer as string | null) },
          { title: t('customers.cert.issuedOn'), key: 'issuedOn', width: 105, render: (_: unknown, x) => orDash(x.fields.issuedOn as string | null) },
          {
            title: t('customers.cert.expiresOn'), key: 'expiresOn', width: 180,
            render: (_: unknown, x) => <>{orDash(x.expiresOn)} {x.expiryStatus && <Tag color={EXPIRY_COLOR[x.expiryStatus]}>{t(`customers.cert.expiry.${x.expiryStatus}`)}</Tag>}</>,
          },
          {
            title: t('customers.status.label'), dataIndex: 'status', width: 100,
            render: (s: CertStatus, x) => <Tooltip title={x.statusReason}><Tag color={STATUS_COLOR[s]}>{t(`customers.cert.status.${s}`)}</Tag></Tooltip>,
          },
          ...(manage ? [{
            title: t('common.actions'), key: 'actions', width: 110, fixed: 'right' as const,
            render: (_: unknown, x: Certificate) => (x.status !== 'current' ? null : (
              <Space size={8}>
                {x.certType !== '05' && <a onClick={() => setEditing(x)}>{t('common.edit')}</a>}
                <a style={{ color: '#cf1322' }} onClick={() => setVoiding(x)}>{t('customers.cert.void')}</a>
              </Space>
            )),
          }] : []),
        ]} />
      {editing && list.data && (
        <CertificateModal c={c} list={list.data} cert={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onDone={() => done(t('customers.cert.saved'))} />
      )}
      {voiding && (
        <FormModal<{ reason: string }> open okDanger okText={t('customers.cert.void')} onCancel={() => setVoiding(null)} testId="certificate-void-form"
          title={t('customers.cert.voidTitle', { type: typeName(voiding), number: String(voiding.fields.number ?? '') })}
          onSubmit={async (v) => { await voidCertificate(c.id, voiding.id, voiding.version, v.reason.trim()); done(t('customers.cert.voided')); }}>
          <p style={{ marginTop: 0 }}>{t('customers.cert.voidHint')}</p>
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
