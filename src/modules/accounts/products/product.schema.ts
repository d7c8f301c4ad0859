// Request shapes of /api/products (ACC-1), shared with the web app.
import { z } from 'zod';
import { singleLineText } from '../../../common/text.ts';

export const PRODUCT_CATEGORIES = ['deposit', 'loan', 'wealth', 'card', 'e_banking', 'settlement', 'intermediary'] as const;
const productId = z.string().regex(/^[0-9]{10}$/, 'products.id_format');
/** An annual rate in percent, 0–100, at most 4 decimals, sent as a string so no binary rounding creeps in. */
const rate = z.string().trim().regex(/^\d{1,3}(\.\d{1,4})?$/, 'products.rate_format');
const isoDate = z.iso.date('common.date_format');

export const listProductsQuery = z.strictObject({
  /** Product id prefix or part of the Chinese or English name. */
  q: singleLineText().max(60).optional(),
  category: z.enum(PRODUCT_CATEGORIES).optional(),
  status: z.enum(['active', 'retired', 'all']).default('active'),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListProductsQuery = z.infer<typeof listProductsQuery>;

export const rateBody = z.strictObject({
  rateType: z.enum(['fixed', 'floating']),
  baseRate: rate,
  /** Floating products only: the lowest and highest executed annual rate allowed. */
  floatMin: rate.nullable().optional(),
  floatMax: rate.nullable().optional(),
  effectiveFrom: isoDate,
});
export type RateInput = z.infer<typeof rateBody>;

export const createProductBody = z.strictObject({
  id: productId,
  nameZh: singleLineText().min(1).max(100),
  nameEn: singleLineText().min(1).max(200),
  category: z.enum(PRODUCT_CATEGORIES),
  subType: singleLineText().max(40).nullable().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'products.currency_unknown'),
  /** The first rate setting, for interest-bearing products. */
  rate: rateBody.optional(),
});
export type CreateProduct = z.infer<typeof createProductBody>;

export const updateProductBody = z.strictObject({
  version: z.number().int().positive(),
  nameZh: singleLineText().min(1).max(100).optional(),
  nameEn: singleLineText().min(1).max(200).optional(),
  subType: singleLineText().max(40).nullable().optional(),
  status: z.enum(['active', 'retired']).optional(),
});
export type UpdateProduct = z.infer<typeof updateProductBody>;

export const productIdParams = z.strictObject({ id: productId });
