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
    // A text message goes to a private phone: no customer name or number in it, only the request number.
    'notifications.sms.approval.submitted': '您有一笔待审批申请（编号 {{requestId}}，第 {{step}} 步），请于 {{due}} 前登录系统办理',
    'notifications.sms.approval.returned': '您提交的申请（编号 {{requestId}}）已被退回，请登录系统查看',
    'notifications.sms.approval.approved': '您提交的申请（编号 {{requestId}}）已审批通过',
    'notifications.sms.approval.rejected': '您提交的申请（编号 {{requestId}}）已被拒绝，请登录系统查看',
    'entity.notification': '通知',
    'notifications.person_only': '通知只属于登录的用户本人，接口令牌没有通知',
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
    'notifications.sms.approval.submitted': 'A request (no. {{requestId}}, step {{step}}) waits for your approval; please act by {{due}}',
    'notifications.sms.approval.returned': 'Your request no. {{requestId}} was returned; please sign in to see why',
    'notifications.sms.approval.approved': 'Your request no. {{requestId}} was approved',
    'notifications.sms.approval.rejected': 'Your request no. {{requestId}} was rejected; please sign in to see why',
    'entity.notification': 'notification',
    'notifications.person_only': 'Notifications belong to a signed-in person; an API token has none',
    'notifications.kind_unknown': 'Unknown notification kind: {{kind}}',
    'notifications.channel_not_configured': 'The {{channel}} channel is not configured',
  },
};
