import { Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { formatDateTime, orDash } from '../../lib/format';
import { ACTOR_KIND_COLOR, type AuditRow } from './api';

export const auditColumns = (t: TFunction, actionName: (a: string) => string | null): TableColumnsType<AuditRow> => [
  { title: t('audit.time'), dataIndex: 'occurredAt', width: 160, render: formatDateTime },
  {
    title: t('audit.actor'), dataIndex: 'actorName', width: 150,
    render: (name: string | null, r) => (
      <span>{orDash(name)}{r.actorKind !== 'user' && <Tag color={ACTOR_KIND_COLOR[r.actorKind]} style={{ marginLeft: 4 }}>{t(`audit.actorKind.${r.actorKind}`)}</Tag>}</span>
    ),
  },
  {
    title: t('audit.action'), dataIndex: 'action', width: 230,
    render: (a: string) => { const n = actionName(a); return <span>{n && <>{n} </>}<Typography.Text type="secondary" code>{a}</Typography.Text></span>; },
  },
  // The object by name, its type and number beside it (and on hover) for searching the log by id.
  { title: t('audit.entity'), key: 'entity', width: 220, ellipsis: { showTitle: false }, render: (_: unknown, r) => {
    if (!r.entityType) return '—';
    const ref = `${r.entityType}${r.entityId ? ` #${r.entityId}` : ''}`;
    return <Tooltip title={ref}><span data-testid={`audit-entity-${r.id}`}>{r.entityName ? <>{r.entityName} <Typography.Text type="secondary">({ref})</Typography.Text></> : ref}</span></Tooltip>;
  } },
  { title: t('audit.ip'), dataIndex: 'clientIp', width: 130, render: orDash },
  {
    title: t('audit.requestId'), dataIndex: 'requestId', ellipsis: true,
    render: (v: string | null) => (v ? <Tooltip title={v}><Typography.Text copyable={{ text: v }} style={{ fontFamily: 'monospace', fontSize: 12 }}>{v.slice(0, 8)}…</Typography.Text></Tooltip> : '—'),
  },
];
