// Shapes of the early-warning requests (WARN-1…4); the web app imports the same types.
import { z } from 'zod';
import { bigRecordIdParam, recordIdParam } from '../../common/id.ts';
import { LEVELS, scorecardSchema } from './scorecard.ts';

export const WARNING_STATUSES = ['open', 'resolved', 'closed', 'withdrawn'] as const;
export const DISPOSAL_STEPS = ['analysis', 'contact', 'measures', 'result'] as const;
export const RESULTS = ['retained', 'lost', 'false_alarm'] as const;
export type DisposalStep = (typeof DISPOSAL_STEPS)[number];

export const warningListQuery = z.strictObject({
  level: z.enum(LEVELS).optional(),
  status: z.enum(WARNING_STATUSES).default('open'),
  institutionId: recordIdParam.optional(),
  managerId: recordIdParam.optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type WarningListQuery = z.infer<typeof warningListQuery>;
export const warningExportQuery = warningListQuery.omit({ page: true, pageSize: true });
export const warningParams = z.strictObject({ id: bigRecordIdParam });
const yearMonth = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/, 'warnings.month_format');
export const factorAnalysisQuery = z.strictObject({ from: yearMonth, to: yearMonth })
  .refine((q) => q.from <= q.to, { message: 'warnings.month_order', path: ['to'] });
export type FactorAnalysisQuery = z.infer<typeof factorAnalysisQuery>;

const note = z.string({ error: 'warnings.note_required' }).trim().min(1, 'warnings.note_required').max(500, 'warnings.note_long');
export const disposalBody = z.strictObject({
  step: z.enum(DISPOSAL_STEPS),
  on: z.iso.date('common.date_format'),
  note,
  result: z.enum(RESULTS).optional(),
}).refine((b) => (b.step === 'result') === (b.result !== undefined), { message: 'warnings.result_required', path: ['result'] });
export type DisposalBody = z.infer<typeof disposalBody>;

export const scorecardBody = scorecardSchema;

// ── answers (exact: the OpenAPI document names every key, docs/api.md) ──
const id = z.number().int();
const date = z.string().describe('YYYY-MM-DD');
const level = z.enum(LEVELS);
const factor = z.object({ code: z.string(), value: z.number().nullable(), points: z.number().int() });
const counts = z.object({ yellow: z.number().int(), orange: z.number().int(), red: z.number().int() });

export const warningItem = z.object({
  id, level, topLevel: level, score: z.number().int(), crisis: z.enum(['mild', 'severe']).nullable(), status: z.enum(WARNING_STATUSES),
  raisedOn: date, levelSince: date, asOf: date,
  customer: z.object({ id, customerNo: z.string(), name: z.string(), institutionId: id }),
  managerId: id.nullable(), managerName: z.string().nullable(), institutionId: id, institutionName: z.string().nullable(),
  escalatedOn: date.nullable(), escalatedInstitutionId: id.nullable(), contactOn: date.nullable(), result: z.enum(RESULTS).nullable(),
});
export const warningPage = z.object({ total: z.number().int(), items: z.array(warningItem) });
export const warningDetail = warningItem.extend({
  factors: z.array(factor),
  disposal: z.object({
    analysisOn: date.nullable(), analysisNote: z.string().nullable(), contactOn: date.nullable(), contactNote: z.string().nullable(),
    measuresOn: date.nullable(), measuresNote: z.string().nullable(), result: z.enum(RESULTS).nullable(), resultOn: date.nullable(),
    resultNote: z.string().nullable(), resultBy: id.nullable(), closedAt: z.date().nullable(), closedBy: id.nullable(),
  }),
  events: z.array(z.object({ businessDate: date, kind: z.string(), level: level.nullable(), score: z.number().int().nullable(), byUser: id.nullable(), at: z.date() })),
  scores: z.array(z.object({ businessDate: date, score: z.number().int(), level: level.nullable(), factors: z.array(factor) })),
});
export const disposalAnswer = z.object({ id, status: z.enum(['open', 'resolved']), step: z.enum(DISPOSAL_STEPS) });
export const closeAnswer = z.object({ id, status: z.literal('closed'), result: z.enum(RESULTS).nullable() });
export const previewAnswer = z.object({ asOf: date.nullable(), customers: z.number().int(), current: counts, proposed: counts });
export const factorAnalysisAnswer = z.object({
  factors: z.array(z.object({ month: z.string(), institutionId: id, institutionName: z.string(), code: z.string(), alerts: z.number().int(), points: z.number().int() })),
  outcomes: z.array(z.object({ month: z.string(), outcome: z.string(), topLevel: level, alerts: z.number().int() })),
});
