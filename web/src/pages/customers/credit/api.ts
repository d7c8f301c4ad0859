// Calls and shapes of a credit customer's information (CIF-28). Request bodies are the server's
// own zod types; the value lists are repeated here (type-checked against the server's) so the
// browser bundle does not pull in zod.
import type {
  CreateBank, CreateInvestment, CreateNonFinancial, CreateStatement, NonFinancialField, PeriodType, UpdateBank, UpdateInvestment, UpdateNonFinancial, UpdateStatement,
} from '../../../../../src/modules/customers/credit-info/credit-info.schema.ts';
import { api } from '../../../api/client';

export type { NonFinancialField, PeriodType };
export const PERIOD_TYPES: readonly PeriodType[] = ['annual', 'semiannual', 'quarterly', 'monthly'];
export const PERIODS_PER_YEAR: Record<PeriodType, number> = { annual: 1, semiannual: 2, quarterly: 4, monthly: 12 };
export type AccountType = CreateBank['accountType'];
export const ACCOUNT_TYPES: readonly AccountType[] = ['basic', 'general', 'special', 'temporary', 'other'];
export const NON_FINANCIAL_FIELDS: readonly NonFinancialField[] = ['managementQuality', 'ownershipStructure', 'mainProducts', 'relatedParties', 'adverseRecords'];

/** Balance-sheet items first, then the income statement and cash flow; `signed` ones may be negative. */
export const STATEMENT_ITEMS = [
  { key: 'totalAssets', required: true, signed: false, group: 'balanceSheet' },
  { key: 'currentAssets', required: false, signed: false, group: 'balanceSheet' },
  { key: 'totalLiabilities', required: true, signed: false, group: 'balanceSheet' },
  { key: 'currentLiabilities', required: false, signed: false, group: 'balanceSheet' },
  { key: 'ownersEquity', required: true, signed: true, group: 'balanceSheet' },
  { key: 'operatingRevenue', required: true, signed: false, group: 'incomeStatement' },
  { key: 'operatingCost', required: false, signed: false, group: 'incomeStatement' },
  { key: 'totalProfit', required: false, signed: true, group: 'incomeStatement' },
  { key: 'netProfit', required: true, signed: true, group: 'incomeStatement' },
  { key: 'operatingCashFlow', required: false, signed: true, group: 'incomeStatement' },
] as const;
export type StatementItem = (typeof STATEMENT_ITEMS)[number]['key'];

export type Statement = {
  id: number; fiscalYear: number; periodType: PeriodType; period: number; audited: boolean; auditor: string | null; currency: string; employees: number | null; remark: string | null;
  ratios: { assetLiabilityRatio: string | null; currentRatio: string | null; netMargin: string | null };
  version: number; updatedAt: string; updatedBy: string | null;
} & Record<StatementItem, string | null>;

const base = (id: number) => `/customers/${id}`;
export const fetchStatements = (id: number, signal?: AbortSignal) => api.get<Statement[]>(`${base(id)}/financials`, undefined, signal);
export const createStatement = (id: number, body: CreateStatement) => api.post<{ id: number }>(`${base(id)}/financials`, body);
export const updateStatement = (id: number, sid: number, body: UpdateStatement) => api.patch<{ id: number }>(`${base(id)}/financials/${sid}`, body);
export const deleteStatement = (id: number, sid: number) => api.delete<{ id: number }>(`${base(id)}/financials/${sid}`);

export interface NonFinancial {
  current: (Record<NonFinancialField, string | null> & { version: number; updatedAt: string; updatedBy: string | null }) | null;
  history: { id: number; field: NonFinancialField; oldValue: string | null; newValue: string | null; source: string; changedBy: string | null; changedAt: string }[];
}
export const fetchNonFinancial = (id: number, signal?: AbortSignal) => api.get<NonFinancial>(`${base(id)}/non-financial`, undefined, signal);
export const createNonFinancial = (id: number, body: CreateNonFinancial) => api.post<{ version: number }>(`${base(id)}/non-financial`, body);
export const updateNonFinancial = (id: number, body: UpdateNonFinancial) => api.patch<{ version: number }>(`${base(id)}/non-financial`, body);
export const clearNonFinancial = (id: number) => api.delete<{ customerId: number }>(`${base(id)}/non-financial`);

export interface Investment {
  id: number; investeeName: string; investeeCreditCode: string | null; amount: string; sharePct: string; investedOn: string | null;
  remark: string | null; version: number; updatedAt: string; updatedBy: string | null;
}
export const fetchInvestments = (id: number, signal?: AbortSignal) => api.get<Investment[]>(`${base(id)}/investments`, undefined, signal);
export const createInvestment = (id: number, body: CreateInvestment) => api.post<{ id: number }>(`${base(id)}/investments`, body);
export const updateInvestment = (id: number, iid: number, body: UpdateInvestment) => api.patch<{ id: number }>(`${base(id)}/investments/${iid}`, body);
export const deleteInvestment = (id: number, iid: number) => api.delete<{ id: number }>(`${base(id)}/investments/${iid}`);

export interface BankAccount {
  id: number; bankName: string; accountNo: string; accountType: AccountType; openedOn: string | null; creditLine: string | null;
  outstandingLoans: string | null; remark: string | null; version: number; updatedAt: string; updatedBy: string | null;
}
export const fetchBankAccounts = (id: number, signal?: AbortSignal) => api.get<BankAccount[]>(`${base(id)}/correspondent-banks`, undefined, signal);
export const createBankAccount = (id: number, body: CreateBank) => api.post<{ id: number }>(`${base(id)}/correspondent-banks`, body);
export const updateBankAccount = (id: number, aid: number, body: UpdateBank) => api.patch<{ id: number }>(`${base(id)}/correspondent-banks/${aid}`, body);
export const deleteBankAccount = (id: number, aid: number) => api.delete<{ id: number }>(`${base(id)}/correspondent-banks/${aid}`);
export const revealBankAccount = (id: number, aid: number) => api.post<{ field: string; value: unknown }>(`${base(id)}/correspondent-banks/${aid}/reveal`);
