// Names of approval types, fields and values in the UI language: the type code 'customer.delete'
// is looked up as approvals.types.customer_delete (i18next reads dots as nesting).
import type { TFunction } from 'i18next';
import type { Lang } from '../../api/client';
import { CORPORATE_FIELDS, PERSONAL_FIELDS } from '../../../../src/modules/customers/fields.ts';

export const typeLabel = (t: TFunction, code: string) => {
  const key = `approvals.types.${code.replace(/\./g, '_')}`;
  return t(key as never, { defaultValue: code }) as string;
};

// A customer field a request changes (customer information review) is named as the customer
// screens name it, from the server's field catalogue.
const CUSTOMER_FIELDS = new Map([...PERSONAL_FIELDS, ...CORPORATE_FIELDS].map((f) => [f.key, f]));

export const fieldLabel = (t: TFunction, field: string, lang: Lang = 'zh-CN') => {
  const own = t(`approvals.fields.${field}` as never, { defaultValue: '' }) as string;
  if (own) return own;
  const f = CUSTOMER_FIELDS.get(field);
  return f ? (lang === 'en-US' ? f.en : f.zh) : field;
};

/** A value of a change as a reader knows it: a customer status by its name, anything else as it is. */
export function valueLabel(t: TFunction, field: string, value: string | null): string {
  if (value === null || value === '') return '—';
  if (field === 'flowStatus') return t(`documents.statusLabel.${value}` as never, { defaultValue: value }) as string;
  if (field === 'scale' || field === 'scaleSuggested') return t(`customers.scale.${value}` as never, { defaultValue: value }) as string;
  if (field === 'kind') return t(`customers.kind.${value}` as never, { defaultValue: value }) as string;
  if (field === 'blacklisted') return t(`approvals.yesNo.${value}` as never, { defaultValue: value }) as string;
  if (field === 'status') return t(`approvals.customerStatus.${value}` as never, { defaultValue: value }) as string;
  return value;
}

/** The code table of a coded customer field ('registrationType' → 'registration_type'), to show a code by its name. */
export const customerCodeTable = (field: string) => (CUSTOMER_FIELDS.get(field)?.type === 'code' ? CUSTOMER_FIELDS.get(field)!.table ?? null : null);
