// Sign-in. Shows the server's own message (wrong password with attempts left, locked for N
// minutes, account disabled) and, after a timeout, why the user is here again.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { isApiError, type Lang } from '../../api/client';
import { useSessionActions } from '../../auth/session';
import { LOGIN_NOTICE_KEY } from '../../auth/SessionBridge';
import { setLanguage, useLang } from '../../i18n';
import styles from './login.module.css';

interface LoginForm { username: string; password: string }

function takeNotice(): string | null {
  const n = sessionStorage.getItem(LOGIN_NOTICE_KEY);
  sessionStorage.removeItem(LOGIN_NOTICE_KEY);
  return n;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const { login } = useSessionActions();
  const [notice, setNotice] = useState(takeNotice);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<LoginForm>();

  const submit = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const res = await login(v.username.trim(), v.password);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(res.mustChangePassword ? '/change-password' : from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      setError(isApiError(e) ? e.title : String(e));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.page}>
      <Card className={styles.card}>
        <div className={styles.langSwitch}>
          <Segmented<Lang> size="small" value={lang} onChange={(v) => void setLanguage(v)}
            options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en-US' }]} />
        </div>
        <h1 className={styles.title}>{t('app.title')}</h1>
        <p className={styles.subtitle}>{t('login.subtitle')}</p>
        {notice === 'expired' && !error && (
          <Alert className={styles.alert} type="warning" showIcon title={t('login.sessionExpired')} data-testid="login-notice" />
        )}
        {error && <Alert className={styles.alert} type="error" showIcon title={error} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" maxLength={32} />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('login.submit')}</Button>
        </Form>
        <p className={styles.footnote}>{t('login.footnote')}</p>
      </Card>
    </div>
  );
}
