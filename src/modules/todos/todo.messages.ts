import type { MessageBundle } from '../../common/i18n/i18n.ts';

export const todoMessages: MessageBundle = {
  'zh-CN': {
    'entity.todo': '待办事宜',
    'todos.already_done': '该待办事宜已办结',
    'todos.cancelled': '该待办事宜已取消（相关业务已变更），无需处理',
    'todos.kind.certificate.expiry': '证件到期提醒：{{customerName}}（{{customerNo}}）的{{certTypeZh}}将于 {{expiresOn}} 到期',
  },
  'en-US': {
    'entity.todo': 'to-do',
    'todos.already_done': 'This to-do has already been done',
    'todos.cancelled': 'This to-do was withdrawn (the matter it was about has changed); nothing to do',
    'todos.kind.certificate.expiry': 'Certificate expiring: the {{certTypeEn}} of {{customerName}} ({{customerNo}}) expires on {{expiresOn}}',
  },
};
