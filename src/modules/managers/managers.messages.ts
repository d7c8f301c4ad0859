// Messages of management relations and customer assignment.
import type { MessageBundle } from '../../common/i18n/i18n.ts';

export const managersMessages: MessageBundle = {
  'zh-CN': {
    'managers.assign.manager_inactive': '该用户已停用或离职，不能分配客户',
    'managers.responsibility.amount_format': '金额应为不超过 16 位整数、2 位小数的非负数',
    'approvals.type.performance.allocation': '业绩分配',
    'performance.share_format': '比例应为大于 0、不超过 100 的数，最多 2 位小数',
    'performance.sum_not_100': '各人分配比例之和应为 100%，现为 {{sum}}%',
    'performance.manager_twice': '同一人只能出现一次',
    'performance.person_inactive': '以下用户不存在、已停用或离职，不能分配业绩：{{ids}}',
    'performance.effective_past': '生效日期不能早于今天（{{today}}）',
    'performance.effective_too_far': '生效日期不能晚于 {{latest}}',
    'managers.responsibility.not_ascending': '各层级门槛应逐级递增：总行领导 > 营业单位负责人 > 客户经理 > 0',
    'managers.responsibility.export_too_many': '符合条件的客户超过 {{max}} 户，请缩小范围后再导出',
    'managers.assign.not_a_manager': '该用户不是客户经理（需有客户经理类角色），不能分配客户',
    'managers.assign.customers_out_of_scope': '{{count}} 个所选客户不存在、已注销或不在您的管辖范围内：{{ids}}；本次分配未执行',
    'managers.assign.count_changed': '预览时为 {{expected}} 户，现在符合条件的是 {{actual}} 户；请重新预览后再确认',
    'managers.assign.is_primary': '该客户经理是以下客户的主办客户经理，不能改为协办或助理（请先办理主办权转移）：{{ids}}',
  },
  'en-US': {
    'managers.assign.manager_inactive': 'This user is disabled or has left; customers cannot be assigned to him',
    'managers.responsibility.amount_format': 'An amount is a non-negative number of at most 16 digits and 2 decimals',
    'approvals.type.performance.allocation': 'Performance allocation',
    'performance.share_format': 'A share is a number above 0 and at most 100, with at most 2 decimals',
    'performance.sum_not_100': 'The shares must add up to 100 %; they add up to {{sum}} %',
    'performance.manager_twice': 'A person may appear only once',
    'performance.person_inactive': 'These users do not exist, are disabled or have left; no performance can go to them: {{ids}}',
    'performance.effective_past': 'The effective date cannot be before today ({{today}})',
    'performance.effective_too_far': 'The effective date cannot be after {{latest}}',
    'managers.responsibility.not_ascending': 'Each level\'s threshold must be above the next: head office > outlet head > customer manager > 0',
    'managers.responsibility.export_too_many': 'More than {{max}} customers match: narrow the selection before exporting',
    'managers.assign.not_a_manager': 'This user holds no customer-manager role; customers cannot be assigned to him',
    'managers.assign.customers_out_of_scope': '{{count}} selected customers do not exist, are not active or are outside your scope: {{ids}}; nothing was assigned',
    'managers.assign.count_changed': 'The preview counted {{expected}} customers, {{actual}} match now; preview again before confirming',
    'managers.assign.is_primary': 'This manager is the primary manager of these customers and cannot become assisting manager or assistant (transfer the primary rights first): {{ids}}',
  },
};
