import { z } from 'zod';
import { ITEM_KEYS } from './completeness.items.ts';

const isoDate = z.iso.date('common.date_format');

export const ruleInput = z.strictObject({ tier: z.enum(['credit', 'ordinary', 'small']), item: z.enum(ITEM_KEYS), required: z.boolean() });
export type RuleInput = z.infer<typeof ruleInput>;
export const rulesBody = z.strictObject({ rules: z.array(ruleInput).min(1).max(100) });

export const customerIdParams = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export const overdueQuery = z.strictObject({
  openedFrom: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const overdueExportQuery = z.strictObject({ openedFrom: isoDate.optional() });
