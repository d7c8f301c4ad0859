// Request shapes of /api/customers/saved-filters, shared with the web app.
import { z } from 'zod';
import { bigRecordIdParam } from '../../../common/id.ts';
import { singleLineText } from '../../../common/text.ts';
import { listFilters } from '../customer.schema.ts';

export const saveFilterBody = z.strictObject({
  name: singleLineText().trim().min(1).max(40),
  filters: listFilters,
});
export type SaveFilterBody = z.infer<typeof saveFilterBody>;
export const savedFilterParams = z.strictObject({ id: bigRecordIdParam });
