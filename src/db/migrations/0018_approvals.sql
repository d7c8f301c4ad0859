-- The one approval engine (issue 13, CIF-40, USR-11). A workflow *type* is code (its payload
-- schema, its check and its apply); its *steps* are the data below, which a head-office
-- administrator may adjust per institution level. Every submission is one approval_request row;
-- every act on it (submit, approve, return, reject, withdraw) one approval_decision row.

-- Who acts at each step of a type. institution_level 0 holds the steps of every level that has
-- none of its own; a level's own rows replace them. role_code names a role (not a foreign key:
-- built-in roles are seeded after migrations, and a bank may point a step at a custom role; the
-- service checks the code when an administrator edits). acting_institution: 'own' = the maker's
-- institution (or any institution above it holding the role in its scope), 'parent' = its parent.
create table approval_step (
  workflow_type       varchar(60) not null,
  institution_level   smallint not null check (institution_level between 0 and 9),
  step_no             smallint not null check (step_no between 1 and 9),
  role_code           varchar(40) not null,
  acting_institution  varchar(6) not null check (acting_institution in ('own', 'parent')),
  time_limit_days     smallint not null check (time_limit_days between 1 and 60),
  updated_by          integer references app_user(id),
  updated_at          timestamptz not null default now(),
  primary key (workflow_type, institution_level, step_no)
);

create table approval_request (
  id                     bigint generated always as identity primary key,
  workflow_type          varchar(60) not null,
  -- What the request is about, for the inbox and the subject's own screen (e.g. 'customer', 42).
  subject_type           varchar(40) not null,
  subject_id             varchar(40) not null,
  subject_label          varchar(200) not null,
  payload                jsonb not null,
  -- What the payload was based on when submitted (a version, field values): compared at apply.
  basis                  jsonb,
  maker_id               integer not null references app_user(id),
  maker_institution_id   integer not null references institution(id),
  -- The steps as they were at (re)submission: a later change of the settings does not move a
  -- request already under way. [{ roleCode, actingInstitution, timeLimitDays }]
  plan                   jsonb not null,
  step_count             smallint not null check (step_count between 1 and 9),
  current_step           smallint not null,
  -- The current step, denormalised from plan so the inbox is one indexed query.
  step_role           varchar(40),
  acting_institution_id  integer references institution(id),
  due_on                 date,
  -- A returned request resubmitted starts a new round; "the same person at two steps" is per round.
  round                  smallint not null default 1,
  status                 varchar(10) not null default 'pending'
                           check (status in ('pending', 'approved', 'returned', 'withdrawn', 'rejected')),
  result                 jsonb,
  submitted_at           timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  closed_at              timestamptz,
  check (current_step between 1 and step_count),
  check (status <> 'pending' or (step_role is not null and acting_institution_id is not null and due_on is not null))
);
-- The inbox: pending steps by role, in due order; the columns its other predicates read are
-- included so the first page is an index-only scan that stops after one page.
create index approval_request_inbox_idx on approval_request (step_role, due_on, id)
  include (acting_institution_id, maker_id, round) where status = 'pending';
create index approval_request_maker_idx on approval_request (maker_id, status);
-- At most one open request per subject and type: a second delete request for the same customer
-- while the first is under review is refused.
create unique index approval_request_open_subject_idx on approval_request (workflow_type, subject_type, subject_id)
  where status in ('pending', 'returned');

create table approval_decision (
  id          bigint generated always as identity primary key,
  request_id  bigint not null references approval_request(id),
  round       smallint not null,
  step_no     smallint not null,
  actor_id    integer not null references app_user(id),
  decision    varchar(10) not null check (decision in ('submit', 'approve', 'return', 'reject', 'withdraw')),
  reason      varchar(500),
  decided_at  timestamptz not null default now()
);
create index approval_decision_request_idx on approval_decision (request_id, round);
-- "Not a step I already approved": looked up by the person.
create index approval_decision_actor_idx on approval_decision (actor_id, request_id) where decision = 'approve';

-- The badge count without counting 100,000 rows: open steps per role, acting institution and due
-- date, kept by the trigger below in the transaction that moves a request. A reviewer's count is
-- the sum over his roles and the institutions in his charge (overdue: due before today), less his
-- own requests and the steps he already approved (inbox.service.ts).
create table approval_queue_count (
  step_role              varchar(40) not null,
  acting_institution_id  integer not null,
  due_on                 date not null,
  n                      integer not null check (n >= 0),
  primary key (step_role, acting_institution_id, due_on)
);

create function approval_queue_count_keep() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.status = 'pending' then
    update approval_queue_count set n = n - 1
     where step_role = old.step_role and acting_institution_id = old.acting_institution_id and due_on = old.due_on;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.status = 'pending' then
    insert into approval_queue_count (step_role, acting_institution_id, due_on, n)
    values (new.step_role, new.acting_institution_id, new.due_on, 1)
    on conflict (step_role, acting_institution_id, due_on) do update set n = approval_queue_count.n + 1;
  end if;
  return null;
end $$;

create trigger approval_queue_count_keep
  after insert or update of status, step_role, acting_institution_id, due_on or delete on approval_request
  for each row execute function approval_queue_count_keep();

-- Default steps. Deleting a customer (issue 12 item 2): the information-review clerk checks it,
-- then the institution head approves; a marketing team's requests go to its sub-branch.
insert into approval_step (workflow_type, institution_level, step_no, role_code, acting_institution, time_limit_days) values
  ('customer.delete', 0, 1, 'data_review_clerk', 'own', 2),
  ('customer.delete', 0, 2, 'institution_head', 'own', 3),
  ('customer.delete', 4, 1, 'data_review_clerk', 'parent', 2),
  ('customer.delete', 4, 2, 'institution_head', 'parent', 3);
