// Messages of the transfer of primary rights (主办权转移, REL-22).
import type { MessageBundle } from '../../../common/i18n/i18n.ts';

export const transferMessages: MessageBundle = {
  'zh-CN': {
    'approvals.type.customer.transfer': '客户主办权移交',
    'managers.transfer.same_manager': '移入客户经理与移出客户经理是同一人',
    'managers.transfer.own_customers_only': '客户经理只能申请移交本人主办的客户；移交他人的客户请由机构负责人发起',
    'managers.transfer.effective_past': '生效日期不能早于当前营业日 {{today}}',
    'managers.transfer.effective_too_far': '生效日期不能晚于 {{latest}}（一年内）',
    'managers.transfer.customers_out_of_scope': '{{count}} 个所选客户不存在、已注销或不在您的管辖范围内：{{ids}}；本次移交未提交',
    'managers.transfer.not_primary': '以下客户当前的主办客户经理不是移出客户经理，或已有待生效的主办变更：{{ids}}',
    'managers.transfer.no_customers': '移出客户经理当前没有您管辖范围内主办的客户',
    'managers.transfer.too_many': '移出客户经理主办的客户超过 {{max}} 户，请分批选择客户移交',
  },
  'en-US': {
    'approvals.type.customer.transfer': 'Transfer of primary rights',
    'managers.transfer.same_manager': 'The receiving manager is the transferring manager',
    'managers.transfer.own_customers_only': 'A customer manager may transfer only customers he is the primary manager of; an institution head files transfers of others\' customers',
    'managers.transfer.effective_past': 'The effective date cannot be before the business date {{today}}',
    'managers.transfer.effective_too_far': 'The effective date cannot be after {{latest}} (within one year)',
    'managers.transfer.customers_out_of_scope': '{{count}} selected customers do not exist, are not active or are outside your scope: {{ids}}; nothing was submitted',
    'managers.transfer.not_primary': 'The transferring manager is not the primary manager in force of these customers, or a change of primary is already scheduled: {{ids}}',
    'managers.transfer.no_customers': 'The transferring manager is the primary manager of no customer in your scope',
    'managers.transfer.too_many': 'The transferring manager has more than {{max}} customers; transfer them in several selections',
  },
};
