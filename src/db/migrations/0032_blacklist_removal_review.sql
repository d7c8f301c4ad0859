-- Lifting a blacklist entry under review (issue 13 item 3, CIF-40): approval type
-- 'blacklist.remove'. Default steps: the information-review clerk (信息复核岗) of the maker's
-- institution checks it, then its head approves; a marketing team's requests go to its sub-branch.
insert into approval_step (workflow_type, institution_level, step_no, role_code, acting_institution, time_limit_days) values
  ('blacklist.remove', 0, 1, 'data_review_clerk', 'own', 2),
  ('blacklist.remove', 0, 2, 'institution_head', 'own', 3),
  ('blacklist.remove', 4, 1, 'data_review_clerk', 'parent', 2),
  ('blacklist.remove', 4, 2, 'institution_head', 'parent', 3);
