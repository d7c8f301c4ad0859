-- PERF-1 performance allocation (业绩分配, issue 14 item 5): a customer's deposits, loans and their
-- daily averages split among managers by percentage (summing to 100), effective from a date,
-- history kept. A customer without an allocation in force counts whole for his primary manager.
-- Changed only through the approval type 'performance.allocation'.
create extension if not exists btree_gist;

create table performance_allocation (
  id                   bigint generated always as identity primary key,
  customer_id          bigint not null references customer(id),
  user_id              integer not null references app_user(id),
  share                numeric(5, 2) not null check (share > 0 and share <= 100),
  since                date not null,
  -- the first day no longer in force (exclusive); null while open
  ends_on              date,
  approval_request_id  bigint references approval_request(id),
  created_at           timestamptz not null default now(),
  constraint performance_allocation_period check (ends_on is null or ends_on >= since),
  -- one share per person per customer on any day
  constraint performance_allocation_one_share exclude using gist
    (customer_id with =, user_id with =, daterange(since, ends_on) with &&)
);
create index performance_allocation_customer_idx on performance_allocation (customer_id, since, ends_on);
create index performance_allocation_user_idx on performance_allocation (user_id, customer_id);

-- Each business day after the feed: every manager's allocated figures (Σ customer figure × share),
-- one row per person and day; an institution's are the sum over the persons homed in its subtree.
create table manager_performance (
  business_date        date not null,
  user_id              integer not null references app_user(id),
  customers            numeric(12, 2) not null,
  deposit_balance      numeric(18, 2) not null,
  deposit_month_avg    numeric(18, 2) not null,
  deposit_quarter_avg  numeric(18, 2) not null,
  deposit_year_avg     numeric(18, 2) not null,
  loan_balance         numeric(18, 2) not null,
  primary key (business_date, user_id)
);
create index manager_performance_user_idx on manager_performance (user_id, business_date);

-- 业绩分配岗 applies; the head of the customer's institution approves; when the managers sharing
-- the customer are homed in different institutions (a cross-department split) the branch
-- administrator confirms as well.
insert into approval_step (workflow_type, institution_level, step_no, role_code, acting_institution, time_limit_days, only_when) values
  ('performance.allocation', 0, 1, 'institution_head', 'customer', 3, null),
  ('performance.allocation', 0, 2, 'branch_admin', 'customer', 3, 'cross_institution');
