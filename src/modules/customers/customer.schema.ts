// Request shapes of /api/customers, built from the field catalogue so the schema, the screens
// and the Excel columns cannot drift apart. Formats are checked here; rules that need the
// database or several fields (code tables, ID check digits, consistency) live in validate.ts.
import { z } from 'zod';
import { CORPORATE_FIELDS, PERSONAL_FIELDS, type FieldDef } from './fields.ts';

const isoDate = z.iso.date('common.date_format');

function zodFor(f: FieldDef): z.ZodType {
  switch (f.type) {
    case 'text': return z.string().trim().max(f.max ?? 100);
    case 'code': return z.string().trim().min(1).max(20);
    case 'date': return isoDate;
    // Yuan with at most two decimals, as a string or number; kept exact as numeric in the database.
    case 'money': return z.union([z.number(), z.string().trim()]).transform(String)
      .pipe(z.string().regex(/^-?\d{1,14}(\.\d{1,2})?$/, 'customers.money_format'));
    case 'int': return z.number().int().min(f.min ?? 0).max(f.upper ?? 2147483647);
    case 'bool': return z.boolean();
    case 'mobile': case 'phone': case 'postcode': case 'email': return z.string().trim().max(f.max ?? 100);
    case 'hours': return z.string().trim().regex(/^([01]\d|2[0-3])-([01]\d|2[0-4])$/, 'customers.hours_format');
  }
}

function fieldShape(fields: readonly FieldDef[]) {
  return Object.fromEntries(fields.map((f) => [f.key, zodFor(f).nullable().optional()]));
}

export const identityInput = z.strictObject({
  idType: z.string().trim().min(1).max(2),
  idNumber: z.string().trim().min(1).max(40),
  expiresOn: isoDate.nullable().optional(),
});
export type IdentityInput = z.infer<typeof identityInput>;

const common = {
  name: z.string().trim().min(1).max(160),
  institutionId: z.number().int().positive().optional(),
};

export const createPersonalBody = z.strictObject({
  kind: z.literal('personal'),
  ...common,
  identities: z.array(identityInput).min(1).max(3),
  ...fieldShape(PERSONAL_FIELDS),
});

export const createCorporateBody = z.strictObject({
  kind: z.literal('corporate'),
  ...common,
  name: z.string().trim().min(1).max(100),
  // CIF-27: set when the customer is opened; changed later only through the scale workflow.
  scale: z.enum(['large', 'medium', 'small', 'micro']).nullable().optional(),
  ...fieldShape(CORPORATE_FIELDS),
});

export const createCustomerBody = z.discriminatedUnion('kind', [createPersonalBody, createCorporateBody]);
export type CreateCustomer = z.infer<typeof createCustomerBody>;
export type CreatePersonal = z.infer<typeof createPersonalBody>;
export type CreateCorporate = z.infer<typeof createCorporateBody>;

export const updatePersonalBody = z.strictObject({
  version: z.number().int().positive(),
  name: common.name.optional(),
  identities: z.array(identityInput).min(1).max(3).optional(),
  ...fieldShape(PERSONAL_FIELDS),
});
export const updateCorporateBody = z.strictObject({
  version: z.number().int().positive(),
  name: z.string().trim().min(1).max(100).optional(),
  ...fieldShape(CORPORATE_FIELDS),
});
/** The kind is the stored customer's; the route picks the schema after loading it. */
export type UpdateCustomer = { version: number; name?: string; identities?: IdentityInput[] } & Record<string, unknown>;

export const searchQuery = z.strictObject({
  q: z.string().trim().max(60).optional(),
  kind: z.enum(['personal', 'corporate']).optional(),
  institutionId: z.coerce.number().int().positive().optional(),
  blacklisted: z.enum(['true', 'false']).optional(),
  status: z.enum(['active', 'deleted', 'all']).default('active'),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const reasonBody = z.strictObject({ reason: z.string().trim().min(1).max(200) });
export const revealBody = z.strictObject({ field: z.string().min(1).max(60) });
export const customerIdParams = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const historyQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
