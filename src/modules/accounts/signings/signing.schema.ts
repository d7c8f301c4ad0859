// Request shapes of the signing registry (ACC-6) and the closure-check setting, shared with the web app.
import { z } from 'zod';
import { bigRecordId, bigRecordIdParam } from '../../../common/id.ts';
import { multiLineText, singleLineText } from '../../../common/text.ts';
import { DEFAULT_CLOSURE_RULES, SIGNING_CHANNELS, SIGNING_KINDS } from './signing.kinds.ts';

/** The setting's default, beside its schema (settings.service.ts reads both from here). */
export { DEFAULT_CLOSURE_RULES };

const isoDate = z.iso.date('common.date_format');
const code = (max: number) => singleLineText().min(1).max(max).regex(/^[0-9A-Za-z-]+$/, 'signings.code_format');
const id = bigRecordIdParam;

export const registerSigningBody = z.strictObject({
  kind: z.enum(SIGNING_KINDS),
  productId: z.string().regex(/^[0-9]{10}$/, 'products.id_format'),
  /** account.id of the bound account or card; null = customer level (product/service signings only). */
  accountId: bigRecordId.nullable().optional(),
  /** The partner's code (securities firm, paying/collecting unit, payee bank, fund company); stored upper-case. */
  counterpartyCode: code(20).nullable().optional(),
  counterpartyName: singleLineText().min(1).max(100).nullable().optional(),
  counterpartyAccount: code(32).nullable().optional(),
  /** The customer's number at the paying/collecting unit (缴费户号, 工号). */
  payerNo: code(40).nullable().optional(),
  channel: z.enum(SIGNING_CHANNELS),
  signedOn: isoDate,
});
export type RegisterSigning = z.infer<typeof registerSigningBody>;

export const terminateSigningBody = z.strictObject({
  reason: multiLineText().min(1).max(200),
  /** Defaults to today. */
  terminatedOn: isoDate.optional(),
});
export type TerminateSigning = z.infer<typeof terminateSigningBody>;

export const listSigningsQuery = z.strictObject({ status: z.enum(['active', 'terminated', 'all']).default('all') });
export const customerSigningParams = z.strictObject({ id, signingId: id });
export const accountIdParams = z.strictObject({ id });
export const signingProductsQuery = z.strictObject({ q: singleLineText().max(60).optional() });

/** Setting 'accounts.closure_rules': what an active signing of each kind does to closing its account. */
const effect = z.enum(['warn', 'block']);
export const closureRulesSchema = z.strictObject({ third_party: effect, collection_payment: effect, product_service: effect, transaction_behaviour: effect });
export type ClosureRules = z.infer<typeof closureRulesSchema>;
