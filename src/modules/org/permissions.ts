// The permission catalogue: codes are `entity.action`, checked on every route before its handler
// runs. Seeded into the `permission` table at start so roles can reference them.
export interface PermissionDef { code: string; domain: string; zh: string; en: string }

export const PERMISSIONS: readonly PermissionDef[] = [
  { code: 'institution.read', domain: 'org', zh: '查看机构', en: 'View institutions' },
  { code: 'institution.manage', domain: 'org', zh: '维护机构', en: 'Maintain institutions' },
  { code: 'user.read', domain: 'org', zh: '查看用户', en: 'View users' },
  { code: 'user.manage', domain: 'org', zh: '维护用户', en: 'Maintain users' },
  { code: 'role.read', domain: 'org', zh: '查看角色', en: 'View roles' },
  { code: 'role.manage', domain: 'org', zh: '维护角色', en: 'Maintain roles' },
  { code: 'role.grant', domain: 'org', zh: '授予角色', en: 'Grant roles to users' },
  { code: 'apitoken.manage', domain: 'auth', zh: '管理接口令牌', en: 'Manage API tokens' },
  { code: 'audit.read', domain: 'audit', zh: '查询审计日志', en: 'Read the audit log' },
  { code: 'codetable.manage', domain: 'platform', zh: '维护代码表', en: 'Maintain code tables' },
  { code: 'calendar.manage', domain: 'platform', zh: '维护工作日历', en: 'Maintain the working-day calendar' },
  { code: 'approval.steps.manage', domain: 'platform', zh: '设置审批步骤', en: 'Set approval steps' },
  { code: 'completeness.rules.manage', domain: 'platform', zh: '维护信息完整性规则', en: 'Maintain information completeness rules' },
  { code: 'setting.manage', domain: 'platform', zh: '维护系统参数', en: 'Maintain system settings' },
  // IT operations reading whether e-mails and text messages went out: not the right to change settings.
  { code: 'notification.delivery.read', domain: 'platform', zh: '查看通知发送记录', en: 'Read the notification delivery log' },
  // Customer domain (CIF): the codes exist now so roles can be defined once.
  { code: 'customer.read', domain: 'customer', zh: '查看客户', en: 'View customers' },
  { code: 'customer.sensitive.read', domain: 'customer', zh: '查看客户敏感信息', en: 'View unmasked personal data' },
  { code: 'customer.manage', domain: 'customer', zh: '录入客户信息', en: 'Enter customer information' },
  { code: 'customer.review', domain: 'customer', zh: '复核客户信息', en: 'Review customer information' },
  { code: 'customer.assign', domain: 'customer', zh: '客户分配', en: 'Assign customers to managers' },
  { code: 'customer.transfer.apply', domain: 'customer', zh: '申请客户转移', en: 'Apply for customer transfer' },
  { code: 'customer.transfer.approve', domain: 'customer', zh: '客户转移审批', en: 'Approve customer transfers' },
  { code: 'customer.transfer.confirm', domain: 'customer', zh: '客户转移确认', en: 'Confirm customer transfers' },
  { code: 'customer.scale.apply', domain: 'customer', zh: '申请调整规模属性', en: 'Apply for scale-attribute changes' },
  { code: 'customer.scale.approve', domain: 'customer', zh: '规模属性审批', en: 'Approve scale-attribute changes' },
  { code: 'customer.scale.confirm', domain: 'customer', zh: '规模属性确认', en: 'Confirm scale-attribute changes' },
  { code: 'blacklist.manage', domain: 'customer', zh: '维护黑名单', en: 'Maintain the blacklist' },
  { code: 'customer.merge', domain: 'customer', zh: '合并重复客户', en: 'Merge duplicate customers' },
  { code: 'group.manage', domain: 'customer', zh: '集团客户关系维护', en: 'Maintain group-customer relations' },
  { code: 'performance.allocate', domain: 'performance', zh: '业绩分配', en: 'Allocate performance' },
  { code: 'performance.read', domain: 'performance', zh: '查看业绩', en: 'View performance' },
  { code: 'performance.read.own', domain: 'performance', zh: '查看本人业绩', en: 'View own performance' },
  { code: 'report.read', domain: 'report', zh: '报表查询', en: 'Query reports' },
  { code: 'product.read', domain: 'product', zh: '查看产品', en: 'View products' },
  { code: 'product.manage', domain: 'product', zh: '维护产品目录和利率', en: 'Maintain the product catalogue and rates' },
  { code: 'feed.read', domain: 'platform', zh: '查看数据下发', en: 'View daily feed runs' },
  { code: 'feed.manage', domain: 'platform', zh: '加载数据下发', en: 'Load the daily feed' },
  { code: 'signing.manage', domain: 'product', zh: '签约登记维护', en: 'Register and terminate signings' },
  { code: 'limit.manage', domain: 'product', zh: '渠道限额维护', en: 'Set customer channel limits' },
  // The head of an institution answers for the account alerts of its customers nobody manages
  // (docs/account-alerts.md, "Who sees them").
  { code: 'alert.unassigned.handle', domain: 'customer', zh: '处理无管户客户的账户预警', en: 'Handle account alerts of customers without a manager' },
  { code: 'marketing.task.issue', domain: 'marketing', zh: '下达营销任务', en: 'Issue marketing tasks' },
  { code: 'sme.collect', domain: 'sme', zh: '中小客户收集', en: 'SME: collect' },
  { code: 'sme.screen', domain: 'sme', zh: '中小客户筛选', en: 'SME: screen' },
  { code: 'sme.reassign', domain: 'sme', zh: '中小客户改派', en: 'SME: reassign' },
  { code: 'sme.phone_schedule', domain: 'sme', zh: '电访安排', en: 'SME: schedule phone visits' },
  { code: 'sme.visit', domain: 'sme', zh: '中小客户拜访', en: 'SME: visit' },
  { code: 'sme.marketing', domain: 'sme', zh: '营销安排', en: 'SME: arrange marketing' },
  // Document transfer and archive (docs/documents.md)
  { code: 'document.submit', domain: 'document', zh: '单证传递提交', en: 'Send documents to the processing centre' },
  { code: 'document.process', domain: 'document', zh: '单证接收与信息录入', en: 'Receive documents and key their information' },
  { code: 'archive.manage', domain: 'document', zh: '档案管理', en: 'Manage the paper archive' },
];

export const PERMISSION_CODES = new Set(PERMISSIONS.map((p) => p.code));

/**
 * Any permission that changes something: what a route asks for when the work itself is authorised
 * elsewhere (a to-do's assignee, an approval step's role), so read-only roles — the auditor, report
 * query (USR-11) — can never act.
 */
export const WORK_PERMISSIONS = PERMISSIONS.map((p) => p.code).filter((c) => !/\.read(\.own)?$/.test(c));

/**
 * Permissions the grantor of a role must not hold at the same time as audit reading (USR-11):
 * whoever administers users and roles cannot read the log that records what they did.
 */
export const ADMINISTRATION_PERMISSIONS = ['user.manage', 'role.manage', 'role.grant'] as const;
