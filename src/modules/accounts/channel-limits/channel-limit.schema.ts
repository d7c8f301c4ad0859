// Request shapes of customer-level channel limits (ACC-7), shared with the web app.
import { z } from 'zod';
import { singleLineText } from '../../../common/text.ts';
import { LIMIT_CHANNELS } from './channel-limit.channels.ts';


/** Yuan to the fen, as text (never a JSON number: no binary rounding); 0 closes the channel to payments. */
const limit = z.string().trim().regex(/^\d{1,16}(\.\d{1,2})?$/, 'channel_limits.money_format');

export const setChannelLimitBody = z.strictObject({
  channel: z.enum(LIMIT_CHANNELS),
  /** Each limit is optional: null = no customer-level limit of that kind (the bank's channel-wide one applies). */
  perTransaction: limit.nullable().optional(),
  dailyAmount: limit.nullable().optional(),
  dailyCount: z.number().int().min(0).max(1_000_000).nullable().optional(),
  annualAmount: limit.nullable().optional(),
  effectiveFrom: z.iso.date('common.date_format'),
  remark: singleLineText().max(200).nullable().optional(),
});
export type SetChannelLimit = z.infer<typeof setChannelLimitBody>;
