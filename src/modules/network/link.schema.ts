// Shapes of the link API (REL-1, REL-2). The party is found by customer number, or by its identity
// document (name + document, the document validated); the role is a relation_role code.
import { z } from 'zod';
import { bigRecordIdParam } from '../../common/id.ts';
import { singleLineText } from '../../common/text.ts';

const isoDate = z.iso.date('common.date_format');
const text = (max: number) => singleLineText().max(max);
/** Yuan with at most two decimals, never negative. */
const amount = z.union([z.number(), z.string().trim()]).transform(String)
  .pipe(z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, 'network.amount_format'));
const percent = z.union([z.number(), z.string().trim()]).transform(String)
  .pipe(z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'network.percent_format'));

export const partyByCustomerNo = z.strictObject({ by: z.literal('customerNo'), customerNo: z.string().trim().regex(/^\d{6,20}$/, 'network.customer_no_format') });
export const partyByDocument = z.strictObject({
  by: z.literal('document'),
  /** 1 enterprise, 2 natural person (party_category): which table the document type comes from. */
  partyCategory: z.enum(['1', '2']),
  name: text(160).min(1),
  idType: z.string().trim().regex(/^[0-9A-Za-z]{1,3}$/),
  idNumber: text(40).min(1),
});

export const createLinkBody = z.strictObject({
  party: z.discriminatedUnion('by', [partyByCustomerNo, partyByDocument]),
  role: z.string().regex(/^\d{2}$/, 'network.role_format'),
  /** Shareholders (role 12) only: the share held, 0 < % ≤ 100. */
  sharePct: percent.nullable().optional(),
  contractNo: text(40).nullable().optional(),
  accountNo: text(40).nullable().optional(),
  /** The guaranteed amount of a credit relation (roles 01–04). */
  amount: amount.nullable().optional(),
  /** Today when omitted; never in the future. */
  startsOn: isoDate.optional(),
  remark: text(200).nullable().optional(),
});
export type CreateLink = z.infer<typeof createLinkBody>;

export const endLinkBody = z.strictObject({ endsOn: isoDate.optional(), reason: text(200).min(1) });
export const linkParams = z.strictObject({ id: bigRecordIdParam, linkId: bigRecordIdParam });
export const linksQuery = z.strictObject({ ended: z.enum(['true', 'false']).default('false') });

export const networkQuery = z.strictObject({
  hops: z.coerce.number().int().min(1).max(3).default(2),
  /** Comma-separated relation_role codes; all when omitted. */
  roles: z.string().regex(/^\d{2}(,\d{2}){0,20}$/).optional(),
  /** The network in force on this date; today when omitted. */
  on: isoDate.optional(),
});
