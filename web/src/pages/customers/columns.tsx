import { Tag, Tooltip, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { orDash } from '../../lib/format';
import type { SearchRow } from './api';
import { KIND_COLOR, STATUS_COLOR } from './labels';

export const BlacklistTag = ({ t }: { t: TFunction }) => <Tag color="red" data-testid="blacklist-tag">{t('customers.blacklist.tag')}</Tag>;

export const customerColumns = (t: TFunction): TableColumnsType<SearchRow> => [
  {
    title: t('customers.customerNo'), dataIndex: 'customerNo', width: 130, fixed: 'left',
    render: (v: string, c) => <Link to={`/customers/${c.id}`} data-testid={`customer-link-${v}`}>{v}</Link>,
  },
  { title: t('customers.name'), dataIndex: 'name', ellipsis: { showTitle: false }, render: (v: string) => <Tooltip title={v} placement="topLeft">{v}</Tooltip> },
  { title: t('customers.kind.label'), dataIndex: 'kind', width: 90, render: (k: SearchRow['kind']) => <Tag color={KIND_COLOR[k]}>{t(`customers.kind.${k}`)}</Tag> },
  {
    title: t('customers.idOrCode'), key: 'id', width: 200,
    render: (_: unknown, c) => <span style={{ fontFamily: 'monospace' }}>{orDash(c.kind === 'corporate' ? c.creditCode : c.idNumber)}</span>,
  },
  { title: t('customers.mobile'), dataIndex: 'mobile', width: 130, render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{orDash(v)}</span> },
  { title: t('customers.institution'), dataIndex: 'institutionName', width: 140, ellipsis: true },
  {
    title: t('customers.status.label'), key: 'status', width: 150,
    render: (_: unknown, c) => (
      <>
        <Tag color={STATUS_COLOR[c.status]}>{t(`customers.status.${c.status}`)}</Tag>
        {c.blacklisted && <BlacklistTag t={t} />}
      </>
    ),
  },
  { title: t('common.actions'), key: 'actions', width: 72, fixed: 'right', render: (_: unknown, c) => <Link to={`/customers/${c.id}`}>{t('common.view')}</Link> },
];
