// The fields of one rate setting, shared by a new product's first rate and a rate change.
// `prefix` nests them (['rate', …]) so the server's 'rate.baseRate' errors land on the right field.
import { DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ProductRate } from './api';

export interface RateValues { rateType: ProductRate['rateType']; baseRate: string; floatMin?: string; floatMax?: string; effectiveFrom: Dayjs }

const RATE = /^\d{1,3}(\.\d{1,4})?$/;

/** The rate as the API takes it: strings, ISO date, no floating bounds on a fixed rate. */
export const rateBodyOf = (v: RateValues) => ({
  rateType: v.rateType, baseRate: v.baseRate.trim(), effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
  ...(v.rateType === 'floating' ? { floatMin: v.floatMin?.trim() || null, floatMax: v.floatMax?.trim() || null } : {}),
});

export function RateFields({ prefix = [] }: { prefix?: string[] }) {
  const { t } = useTranslation();
  const name = (n: string) => [...prefix, n];
  const rateRule = { pattern: RATE, message: t('products.rateFormat') };
  const type = Form.useWatch(name('rateType')) as RateValues['rateType'] | undefined;
  return (
    <>
      <Form.Item name={name('rateType')} label={t('products.rateType.label')} rules={[{ required: true, message: t('products.required') }]}>
        <Radio.Group optionType="button" options={(['fixed', 'floating'] as const).map((v) => ({ value: v, label: t(`products.rateType.${v}`) }))} />
      </Form.Item>
      <Form.Item name={name('baseRate')} label={t('products.baseRate')} rules={[{ required: true, message: t('products.required') }, rateRule]}>
        <Input inputMode="decimal" maxLength={8} data-testid="rate-base" />
      </Form.Item>
      {type === 'floating' && (
        <>
          <Form.Item name={name('floatMin')} label={t('products.floatMin')} rules={[{ required: true, message: t('products.required') }, rateRule]}>
            <Input inputMode="decimal" maxLength={8} data-testid="rate-min" />
          </Form.Item>
          <Form.Item name={name('floatMax')} label={t('products.floatMax')} rules={[{ required: true, message: t('products.required') }, rateRule]}>
            <Input inputMode="decimal" maxLength={8} data-testid="rate-max" />
          </Form.Item>
        </>
      )}
      <Form.Item name={name('effectiveFrom')} label={t('products.effectiveFrom')} rules={[{ required: true, message: t('products.required') }]}>
        <DatePicker style={{ width: '100%' }} data-testid="rate-effective" />
      </Form.Item>
    </>
  );
}
