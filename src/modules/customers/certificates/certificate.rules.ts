// The rules of a certificate form that need more than a format check: authorities pre-filled
// from the configured defaults, mandatory fields after that, GB 11714 / GB 32100 check
// characters and agreement with the codes on the customer record, dates in order, and CIF-21's
// "all mandatory" licence data on the customer. Pure, so create and change share them.
import type { FieldError } from '../../../common/http/errors.ts';
import { parseCreditCode } from '../../../common/validators/credit-code.ts';
import { parseOrganizationCode } from '../../../common/validators/organization-code.ts';
import type { CertForm, CertType, ShownField } from './certificate.forms.ts';
import type { CertificateAuthorities } from './certificate.schema.ts';
import { CORPORATE_FIELDS } from '../fields.ts';

export type CertValues = Record<string, unknown>;

const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Fills an empty authority from the configured default of this certificate type. */
export function applyDefaults(form: CertForm, values: CertValues, defaults: CertificateAuthorities): CertValues {
  const out = { ...values };
  for (const f of form.fields) {
    const d = f.defaultable ? defaults[form.type]?.[f.defaultable] : undefined;
    if (f.defaultable && empty(out[f.key]) && d) out[f.key] = d;
  }
  return out;
}

/** The customer value behind a shown licence field (the legal representative is a link). */
const customerKey = (s: ShownField) => (s === 'legalRep' ? 'legalRepCustomerId' : s);

const label = (key: string) => CORPORATE_FIELDS.find((f) => f.key === key);

export function checkCertificate(form: CertForm, values: CertValues, customer: Record<string, unknown>, today: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const f of form.fields) {
    const v = values[f.key];
    if (empty(v)) {
      if (f.required) errors.push({ path: f.key, code: f.defaultable ? 'certificates.authority_required' : 'certificates.required', params: { fieldZh: f.zh, fieldEn: f.en } });
      continue;
    }
    if (f.kind === 'past_date' && (v as string) > today) errors.push({ path: f.key, code: 'certificates.date_in_future' });
    if (f.kind === 'organization_code') {
      const o = parseOrganizationCode(v as string);
      if (!o.ok) errors.push({ path: f.key, code: `customers.organization_code.${o.error}` });
      else {
        values[f.key] = o.normalized;
        const own = customer.organizationCode as string | null;
        if (own && own !== o.normalized) errors.push({ path: f.key, code: 'certificates.number_mismatch', params: { expected: own } });
      }
    }
    if (f.kind === 'credit_code') {
      const c = parseCreditCode(v as string);
      if (!c.ok) errors.push({ path: f.key, code: `customers.credit_code.${c.error}` });
      else {
        values[f.key] = c.normalized;
        const own = customer.creditCode as string | null;
        if (own && own !== c.normalized) errors.push({ path: f.key, code: 'certificates.number_mismatch', params: { expected: own } });
      }
    }
  }
  if (typeof values.issuedOn === 'string' && typeof values.expiresOn === 'string' && values.expiresOn <= values.issuedOn) {
    errors.push({ path: 'expiresOn', code: 'certificates.expiry_before_issue' });
  }
  if (form.shownRequired) {
    for (const s of form.shown) {
      const key = customerKey(s);
      if (!empty(customer[key])) continue;
      const f = label(key);
      errors.push({ path: `customer.${key}`, code: 'certificates.licence_field_missing', params: { fieldZh: f?.zh ?? key, fieldEn: f?.en ?? key } });
    }
  }
  return errors;
}

export interface CertRow {
  number: string; issuer: string | null; issued_on: string | null; expires_on: string | null; details: Record<string, unknown>;
}

/** Form values → the certificate's columns and its `details`. */
export function toRow(form: CertForm, values: CertValues): CertRow {
  const row: CertRow = { number: '', issuer: null, issued_on: null, expires_on: null, details: {} };
  for (const f of form.fields) {
    const v = empty(values[f.key]) ? null : values[f.key];
    if (f.column) (row as unknown as Record<string, unknown>)[f.column] = v ?? (f.column === 'number' ? '' : null);
    else if (v !== null) row.details[f.key] = v;
  }
  return row;
}

/** A stored certificate → its form values by field key (details first, so columns win). */
export function fromRow(r: { number: string; issuer: string | null; issued_on: string | null; expires_on: string | null; details: Record<string, unknown> }): CertValues {
  return { ...r.details, number: r.number, issuer: r.issuer, issuedOn: r.issued_on, expiresOn: r.expires_on };
}

/** 'expired', 'expiring' (within the reminder week) or 'valid'; null when the certificate has no end date. */
export function expiryStatus(expiresOn: string | null, today: string, windowEnd: string): 'expired' | 'expiring' | 'valid' | null {
  if (!expiresOn) return null;
  if (expiresOn < today) return 'expired';
  return expiresOn <= windowEnd ? 'expiring' : 'valid';
}

/** 'YYYY-MM-DD' plus n days, in calendar days (the reminder week is calendar days, not working days). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export const REMINDER_DAYS = 7;
export type { CertType };
