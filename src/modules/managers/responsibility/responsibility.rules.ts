// The 1-to-N maintenance responsibility table (存量客户1对N维护责任表, REL-24, seed 003 附件3 and
// 三(三)): who should answer for each customer, by the customer's value —
//   总行（联社）领导  top-value customers ("高端客户中的高附加值客户") and group customers;
//   营业单位负责人    high-end customers (存款 100 万元以上、贷款 200 万元以上);
//   客户经理          every loan customer, and middle deposit customers (存款 10 万元以上);
//   综合柜员          ordinary deposit customers.
// The thresholds are settings head office revises (the seed fixes only the high-end ones); the
// deposit figure is the balance or a daily average, as set; loans always by balance.
import { z } from 'zod';

export const RESPONSIBILITY_LEVELS = ['head_office', 'outlet_head', 'customer_manager', 'teller'] as const;
export type ResponsibilityLevel = (typeof RESPONSIBILITY_LEVELS)[number];
/** How the person answering for a customer stands to the level it calls for (none: nobody, or temporary staff). */
export type Agreement = 'match' | 'below' | 'above' | 'unassigned';
/** Seniority, for "the responsible person is below / above what the customer calls for". */
export const LEVEL_RANK: Record<ResponsibilityLevel, number> = { head_office: 4, outlet_head: 3, customer_manager: 2, teller: 1 };

const amount = z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, 'managers.responsibility.amount_format');

export const responsibilityRulesSchema = z.strictObject({
  /** The deposit figure the thresholds compare: the balance, or a daily average to date. */
  basis: z.enum(['balance', 'month_avg', 'quarter_avg', 'year_avg']),
  headOffice: z.strictObject({ deposit: amount, loan: amount }),
  outletHead: z.strictObject({ deposit: amount, loan: amount }),
  customerManager: z.strictObject({ deposit: amount }),
}).superRefine((r, ctx) => {
  // Each level's bar above the next one's: otherwise a level could never be proposed.
  const n = (v: string) => Number(v);
  if (n(r.headOffice.deposit) <= n(r.outletHead.deposit)) ctx.addIssue({ code: 'custom', path: ['headOffice', 'deposit'], message: 'managers.responsibility.not_ascending' });
  if (n(r.headOffice.loan) <= n(r.outletHead.loan)) ctx.addIssue({ code: 'custom', path: ['headOffice', 'loan'], message: 'managers.responsibility.not_ascending' });
  if (n(r.outletHead.deposit) <= n(r.customerManager.deposit)) ctx.addIssue({ code: 'custom', path: ['outletHead', 'deposit'], message: 'managers.responsibility.not_ascending' });
  if (n(r.customerManager.deposit) <= 0) ctx.addIssue({ code: 'custom', path: ['customerManager', 'deposit'], message: 'managers.responsibility.not_ascending' });
});
export type ResponsibilityRules = z.infer<typeof responsibilityRulesSchema>;

/** Seed 003's high-end and middle bars; the top-value bar (not in the seed) ten times the high-end one. */
export const DEFAULT_RESPONSIBILITY_RULES: ResponsibilityRules = {
  basis: 'balance',
  headOffice: { deposit: '10000000.00', loan: '20000000.00' },
  outletHead: { deposit: '1000000.00', loan: '2000000.00' },
  customerManager: { deposit: '100000.00' },
};
