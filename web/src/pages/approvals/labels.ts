// Names of approval types, fields and values in the UI language: the type code 'customer.delete'
// is looked up as approvals.types.customer_delete (i18next reads dots as nesting).
import type { TFunction } from 'i18next';

export const typeLabel = (t: TFunction, code: string) => {
  const key = `approvals.types.${code.replace(/\./g, '_')}`;
  return t(key as never, { defaultValue: code }) as string;
};

export const fieldLabel = (t: TFunction, field: string) => t(`approvals.fields.${field}` as never, { defaultValue: field }) as string;

/** A value of a change as a reader knows it: a customer status by its name, anything else as it is. */
export function valueLabel(t: TFunction, field: string, value: string | null): string {
  if (value === null || value === '') return '—';
  if (field === 'flowStatus') return t(`documents.statusLabel.${value}` as never, { defaultValue: value }) as string;
  if (field === 'status') return t(`approvals.customerStatus.${value}` as never, { defaultValue: value }) as string;
  return value;
}
