-- Balance snapshots partitioned by DAY instead of month (see docs/daily-averages.md, Storage).
-- With a month partition keyed (account_id, business_date), each day's 3,000,000 rows go into every
-- leaf page of an index that has grown by 3,000,000 entries a day since the 1st: the load slows
-- through the month. A day's own partition starts empty, its index is built in account order, and
-- one day's rows are the whole partition — so the extra (business_date, …) index is not needed.
drop index if exists account_balance_day_idx;

create or replace function account_balance_partition(d date) returns text language plpgsql as $$
declare
  part text := 'account_balance_' || to_char(d, 'YYYYMMDD');
begin
  -- A month already partitioned by 0009 keeps its month partition.
  if to_regclass('account_balance_' || to_char(d, 'YYYYMM')) is not null then
    return 'account_balance_' || to_char(d, 'YYYYMM');
  end if;
  if to_regclass(part) is null then
    execute format('create table if not exists %I partition of account_balance for values from (%L) to (%L)', part, d, d + 1);
  end if;
  return part;
end
$$;
