-- The opening position (期初积数, issue 12 item 3): each account's month-, quarter- and
-- year-to-date accumulated balance and days as the core system reported them on the day the bank
-- went live (the feed's `opening` file, docs/feed-format.md). The running totals take them over;
-- this table keeps what was loaded, and tells the screens which accounts' periods that started
-- before the CRM's first data are nevertheless complete.
create table account_opening_position (
  account_id     bigint primary key references account(id),
  business_date  date not null,
  month_sum      numeric(24,2) not null,
  month_days     integer not null,
  quarter_sum    numeric(24,2) not null,
  quarter_days   integer not null,
  year_sum       numeric(24,2) not null,
  year_days      integer not null,
  feed_run_id    bigint not null references feed_run(id),
  loaded_at      timestamptz not null default now()
);
