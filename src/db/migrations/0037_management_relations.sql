-- REL-20, REL-21: customer management relations (客户管理关系), effective-dated, kept forever.
-- customer_manager keeps its name and its four columns (every writer and reader knows them); it
-- becomes a history: a relation is in force on day D when since <= D and (ends_on is null or
-- ends_on > D). Ending a relation sets ends_on and says who and why; nothing is ever deleted.
create extension if not exists btree_gist;

-- Who opened a batch of assignments (客户分配), with what: the relations it wrote name it.
create table customer_assignment (
  id             bigint generated always as identity primary key,
  assigned_by    integer references app_user(id),
  manager_id     integer not null references app_user(id),
  role           varchar(10) not null check (role in ('primary', 'assisting', 'assistant')),
  effective_on   date not null,
  selection      jsonb not null,
  customer_count integer not null,
  reason         varchar(200),
  created_at     timestamptz not null default now()
);

alter table customer_manager drop constraint customer_manager_pkey;
drop index customer_manager_primary_key;
alter table customer_manager
  add column id            bigint generated always as identity primary key,
  -- the first day the relation is no longer in force (exclusive); null while open-ended
  add column ends_on       date,
  add column assigned_by   integer references app_user(id),
  add column assigned_at   timestamptz not null default now(),
  add column assignment_id bigint references customer_assignment(id),
  add column ended_by      integer references app_user(id),
  add column ended_at      timestamptz,
  add column end_reason    varchar(200),
  -- ends_on = since: withdrawn before it took effect (an empty period, overlapping nothing)
  add constraint customer_manager_period check (ends_on is null or ends_on >= since),
  add constraint customer_manager_ended check ((ends_on is null) = (ended_at is null)),
  -- One primary manager per customer on any day ("one customer, one responsible person"):
  -- two periods of primary relations of one customer never overlap, whoever writes them.
  add constraint customer_manager_one_primary exclude using gist
    (customer_id with =, daterange(since, ends_on) with &&) where (role = 'primary'),
  -- One person holds one role on a customer at a time (promoted = one ended, the next begun).
  add constraint customer_manager_one_role exclude using gist
    (customer_id with =, user_id with =, daterange(since, ends_on) with &&);

-- "My customers": a manager's relations by person, the customer id in the index so the semi-join
-- of the data scope reads the index alone.
drop index customer_manager_user_idx;
create index customer_manager_user_idx on customer_manager (user_id, customer_id, since, ends_on);
create index customer_manager_customer_idx on customer_manager (customer_id, role, since, ends_on);

-- History forever: a relation is ended, never removed or rewritten. Only the end (ends_on and
-- who/why) may be set, and only once; a relation withdrawn before it began is ended on its start.
create function customer_manager_keep_history() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'customer_manager rows are history: end the relation instead of deleting it' using errcode = '55000';
  end if;
  if new.customer_id <> old.customer_id or new.user_id <> old.user_id or new.role <> old.role
     or new.since <> old.since or old.ends_on is not null then
    raise exception 'customer_manager rows are history: only an open relation''s end may be set' using errcode = '55000';
  end if;
  return new;
end $$;
create trigger customer_manager_keep_history before update or delete on customer_manager
  for each row execute function customer_manager_keep_history();

-- Temporary staff (临时人员, REL-21): one system user per outlet who holds the counter-grown
-- customers nobody was assigned yet, so their performance is never lost. Cannot sign in.
alter table app_user add column kind varchar(16) not null default 'person'
  check (kind in ('person', 'temporary_staff'));
create unique index app_user_temporary_staff_key on app_user (home_institution_id) where kind = 'temporary_staff';
