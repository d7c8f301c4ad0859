-- The audit chain's head in one round trip: take the chain's lock (7301002, held to the end of
-- the transaction), then read the newest row's hash. A volatile PL/pgSQL function runs each
-- statement under a fresh snapshot, so the read sees a row committed by the transaction that
-- held the lock while this one waited: the same guarantee as the two statements it replaces.
create function audit_chain_head() returns text language plpgsql volatile as $$
declare
  head text;
begin
  perform pg_advisory_xact_lock(7301002);
  select hash into head from audit_log order by id desc limit 1;
  return head;
end;
$$;
