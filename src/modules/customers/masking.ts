// PLAT-2 for customers: which values a screen shows masked, and their masks. Every customer
// screen and export shows masked values; a holder of customer.sensitive.read reveals one field
// at a time, and each reveal is audited.
import { maskAddress, maskEmail, maskIdNumber, maskPhone } from '../../common/mask.ts';
import { fieldsOf, type Sensitivity } from './fields.ts';

const MASKS: Record<Sensitivity, (v: string) => string | null> = {
  id: maskIdNumber, phone: maskPhone, address: maskAddress, email: maskEmail,
  account: (v) => (v.length <= 4 ? '****' : `****${v.slice(-4)}`),
};

export function maskValue(kind: Sensitivity, value: unknown): unknown {
  if (value === null || value === undefined || value === '') return value ?? null;
  return MASKS[kind](String(value));
}

export function maskFields(kind: 'personal' | 'corporate', values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const f of fieldsOf(kind)) if (f.sensitive && f.key in out) out[f.key] = maskValue(f.sensitive, out[f.key]);
  return out;
}

/** The sensitivity of a field key ('mobile', 'identities.0.idNumber'), or null if it is not sensitive. */
export function sensitivityOf(kind: 'personal' | 'corporate', key: string): Sensitivity | null {
  if (/^identities\.[0-2]\.idNumber$/.test(key)) return 'id';
  if (/^addresses\.\d+\.address$/.test(key)) return 'address';
  return fieldsOf(kind).find((f) => f.key === key)?.sensitive ?? null;
}

/**
 * A changed value as history and the audit log may keep it: sensitive fields masked, including
 * the composite ones ('identities' = "type:number[:expiry];…", address attributes).
 */
export function maskChange(kind: 'personal' | 'corporate', field: string, value: string | null): string | null {
  if (value === null || value === '') return value;
  if (field === 'identities') {
    return value.split(';').map((d) => { const [t, n, exp] = d.split(':'); return `${t}:${maskValue('id', n)}${exp ? `:${exp}` : ''}`; }).join(';');
  }
  const s = sensitivityOf(kind, field);
  return s ? (maskValue(s, value) as string) : value;
}
