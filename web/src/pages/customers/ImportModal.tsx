// 导入 (PLAT-3): template, a check without saving, then the import; all rows or none. A rejected
// file lists every error by row and column, with the full report to download.
// The file is checked and imported in the background (issue 12, item 9): the dialog follows the
// run's progress (rows read, checked, written), and the clerk may close it and come back to the
// result under "Recent imports".
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Progress, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { downloadTemplate, fetchImportRun, fetchImportRuns, importRunsKey, startImportRun, type ImportRun } from './api';
import type { CustomerKind } from './catalogue';
import { ImportErrors, type Rejected } from './ImportErrors';

const STATUS_COLOUR: Record<ImportRun['status'], string> = { running: 'processing', done: 'success', rejected: 'error', failed: 'error', interrupted: 'warning' };

/** How far a run has got, as a share of its three phases' rows. */
function percentOf(run: ImportRun): number {
  if (run.phase === 'finished') return 100;
  const total = run.rowCount ?? 0;
  if (!total) return 5;
  const share = (n: number) => Math.min(n, total) / total;
  return Math.round(100 * (run.dryRun ? (0.5 + share(run.rowsChecked) * 0.5) : (0.2 + share(run.rowsChecked) * 0.2 + share(run.rowsWritten) * 0.6)));
}

function RunOutcome({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  if (run.status === 'running') {
    return (
      <div data-testid="customer-import-progress">
        <Typography.Text>{t(`customers.import.phase.${run.phase}`)} — {run.fileName}</Typography.Text>
        <Progress percent={percentOf(run)} status="active" />
        <Typography.Text type="secondary">{t('customers.import.progress', { read: run.rowCount ?? 0, checked: run.rowsChecked, written: run.rowsWritten })}</Typography.Text>
        <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('customers.import.background')} />
      </div>
    );
  }
  const r = run.result;
  if (run.status === 'done' && r?.ok) {
    return (
      <Alert type="success" showIcon data-testid="customer-import-ok"
        title={r.dryRun ? t('customers.import.checked', { count: r.rowCount })
          : t('customers.import.imported', { count: r.rowCount, first: r.firstCustomerNo ?? '', last: r.lastCustomerNo ?? '' })} />
    );
  }
  if (run.status === 'rejected' && r && !r.ok) {
    const rejected: Rejected = { title: t('customers.import.rejectedTitle', { rowCount: r.rowCount, errorCount: r.errorCount }), rowCount: r.rowCount,
      errorCount: r.errorCount, errorsTruncated: r.errorsTruncated, reportUrl: `/api/customers/import/report/${r.reportToken}`, errors: r.errors };
    return <ImportErrors rejected={rejected} />;
  }
  return <Alert type={run.status === 'interrupted' ? 'warning' : 'error'} showIcon data-testid="customer-import-failed" title={run.error ?? t(`customers.import.status.${run.status}`)} />;
}

export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const report = useReportError();
  const [kind, setKind] = useState<CustomerKind>('personal');
  const [file, setFile] = useState<File | null>(null);
  const [starting, setStarting] = useState<'check' | 'import' | null>(null);
  const [runId, setRunId] = useState<number | null>(null);

  const run = useQuery({
    queryKey: ['customers', 'import-run', runId], enabled: runId != null,
    queryFn: ({ signal }) => fetchImportRun(runId!, signal),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const recent = useQuery({ queryKey: importRunsKey, queryFn: ({ signal }) => fetchImportRuns(signal) });
  const current = run.data ?? null;
  const running = current?.status === 'running';

  // When the followed run ends: the list of recent runs, and the customer lists after an import.
  const finishedId = current && !running ? current.id : null;
  const imported = !!current && !current.dryRun && current.status === 'done';
  useEffect(() => {
    if (finishedId == null) return;
    void queryClient.invalidateQueries({ queryKey: imported ? ['customers'] : importRunsKey });
  }, [finishedId, imported, queryClient]);

  const start = async (dryRun: boolean) => {
    if (!file) return;
    setStarting(dryRun ? 'check' : 'import');
    try {
      const started = await startImportRun(kind, file, dryRun);
      queryClient.setQueryData(['customers', 'import-run', started.id], started);
      setRunId(started.id);
      void queryClient.invalidateQueries({ queryKey: importRunsKey });
    } catch (e) {
      report(e);
    } finally {
      setStarting(null);
    }
  };
  const reset = () => setRunId(null);

  return (
    <Modal open title={t('customers.import.title')} width={860} onCancel={onClose} destroyOnHidden mask={{ closable: false }} data-testid="customer-import-modal"
      footer={[
        <Button key="close" onClick={onClose} data-testid="customer-import-close">{t('customers.import.close')}</Button>,
        <Button key="check" disabled={!file || running} loading={starting === 'check'} onClick={() => void start(true)} data-testid="customer-import-check">{t('customers.import.check')}</Button>,
        <Button key="import" type="primary" disabled={!file || !!starting || running} loading={starting === 'import'} onClick={() => void start(false)} data-testid="customer-import-run">{t('customers.import.run')}</Button>,
      ]}>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Alert type="info" showIcon title={t('customers.import.intro')} />
        <Space wrap align="start">
          <Radio.Group value={kind} onChange={(e) => { setKind(e.target.value as CustomerKind); reset(); }} optionType="button"
            options={[{ value: 'personal', label: t('customers.kind.personal') }, { value: 'corporate', label: t('customers.kind.corporate') }]} />
          <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate(kind).catch(report)}>{t('customers.import.template')}</Button>
          <Upload accept=".xlsx,.csv,.txt" maxCount={1} beforeUpload={(f) => { setFile(f); reset(); return false; }}
            onRemove={() => { setFile(null); return true; }} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}>
            <Button icon={<UploadOutlined />} data-testid="customer-import-file">{t('customers.import.choose')}</Button>
          </Upload>
        </Space>
        {current && <RunOutcome run={current} />}
        {!!recent.data?.length && (
          <Table<ImportRun> size="small" rowKey="id" dataSource={recent.data} pagination={false} scroll={{ y: 180 }} data-testid="customer-import-recent"
            title={() => <Typography.Text strong>{t('customers.import.recent')}</Typography.Text>}
            columns={[
              { title: t('customers.import.startedAt'), dataIndex: 'startedAt', width: 150, render: (v: string) => new Date(v).toLocaleString() },
              { title: t('customers.import.file'), dataIndex: 'fileName', ellipsis: true },
              { title: t('customers.import.rows'), dataIndex: 'rowCount', width: 70, align: 'right' },
              { title: t('customers.import.result'), dataIndex: 'status', width: 190,
                render: (s: ImportRun['status'], r) => <Tag color={STATUS_COLOUR[s]}>{r.dryRun ? `${t('customers.import.dryRun')} · ` : ''}{t(`customers.import.status.${s}`)}</Tag> },
              { title: '', key: 'show', width: 60, render: (_, r) => <Button type="link" size="small" onClick={() => setRunId(r.id)}>{t('customers.import.show')}</Button> },
            ]} />
        )}
      </Space>
    </Modal>
  );
}
