// Customer rules that need more than a format check (CIF-1, CIF-14, CIF-21, CIF-25): code-table
// membership, GB 11643 identity numbers consistent with birth date and gender, GB 32100 credit
// codes agreeing with GB 11714 organisation codes, contact formats, registration type against
// enterprise nature. Pure given the code sets, so an import validates a million rows with one
// load of the tables.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { FieldError } from '../../common/http/errors.ts';
import { parseCreditCode } from '../../common/validators/credit-code.ts';
import { parseOrganizationCode } from '../../common/validators/organization-code.ts';
import { parseEmail, parseLandline, parseMobile, parsePostalCode } from '../../common/validators/contact.ts';
import { parseResidentId, residentIdConsistent } from '../../common/validators/resident-id.ts';
import { fieldsOf, type FieldDef } from './fields.ts';
import { naturesFor } from './registration-nature.ts';

export type CodeSets = Map<string, Set<string>>;

/** Active codes of the tables these fields use; registration types only at leaf level (real types, not groups). */
export async function loadCodeSets(db: Executor, tables: Iterable<string>): Promise<CodeSets> {
  const wanted = [...new Set(tables)];
  const sets: CodeSets = new Map(wanted.map((t) => [t, new Set<string>()]));
  if (!wanted.length) return sets;
  const rows = await sql<{ table_code: string; code: string }>`
    select i.table_code, i.code from code_item i
    where i.table_code = any(${wanted}) and i.active
      and not exists (select 1 from code_item c where c.table_code = i.table_code and c.parent_code = i.code and i.table_code in ('registration_type', 'industry'))`.execute(db);
  for (const r of rows.rows) sets.get(r.table_code)!.add(r.code);
  return sets;
}

export const codeTablesOf = (kind: 'personal' | 'corporate') => [
  ...fieldsOf(kind).filter((f) => f.table).map((f) => f.table!),
  ...(kind === 'personal' ? ['id_type'] : []),
];

// Identity document types that carry a GB 11643 number: resident ID card and temporary ID card.
const RESIDENT_ID_TYPES = new Set(['10', '21']);

export interface Normalised { values: Record<string, unknown>; identities?: { idType: string; idNumber: string; expiresOn: string | null }[]; errors: FieldError[] }

function checkField(f: FieldDef, v: unknown, codes: CodeSets, errors: FieldError[]): unknown {
  if (v === null || v === undefined || v === '') return v === '' ? null : v;
  const s = String(v);
  const bad = (code: string, params?: Record<string, unknown>) => { errors.push({ path: f.key, code, params }); return v; };
  switch (f.type) {
    case 'code':
      return codes.get(f.table!)?.has(s) ? s : bad('codes.item.unknown', { table: f.table, code: s });
    case 'mobile': { const r = parseMobile(s); return r.ok ? r.normalized : bad('customers.mobile_format'); }
    case 'phone': {
      const m = parseMobile(s);
      if (m.ok) return m.normalized;
      const r = parseLandline(s);
      return r.ok ? r.normalized : bad('customers.phone_format');
    }
    case 'postcode': { const r = parsePostalCode(s); return r.ok ? r.normalized : bad('customers.postcode_format'); }
    case 'email': { const r = parseEmail(s); return r.ok ? r.normalized : bad('customers.email_format'); }
    default: return v;
  }
}

/**
 * Checks and normalises the fields present in `input` (a new customer, or the stored one with the
 * changes applied). For a personal customer with a resident ID, a missing birth date or gender
 * is taken from the number and a given one must agree with it.
 */
export function normaliseCustomer(kind: 'personal' | 'corporate', input: Record<string, unknown>, codes: CodeSets, today: string): Normalised {
  const errors: FieldError[] = [];
  const values: Record<string, unknown> = {};
  for (const f of fieldsOf(kind)) {
    if (f.key in input) values[f.key] = checkField(f, input[f.key], codes, errors);
  }
  for (const f of fieldsOf(kind)) {
    if (f.type === 'date' && typeof values[f.key] === 'string' && (values[f.key] as string) > today) {
      errors.push({ path: f.key, code: 'customers.date_in_future' });
    }
  }
  let identities: Normalised['identities'];
  if (kind === 'personal' && Array.isArray(input.identities)) {
    identities = [];
    const seen = new Set<string>();
    (input.identities as { idType: string; idNumber: string; expiresOn?: string | null }[]).forEach((doc, i) => {
      const path = `identities.${i}`;
      if (!codes.get('id_type')?.has(doc.idType)) errors.push({ path: `${path}.idType`, code: 'codes.item.unknown', params: { table: 'id_type', code: doc.idType } });
      let number = doc.idNumber.trim().toUpperCase();
      if (RESIDENT_ID_TYPES.has(doc.idType)) {
        // Only the province is checked: numbers issued decades ago keep region codes since abolished.
        const parsed = parseResidentId(number, { today });
        if (!parsed.ok) {
          errors.push({ path: `${path}.idNumber`, code: `customers.resident_id.${parsed.error}` });
        } else {
          number = parsed.normalized;
          if (values.birthDate == null) values.birthDate = parsed.birthDate;
          if (values.gender == null) values.gender = parsed.gender;
          for (const field of residentIdConsistent(parsed, { birthDate: values.birthDate as string | undefined, gender: values.gender as string | undefined })) {
            errors.push({ path: field, code: `customers.resident_id.${field === 'birthDate' ? 'birth_date_mismatch' : 'gender_mismatch'}` });
          }
        }
      }
      const key = `${doc.idType}:${number}`;
      if (seen.has(key)) errors.push({ path: `${path}.idNumber`, code: 'customers.identity_repeated' });
      seen.add(key);
      identities!.push({ idType: doc.idType, idNumber: number, expiresOn: doc.expiresOn ?? null });
    });
  }
  if (kind === 'corporate') {
    if (typeof values.creditCode === 'string' && values.creditCode) {
      const r = parseCreditCode(values.creditCode);
      if (!r.ok) errors.push({ path: 'creditCode', code: `customers.credit_code.${r.error}` });
      else {
        values.creditCode = r.normalized;
        if (values.organizationCode == null) values.organizationCode = r.organizationCode;
        else if (typeof values.organizationCode === 'string') {
          const o = parseOrganizationCode(values.organizationCode);
          if (o.ok && o.normalized !== r.organizationCode) errors.push({ path: 'organizationCode', code: 'customers.organization_code.mismatch' });
        }
      }
    }
    if (typeof values.organizationCode === 'string' && values.organizationCode) {
      const o = parseOrganizationCode(values.organizationCode);
      if (!o.ok) errors.push({ path: 'organizationCode', code: `customers.organization_code.${o.error}` });
      else values.organizationCode = o.normalized;
    }
    if (typeof values.registrationType === 'string' && typeof values.enterpriseNature === 'string') {
      const allowed = naturesFor(values.registrationType);
      if (allowed && !allowed.includes(values.enterpriseNature)) {
        errors.push({ path: 'enterpriseNature', code: 'customers.nature_mismatch', params: { allowed: allowed.join('/') } });
      }
    }
  }
  return { values, identities, errors };
}
