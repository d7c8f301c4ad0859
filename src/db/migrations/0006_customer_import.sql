-- PLAT-3: the error report of a rejected import, downloadable for 24 hours by whoever uploaded
-- the file. Kept in the database (not process memory) so any app instance can serve it; rows
-- older than a day are deleted when the next report is stored.
create table customer_import_report (
  token       uuid primary key,
  actor_kind  varchar(10) not null,
  actor_id    integer,
  file_name   varchar(255) not null,
  content     bytea not null,
  created_at  timestamptz not null default now()
);
create index customer_import_report_created_idx on customer_import_report (created_at);
