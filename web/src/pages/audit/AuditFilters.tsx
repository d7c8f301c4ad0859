// Filters of the audit search: time range, actor, action prefix, entity type and id.
import { AutoComplete, Button, DatePicker, Form, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ACTION_PREFIXES, ENTITY_TYPES, type AuditQuery } from './api';

interface Values { range?: [Dayjs | null, Dayjs | null] | null; actor?: string; action?: string; entityType?: string; entityId?: string }

export type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize'>;

const clean = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

export function AuditFilters({ onSearch }: { onSearch: (f: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) => onSearch({
    from: v.range?.[0]?.toISOString(), to: v.range?.[1]?.toISOString(),
    actor: clean(v.actor), action: clean(v.action), entityType: clean(v.entityType), entityId: clean(v.entityId),
  });
  return (
    <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 8, marginBottom: 12 }} data-testid="audit-filters">
      <Form.Item name="range" label={t('audit.time')}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: 330 }} />
      </Form.Item>
      <Form.Item name="actor" label={t('audit.actor')}>
        <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <AutoComplete allowClear options={ACTION_PREFIXES.map((value) => ({ value }))} placeholder={t('audit.actionPlaceholder')} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="entityType" label={t('audit.entityType')}>
        <AutoComplete allowClear options={ENTITY_TYPES.map((value) => ({ value }))} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="entityId" label={t('audit.entityId')}>
        <Input allowClear style={{ width: 110 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid="audit-search">{t('common.search')}</Button>
        <Button onClick={() => { form.resetFields(); onSearch({}); }}>{t('common.reset')}</Button>
      </Space>
    </Form>
  );
}
