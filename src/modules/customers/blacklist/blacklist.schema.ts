// Request shapes of /api/blacklist (CIF-5), shared with the web app.
import { z } from 'zod';
import { bigRecordId, bigRecordIdParam } from '../../../common/id.ts';
import { multiLineText, singleLineText } from '../../../common/text.ts';

const isoDate = z.iso.date('common.date_format');

export const listBlacklistQuery = z.strictObject({
  /** Customer number, part of the name, or a whole identity number / credit code. */
  q: singleLineText().max(60).optional(),
  listKind: z.enum(['internal', 'external']).optional(),
  kind: z.enum(['personal', 'corporate']).optional(),
  /** active = in force today; expired = past its last day; removed = lifted by a person. */
  status: z.enum(['active', 'expired', 'removed', 'all']).default('active'),
  source: singleLineText().max(60).optional(),
  listedFrom: isoDate.optional(),
  listedTo: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListBlacklistQuery = z.infer<typeof listBlacklistQuery>;

export const addBlacklistBody = z.strictObject({
  customerId: bigRecordId,
  listKind: z.enum(['internal', 'external']),
  reason: multiLineText().min(1).max(200),
  /** Who put the customer on the list: 本行风险管理部, 人民银行, 法院失信被执行人名单 … */
  source: singleLineText().min(1).max(60),
  listedOn: isoDate,
  /** The last day the entry applies; none = until removed. */
  expiresOn: isoDate.nullable().optional(),
});
export type AddBlacklist = z.infer<typeof addBlacklistBody>;

export const removeBlacklistBody = z.strictObject({ reason: multiLineText().min(1).max(200) });
export const blacklistIdParams = z.strictObject({ id: bigRecordIdParam });
