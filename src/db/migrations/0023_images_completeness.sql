-- CIF-44 images (影像管理) and CIF-45 information completeness (信息完整性).

-- One row per scan. A stored scan's bytes live in the image store (the data folder's file system
-- or an S3-compatible bucket, docs/images-and-completeness.md) under a key the server makes, never
-- from the uploaded name; the row records its SHA-256 so a copy restored from backup can be
-- checked. An external scan (loan contracts, vouchers in the bank's imaging system) is only a
-- reference: its id and link, no bytes.
create sequence customer_image_no_seq;
create table customer_image (
  id               bigint generated always as identity primary key,
  -- 影像编号: YX + 10 digits from the sequence, assigned at import; gaps are harmless.
  image_no         varchar(12) not null unique,
  customer_id      bigint not null references customer(id),
  account_id       bigint references account(id),
  -- a code of id_type (personal) or corporate_certificate_type (corporate); null = other scan
  cert_type        varchar(2),
  source           varchar(8) not null check (source in ('stored', 'external')),
  storage_key      varchar(200),
  content_type     varchar(40),
  byte_size        bigint check (byte_size > 0),
  sha256           char(64),
  original_name    varchar(200),
  external_system  varchar(40),
  external_id      varchar(100),
  external_url     varchar(500),
  note             varchar(200),
  imported_by      integer references app_user(id),
  imported_at      timestamptz not null default now(),
  check ((source = 'stored' and storage_key is not null and content_type is not null and byte_size is not null and sha256 is not null and external_id is null)
      or (source = 'external' and storage_key is null and external_system is not null and external_id is not null and external_url is not null))
);
-- "the latest of each certificate type": one index walk per customer (and per account).
create index customer_image_customer_idx on customer_image (customer_id, cert_type, imported_at desc, id desc);
create index customer_image_account_idx on customer_image (account_id, cert_type, imported_at desc, id desc) where account_id is not null;
create unique index customer_image_external_key on customer_image (external_system, external_id) where source = 'external';

-- CIF-45: which information items each tier must have, as data head office may change (audited).
-- Tiers: credit customers (信贷客户), ordinary customers (普通客户), small counter-grown customers
-- (柜面成长型小客户). Items are checked by code (completeness.items.ts); a row says whether the
-- tier requires it.
create table completeness_rule (
  tier        varchar(10) not null check (tier in ('credit', 'ordinary', 'small')),
  item        varchar(20) not null,
  required    boolean not null default true,
  updated_by  integer references app_user(id),
  updated_at  timestamptz not null default now(),
  primary key (tier, item)
);
insert into completeness_rule (tier, item, required) values
  ('credit', 'basic', true), ('credit', 'detail', true), ('credit', 'financial', true), ('credit', 'non_financial', true),
  ('credit', 'visits', true), ('credit', 'investments', true), ('credit', 'correspondent', true), ('credit', 'business_licence', false),
  ('ordinary', 'basic', true), ('ordinary', 'detail', true), ('ordinary', 'visits', true),
  ('ordinary', 'financial', false), ('ordinary', 'non_financial', false), ('ordinary', 'investments', false), ('ordinary', 'correspondent', false), ('ordinary', 'business_licence', false),
  ('small', 'basic', true), ('small', 'business_licence', true),
  ('small', 'detail', false), ('small', 'financial', false), ('small', 'non_financial', false), ('small', 'visits', false), ('small', 'investments', false), ('small', 'correspondent', false);
