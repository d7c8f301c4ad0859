// Transfer of primary rights (主办权转移, REL-22): what a manager or a head asks for. The customers
// are named one by one, or "every customer of the transferring manager" (a manager leaving), which
// the server expands to the list at submission: the request then lists them all.
import { z } from 'zod';
import { bigRecordId, recordId } from '../../../common/id.ts';
import { multiLineText } from '../../../common/text.ts';

export const MAX_TRANSFER_CUSTOMERS = 1000;

const customerIds = z.array(bigRecordId).min(1).max(MAX_TRANSFER_CUSTOMERS);
const common = {
  fromManagerId: recordId,
  toManagerId: recordId,
  /** The first day the receiving manager is the primary; the business date or later. */
  effectiveOn: z.iso.date('common.date_format'),
  reason: multiLineText().min(1).max(200),
};

export const transferBody = z.strictObject({
  selection: z.union([z.strictObject({ customerIds }), z.strictObject({ allOfManager: z.literal(true) })]),
  ...common,
});
export type TransferBody = z.infer<typeof transferBody>;

/** The request as stored: always the list of customers (sorted, unique), and whether it was a departing manager's whole book. */
export const transferPayload = z.strictObject({
  // Stored sorted and unique (a resubmitted payload is checked the same way).
  customerIds: customerIds.refine((ids) => ids.every((id, i) => i === 0 || ids[i - 1]! < id), { message: 'sorted, unique' }),
  wholeBook: z.boolean(),
  ...common,
});
export type TransferPayload = z.infer<typeof transferPayload>;
