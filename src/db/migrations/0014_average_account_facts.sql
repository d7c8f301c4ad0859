-- The account facts the institution figures group and cap by (institution, kind, currency, opening
-- and closing dates) carried on each running-totals row, so the day's institution sums are one scan
-- of account_average instead of a join of 3,000,000 rows to account (measured: about 10 s of a
-- 60 s day). The daily load writes them from the day's staged accounts; the trigger below keeps
-- them right when an account changes on a day it has no balance (a closed account moved to another
-- branch, an outlet merged away).
alter table account_average
  add column institution_id integer,
  add column kind           varchar(15),
  add column currency       varchar(3),
  add column opened_on      date,
  add column closed_on      date;

update account_average r set institution_id = a.institution_id, kind = a.kind, currency = a.currency,
  opened_on = a.opened_on, closed_on = a.closed_on
from account a where a.id = r.account_id;

alter table account_average
  alter column institution_id set not null,
  alter column kind set not null,
  alter column currency set not null,
  alter column opened_on set not null;

create function account_average_follow_account() returns trigger language plpgsql as $$
begin
  update account_average set institution_id = new.institution_id, kind = new.kind, currency = new.currency,
    opened_on = new.opened_on, closed_on = new.closed_on
  where account_id = new.id;
  return null;
end
$$;

create trigger account_average_follow_account after update on account for each row
  when (old.institution_id is distinct from new.institution_id or old.kind is distinct from new.kind
     or old.currency is distinct from new.currency or old.opened_on is distinct from new.opened_on
     or old.closed_on is distinct from new.closed_on)
  execute function account_average_follow_account();

-- A new day's balance snapshots: the day's partition is built as a plain table, filled, indexed
-- once and only then attached (measured at 3,000,000 rows: about half the time of inserting into an
-- attached, indexed partition). The CHECK matches the partition bounds, so ATTACH need not scan.
-- Returns the table to fill, or null when the day already has a partition (a reload, or a month
-- partition of 0009): the caller then upserts into it.
create function account_balance_new_day(d date) returns text language plpgsql as $$
declare
  part text := 'account_balance_' || to_char(d, 'YYYYMMDD');
begin
  if to_regclass('account_balance_' || to_char(d, 'YYYYMM')) is not null or to_regclass(part) is not null then
    return null;
  end if;
  execute format('create table %I (like account_balance including defaults including constraints, check (business_date >= %L and business_date < %L))',
    part, d, d + 1);
  return part;
end
$$;

create function account_balance_attach_day(d date) returns void language plpgsql as $$
declare
  part text := 'account_balance_' || to_char(d, 'YYYYMMDD');
begin
  execute format('alter table %I add primary key (account_id, business_date)', part);
  execute format('alter table account_balance attach partition %I for values from (%L) to (%L)', part, d, d + 1);
end
$$;
