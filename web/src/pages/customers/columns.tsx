import { Tag, Tooltip, type TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatMoney, orDash } from '../../lib/format';
import type { ListSort, SearchRow } from './api';
import { KIND_COLOR, STATUS_COLOR } from './labels';

export const BlacklistTag = ({ t }: { t: TFunction }) => <Tag color="red" data-testid="blacklist-tag">{t('customers.blacklist.tag')}</Tag>;

const TIER_COLOR = { high: 'gold', middle: 'blue', general: 'default' } as const;

/** Column key → the list's sort key, for the columns a manager ranks by. */
export const SORT_OF: Partial<Record<string, ListSort>> = {
  customerNo: 'customerNo', name: 'name', openedAt: 'openedOn', depositBalance: 'balance',
  monthAvg: 'monthAvg', quarterAvg: 'quarterAvg', yearAvg: 'yearAvg', valueTier: 'grade',
};

/** The columns a user may hide (the customer number and the view link always show). */
export const OPTIONAL_COLUMNS = ['name', 'kind', 'id', 'mobile', 'institutionName', 'primaryManager', 'depositBalance', 'monthAvg',
  'quarterAvg', 'yearAvg', 'loanBalance', 'valueTier', 'openedAt', 'status'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];
/** Shown until a user chooses otherwise: fits 1366 px without scrolling. */
export const DEFAULT_COLUMNS: readonly OptionalColumn[] = ['name', 'kind', 'institutionName', 'primaryManager', 'depositBalance', 'monthAvg', 'valueTier', 'status'];

export function customerColumns(t: TFunction, opts: { visible?: readonly string[]; sort?: ListSort; order?: 'asc' | 'desc' } = {}): TableColumnsType<SearchRow> {
  const sortable = (key: string) => {
    const s = SORT_OF[key];
    if (!s || !opts.sort) return {};
    const sortOrder: SortOrder = opts.sort === s ? (opts.order === 'asc' ? 'ascend' : 'descend') : null;
    return { sorter: true, sortOrder, sortDirections: ['descend', 'ascend', 'descend'] as SortOrder[] };
  };
  const money = (key: 'depositBalance' | 'monthAvg' | 'quarterAvg' | 'yearAvg' | 'loanBalance', width = 124) => ({
    title: t(`customers.list.${key}`), dataIndex: key, key, width, align: 'right' as const, ...sortable(key),
    render: (v: string | null, c: SearchRow) => (
      <span style={{ whiteSpace: 'nowrap' }} title={c.positionAsOf ? t('customers.list.asOf', { date: c.positionAsOf }) : t('customers.list.noFigures')}>{v === null ? '—' : formatMoney(v)}</span>),
  });
  const all: TableColumnsType<SearchRow> = [
    {
      title: t('customers.customerNo'), dataIndex: 'customerNo', key: 'customerNo', width: 122, fixed: 'left', ...sortable('customerNo'),
      render: (v: string, c) => <Link to={`/customers/${c.id}`} data-testid={`customer-link-${v}`}>{v}</Link>,
    },
    { title: t('customers.name'), dataIndex: 'name', key: 'name', width: 160, ellipsis: { showTitle: false }, ...sortable('name'), render: (v: string) => <Tooltip title={v} placement="topLeft">{v}</Tooltip> },
    { title: t('customers.kind.label'), dataIndex: 'kind', key: 'kind', width: 76, render: (k: SearchRow['kind']) => <Tag color={KIND_COLOR[k]}>{t(`customers.kind.${k}`)}</Tag> },
    {
      title: t('customers.idOrCode'), key: 'id', width: 200,
      render: (_: unknown, c) => <span style={{ fontFamily: 'monospace' }}>{orDash(c.kind === 'corporate' ? c.creditCode : c.idNumber)}</span>,
    },
    { title: t('customers.mobile'), dataIndex: 'mobile', key: 'mobile', width: 130, render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{orDash(v)}</span> },
    { title: t('customers.institution'), dataIndex: 'institutionName', key: 'institutionName', width: 112, ellipsis: true },
    { title: <span title={t('customers.list.primaryManager')}>{t('customers.list.manager')}</span>, dataIndex: 'primaryManager', key: 'primaryManager', width: 92, ellipsis: true, render: (v: string | null) => orDash(v) },
    money('depositBalance'), money('monthAvg'), money('quarterAvg'), money('yearAvg'), money('loanBalance'),
    {
      title: t('customers.list.valueTier'), dataIndex: 'valueTier', key: 'valueTier', width: 90, ...sortable('valueTier'),
      render: (v: SearchRow['valueTier']) => (v ? <Tag color={TIER_COLOR[v]} data-testid="value-tier">{t(`customers.list.tier.${v}`)}</Tag> : '—'),
    },
    { title: t('customers.list.openedAt'), dataIndex: 'openedAt', key: 'openedAt', width: 110, ...sortable('openedAt'), render: (v: string) => formatDate(v) },
    {
      title: t('customers.status.label'), key: 'status', width: 112,
      render: (_: unknown, c) => (
        <>
          <Tag color={STATUS_COLOR[c.status]}>{t(`customers.status.${c.status}`)}</Tag>
          {c.blacklisted && <BlacklistTag t={t} />}
        </>
      ),
    },
    { title: t('common.actions'), key: 'actions', width: 72, fixed: 'right', render: (_: unknown, c) => <Link to={`/customers/${c.id}`}>{t('common.view')}</Link> },
  ];
  const visible = new Set(opts.visible ?? OPTIONAL_COLUMNS);
  // Every column has its width, so the table knows when the chosen ones need a scroll bar.
  return all.filter((c) => !(OPTIONAL_COLUMNS as readonly string[]).includes(String(c.key)) || visible.has(String(c.key)));
}

/** The width the columns need: the table scrolls sideways only beyond it. */
export const columnsWidth = (columns: TableColumnsType<SearchRow>) => columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 0), 0);
