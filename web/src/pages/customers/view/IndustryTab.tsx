// 行业属性 (CIF-26): industry class (four levels), industrial zone and specialised market,
// changed through their own endpoint so the modifier and time are recorded on the customer.
import { EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { CodeTreeSelect } from '../../../components/CodeTreeSelect';
import { FormModal } from '../../../components/FormModal';
import { useLang } from '../../../i18n';
import type { CustomerView } from '../api';
import { setIndustry } from '../api-relations';
import { fieldLabel, findField } from '../catalogue';
import { FieldsPanel } from './FieldsPanel';
import { ScalePanel } from '../scale/ScalePanel';

interface Values { industryCode: string; industrialZone?: string | null; specialisedMarket?: string | null }

export function IndustryTab({ c, reveal }: { c: CustomerView; reveal: (field: string) => Promise<{ value: unknown }> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const label = (key: string) => { const f = findField('corporate', key); return f ? fieldLabel(lang, f) : key; };
  return (
    <>
      {can('customer.manage') && c.status === 'active' && (
        <Button icon={<EditOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing(true)} data-testid="industry-edit">{t('customers.industry.edit')}</Button>
      )}
      <FieldsPanel c={c} section="industry" reveal={reveal} />
      <ScalePanel c={c} />
      {editing && (
        <FormModal<Values> open width={620} title={t('customers.industry.edit')} onCancel={() => setEditing(false)} testId="industry-form"
          initialValues={{ industryCode: c.fields.industryCode as string, industrialZone: c.fields.industrialZone as string | null, specialisedMarket: c.fields.specialisedMarket as string | null }}
          onSubmit={async (v) => {
            await setIndustry(c.id, { industryCode: v.industryCode, industrialZone: v.industrialZone?.trim() || null, specialisedMarket: v.specialisedMarket?.trim() || null, version: c.version });
            setEditing(false);
            message.success(t('customers.industry.updated'));
            void queryClient.invalidateQueries({ queryKey: ['customer', c.id] });
          }}>
          <Form.Item name="industryCode" label={label('industryCode')} extra={t('customers.industry.codeHint')} rules={[{ required: true, message: t('customers.industry.codeRequired') }]}>
            <CodeTreeSelect table="industry" />
          </Form.Item>
          <Form.Item name="industrialZone" label={label('industrialZone')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="specialisedMarket" label={label('specialisedMarket')}><Input maxLength={20} /></Form.Item>
        </FormModal>
      )}
    </>
  );
}
