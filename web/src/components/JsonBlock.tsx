// Stored JSON shown as text: React escapes it, so nothing in a record can become markup.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ flex: 1, minWidth: 0 }}>
      <Typography.Text strong>{label}</Typography.Text>
      <pre style={{ margin: '4px 0 0', padding: 8, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4,
        maxHeight: 320, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {value === null || value === undefined ? t('common.none') : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}
