-- The relationship network shows each node's open alerts (a count per customer of a neighbourhood
-- of up to sixty customers); without an index on the customer every count read the whole table.
create index account_alert_open_customer_idx on account_alert (customer_id) where status = 'open';
