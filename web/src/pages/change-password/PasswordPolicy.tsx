import { CheckCircleOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session.ts';

/** The bank's configured password rules (from /api/me) in words; the server applies them and names any rule broken. */
export function PasswordPolicy({ username }: { username?: string }) {
  const { t } = useTranslation();
  const policy = useMe().data?.passwordPolicy;
  const rules = [
    t('changePassword.policy.length', { min: policy?.minLength ?? 8 }),
    t('changePassword.policy.classes', { min: policy?.minClasses ?? 3 }),
    t('changePassword.policy.username', { username: username ?? '' }),
    ...(policy && policy.historyCount === 0 ? [] : [t('changePassword.policy.history', { count: policy?.historyCount ?? 5 })]),
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
