-- ACC-3 daily balance snapshots and running daily averages (日均). See docs/daily-averages.md.
--
-- account_balance holds one end-of-day balance per account and business date, partitioned by
-- month so a month's data can be detached or archived whole and a day's load touches one
-- partition. No foreign key to account: rows are only written by applyBusinessDay, which joins
-- the account table, and a per-row FK check would slow the 3,000,000-row daily load.
create table account_balance (
  business_date  date not null,
  account_id     bigint not null,
  customer_id    bigint not null,
  balance        numeric(18,2) not null,
  primary key (account_id, business_date)
) partition by range (business_date);

-- Creates (if missing) the partition holding day d and returns its name. Called by the loader
-- before each day, so no one has to pre-create partitions at month end.
create function account_balance_partition(d date) returns text language plpgsql as $$
declare
  month_start date := date_trunc('month', d)::date;
  part text := 'account_balance_' || to_char(month_start, 'YYYYMM');
begin
  if to_regclass(part) is null then
    execute format('create table if not exists %I partition of account_balance for values from (%L) to (%L)',
      part, month_start, (month_start + interval '1 month')::date);
  end if;
  return part;
end
$$;

-- Running totals per account and period: the average to date is balance_sum / days. last_balance
-- is the balance of through_date, carried forward over days with no snapshot.
create table account_average (
  account_id    bigint not null references account(id),
  period_kind   varchar(7) not null check (period_kind in ('month', 'quarter', 'year')),
  period_start  date not null,
  through_date  date not null,
  balance_sum   numeric(24,2) not null,
  days          integer not null check (days >= 0),
  last_balance  numeric(18,2) not null,
  primary key (account_id, period_kind, period_start),
  check (through_date >= period_start)
);
