// 数据下发 (ACC-5): every load attempt of the core-banking daily feed, newest first, with its
// counts and rejected rows (also as CSV for the core team), and — when the server has an inbox
// folder and the user holds feed.manage — loading a business date from the inbox at once.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session';
import { formatDateTime, orDash } from '../../lib/format';
import { downloadRejectedCsv, fetchFeedRuns, fetchRejected, loadFromInbox, type FeedRun, type FeedStatus, type LoadResult } from './api';

const STATUS_COLOR: Record<FeedStatus, string> = { loaded: 'green', rejected: 'orange', failed: 'red', running: 'blue' };
/** The counts worth a glance; the rest (per-file records, alerts raised) stay in the audit record. */
const SUMMARY_COUNTS = ['customersOpened', 'customersUpdated', 'accountsOpened', 'accountsUpdated', 'balances', 'transactions'] as const;

// A day not loaded wrote nothing: what it counted while reading is shown as read, not as loaded.
function CountsSummary({ counts, status }: { counts: Record<string, number> | null; status: FeedStatus }) {
  const { t } = useTranslation();
  const shown = SUMMARY_COUNTS.filter((k) => counts?.[k] !== undefined);
  if (!shown.length) return <>—</>;
  const items = shown.map((k) => <span key={k} style={{ whiteSpace: 'nowrap' }}>{t(`feeds.count.${k}`)} {counts![k]}</span>);
  if (status === 'loaded') return <Space size={[8, 0]} wrap>{items}</Space>;
  return (
    <Typography.Text type="secondary" data-testid="feed-counts-not-applied">
      <Space size={[8, 0]} wrap><Tag>{t('feeds.notApplied')}</Tag>{items}</Space>
    </Typography.Text>
  );
}

function StatusTag({ status }: { status: FeedStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]} data-testid={`feed-status-${status}`}>{t(`feeds.status.${status}`)}</Tag>;
}

/** A run's rejected rows as the server reports them (the first 1,000), with the CSV of all it kept. */
function RejectedRows({ run }: { run: { id: number; businessDate: string } }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['feeds', run.id, 'rejected'], queryFn: ({ signal }) => fetchRejected(run.id, signal) });
  return (
    <div data-testid={`feed-rejected-${run.id}`}>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('feeds.rejected.title')}</Typography.Text>
        {q.data && q.data.total > q.data.items.length && <Typography.Text type="secondary">{t('feeds.rejected.shown', { total: q.data.total, shown: q.data.items.length })}</Typography.Text>}
        <a onClick={() => void downloadRejectedCsv(run)} data-testid={`feed-rejected-csv-${run.id}`}>{t('feeds.rejected.csv')}</a>
      </Space>
      <Table rowKey={(r) => `${r.file}:${r.line}:${r.field ?? ''}:${r.code}`} size="small" loading={q.isFetching} dataSource={q.data?.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: q.error ? q.error.message : t('common.noData') }}
        columns={[
          { title: t('feeds.rejected.file'), dataIndex: 'file', width: 220 },
          { title: t('feeds.rejected.line'), dataIndex: 'line', width: 70, align: 'right' },
          { title: t('feeds.rejected.field'), dataIndex: 'field', width: 140, render: orDash },
          { title: t('feeds.rejected.reason'), dataIndex: 'message' },
        ]} />
    </div>
  );
}

function LoadFromInbox() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [date, setDate] = useState<Dayjs | null>(null);
  const load = useMutation({
    mutationFn: (d: string) => loadFromInbox(d),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['feeds'] }),
  });
  const result: LoadResult | undefined = load.data;
  return (
    <Card size="small" title={t('feeds.load.title')} style={{ marginBottom: 12 }}>
      <Space wrap>
        <DatePicker value={date} onChange={setDate} placeholder={t('feeds.load.pickDate')} aria-label={t('feeds.load.date')}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="feed-load-date" />
        <Button type="primary" disabled={!date} loading={load.isPending} data-testid="feed-load-button"
          onClick={() => date && load.mutate(date.format('YYYY-MM-DD'))}>{t('feeds.load.button')}</Button>
        <Typography.Text type="secondary">{t('feeds.load.hint')}</Typography.Text>
      </Space>
      {load.error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={load.error.message} data-testid="feed-load-error" />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid="feed-load-result">
          <Descriptions size="small" column={{ xs: 1, md: 3 }} title={t('feeds.load.result', { date: result.businessDate })} items={[
            { key: 'status', label: t('feeds.statusLabel'), children: <StatusTag status={result.status} /> },
            { key: 'counts', label: t('feeds.counts'), children: <CountsSummary counts={result.counts} status={result.status} /> },
            { key: 'rejected', label: t('feeds.rejectedTotal'), children: result.rejectedTotal },
            ...(result.error ? [{ key: 'error', label: t('feeds.error'), children: result.error }] : []),
          ]} />
          {result.rejectedTotal > 0 && <RejectedRows run={{ id: result.runId, businessDate: result.businessDate }} />}
        </div>
      )}
    </Card>
  );
}

const columns = (t: TFunction): TableColumnsType<FeedRun> => [
  { title: t('feeds.businessDate'), dataIndex: 'businessDate', width: 110 },
  { title: t('feeds.statusLabel'), dataIndex: 'status', width: 90, render: (s: FeedStatus) => <StatusTag status={s} /> },
  { title: t('feeds.trigger'), dataIndex: 'trigger', width: 130, render: (v: FeedRun['trigger']) => t(`feeds.triggers.${v}`) },
  { title: t('feeds.startedBy'), dataIndex: 'startedBy', width: 110, render: (v: string | null) => v ?? t('feeds.scheduler') },
  { title: t('feeds.startedAt'), dataIndex: 'startedAt', width: 160, render: formatDateTime },
  { title: t('feeds.finishedAt'), dataIndex: 'finishedAt', width: 160, render: formatDateTime },
  { title: t('feeds.counts'), dataIndex: 'counts', render: (c: FeedRun['counts'], r) => <CountsSummary counts={c} status={r.status} /> },
  { title: t('feeds.rejectedTotal'), dataIndex: 'rejectedTotal', width: 90, align: 'right',
    render: (n: number, r) => (r.error ? <Tooltip title={r.error}><Typography.Text type="danger">{n}</Typography.Text></Tooltip> : n) },
];

export default function FeedsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const runs = useQuery({ queryKey: ['feeds', paging], queryFn: ({ signal }) => fetchFeedRuns(paging, signal), placeholderData: keepPreviousData });
  return (
    <>
      {runs.data?.inbox && can('feed.manage') && <LoadFromInbox />}
      <Card size="small" title={t('feeds.title')}>
        <Typography.Paragraph type="secondary">{t('feeds.intro')}</Typography.Paragraph>
        <Table rowKey="id" size="small" loading={runs.isFetching} dataSource={runs.data?.items} columns={columns(t)} scroll={{ x: 1100 }}
          data-testid="feed-runs" onRow={(r) => ({ 'data-testid': `feed-run-${r.businessDate}` }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: runs.error ? runs.error.message : t('common.noData') }}
          expandable={{ rowExpandable: (r) => r.rejectedTotal > 0, expandedRowRender: (r) => <RejectedRows run={r} /> }}
          pagination={{
            current: paging.page, pageSize: paging.pageSize, total: runs.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100],
            showTotal: (n) => t('common.total', { count: n }), onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }} />
      </Card>
    </>
  );
}
