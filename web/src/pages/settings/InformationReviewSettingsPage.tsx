// 客户信息复核设置 (setting.manage, CIF-40): per change kind, whose changes go to 信息复核岗 before
// they take effect — nobody's, key customers' (corporate customers and persons with credit
// business) or everyone's. The fields each kind covers are listed from the server's own lists.
// Saved bank-wide after a confirmation and audited; feed changes are never reviewed.
import { Alert, Button, Card, Form, Radio, Result, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { IDENTITY_DOCUMENT_FIELDS, KEY_FIELDS, type InformationReviewSettings } from '../../../../src/modules/customers/information-review/review-settings.ts';
import { api } from '../../api/client';
import { useLang } from '../../i18n';
import { fieldLabel } from '../approvals/labels';
import { useSettingsForm } from './use-settings-form';

const KEY = ['settings', 'customer-information-review'] as const;
const fetchSettings = (signal?: AbortSignal) => api.get<InformationReviewSettings>('/settings/customer-information-review', undefined, signal);
// Only the kinds: the GET also lists the fields, which the PUT does not take.
const saveSettings = (v: InformationReviewSettings) =>
  api.put<InformationReviewSettings>('/settings/customer-information-review', { keyFields: v.keyFields, identityDocuments: v.identityDocuments, blacklistRemoval: v.blacklistRemoval, merge: v.merge, opening: v.opening });

export default function InformationReviewSettingsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { form, query, busy, submit, revert } = useSettingsForm<InformationReviewSettings>({ queryKey: KEY, fetch: fetchSettings, save: saveSettings,
    confirmTitle: t('approvals.reviewSettings.confirmTitle'), confirm: t('approvals.reviewSettings.confirm') });
  if (query.error) return <Result status="warning" title={query.error.message} />;
  const names = (keys: readonly string[]) => keys.map((k) => fieldLabel(t, k, lang)).join('、');
  const scopes = (['off', 'key_customers', 'all_customers'] as const).map((s) => ({ value: s, label: t(`approvals.reviewSettings.scope.${s}`) }));
  const onOff = (['on', 'off'] as const).map((v) => ({ value: v, label: t(`approvals.reviewSettings.onOff.${v}`) }));
  // One row per change kind: the kinds of three scopes first, then the on/off ones.
  const kinds: { name: keyof InformationReviewSettings; options: { value: string; label: string }[]; extra?: string }[] = [
    { name: 'keyFields', options: scopes, extra: `${t('approvals.reviewSettings.personal')}${names(KEY_FIELDS.personal)}；${t('approvals.reviewSettings.corporate')}${names(KEY_FIELDS.corporate)}` },
    { name: 'identityDocuments', options: scopes, extra: names(IDENTITY_DOCUMENT_FIELDS) },
    { name: 'opening', options: scopes, extra: t('approvals.reviewSettings.openingHint') },
    { name: 'blacklistRemoval', options: onOff },
    { name: 'merge', options: onOff, extra: t('approvals.reviewSettings.mergeHint') },
  ];
  return (
    <Card size="small" title={t('approvals.reviewSettings.title')} style={{ maxWidth: 760 }}>
      <Alert type="info" showIcon title={t('approvals.reviewSettings.intro')} style={{ marginBottom: 16 }} />
      {query.isLoading ? <Skeleton active /> : (
        <Form form={form} layout="vertical" onFinish={submit} data-testid="information-review-settings-form">
          {kinds.map((k) => (
            <Form.Item key={k.name} name={k.name} label={t(`approvals.reviewSettings.${k.name}`)}
              extra={k.extra && <Typography.Text type="secondary">{k.extra}</Typography.Text>}>
              <Radio.Group options={k.options} data-testid={`review-${k.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`} />
            </Form.Item>
          ))}
          <Form.Item style={{ marginBottom: 0 }}>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="information-review-settings-save">{t('common.save')}</Button>
              <Button onClick={revert}>{t('settings.revert')}</Button>
            </Space>
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}
