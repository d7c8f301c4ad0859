-- Merging two customer records under review (issue 13 item 3, CIF-40): approval type
-- 'customer.merge'. A merge retires a customer number and moves everything attached for good, so
-- it gets the same two steps as lifting a blacklist entry: the information-review clerk (信息复核岗)
-- of the maker's institution compares the two records, then its head approves; a marketing team's
-- requests go to its sub-branch.
insert into approval_step (workflow_type, institution_level, step_no, role_code, acting_institution, time_limit_days) values
  ('customer.merge', 0, 1, 'data_review_clerk', 'own', 2),
  ('customer.merge', 0, 2, 'institution_head', 'own', 3),
  ('customer.merge', 4, 1, 'data_review_clerk', 'parent', 2),
  ('customer.merge', 4, 2, 'institution_head', 'parent', 3);

-- The record that stays is named in the payload (`survivorId`), not as the subject: its "under
-- review" mark (approvals' listOpenFor) finds the open merge through this index, as 0031's finds
-- a payload's customerId. Only open requests, so the index stays small.
create index approval_request_open_survivor_idx on approval_request ((payload->>'survivorId'))
  where status in ('pending', 'returned');

-- Opening a customer under review ('customer.open'; customers.information_review.opening, by
-- default corporate openings): one step, like a keyed change of customer information — the
-- information-review clerk of the maker's institution checks the entry against the papers; a
-- marketing team's openings go to its sub-branch.
insert into approval_step (workflow_type, institution_level, step_no, role_code, acting_institution, time_limit_days) values
  ('customer.open', 0, 1, 'data_review_clerk', 'own', 2),
  ('customer.open', 4, 1, 'data_review_clerk', 'parent', 2);
