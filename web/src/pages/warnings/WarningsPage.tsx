// 危机预警 (WARN-1…4): the crisis warnings of the customers in my scope, red first; a warning opens
// in a drawer with the indicators that drove it, the score over time and its disposal — the
// manager records analysis → contact → measures → result, his head closes it.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Segmented, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useReportError } from '../../api/use-report-error';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { orDash } from '../../lib/format';
import { exportWarnings, fetchWarnings, LEVEL_COLOR, type Level, type WarningItem, type WarningStatus } from './api';
import { WarningDrawer } from './WarningDrawer';

export default function WarningsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<WarningStatus>('open');
  const [level, setLevel] = useState<Level | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<number | null>(null);
  const report = useReportError();
  const list = useQuery({ queryKey: ['warnings', status, level, page], placeholderData: keepPreviousData,
    queryFn: ({ signal }) => fetchWarnings({ status, level, ...page }, signal) });

  return (
    <Card size="small" title={t('warnings.title')} data-testid="warnings-page">
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented value={status} onChange={(v) => { setStatus(v as WarningStatus); setPage((p) => ({ ...p, page: 1 })); }}
          options={(['open', 'resolved', 'closed', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`warnings.status.${s}`) }))} />
        <Select allowClear placeholder={t('warnings.levelFilter')} style={{ width: 200 }} value={level} onChange={(v) => { setLevel(v); setPage((p) => ({ ...p, page: 1 })); }}
          options={(['red', 'orange', 'yellow'] as const).map((l) => ({ value: l, label: t(`warnings.level.${l}`) }))} />
        <Button icon={<DownloadOutlined />} onClick={() => void exportWarnings({ status, level }).catch(report)} data-testid="warnings-export">{t('warnings.export')}</Button>
      </Space>
      <Table<WarningItem> rowKey="id" size="small" loading={list.isFetching} dataSource={list.data?.items}
        locale={{ emptyText: list.error ? list.error.message : t('warnings.none') }}
        onRow={(x) => ({ onClick: () => setOpen(x.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: t('warnings.level.title'), dataIndex: 'level', width: 170, render: (l: Level) => <Tag color={LEVEL_COLOR[l]}>{t(`warnings.level.${l}`)}</Tag> },
          { title: t('warnings.customer'), key: 'customer', render: (_: unknown, x) => <Link to={`/customers/${x.customer.id}`} onClick={(e) => e.stopPropagation()}>{x.customer.name}</Link> },
          { title: t('warnings.customerNo'), key: 'no', width: 130, render: (_: unknown, x) => x.customer.customerNo },
          { title: t('warnings.score'), dataIndex: 'score', width: 80 },
          { title: t('warnings.crisis.title'), dataIndex: 'crisis', width: 100, render: (c: 'mild' | 'severe' | null) => (c ? t(`warnings.crisis.${c}`) : '—') },
          { title: t('warnings.manager'), dataIndex: 'managerName', width: 110, render: (v: string | null) => orDash(v) },
          { title: t('warnings.institution'), dataIndex: 'institutionName', width: 130, render: (v: string | null) => orDash(v) },
          { title: t('warnings.raisedOn'), dataIndex: 'raisedOn', width: 110 },
          { title: t('warnings.escalated'), dataIndex: 'escalatedOn', width: 110, render: (v: string | null) => (v ? <Tag color="red">{v}</Tag> : '—') },
        ]} />
      {open !== null && <WarningDrawer id={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
