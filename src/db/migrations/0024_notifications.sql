-- Notifications (PLAT-4, issue 13 item 8). One `notification` row per recipient per event is the
-- workbench inbox (always delivered: it is written in the event's own transaction). Each external
-- channel the recipient wants (e-mail, SMS) gets a `notification_delivery` row in that same
-- transaction: the outbox, drained by the sender job with retry and exponential backoff.

create table notification (
  id           bigint generated always as identity primary key,
  user_id      integer not null references app_user(id),
  -- approval.submitted | approval.returned | approval.approved | approval.rejected (reminders and alerts may follow)
  kind         varchar(40) not null,
  -- What the text is rendered from (zh-CN / en-US message of the kind), never the text itself.
  params       jsonb not null default '{}'::jsonb,
  entity_type  varchar(40),
  entity_id    varchar(40),
  created_at   timestamptz not null default now(),
  read_at      timestamptz
);
create index notification_user_idx on notification (user_id, id desc);
create index notification_unread_idx on notification (user_id) where read_at is null;

create table notification_delivery (
  id               bigint generated always as identity primary key,
  notification_id  bigint not null references notification(id),
  channel          varchar(10) not null check (channel in ('email', 'sms')),
  -- The address as it was when the event happened (the user's e-mail or mobile).
  address          varchar(100) not null,
  -- pending → sent, or failed after the last attempt (or when the channel is not configured).
  status           varchar(10) not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts         smallint not null default 0,
  next_attempt_at  timestamptz not null default now(),
  -- The lease of the sender that claimed the row: another sender (or this one after a restart)
  -- takes the row again only once the lease ran out.
  claimed_until    timestamptz,
  last_error       varchar(1000),
  sent_at          timestamptz,
  created_at       timestamptz not null default now(),
  check (status <> 'sent' or sent_at is not null)
);
create index notification_delivery_due_idx on notification_delivery (next_attempt_at, id) where status = 'pending';
create index notification_delivery_notification_idx on notification_delivery (notification_id);

-- A person's choice per event kind and channel; no row = the default (e-mail on, SMS off).
create table notification_preference (
  user_id     integer not null references app_user(id),
  kind        varchar(40) not null,
  channel     varchar(10) not null check (channel in ('email', 'sms')),
  enabled     boolean not null,
  updated_at  timestamptz not null default now(),
  primary key (user_id, kind, channel)
);

-- Delegation of approval steps (代理审批, issue 13 item 2): while a reviewer is away, a colleague
-- acts on his inbox. The engine checks the delegator's role and charge and the maker ≠ checker and
-- one-person-one-step rules for both people; the decision row names both.
create table approval_delegation (
  id            bigint generated always as identity primary key,
  delegator_id  integer not null references app_user(id),
  delegate_id   integer not null references app_user(id),
  starts_on     date not null,
  ends_on       date not null,
  reason        varchar(200),
  created_at    timestamptz not null default now(),
  cancelled_at  timestamptz,
  cancelled_by  integer references app_user(id),
  check (delegator_id <> delegate_id),
  check (ends_on >= starts_on)
);
create index approval_delegation_delegate_idx on approval_delegation (delegate_id, starts_on) where cancelled_at is null;
create index approval_delegation_delegator_idx on approval_delegation (delegator_id, starts_on) where cancelled_at is null;

-- The person on whose behalf a delegate decided (null: the actor acted for himself).
alter table approval_decision add column on_behalf_of integer references app_user(id);
