-- CIF-20…24, PLAT-5: the certificate life cycle, to-do texts in the reader's language, and who
-- started a job run.

-- A certificate is never deleted. Recording a renewed licence supersedes the previous one of its
-- type; a record keyed by mistake is voided with a reason. Both stay in the customer's file.
alter table certificate add column status varchar(10) not null default 'current'
  check (status in ('current', 'superseded', 'voided'));
alter table certificate add column status_reason varchar(200);
alter table certificate add column superseded_by bigint references certificate(id);
alter table certificate add column updated_by integer references app_user(id);
-- One current certificate of each type per customer, except temporary-account permits (one per
-- temporary account, '07') and other certificates ('99'), of which a company may hold several.
create unique index certificate_current_key on certificate (customer_id, cert_type)
  where status = 'current' and cert_type not in ('07', '99');
-- The daily expiry reminder reads only current certificates.
drop index certificate_expiry_idx;
create index certificate_current_expiry_idx on certificate (expires_on) where status = 'current';

-- The message parameters of a to-do, so its title shows in the reader's language; `title` keeps
-- the zh-CN text for exports and for readers that do not translate.
alter table todo add column params jsonb;
create index todo_entity_idx on todo (entity_type, entity_id) where status = 'open';

-- PLAT-5: scheduled or started by a user (a retry is a manual run of a failed business date).
alter table job_run add column trigger varchar(8) not null default 'schedule' check (trigger in ('schedule', 'manual'));
alter table job_run add column triggered_by integer references app_user(id);
alter table job_run add column retry_of bigint references job_run(id);
create index job_run_job_date_idx on job_run (job, business_date, id desc);
