// 规模属性 (CIF-27) under the industry attributes: the customer's size, what the national SME
// classification suggests from his industry and latest annual statement (and from which figures),
// and the manager's application to change it — approved by 规模属性审批生效岗 and confirmed by
// 规模属性确认生效岗 before it takes effect (the pending mark above the tabs shows it meanwhile).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/session';
import { FormModal } from '../../../components/FormModal';
import { useLang } from '../../../i18n';
import { formatMoney } from '../../../lib/format';
import type { CustomerView } from '../api';
import { SCALES } from '../labels';
import { applyForScale, fetchCustomerScale, fetchScaleRules } from './api';

type Size = (typeof SCALES)[number];

export function ScalePanel({ c }: { c: CustomerView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [applying, setApplying] = useState(false);
  const q = useQuery({ queryKey: ['customer', c.id, 'scale'], queryFn: ({ signal }) => fetchCustomerScale(c.id, signal) });
  const rules = useQuery({ queryKey: ['scale-rules'], staleTime: Infinity, queryFn: ({ signal }) => fetchScaleRules(signal) });
  if (q.error) return <Alert type="warning" showIcon title={q.error.message} />;
  const d = q.data;
  const s = d?.suggestion;
  const category = s?.category ? rules.data?.find((r) => r.category === s.category) : undefined;
  const sizeLabel = (v: string | null) => (v ? t(`customers.scale.${v as Size}`) : '—');
  const basis = s && s.facts && s.fiscalYear
    ? t('customers.scalePanel.basis', {
      category: category ? (lang === 'en-US' ? category.nameEn : category.nameZh) : s.category, year: s.fiscalYear,
      employees: s.facts.employees ?? '—', revenue: formatMoney(s.facts.revenue), assets: formatMoney(s.facts.totalAssets),
    })
    : null;
  const why = s && s.reason ? t(`customers.scalePanel.reason.${s.reason}`, { missing: (('missing' in s && s.missing) || []).map((m) => t(`customers.scalePanel.metric.${m as 'employees' | 'revenue' | 'totalAssets'}`)).join('、') }) : null;
  return (
    <div data-testid="scale-panel" style={{ marginTop: 16 }}>
      <Descriptions size="small" bordered column={1} title={t('customers.scalePanel.title')}
        extra={can('customer.scale.apply') && c.status === 'active' && (
          <Button onClick={() => setApplying(true)} data-testid="scale-apply">{t('customers.scalePanel.apply')}</Button>
        )}
        items={[
          { key: 'scale', label: t('customers.scale.label'), children: <span data-testid="scale-current">{sizeLabel(d?.scale ?? null)}</span> },
          { key: 'suggested', label: t('customers.scalePanel.suggested'), children: (
            <span data-testid="scale-suggested">
              {s?.scale ? <Tag color={s.scale === d?.scale ? 'green' : 'orange'}>{sizeLabel(s.scale)}</Tag> : why ? null : '—'}
              {basis ?? why}
            </span>
          ) },
        ]} />
      {applying && d && (
        <FormModal<{ scale: Size; reason: string }> open width={560} title={t('customers.scalePanel.applyTitle')} testId="scale-form"
          initialValues={{ scale: (s?.scale && s.scale !== d.scale ? s.scale : undefined) as Size }}
          onCancel={() => setApplying(false)}
          onSubmit={async (v) => {
            await applyForScale(c.id, { scale: v.scale, reason: v.reason.trim() });
            setApplying(false);
            message.success(t('customers.scalePanel.submitted'));
            void queryClient.invalidateQueries({ queryKey: ['approvals'] });
            void queryClient.invalidateQueries({ queryKey: ['customer', c.id] });
          }}>
          <Form.Item name="scale" label={t('customers.scale.label')} rules={[{ required: true, message: t('customers.scalePanel.required') }]}>
            <Select options={SCALES.filter((x) => x !== d.scale).map((x) => ({ value: x, label: sizeLabel(x) }))} data-testid="scale-form-scale" />
          </Form.Item>
          <Form.Item name="reason" label={t('customers.scalePanel.reasonLabel')} rules={[{ required: true, whitespace: true, message: t('customers.scalePanel.required') }]}>
            <Input.TextArea maxLength={200} showCount rows={3} />
          </Form.Item>
        </FormModal>
      )}
    </div>
  );
}
