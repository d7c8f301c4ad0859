// Request shapes of a credit customer's information (CIF-28), shared with the web app:
// /api/customers/:id/financials, /non-financial, /investments, /correspondent-banks.
// Formats are checked here; rules that need the database or several fields (code tables, the
// balance-sheet identity, duplicates) live in the services.
import { z } from 'zod';
import { bigRecordIdParam } from '../../../common/id.ts';
import { multiLineText, singleLineText } from '../../../common/text.ts';

const id = bigRecordIdParam;
const isoDate = z.iso.date('common.date_format');
const text = (max: number) => singleLineText().max(max);

/**
 * Yuan with at most two decimals, as a string or a number; numeric(18,2) holds 16 integer digits.
 * A number that is not exactly two decimals in JavaScript (0.1 + 0.2) fails the format, as it should.
 */
const money = z.union([z.number(), z.string().trim()]).transform(String)
  .pipe(z.string().regex(/^-?\d{1,16}(\.\d{1,2})?$/, 'credit.money_format'));
/** Balances that cannot be below zero: assets, liabilities, revenue, cost, lines, loans. */
const amount = money.refine((v) => !v.startsWith('-'), 'credit.amount_negative');

export const itemParams = z.strictObject({ id, itemId: id });

export const PERIOD_TYPES = ['annual', 'semiannual', 'quarterly', 'monthly'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];
/** How many periods a year has of each type: the period number runs 1…this. */
export const PERIODS_PER_YEAR: Record<PeriodType, number> = { annual: 1, semiannual: 2, quarterly: 4, monthly: 12 };

/** The statement items, API name → column; `signed` ones may be negative (equity, profit, cash flow). */
export const STATEMENT_ITEMS = [
  { key: 'totalAssets', column: 'total_assets', required: true, signed: false },
  { key: 'currentAssets', column: 'current_assets', required: false, signed: false },
  { key: 'totalLiabilities', column: 'total_liabilities', required: true, signed: false },
  { key: 'currentLiabilities', column: 'current_liabilities', required: false, signed: false },
  { key: 'ownersEquity', column: 'owners_equity', required: true, signed: true },
  { key: 'operatingRevenue', column: 'operating_revenue', required: true, signed: false },
  { key: 'operatingCost', column: 'operating_cost', required: false, signed: false },
  { key: 'totalProfit', column: 'total_profit', required: false, signed: true },
  { key: 'netProfit', column: 'net_profit', required: true, signed: true },
  { key: 'operatingCashFlow', column: 'operating_cash_flow', required: false, signed: true },
] as const;
export type StatementItem = (typeof STATEMENT_ITEMS)[number]['key'];

const statementFields = {
  fiscalYear: z.number().int().min(1900).max(2999),
  periodType: z.enum(PERIOD_TYPES),
  /** 1 for a year; 1–2 halves, 1–4 quarters, 1–12 months. */
  period: z.number().int().min(1).max(12),
  audited: z.boolean(),
  /** The accounting firm (会计师事务所); required exactly when the statement is audited. */
  auditor: text(100).nullable().optional(),
  /** A currency code (ISO 4217); CNY when omitted. */
  currency: singleLineText().min(1).max(3),
  totalAssets: amount, currentAssets: amount.nullable().optional(),
  totalLiabilities: amount, currentLiabilities: amount.nullable().optional(),
  ownersEquity: money, operatingRevenue: amount, operatingCost: amount.nullable().optional(),
  totalProfit: money.nullable().optional(), netProfit: money, operatingCashFlow: money.nullable().optional(),
  /** 从业人员 at the period's end: the SME classification reads it beside revenue and assets. */
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  remark: text(200).nullable().optional(),
};

export const createStatementBody = z.strictObject({
  ...statementFields,
  period: statementFields.period.default(1),
  audited: statementFields.audited.default(false),
  currency: statementFields.currency.default('CNY'),
});
export type CreateStatement = z.infer<typeof createStatementBody>;

export const updateStatementBody = z.strictObject({
  version: z.number().int().positive(),
  ...Object.fromEntries(Object.entries(statementFields).map(([k, s]) => [k, s.optional()])) as {
    [K in keyof typeof statementFields]: z.ZodOptional<(typeof statementFields)[K]>
  },
});
export type UpdateStatement = z.infer<typeof updateStatementBody>;

/** The non-financial notes; each up to 1000 characters, empty clears it. */
export const NON_FINANCIAL_FIELDS = [
  { key: 'managementQuality', column: 'management_quality' },
  { key: 'ownershipStructure', column: 'ownership_structure' },
  { key: 'mainProducts', column: 'main_products' },
  { key: 'relatedParties', column: 'related_parties' },
  { key: 'adverseRecords', column: 'adverse_records' },
] as const;
export type NonFinancialField = (typeof NON_FINANCIAL_FIELDS)[number]['key'];

const nonFinancialFields = Object.fromEntries(NON_FINANCIAL_FIELDS.map((f) => [f.key, multiLineText().max(1000).nullable().optional()])) as
  Record<NonFinancialField, z.ZodOptional<z.ZodNullable<z.ZodString>>>;
export const createNonFinancialBody = z.strictObject(nonFinancialFields);
export type CreateNonFinancial = z.infer<typeof createNonFinancialBody>;
export const updateNonFinancialBody = z.strictObject({ version: z.number().int().positive(), ...nonFinancialFields });
export type UpdateNonFinancial = z.infer<typeof updateNonFinancialBody>;

const investmentFields = {
  investeeName: singleLineText().min(1).max(100),
  /** GB 32100 unified social credit code of the investee, when it has one (a foreign investee may not). */
  investeeCreditCode: singleLineText().max(30).nullable().optional(),
  amount,
  /** Percent of the investee's capital, 0–100 with at most two decimals. */
  sharePct: z.union([z.number(), z.string().trim()]).transform(String)
    .pipe(z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'credit.share_format'))
    .refine((v) => Number(v) <= 100, 'credit.share_range'),
  investedOn: isoDate.nullable().optional(),
  remark: text(200).nullable().optional(),
};
export const createInvestmentBody = z.strictObject(investmentFields);
export type CreateInvestment = z.infer<typeof createInvestmentBody>;
export const updateInvestmentBody = z.strictObject({
  version: z.number().int().positive(),
  investeeName: investmentFields.investeeName.optional(),
  investeeCreditCode: investmentFields.investeeCreditCode,
  amount: investmentFields.amount.optional(),
  sharePct: investmentFields.sharePct.optional(),
  investedOn: investmentFields.investedOn,
  remark: investmentFields.remark,
});
export type UpdateInvestment = z.infer<typeof updateInvestmentBody>;

/** 人民币银行结算账户管理办法: basic, general, special-purpose, temporary deposit accounts; other. */
export const ACCOUNT_TYPES = ['basic', 'general', 'special', 'temporary', 'other'] as const;

const bankFields = {
  bankName: singleLineText().min(1).max(100),
  /** Digits as printed; spaces and hyphens people type are dropped by the service. */
  accountNo: singleLineText().min(1).max(40),
  accountType: z.enum(ACCOUNT_TYPES),
  openedOn: isoDate.nullable().optional(),
  /** The credit line the other bank has granted. */
  creditLine: amount.nullable().optional(),
  /** Loans outstanding at the other bank. */
  outstandingLoans: amount.nullable().optional(),
  remark: text(200).nullable().optional(),
};
export const createBankBody = z.strictObject(bankFields);
export type CreateBank = z.infer<typeof createBankBody>;
export const updateBankBody = z.strictObject({
  version: z.number().int().positive(),
  bankName: bankFields.bankName.optional(),
  accountNo: bankFields.accountNo.optional(),
  accountType: bankFields.accountType.optional(),
  openedOn: bankFields.openedOn,
  creditLine: bankFields.creditLine,
  outstandingLoans: bankFields.outstandingLoans,
  remark: bankFields.remark,
});
export type UpdateBank = z.infer<typeof updateBankBody>;
