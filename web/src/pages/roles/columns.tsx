import { Popconfirm, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Lang } from '../../api/client';
import type { Role } from '../../components/roles';
import { localName, orDash } from '../../lib/format';
import { CATEGORY_COLOR } from './labels';

export type RoleRowAction = 'view' | 'edit' | 'copy' | 'delete';

export const roleColumns = (t: TFunction, lang: Lang, canManage: boolean, act: (a: RoleRowAction, r: Role) => void): TableColumnsType<Role> => [
  { title: t('roles.name'), key: 'name', width: 180, ellipsis: true, render: (_: unknown, r) => <a onClick={() => act('view', r)}>{localName(lang, r)}</a> },
  { title: t('roles.code'), dataIndex: 'code', width: 170, ellipsis: true, render: (c: string) => <code>{c}</code> },
  { title: t('roles.category.label'), dataIndex: 'category', width: 110, render: (c: Role['category']) => <Tag color={CATEGORY_COLOR[c]}>{t(`roles.category.${c}`)}</Tag> },
  { title: t('roles.kind'), dataIndex: 'builtin', width: 80, render: (b: boolean) => (b ? <Tag>{t('roles.builtin')}</Tag> : <Tag color="gold">{t('roles.custom')}</Tag>) },
  { title: t('roles.dataScope'), dataIndex: 'dataScope', width: 150, render: (s: Role['dataScope']) => t(`dataScope.short.${s}`) },
  { title: t('roles.permissionCount'), key: 'perms', width: 100, align: 'right', render: (_: unknown, r) => r.permissions.length },
  { title: t('roles.userCount'), dataIndex: 'userCount', width: 70, align: 'right' },
  { title: t('roles.description'), dataIndex: 'description', ellipsis: true, render: orDash },
  {
    title: t('common.actions'), key: 'actions', width: 130, fixed: 'right',
    render: (_: unknown, r) => (
      <Space size={8}>
        <a onClick={() => act('view', r)}>{t('common.view')}</a>
        {canManage && !r.builtin && <a onClick={() => act('edit', r)}>{t('common.edit')}</a>}
        {canManage && <a onClick={() => act('copy', r)}>{t('roles.copy')}</a>}
        {canManage && !r.builtin && (
          r.userCount > 0
            ? <Tooltip title={t('roles.inUse', { count: r.userCount })}><span style={{ color: 'rgba(0,0,0,0.25)' }}>{t('common.delete')}</span></Tooltip>
            : <Popconfirm title={t('roles.deleteConfirm', { name: localName(lang, r) })} okButtonProps={{ danger: true }} okText={t('common.delete')}
                onConfirm={() => act('delete', r)}><a style={{ color: '#cf1322' }}>{t('common.delete')}</a></Popconfirm>
        )}
      </Space>
    ),
  },
];
