// 行业属性批量维护 (CIF-26): fill the template (customer number, industry class, zone, market),
// preview every customer's current and new attributes, then submit; all rows or none.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, upload } from '../../api/client';
import { useReportError } from '../../api/use-report-error';
import { ImportErrors, rejectedOf, type Rejected } from '../customers/ImportErrors';

interface Values { industryCode: string | null; industrialZone: string | null; specialisedMarket: string | null }
interface PreviewRow { row: number; customerNo: string; name: string; current: Values; proposed: Values; industryPath: string | null; changed: boolean }
type Result =
  | { ok: true; dryRun: true; rowCount: number; changedCount: number; preview: PreviewRow[]; previewTruncated: boolean }
  | { ok: true; dryRun: false; rowCount: number; changedCount: number };

const Change = ({ a, b }: { a: string | null; b: string | null }) =>
  (a === b ? <>{a ?? '—'}</> : <><Typography.Text delete type="secondary">{a ?? '—'}</Typography.Text> → <Typography.Text strong>{b ?? '—'}</Typography.Text></>);

export default function IndustryImportPage() {
  const { t } = useTranslation();
  const report = useReportError();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'submit' | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [rejected, setRejected] = useState<Rejected | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'submit');
    setResult(null);
    setRejected(null);
    try {
      setResult(await upload<Result>('/customers/industry/import', file, { dryRun: String(dryRun) }));
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: ['customer'] });
    } catch (e) {
      const r = rejectedOf(e);
      if (r) setRejected(r); else report(e);
    } finally {
      setBusy(null);
    }
  };
  const reset = (f: File | null) => { setFile(f); setResult(null); setRejected(null); };

  return (
    <Card size="small" title={t('industryImport.title')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('industryImport.intro')} />
        <Space wrap align="start">
          <Button icon={<DownloadOutlined />} onClick={() => void download('/customers/industry/import/template', undefined, 'industry-template.xlsx').catch(report)}>
            {t('customers.import.template')}
          </Button>
          <Upload accept=".xlsx,.csv,.txt" maxCount={1} beforeUpload={(f) => { reset(f); return false; }} onRemove={() => { reset(null); return true; }}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}>
            <Button icon={<UploadOutlined />}>{t('industryImport.choose')}</Button>
          </Upload>
          <Button disabled={!file} loading={busy === 'check'} onClick={() => void run(true)}>{t('industryImport.preview')}</Button>
          <Button type="primary" disabled={!file || !!busy || !(result?.dryRun)} loading={busy === 'submit'} onClick={() => void run(false)}>{t('industryImport.submit')}</Button>
        </Space>
        {result && !result.dryRun && <Alert type="success" showIcon title={t('industryImport.submitted', { count: result.rowCount, changed: result.changedCount })} />}
        {result?.dryRun && (
          <>
            <Alert type="success" showIcon title={t('industryImport.previewed', { count: result.rowCount, changed: result.changedCount })}
              description={result.previewTruncated ? t('industryImport.truncated', { shown: result.preview.length }) : undefined} />
            <Table<PreviewRow> rowKey="row" size="small" dataSource={result.preview} pagination={{ pageSize: 20 }} scroll={{ x: 1100 }}
              columns={[
                { title: t('customers.import.row'), dataIndex: 'row', width: 60 },
                { title: t('customers.customerNo'), dataIndex: 'customerNo', width: 125 },
                { title: t('customers.name'), dataIndex: 'name', width: 180, ellipsis: true },
                { title: t('industryImport.industry'), key: 'code', width: 150, render: (_: unknown, r) => <Change a={r.current.industryCode} b={r.proposed.industryCode} /> },
                { title: t('customers.industry.path'), dataIndex: 'industryPath', ellipsis: true },
                { title: t('industryImport.zone'), key: 'zone', width: 160, render: (_: unknown, r) => <Change a={r.current.industrialZone} b={r.proposed.industrialZone} /> },
                { title: t('industryImport.market'), key: 'market', width: 140, render: (_: unknown, r) => <Change a={r.current.specialisedMarket} b={r.proposed.specialisedMarket} /> },
                { title: '', dataIndex: 'changed', width: 80, render: (c: boolean) => (c ? <Tag color="blue">{t('industryImport.changed')}</Tag> : <Tag>{t('industryImport.same')}</Tag>) },
              ]} />
          </>
        )}
        {rejected && <ImportErrors rejected={rejected} />}
      </Space>
    </Card>
  );
}
