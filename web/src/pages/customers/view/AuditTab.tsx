// 操作审计 (CIF-2): who changed this customer, who looked at its personal data, when and from where.
import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime, orDash } from '../../../lib/format';
import { fetchAuditTrail, type AuditTrailRow } from '../api';
import { fieldLabel, findField, type CustomerKind } from '../catalogue';
import { useLang } from '../../../i18n';

const columns = (t: TFunction, label: (field: string | null) => string): TableColumnsType<AuditTrailRow> => [
  { title: t('customers.auditTrail.at'), dataIndex: 'occurredAt', width: 170, render: formatDateTime },
  { title: t('customers.auditTrail.actor'), dataIndex: 'actorName', width: 150, render: orDash },
  {
    title: t('customers.auditTrail.action'), dataIndex: 'action', width: 230,
    render: (a: string) => <span>{t(`audit.act.${a.replace(/\./g, '_')}` as 'audit.act.customer_create', { defaultValue: '' })} <Typography.Text type="secondary" code>{a}</Typography.Text></span>,
  },
  { title: t('customers.auditTrail.field'), dataIndex: 'field', render: (f: string | null) => label(f) },
  { title: t('customers.auditTrail.ip'), dataIndex: 'clientIp', width: 140, render: orDash },
];

export function AuditTab({ id, kind }: { id: number; kind: CustomerKind }) {
  const { t } = useTranslation();
  const lang = useLang();
  const trail = useQuery({ queryKey: ['customer', id, 'audit'], queryFn: ({ signal }) => fetchAuditTrail(id, signal) });
  const label = (field: string | null) => {
    if (!field) return '—';
    const f = findField(kind, field);
    return f ? fieldLabel(lang, f) : field.startsWith('identities.') ? t('customers.identity.number') : field;
  };
  return (
    <>
      <Alert type="info" showIcon title={t('customers.auditTrail.note')} style={{ marginBottom: 12 }} />
      <Table rowKey="id" size="small" loading={trail.isFetching} dataSource={trail.data} columns={columns(t, label)}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: trail.error ? trail.error.message : t('common.noData') }}
        data-testid="customer-audit" />
    </>
  );
}
