-- ACC-1 product catalogue and ACC-2 accounts and loan contracts. Products are the bank's own
-- catalogue, kept by head office; accounts are core-banking data (the daily feed will write
-- them through upsertAccounts) and are read, never edited, in the CRM.
-- Amounts are yuan to the fen (numeric(18,2)); rates are annual percentages to 4 decimals.

create table product (
  -- The core system's 10-digit product code, used as the key so feed rows join without a lookup.
  id          varchar(10) primary key check (id ~ '^[0-9]{10}$'),
  name_zh     varchar(100) not null,
  name_en     varchar(200) not null,
  category    varchar(20) not null check (category in ('deposit', 'loan', 'wealth', 'card', 'e_banking', 'settlement', 'intermediary')),
  -- demand / time / call deposit, working-capital / mortgage loan, debit / credit card …
  sub_type    varchar(40),
  currency    varchar(3) not null,
  status      varchar(10) not null default 'active' check (status in ('active', 'retired')),
  created_by  integer references app_user(id),
  created_at  timestamptz not null default now(),
  updated_by  integer references app_user(id),
  updated_at  timestamptz not null default now(),
  version     integer not null default 1
);
create index product_category_idx on product (category, status);

-- Interest-rate settings as history: a change is a new row from its effective date, never an
-- overwrite, so the rate a contract was priced at can always be read back.
create table product_rate (
  id              bigint generated always as identity primary key,
  product_id      varchar(10) not null references product(id),
  rate_type       varchar(10) not null check (rate_type in ('fixed', 'floating')),
  base_rate       numeric(9,4) not null check (base_rate >= 0 and base_rate <= 100),
  -- Floating products: the lowest and highest executed annual rate allowed; fixed ones have none.
  float_min       numeric(9,4),
  float_max       numeric(9,4),
  effective_from  date not null,
  created_by      integer references app_user(id),
  created_at      timestamptz not null default now(),
  unique (product_id, effective_from),
  constraint product_rate_range_check check (
    (rate_type = 'fixed' and float_min is null and float_max is null)
    or (rate_type = 'floating' and float_min is not null and float_max is not null and float_min <= base_rate and base_rate <= float_max))
);

create table account (
  id               bigint generated always as identity primary key,
  account_no       varchar(32) not null unique,
  customer_id      bigint not null references customer(id),
  product_id       varchar(10) not null references product(id),
  kind             varchar(15) not null check (kind in ('deposit_demand', 'deposit_time', 'loan', 'wealth', 'card')),
  currency         varchar(3) not null,
  institution_id   integer not null references institution(id),
  opened_on        date not null,
  closed_on        date,
  status           varchar(10) not null default 'active' check (status in ('active', 'dormant', 'closed', 'frozen')),
  balance          numeric(18,2) not null default 0,
  rate             numeric(9,4),
  maturity_on      date,
  term_months      smallint check (term_months between 1 and 600),
  -- Loans only: the contract the account draws on.
  contract_no      varchar(40),
  contract_amount  numeric(18,2) check (contract_amount >= 0),
  guarantee_type   varchar(10) check (guarantee_type in ('credit', 'guarantee', 'mortgage', 'pledge')),
  origin           varchar(4) not null default 'core' check (origin in ('core', 'crm')),
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  constraint account_closed_check check ((status = 'closed') = (closed_on is not null) and (closed_on is null or closed_on >= opened_on)),
  constraint account_loan_check check (kind = 'loan' or (contract_no is null and contract_amount is null and guarantee_type is null))
);
create index account_customer_idx on account (customer_id);
create index account_contract_idx on account (contract_no) where contract_no is not null;
