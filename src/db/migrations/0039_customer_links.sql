-- Customer links (REL-1, REL-2, issue 15): who is tied to whom — guarantors, family, shareholders,
-- executives, legal representatives, actual controllers, employers — each link effective-dated and
-- kept after it ends (the current network is the links in force on a date; history stays).

-- A party that is not (yet) a customer: kept with its identity document so a link can be keyed
-- before he banks with us; when he opens, his links are re-pointed to the new customer
-- (customer_id set here) without re-keying.
create table related_party (
  id              bigint generated always as identity primary key,
  party_category  varchar(1) not null check (party_category in ('1', '2')),
  name            varchar(160) not null,
  -- corporate_certificate_type for an enterprise (1), id_type for a natural person (2)
  id_type         varchar(3) not null,
  id_number       varchar(40) not null,
  customer_id     bigint references customer(id),
  created_by      integer references app_user(id),
  created_at      timestamptz not null default now()
);
create unique index related_party_document_key on related_party (party_category, id_type, id_number);

create table customer_link (
  id                bigint generated always as identity primary key,
  customer_id       bigint not null references customer(id),
  -- 序号: the customer's n-th link, kept by the system (never reused, gaps after nothing)
  seq               integer not null,
  party_customer_id bigint references customer(id),
  related_party_id  bigint references related_party(id),
  -- relation_role: the role the party plays towards the customer (01 the party guarantees him, 07 is his spouse …)
  role              varchar(2) not null,
  share_pct         numeric(5, 2) check (share_pct > 0 and share_pct <= 100),
  contract_no       varchar(40),
  account_no        varchar(40),
  -- the guaranteed amount of a credit relation (roles 01–04)
  amount            numeric(18, 2) check (amount >= 0),
  starts_on         date not null,
  ends_on           date,
  remark            varchar(200),
  source            varchar(8) not null default 'screen' check (source in ('screen', 'feed')),
  created_by        integer references app_user(id),
  created_at        timestamptz not null default now(),
  ended_by          integer references app_user(id),
  ended_at          timestamptz,
  end_reason        varchar(200),
  constraint customer_link_one_party check ((party_customer_id is null) <> (related_party_id is null)),
  -- a customer cannot guarantee, marry or own himself
  constraint customer_link_not_self check (party_customer_id <> customer_id),
  constraint customer_link_dates check (ends_on is null or ends_on >= starts_on),
  constraint customer_link_share check ((role = '12') = (share_pct is not null))
);
create unique index customer_link_seq_key on customer_link (customer_id, seq);
create index customer_link_customer_idx on customer_link (customer_id, role);
create index customer_link_party_idx on customer_link (party_customer_id, role) where party_customer_id is not null;
create index customer_link_related_party_idx on customer_link (related_party_id) where related_party_id is not null;
-- The same party in the same role under the same contract is one link while it is open.
create unique index customer_link_open_key on customer_link (customer_id, coalesce(party_customer_id, -related_party_id), role, coalesce(contract_no, ''))
  where ends_on is null;

-- The daily scan of the guarantee graph (REL-4): circles (strongly connected components of two or
-- more parties) and long chains, as they stood on the scan's business date. Members are keys:
-- 'c<customer id>' or 'p<related party id>'. A new scan of a date replaces that date's rows.
create table guarantee_scan (
  scan_date     date primary key,
  parties       integer not null,
  guarantees    integer not null,
  circles       integer not null,
  chains        integer not null,
  ms            integer not null,
  scanned_at    timestamptz not null default now()
);
create table guarantee_circle (
  scan_date          date not null references guarantee_scan(scan_date) on delete cascade,
  circle_no          integer not null,
  members            text[] not null,
  customer_ids       bigint[] not null,
  member_count       integer not null,
  loan_balance       numeric(18, 2) not null,
  guaranteed_amount  numeric(18, 2) not null,
  longest_chain      integer not null,
  cycles             jsonb not null,
  institution_ids    integer[] not null,
  primary key (scan_date, circle_no)
);
-- Whose circles a user sees: those with a member customer in his charge.
create index guarantee_circle_customers_idx on guarantee_circle using gin (customer_ids);
create table guarantee_chain (
  scan_date     date not null references guarantee_scan(scan_date) on delete cascade,
  chain_no      integer not null,
  length        integer not null,
  members       text[] not null,
  customer_ids  bigint[] not null,
  primary key (scan_date, chain_no)
);
create index guarantee_chain_customers_idx on guarantee_chain using gin (customer_ids);
