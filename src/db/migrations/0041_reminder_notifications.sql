-- Reminders and alerts as notifications (PLAT-4, issue 13 items 2 and 8). The daily jobs that raise
-- certificate expiry reminders, completeness overdue to-dos, archive overdue reminders and the
-- feed's account alerts now also tell the person responsible, by inbox, e-mail and SMS.
--
-- A job runs again (a retry, a second instance, a manual run, a reloaded day): the notification
-- must not. The reminder's own key — the to-do's dedupe key, or the alert's business date — is
-- stored with the notification, and one notification per kind, item, key and recipient is
-- enforced here; the jobs insert with `on conflict do nothing`, and the outbox rows are written
-- only for the rows that insert returned, so a re-run sends no e-mail and no text a second time.
-- Approval notifications carry no key (null): each approval event is its own statement's write.
alter table notification add column dedupe_key varchar(120);
create unique index notification_once_key on notification (kind, entity_id, user_id, dedupe_key) where dedupe_key is not null;

-- The maturity warnings a day's feed raised or reopened (business_date = that day): read once per
-- day to notify, without scanning every warning ever kept.
create index account_alert_open_maturity_day_idx on account_alert (business_date) where kind = 'maturity' and status = 'open';
