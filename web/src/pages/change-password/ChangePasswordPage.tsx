// Change my password. In forced mode (initial or expired password) this is the only page the
// user can reach; the server refuses everything else until it is done.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { useReportError } from '../../api/use-report-error';
import { ME_KEY, useMe, useSessionActions } from '../../auth/session';
import { formatDate } from '../../lib/format';
import { PasswordPolicy } from './PasswordPolicy';

interface Values { currentPassword: string; newPassword: string; confirm: string }

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const report = useReportError();
  const { logout } = useSessionActions();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const forced = !!me?.mustChangePassword;

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('changePassword.done'));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      navigate('/', { replace: true });
    } catch (e) {
      report(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={16} justify={forced ? 'center' : 'start'} style={forced ? { paddingTop: 24 } : undefined}>
      <Col flex="520px">
        <Card title={t('changePassword.title')}>
          {forced && <Alert type="warning" showIcon title={t('changePassword.forced')} style={{ marginBottom: 16 }} data-testid="cp-forced" />}
          {!forced && me?.passwordExpiresAt && (
            <Alert type="info" showIcon title={t('changePassword.expiresOn', { date: formatDate(me.passwordExpiresAt) })} style={{ marginBottom: 16 }} />
          )}
          <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
            <Form.Item name="currentPassword" label={t('changePassword.current')} rules={[{ required: true, message: t('changePassword.currentRequired') }]}>
              <Input.Password autoComplete="current-password" data-testid="cp-current" maxLength={128} />
            </Form.Item>
            <Form.Item name="newPassword" label={t('changePassword.new')} rules={[{ required: true, message: t('changePassword.newRequired') }]}>
              <Input.Password autoComplete="new-password" data-testid="cp-new" maxLength={128} />
            </Form.Item>
            <Form.Item name="confirm" label={t('changePassword.confirm')} dependencies={['newPassword']}
              rules={[{ required: true, message: t('changePassword.confirmRequired') },
                ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('changePassword.mismatch')))) })]}>
              <Input.Password autoComplete="new-password" data-testid="cp-confirm" maxLength={128} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="cp-submit">{t('changePassword.submit')}</Button>
            {forced && <Button type="link" onClick={() => void logout().finally(() => navigate('/login', { replace: true }))}>{t('header.logout')}</Button>}
          </Form>
        </Card>
      </Col>
      <Col flex="360px"><PasswordPolicy username={me?.username} /></Col>
    </Row>
  );
}
