import type { MessageBundle } from '../../common/i18n/i18n.ts';

// The text of each notification kind: the inbox, the e-mail subject and body, and the SMS text
// (whose gateway template receives the same params) are rendered from these.
export const notificationMessages: MessageBundle = {
  'zh-CN': {
    'notifications.kind.approval.submitted': '待您审批：{{label}}（申请编号 {{requestId}}，第 {{step}} 步，{{due}} 前办理）',
    'notifications.kind.approval.returned': '您提交的申请已被退回：{{label}}（申请编号 {{requestId}}），原因：{{reason}}',
    'notifications.kind.approval.approved': '您提交的申请已审批通过并生效：{{label}}（申请编号 {{requestId}}）',
    'notifications.kind.approval.rejected': '您提交的申请已被拒绝：{{label}}（申请编号 {{requestId}}），原因：{{reason}}',
    'notifications.kind_name.approval.submitted': '审批待办',
    'notifications.kind_name.approval.returned': '申请被退回',
    'notifications.kind_name.approval.approved': '申请已通过',
    'notifications.kind_name.approval.rejected': '申请被拒绝',
    'notifications.email.subject': '【银行客户关系管理系统】{{kind}}',
    'notifications.not_found': '通知不存在',
    'notifications.kind_unknown': '未知的通知类型：{{kind}}',
    'notifications.channel_not_configured': '未配置{{channel}}通道',
  },
  'en-US': {
    'notifications.kind.approval.submitted': 'Waiting for your approval: {{label}} (request {{requestId}}, step {{step}}, due {{due}})',
    'notifications.kind.approval.returned': 'Your request was returned: {{label}} (request {{requestId}}); reason: {{reason}}',
    'notifications.kind.approval.approved': 'Your request was approved and applied: {{label}} (request {{requestId}})',
    'notifications.kind.approval.rejected': 'Your request was rejected: {{label}} (request {{requestId}}); reason: {{reason}}',
    'notifications.kind_name.approval.submitted': 'Approval waiting',
    'notifications.kind_name.approval.returned': 'Request returned',
    'notifications.kind_name.approval.approved': 'Request approved',
    'notifications.kind_name.approval.rejected': 'Request rejected',
    'notifications.email.subject': '[Bank CRM] {{kind}}',
    'notifications.not_found': 'No such notification',
    'notifications.kind_unknown': 'Unknown notification kind: {{kind}}',
    'notifications.channel_not_configured': 'The {{channel}} channel is not configured',
  },
};
