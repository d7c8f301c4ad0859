-- Foundation: institutions, users, roles and permissions, sessions, API tokens, audit log,
-- code tables, working-day calendar, settings.
-- Written for PostgreSQL 15 and later (PGlite is 18): no 16+-only syntax.

-- Institution levels are configuration: a commercial bank says 总行/分行/支行/营销团队,
-- a rural credit union says 联社/信用社/网点. The tree is the same.
create table institution_level (
  level      smallint primary key check (level between 1 and 9),
  name_zh    varchar(20) not null,
  name_en    varchar(40) not null
);

create table institution (
  id            integer generated always as identity primary key,
  code          varchar(4) not null,
  name          varchar(60) not null,          -- own name, e.g. 市南支行
  parent_id     integer references institution(id),
  level         smallint not null references institution_level(level),
  kind          varchar(12) not null check (kind in ('marketing', 'statistical')),
  category      varchar(16) check (category in ('corporate', 'sme', 'product', 'non_corporate')),
  -- Materialised path of ids ('/1/4/9/'): the data-scope predicate is one indexed prefix match.
  path          text not null,
  status        varchar(10) not null default 'active' check (status in ('active', 'inactive')),
  address       varchar(120),
  phone         varchar(35),
  opened_on     date,
  closed_on     date,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  version       integer not null default 1,
  constraint institution_code_format check (code ~ '^[0-9A-Za-z]{4}$'),
  constraint institution_root_or_parent check ((parent_id is null) = (level = 1))
);
create unique index institution_code_key on institution (upper(code));
create index institution_path_idx on institution (path text_pattern_ops);
create index institution_parent_idx on institution (parent_id);

-- ORG-6: who belonged where, when. One row per period of an institution's placement and name.
create table institution_history (
  id              integer generated always as identity primary key,
  institution_id  integer not null references institution(id),
  parent_id       integer references institution(id),
  code            varchar(4) not null,
  name            varchar(60) not null,
  status          varchar(10) not null,
  valid_from      date not null,
  valid_to        date,                        -- null = current
  event           varchar(16) not null check (event in ('open', 'rename', 'move', 'merge', 'deactivate', 'reactivate', 'update')),
  reason          varchar(200),
  changed_by      integer,
  changed_at      timestamptz not null default now()
);
create index institution_history_inst_idx on institution_history (institution_id, valid_from);

create table permission (
  code        varchar(64) primary key,
  domain      varchar(32) not null,
  name_zh     varchar(60) not null,
  name_en     varchar(100) not null
);

create table role (
  id           integer generated always as identity primary key,
  code         varchar(40) not null unique,
  name_zh      varchar(40) not null,
  name_en      varchar(80) not null,
  category     varchar(16) not null check (category in ('system', 'management', 'sme', 'manager', 'product', 'non_corporate', 'custom')),
  description  varchar(200),
  builtin      boolean not null default false,
  -- 'institution': the subtree of the managing institution; 'own': own customers only (USR-2).
  data_scope   varchar(12) not null default 'institution' check (data_scope in ('institution', 'own')),
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  version      integer not null default 1
);

create table role_permission (
  role_id          integer not null references role(id) on delete cascade,
  permission_code  varchar(64) not null references permission(code),
  primary key (role_id, permission_code)
);

create table app_user (
  id                       integer generated always as identity primary key,
  username                 varchar(32) not null,
  display_name             varchar(40) not null,
  employee_no              varchar(20),
  home_institution_id      integer not null references institution(id),
  managing_institution_id  integer not null references institution(id),
  mobile                   varchar(20),
  email                    varchar(100),
  status                   varchar(10) not null default 'active' check (status in ('active', 'disabled', 'left')),
  password_hash            text not null,
  password_changed_at      timestamptz not null default now(),
  must_change_password     boolean not null default true,
  failed_attempts          integer not null default 0,
  locked_until             timestamptz,
  last_login_at            timestamptz,
  joined_on                date not null default current_date,
  left_on                  date,
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null default now(),
  version                  integer not null default 1
);
create unique index app_user_username_key on app_user (lower(username));
create unique index app_user_employee_no_key on app_user (employee_no) where employee_no is not null;
create index app_user_home_idx on app_user (home_institution_id);

-- USR-8: join, move and leave keep history.
create table user_history (
  id                       integer generated always as identity primary key,
  user_id                  integer not null references app_user(id),
  home_institution_id      integer not null references institution(id),
  managing_institution_id  integer not null references institution(id),
  status                   varchar(10) not null,
  valid_from               date not null,
  valid_to                 date,
  event                    varchar(12) not null check (event in ('join', 'move', 'leave', 'disable', 'enable', 'rejoin')),
  reason                   varchar(200),
  changed_by               integer,
  changed_at               timestamptz not null default now()
);
create index user_history_user_idx on user_history (user_id, valid_from);

create table user_role (
  user_id     integer not null references app_user(id),
  role_id     integer not null references role(id),
  granted_by  integer references app_user(id),
  granted_at  timestamptz not null default now(),
  primary key (user_id, role_id)
);

-- Previous password hashes, so a user cannot cycle back to an old password.
create table password_history (
  user_id        integer not null references app_user(id),
  password_hash  text not null,
  changed_at     timestamptz not null default now()
);
create index password_history_user_idx on password_history (user_id, changed_at desc);

create table user_session (
  id            varchar(64) primary key,        -- sha256 of the cookie token; the token itself is never stored
  user_id       integer not null references app_user(id),
  csrf_token    varchar(64) not null,
  created_at    timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  client_ip     varchar(64),
  user_agent    varchar(300),
  revoked_at    timestamptz
);
create index user_session_user_idx on user_session (user_id);

create table api_token (
  id                       integer generated always as identity primary key,
  name                     varchar(60) not null,
  prefix                   varchar(16) not null unique,
  token_hash               varchar(64) not null unique,
  managing_institution_id  integer not null references institution(id),
  created_by               integer not null references app_user(id),
  created_at               timestamptz not null default now(),
  expires_at               timestamptz,
  last_used_at             timestamptz,
  revoked_at               timestamptz,
  revoked_by               integer references app_user(id)
);

create table api_token_role (
  token_id  integer not null references api_token(id),
  role_id   integer not null references role(id),
  primary key (token_id, role_id)
);

-- PLAT-1: append-only, hash-chained. Each row's hash covers its own content and the previous
-- row's hash, so editing or deleting any row breaks every link after it.
create table audit_log (
  id                    bigint generated always as identity primary key,
  occurred_at           timestamptz not null,
  actor_kind            varchar(8) not null check (actor_kind in ('user', 'token', 'system', 'anonymous')),
  actor_id              integer,
  actor_name            varchar(60),
  actor_institution_id  integer,
  action                varchar(64) not null,
  entity_type           varchar(40),
  entity_id             varchar(40),
  before                jsonb,
  after                 jsonb,
  client_ip             varchar(64),
  request_id            varchar(64),
  prev_hash             varchar(64),
  hash                  varchar(64) not null
);
create index audit_log_time_idx on audit_log (occurred_at desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);
create index audit_log_actor_idx on audit_log (actor_id, occurred_at desc);
create index audit_log_action_idx on audit_log (action, occurred_at desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'P0001';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();

create table code_table (
  code          varchar(40) primary key,
  name_zh       varchar(60) not null,
  name_en       varchar(100) not null,
  source        varchar(100),
  hierarchical  boolean not null default false,
  builtin       boolean not null default false,
  updated_at    timestamptz not null default now()
);

create table code_item (
  table_code   varchar(40) not null references code_table(code),
  code         varchar(20) not null,
  name_zh      varchar(200) not null,
  name_en      varchar(200) not null,
  parent_code  varchar(20),
  level        smallint,
  sort_order   integer not null default 0,
  active       boolean not null default true,
  updated_at   timestamptz not null default now(),
  primary key (table_code, code)
);
create index code_item_parent_idx on code_item (table_code, parent_code);

-- PLAT-7: only the exceptions to "Monday–Friday work, weekends rest" are stored.
create table calendar_day (
  day         date primary key,
  kind        varchar(8) not null check (kind in ('holiday', 'workday')),
  name        varchar(40) not null,
  updated_by  integer,
  updated_at  timestamptz not null default now()
);

-- Configuration administrators change at run time (security policy, defaults), validated by zod
-- in the application before it is written.
create table setting (
  key         varchar(64) primary key,
  value       jsonb not null,
  updated_by  integer,
  updated_at  timestamptz not null default now()
);
