import { z } from 'zod';
import { singleLineText } from '../../common/text.ts';

export const tableParams = z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) });
export const itemParams = z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/), item: z.string().min(1).max(20) });
export const itemsQuery = z.strictObject({
  q: singleLineText().max(60).optional(),
  parent: z.string().max(20).optional(),
  level: z.coerce.number().int().min(1).max(9).optional(),
  includeInactive: z.enum(['true', 'false']).default('false'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export const createTableBody = z.strictObject({
  code: singleLineText().regex(/^[a-z][a-z0-9_]{1,39}$/, 'codes.table.code_format'),
  nameZh: singleLineText().min(1).max(60),
  nameEn: singleLineText().min(1).max(100),
  source: singleLineText().max(100).nullable().optional(),
  hierarchical: z.boolean().default(false),
});
export const createItemBody = z.strictObject({
  code: singleLineText().regex(/^[0-9A-Za-z_.-]{1,20}$/, 'codes.item.code_format'),
  nameZh: singleLineText().min(1).max(200),
  nameEn: singleLineText().min(1).max(200),
  parentCode: singleLineText().max(20).nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
});
export const updateItemBody = z.strictObject({
  nameZh: singleLineText().min(1).max(200).optional(),
  nameEn: singleLineText().min(1).max(200).optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  active: z.boolean().optional(),
});
