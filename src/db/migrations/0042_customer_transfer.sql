-- Transfer of primary rights (主办权转移, REL-22, issue 14 item 3; seed 000 §三(九)): "由客户经理
-- 在系统内发起申请，各营销机构负责人进行审批，分行系统管理员确认后生效，跨行部转移由分行系统管理员
-- 征询转出行意见后确认". An approval type 'customer.transfer'; its steps act at institutions named
-- by the request itself (the transferring-out and the receiving institution), not the maker's, and
-- the consultation of the transferring-out institution is a step only when the two differ.

-- Steps may act at an institution the request names ("party"): 'own' and 'parent' stay the
-- maker's institution and its parent; any other name is a party the workflow type declares
-- (customer.transfer: 'transferring_out', 'receiving'). A step with only_when is in the plan only
-- when the request meets that condition (customer.transfer: 'cross_institution').
alter table approval_step drop constraint approval_step_acting_institution_check;
alter table approval_step alter column acting_institution type varchar(24);
alter table approval_step add constraint approval_step_acting_institution_check
  check (acting_institution ~ '^[a-z][a-z_]{1,23}$');
alter table approval_step add column only_when varchar(40) check (only_when ~ '^[a-z][a-z_]{1,39}$');

-- A transfer's relations are written as an assignment batch (customer_assignment) that names the
-- request and its maker: who gave the customer to whom, and who approved it, from the relation row.
-- A transfer effective on a later date moves the customer's managing institution on that date:
-- institution_moved_at stays null until then (the day-start job 'transfer-institution').
alter table customer_assignment
  add column approval_request_id  bigint references approval_request(id),
  add column maker_id             integer references app_user(id),
  add column institution_moved_at timestamptz;
create index customer_assignment_institution_due_idx on customer_assignment (effective_on)
  where approval_request_id is not null and institution_moved_at is null;

-- Default steps: the transferring-out institution's head (机构负责人) is consulted first when the
-- receiving manager is homed elsewhere; the receiving marketing institution's 客户转移审批生效岗
-- approves; the branch's 客户转移确认生效岗 (the branch administrator's post) confirms. "At the
-- receiving institution" means any holder of the role whose charge contains it — the branch's
-- confirmer for a team of his branch.
insert into approval_step (workflow_type, institution_level, step_no, role_code, acting_institution, time_limit_days, only_when) values
  ('customer.transfer', 0, 1, 'institution_head', 'transferring_out', 3, 'cross_institution'),
  ('customer.transfer', 0, 2, 'transfer_approval', 'receiving', 3, null),
  ('customer.transfer', 0, 3, 'transfer_confirmation', 'receiving', 3, null);
