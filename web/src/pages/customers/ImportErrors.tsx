// A rejected file (PLAT-3): every error by row and column in the UI language, with the full
// report (.xlsx, kept 24 hours for the uploader) to download. Shared by the customer and the
// industry-attribute imports.
import { Alert, Button, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useReportError } from '../../api/use-report-error';
import { downloadReport } from './api';

interface RowError { row: number; column: string; header: string; message: string; value?: unknown }
export interface Rejected { title: string; rowCount: number; errorCount: number; errorsTruncated: boolean; reportUrl: string | null; errors: RowError[] }

/** The rejection an import answered with, or null for any other error. */
export function rejectedOf(e: unknown): Rejected | null {
  if (!isApiError(e) || e.code !== 'customers.import.rejected') return null;
  const x = e.extra as Partial<Rejected>;
  return { title: e.title, rowCount: x.rowCount ?? 0, errorCount: x.errorCount ?? 0, errorsTruncated: !!x.errorsTruncated,
    reportUrl: x.reportUrl ?? null, errors: (e.errors as unknown as RowError[]) ?? [] };
}

export function ImportErrors({ rejected }: { rejected: Rejected }) {
  const { t } = useTranslation();
  const report = useReportError();
  return (
    <>
      <Alert type="error" showIcon title={rejected.title} data-testid="import-rejected" style={{ marginBottom: 8 }}
        description={rejected.errorsTruncated ? t('customers.import.truncated', { shown: rejected.errors.length, count: rejected.errorCount }) : undefined}
        action={rejected.reportUrl ? <Button size="small" onClick={() => void downloadReport(rejected.reportUrl!).catch(report)}>{t('customers.import.report')}</Button> : undefined} />
      <Table<RowError> size="small" rowKey={(e, i) => `${e.row}-${e.column}-${i}`} dataSource={rejected.errors} pagination={{ pageSize: 8, size: 'small' }}
        columns={[
          { title: t('customers.import.row'), dataIndex: 'row', width: 70 },
          { title: t('customers.import.column'), dataIndex: 'column', width: 60 },
          { title: t('customers.import.header'), dataIndex: 'header', width: 160, ellipsis: true },
          { title: t('customers.import.message'), dataIndex: 'message' },
          { title: t('customers.import.value'), dataIndex: 'value', width: 140, ellipsis: true, render: (v: unknown) => <Typography.Text type="secondary">{v == null ? '' : String(v)}</Typography.Text> },
        ]} />
    </>
  );
}
