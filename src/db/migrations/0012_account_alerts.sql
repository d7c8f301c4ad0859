-- ACC-4 maturity warnings (到期预警) and large-amount change alerts (大额变动) on the responsible
-- person's workbench. Raised set-based by the daily feed after each day's balances (see
-- docs/account-alerts.md); never edited except to be marked done or withdrawn.
create table account_alert (
  id                       bigint generated always as identity primary key,
  kind                     varchar(12) not null check (kind in ('maturity', 'large_change')),
  account_id               bigint not null references account(id),
  -- The holder when raised (customer-keyed like every customer-owned table); screens read the
  -- account's current holder, so a merge that moves the account moves its alerts too.
  customer_id              bigint not null references customer(id),
  -- The business date whose load raised (or last refreshed) the alert.
  business_date            date not null,
  -- End-of-day balance on business_date, yuan to the fen in the account's currency.
  balance                  numeric(18,2) not null,
  -- maturity: the warning window (days ahead) and the maturity date it warns of.
  window_days              smallint check (window_days between 1 and 366),
  maturity_on              date,
  -- large_change: the previous loaded day's balance (0 for an account opened since) and
  -- balance − previous; two 16-digit balances differ by up to 17 digits.
  previous_balance         numeric(18,2),
  change_amount            numeric(19,2),
  -- The customer's primary manager, or the customer's institution when it has none; re-pointed
  -- by each day's run while the alert is open, so a transferred customer's alerts follow it.
  assignee_user_id         integer references app_user(id),
  assignee_institution_id  integer references institution(id),
  -- withdrawn: the reason went away (a reload shrank the change, the deposit was renewed or the
  -- account closed, a narrower window superseded it); expired: a maturity warning nobody marked
  -- done before the maturity date passed. Both kept, neither shown on the workbench.
  status                   varchar(10) not null default 'open' check (status in ('open', 'done', 'withdrawn', 'expired')),
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null default now(),
  done_at                  timestamptz,
  done_by                  integer references app_user(id),
  constraint account_alert_shape_check check (
    (kind = 'maturity' and window_days is not null and maturity_on is not null and previous_balance is null and change_amount is null)
    or (kind = 'large_change' and window_days is null and maturity_on is null and previous_balance is not null and change_amount is not null)),
  constraint account_alert_assignee_check check ((assignee_user_id is null) <> (assignee_institution_id is null))
);

-- The dedupe keys: one maturity warning per (account, window, maturity date) — a renewed deposit's
-- new date is a new warning — and one large-change alert per account and business date.
create unique index account_alert_maturity_key on account_alert (account_id, window_days, maturity_on) where kind = 'maturity';
create unique index account_alert_change_key on account_alert (account_id, business_date) where kind = 'large_change';
-- The workbench: my alerts, and those of the institutions in my charge.
create index account_alert_user_idx on account_alert (assignee_user_id, kind, status) where assignee_user_id is not null;
create index account_alert_institution_idx on account_alert (assignee_institution_id, kind, status) where assignee_institution_id is not null;
-- The daily run re-checks the open alerts against their accounts and responsible persons, and a
-- reload withdraws the day's open large-change alerts that no longer qualify.
create index account_alert_open_idx on account_alert (account_id) where status = 'open';
create index account_alert_open_change_idx on account_alert (business_date) where kind = 'large_change' and status = 'open';

-- Accounts approaching maturity: a range scan over the few that can warn, not 3,000,000 rows.
create index account_maturity_idx on account (maturity_on) where status = 'active' and kind in ('deposit_time', 'loan') and maturity_on is not null;

-- One business day of account_balance in account order. The primary key leads with account_id,
-- so without this a query of one day (business_date = D) reads the whole month's partition —
-- up to 31 days × 3,000,000 rows by month end. With balance included, comparing two days is two
-- index range scans merged on account_id. Created on every monthly partition, present and future.
create index account_balance_day_idx on account_balance (business_date, account_id) include (balance);
