import type { MessageBundle } from '../../common/i18n/i18n.ts';

export const completenessMessages: MessageBundle = {
  'zh-CN': {
    'completeness.head_office_only': '信息完整性规则只能由总行维护',
    'todos.kind.completeness_overdue': '信息完整性逾期：{{customerName}}（{{customerNo}}）开户已超过三个工作日仍不完整',
  },
  'en-US': {
    'completeness.head_office_only': 'Only head office maintains the completeness rules',
    'todos.kind.completeness_overdue': 'Completeness overdue: {{customerName}} ({{customerNo}}) is still incomplete three working days after opening',
  },
};
