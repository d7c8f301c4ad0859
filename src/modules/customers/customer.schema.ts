// Request shapes of /api/customers, built from the field catalogue so the schema, the screens
// and the Excel columns cannot drift apart. Formats are checked here; rules that need the
// database or several fields (code tables, ID check digits, consistency) live in validate.ts.
import { z } from 'zod';
import { bigRecordIdParam, recordId, recordIdParam } from '../../common/id.ts';
import { multiLineText, singleLineText } from '../../common/text.ts';
import { timestamp } from '../../common/http/answers.ts';
import { CORPORATE_FIELDS, PERSONAL_FIELDS, type FieldDef } from './fields.ts';

const isoDate = z.iso.date('common.date_format');
const NOT_NEGATIVE = { message: 'common.negative', params: { code: 'common.negative' } };

function zodFor(f: FieldDef): z.ZodType {
  switch (f.type) {
    case 'text': return (f.multiline ? multiLineText() : singleLineText()).max(f.max ?? 100);
    case 'code': return singleLineText().min(1).max(20);
    case 'date': return isoDate;
    // Yuan with at most two decimals, as a string or number; kept exact as numeric in the database.
    // Every amount of the catalogue (incomes, expenses, capital) is a size: never below zero.
    case 'money': return z.union([z.number(), z.string().trim()]).transform(String)
      .pipe(z.string().regex(/^-?\d{1,14}(\.\d{1,2})?$/, { message: 'customers.money_format', abort: true })
        .refine((v) => !v.startsWith('-'), NOT_NEGATIVE));
    case 'int': {
      const n = z.number().int().max(f.upper ?? 2147483647);
      return f.min ? n.min(f.min) : n.refine((v) => v >= 0, NOT_NEGATIVE);
    }
    case 'bool': return z.boolean();
    case 'mobile': case 'phone': case 'postcode': case 'email': return singleLineText().max(f.max ?? 100);
    case 'hours': return singleLineText().regex(/^([01]\d|2[0-3])-([01]\d|2[0-4])$/, 'customers.hours_format');
  }
}

function fieldShape(fields: readonly FieldDef[]) {
  return Object.fromEntries(fields.map((f) => [f.key, zodFor(f).nullable().optional()]));
}

export const identityInput = z.strictObject({
  idType: singleLineText().min(1).max(2),
  idNumber: singleLineText().min(1).max(40),
  expiresOn: isoDate.nullable().optional(),
});
export type IdentityInput = z.infer<typeof identityInput>;

const common = {
  name: singleLineText().min(1).max(160),
  institutionId: recordId.optional(),
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
  name: singleLineText().min(1).max(100),
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
  name: singleLineText().min(1).max(100).optional(),
  ...fieldShape(CORPORATE_FIELDS),
});
/** The kind is the stored customer's; the route picks the schema after loading it. */
export type UpdateCustomer = { version: number; name?: string; identities?: IdentityInput[] } & Record<string, unknown>;

/** What the customer list can be sorted by (list/customer-list.ts says how each is keyed). */
export const LIST_SORTS = ['newest', 'customerNo', 'name', 'openedOn', 'balance', 'monthAvg', 'quarterAvg', 'yearAvg', 'grade'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** The list's filters and order: what a search, a saved filter and an export share. */
export const listFilters = z.strictObject({
  q: singleLineText().max(60).optional(),
  kind: z.enum(['personal', 'corporate']).optional(),
  institutionId: recordIdParam.optional(),
  blacklisted: z.enum(['true', 'false']).optional(),
  status: z.enum(['active', 'deleted', 'all']).default('active'),
  sort: z.enum(LIST_SORTS).default('newest'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type ListFilters = z.infer<typeof listFilters>;

/** One page of the list: the filters, the page size and the cursor of the row the page follows. */
export const searchQuery = listFilters.extend({
  after: z.string().max(400).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const reasonBody = z.strictObject({ reason: multiLineText().min(1).max(200) });
export const revealBody = z.strictObject({ field: z.string().min(1).max(60) });
export const customerIdParams = z.strictObject({ id: bigRecordIdParam });
export const historyQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const money = z.string().describe('yuan, a decimal string');
/** GET /customers: one keyset page of the scoped search. Exact: the customer list screen's columns. */
export const customerListPage = z.object({
  total: z.number().int().nullable().describe('matches up to the cap; null on pages after the first'),
  totalCapped: z.boolean().nullable(), pageSize: z.number().int(), sort: z.string(), order: z.enum(['asc', 'desc']),
  nextCursor: z.string().nullable().describe('pass as `after` for the next page; null on the last'),
  items: z.array(z.object({
    id: z.number().int(), customerNo: z.string(), kind: z.enum(['personal', 'corporate']), name: z.string(), status: z.string(), blacklisted: z.boolean(),
    openedAt: timestamp, institutionName: z.string(),
    mobile: z.string().nullable().describe('masked'), birthDate: z.string().nullable(), creditCode: z.string().nullable(), scale: z.string().nullable(),
    idNumber: z.string().nullable().describe('the first identity document, masked'), primaryManager: z.string().nullable(),
    positionAsOf: z.string().nullable().describe('the feed day of the figures; null (and no figures) before any'),
    depositBalance: money.nullable(), monthAvg: money.nullable(), quarterAvg: money.nullable(), yearAvg: money.nullable(), loanBalance: money.nullable(),
    valueTier: z.string().nullable(),
  })),
});
