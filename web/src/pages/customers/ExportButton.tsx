// 导出 Excel (PLAT-3, PLAT-2): the customers the current search finds, masked; holders of
// customer.sensitive.read may ask for full identifiers after a warning. The server watermarks
// the file and audits every export.
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../api/use-report-error';
import { useCan } from '../../auth/session';
import { exportCustomers, type ExportQuery } from './api';

export function ExportButton({ filters, disabled }: { filters: ExportQuery; disabled?: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const can = useCan();
  const report = useReportError();
  const [busy, setBusy] = useState(false);

  const run = async (unmasked: boolean) => {
    setBusy(true);
    try {
      const name = await exportCustomers({ ...filters, ...(unmasked ? { unmasked: 'true' as const } : {}) });
      message.success(t('customers.export.done', { name }));
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  const askUnmasked = () => modal.confirm({
    title: t('customers.export.unmaskedTitle'), content: t('customers.export.unmaskedConfirm'),
    okText: t('customers.export.unmasked'), okButtonProps: { danger: true }, onOk: () => run(true),
  });

  if (!can('customer.sensitive.read')) {
    return <Button icon={<DownloadOutlined />} loading={busy} disabled={disabled} onClick={() => void run(false)} data-testid="customer-export">{t('customers.export.button')}</Button>;
  }
  return (
    <Dropdown disabled={disabled} trigger={['click']} menu={{
      items: [{ key: 'masked', label: t('customers.export.masked') }, { key: 'unmasked', label: t('customers.export.unmasked'), danger: true }],
      onClick: ({ key }) => (key === 'masked' ? void run(false) : askUnmasked()),
    }}>
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="customer-export">
        <Space size={4}>{t('customers.export.button')}<DownOutlined /></Space>
      </Button>
    </Dropdown>
  );
}
