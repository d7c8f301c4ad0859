-- Failed sign-ins per network address (issue 12): after too many from one address within the
-- policy's window, sign-in from there waits (429) before any password is checked. One row per
-- address and window, in the database so that every app instance counts the same failures.
create table login_throttle (
  client_ip          varchar(64) primary key,
  window_started_at  timestamptz not null,
  failures           integer not null check (failures > 0)
);
-- Windows long over are deleted as failures come in.
create index login_throttle_window_idx on login_throttle (window_started_at);
