// 账户预警设置 (setting.manage): the maturity warning windows, the large-change threshold and how
// long an unhandled large-change alert stays on the workbench. The server checks every rule and
// names the broken one on its field; a change applies from the next business day loaded.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, InputNumber, Result, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ALERT_SETTINGS_KEY, fetchAlertSettings, saveAlertSettings, type AlertSettings } from './api';
import { useSettingsForm } from './use-settings-form';

const MAX_WINDOWS = 4;

export default function AccountAlertSettingsPage() {
  const { t } = useTranslation();
  // The threshold travels as text so no fen is lost; InputNumber's stringMode keeps it so.
  const { form, query: settings, busy, submit: save, revert } = useSettingsForm<AlertSettings>({ queryKey: ALERT_SETTINGS_KEY, fetch: fetchAlertSettings,
    save: (v) => saveAlertSettings({ ...v, largeChangeThreshold: String(v.largeChangeThreshold) }),
    confirmTitle: t('alertSettings.confirmTitle'), confirm: t('alertSettings.confirm') });

  if (settings.error) return <Result status="warning" title={settings.error.message} />;
  const required = [{ required: true, message: t('alertSettings.required') }];
  return (
    <Card size="small" title={t('alertSettings.title')} style={{ maxWidth: 760 }}>
      <Alert type="info" showIcon title={t('alertSettings.intro')} style={{ marginBottom: 16 }} />
      {settings.isLoading ? <Skeleton active /> : (
        <Form form={form} layout="vertical" onFinish={save} data-testid="alert-settings-form">
          <Form.Item label={t('alertSettings.windows')} extra={t('alertSettings.windowsHint')} required>
            <Form.List name="maturityWindows" rules={[{ validator: async (_, ws: (number | null)[] = []) => {
              const days = ws.filter((w) => w != null);
              if (new Set(days).size !== days.length) throw new Error(t('alertSettings.distinct'));
            } }]}>
              {(fields, { add, remove }, { errors }) => (
                <Space wrap>
                  {fields.map((f) => (
                    <Space.Compact key={f.key}>
                      <Form.Item name={f.name} rules={required} noStyle>
                        <InputNumber min={1} max={366} precision={0} style={{ width: 120 }} suffix={t('alertSettings.days')} data-testid={`alert-window-${f.name}`} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                    </Space.Compact>
                  ))}
                  <Button icon={<PlusOutlined />} disabled={fields.length >= MAX_WINDOWS} onClick={() => add()} data-testid="alert-window-add">{t('alertSettings.addWindow')}</Button>
                  {/* the list's own errors: repeated days here, or the server's rule for the whole list */}
                  <Form.ErrorList errors={errors} />
                </Space>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="largeChangeThreshold" label={t('alertSettings.threshold')} extra={t('alertSettings.thresholdHint')} rules={required}>
            <InputNumber stringMode min="0.01" max="9999999999999999.99" precision={2} style={{ width: 240 }} suffix={t('alertSettings.yuan')} data-testid="alert-threshold" />
          </Form.Item>
          <Form.Item name="largeChangeKeepDays" label={t('alertSettings.keepDays')} extra={t('alertSettings.keepDaysHint')} rules={required}>
            <InputNumber min={1} max={366} precision={0} style={{ width: 160 }} suffix={t('alertSettings.days')} data-testid="alert-keep-days" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="alert-settings-save">{t('common.save')}</Button>
              <Button onClick={revert}>{t('settings.revert')}</Button>
            </Space>
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}
