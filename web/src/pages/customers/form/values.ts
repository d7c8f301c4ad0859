// Between the API's customer values and the form's: dates as dayjs in the form, 'YYYY-MM-DD' in
// the API, empty inputs as null. An edit sends only what changed.
import dayjs, { type Dayjs } from 'dayjs';
import { fieldsOf, type CustomerKind, type FieldDef } from '../catalogue';
import type { CustomerView } from '../api';

export interface IdentityRow { idType?: string; idNumber?: string; expiresOn?: Dayjs | null }
export type FormValues = Record<string, unknown> & { name?: string; institutionId?: number; scale?: string | null; identities?: IdentityRow[] };
export interface IdentityOut { idType: string; idNumber: string; expiresOn: string | null }

const day = (v: unknown) => (typeof v === 'string' && v ? dayjs(v) : undefined);

export function toFormValue(f: FieldDef, v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  return f.type === 'date' ? day(v) : v;
}

export function toApiValue(f: FieldDef, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (f.type === 'date') return dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  return v;
}

export function identitiesOut(rows: IdentityRow[] | undefined): IdentityOut[] {
  return (rows ?? []).map((r) => ({ idType: r.idType ?? '', idNumber: (r.idNumber ?? '').trim().toUpperCase(), expiresOn: r.expiresOn ? r.expiresOn.format('YYYY-MM-DD') : null }));
}

export function initialValues(view: CustomerView): FormValues {
  const out: FormValues = { name: view.name };
  for (const f of fieldsOf(view.kind)) out[f.key] = toFormValue(f, view.fields[f.key]);
  if (view.kind === 'personal') {
    out.identities = view.identities.map((d) => ({ idType: d.idType, idNumber: d.idNumber, expiresOn: day(d.expiresOn) ?? null }));
  }
  return out;
}

/** The body of a new customer: the fields filled in, nothing else. */
export function createBody(kind: CustomerKind, v: FormValues) {
  const fields: Record<string, unknown> = {};
  for (const f of fieldsOf(kind)) {
    const value = toApiValue(f, v[f.key]);
    if (value !== null) fields[f.key] = value;
  }
  const common = { name: (v.name ?? '').trim(), ...(v.institutionId ? { institutionId: v.institutionId } : {}) };
  return kind === 'personal'
    ? { kind, ...common, identities: identitiesOut(v.identities), ...fields }
    : { kind, ...common, ...(v.scale ? { scale: v.scale } : {}), ...fields };
}

/** The PATCH body: the version and only the fields whose value differs from what was loaded. */
export function changedBody(view: CustomerView, initial: FormValues, v: FormValues): { body: Record<string, unknown> & { version: number }; count: number; identitiesChanged: boolean } {
  const body: Record<string, unknown> & { version: number } = { version: view.version };
  let count = 0;
  for (const f of fieldsOf(view.kind)) {
    const before = toApiValue(f, initial[f.key]);
    const after = toApiValue(f, v[f.key]);
    if (JSON.stringify(before) !== JSON.stringify(after)) { body[f.key] = after; count++; }
  }
  const name = (v.name ?? '').trim();
  if (name !== view.name) { body.name = name; count++; }
  let identitiesChanged = false;
  if (view.kind === 'personal') {
    const before = identitiesOut(initial.identities);
    const after = identitiesOut(v.identities);
    if (JSON.stringify(before) !== JSON.stringify(after)) { body.identities = after; count++; identitiesChanged = true; }
  }
  return { body, count, identitiesChanged };
}
