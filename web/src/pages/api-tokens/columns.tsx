import { Popconfirm, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Lang } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { STATE_COLOR, tokenState, type ApiToken } from './api';

export const tokenColumns = (t: TFunction, lang: Lang, revoke: (tk: ApiToken) => Promise<unknown>): TableColumnsType<ApiToken> => [
  { title: t('apiTokens.name'), dataIndex: 'name', width: 160, ellipsis: true },
  { title: t('apiTokens.prefix'), dataIndex: 'prefix', width: 160, render: (p: string) => <code>crm_{p}_…</code> },
  { title: t('apiTokens.state.label'), key: 'state', width: 80, render: (_: unknown, tk) => { const s = tokenState(tk); return <Tag color={STATE_COLOR[s]}>{t(`apiTokens.state.${s}`)}</Tag>; } },
  {
    title: t('apiTokens.roles'), dataIndex: 'roles', ellipsis: true,
    render: (roles: ApiToken['roles']) => { const n = roles.map((r) => (lang === 'en-US' ? r.nameEn : r.nameZh)).join(t('common.listSep')); return <Tooltip title={n}>{n || '—'}</Tooltip>; },
  },
  { title: t('apiTokens.institution'), dataIndex: 'institutionName', width: 130, ellipsis: true },
  { title: t('apiTokens.createdBy'), dataIndex: 'createdBy', width: 100 },
  { title: t('apiTokens.createdAt'), dataIndex: 'createdAt', width: 145, render: formatDateTime },
  { title: t('apiTokens.expiresAt'), dataIndex: 'expiresAt', width: 145, render: (v: string | null) => (v ? formatDateTime(v) : t('apiTokens.never')) },
  { title: t('apiTokens.lastUsedAt'), dataIndex: 'lastUsedAt', width: 145, render: (v: string | null) => (v ? formatDateTime(v) : t('apiTokens.unused')) },
  {
    title: t('common.actions'), key: 'actions', width: 70, fixed: 'right',
    render: (_: unknown, tk) => (tokenState(tk) === 'revoked' ? null : (
      <Popconfirm title={t('apiTokens.revokeConfirm', { name: tk.name })} description={t('apiTokens.revokeHint')}
        okText={t('apiTokens.revoke')} okButtonProps={{ danger: true }} onConfirm={() => revoke(tk)}>
        <a style={{ color: '#cf1322' }} data-testid={`token-revoke-${tk.id}`}>{t('apiTokens.revoke')}</a>
      </Popconfirm>
    )),
  },
];
