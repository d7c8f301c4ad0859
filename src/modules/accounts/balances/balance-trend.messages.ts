// Messages of the balance trend (ACC-3): the range a chart may cover.
import type { MessageBundle } from '../../../common/i18n/i18n.ts';

export const balanceTrendMessages: MessageBundle = {
  'zh-CN': {
    'accounts.trend_to_before_from': '结束日期 {{to}} 不能早于开始日期 {{from}}',
    'accounts.trend_too_long': '查询区间为 {{days}} 天，最长 {{max}} 天，请缩短区间',
  },
  'en-US': {
    'accounts.trend_to_before_from': 'The end date {{to}} cannot be before the start date {{from}}',
    'accounts.trend_too_long': 'The range covers {{days}} days; at most {{max}} are allowed — shorten it',
  },
};
