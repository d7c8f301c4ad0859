// Calls and shapes of a customer's accounts (ACC-2), daily averages and balance trend (ACC-3).
// Amounts are exact decimal text from the server; they are shown as text and never summed here.
import type { AccountRow } from '../../../../../src/modules/accounts/account.schema.ts';
import { api } from '../../../api/client';

export type AccountKind = AccountRow['kind'];
export type AccountStatus = AccountRow['status'];
export type GuaranteeType = NonNullable<AccountRow['guaranteeType']>;
export type AccountCategory = 'deposit' | 'loan' | 'wealth' | 'card';
export const ACCOUNT_CATEGORIES: readonly AccountCategory[] = ['deposit', 'loan', 'wealth', 'card'];
export const PERIODS = ['month', 'quarter', 'year'] as const;

/** accountNo is masked (6222****1234) unless the caller holds customer.sensitive.read. */
export interface Account {
  id: number; accountNo: string; masked: boolean; customerId: number; productId: string; productNameZh: string; productNameEn: string;
  kind: AccountKind; currency: string; institutionId: number; institutionName: string; openedOn: string; closedOn: string | null;
  /** balanceOn: the business date of the balance (its daily snapshot); null before the first balances file. */
  status: AccountStatus; balance: string; balanceOn: string | null; rate: string | null; maturityOn: string | null; termMonths: number | null;
  contractNo: string | null; contractAmount: string | null; guaranteeType: GuaranteeType | null; origin: 'core' | 'crm';
}
export const fetchAccounts = (customerId: number, signal?: AbortSignal) =>
  api.get<{ customerId: number; items: Account[] }>(`/customers/${customerId}/accounts`, undefined, signal);

/** A period's figure is null when no account of the group counts a day in it. */
/** partial: the periods whose figure counts days before the CRM's first data at zero (no opening position). */
export interface AverageTotal { category: AccountCategory; currency: string; month: string | null; quarter: string | null; year: string | null; partial: (typeof PERIODS)[number][] }
export interface Averages { customerId: number; asOf: string | null; totals: AverageTotal[] }
export const fetchAverages = (customerId: number, signal?: AbortSignal) => api.get<Averages>(`/customers/${customerId}/averages`, undefined, signal);

export interface TrendSeries { category: AccountCategory; currency: string; points: { date: string; balance: string }[] }
/** from/to are null when no balance has been loaded for the customer. */
export interface BalanceTrend { customerId: number; from: string | null; to: string | null; series: TrendSeries[] }
export const fetchBalanceTrend = (customerId: number, range: { from?: string; to?: string }, signal?: AbortSignal) =>
  api.get<BalanceTrend>(`/customers/${customerId}/balance-trend`, range, signal);
