// 审计日志 (audit.read): search the hash-chained log, read each change's before/after as text,
// and verify the chain.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { JsonBlock } from '../../components/JsonBlock';
import i18n from '../../i18n';
import { searchAudit, verifyAudit, type AuditQuery, type VerifyResult } from './api';
import { AuditFilters, type AuditFilter } from './AuditFilters';
import { auditColumns } from './columns';

/** A readable name for known action codes; the code itself is always shown too. */
const actionName = (action: string) => {
  const key = `audit.act.${action.replace(/\./g, '_')}`;
  return i18n.exists(key) ? i18n.t(key as never) : null;
};

export default function AuditPage() {
  const { t } = useTranslation();
  const report = useReportError();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [verify, setVerify] = useState<{ busy: boolean; result?: VerifyResult }>({ busy: false });
  const query: AuditQuery = { ...filter, ...page };
  const log = useQuery({ queryKey: ['audit', query], queryFn: ({ signal }) => searchAudit(query, signal), placeholderData: keepPreviousData });

  const runVerify = async () => {
    setVerify({ busy: true });
    try { setVerify({ busy: false, result: await verifyAudit() }); } catch (e) { setVerify({ busy: false }); report(e); }
  };
  const r = verify.result;

  return (
    <Card size="small" title={t('audit.title')} extra={
      <Button icon={<SafetyCertificateOutlined />} loading={verify.busy} onClick={() => void runVerify()} data-testid="audit-verify">{t('audit.verify')}</Button>
    }>
      {r && (
        <Alert style={{ marginBottom: 12 }} showIcon closable={{ onClose: () => setVerify({ busy: false }) }} data-testid="audit-verify-result"
          type={r.ok ? 'success' : 'error'}
          title={r.ok ? t('audit.verifyOk', { count: r.checked }) : t('audit.verifyBroken', { id: r.firstBroken?.id, count: r.checked })}
          description={r.ok ? undefined : t(`audit.brokenReason.${r.firstBroken?.reason ?? 'content'}`)} />
      )}
      <AuditFilters onSearch={(f) => { setFilter(f); setPage((p) => ({ ...p, page: 1 })); }} />
      <Table rowKey="id" size="small" loading={log.isFetching} dataSource={log.data?.items} columns={auditColumns(t, actionName)}
        scroll={{ x: 1100 }} locale={{ emptyText: log.error ? log.error.message : t('common.noData') }}
        expandable={{
          expandedRowRender: (row) => (
            <div>
              <div style={{ display: 'flex', gap: 12 }}>
                <JsonBlock label={t('audit.before')} value={row.before} />
                <JsonBlock label={t('audit.after')} value={row.after} />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('audit.rowId')} {row.id} · {t('audit.hash')} <code>{row.hash}</code>
              </Typography.Text>
            </div>
          ),
        }}
        pagination={{
          current: page.page, pageSize: page.pageSize, total: log.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => (log.data?.totalCapped ? t('audit.totalCapped', { count: n }) : t('common.total', { count: n })),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }} />
    </Card>
  );
}
