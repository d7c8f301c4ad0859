import { CheckCircleOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

/** The bank's password rules in words; the server applies the configured policy and names any rule broken. */
export function PasswordPolicy({ username }: { username?: string }) {
  const { t } = useTranslation();
  const rules = [
    t('changePassword.policy.length'),
    t('changePassword.policy.classes'),
    t('changePassword.policy.username', { username: username ?? '' }),
    t('changePassword.policy.history'),
    t('changePassword.policy.sessions'),
  ];
  return (
    <Card title={t('changePassword.policy.title')} size="small" data-testid="cp-policy">
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rules.map((r) => (
          <li key={r} style={{ padding: '6px 0', display: 'flex', gap: 8 }}>
            <CheckCircleOutlined style={{ color: '#52c41a', marginTop: 4 }} /><span>{r}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
