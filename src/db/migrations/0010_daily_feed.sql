-- ACC-5 daily feed: run history, transactions, and the running daily averages reshaped for a
-- 3,000,000-account day (see docs/daily-averages.md and docs/feed-format.md).

-- Every load attempt, loaded or not. Written outside the load's transaction so a rejected or
-- failed day still leaves its record.
create table feed_run (
  id              bigint generated always as identity primary key,
  business_date   date not null,
  source_dir      varchar(500) not null,
  trigger         varchar(10) not null check (trigger in ('cli', 'inbox', 'screen')),
  started_by      integer references app_user(id),
  started_at      timestamptz not null default now(),
  finished_at     timestamptz,
  status          varchar(10) not null default 'running' check (status in ('running', 'loaded', 'rejected', 'failed')),
  -- [{ file, kind, layout, encoding, records }]
  files           jsonb not null default '[]',
  -- What the day changed: customers opened/updated, accounts opened/updated, balances, transactions.
  counts          jsonb not null default '{}',
  timings         jsonb not null default '{}',
  rejected_total  integer not null default 0,
  -- The first 1,000 rejected rows: [{ file, line, field, code, value }]; the rest are counted.
  rejected        jsonb not null default '[]',
  error           text
);
create index feed_run_date_idx on feed_run (business_date desc, id desc);

-- The day's transactions, partitioned by month like the balances. Reloading a day deletes the
-- day's rows and inserts the file again.
create table account_transaction (
  business_date         date not null,
  txn_no                varchar(32) not null,
  account_id            bigint not null,
  customer_id           bigint not null,
  txn_time              time,
  direction             char(1) not null check (direction in ('D', 'C')),
  amount                numeric(18,2) not null check (amount >= 0),
  balance_after         numeric(18,2),
  channel               varchar(2) not null,
  counterparty_account  varchar(32),
  counterparty_name     varchar(120),
  summary               varchar(60),
  primary key (business_date, txn_no)
) partition by range (business_date);
create index account_transaction_account_idx on account_transaction (account_id, business_date);

create function account_transaction_partition(d date) returns text language plpgsql as $$
declare
  month_start date := date_trunc('month', d)::date;
  part text := 'account_transaction_' || to_char(month_start, 'YYYYMM');
begin
  if to_regclass(part) is null then
    execute format('create table if not exists %I partition of account_transaction for values from (%L) to (%L)',
      part, month_start, (month_start + interval '1 month')::date);
  end if;
  return part;
end
$$;

-- Running totals: one row per account carrying month, quarter and year to date together, so a
-- day is one pass over the accounts rather than three upserts (measured: an upsert of 3,000,000
-- rows per period kind took minutes; one rebuild of this table takes seconds). Every row is
-- complete through `through_date`, the last business date loaded.
drop table account_average;
create table account_average (
  account_id     bigint primary key,
  through_date   date not null,
  last_balance   numeric(18,2) not null,
  month_start    date not null,
  month_sum      numeric(24,2) not null,
  month_days     integer not null,
  quarter_start  date not null,
  quarter_sum    numeric(24,2) not null,
  quarter_days   integer not null,
  year_start     date not null,
  year_sum       numeric(24,2) not null,
  year_days      integer not null
);

-- Finished periods (last month's, last quarter's, last year's average), kept for reports.
create table account_average_period (
  account_id    bigint not null,
  period_kind   varchar(7) not null check (period_kind in ('month', 'quarter', 'year')),
  period_start  date not null,
  period_end    date not null,
  balance_sum   numeric(24,2) not null,
  days          integer not null,
  primary key (account_id, period_kind, period_start)
);

-- ACC-3 per institution: for each business date, the sums over the institution's accounts by
-- category and currency. The institution's average = sum ÷ calendar days of the period to date
-- (an account not yet open counts 0 on those days, as a branch's 日均 does).
create table institution_average (
  business_date   date not null,
  institution_id  integer not null references institution(id),
  category        varchar(10) not null check (category in ('deposit', 'loan', 'wealth', 'card')),
  currency        varchar(3) not null,
  accounts        integer not null,
  balance         numeric(24,2) not null,
  month_sum       numeric(28,2) not null,
  quarter_sum     numeric(28,2) not null,
  year_sum        numeric(28,2) not null,
  primary key (business_date, institution_id, category, currency)
);
