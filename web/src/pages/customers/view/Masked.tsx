// A masked personal value (PLAT-2) with an eye button for holders of customer.sensitive.read:
// the full value comes from the server, which records the reveal in the audit log.
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../../api/use-report-error';

interface Props {
  value: unknown;
  canReveal: boolean;
  /** Asks the server for the full value (audited there). */
  reveal: () => Promise<{ value: unknown }>;
  testId?: string;
}

export function Masked({ value, canReveal, reveal, testId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [shown, setShown] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (value === null || value === undefined || value === '') return <>—</>;
  const masked = String(value);

  const show = async () => {
    setBusy(true);
    try {
      const r = await reveal();
      setShown(r.value == null ? '' : String(r.value));
      message.info({ content: t('customers.reveal.recorded'), duration: 4 });
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span style={{ fontFamily: 'monospace' }} data-testid={testId}>{shown ?? masked}</span>
      {canReveal && (shown === null ? (
        <Tooltip title={t('customers.reveal.show')}>
          <Button type="link" size="small" icon={<EyeOutlined />} loading={busy} onClick={() => void show()}
            aria-label={t('customers.reveal.show')} data-testid={testId ? `${testId}-reveal` : undefined}>{t('customers.reveal.short')}</Button>
        </Tooltip>
      ) : (
        <Tooltip title={t('customers.reveal.hide')}>
          <Button type="link" size="small" icon={<EyeInvisibleOutlined />} onClick={() => setShown(null)} aria-label={t('customers.reveal.hide')} />
        </Tooltip>
      ))}
    </span>
  );
}
