-- What the customer relation screens need beyond 0003: addresses (CIF-4), blacklist (CIF-5),
-- risk assessments (CIF-6), likely duplicates and merging (CIF-1).

-- CIF-4: one primary address per type, enforced by the database so two clerks cannot race past
-- the rule; a version for optimistic locking of address edits.
alter table customer_address add column version integer not null default 1;
create unique index customer_address_primary_key on customer_address (customer_id, address_type) where is_primary;

-- CIF-5: an entry ends after its last day, which cannot precede its first. The daily expiry job
-- reads open entries by expiry date; the bank-wide list pages by listing date.
alter table blacklist_entry add constraint blacklist_entry_dates_check check (expires_on is null or expires_on > listed_on);
create index blacklist_entry_open_expiry_idx on blacklist_entry (expires_on) where removed_on is null;
create index blacklist_entry_listed_idx on blacklist_entry (listed_on desc, id desc);

-- CIF-6: the same rules the service applies, kept by the database for rows other paths write.
alter table risk_assessment add constraint risk_assessment_dates_check check (valid_until > assessed_on);
alter table risk_assessment add constraint risk_assessment_score_check check (score is null or score between 0 and 100);

-- CIF-1: why a reviewer decided two records are different people; open flags of one customer
-- (the pair index only serves lookups of a whole pair).
alter table customer_duplicate add column resolution_reason varchar(200);
create index customer_duplicate_customer_open_idx on customer_duplicate (customer_id) where status = 'open';
create index customer_duplicate_other_open_idx on customer_duplicate (other_id) where status = 'open';

-- Records merged into a customer: its history view unions theirs.
create index customer_merged_into_idx on customer (merged_into) where merged_into is not null;

-- The few flagged customers, for the expiry job and the "blacklisted only" search filter.
create index customer_blacklisted_idx on customer (id) where blacklisted;
