// 审批 on the workbench: the steps waiting for me, how many are past their due date (working
// days, computed by the engine when the step began) and my requests returned to me.
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fetchApprovalCount } from '../approvals/api';
import styles from './home.module.css';

export function WorkbenchApprovals() {
  const { t } = useTranslation();
  const count = useQuery({ queryKey: ['approvals', 'count'], queryFn: ({ signal }) => fetchApprovalCount(signal) });
  return (
    <Card size="small" className={styles.block} title={t('approvals.title')} data-testid="workbench-approvals"
      extra={<Link to="/approvals">{t('approvals.inbox')}</Link>}>
      <Space size={48}>
        <Statistic title={t('approvals.pending')} value={count.data?.pending ?? 0} data-testid="workbench-approvals-pending" />
        <Statistic title={t('approvals.overdue')} value={count.data?.overdue ?? 0} styles={{ content: { color: count.data?.overdue ? '#cf1322' : undefined } }}
          data-testid="workbench-approvals-overdue" />
        <Statistic title={t('approvals.returnedToMe')} value={count.data?.returnedToMe ?? 0} />
      </Space>
    </Card>
  );
}
