// 黑名单 (CIF-5): the bank-wide list, internal and external, visible to every branch; entries
// are added from the customer's view and lifted here or there by holders of blacklist.manage.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, DatePicker, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useCan } from '../../auth/session';
import { orDash } from '../../lib/format';
import type { ListKind } from '../customers/api-relations';
import { RemoveBlacklistModal } from '../customers/view/BlacklistTab';
import { BLACKLIST_STATUSES, fetchBlacklist, type BlacklistQuery, type BlacklistRow } from './api';

const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
const STATE_COLOR = { active: 'red', expired: 'default', removed: 'default' } as const;

// Fits 1366 px with no sideways scrolling: a fixed action column over a scrolled table cut the
// listing date to two characters. Listing and expiry share a column; a lifted entry's date and
// reason are on its status.
const columns = (t: TFunction, manage: boolean, remove: (r: BlacklistRow) => void): TableColumnsType<BlacklistRow> => [
  { title: t('customers.customerNo'), dataIndex: 'customerNo', width: 110, render: (v: string, r) => <Link to={`/customers/${r.customerId}?tab=blacklist`}>{v}</Link> },
  { title: t('customers.name'), dataIndex: 'name', width: 130, ellipsis: true },
  { title: t('customers.idOrCode'), key: 'id', width: 175, render: (_: unknown, r) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{orDash(r.kind === 'corporate' ? r.creditCode : r.idNumber)}</span> },
  { title: t('customers.blacklistTab.listKind'), dataIndex: 'listKind', width: 80, render: (k: ListKind) => t(`customers.blacklistTab.kinds.${k}`) },
  { title: t('customers.blacklistTab.state.label'), dataIndex: 'status', width: 84, render: (s: BlacklistRow['status'], r) => {
    const tag = <Tag color={STATE_COLOR[s]}>{t(`customers.blacklistTab.state.${s}`)}</Tag>;
    if (r.removedOn) return <Tooltip title={`${t('customers.blacklistTab.removedOn')} ${r.removedOn}${r.removedReason ? ` · ${r.removedReason}` : ''}`}>{tag}</Tooltip>;
    // A lift under review: still in force, marked so nobody takes it for lifted.
    return r.removalRequestId ? <>{tag}<Tooltip title={t('customers.blacklistTab.removalPendingHint', { requestId: r.removalRequestId })}>
      <Tag color="orange" data-testid="blacklist-removal-pending">{t('customers.blacklistTab.removalPending')}</Tag></Tooltip></> : tag;
  } },
  { title: t('customers.blacklistTab.reason'), dataIndex: 'reason', ellipsis: { showTitle: false }, render: (v: string) => <Tooltip title={v}>{v}</Tooltip> },
  { title: t('customers.blacklistTab.source'), dataIndex: 'source', width: 110, ellipsis: true },
  { title: `${t('customers.blacklistTab.listedOn')} / ${t('customers.blacklistTab.expiresOn')}`, key: 'period', width: 120, render: (_: unknown, r) => (
    <><div>{r.listedOn}</div><div style={{ color: 'rgba(0,0,0,0.45)' }}>{r.expiresOn ?? t('customers.blacklistTab.untilRemoved')}</div></>) },
  { title: t('customers.institution'), dataIndex: 'institutionName', width: 100, ellipsis: true },
  ...(manage ? [{ title: t('common.actions'), key: 'actions', width: 64,
    render: (_: unknown, r: BlacklistRow) => (r.removedOn || r.removalRequestId ? null : <a onClick={() => remove(r)}>{t('customers.blacklistTab.remove')}</a>) }] : []),
];

export default function BlacklistPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [qInput, setQInput] = useState(params.get('q') ?? '');
  const [removing, setRemoving] = useState<BlacklistRow | null>(null);
  const get = (k: string) => params.get(k) || undefined;
  const query: BlacklistQuery = {
    q: get('q'), listKind: get('listKind') as ListKind | undefined, kind: get('kind') as BlacklistQuery['kind'],
    status: (get('status') as BlacklistQuery['status']) ?? 'active', source: get('source'), listedFrom: get('listedFrom'), listedTo: get('listedTo'),
    page: num(params.get('page')) ?? 1, pageSize: num(params.get('pageSize')) ?? 20,
  };
  const update = (patch: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) { if (v === undefined || v === '') next.delete(k); else next.set(k, String(v)); }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };
  const list = useQuery({ queryKey: ['blacklist', query], queryFn: ({ signal }) => fetchBlacklist(query, signal), placeholderData: keepPreviousData });
  const range = query.listedFrom && query.listedTo ? [dayjs(query.listedFrom), dayjs(query.listedTo)] as [Dayjs, Dayjs] : null;

  return (
    <Card size="small" title={t('blacklistPage.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('blacklistPage.search')} style={{ width: 300 }} value={qInput} maxLength={60}
          onChange={(e) => setQInput(e.target.value)} onSearch={(v) => update({ q: v.trim() })} data-testid="blacklist-search" />
        <Select style={{ width: 130 }} value={query.listKind ?? 'all'} onChange={(v) => update({ listKind: v === 'all' ? undefined : v })}
          options={[{ value: 'all', label: t('blacklistPage.allLists') }, ...(['internal', 'external'] as const).map((k) => ({ value: k, label: t(`customers.blacklistTab.kinds.${k}`) }))]} />
        <Select style={{ width: 110 }} value={query.kind ?? 'all'} onChange={(v) => update({ kind: v === 'all' ? undefined : v })}
          options={[{ value: 'all', label: t('customers.kind.all') }, ...(['personal', 'corporate'] as const).map((k) => ({ value: k, label: t(`customers.kind.${k}`) }))]} />
        <Select style={{ width: 120 }} value={query.status} onChange={(v) => update({ status: v === 'active' ? undefined : v })}
          options={BLACKLIST_STATUSES.map((s) => ({ value: s, label: s === 'all' ? t('customers.status.all') : t(`customers.blacklistTab.state.${s}`) }))} />
        <Input allowClear placeholder={t('customers.blacklistTab.source')} style={{ width: 160 }} defaultValue={query.source} maxLength={60}
          onPressEnter={(e) => update({ source: (e.target as HTMLInputElement).value.trim() })} onClear={() => update({ source: undefined })} />
        <DatePicker.RangePicker value={range} placeholder={[t('blacklistPage.listedFrom'), t('blacklistPage.listedTo')]}
          onChange={(_, s) => update({ listedFrom: s?.[0] || undefined, listedTo: s?.[1] || undefined })} style={{ width: 250 }} />
      </Space>
      <Table rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items} tableLayout="fixed" data-testid="blacklist-table"
        columns={columns(t, can('blacklist.manage'), setRemoving)} locale={{ emptyText: list.error ? list.error.message : t('common.noData') }}
        pagination={{
          current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100],
          showTotal: (n) => t('common.total', { count: n }), onChange: (page, pageSize) => update({ page, pageSize }, false),
        }} />
      {removing && <RemoveBlacklistModal name={removing.name} entry={removing} onClose={() => setRemoving(null)} onDone={() => {
        setRemoving(null);
        message.success(t('customers.blacklistTab.removed'));
        void queryClient.invalidateQueries({ queryKey: ['blacklist'] });
        void queryClient.invalidateQueries({ queryKey: ['customer', removing.customerId] });
      }} />}
    </Card>
  );
}
