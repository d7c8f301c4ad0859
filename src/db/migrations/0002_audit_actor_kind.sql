-- 'anonymous' (a failed sign-in under an unknown name) is nine characters; 0001 allowed eight.
alter table audit_log alter column actor_kind type varchar(12);
