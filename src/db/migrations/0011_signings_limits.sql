-- ACC-6 signing registry (签约信息) and ACC-7 customer-level channel limits (客户层渠道交易限额).
-- The rules (kinds, signing numbers, de-duplication, closure check) are in docs/signings.md.

-- Signing numbers: 'QY' + 12 digits of this sequence + a Luhn check digit. A sequence never hands
-- out a value twice, even across rolled-back transactions, so a number is never reused.
create sequence signing_no_seq minvalue 1 maxvalue 999999999999 no cycle;

-- The de-duplication key of a signing: two ACTIVE signings with the same key are the same
-- agreement registered twice. One function, used by the stored column below and by the service's
-- look-up of the existing signing, so the rule is written once. NULL parts are spelt '-'.
create function signing_dedupe_key(kind text, customer_id bigint, product_id text, account_id bigint,
    counterparty_code text, counterparty_account text, payer_no text) returns text
  language sql immutable parallel safe as $$
  select kind || '|' || product_id || '|' || case kind
    -- 短信通知 / 网银 …: once per customer and product, per bound account or once at customer level.
    when 'product_service' then customer_id::text || '|' || coalesce(account_id::text, '-')
    -- 第三方存管 …: once per account and partner (a card may serve several securities firms).
    when 'third_party' then account_id::text || '|' || upper(counterparty_code)
    -- 代发 / 代扣 …: once per account, paying/collecting unit and the customer's number there.
    when 'collection_payment' then account_id::text || '|' || upper(counterparty_code) || '|' || coalesce(upper(payer_no), '-')
    -- 约定转账 / 定投 …: once per account and target account (or fund / plan code).
    when 'transaction_behaviour' then account_id::text || '|' || upper(counterparty_account)
  end
$$;

create table signing (
  id                    bigint generated always as identity primary key,
  signing_no            varchar(15) not null unique check (signing_no ~ '^QY[0-9]{13}$'),
  kind                  varchar(25) not null check (kind in ('third_party', 'collection_payment', 'product_service', 'transaction_behaviour')),
  customer_id           bigint not null references customer(id),
  -- The signing product: the catalogue's 10-digit product id.
  product_id            varchar(10) not null references product(id),
  -- The account or card the signing is bound to; only a product/service signing may be customer-level.
  account_id            bigint references account(id),
  -- The partner: securities firm, paying/collecting unit, payee bank or fund.
  counterparty_code     varchar(20),
  counterparty_name     varchar(100),
  -- The counterparty's account: 约定转账 target account, 定投 fund / plan code, fund account at a broker.
  counterparty_account  varchar(32),
  -- The customer's number at the paying/collecting unit (缴费户号, 工号).
  payer_no              varchar(40),
  channel               varchar(20) not null check (channel in ('counter', 'atm', 'online_banking', 'mobile_banking', 'phone_banking', 'counterparty')),
  signed_on             date not null,
  status                varchar(10) not null default 'active' check (status in ('active', 'terminated')),
  terminated_on         date,
  termination_reason    varchar(200),
  -- Where it was signed (the registering user's institution).
  institution_id        integer not null references institution(id),
  dedupe_key            text not null generated always as (signing_dedupe_key(kind, customer_id, product_id, account_id, counterparty_code, counterparty_account, payer_no)) stored,
  created_by            integer references app_user(id),
  created_at            timestamptz not null default now(),
  terminated_by         integer references app_user(id),
  updated_at            timestamptz not null default now(),
  constraint signing_account_check check (account_id is not null or kind = 'product_service'),
  constraint signing_counterparty_check check (
    (kind <> 'third_party' or (counterparty_code is not null and counterparty_name is not null and payer_no is null))
    and (kind <> 'collection_payment' or (counterparty_code is not null and counterparty_name is not null))
    and (kind <> 'transaction_behaviour' or (counterparty_account is not null and payer_no is null))
    and (kind <> 'product_service' or (counterparty_code is null and counterparty_name is null and counterparty_account is null and payer_no is null))),
  constraint signing_terminated_check check (
    (status = 'terminated') = (terminated_on is not null)
    and (status = 'terminated') = (termination_reason is not null)
    and (terminated_on is null or terminated_on >= signed_on))
);
-- The de-duplication rule itself: terminated signings free their key.
create unique index signing_active_dedupe_idx on signing (dedupe_key) where status = 'active';
create index signing_customer_idx on signing (customer_id, kind);
create index signing_account_idx on signing (account_id) where status = 'active';

-- ACC-7: a change of a customer's limits on a channel is a new row from its effective date, never
-- an overwrite, so the limit a transaction was checked against can be read back. The one in force
-- on a day is the latest effective on or before it (the later entered on a tie). A NULL limit
-- means the customer has none of its own on that channel: the bank's channel-wide limit applies.
create table channel_limit (
  id                bigint generated always as identity primary key,
  customer_id       bigint not null references customer(id),
  channel           varchar(20) not null check (channel in ('counter', 'atm', 'pos', 'online_banking', 'mobile_banking', 'phone_banking', 'third_party_payment')),
  per_transaction   numeric(18,2) check (per_transaction >= 0),
  daily_amount      numeric(18,2) check (daily_amount >= 0),
  daily_count       integer check (daily_count between 0 and 1000000),
  annual_amount     numeric(18,2) check (annual_amount >= 0),
  effective_from    date not null,
  remark            varchar(200),
  created_by        integer references app_user(id),
  created_at        timestamptz not null default now(),
  constraint channel_limit_order_check check (
    (per_transaction is null or daily_amount is null or per_transaction <= daily_amount)
    and (daily_amount is null or annual_amount is null or daily_amount <= annual_amount)
    and (per_transaction is null or annual_amount is null or per_transaction <= annual_amount))
);
create index channel_limit_customer_idx on channel_limit (customer_id, channel, effective_from desc, id desc);
