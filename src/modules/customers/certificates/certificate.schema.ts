// Request shapes of /api/customers/:id/certificates, built from the form catalogue
// (certificate.forms.ts): one zod schema per certificate type. Formats are checked here; what
// needs the customer, the settings or several fields (mandatory after defaults, GB 11714 /
// GB 32100 check characters, agreement with the customer's codes, dates) is checked in
// certificate.rules.ts so that every missing field is reported at once.
import { z } from 'zod';
import { bigRecordIdParam } from '../../../common/id.ts';
import { multiLineText, singleLineText } from '../../../common/text.ts';
import { CERT_TYPES, CERTIFICATE_FORMS, DEFAULTABLE, type CertField, type CertType } from './certificate.forms.ts';

const isoDate = z.iso.date('common.date_format');
const authority = singleLineText().min(1).max(100);

function zodFor(f: CertField): z.ZodType {
  switch (f.kind) {
    case 'code':
      return singleLineText().min(1).max(f.max ?? 50).regex(/^[0-9A-Za-z-]+$/, 'certificates.number_format').transform((s) => s.toUpperCase());
    case 'organization_code': case 'credit_code':
      return singleLineText().min(1).max(f.max ?? 18).transform((s) => s.toUpperCase());
    case 'text': return singleLineText().min(1).max(f.max ?? 100);
    case 'authority': return authority;
    case 'date': case 'past_date': return isoDate;
    case 'account': return singleLineText().regex(/^\d{1,30}$/, 'certificates.account_format');
    case 'key_info':
      return z.array(z.strictObject({ type: singleLineText().min(1).max(10), content: singleLineText().min(1).max(100) })).max(3);
    case 'identity_seq': return z.number().int().min(1).max(3);
  }
}

/** Every field of a form may be omitted or null in the request; the rules decide what is mandatory. */
const shapeOf = (type: CertType) =>
  Object.fromEntries(CERTIFICATE_FORMS[type].fields.map((f) => [f.key, zodFor(f).nullable().optional()]));

const createSchemas = CERT_TYPES.map((t) => z.strictObject({ certType: z.literal(t), ...shapeOf(t) }));
export const createCertificateBody = z.discriminatedUnion('certType', createSchemas as unknown as [typeof createSchemas[0], ...typeof createSchemas]);
export type CreateCertificate = { certType: CertType } & Record<string, unknown>;

/** PATCH: the stored certificate's type picks the schema; the type itself never changes. */
export const updateCertificateBodies = Object.fromEntries(CERT_TYPES.map((t) =>
  [t, z.strictObject({ version: z.number().int().positive(), ...shapeOf(t) })])) as unknown as Record<CertType, z.ZodType<UpdateCertificate>>;
export type UpdateCertificate = { version: number } & Record<string, unknown>;

export const voidCertificateBody = z.strictObject({ version: z.number().int().positive(), reason: multiLineText().min(1).max(200) });
export type VoidCertificate = z.infer<typeof voidCertificateBody>;

export const certificateParams = z.strictObject({
  id: bigRecordIdParam,
  certId: bigRecordIdParam,
});
export const listCertificatesQuery = z.strictObject({ status: z.enum(['current', 'all']).default('current') });

/**
 * Setting 'customers.certificate_authorities': the default issuing / registration authority per
 * certificate type (and the approving authority of tax certificates), pre-filled when a clerk
 * leaves the field empty. Bank-specific, so the shipped default is empty.
 */
export type CertificateAuthorities = Partial<Record<CertType, { issuer?: string; approvalAuthority?: string }>>;
export const certificateAuthoritiesSchema = z.strictObject(Object.fromEntries(DEFAULTABLE.map((d) =>
  [d.type, z.strictObject(Object.fromEntries(d.keys.map((k) => [k, authority.optional()]))).optional()]))) as unknown as z.ZodType<CertificateAuthorities>;
