// 客户查询 (CIF-3): one box finds a customer by number, name, pinyin initials, document,
// credit code, mobile or account/card number, within my data scope; filters by type, institution, blacklist and
// status; opens the single customer view. Export and import of lists (PLAT-3) live here too.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth/session';
import { InstitutionTreeSelect } from '../../components/InstitutionTreeSelect';
import { searchCustomers, STATUS_FILTERS, type SearchQuery, type StatusFilter } from './api';
import type { CustomerKind } from './catalogue';
import { customerColumns } from './columns';
import { ExportButton } from './ExportButton';
import { ImportModal } from './ImportModal';

const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
const oneOf = <T extends string>(v: string | null, values: readonly T[]) => (values as readonly string[]).includes(v ?? '') ? (v as T) : undefined;
const KINDS = ['personal', 'corporate'] as const;

export default function CustomersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [qInput, setQInput] = useState(params.get('q') ?? '');
  const [importing, setImporting] = useState(false);

  const query: SearchQuery = {
    q: params.get('q') || undefined,
    kind: oneOf(params.get('kind'), KINDS),
    institutionId: num(params.get('institutionId')),
    blacklisted: oneOf(params.get('blacklisted'), ['true', 'false'] as const),
    status: oneOf(params.get('status'), STATUS_FILTERS) ?? 'active',
    page: num(params.get('page')) ?? 1,
    pageSize: num(params.get('pageSize')) ?? 20,
  };
  const update = (patch: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || (k === 'status' && v === 'active')) next.delete(k); else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const result = useQuery({ queryKey: ['customers', query], queryFn: ({ signal }) => searchCustomers(query, signal), placeholderData: keepPreviousData });
  const { page: _p, pageSize: _s, ...filters } = query;

  return (
    <Card size="small" title={t('customers.title')} extra={(
      <Space>
        {can('customer.manage') && <Button icon={<PlusOutlined />} type="primary" onClick={() => navigate('/customers/new/personal')} data-testid="customer-new-personal">{t('customers.newPersonal')}</Button>}
        {can('customer.manage') && <Button icon={<PlusOutlined />} onClick={() => navigate('/customers/new/corporate')} data-testid="customer-new-corporate">{t('customers.newCorporate')}</Button>}
        <ExportButton filters={filters} disabled={!result.data?.total} />
        {can('customer.manage') && <Button onClick={() => setImporting(true)} data-testid="customer-import">{t('customers.import.button')}</Button>}
      </Space>
    )}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search allowClear enterButton={t('common.search')} placeholder={t('accounts.searchPlaceholder')} style={{ width: 680 }} value={qInput} maxLength={60}
          onChange={(e) => setQInput(e.target.value)} onSearch={(v) => update({ q: v.trim() })} data-testid="customer-search" />
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<CustomerKind | 'all'> style={{ width: 120 }} value={query.kind ?? 'all'} onChange={(v) => update({ kind: v === 'all' ? undefined : v })}
          options={[{ value: 'all', label: t('customers.kind.all') }, ...KINDS.map((k) => ({ value: k, label: t(`customers.kind.${k}`) }))]} data-testid="customer-filter-kind" />
        <InstitutionTreeSelect allowClear includeInactive value={query.institutionId} style={{ width: 240 }}
          placeholder={t('customers.filterInstitution')} onChange={(id) => update({ institutionId: id })} data-testid="customer-filter-institution" />
        <Select style={{ width: 160 }} value={query.blacklisted ?? 'all'} onChange={(v) => update({ blacklisted: v === 'all' ? undefined : v })}
          options={[{ value: 'all', label: t('customers.blacklist.all') }, { value: 'true', label: t('customers.blacklist.yes') }, { value: 'false', label: t('customers.blacklist.no') }]}
          data-testid="customer-filter-blacklist" />
        <Select<StatusFilter> style={{ width: 130 }} value={query.status} onChange={(v) => update({ status: v })} data-testid="customer-filter-status"
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`customers.status.${s === 'all' ? 'all' : s}`) }))} />
        <Button onClick={() => { setQInput(''); setParams(new URLSearchParams(), { replace: true }); }}>{t('common.reset')}</Button>
      </Space>
      {result.data?.totalCapped && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('customers.capped', { count: result.data.total })} data-testid="customer-capped" />
      )}
      <Table rowKey="id" size="small" loading={result.isFetching} dataSource={result.data?.items} columns={customerColumns(t)} scroll={{ x: 1100 }}
        locale={{ emptyText: result.error ? result.error.message : query.q ? t('customers.noMatch') : t('common.noData') }}
        onRow={(c) => ({ onDoubleClick: () => navigate(`/customers/${c.id}`) })} data-testid="customer-results"
        pagination={{
          current: query.page, pageSize: query.pageSize, total: result.data?.total ?? 0, showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => (result.data?.totalCapped ? t('customers.totalCapped', { count: n }) : t('common.total', { count: n })),
          onChange: (page, pageSize) => update({ page, pageSize }, false),
        }} />
      {importing && <ImportModal onClose={() => setImporting(false)} />}
    </Card>
  );
}
