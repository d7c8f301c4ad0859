// Request and query shapes of the approval routes; the web app imports the inferred types.
import { z } from 'zod';
import { bigRecordId, bigRecordIdParam } from '../../common/id.ts';
import { multiLineText, singleLineText } from '../../common/text.ts';

export const requestIdParams = z.strictObject({ id: bigRecordIdParam });
const stepNo = z.number().int().min(1).max(9);

export const inboxQuery = z.strictObject({
  type: singleLineText().min(1).max(60).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const mineQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'returned', 'withdrawn', 'rejected']).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** The step the checker saw: a decision on a request that has moved on since is refused. */
export const approveBody = z.strictObject({ step: stepNo, reason: multiLineText().max(500).optional() });
export const returnBody = z.strictObject({ step: stepNo, reason: multiLineText().min(1).max(500) });
export const withdrawBody = z.strictObject({ reason: multiLineText().max(500).optional() });
export const resubmitBody = z.strictObject({ payload: z.unknown().optional() });
export const batchApproveBody = z.strictObject({
  items: z.array(z.strictObject({ id: bigRecordId, step: stepNo })).min(1).max(200),
});

export const stepsParams = z.strictObject({ type: singleLineText().min(1).max(60), level: z.coerce.number().int().min(0).max(9) });
export const stepsBody = z.strictObject({
  steps: z.array(z.strictObject({
    roleCode: singleLineText().min(1).max(40),
    // 'own', 'parent', or a party of the type ('receiving'); the service checks the type knows it.
    actingInstitution: z.string().regex(/^[a-z][a-z_]{1,23}$/),
    onlyWhen: z.string().regex(/^[a-z][a-z_]{1,39}$/).nullish(),
    timeLimitDays: z.number().int().min(1).max(60),
  })).max(9),
});
export type StepsBody = z.infer<typeof stepsBody>;
export const subjectQuery = z.strictObject({ subjectType: singleLineText().min(1).max(40), subjectId: singleLineText().min(1).max(40) });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: 'not a date' });
export const delegationBody = z.strictObject({
  delegateUsername: singleLineText().min(1).max(32),
  startsOn: isoDate,
  endsOn: isoDate,
  reason: singleLineText().max(200).nullish(),
});

/** The 202 of a change that goes to review first (a deletion, a blacklist removal …): the request it became. Exact. */
export const submittedRequest = z.object({
  requestId: z.number().int(), status: z.literal('pending'), step: z.number().int(), stepCount: z.number().int(),
  role: z.string().describe('the role that decides the first step'), dueOn: z.string(),
});
