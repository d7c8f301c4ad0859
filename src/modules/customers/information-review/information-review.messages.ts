import type { MessageBundle } from '../../../common/i18n/i18n.ts';

export const informationReviewMessages: MessageBundle = {
  'zh-CN': {
    'approvals.type.customer.information': '客户信息复核',
    'customers.review.nothing_changed': '提交复核的内容与客户现有信息相同，没有需要复核的变更',
  },
  'en-US': {
    'approvals.type.customer.information': 'Customer information review',
    'customers.review.nothing_changed': 'The entry is the same as the customer\'s current information: there is nothing to review',
  },
};
