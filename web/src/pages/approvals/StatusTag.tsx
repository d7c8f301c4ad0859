import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalStatus } from './api';

const COLOURS: Record<ApprovalStatus, string> = { pending: 'processing', approved: 'success', returned: 'warning', withdrawn: 'default', rejected: 'error' };

export function StatusTag({ status }: { status: ApprovalStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`approvals.status.${status}`)}</Tag>;
}
