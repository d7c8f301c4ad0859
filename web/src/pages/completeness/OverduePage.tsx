// 信息完整性逾期 (CIF-45): new customers in my charge still without a responsible manager, their
// required information or scale attribute three working days after opening; exportable.
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useReportError } from '../../api/use-report-error';
import { exportOverdue, fetchOverdue, type OverdueRow } from '../customers/images/api';

export default function OverduePage() {
  const { t } = useTranslation();
  const report = useReportError();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const q = useQuery({ queryKey: ['completeness', 'overdue', page], queryFn: ({ signal }) => fetchOverdue(page, signal) });
  return (
    <Card title={t('completeness.overdueTitle')} data-testid="completeness-overdue"
      extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={async () => {
        setExporting(true);
        try { await exportOverdue(); } catch (e) { report(e); } finally { setExporting(false); }
      }}>{t('completeness.export')}</Button>}>
      <Typography.Paragraph type="secondary">{t('completeness.overdueRule')}</Typography.Paragraph>
      {q.error ? <Alert type="warning" showIcon title={q.error.message} /> : (
        <Table<OverdueRow> size="small" rowKey="customerId" loading={q.isLoading} dataSource={q.data?.items ?? []}
          pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
          columns={[
            { title: t('completeness.customerNo'), render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerNo}</Link> },
            { title: t('completeness.name'), dataIndex: 'name' },
            { title: t('completeness.institution'), dataIndex: 'institutionName' },
            { title: t('completeness.tierLabel'), render: (_, r) => t(`completeness.tier.${r.tier}`) },
            { title: t('completeness.percent'), render: (_, r) => `${r.percent}%` },
            { title: t('completeness.openedOn'), dataIndex: 'openedOn' },
            { title: t('completeness.deadline'), render: (_, r) => <Tag color="red">{r.deadline}</Tag> },
            { title: t('completeness.owing'), render: (_, r) => <Space wrap size={4}>{r.gaps.map((g) => <Tag key={g}>{t(`completeness.gap.${g}`)}</Tag>)}</Space> },
            { title: t('completeness.missingItems'), render: (_, r) => r.missing.map((m) => t(`completeness.item.${m}`)).join('、') || '—' },
          ]} />
      )}
    </Card>
  );
}
