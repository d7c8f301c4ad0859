-- WARN-1…4 relationship crisis early warning (客户关系危机预警), docs/early-warning.md.

-- Each customer's figures at the end of a month: the baseline a day's indicators compare with
-- (balance 1/3/6 months ago, product kinds held 3 months ago, transactions of past months). Written
-- on the month's last working day (and refreshed by any later day loaded in the same month), so
-- the daily run writes a million rows once a month, not every day. No foreign key: a bulk table
-- keyed like account_transaction, read only through customer ids.
create table warning_customer_month (
  month          date not null check (extract(day from month) = 1),
  customer_id    bigint not null,
  through_date   date not null,
  -- CNY deposits (demand and time) at the end of through_date, accounts open that day.
  balance        numeric(18,2) not null,
  -- The month's deposit daily average (customer_position), null when the run had none.
  month_avg      numeric(18,2),
  -- Distinct account kinds (demand, time, loan, wealth, card) open, and active signing kinds.
  kinds          smallint not null,
  open_accounts  integer not null,
  txn_count      integer not null,
  txn_amount     numeric(20,2) not null,
  last_txn_on    date,
  primary key (month, customer_id)
);

-- Each customer's last business date with a transaction, advanced by each day's run from the
-- month's transactions (a customer silent for months has no row in recent partitions to read).
create table warning_last_transaction (
  customer_id  bigint primary key,
  last_txn_on  date not null
);

-- The scorecard's result per business date for the customers that reached a level or have an
-- open alert (not the whole book): the chart of the alert detail and the backtest read it.
create table warning_score (
  business_date  date not null,
  customer_id    bigint not null,
  score          integer not null,
  level          varchar(6) check (level in ('yellow', 'orange', 'red')),
  crisis         varchar(6) check (crisis in ('mild', 'severe')),
  -- [{ code, value, points }] of the indicators that scored (the factor analysis of WARN-4).
  factors        jsonb not null,
  primary key (customer_id, business_date)
);

create table warning_alert (
  id                         bigint generated always as identity primary key,
  customer_id                bigint not null references customer(id),
  level                      varchar(6) not null check (level in ('yellow', 'orange', 'red')),
  -- The highest level this alert reached (its notifications and the backtest's hit).
  top_level                  varchar(6) not null check (top_level in ('yellow', 'orange', 'red')),
  score                      integer not null,
  crisis                     varchar(6) check (crisis in ('mild', 'severe')),
  factors                    jsonb not null,
  raised_on                  date not null,
  -- The business date the current level began (escalation counts working days from it).
  level_since                date not null,
  as_of                      date not null,
  -- The customer's primary manager in force (null when none), re-pointed each day while the alert
  -- is open; and always the customer's own institution (kept so by the trigger below), so the list
  -- of a head with institution-wide scope is read from the alerts' side by index.
  assignee_user_id           integer references app_user(id),
  assignee_institution_id    integer not null references institution(id),
  -- A red alert nobody contacted within the working days set reaches the institution above.
  escalated_institution_id   integer references institution(id),
  escalated_on               date,
  -- Disposal (WARN-3): analysis → contact → measures → result, each with its date and note.
  analysis_on                date,
  analysis_note              varchar(500),
  contact_on                 date,
  contact_note               varchar(500),
  measures_on                date,
  measures_note              varchar(500),
  result                     varchar(12) check (result in ('retained', 'lost', 'false_alarm')),
  result_on                  date,
  result_note                varchar(500),
  result_by                  integer references app_user(id),
  -- open: being handled; resolved: result recorded, waiting for the head; closed: the head
  -- confirmed; withdrawn: the score fell below yellow before anyone started, or the customer was merged.
  status                     varchar(10) not null default 'open' check (status in ('open', 'resolved', 'closed', 'withdrawn')),
  closed_at                  timestamptz,
  closed_by                  integer references app_user(id),
  created_at                 timestamptz not null default now(),
  updated_at                 timestamptz not null default now(),
  constraint warning_alert_result_shape check ((result is null) = (result_on is null) and (status not in ('resolved', 'closed') or result is not null))
);
-- One open alert per customer, whatever the re-scoring does.
create unique index warning_alert_one_open on warning_alert (customer_id) where status in ('open', 'resolved');
create index warning_alert_list_idx on warning_alert (status, level, as_of desc, id desc);
create index warning_alert_assignee_idx on warning_alert (assignee_user_id) where status in ('open', 'resolved');
create index warning_alert_institution_idx on warning_alert (assignee_institution_id, status);

-- A customer moved to another institution (a transfer, an outlet merged) takes his alerts along at
-- once, not at the next feed day: the list's scope predicate on the alert's institution is then
-- exactly the customer's.
create function warning_alert_follow_customer() returns trigger language plpgsql as $$
begin
  update warning_alert set assignee_institution_id = new.institution_id where customer_id = new.id and assignee_institution_id <> new.institution_id;
  return null;
end $$;
create trigger warning_alert_follow_customer after update of institution_id on customer
  for each row when (old.institution_id is distinct from new.institution_id) execute function warning_alert_follow_customer();

-- What happened to an alert, in order: raised, upgraded, downgraded, escalated, each disposal
-- step, resolved, closed, withdrawn.
create table warning_alert_event (
  id             bigint generated always as identity primary key,
  alert_id       bigint not null references warning_alert(id),
  business_date  date not null,
  kind           varchar(12) not null check (kind in ('raised', 'upgraded', 'downgraded', 'escalated', 'analysis', 'contact', 'measures', 'resolved', 'closed', 'withdrawn')),
  level          varchar(6),
  score          integer,
  by_user        integer references app_user(id),
  at             timestamptz not null default now()
);
create index warning_alert_event_alert_idx on warning_alert_event (alert_id, id);
create index warning_alert_event_day_idx on warning_alert_event (business_date, kind);
