// Shapes of a document-transfer flow (单证传递, seed 001 §3.2.7.1): the account it is about and
// its certificate rows with pages and copies.
import { z } from 'zod';
import { bigRecordIdParam } from '../../../common/id.ts';
import { singleLineText } from '../../../common/text.ts';
import { timestamp } from '../../../common/http/answers.ts';
import { accountNo } from '../../accounts/account.schema.ts';
import { informationPatch } from '../../customers/information-review/information-review.workflow.ts';

/** The default certificate rows of a new corporate flow (seed 001 §3.2.7: "营业执照、……法人身份证、基本户核准件"), editable. */
export const DEFAULT_CERTIFICATES = ['营业执照', '组织机构代码证', '国税登记证', '地税登记证', '法人身份证', '基本户核准件'] as const;

export const FLOW_STATUSES = ['draft', 'submitted', 'received', 'in_review', 'completed', 'cancelled'] as const;
export type FlowStatus = (typeof FLOW_STATUSES)[number];

/** Open, change, submit, cancel, accept: the flow and the status it has now. Exact (docs/api.md). */
export const flowMove = z.object({ id: z.number().int(), flowNo: z.string(), status: z.enum(FLOW_STATUSES) });

const id = z.number().int();
/** A flow as the list shows it. */
const flowSummary = z.object({
  id, flowNo: z.string(), status: z.enum(FLOW_STATUSES), accountNo: z.string().describe('masked without customer.sensitive.read'), accountName: z.string(),
  customerId: id, totalPages: id, totalCopies: id, institution: z.object({ id, name: z.string() }).describe('the sender'),
  centre: z.object({ id, name: z.string() }).describe('the branch processing centre'), createdBy: z.string(),
  createdAt: timestamp, submittedAt: timestamp.nullable(), receivedAt: timestamp.nullable(), completedAt: timestamp.nullable(),
});
/** GET /documents/flows. Exact. */
export const flowPage = z.object({ total: id, items: z.array(flowSummary) });
/** GET /documents/flows/:id. Exact: the flow screen. */
export const flowDetail = flowSummary.extend({
  items: z.array(z.object({ lineNo: id, certKind: z.string(), certNo: z.string().nullable(), pages: id, copies: id })),
  review: z.object({ requestId: id, status: z.string() }).nullable().describe('the entry review (document.entry_review), once keyed'),
  position: z.object({ id, positionNo: z.string() }).nullable().describe('where the paper is filed'),
  can: z.object({ edit: z.boolean(), accept: z.boolean(), enter: z.boolean() }),
});

export const flowItem = z.strictObject({
  certKind: singleLineText().min(1).max(20),
  certNo: singleLineText().max(100).nullable().optional(),
  pages: z.number().int().min(1).max(999),
  copies: z.number().int().min(1).max(999),
});
export type FlowItem = z.infer<typeof flowItem>;

export const flowBody = z.strictObject({
  accountNo,
  items: z.array(flowItem).min(1, 'documents.items_required').max(50),
});
export type FlowBody = z.infer<typeof flowBody>;

/**
 * The information keyed from the paper: the customer kind's update body (the version the clerk
 * saw and the fields he changed), checked against that kind's schema by the review type. No
 * body, or no patch: the paper matched the customer and only the flow's step is reviewed.
 */
export const entryBody = z.preprocess((v) => v ?? {}, z.strictObject({ patch: informationPatch.optional() }));

export const flowParams = z.strictObject({ id: bigRecordIdParam });
export const flowListQuery = z.strictObject({
  status: z.enum(FLOW_STATUSES).optional(),
  /** 'sent' = flows my institutions sent; 'centre' = flows sent to centres in my charge; default both. */
  side: z.enum(['sent', 'centre']).optional(),
  flowNo: z.string().regex(/^[0-9A-Za-z]{1,10}$/, 'documents.flow_no_format').optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type FlowListQuery = z.infer<typeof flowListQuery>;
export const accountLookupQuery = z.strictObject({ accountNo });

/** Totals of the rows (seed: "系统根据所填列的证件页数和份数,自动统计总数"): copies, and sheets = pages × copies. */
export function flowTotals(items: readonly Pick<FlowItem, 'pages' | 'copies'>[]) {
  return {
    totalCopies: items.reduce((s, i) => s + i.copies, 0),
    totalPages: items.reduce((s, i) => s + i.pages * i.copies, 0),
  };
}
