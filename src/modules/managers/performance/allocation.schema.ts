// Performance allocation (业绩分配, PERF-1): what a request carries.
import { z } from 'zod';
import { multiLineText } from '../../../common/text.ts';

export const MAX_SHARES = 10;
const share = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'performance.share_format');

export const allocationPayload = z.strictObject({
  customerId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  effectiveOn: z.iso.date(),
  shares: z.array(z.strictObject({ managerId: z.number().int().positive().max(2147483647), share })).min(1).max(MAX_SHARES),
  reason: multiLineText().min(1).max(200),
});
export type AllocationPayload = z.infer<typeof allocationPayload>;

/** Shares in hundredths of a percent, so that "exactly 100" is an integer comparison. */
export const basisPoints = (share: string) => Math.round(Number(share) * 100);
