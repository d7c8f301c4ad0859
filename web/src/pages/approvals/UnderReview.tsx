// The "under review" mark on a subject's own screen (a customer's view): each open request about
// it, where it stands, and a link to the request. The subject itself is unchanged until approval.
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fetchOpenApprovals } from './api';
import { useLang } from '../../i18n';
import { fieldLabel, typeLabel } from './labels';

export function UnderReview({ subjectType, subjectId }: { subjectType: string; subjectId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const open = useQuery({ queryKey: ['approvals', 'open', subjectType, subjectId], queryFn: ({ signal }) => fetchOpenApprovals(subjectType, subjectId, signal) });
  return (
    <>
      {open.data?.items.map((r) => (
        <Alert key={r.id} type="info" showIcon style={{ marginBottom: 12 }} data-testid="under-review"
          title={t('approvals.underReview', { type: typeLabel(t, r.type), status: t(`approvals.status.${r.status}`), step: r.step, count: r.stepCount })}
          description={r.fields?.length ? <span data-testid="pending-fields">{t('approvals.pendingFields', { fields: r.fields.map((f) => fieldLabel(t, f, lang)).join('、') })}</span> : undefined}
          action={<Link to={`/approvals?${r.status === 'returned' ? 'tab=mine&' : ''}id=${r.id}`}>{t('approvals.view')}</Link>} />
      ))}
    </>
  );
}
