import { Tag, Tooltip, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Lang } from '../../api/client';
import { formatDateTime, localName, orDash } from '../../lib/format';
import { isLocked, type UserRow } from './api';
import { STATUS_COLOR } from './labels';

export const StatusTags = ({ u, t }: { u: UserRow; t: TFunction }) => (
  <>
    <Tag color={STATUS_COLOR[u.status]}>{t(`users.status.${u.status}`)}</Tag>
    {isLocked(u) && <Tooltip title={t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) })}><Tag color="red">{t('users.locked')}</Tag></Tooltip>}
    {u.mustChangePassword && u.status === 'active' && <Tag color="gold">{t('users.mustChange')}</Tag>}
  </>
);

/** Short institution names repeat ("营销一队" under every sub-branch): show the full name where known. */
export type FullName = (id: number, fallback: string) => string;

const institutionCell = (name: string) => <Tooltip title={name} placement="topLeft">{name}</Tooltip>;

export const userColumns = (t: TFunction, lang: Lang, fullName: FullName, open: (u: UserRow) => void): TableColumnsType<UserRow> => [
  { title: t('users.username'), dataIndex: 'username', width: 110, fixed: 'left', ellipsis: true, render: (v: string, u) => <a onClick={() => open(u)}>{v}</a> },
  { title: t('users.displayName'), dataIndex: 'displayName', width: 90, ellipsis: true },
  { title: t('users.employeeNo'), dataIndex: 'employeeNo', width: 90, render: orDash },
  // Full institution names wrap rather than end in '…': "青岛分行 / 市南支行 / 营销一队" is the point.
  { title: t('users.homeInstitution'), key: 'home', width: 190, render: (_: unknown, u) => institutionCell(fullName(u.homeInstitutionId, u.homeInstitutionName)) },
  { title: t('users.managingInstitution'), key: 'managing', width: 190, render: (_: unknown, u) => institutionCell(fullName(u.managingInstitutionId, u.managingInstitutionName)) },
  {
    title: t('users.roles'), dataIndex: 'roles', ellipsis: { showTitle: false },
    render: (roles: UserRow['roles']) => {
      const names = roles.map((r) => localName(lang, r));
      const text = names.join(t('common.listSep'));
      return <Tooltip title={text}>{text || '—'}</Tooltip>;
    },
  },
  { title: t('users.status.label'), dataIndex: 'status', width: 130, render: (_: unknown, u) => <StatusTags u={u} t={t} /> },
  { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 150, render: formatDateTime },
  { title: t('common.actions'), key: 'actions', width: 72, fixed: 'right', render: (_: unknown, u) => <a onClick={() => open(u)}>{t('common.view')}</a> },
];
