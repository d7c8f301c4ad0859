-- Long customer imports run in the background (issue 12, item 9): the clerk uploads, the server
-- answers at once with a run, and the screen follows the run's progress (rows read, checked,
-- written) and shows its result, now or when the clerk comes back. The run's owner is whoever
-- uploaded the file, as for the error report. `heartbeat_at` moves at every step the process
-- takes outside the import's own transaction; a run that has not moved for 30 minutes was
-- abandoned by a process that stopped (the longest allowed file writes in well under that).
create table customer_import_run (
  id              bigserial primary key,
  actor_kind      varchar(10) not null,
  actor_id        integer,
  kind            varchar(10) not null check (kind in ('personal', 'corporate')),
  dry_run         boolean not null,
  file_name       varchar(255) not null,
  status          varchar(10) not null default 'running' check (status in ('running', 'done', 'rejected', 'failed')),
  phase           varchar(10) not null default 'reading' check (phase in ('reading', 'checking', 'writing', 'finished')),
  row_count       integer,
  rows_checked    integer not null default 0,
  rows_written    integer not null default 0,
  result          jsonb,
  error           text,
  started_at      timestamptz not null default now(),
  heartbeat_at    timestamptz not null default now(),
  finished_at     timestamptz
);
create index customer_import_run_owner_idx on customer_import_run (actor_kind, actor_id, id desc);
