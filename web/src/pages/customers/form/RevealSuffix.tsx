// In an edit form, a masked value can be shown in full (audited by the server) and then
// corrected, instead of typed again from the paper file.
import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Form, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../../api/use-report-error';

type Name = string | (string | number)[];

/** `reveal` answers null when the field no longer holds the masked value it was opened with. */
export function RevealSuffix({ name, reveal }: { name: Name; reveal: () => Promise<{ value: unknown } | null> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const form = Form.useFormInstance();
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const value = Form.useWatch(name, form) as unknown;
  if (typeof value !== 'string' || !value.includes('*')) return <span />;
  const show = async () => {
    setBusy(true);
    try {
      const r = await reveal();
      if (!r) return;
      form.setFieldValue(name, r.value == null ? '' : String(r.value));
      message.info({ content: t('customers.reveal.recorded'), duration: 4 });
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={t('customers.reveal.show')}>
      <Button type="text" size="small" icon={<EyeOutlined />} loading={busy} onClick={() => void show()} aria-label={t('customers.reveal.show')}
        style={{ height: 20 }} />
    </Tooltip>
  );
}
