// Typed view of the tables for Kysely. Kept by hand beside the migrations: a migration that adds
// a column adds it here in the same commit.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Kysely's ColumnType cannot be nested in Generated<> or unioned with null, so each variant is spelt out.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string | undefined, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;
type Json = ColumnType<unknown, string, string>;

export interface InstitutionLevelTable { level: number; name_zh: string; name_en: string }

export interface InstitutionTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  level: number;
  kind: 'marketing' | 'statistical';
  category: 'corporate' | 'sme' | 'product' | 'non_corporate' | null;
  path: string;
  status: Generated<'active' | 'inactive'>;
  address: string | null;
  phone: string | null;
  opened_on: NullableDate;
  closed_on: NullableDate;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface InstitutionHistoryTable {
  id: Generated<number>;
  institution_id: number;
  parent_id: number | null;
  code: string;
  name: string;
  status: string;
  valid_from: DateOnly;
  valid_to: NullableDate;
  event: 'open' | 'rename' | 'move' | 'merge' | 'deactivate' | 'reactivate' | 'update';
  reason: string | null;
  changed_by: number | null;
  changed_at: Timestamp;
}

export interface PermissionTable { code: string; domain: string; name_zh: string; name_en: string }

export interface RoleTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  category: 'system' | 'management' | 'sme' | 'manager' | 'product' | 'non_corporate' | 'custom';
  description: string | null;
  builtin: Generated<boolean>;
  data_scope: Generated<'institution' | 'own'>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RolePermissionTable { role_id: number; permission_code: string }

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  employee_no: string | null;
  home_institution_id: number;
  managing_institution_id: number;
  mobile: string | null;
  email: string | null;
  status: Generated<'active' | 'disabled' | 'left'>;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  joined_on: DateOnly;
  left_on: NullableDate;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
  /** 'temporary_staff': an outlet's 临时人员 pseudo-manager (REL-21), never signs in. */
  kind: Generated<'person' | 'temporary_staff'>;
}

export interface UserHistoryTable {
  id: Generated<number>;
  user_id: number;
  home_institution_id: number;
  managing_institution_id: number;
  status: string;
  valid_from: DateOnly;
  valid_to: NullableDate;
  event: 'join' | 'move' | 'leave' | 'disable' | 'enable' | 'rejoin';
  reason: string | null;
  changed_by: number | null;
  changed_at: Timestamp;
}

export interface UserRoleTable { user_id: number; role_id: number; granted_by: number | null; granted_at: Timestamp }
export interface PasswordHistoryTable { user_id: number; password_hash: string; changed_at: Timestamp }

/** Failed sign-ins per network address within the current window (0016). */
export interface LoginThrottleTable { client_ip: string; window_started_at: Timestamp; failures: number }

export interface UserSessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  client_ip: string | null;
  user_agent: string | null;
  revoked_at: NullableTimestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  token_hash: string;
  managing_institution_id: number;
  created_by: number;
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: number | null;
}
export interface ApiTokenRoleTable { token_id: number; role_id: number }

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  actor_kind: 'user' | 'token' | 'system' | 'anonymous';
  actor_id: number | null;
  actor_name: string | null;
  actor_institution_id: number | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  before: NullableJson;
  after: NullableJson;
  client_ip: string | null;
  request_id: string | null;
  prev_hash: string | null;
  hash: string;
}

export interface CodeTableTable {
  code: string;
  name_zh: string;
  name_en: string;
  source: string | null;
  hierarchical: Generated<boolean>;
  builtin: Generated<boolean>;
  updated_at: Timestamp;
}

export interface CodeItemTable {
  table_code: string;
  code: string;
  name_zh: string;
  name_en: string;
  parent_code: string | null;
  level: number | null;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  updated_at: Timestamp;
}

export interface CalendarDayTable {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface SettingTable { key: string; value: Json; updated_by: number | null; updated_at: Timestamp }


// ── customers (0003) ──────────────────────────────────────────────────────────────────────
type Money = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export interface CustomerTable {
  id: Generated<number>;
  customer_no: string;
  kind: 'personal' | 'corporate';
  name: string;
  institution_id: number;
  status: Generated<'active' | 'deleted' | 'merged'>;
  status_reason: string | null;
  merged_into: number | null;
  blacklisted: Generated<boolean>;
  origin: Generated<'crm' | 'core'>;
  search_terms: ColumnType<string[], string[] | undefined, string[]>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export type ManagerRole = 'primary' | 'assisting' | 'assistant';
/** A management relation (REL-20), in force on D when since <= D < ends_on (ends_on null: open). */
export interface CustomerManagerTable {
  id: Generated<number>;
  customer_id: number; user_id: number; role: ManagerRole; since: string;
  ends_on: NullableDate;
  assigned_by: number | null; assigned_at: Timestamp; assignment_id: number | null;
  ended_by: number | null; ended_at: NullableTimestamp; end_reason: string | null;
}

export interface CustomerAssignmentTable {
  id: Generated<number>;
  assigned_by: number | null; manager_id: number; role: ManagerRole; effective_on: string;
  selection: unknown; customer_count: number; reason: string | null; created_at: Timestamp;
  /** A transfer of primary rights (0042): its request, its maker, and when the customers' institution followed. */
  approval_request_id: ColumnType<number | null, number | null | undefined, number | null>; maker_id: ColumnType<number | null, number | null | undefined, number | null>; institution_moved_at: NullableTimestamp;
}

export interface PersonalCustomerTable {
  customer_id: number;
  gender: string | null; birth_date: NullableDate; marital_status: string | null; nationality: string | null;
  household_division: string | null; household_address: string | null;
  shareholder: Generated<boolean>; employee: Generated<boolean>;
  first_relation_on: NullableDate; first_credit_on: NullableDate;
  education: string | null; degree: string | null; investor_type: string | null; investment_years: number | null;
  occupation: string | null; employer: string | null; employer_nature: string | null; employer_industry: string | null;
  employer_division: string | null; employer_address: string | null; employer_postcode: string | null; employer_phone: string | null;
  employer_since_year: number | null; post_years: number | null; professional_title: string | null;
  monthly_income: Money; family_monthly_income: Money; family_size: number | null; dependents: number | null;
  monthly_fixed_expense: Money; residence_status: string | null; salary_bank: string | null; salary_account: string | null;
  home_address: string | null; home_postcode: string | null; home_phone: string | null;
  mailing_address: string | null; mailing_postcode: string | null; mobile: string | null; other_phone: string | null;
  email: string | null; best_contact_method: string | null; best_contact_period: string | null; best_contact_hours: string | null;
  contact_note: string | null;
}

export interface CustomerIdentityTable { customer_id: number; seq: number; id_type: string; id_number: string; expires_on: NullableDate }

export interface CorporateCustomerTable {
  customer_id: number;
  credit_code: string | null; organization_code: string | null; registration_type: string | null; enterprise_nature: string | null;
  scale: 'large' | 'medium' | 'small' | 'micro' | null; legal_rep_customer_id: number | null;
  registered_address: string | null; registered_capital_currency: string | null; registered_capital: Money; paid_in_capital: Money;
  business_scope: string | null; established_on: NullableDate;
  office_phone: string | null; office_address: string | null; office_postcode: string | null; email: string | null;
  industry_code: string | null; industrial_zone: string | null; specialised_market: string | null;
  industry_updated_by: number | null; industry_updated_at: NullableTimestamp;
}

export interface CustomerAddressTable {
  id: Generated<number>; customer_id: number; address_type: string; division_code: string | null; address: string;
  postcode: string | null; is_primary: Generated<boolean>; created_at: Timestamp; updated_at: Timestamp;
}

export interface BlacklistEntryTable {
  id: Generated<number>; customer_id: number; list_kind: 'internal' | 'external'; reason: string; source: string;
  listed_on: string; expires_on: NullableDate; removed_on: NullableDate; removed_reason: string | null;
  created_by: number | null; removed_by: number | null; created_at: Timestamp;
}

export interface RiskAssessmentTable {
  id: Generated<number>; customer_id: number; assessed_on: string; valid_until: string; result: string;
  score: number | null; channel: string | null; assessed_by: number | null; created_at: Timestamp;
}

export interface CertificateTable {
  id: Generated<number>; customer_id: number; cert_type: string; number: string; issuer: string | null;
  issued_on: NullableDate; expires_on: NullableDate; details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_by: number | null; created_at: Timestamp; updated_at: Timestamp; version: Generated<number>;
}

export interface CustomerHistoryTable {
  id: Generated<number>; customer_id: number; field: string; old_value: string | null; new_value: string | null;
  source: 'screen' | 'import' | 'feed' | 'merge' | 'system'; changed_by: number | null; changed_at: Timestamp; request_id: string | null;
  /** Set when the change took effect through review (0021): the request, who keyed it, who approved it. */
  approval_request_id: number | null; maker_id: number | null; checker_id: number | null;
}

export interface CustomerDuplicateTable {
  id: Generated<number>; customer_id: number; other_id: number; reason: 'name_birth' | 'mobile';
  status: Generated<'open' | 'dismissed' | 'merged'>; created_at: Timestamp; resolved_by: number | null; resolved_at: NullableTimestamp;
}

export interface TodoTable {
  id: Generated<number>; kind: string; title: string; entity_type: string | null; entity_id: string | null;
  assignee_user_id: number | null; assignee_institution_id: number | null; due_on: NullableDate;
  status: Generated<'open' | 'done' | 'cancelled'>; dedupe_key: string; created_at: Timestamp; done_at: NullableTimestamp; done_by: number | null;
}

export interface JobRunTable {
  id: Generated<number>; job: string; business_date: string; started_at: Timestamp; finished_at: NullableTimestamp;
  status: Generated<'running' | 'ok' | 'failed'>; detail: NullableJson; error: string | null;
}

export interface DB {
  institution_level: InstitutionLevelTable;
  institution: InstitutionTable;
  institution_history: InstitutionHistoryTable;
  permission: PermissionTable;
  role: RoleTable;
  role_permission: RolePermissionTable;
  app_user: AppUserTable;
  user_history: UserHistoryTable;
  user_role: UserRoleTable;
  password_history: PasswordHistoryTable;
  user_session: UserSessionTable;
  login_throttle: LoginThrottleTable;
  api_token: ApiTokenTable;
  api_token_role: ApiTokenRoleTable;
  audit_log: AuditLogTable;
  code_table: CodeTableTable;
  code_item: CodeItemTable;
  calendar_day: CalendarDayTable;
  setting: SettingTable;
  customer: CustomerTable;
  customer_manager: CustomerManagerTable;
  customer_assignment: CustomerAssignmentTable;
  personal_customer: PersonalCustomerTable;
  customer_identity: CustomerIdentityTable;
  corporate_customer: CorporateCustomerTable;
  customer_address: CustomerAddressTable;
  blacklist_entry: BlacklistEntryTable;
  risk_assessment: RiskAssessmentTable;
  certificate: CertificateTable;
  customer_history: CustomerHistoryTable;
  customer_duplicate: CustomerDuplicateTable;
  todo: TodoTable;
  job_run: JobRunTable;
  customer_import_report: CustomerImportReportTable;
  customer_import_run: CustomerImportRunTable;
  financial_statement: FinancialStatementTable;
  customer_non_financial: CustomerNonFinancialTable;
  customer_investment: CustomerInvestmentTable;
  correspondent_bank_account: CorrespondentBankAccountTable;
  product: ProductTable; product_rate: ProductRateTable; account: AccountTable;
  account_balance: AccountBalanceTable; account_average: AccountAverageTable;
  account_average_period: AccountAveragePeriodTable; institution_average: InstitutionAverageTable; feed_run: FeedRunTable; account_transaction: AccountTransactionTable;
  account_alert: AccountAlertTable;
  signing: SigningTable; channel_limit: ChannelLimitTable;
  customer_position: CustomerPositionTable; saved_customer_filter: SavedCustomerFilterTable;
  account_opening_position: AccountOpeningPositionTable;
  approval_step: ApprovalStepTable; approval_request: ApprovalRequestTable; approval_decision: ApprovalDecisionTable; approval_queue_count: ApprovalQueueCountTable;
  customer_image: CustomerImageTable; completeness_rule: CompletenessRuleTable;
}

export type Institution = Selectable<InstitutionTable>;
export type NewInstitution = Insertable<InstitutionTable>;
export type InstitutionUpdate = Updateable<InstitutionTable>;
export type AppUser = Selectable<AppUserTable>;

// ── customer relations (0005): columns added to 0003 tables, merged into their interfaces ──
export interface CustomerAddressTable { version: Generated<number> }
export interface CustomerDuplicateTable { resolution_reason: string | null }

// ── certificates, to-dos, jobs (0004): columns added to 0003 tables, merged into their interfaces ──
export interface CertificateTable {
  status: Generated<'current' | 'superseded' | 'voided'>; status_reason: string | null; superseded_by: number | null; updated_by: number | null;
}
export interface TodoTable { params: NullableJson }
export interface JobRunTable { trigger: Generated<'schedule' | 'manual'>; triggered_by: number | null; retry_of: number | null }

// ── customer import (0006): error reports of rejected imports, kept 24 hours ──
export interface CustomerImportReportTable {
  token: string; actor_kind: string; actor_id: number | null; file_name: string; content: Uint8Array; created_at: Generated<Date>;
}

// ── credit customers' information (0007): statements, non-financial notes, investments, other banks ──
type RequiredMoney = ColumnType<string, string | number, string | number>;
/** Who wrote, changed and (logically) deleted a row, and its optimistic-lock version. */
interface Kept {
  created_by: number | null; created_at: Timestamp; updated_by: number | null; updated_at: Timestamp;
  deleted_by: number | null; deleted_at: NullableTimestamp; version: Generated<number>;
}
export interface FinancialStatementTable extends Kept {
  id: Generated<number>; customer_id: number; fiscal_year: number;
  period_type: 'annual' | 'semiannual' | 'quarterly' | 'monthly'; period: number;
  audited: Generated<boolean>; auditor: string | null; currency: Generated<string>;
  total_assets: RequiredMoney; current_assets: Money; total_liabilities: RequiredMoney; current_liabilities: Money;
  owners_equity: RequiredMoney; operating_revenue: RequiredMoney; operating_cost: Money; total_profit: Money;
  net_profit: RequiredMoney; operating_cash_flow: Money; remark: string | null;
}
export interface CustomerNonFinancialTable {
  customer_id: number; management_quality: string | null; ownership_structure: string | null; main_products: string | null;
  related_parties: string | null; adverse_records: string | null; updated_by: number | null; updated_at: Timestamp; version: Generated<number>;
}
export interface CustomerInvestmentTable extends Kept {
  id: Generated<number>; customer_id: number; investee_name: string; investee_credit_code: string | null;
  amount: RequiredMoney; share_pct: RequiredMoney; invested_on: NullableDate; remark: string | null;
}
export interface CorrespondentBankAccountTable extends Kept {
  id: Generated<number>; customer_id: number; bank_name: string; account_no: string;
  account_type: 'basic' | 'general' | 'special' | 'temporary' | 'other'; opened_on: NullableDate;
  credit_line: Money; outstanding_loans: Money; remark: string | null;
}

// ── products and accounts (0008): catalogue with rate history, core-banking accounts and loan contracts ──
export type ProductCategory = 'deposit' | 'loan' | 'wealth' | 'card' | 'e_banking' | 'settlement' | 'intermediary';
export interface ProductTable {
  id: string; name_zh: string; name_en: string; category: ProductCategory; sub_type: string | null; currency: string;
  status: Generated<'active' | 'retired'>; created_by: number | null; created_at: Timestamp; updated_by: number | null;
  updated_at: Timestamp; version: Generated<number>;
}
export interface ProductRateTable {
  id: Generated<number>; product_id: string; rate_type: 'fixed' | 'floating'; base_rate: RequiredMoney;
  float_min: Money; float_max: Money; effective_from: DateOnly; created_by: number | null; created_at: Timestamp;
}
export type AccountKind = 'deposit_demand' | 'deposit_time' | 'loan' | 'wealth' | 'card';
export interface AccountTable {
  id: Generated<number>; account_no: string; customer_id: number; product_id: string; kind: AccountKind; currency: string;
  institution_id: number; opened_on: DateOnly; closed_on: NullableDate; status: Generated<'active' | 'dormant' | 'closed' | 'frozen'>;
  balance: RequiredMoney; rate: Money; maturity_on: NullableDate; term_months: number | null; contract_no: string | null;
  contract_amount: Money; guarantee_type: 'credit' | 'guarantee' | 'mortgage' | 'pledge' | null; origin: Generated<'core' | 'crm'>;
  created_at: Timestamp; updated_at: Timestamp;
}

// ── balances and daily averages (0009): month-partitioned end-of-day snapshots, running period totals ──
export type AveragePeriodKind = 'month' | 'quarter' | 'year';
export interface AccountBalanceTable { business_date: DateOnly; account_id: number; customer_id: number; balance: RequiredMoney }
// 0010: one row per account with month, quarter and year to date side by side.
export interface AccountAverageTable {
  account_id: number; through_date: DateOnly; last_balance: RequiredMoney;
  month_start: DateOnly; month_sum: RequiredMoney; month_days: number;
  quarter_start: DateOnly; quarter_sum: RequiredMoney; quarter_days: number;
  year_start: DateOnly; year_sum: RequiredMoney; year_days: number;
  // The account's facts as of its last load, kept current by a trigger on account (0014).
  institution_id: number; kind: AccountKind; currency: string; opened_on: DateOnly; closed_on: NullableDate;
}
export interface AccountAveragePeriodTable {
  account_id: number; period_kind: AveragePeriodKind; period_start: DateOnly; period_end: DateOnly; balance_sum: RequiredMoney; days: number;
}
export interface InstitutionAverageTable {
  business_date: DateOnly; institution_id: number; category: 'deposit' | 'loan' | 'wealth' | 'card'; currency: string; accounts: number;
  balance: RequiredMoney; month_sum: RequiredMoney; quarter_sum: RequiredMoney; year_sum: RequiredMoney;
}

// ── daily feed (0010): run history and transactions ──
export interface FeedRunTable {
  id: Generated<number>; business_date: DateOnly; source_dir: string; trigger: 'cli' | 'inbox' | 'screen'; started_by: number | null;
  started_at: Timestamp; finished_at: NullableTimestamp; status: Generated<'running' | 'loaded' | 'rejected' | 'failed'>;
  files: Generated<unknown>; counts: Generated<unknown>; timings: Generated<unknown>; rejected_total: Generated<number>; rejected: Generated<unknown>; error: string | null;
}
export interface AccountTransactionTable {
  business_date: DateOnly; txn_no: string; account_id: number; customer_id: number; txn_time: string | null; direction: 'D' | 'C';
  amount: RequiredMoney; balance_after: Money; channel: string; counterparty_account: string | null; counterparty_name: string | null; summary: string | null;
}

// ── account alerts (0012): maturity warnings and large-amount changes on the workbench ──
export type AccountAlertKind = 'maturity' | 'large_change';
export interface AccountAlertTable {
  id: Generated<number>; kind: AccountAlertKind; account_id: number; customer_id: number; business_date: DateOnly;
  balance: RequiredMoney; window_days: number | null; maturity_on: NullableDate; previous_balance: Money; change_amount: Money;
  assignee_user_id: number | null; assignee_institution_id: number | null; status: Generated<'open' | 'done' | 'withdrawn' | 'expired'>;
  created_at: Timestamp; updated_at: Timestamp; done_at: NullableTimestamp; done_by: number | null;
}

// ── signings and channel limits (0011): the signing registry (ACC-6), customer-level channel limits (ACC-7) ──
export type SigningKind = 'third_party' | 'collection_payment' | 'product_service' | 'transaction_behaviour';
export interface SigningTable {
  id: Generated<number>; signing_no: string; kind: SigningKind; customer_id: number; product_id: string; account_id: number | null;
  counterparty_code: string | null; counterparty_name: string | null; counterparty_account: string | null; payer_no: string | null;
  channel: string; signed_on: DateOnly; status: Generated<'active' | 'terminated'>; terminated_on: NullableDate; termination_reason: string | null;
  institution_id: number; dedupe_key: Generated<string>; created_by: number | null; created_at: Timestamp; terminated_by: number | null; updated_at: Timestamp;
}
export interface ChannelLimitTable {
  id: Generated<number>; customer_id: number; channel: string; per_transaction: Money; daily_amount: Money; daily_count: number | null;
  annual_amount: Money; effective_from: DateOnly; remark: string | null; created_by: number | null; created_at: Timestamp;
}

// ── customer list (0020): each customer's figures as of the latest feed day, saved list filters ──
export interface CustomerPositionTable {
  customer_id: number; as_of: NullableDate; deposit_balance: RequiredMoney; deposit_month_avg: RequiredMoney;
  deposit_quarter_avg: RequiredMoney; deposit_year_avg: RequiredMoney; loan_balance: RequiredMoney; value_tier: number;
}
export interface SavedCustomerFilterTable {
  id: Generated<number>; user_id: number; name: string; filters: ColumnType<unknown, string, string>; created_at: Generated<Date>;
}

// ── approvals (0018): the one approval engine — steps as data, one request per submission, its decisions ──
export type ApprovalStatus = 'pending' | 'approved' | 'returned' | 'withdrawn' | 'rejected';
export type ApprovalDecisionKind = 'submit' | 'approve' | 'return' | 'reject' | 'withdraw';
export interface ApprovalStepTable {
  /** 'own' | 'parent' (the maker's institution or its parent), or a party the workflow type names (0042). */
  workflow_type: string; institution_level: number; step_no: number; role_code: string; acting_institution: string;
  time_limit_days: number; updated_by: number | null; updated_at: Timestamp;
  /** The step is planned only when the request meets this condition of its type (0042). */
  only_when: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface ApprovalRequestTable {
  id: Generated<number>; workflow_type: string; subject_type: string; subject_id: string; subject_label: string;
  payload: Json; basis: NullableJson; maker_id: number; maker_institution_id: number; plan: Json; step_count: number;
  current_step: number; step_role: string | null; acting_institution_id: number | null; due_on: NullableDate;
  round: Generated<number>; status: Generated<ApprovalStatus>; result: NullableJson;
  submitted_at: Timestamp; updated_at: Timestamp; closed_at: NullableTimestamp;
}
export interface ApprovalDecisionTable {
  id: Generated<number>; request_id: number; round: number; step_no: number; actor_id: number; decision: ApprovalDecisionKind;
  reason: string | null; decided_at: Timestamp;
}
export interface ApprovalQueueCountTable { step_role: string; acting_institution_id: number; due_on: DateOnly; n: number }

// ── customer import runs (0028): long imports in the background, with progress and a result to come back to ──
export type ImportRunStatus = 'running' | 'done' | 'rejected' | 'failed';
export type ImportRunPhase = 'reading' | 'checking' | 'writing' | 'finished';
export interface CustomerImportRunTable {
  id: Generated<number>; actor_kind: string; actor_id: number | null; kind: 'personal' | 'corporate'; dry_run: boolean; file_name: string;
  status: Generated<ImportRunStatus>; phase: Generated<ImportRunPhase>; row_count: number | null; rows_checked: Generated<number>;
  rows_written: Generated<number>; result: NullableJson; error: string | null;
  started_at: Generated<Date>; heartbeat_at: Generated<Date>; finished_at: NullableTimestamp;
}

// ── opening position (0030): the period-to-date totals the core reported on the go-live day ──
export interface AccountOpeningPositionTable {
  account_id: number; business_date: DateOnly; month_sum: RequiredMoney; month_days: number; quarter_sum: RequiredMoney; quarter_days: number;
  year_sum: RequiredMoney; year_days: number; feed_run_id: number; loaded_at: Generated<Date>;
}

// ── document transfer and archive (0022) ──
export interface DocumentFlowCounterTable { branch_id: number; year: number; last_seq: number }
export interface DocumentFlowTable {
  id: Generated<number>; flow_no: string; branch_id: number; institution_id: number; account_id: number; customer_id: number;
  account_no: string; account_name: string;
  status: Generated<'draft' | 'submitted' | 'received' | 'in_review' | 'completed' | 'cancelled'>;
  total_pages: Generated<number>; total_copies: Generated<number>;
  created_by: number; created_at: Timestamp; submitted_by: number | null; submitted_at: NullableTimestamp;
  received_by: number | null; received_at: NullableTimestamp; entered_by: number | null; entered_at: NullableTimestamp;
  completed_at: NullableTimestamp; updated_at: Timestamp; version: Generated<number>;
}
export interface DocumentFlowItemTable { flow_id: number; line_no: number; cert_kind: string; cert_no: string | null; pages: number; copies: number }
export interface ArchiveCabinetTable {
  id: Generated<number>; institution_id: number; code: string; name: string; cell_count: number; copies_per_cell: number;
  created_by: number | null; created_at: Timestamp;
}
export interface ArchivePositionTable {
  id: Generated<number>; cabinet_id: number; seq: number; cell_no: number; slot_no: number; position_no: string;
  flow_id: number; customer_id: number; account_id: number; filed_by: number | null; filed_at: Timestamp;
}
export interface ArchiveLoanTable {
  id: Generated<number>; position_id: number; borrower: string; purpose: string; checked_out_on: string; due_on: string;
  checked_out_by: number | null; returned_on: NullableDate; returned_by: number | null; created_at: Timestamp;
}
export interface DB {
  document_flow_counter: DocumentFlowCounterTable; document_flow: DocumentFlowTable; document_flow_item: DocumentFlowItemTable;
  archive_cabinet: ArchiveCabinetTable; archive_position: ArchivePositionTable; archive_loan: ArchiveLoanTable;
}
// ── images and completeness (0023): scans stored or referenced, completeness rules per tier ──
export interface CustomerImageTable {
  id: Generated<number>; image_no: string; customer_id: number; account_id: number | null; cert_type: string | null;
  source: 'stored' | 'external'; storage_key: string | null; content_type: string | null; byte_size: number | null; sha256: string | null;
  original_name: string | null; external_system: string | null; external_id: string | null; external_url: string | null; note: string | null;
  imported_by: number | null; imported_at: Generated<Date>;
}
export type CompletenessTier = 'credit' | 'ordinary' | 'small';
export interface CompletenessRuleTable { tier: CompletenessTier; item: string; required: boolean; updated_by: number | null; updated_at: Timestamp }
// ── notifications (0024): the workbench inbox, the outbox of e-mail/SMS deliveries, preferences ──
export type NotificationChannel = 'email' | 'sms';
export interface NotificationTable {
  id: Generated<number>; user_id: number; kind: string; params: ColumnType<unknown, string | undefined, string>;
  entity_type: string | null; entity_id: string | null; created_at: Generated<Date>; read_at: NullableTimestamp;
  /** A reminder's or alert's own key (to-do dedupe key, alert business date): one notification per kind, item, key and person. */
  dedupe_key: string | null;
}
export interface NotificationDeliveryTable {
  id: Generated<number>; notification_id: number; channel: NotificationChannel; address: string;
  status: Generated<'pending' | 'sent' | 'failed'>; attempts: Generated<number>; next_attempt_at: Generated<Date>;
  claimed_until: NullableTimestamp; last_error: string | null; sent_at: NullableTimestamp; created_at: Generated<Date>;
}
export interface NotificationPreferenceTable {
  user_id: number; kind: string; channel: NotificationChannel; enabled: boolean; updated_at: Generated<Date>;
}
export interface DB { notification: NotificationTable; notification_delivery: NotificationDeliveryTable; notification_preference: NotificationPreferenceTable }
export interface ApprovalDelegationTable {
  id: Generated<number>; delegator_id: number; delegate_id: number; starts_on: DateOnly; ends_on: DateOnly; reason: string | null;
  created_at: Generated<Date>; cancelled_at: NullableTimestamp; cancelled_by: number | null;
}
export interface ApprovalDecisionTable { on_behalf_of: ColumnType<number | null, number | null | undefined, number | null> }
export interface DB { approval_delegation: ApprovalDelegationTable }
// ── scale attribute (0038): the SME classification's thresholds as data; the year-end headcount ──
export type ScaleMetric = 'employees' | 'revenue' | 'totalAssets';
export type ScaleThresholds = Record<'large' | 'medium' | 'small', Partial<Record<ScaleMetric, number>>>;
export interface SmeScaleRuleTable {
  category: string; name_zh: string; name_en: string; sort_order: number; industries: string[];
  thresholds: ColumnType<ScaleThresholds, string, string>; updated_by: number | null; updated_at: Generated<Date>; version: Generated<number>;
}
export interface FinancialStatementTable { employees: ColumnType<number | null, number | null | undefined, number | null> }
export interface DB { sme_scale_rule: SmeScaleRuleTable }
// ── customer links (0039): the relationship network of REL-1/REL-2 ──
export interface RelatedPartyTable {
  id: Generated<number>; party_category: '1' | '2'; name: string; id_type: string; id_number: string; customer_id: number | null;
  created_by: number | null; created_at: Generated<Date>;
}
export interface CustomerLinkTable {
  id: Generated<number>; customer_id: number; seq: number; party_customer_id: number | null; related_party_id: number | null; role: string;
  share_pct: Money; contract_no: string | null; account_no: string | null; amount: Money; starts_on: DateOnly; ends_on: NullableDate;
  remark: string | null; source: Generated<'screen' | 'feed'>; created_by: number | null; created_at: Generated<Date>;
  ended_by: number | null; ended_at: NullableTimestamp; end_reason: string | null;
}
export interface DB { related_party: RelatedPartyTable; customer_link: CustomerLinkTable }
export interface GuaranteeScanTable { scan_date: DateOnly; parties: number; guarantees: number; circles: number; chains: number; ms: number; scanned_at: Generated<Date> }
export interface GuaranteeCircleTable {
  scan_date: DateOnly; circle_no: number; members: string[]; customer_ids: number[]; member_count: number; loan_balance: RequiredMoney;
  guaranteed_amount: RequiredMoney; longest_chain: number; cycles: ColumnType<string[][], string, string>; institution_ids: number[];
}
export interface GuaranteeChainTable { scan_date: DateOnly; chain_no: number; length: number; members: string[]; customer_ids: number[] }
export interface DB { guarantee_scan: GuaranteeScanTable; guarantee_circle: GuaranteeCircleTable; guarantee_chain: GuaranteeChainTable }
// ── relationship level (0033): REL-10/11, current level and its changes ──
export interface CustomerRelationshipLevelTable { customer_id: number; level: number; score: RequiredMoney; since: DateOnly }
export interface CustomerRelationshipLevelHistoryTable { customer_id: number; business_date: DateOnly; level_from: number | null; level_to: number; score: RequiredMoney }
export interface DB { customer_relationship_level: CustomerRelationshipLevelTable; customer_relationship_level_history: CustomerRelationshipLevelHistoryTable }

// ── early warning (0049): WARN-1…4 month baselines, the day's scores, one open alert per customer ──
export type WarningLevel = 'yellow' | 'orange' | 'red';
export type WarningCrisis = 'mild' | 'severe';
export interface WarningCustomerMonthTable {
  month: DateOnly; customer_id: number; through_date: DateOnly; balance: RequiredMoney; month_avg: Money; kinds: number;
  open_accounts: number; txn_count: number; txn_amount: RequiredMoney; last_txn_on: NullableDate;
}
export interface WarningLastTransactionTable { customer_id: number; last_txn_on: DateOnly }
export interface WarningScoreTable {
  business_date: DateOnly; customer_id: number; score: number; level: WarningLevel | null; crisis: WarningCrisis | null; factors: Json;
}
export interface WarningAlertTable {
  id: Generated<number>; customer_id: number; level: WarningLevel; top_level: WarningLevel; score: number; crisis: WarningCrisis | null; factors: Json;
  raised_on: DateOnly; level_since: DateOnly; as_of: DateOnly; assignee_user_id: number | null; assignee_institution_id: number;
  escalated_institution_id: number | null; escalated_on: NullableDate;
  analysis_on: NullableDate; analysis_note: string | null; contact_on: NullableDate; contact_note: string | null;
  measures_on: NullableDate; measures_note: string | null; result: 'retained' | 'lost' | 'false_alarm' | null; result_on: NullableDate;
  result_note: string | null; result_by: number | null; status: Generated<'open' | 'resolved' | 'closed' | 'withdrawn'>;
  closed_at: NullableTimestamp; closed_by: number | null; created_at: Generated<Date>; updated_at: Generated<Date>;
}
export interface WarningAlertEventTable {
  id: Generated<number>; alert_id: number; business_date: DateOnly; kind: string; level: WarningLevel | null; score: number | null;
  by_user: number | null; at: Generated<Date>;
}
export interface DB {
  warning_customer_month: WarningCustomerMonthTable; warning_last_transaction: WarningLastTransactionTable; warning_score: WarningScoreTable; warning_alert: WarningAlertTable; warning_alert_event: WarningAlertEventTable;
}
// ── performance allocation (0050): PERF-1 shares and each manager's daily figures ──
export interface PerformanceAllocationTable {
  id: Generated<number>; customer_id: number; user_id: number; share: RequiredMoney; since: DateOnly; ends_on: NullableDate;
  approval_request_id: number | null; created_at: Generated<Date>;
}
export interface ManagerPerformanceTable {
  business_date: DateOnly; user_id: number; customers: RequiredMoney; deposit_balance: RequiredMoney; deposit_month_avg: RequiredMoney;
  deposit_quarter_avg: RequiredMoney; deposit_year_avg: RequiredMoney; loan_balance: RequiredMoney;
}
export interface DB { performance_allocation: PerformanceAllocationTable; manager_performance: ManagerPerformanceTable }
