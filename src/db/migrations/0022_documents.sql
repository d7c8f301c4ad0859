-- Document transfer (单证传递, CIF-41/42) and the paper archive (档案管理, CIF-43).
-- docs/documents.md describes the flow, the numbering and the archive.

-- Flow numbers: year (4) + branch number (2) + sequence (4), gap-free per branch and year. The
-- counter row is bumped by `insert … on conflict do update … returning` in the transaction that
-- inserts the flow: concurrent creations queue on the row lock, and a creation that rolls back
-- returns its number, so the series has no holes.
create table document_flow_counter (
  branch_id  integer not null references institution(id),
  year       smallint not null check (year between 2000 and 9999),
  last_seq   integer not null check (last_seq >= 0),
  primary key (branch_id, year)
);

create table document_flow (
  id                   bigint generated always as identity primary key,
  flow_no              varchar(10) not null,
  -- The branch whose number series the flow takes; its back office is the processing centre.
  branch_id            integer not null references institution(id),
  -- The institution that sent the paper (the maker's home institution).
  institution_id       integer not null references institution(id),
  account_id           bigint not null references account(id),
  customer_id          bigint not null references customer(id),
  account_no           varchar(32) not null,
  account_name         varchar(100) not null,
  status               varchar(12) not null default 'draft'
                         check (status in ('draft', 'submitted', 'received', 'in_review', 'completed', 'cancelled')),
  total_pages          integer not null default 0 check (total_pages >= 0),
  total_copies         integer not null default 0 check (total_copies >= 0),
  created_by           integer not null references app_user(id),
  created_at           timestamptz not null default now(),
  submitted_by         integer references app_user(id),
  submitted_at         timestamptz,
  received_by          integer references app_user(id),
  received_at          timestamptz,
  entered_by           integer references app_user(id),
  entered_at           timestamptz,
  completed_at         timestamptz,
  updated_at           timestamptz not null default now(),
  version              integer not null default 1
);
create unique index document_flow_no_key on document_flow (flow_no);
create index document_flow_branch_idx on document_flow (branch_id, status, id);
create index document_flow_institution_idx on document_flow (institution_id, status, id);
create index document_flow_customer_idx on document_flow (customer_id);

-- The certificate rows of a flow (证件种类/名称, 证件号码, 页数, 份数; seed 001 §3.2.7.1).
create table document_flow_item (
  flow_id    bigint not null references document_flow(id) on delete cascade,
  line_no    smallint not null check (line_no between 1 and 50),
  cert_kind  varchar(20) not null,
  cert_no    varchar(100),
  pages      smallint not null check (pages between 1 and 999),
  copies     smallint not null check (copies between 1 and 999),
  primary key (flow_id, line_no)
);

-- Archive cabinets: cells, and how many files one cell holds.
create table archive_cabinet (
  id               integer generated always as identity primary key,
  institution_id   integer not null references institution(id),
  code             varchar(10) not null,
  name             varchar(60) not null,
  cell_count       smallint not null check (cell_count between 1 and 999),
  copies_per_cell  smallint not null check (copies_per_cell between 1 and 999),
  created_by       integer references app_user(id),
  created_at       timestamptz not null default now()
);
create unique index archive_cabinet_code_key on archive_cabinet (institution_id, upper(code));

-- Storage positions: seq 1… numbers the cabinet cell by cell, slot by slot; a batch of files is
-- numbered in the order customer number → branch → account number (seed 001 §3.2.6, 档案存放规律).
create table archive_position (
  id           bigint generated always as identity primary key,
  cabinet_id   integer not null references archive_cabinet(id),
  seq          integer not null check (seq >= 1),
  cell_no      smallint not null check (cell_no >= 1),
  slot_no      smallint not null check (slot_no >= 1),
  position_no  varchar(30) not null,
  flow_id      bigint not null references document_flow(id),
  customer_id  bigint not null references customer(id),
  account_id   bigint not null references account(id),
  filed_by     integer references app_user(id),
  filed_at     timestamptz not null default now()
);
create unique index archive_position_seq_key on archive_position (cabinet_id, seq);
create unique index archive_position_flow_key on archive_position (flow_id);
create index archive_position_customer_idx on archive_position (customer_id);

-- The paper-file check-out and check-in register (纸案档案调出调入登记).
create table archive_loan (
  id              bigint generated always as identity primary key,
  position_id     bigint not null references archive_position(id),
  borrower        varchar(60) not null,
  purpose         varchar(200) not null,
  checked_out_on  date not null,
  due_on          date not null,
  checked_out_by  integer references app_user(id),
  returned_on     date,
  returned_by     integer references app_user(id),
  created_at      timestamptz not null default now(),
  check (due_on >= checked_out_on),
  check (returned_on is null or returned_on >= checked_out_on)
);
-- A file is out to one borrower at a time.
create unique index archive_loan_open_key on archive_loan (position_id) where returned_on is null;
create index archive_loan_due_idx on archive_loan (due_on) where returned_on is null;

-- The review of the information keyed from a flow's documents: one step, the information-review
-- clerk of the centre that keyed it (the engine refuses the entry clerk as his own checker).
insert into approval_step (workflow_type, institution_level, step_no, role_code, acting_institution, time_limit_days) values
  ('document.entry_review', 0, 1, 'data_review_clerk', 'own', 2);
