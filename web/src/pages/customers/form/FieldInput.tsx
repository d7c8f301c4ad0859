// One customer field as a form item, chosen by its catalogue type: code tables as selects (large
// ones browsed and searched), dates as pickers, money and counts as numbers. Values the server
// sent masked stay masked until the clerk types a complete new one.
import { DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeSelect } from '../../../components/CodeSelect';
import { CodeTreeSelect } from '../../../components/CodeTreeSelect';
import { isLargeTable } from '../../../components/codes';
import { useLang } from '../../../i18n';
import { fieldLabel, type FieldDef } from '../catalogue';
import { CustomerPicker } from './CustomerPicker';
import { RevealSuffix } from './RevealSuffix';

const tid = (key: string) => `customer-form-${key}`;

/** Client-side hints only: the server checks every format again and its message wins. */
function rulesFor(f: FieldDef, t: TFunction, masked: unknown): Rule[] {
  const rules: Rule[] = [];
  if (f.sensitive && typeof masked === 'string' && masked.includes('*')) {
    rules.push({ validator: async (_r, v) => { if (typeof v === 'string' && v !== masked && v.includes('*')) throw new Error(t('customers.form.maskedEdit')); } });
  }
  // A value left masked is checked by the rule above, not by its format.
  const format = (re: RegExp, message: string): Rule => ({
    validator: async (_r, v) => { if (v !== null && v !== undefined && v !== '' && !String(v).includes('*') && !re.test(String(v).trim().replace(/[\s-]/g, ''))) throw new Error(message); },
  });
  if (f.type === 'mobile') rules.push(format(/^(?:\+86|0086|86)?1[3-9]\d{9}$/, t('customers.form.mobileFormat')));
  if (f.type === 'postcode') rules.push(format(/^[0-8]\d{5}$/, t('customers.form.postcodeFormat')));
  if (f.type === 'email') rules.push(format(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, t('customers.form.emailFormat')));
  if (f.type === 'hours') rules.push(format(/^([01]\d|2[0-3])([01]\d|2[0-4])$/, t('customers.form.hoursFormat')));
  return rules;
}

/** Form.Item hands value, onChange and id to its direct child: this component passes them on. */
function Control({ f, suffix, ...bind }: { f: FieldDef; suffix?: ReactNode; value?: never; onChange?: never; id?: string }) {
  const { t } = useTranslation();
  const testId = tid(f.key);
  switch (f.type) {
    case 'code':
      return isLargeTable(f.table!) ? <CodeTreeSelect {...bind} table={f.table!} data-testid={testId} /> : <CodeSelect {...bind} table={f.table!} data-testid={testId} />;
    case 'date':
      // Every customer date is a past event (birth, establishment, first relationship).
      return <DatePicker {...bind} style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid={testId} />;
    case 'money':
      return <InputNumber<string> {...bind} stringMode precision={2} min="0" max="99999999999999.99" style={{ width: '100%' }} data-testid={testId} />;
    case 'int':
      if (f.key === 'legalRepCustomerId') return <CustomerPicker {...bind} kind="personal" data-testid={testId} />;
      return <InputNumber {...bind} min={f.min} max={f.upper} precision={0} style={{ width: '100%' }} data-testid={testId} />;
    case 'bool':
      return (
        <Radio.Group {...bind} optionType="button" data-testid={testId}
          options={[{ value: true, label: t('customers.yes') }, { value: false, label: t('customers.no') }]} />
      );
    case 'hours':
      return <Input {...bind} maxLength={5} placeholder="09-11" data-testid={testId} />;
    case 'mobile':
      return <Input {...bind} maxLength={20} inputMode="tel" suffix={suffix} data-testid={testId} />;
    case 'postcode':
      return <Input {...bind} maxLength={6} inputMode="numeric" data-testid={testId} />;
    default:
      if (f.multiline) return <Input.TextArea {...bind} rows={3} maxLength={f.max} showCount data-testid={testId} />;
      return <Input {...bind} maxLength={f.max} suffix={suffix} data-testid={testId} />;
  }
}

interface Props {
  f: FieldDef;
  /** The value as loaded (masked for sensitive fields). */
  masked?: unknown;
  /** For holders of customer.sensitive.read editing a masked value: fetch it in full (audited). */
  reveal?: () => Promise<{ value: unknown }>;
}

export function FieldInput({ f, masked, reveal }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const extra = f.sensitive && typeof masked === 'string' && masked.includes('*') ? t('customers.form.maskedHint') : undefined;
  return (
    <Form.Item name={f.key} label={fieldLabel(lang, f)} rules={rulesFor(f, t, masked)} extra={extra}>
      <Control f={f} suffix={reveal && extra ? <RevealSuffix name={f.key} reveal={reveal} /> : undefined} />
    </Form.Item>
  );
}
