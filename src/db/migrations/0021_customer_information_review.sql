-- Maker-checker on customer information (issue 13 item 3, CIF-40): a key-field or identity
-- document change of a customer under review is an approval request of type 'customer.information';
-- when its last step approves, the change enters the field history naming the request, the maker
-- (who keyed it) and the checker (who approved it). changed_by stays the person whose act made the
-- change take effect: the checker.
alter table customer_history add column approval_request_id bigint references approval_request(id);
alter table customer_history add column maker_id integer references app_user(id);
alter table customer_history add column checker_id integer references app_user(id);

-- Default steps: the entry clerk submits, the information-review clerk (信息复核岗) of the maker's
-- institution reviews; a marketing team's entries go to its sub-branch's reviewer.
insert into approval_step (workflow_type, institution_level, step_no, role_code, acting_institution, time_limit_days) values
  ('customer.information', 0, 1, 'data_review_clerk', 'own', 2),
  ('customer.information', 4, 1, 'data_review_clerk', 'parent', 2);
