// 导入 (PLAT-3): template, a check without saving, then the import; all rows or none. A rejected
// file lists every error by row and column, with the full report to download.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Radio, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { downloadTemplate, importCustomers, type ImportResult } from './api';
import type { CustomerKind } from './catalogue';
import { ImportErrors, rejectedOf, type Rejected } from './ImportErrors';

export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const report = useReportError();
  const [kind, setKind] = useState<CustomerKind>('personal');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [rejected, setRejected] = useState<Rejected | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setDone(null);
    setRejected(null);
    try {
      const r = await importCustomers(kind, file, dryRun);
      setDone(r);
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: ['customers'] });
    } catch (e) {
      const r = rejectedOf(e);
      if (r) setRejected(r); else report(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal open title={t('customers.import.title')} width={820} onCancel={onClose} destroyOnHidden mask={{ closable: false }} data-testid="customer-import-modal"
      footer={[
        <Button key="close" onClick={onClose}>{t('customers.import.close')}</Button>,
        <Button key="check" disabled={!file} loading={busy === 'check'} onClick={() => void run(true)} data-testid="customer-import-check">{t('customers.import.check')}</Button>,
        <Button key="import" type="primary" disabled={!file || !!busy} loading={busy === 'import'} onClick={() => void run(false)} data-testid="customer-import-run">{t('customers.import.run')}</Button>,
      ]}>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Alert type="info" showIcon title={t('customers.import.intro')} />
        <Space wrap align="start">
          <Radio.Group value={kind} onChange={(e) => { setKind(e.target.value as CustomerKind); setDone(null); setRejected(null); }} optionType="button"
            options={[{ value: 'personal', label: t('customers.kind.personal') }, { value: 'corporate', label: t('customers.kind.corporate') }]} />
          <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate(kind).catch(report)}>{t('customers.import.template')}</Button>
          <Upload accept=".xlsx,.csv,.txt" maxCount={1} beforeUpload={(f) => { setFile(f); setDone(null); setRejected(null); return false; }}
            onRemove={() => { setFile(null); return true; }} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}>
            <Button icon={<UploadOutlined />} data-testid="customer-import-file">{t('customers.import.choose')}</Button>
          </Upload>
        </Space>
        {done && (
          <Alert type="success" showIcon data-testid="customer-import-ok"
            title={done.dryRun ? t('customers.import.checked', { count: done.rowCount })
              : t('customers.import.imported', { count: done.rowCount, first: done.firstCustomerNo ?? '', last: done.lastCustomerNo ?? '' })} />
        )}
        {rejected && <ImportErrors rejected={rejected} />}
      </Space>
    </Modal>
  );
}
