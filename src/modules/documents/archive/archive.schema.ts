// Shapes of the paper archive: cabinets, filing flows into positions, the check-out register.
import { z } from 'zod';
import { bigRecordId, bigRecordIdParam, recordId, recordIdParam } from '../../../common/id.ts';
import { singleLineText, multiLineText } from '../../../common/text.ts';

export const cabinetBody = z.strictObject({
  institutionId: recordId,
  code: z.string().regex(/^[0-9A-Za-z-]{1,10}$/, 'archive.code_format'),
  name: singleLineText().min(1).max(60),
  cellCount: z.number().int().min(1).max(999),
  copiesPerCell: z.number().int().min(1).max(999),
});
export type CabinetBody = z.infer<typeof cabinetBody>;
export const cabinetParams = z.strictObject({ id: recordIdParam });
export const fileBody = z.strictObject({ flowIds: z.array(bigRecordId).min(1).max(200) });
export const positionQuery = z.strictObject({
  cabinetId: recordIdParam.optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const positionParams = z.strictObject({ id: bigRecordIdParam });
export const checkOutBody = z.strictObject({
  borrower: singleLineText().min(1).max(60),
  purpose: multiLineText().min(1).max(200),
  /** Lent for this many working days (the calendar decides which days count). */
  workingDays: z.number().int().min(1).max(60),
  /** The day the file left, when the loan is registered after the fact; today by default, never later. */
  checkedOutOn: z.iso.date('common.date_format').optional(),
});
export type CheckOutBody = z.infer<typeof checkOutBody>;
export const loanParams = z.strictObject({ id: bigRecordIdParam });
export const loanQuery = z.strictObject({
  state: z.enum(['open', 'overdue', 'returned', 'all']).default('open'),
  /** The day an "overdue" list is drawn up for; today by default. */
  asOf: z.iso.date('common.date_format').optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type LoanQuery = z.infer<typeof loanQuery>;

/** Position seq (1-based) → cell and slot: cells fill one after another, `copiesPerCell` files each. */
export function placeOf(seq: number, copiesPerCell: number) {
  return { cellNo: Math.floor((seq - 1) / copiesPerCell) + 1, slotNo: ((seq - 1) % copiesPerCell) + 1 };
}
export const positionNo = (code: string, cellNo: number, slotNo: number) =>
  `${code.toUpperCase()}-${String(cellNo).padStart(3, '0')}-${String(slotNo).padStart(3, '0')}`;
