-- CIF-28 (000 §三(七)): what the bank keeps on a corporate credit customer beyond its master
-- data — financial statements, non-financial information, outside investments and accounts at
-- other banks. Amounts are yuan, exact to the fen (numeric(18,2)), never floating point.
--
-- Statements, investments and other-bank accounts are removed logically (deleted_at): a credit
-- file must still show what the bank knew when it granted a line. The unique keys and lists only
-- consider rows that are not deleted.

-- 财务信息: key items of the balance sheet and income statement for one reporting period.
create table financial_statement (
  id                    bigint generated always as identity primary key,
  customer_id           bigint not null references customer(id),
  fiscal_year           smallint not null check (fiscal_year between 1900 and 2999),
  period_type           varchar(10) not null check (period_type in ('annual', 'semiannual', 'quarterly', 'monthly')),
  -- 1 for a year; half 1–2, quarter 1–4, month 1–12.
  period                smallint not null,
  audited               boolean not null default false,
  auditor               varchar(100),
  currency              varchar(3) not null default 'CNY',
  total_assets          numeric(18,2) not null check (total_assets >= 0),
  current_assets        numeric(18,2) check (current_assets >= 0),
  total_liabilities     numeric(18,2) not null check (total_liabilities >= 0),
  current_liabilities   numeric(18,2) check (current_liabilities >= 0),
  owners_equity         numeric(18,2) not null,
  operating_revenue     numeric(18,2) not null check (operating_revenue >= 0),
  operating_cost        numeric(18,2) check (operating_cost >= 0),
  total_profit          numeric(18,2),
  net_profit            numeric(18,2) not null,
  operating_cash_flow   numeric(18,2),
  remark                varchar(200),
  created_by            integer references app_user(id),
  created_at            timestamptz not null default now(),
  updated_by            integer references app_user(id),
  updated_at            timestamptz not null default now(),
  deleted_by            integer references app_user(id),
  deleted_at            timestamptz,
  version               integer not null default 1,
  constraint financial_statement_period_check check (
    (period_type = 'annual' and period = 1) or (period_type = 'semiannual' and period between 1 and 2)
    or (period_type = 'quarterly' and period between 1 and 4) or (period_type = 'monthly' and period between 1 and 12)),
  -- An audited statement names the firm that audited it; an unaudited one cannot.
  constraint financial_statement_auditor_check check ((audited and auditor is not null) or (not audited and auditor is null)),
  constraint financial_statement_current_assets_total_check check (current_assets is null or current_assets <= total_assets),
  constraint financial_statement_current_liabilities_total_check check (current_liabilities is null or current_liabilities <= total_liabilities)
);
create unique index financial_statement_period_key on financial_statement (customer_id, fiscal_year, period_type, period) where deleted_at is null;

-- 非财务信息: one current record per customer; its earlier values live in customer_history.
create table customer_non_financial (
  customer_id          bigint primary key references customer(id),
  management_quality   varchar(1000),
  ownership_structure  varchar(1000),
  main_products        varchar(1000),
  related_parties      varchar(1000),
  adverse_records      varchar(1000),
  updated_by           integer references app_user(id),
  updated_at           timestamptz not null default now(),
  version              integer not null default 1
);

-- 对外投资: the companies the customer has invested in.
create table customer_investment (
  id                    bigint generated always as identity primary key,
  customer_id           bigint not null references customer(id),
  investee_name         varchar(100) not null,
  investee_credit_code  varchar(18),
  amount                numeric(18,2) not null check (amount >= 0),
  share_pct             numeric(5,2) not null check (share_pct between 0 and 100),
  invested_on           date,
  remark                varchar(200),
  created_by            integer references app_user(id),
  created_at            timestamptz not null default now(),
  updated_by            integer references app_user(id),
  updated_at            timestamptz not null default now(),
  deleted_by            integer references app_user(id),
  deleted_at            timestamptz,
  version               integer not null default 1
);
create index customer_investment_customer_idx on customer_investment (customer_id) where deleted_at is null;

-- 他行往来: the customer's accounts, lines and loans at other banks. The account number is
-- personal data of the account holder: screens show it masked, a reveal is audited.
create table correspondent_bank_account (
  id                 bigint generated always as identity primary key,
  customer_id        bigint not null references customer(id),
  bank_name          varchar(100) not null,
  account_no         varchar(40) not null,
  -- 人民币银行结算账户管理办法: basic, general, special-purpose and temporary deposit accounts.
  account_type       varchar(10) not null check (account_type in ('basic', 'general', 'special', 'temporary', 'other')),
  opened_on          date,
  credit_line        numeric(18,2) check (credit_line >= 0),
  outstanding_loans  numeric(18,2) check (outstanding_loans >= 0),
  remark             varchar(200),
  created_by         integer references app_user(id),
  created_at         timestamptz not null default now(),
  updated_by         integer references app_user(id),
  updated_at         timestamptz not null default now(),
  deleted_by         integer references app_user(id),
  deleted_at         timestamptz,
  version            integer not null default 1
);
create index correspondent_bank_account_customer_idx on correspondent_bank_account (customer_id) where deleted_at is null;
