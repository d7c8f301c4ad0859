-- One person approves at most one step of a request's round (issue 13: the same person at two
-- steps is refused). Kept by the database rather than by a read before the decision: it holds
-- under any interleaving of concurrent decisions, and the decision needs one round trip less.
create unique index approval_decision_one_approval_idx on approval_decision (request_id, round, actor_id) where decision = 'approve';
