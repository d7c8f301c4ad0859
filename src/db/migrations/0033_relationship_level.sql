-- REL-10, REL-11: the customer–bank relationship level (客户关系形态): 1 离散 discrete, 2 松散 loose,
-- 3 密切 close, 4 紧密 tight, 5 战略合作伙伴 strategic partner. Computed each business day from the
-- book (network/level/level.service.ts); a customer's row changes only when his level does, and
-- each change is a row of the history (what moved that day).
create table customer_relationship_level (
  customer_id    bigint primary key references customer(id),
  level          smallint not null check (level between 1 and 5),
  score          numeric(6, 2) not null,
  -- the business date whose computation gave this level (the first day at it)
  since          date not null
);
create index customer_relationship_level_level_idx on customer_relationship_level (level);

create table customer_relationship_level_history (
  customer_id    bigint not null references customer(id),
  business_date  date not null,
  level_from     smallint check (level_from between 1 and 5),
  level_to       smallint not null check (level_to between 1 and 5),
  score          numeric(6, 2) not null,
  primary key (customer_id, business_date)
);
create index customer_relationship_level_history_date_idx on customer_relationship_level_history (business_date);
