// Shows a secret the server returns exactly once (initial password, API token), with a copy button.
import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props { open: boolean; title: string; secret: string | null; hint: string; onClose: () => void; testId?: string }

export function OneTimeSecretModal({ open, title, secret, hint, onClose, testId = 'one-time-secret' }: Props) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('common.secretDone')} mask={{ closable: false }} keyboard={false} destroyOnHidden>
      <Alert type="warning" showIcon title={t('common.secretOnce')} description={hint} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        style={{ fontSize: 18, fontFamily: 'monospace', background: '#f5f7fa', padding: '10px 12px', borderRadius: 4, wordBreak: 'break-all' }}>
        <span data-testid={testId}>{secret}</span>
      </Typography.Paragraph>
    </Modal>
  );
}
