// Built-in roles of USR-3…USR-7 and the two system roles. Re-synchronised at every start, so
// their permissions are what this file says; banks define their own variations as custom roles.
export interface BuiltinRole {
  code: string; zh: string; en: string;
  category: 'system' | 'management' | 'sme' | 'manager' | 'product' | 'non_corporate';
  dataScope: 'institution' | 'own';
  permissions: string[];
}

const VIEW = ['institution.read', 'user.read', 'role.read'];
const CUSTOMER_VIEW = ['customer.read', 'product.read', 'report.read'];

export const BUILTIN_ROLES: readonly BuiltinRole[] = [
  { code: 'head_office_admin', zh: '总行系统管理员', en: 'Head-office system administrator', category: 'system', dataScope: 'institution',
    permissions: [...VIEW, 'institution.manage', 'user.manage', 'role.manage', 'role.grant', 'apitoken.manage', 'codetable.manage', 'calendar.manage', 'setting.manage', 'notification.delivery.read', 'approval.steps.manage', 'completeness.rules.manage', 'product.read', 'product.manage', 'feed.read', 'feed.manage'] },
  { code: 'auditor', zh: '审计员', en: 'Auditor', category: 'system', dataScope: 'institution',
    permissions: [...VIEW, 'audit.read'] },
  // USR-3 management roles
  { code: 'institution_head', zh: '机构负责人', en: 'Institution head', category: 'management', dataScope: 'institution',
    permissions: [...VIEW, ...CUSTOMER_VIEW, 'customer.sensitive.read', 'customer.transfer.apply', 'customer.transfer.approve', 'customer.scale.approve', 'performance.read', 'marketing.task.issue', 'alert.unassigned.handle'] },
  { code: 'branch_admin', zh: '分行系统管理岗', en: 'Branch system administrator', category: 'management', dataScope: 'institution',
    permissions: [...VIEW, 'institution.manage', 'user.manage', 'role.grant', 'customer.read', 'customer.transfer.confirm', 'customer.scale.confirm', 'calendar.manage', 'blacklist.manage', 'customer.merge'] },
  { code: 'customer_assignment', zh: '客户分配岗', en: 'Customer assignment', category: 'management', dataScope: 'institution',
    permissions: [...VIEW, 'customer.read', 'customer.assign'] },
  { code: 'performance_allocation', zh: '业绩分配岗', en: 'Performance allocation', category: 'management', dataScope: 'institution',
    permissions: [...VIEW, 'customer.read', 'performance.read', 'performance.allocate'] },
  { code: 'transfer_approval', zh: '客户转移审批生效岗', en: 'Customer-transfer approval', category: 'management', dataScope: 'institution',
    permissions: [...VIEW, 'customer.read', 'customer.transfer.approve'] },
  { code: 'transfer_confirmation', zh: '客户转移确认生效岗', en: 'Customer-transfer confirmation', category: 'management', dataScope: 'institution',
    permissions: [...VIEW, 'customer.read', 'customer.transfer.confirm'] },
  { code: 'scale_approval', zh: '客户规模属性审批生效岗', en: 'Scale-attribute approval', category: 'management', dataScope: 'institution',
    permissions: [...VIEW, 'customer.read', 'customer.scale.approve'] },
  { code: 'scale_confirmation', zh: '客户规模属性确认生效岗', en: 'Scale-attribute confirmation', category: 'management', dataScope: 'institution',
    permissions: [...VIEW, 'customer.read', 'customer.scale.confirm'] },
  { code: 'report_query', zh: '报表查询岗', en: 'Report query', category: 'management', dataScope: 'institution',
    permissions: ['institution.read', 'report.read', 'performance.read'] },
  { code: 'group_relationship', zh: '集团客户关系维护岗', en: 'Group-customer relationship maintenance', category: 'management', dataScope: 'institution',
    permissions: [...VIEW, 'customer.read', 'group.manage'] },
  // USR-4 SME dedicated-process roles
  { code: 'sme_reassign', zh: '中小企业改派岗', en: 'SME reassignment', category: 'sme', dataScope: 'institution', permissions: ['institution.read', 'customer.read', 'sme.reassign'] },
  { code: 'sme_visit', zh: '中小企业拜访岗', en: 'SME visit', category: 'sme', dataScope: 'own', permissions: ['institution.read', 'customer.read', 'sme.visit'] },
  { code: 'sme_collect', zh: '中小企业收集岗', en: 'SME collection', category: 'sme', dataScope: 'institution', permissions: ['institution.read', 'customer.read', 'sme.collect'] },
  { code: 'sme_phone_schedule', zh: '电访安排岗', en: 'SME phone-visit scheduling', category: 'sme', dataScope: 'institution', permissions: ['institution.read', 'customer.read', 'sme.phone_schedule'] },
  { code: 'sme_screen', zh: '中小企业筛选岗', en: 'SME screening', category: 'sme', dataScope: 'institution', permissions: ['institution.read', 'customer.read', 'sme.screen'] },
  { code: 'sme_marketing', zh: '营销安排岗', en: 'SME marketing arrangement', category: 'sme', dataScope: 'institution', permissions: ['institution.read', 'customer.read', 'sme.marketing'] },
  // USR-5 customer managers
  { code: 'primary_manager', zh: '主办客户经理', en: 'Primary customer manager', category: 'manager', dataScope: 'own',
    permissions: ['institution.read', ...CUSTOMER_VIEW, 'customer.sensitive.read', 'customer.manage', 'customer.transfer.apply', 'customer.scale.apply', 'performance.read.own'] },
  { code: 'assisting_manager', zh: '协办客户经理', en: 'Assisting customer manager', category: 'manager', dataScope: 'own',
    permissions: ['institution.read', ...CUSTOMER_VIEW, 'customer.manage', 'performance.read.own'] },
  { code: 'manager_assistant', zh: '客户经理助理', en: "Customer manager's assistant", category: 'manager', dataScope: 'own',
    permissions: ['institution.read', 'customer.read', 'customer.manage'] },
  // back office (CIF-40): entry and review are separate roles so maker ≠ checker by construction too
  { code: 'data_entry_clerk', zh: '信息录入岗', en: 'Data-entry clerk', category: 'management', dataScope: 'institution',
    // signing.manage, limit.manage: signings and channel limits are registered where the customer signs, at the counter (ACC-6, ACC-7)
    permissions: ['institution.read', 'customer.read', 'customer.manage', 'signing.manage', 'limit.manage', 'document.submit', 'document.process', 'archive.manage'] },
  { code: 'data_review_clerk', zh: '信息复核岗', en: 'Data-review clerk', category: 'management', dataScope: 'institution',
    permissions: ['institution.read', 'customer.read', 'customer.sensitive.read', 'customer.review', 'blacklist.manage', 'customer.merge', 'archive.manage'] },
  // USR-6, USR-7
  { code: 'product_manager', zh: '产品经理', en: 'Product manager', category: 'product', dataScope: 'institution',
    permissions: ['institution.read', 'customer.read', 'product.read', 'product.manage', 'report.read', 'marketing.task.issue'] },
  { code: 'non_corporate_user', zh: '非公司条线用户', en: 'Non-corporate-line user', category: 'non_corporate', dataScope: 'own',
    permissions: ['performance.read.own'] },
];
