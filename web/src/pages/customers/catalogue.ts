// The server's field catalogue (src/modules/customers/fields.ts, plain data without imports)
// drives the forms, the view and the history labels, so a field added there shows up here.
import type { Lang } from '../../api/client';
import { CORPORATE_FIELDS, PERSONAL_FIELDS, type FieldDef } from '../../../../src/modules/customers/fields.ts';

export type { FieldDef };
export type CustomerKind = 'personal' | 'corporate';
export type Section = FieldDef['section'];

export const fieldsOf = (kind: CustomerKind): readonly FieldDef[] => (kind === 'personal' ? PERSONAL_FIELDS : CORPORATE_FIELDS);

/** The screen sections of each kind, in order (CIF-10…13; CIF-21, CIF-26). */
export const SECTIONS: Record<CustomerKind, Section[]> = {
  personal: ['basic', 'work', 'family', 'contact'],
  corporate: ['licence', 'industry'],
};

export const fieldsIn = (kind: CustomerKind, section: Section) => fieldsOf(kind).filter((f) => f.section === section);

export const fieldLabel = (lang: Lang, f: Pick<FieldDef, 'zh' | 'en'>) => (lang === 'en-US' ? f.en : f.zh);

export const findField = (kind: CustomerKind, key: string) => fieldsOf(kind).find((f) => f.key === key);

/** Which section a server error path ('mobile', 'identities.0.idNumber') belongs to, for opening its tab. */
export function sectionOfPath(kind: CustomerKind, path: string): Section | 'main' | null {
  const key = path.replace(/^body\./, '').split('.')[0]!;
  if (['name', 'institutionId', 'identities', 'scale'].includes(key)) return 'main';
  return findField(kind, key)?.section ?? null;
}
