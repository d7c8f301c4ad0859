-- Customer information (CIF): the customer master, personal and corporate detail, identity
-- documents, addresses, blacklist, risk assessments, certificates, field history, duplicates,
-- plus the shared to-do list and the job-run log the certificate reminder uses.
create extension if not exists pg_trgm;

-- CRM-issued customer numbers: prefix digit + 9-digit sequence + check digit = 11 characters.
-- A sequence never hands out a value twice, even across rolled-back transactions.
create sequence customer_no_seq minvalue 1 maxvalue 999999999 no cycle;

create table customer (
  id              bigint generated always as identity primary key,
  customer_no     varchar(11) not null,
  kind            varchar(10) not null check (kind in ('personal', 'corporate')),
  name            varchar(160) not null,
  institution_id  integer not null references institution(id),
  status          varchar(10) not null default 'active' check (status in ('active', 'deleted', 'merged')),
  status_reason   varchar(200),
  merged_into     bigint references customer(id),
  blacklisted     boolean not null default false,
  -- CIF-8: who issued the number decides which system owns which fields.
  origin          varchar(4) not null default 'crm' check (origin in ('crm', 'core')),
  -- Single characters, character pairs and pinyin initials of the name: `search_terms @> {…}`
  -- answers 1–2 character Chinese searches through the GIN index where trigrams cannot.
  search_terms    text[] not null default '{}',
  created_by      integer references app_user(id),
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  version         integer not null default 1
);
create unique index customer_no_key on customer (customer_no);
-- fastupdate off: searches never scan a pending list, which after a bulk import is long.
create index customer_terms_idx on customer using gin (search_terms) with (fastupdate = off);
create index customer_name_trgm_idx on customer using gin (name gin_trgm_ops);
create index customer_institution_idx on customer (institution_id, id);

-- REL-20 in its first form: who manages a customer. Data scope 'own' reads it.
create table customer_manager (
  customer_id  bigint not null references customer(id),
  user_id      integer not null references app_user(id),
  role         varchar(10) not null check (role in ('primary', 'assisting', 'assistant')),
  since        date not null,
  primary key (customer_id, user_id)
);
create unique index customer_manager_primary_key on customer_manager (customer_id) where role = 'primary';
create index customer_manager_user_idx on customer_manager (user_id);

create table personal_customer (
  customer_id            bigint primary key references customer(id),
  -- CIF-10 basic
  gender                 varchar(1),
  birth_date             date,
  marital_status         varchar(2),
  nationality            varchar(3),
  household_division     varchar(6),
  household_address      varchar(60),
  shareholder            boolean not null default false,
  employee               boolean not null default false,
  first_relation_on      date,
  first_credit_on        date,
  education              varchar(2),
  degree                 varchar(1),
  investor_type          varchar(2),
  investment_years       smallint,
  -- CIF-11 work
  occupation             varchar(1),
  employer               varchar(160),
  employer_nature        varchar(2),
  employer_industry      varchar(5),
  employer_division      varchar(6),
  employer_address       varchar(60),
  employer_postcode      varchar(6),
  employer_phone         varchar(35),
  employer_since_year    smallint,
  post_years             smallint,
  professional_title     varchar(1),
  -- CIF-12 family and income (yuan, two decimals)
  monthly_income         numeric(14, 2),
  family_monthly_income  numeric(14, 2),
  family_size            smallint,
  dependents             smallint,
  monthly_fixed_expense  numeric(14, 2),
  residence_status       varchar(1),
  salary_bank            varchar(40),
  salary_account         varchar(40),
  -- CIF-13 contact
  home_address           varchar(80),
  home_postcode          varchar(6),
  home_phone             varchar(35),
  mailing_address        varchar(80),
  mailing_postcode       varchar(6),
  mobile                 varchar(20),
  other_phone            varchar(35),
  email                  varchar(100),
  best_contact_method    varchar(1),
  best_contact_period    varchar(1),
  best_contact_hours     varchar(11),
  contact_note           varchar(100)
);
create index personal_customer_mobile_idx on personal_customer (mobile);
create index personal_customer_birth_idx on personal_customer (birth_date);

-- Identity documents of personal customers, up to three (CIF-10). The unique index is the
-- existence check of CIF-1: one document, one customer number.
create table customer_identity (
  customer_id  bigint not null references customer(id),
  seq          smallint not null check (seq between 1 and 3),
  id_type      varchar(2) not null,
  id_number    varchar(40) not null,
  expires_on   date,
  primary key (customer_id, seq)
);
create unique index customer_identity_document_key on customer_identity (id_type, id_number);
-- Search by number alone (the type is rarely typed into a search box).
create index customer_identity_number_idx on customer_identity (id_number);

create table corporate_customer (
  customer_id                  bigint primary key references customer(id),
  credit_code                  varchar(18),
  organization_code            varchar(10),
  registration_type            varchar(3),
  enterprise_nature            varchar(2),
  scale                        varchar(6) check (scale in ('large', 'medium', 'small', 'micro')),
  legal_rep_customer_id        bigint references customer(id),
  registered_address           varchar(100),
  registered_capital_currency  varchar(3),
  registered_capital           numeric(18, 2),
  paid_in_capital              numeric(18, 2),
  business_scope               varchar(500),
  established_on               date,
  office_phone                 varchar(35),
  office_address               varchar(100),
  office_postcode              varchar(6),
  email                        varchar(100),
  -- CIF-26 industry attributes
  industry_code                varchar(5),
  industrial_zone              varchar(100),
  specialised_market           varchar(20),
  industry_updated_by          integer references app_user(id),
  industry_updated_at          timestamptz
);
create unique index corporate_customer_credit_code_key on corporate_customer (credit_code);
create unique index corporate_customer_org_code_key on corporate_customer (organization_code);
create index corporate_customer_legal_rep_idx on corporate_customer (legal_rep_customer_id);

create table customer_address (
  id             bigint generated always as identity primary key,
  customer_id    bigint not null references customer(id),
  address_type   varchar(1) not null,
  division_code  varchar(6),
  address        varchar(120) not null,
  postcode       varchar(6),
  is_primary     boolean not null default false,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index customer_address_customer_idx on customer_address (customer_id);

-- CIF-5: internal and external blacklists; the customer's flag is derived from open entries.
create table blacklist_entry (
  id              bigint generated always as identity primary key,
  customer_id     bigint not null references customer(id),
  list_kind       varchar(8) not null check (list_kind in ('internal', 'external')),
  reason          varchar(200) not null,
  source          varchar(60) not null,
  listed_on       date not null,
  expires_on      date,
  removed_on      date,
  removed_reason  varchar(200),
  created_by      integer references app_user(id),
  removed_by      integer references app_user(id),
  created_at      timestamptz not null default now()
);
create index blacklist_entry_customer_idx on blacklist_entry (customer_id);

-- CIF-6
create table risk_assessment (
  id            bigint generated always as identity primary key,
  customer_id   bigint not null references customer(id),
  assessed_on   date not null,
  valid_until   date not null,
  result        varchar(2) not null,
  score         smallint,
  channel       varchar(20),
  assessed_by   integer references app_user(id),
  created_at    timestamptz not null default now()
);
create index risk_assessment_customer_idx on risk_assessment (customer_id, assessed_on desc);

-- CIF-20…24: one row per certificate; type-specific fields in `details`, validated by the
-- application per certificate type.
create table certificate (
  id            bigint generated always as identity primary key,
  customer_id   bigint not null references customer(id),
  cert_type     varchar(2) not null,
  number        varchar(50) not null,
  issuer        varchar(100),
  issued_on     date,
  expires_on    date,
  details       jsonb not null default '{}',
  created_by    integer references app_user(id),
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  version       integer not null default 1
);
create index certificate_customer_idx on certificate (customer_id);
create index certificate_expiry_idx on certificate (expires_on);

-- CIF-46: every field change of a customer, whatever its source.
create table customer_history (
  id          bigint generated always as identity primary key,
  customer_id bigint not null references customer(id),
  field       varchar(60) not null,
  old_value   text,
  new_value   text,
  source      varchar(8) not null check (source in ('screen', 'import', 'feed', 'merge', 'system')),
  changed_by  integer references app_user(id),
  changed_at  timestamptz not null default now(),
  request_id  varchar(64)
);
create index customer_history_customer_idx on customer_history (customer_id, id desc);

-- CIF-1: likely duplicates found at entry, for review and merge.
create table customer_duplicate (
  id           bigint generated always as identity primary key,
  customer_id  bigint not null references customer(id),
  other_id     bigint not null references customer(id),
  reason       varchar(16) not null check (reason in ('name_birth', 'mobile')),
  status       varchar(10) not null default 'open' check (status in ('open', 'dismissed', 'merged')),
  created_at   timestamptz not null default now(),
  resolved_by  integer references app_user(id),
  resolved_at  timestamptz
);
create unique index customer_duplicate_pair_key on customer_duplicate (least(customer_id, other_id), greatest(customer_id, other_id), reason);

-- The to-do list (待办事宜) every workflow and reminder writes to. A dedupe key makes a job that
-- runs twice raise one reminder.
create table todo (
  id                       bigint generated always as identity primary key,
  kind                     varchar(40) not null,
  title                    varchar(200) not null,
  entity_type              varchar(40),
  entity_id                varchar(40),
  assignee_user_id         integer references app_user(id),
  assignee_institution_id  integer references institution(id),
  due_on                   date,
  status                   varchar(10) not null default 'open' check (status in ('open', 'done', 'cancelled')),
  dedupe_key               varchar(120) not null unique,
  created_at               timestamptz not null default now(),
  done_at                  timestamptz,
  done_by                  integer references app_user(id)
);
create index todo_user_idx on todo (assignee_user_id, status);
create index todo_institution_idx on todo (assignee_institution_id, status);

-- PLAT-5: every run of a scheduled job, with its outcome.
create table job_run (
  id           bigint generated always as identity primary key,
  job          varchar(40) not null,
  business_date date not null,
  started_at   timestamptz not null default now(),
  finished_at  timestamptz,
  status       varchar(8) not null default 'running' check (status in ('running', 'ok', 'failed')),
  detail       jsonb,
  error        text
);
create index job_run_job_idx on job_run (job, started_at desc);
