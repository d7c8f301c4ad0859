-- Scale attribute (CIF-27, REL-23, issue 14 item 4): large / medium / small / micro by the national
-- SME classification (工信部联企业〔2011〕300号《中小企业划型标准规定》). The thresholds are data
-- a head office may adjust when the standard is revised; the CRM computes a suggestion from the
-- customer's industry and latest annual financial statement, and the attribute itself changes only
-- through the approval type 'customer.scale' (manager applies → 规模属性审批生效岗 approves →
-- 规模属性确认生效岗 confirms, seed 000 §三(八)).

-- 从业人员: the year-end headcount belongs with the annual figures the standard reads beside it.
alter table financial_statement add column employees integer check (employees between 0 and 10000000);

-- One row per industry category of the standard. industries: GB/T 4754-2017 codes (division
-- '51', group '701') the category covers; the longest matching prefix of a customer's industry
-- code wins. thresholds: for large, medium and small the minimum of each metric
-- (employees: persons; revenue, totalAssets: yuan); a customer is of the first size whose every
-- minimum he reaches ("须同时满足所列指标的下限，否则下划一档"), micro otherwise.
create table sme_scale_rule (
  category    varchar(24) primary key,
  name_zh     varchar(40) not null,
  name_en     varchar(60) not null,
  sort_order  smallint not null,
  industries  text[] not null,
  thresholds  jsonb not null,
  updated_by  integer references app_user(id),
  updated_at  timestamptz not null default now(),
  version     integer not null default 1
);

insert into sme_scale_rule (category, name_zh, name_en, sort_order, industries, thresholds) values
  ('agriculture', '农、林、牧、渔业', 'Agriculture, forestry, animal husbandry and fishery', 1,
    array['01','02','03','04','05'],
    '{"large":{"revenue":200000000},"medium":{"revenue":5000000},"small":{"revenue":500000}}'),
  ('industry', '工业', 'Industry (mining, manufacturing, utilities)', 2,
    array['06','07','08','09','10','11','12','13','14','15','16','17','18','19','20','21','22','23','24','25','26','27','28','29','30','31','32','33','34','35','36','37','38','39','40','41','42','43','44','45','46'],
    '{"large":{"employees":1000,"revenue":400000000},"medium":{"employees":300,"revenue":20000000},"small":{"employees":20,"revenue":3000000}}'),
  ('construction', '建筑业', 'Construction', 3,
    array['47','48','49','50'],
    '{"large":{"revenue":800000000,"totalAssets":800000000},"medium":{"revenue":60000000,"totalAssets":50000000},"small":{"revenue":3000000,"totalAssets":3000000}}'),
  ('wholesale', '批发业', 'Wholesale', 4, array['51'],
    '{"large":{"employees":200,"revenue":400000000},"medium":{"employees":20,"revenue":50000000},"small":{"employees":5,"revenue":10000000}}'),
  ('retail', '零售业', 'Retail', 5, array['52'],
    '{"large":{"employees":300,"revenue":200000000},"medium":{"employees":50,"revenue":5000000},"small":{"employees":10,"revenue":1000000}}'),
  -- Railway transport (53) is outside the standard ("交通运输业（不含铁路运输业）"): no suggestion.
  ('transport', '交通运输业', 'Transport (except railways)', 6, array['54','55','56','57','58'],
    '{"large":{"employees":1000,"revenue":300000000},"medium":{"employees":300,"revenue":30000000},"small":{"employees":20,"revenue":2000000}}'),
  ('warehousing', '仓储业', 'Warehousing', 7, array['59'],
    '{"large":{"employees":200,"revenue":300000000},"medium":{"employees":100,"revenue":10000000},"small":{"employees":20,"revenue":1000000}}'),
  ('postal', '邮政业', 'Postal services', 8, array['60'],
    '{"large":{"employees":1000,"revenue":300000000},"medium":{"employees":300,"revenue":20000000},"small":{"employees":20,"revenue":1000000}}'),
  ('accommodation', '住宿业', 'Accommodation', 9, array['61'],
    '{"large":{"employees":300,"revenue":100000000},"medium":{"employees":100,"revenue":20000000},"small":{"employees":10,"revenue":1000000}}'),
  ('catering', '餐饮业', 'Catering', 10, array['62'],
    '{"large":{"employees":300,"revenue":100000000},"medium":{"employees":100,"revenue":20000000},"small":{"employees":10,"revenue":1000000}}'),
  ('telecom', '信息传输业', 'Information transmission', 11, array['63','64'],
    '{"large":{"employees":2000,"revenue":1000000000},"medium":{"employees":100,"revenue":10000000},"small":{"employees":10,"revenue":1000000}}'),
  ('software', '软件和信息技术服务业', 'Software and IT services', 12, array['65'],
    '{"large":{"employees":300,"revenue":100000000},"medium":{"employees":100,"revenue":10000000},"small":{"employees":10,"revenue":500000}}'),
  ('real_estate', '房地产开发经营', 'Real-estate development', 13, array['701'],
    '{"large":{"revenue":2000000000,"totalAssets":100000000},"medium":{"revenue":10000000,"totalAssets":50000000},"small":{"revenue":1000000,"totalAssets":20000000}}'),
  ('property', '物业管理', 'Property management', 14, array['702'],
    '{"large":{"employees":1000,"revenue":50000000},"medium":{"employees":300,"revenue":10000000},"small":{"employees":100,"revenue":5000000}}'),
  ('leasing', '租赁和商务服务业', 'Leasing and business services', 15, array['71','72'],
    '{"large":{"employees":300,"totalAssets":1200000000},"medium":{"employees":100,"totalAssets":80000000},"small":{"employees":10,"totalAssets":1000000}}'),
  -- Finance (J 66–69) has its own standard (银发〔2015〕309号); public administration and
  -- international organisations (S, T) are not enterprises: neither is listed.
  ('other', '其他未列明行业', 'Other industries not listed', 16,
    array['70','73','74','75','76','77','78','79','80','81','82','83','84','85','86','87','88','89','90'],
    '{"large":{"employees":300},"medium":{"employees":100},"small":{"employees":10}}');

-- Default steps (seed 000 §三(八)): the customer manager applies, the scale-attribute approver
-- (规模属性审批生效岗) of the marketing institution approves, the branch's confirmer (规模属性确认生效岗) confirms.
insert into approval_step (workflow_type, institution_level, step_no, role_code, acting_institution, time_limit_days) values
  ('customer.scale', 0, 1, 'scale_approval', 'own', 3),
  ('customer.scale', 0, 2, 'scale_confirmation', 'own', 3);
