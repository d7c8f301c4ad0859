// Request shapes of likely-duplicate review and customer merging (CIF-1), shared with the web app.
import { z } from 'zod';
import { bigRecordId, bigRecordIdParam } from '../../../common/id.ts';
import { multiLineText } from '../../../common/text.ts';

const id = bigRecordId;

export const mergeBody = z.strictObject({
  /** The record that stays: its number, fields and primary manager are kept. */
  survivorId: id,
  /** The record that goes: everything attached to it moves to the survivor; its number is retired. */
  mergedId: id,
  reason: multiLineText().min(1).max(200),
});
export type MergeInput = z.infer<typeof mergeBody>;

export const listDuplicatesQuery = z.strictObject({
  reason: z.enum(['name_birth', 'mobile']).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListDuplicatesQuery = z.infer<typeof listDuplicatesQuery>;

export const duplicateIdParams = z.strictObject({ id: bigRecordIdParam });
export const dismissBody = z.strictObject({ reason: multiLineText().min(1).max(200) });
