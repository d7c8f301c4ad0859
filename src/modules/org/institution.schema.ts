// Request and response shapes of /api/institutions, shared with the web app.
import { z } from 'zod';
import { recordId } from '../../common/id.ts';
import { multiLineText, singleLineText } from '../../common/text.ts';

export const institutionCode = singleLineText().regex(/^[0-9A-Za-z]{4}$/, 'org.institution.code_format').transform((s) => s.toUpperCase());
const name = singleLineText().min(1).max(60);
// z.iso.date checks the calendar too: '2025-02-30' is refused here, not by the database as a 500.
const isoDate = z.iso.date('common.date_format');

export const institutionKind = z.enum(['marketing', 'statistical']);
export const institutionCategory = z.enum(['corporate', 'sme', 'product', 'non_corporate']);

export const listInstitutionsQuery = z.strictObject({
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  q: singleLineText().max(60).optional(),
});

export const createInstitutionBody = z.strictObject({
  code: institutionCode,
  name,
  parentId: recordId,
  kind: institutionKind,
  category: institutionCategory.nullable().optional(),
  address: singleLineText().max(120).nullable().optional(),
  phone: singleLineText().max(35).nullable().optional(),
  openedOn: isoDate.nullable().optional(),
});
export type CreateInstitution = z.infer<typeof createInstitutionBody>;

export const updateInstitutionBody = z.strictObject({
  version: z.number().int().positive(),
  name: name.optional(),
  kind: institutionKind.optional(),
  category: institutionCategory.nullable().optional(),
  address: singleLineText().max(120).nullable().optional(),
  phone: singleLineText().max(35).nullable().optional(),
});
export type UpdateInstitution = z.infer<typeof updateInstitutionBody>;

export const moveInstitutionBody = z.strictObject({
  version: z.number().int().positive(),
  parentId: recordId,
  effectiveDate: isoDate,
  reason: multiLineText().min(1).max(200),
});
export type MoveInstitution = z.infer<typeof moveInstitutionBody>;

export const statusChangeBody = z.strictObject({
  version: z.number().int().positive(),
  effectiveDate: isoDate,
  reason: multiLineText().min(1).max(200),
});
export type StatusChange = z.infer<typeof statusChangeBody>;


export const levelNamesBody = z.strictObject({
  levels: z.array(z.strictObject({ level: z.number().int().min(1).max(9), nameZh: singleLineText().min(1).max(20), nameEn: singleLineText().min(1).max(40) })).min(1).max(9),
});

export interface InstitutionView {
  id: number; code: string; name: string; fullName: string; parentId: number | null; level: number; levelName: string; levelNameEn: string;
  kind: 'marketing' | 'statistical'; category: string | null; status: 'active' | 'inactive';
  address: string | null; phone: string | null; openedOn: string | null; closedOn: string | null; version: number;
}
