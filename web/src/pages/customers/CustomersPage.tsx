// 客户查询 (CIF-3) and the customer list (issue 12, item 4): one box finds a customer by number,
// name, pinyin initials, document, credit code, mobile or account/card number, within my data
// scope; filters by type, institution, blacklist and status; the whole result pages by keyset
// (previous / next, the count on top) and sorts by balance, daily averages, grade, name, number or
// opening date. Column choice and density are kept per user; filters can be saved by name. Export
// takes the same filters; import of lists (PLAT-3) lives here too.
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useCan, useMe } from '../../auth/session';
import { InstitutionTreeSelect } from '../../components/InstitutionTreeSelect';
import { searchCustomers, STATUS_FILTERS, type ListFilters, type ListSort, type SearchQuery, type StatusFilter } from './api';
import type { CustomerKind } from './catalogue';
import { columnsWidth, customerColumns, SORT_OF } from './columns';
import { ExportButton } from './ExportButton';
import { ImportModal } from './ImportModal';
import { ListSettingsButton, useListSettings } from './ListSettings';
import { SavedFilters } from './SavedFilters';
import { PendingOpenings } from './PendingOpenings';

const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
const oneOf = <T extends string>(v: string | null, values: readonly T[]) => (values as readonly string[]).includes(v ?? '') ? (v as T) : undefined;
const KINDS = ['personal', 'corporate'] as const;
const SORTS: readonly ListSort[] = ['newest', 'customerNo', 'name', 'openedOn', 'balance', 'monthAvg', 'quarterAvg', 'yearAvg', 'grade'];
const PAGE_SIZES = [20, 50, 100];

export default function CustomersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [qInput, setQInput] = useState(params.get('q') ?? '');
  const [importing, setImporting] = useState(false);
  const [settings, setSettings] = useListSettings(me.data?.id);

  const filters: ListFilters = {
    q: params.get('q') || undefined,
    kind: oneOf(params.get('kind'), KINDS),
    institutionId: num(params.get('institutionId')),
    blacklisted: oneOf(params.get('blacklisted'), ['true', 'false'] as const),
    status: oneOf(params.get('status'), STATUS_FILTERS) ?? 'active',
    sort: oneOf(params.get('sort'), SORTS) ?? 'newest',
    order: oneOf(params.get('order'), ['asc', 'desc'] as const) ?? 'desc',
  };
  const pageSize = PAGE_SIZES.find((n) => n === num(params.get('pageSize'))) ?? 20;
  // Keyset pages: the cursor each page starts after, page 1 first; a new filter or sort starts over.
  const listKey = JSON.stringify([filters, pageSize]);
  const [pages, setPages] = useState<{ key: string; cursors: (string | undefined)[]; total: number | null; capped: boolean }>({ key: listKey, cursors: [undefined], total: null, capped: false });
  const current = pages.key === listKey ? pages : { key: listKey, cursors: [undefined], total: null, capped: false };
  if (current !== pages) setPages(current);
  const query: SearchQuery = { ...filters, pageSize, after: current.cursors.at(-1) };

  const isDefault = (k: string, v: unknown) => (k === 'status' && v === 'active') || (k === 'sort' && v === 'newest') || (k === 'order' && v === 'desc');
  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '' || isDefault(k, v)) next.delete(k); else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  /** A saved filter replaces every filter and the sort; the page size stays. */
  const apply = (f: ListFilters) => {
    setQInput(f.q ?? '');
    const next = new URLSearchParams();
    if (params.get('pageSize')) next.set('pageSize', params.get('pageSize')!);
    for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '' && !isDefault(k, v)) next.set(k, String(v));
    setParams(next, { replace: true });
  };

  const result = useQuery({ queryKey: ['customers', query], queryFn: ({ signal }) => searchCustomers(query, signal), placeholderData: keepPreviousData });
  const data = result.data;
  // The count comes with page 1; later pages keep it.
  if (data && data.total !== null && current.cursors.length === 1 && current.total !== data.total && !result.isPlaceholderData) {
    setPages({ ...current, total: data.total, capped: Boolean(data.totalCapped) });
  }
  const pageNo = current.cursors.length;
  const columns = customerColumns(t, { visible: settings.columns, sort: filters.sort, order: filters.order });
  const { sort: _s, order: _o, ...exportFilters } = filters;

  return (
    <Card size="small" title={t('customers.title')} extra={(
      <Space>
        {can('customer.manage') && <Button icon={<PlusOutlined />} type="primary" onClick={() => navigate('/customers/new/personal')} data-testid="customer-new-personal">{t('customers.newPersonal')}</Button>}
        {can('customer.manage') && <Button icon={<PlusOutlined />} onClick={() => navigate('/customers/new/corporate')} data-testid="customer-new-corporate">{t('customers.newCorporate')}</Button>}
        <ExportButton filters={exportFilters} disabled={!current.total} />
        {can('customer.manage') && <Button onClick={() => setImporting(true)} data-testid="customer-import">{t('customers.import.button')}</Button>}
      </Space>
    )}>
      <PendingOpenings />
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search allowClear enterButton={t('common.search')} placeholder={t('accounts.searchPlaceholder')} style={{ width: 560 }} value={qInput} maxLength={60}
          onChange={(e) => setQInput(e.target.value)} onSearch={(v) => update({ q: v.trim() })} data-testid="customer-search" />
        <SavedFilters current={filters} onApply={apply} />
      </Space>
      <Space wrap style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
        <Space wrap>
          <Select<CustomerKind | 'all'> style={{ width: 120 }} value={filters.kind ?? 'all'} onChange={(v) => update({ kind: v === 'all' ? undefined : v })}
            options={[{ value: 'all', label: t('customers.kind.all') }, ...KINDS.map((k) => ({ value: k, label: t(`customers.kind.${k}`) }))]} data-testid="customer-filter-kind" />
          <InstitutionTreeSelect allowClear includeInactive value={filters.institutionId} style={{ width: 220 }}
            placeholder={t('customers.filterInstitution')} onChange={(id) => update({ institutionId: id })} data-testid="customer-filter-institution" />
          <Select style={{ width: 150 }} value={filters.blacklisted ?? 'all'} onChange={(v) => update({ blacklisted: v === 'all' ? undefined : v })}
            options={[{ value: 'all', label: t('customers.blacklist.all') }, { value: 'true', label: t('customers.blacklist.yes') }, { value: 'false', label: t('customers.blacklist.no') }]}
            data-testid="customer-filter-blacklist" />
          <Select<StatusFilter> style={{ width: 120 }} value={filters.status} onChange={(v) => update({ status: v })} data-testid="customer-filter-status"
            options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`customers.status.${s === 'all' ? 'all' : s}`) }))} />
          <Button onClick={() => { setQInput(''); setParams(new URLSearchParams(), { replace: true }); }}>{t('common.reset')}</Button>
        </Space>
        <ListSettingsButton settings={settings} onChange={setSettings} />
      </Space>
      <Table rowKey="id" size={settings.density} loading={result.isFetching} dataSource={data?.items} pagination={false}
        columns={columns} scroll={{ x: columnsWidth(columns) }} tableLayout="fixed"
        locale={{ emptyText: result.error ? result.error.message : filters.q ? t('customers.noMatch') : t('common.noData') }}
        onRow={(c) => ({ onDoubleClick: () => navigate(`/customers/${c.id}`) })} data-testid="customer-results"
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const sort = s?.order ? SORT_OF[String(s.columnKey)] : undefined;
          update({ sort: sort ?? 'newest', order: sort ? (s!.order === 'ascend' ? 'asc' : 'desc') : 'desc' });
        }} />
      <Space style={{ marginTop: 12, display: 'flex', justifyContent: 'flex-end' }} data-testid="customer-pager">
        <Typography.Text type="secondary" data-testid="customer-total">
          {current.total === null ? '' : current.capped ? t('customers.totalCapped', { count: current.total }) : t('common.total', { count: current.total })}
        </Typography.Text>
        <Button icon={<LeftOutlined />} disabled={pageNo === 1} onClick={() => setPages({ ...current, cursors: current.cursors.slice(0, -1) })} data-testid="customer-prev">
          {t('customers.list.previous')}
        </Button>
        <Typography.Text data-testid="customer-page">{t('customers.list.page', { page: pageNo })}</Typography.Text>
        <Button disabled={!data?.nextCursor || result.isPlaceholderData} onClick={() => setPages({ ...current, cursors: [...current.cursors, data!.nextCursor!] })} data-testid="customer-next">
          {t('customers.list.next')} <RightOutlined />
        </Button>
        <Select style={{ width: 110 }} value={pageSize} onChange={(n) => update({ pageSize: n })} data-testid="customer-page-size"
          options={PAGE_SIZES.map((n) => ({ value: n, label: t('customers.list.pageSize', { count: n }) }))} />
      </Space>
      {importing && <ImportModal onClose={() => setImporting(false)} />}
    </Card>
  );
}
