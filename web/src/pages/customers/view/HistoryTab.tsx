// 变更历史 (CIF-46): every field change, newest first, labelled in the UI language; coded values
// by name. Sensitive values arrive masked from the server.
import { ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Table, Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../api/client';
import { useLang } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { fetchHistory, type HistoryRow } from '../api';
import { fieldLabel, findField, type CustomerKind } from '../catalogue';
import { CodeName } from './CodeName';

const ADDRESS_ATTR = /^addresses\.(\d+)\.(\w+)$/;

function label(t: TFunction, lang: Lang, kind: CustomerKind, r: HistoryRow): string {
  const f = findField(kind, r.field);
  if (f) return fieldLabel(lang, f);
  if (r.label) return lang === 'en-US' ? r.label.en : r.label.zh;
  const nf = /^nonFinancial\.(\w+)$/.exec(r.field);
  if (nf) return `${t('creditInfo.section.nonFinancial')} · ${t(`creditInfo.nf.${nf[1] as 'managementQuality'}`, { defaultValue: nf[1] })}`;
  const a = ADDRESS_ATTR.exec(r.field);
  if (a) return t('customers.history.addressAttr', { attr: t(`customers.address.${a[2] as 'address'}`, { defaultValue: a[2] }) });
  return t(`customers.history.field.${r.field as 'name'}`, { defaultValue: r.field });
}

function Value({ kind, field, v }: { kind: CustomerKind; field: string; v: string | null }) {
  const { t } = useTranslation();
  if (v === null || v === '') return <span style={{ color: 'rgba(0,0,0,0.35)' }}>{t('customers.history.empty')}</span>;
  const f = findField(kind, field);
  if (f?.type === 'code') return <CodeName table={f.table!} code={v} />;
  if (f?.type === 'bool' || field === 'blacklisted' || field.endsWith('.isPrimary')) return <>{v === 'true' ? t('customers.yes') : t('customers.no')}</>;
  if (field === 'status') return <>{t(`customers.status.${v as 'active'}`, { defaultValue: v })}</>;
  if (field === 'identities') {
    return <>{v.split(';').map((d, i) => { const [type, no] = d.split(':'); return <div key={i}><CodeName table="id_type" code={type} /> <code>{no}</code></div>; })}</>;
  }
  if (field === 'riskAssessment') {
    const [result, period] = v.split(' ');
    return <><CodeName table="investor_type" code={result} /> {period}</>;
  }
  if (field.endsWith('.addressType')) return <CodeName table="address_type" code={v} />;
  if (field.endsWith('.divisionCode')) return <CodeName table="division" code={v} />;
  return <span style={{ wordBreak: 'break-all' }}>{v}</span>;
}

const columns = (t: TFunction, lang: Lang, kind: CustomerKind): TableColumnsType<HistoryRow> => [
  { title: t('customers.history.at'), dataIndex: 'changedAt', width: 160, render: formatDateTime },
  { title: t('customers.history.fieldLabel'), key: 'field', width: 170, render: (_: unknown, r) => label(t, lang, kind, r) },
  {
    title: t('customers.history.change'), key: 'change',
    render: (_: unknown, r) => r.field === '_created'
      ? t('customers.history.created', { customerNo: r.newValue })
      : <span><Value kind={kind} field={r.field} v={r.oldValue} /> <ArrowRightOutlined style={{ color: '#999', margin: '0 6px' }} /> <Value kind={kind} field={r.field} v={r.newValue} /></span>,
  },
  { title: t('customers.history.source'), dataIndex: 'source', width: 100, render: (s: string) => <Tag>{t(`customers.source.${s as 'screen'}`, { defaultValue: s })}</Tag> },
  { title: t('customers.history.by'), key: 'by', width: 220, render: (_: unknown, r) => (r.approvalRequestId
    ? t('customers.history.reviewed', { maker: r.makerName, checker: r.checkerName, requestId: r.approvalRequestId })
    : r.changedByName ? `${r.changedByName}（${r.changedBy}）` : t('common.system')) },
];

export function HistoryTab({ id, kind }: { id: number; kind: CustomerKind }) {
  const { t } = useTranslation();
  const lang = useLang();
  const history = useQuery({ queryKey: ['customer', id, 'history'], queryFn: ({ signal }) => fetchHistory(id, signal) });
  return (
    <Table rowKey="id" size="small" loading={history.isFetching} dataSource={history.data} columns={columns(t, lang, kind)}
      pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: history.error ? history.error.message : t('common.noData') }}
      data-testid="customer-history" />
  );
}
