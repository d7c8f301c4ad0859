// 开户审核中: openings under review (customers.information_review.opening) are not customers until
// approved, so the list below cannot hold them; this strip names them above it, each with where
// it stands and a link to its request. Shown only when there are some.
import { useQuery } from '@tanstack/react-query';
import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime, orDash } from '../../lib/format';
import { fetchPendingOpenings } from './api';

export function PendingOpenings() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['customers', 'pending-openings'], queryFn: ({ signal }) => fetchPendingOpenings(signal) });
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="pending-openings"
      title={t('customers.pendingOpenings.title', { count: items.length })}
      description={(
        <Space direction="vertical" size={2}>
          {items.map((o) => (
            <Space key={o.requestId} size={8} wrap data-testid="pending-opening">
              <Typography.Text strong>{o.name}</Typography.Text>
              <span>{t(`customers.kind.${o.kind}`)}</span>
              <span>{orDash(o.institution)}</span>
              <Tag color={o.status === 'returned' ? 'orange' : 'processing'}>{t(`customers.pendingOpenings.${o.status}`)}</Tag>
              {o.status === 'pending' && <Typography.Text type="secondary">{t('customers.pendingOpenings.step', { step: o.step, count: o.stepCount })}</Typography.Text>}
              <Typography.Text type="secondary">{o.maker} · {formatDateTime(o.submittedAt)}</Typography.Text>
              <Link to={`/approvals?${o.status === 'returned' ? 'tab=mine&' : ''}id=${o.requestId}`}>{t('customers.pendingOpenings.view')}</Link>
            </Space>
          ))}
        </Space>
      )} />
  );
}
