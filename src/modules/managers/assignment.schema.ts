// Customer assignment (客户分配, REL-21): what is assigned to whom. The selection is one customer,
// a list of ids, or every customer the customer list's filters select.
import { z } from 'zod';
import { listFilters } from '../customers/customer.schema.ts';
import { multiLineText } from '../../common/text.ts';

export const MAX_SELECTED_IDS = 1000;

const selection = z.union([
  z.strictObject({ customerIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(MAX_SELECTED_IDS) }),
  z.strictObject({ filter: listFilters.omit({ sort: true, order: true }) }),
]);

export const assignmentPreviewBody = z.strictObject({
  selection,
  managerId: z.number().int().positive().max(2147483647),
  role: z.enum(['primary', 'assisting', 'assistant']),
});
export const assignmentBody = assignmentPreviewBody.extend({
  /** The previewed count: a different count at commit means the selection changed meanwhile. */
  expectedCount: z.number().int().min(1),
  reason: multiLineText().max(200).optional(),
});
export type AssignmentPreview = z.infer<typeof assignmentPreviewBody>;
export type Assignment = z.infer<typeof assignmentBody>;

// Answers (exact, docs/api.md): the assignment screen reads them as they are.
const id = z.number().int();
const managerRole = z.enum(['primary', 'assisting', 'assistant']);
/** POST /customer-assignments/preview. */
export const assignmentPreview = z.object({
  count: id.describe('customers selected'), unchanged: id.describe('of them already managed by him in this role'),
  manager: z.object({ id, displayName: z.string() }), role: managerRole, effectiveOn: z.string(),
});
/** POST /customer-assignments. */
export const assignmentDone = z.object({ assignmentId: id, count: id, added: id, unchanged: id, effectiveOn: z.string() });
/** GET /customer-assignments/needed. */
export const neededQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  overdueOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export const assignableManagersQuery = z.strictObject({ q: z.string().trim().max(50).optional() });
/** GET /customer-assignments/managers. */
export const assignableManagersList = z.object({
  items: z.array(z.object({ id, username: z.string(), displayName: z.string(), status: z.string(), institution: z.string() })),
});
export const assignmentsNeeded = z.object({
  total: id.describe('customers waiting, as filtered'),
  items: z.array(z.object({
    id, customerNo: z.string(), name: z.string(), institutionId: id, primaryManager: z.string().nullable(),
    reason: z.enum(['none', 'temporary_staff', 'departed']), since: z.string(), dueOn: z.string(), overdue: z.boolean(),
  })),
});
