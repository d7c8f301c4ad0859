// Messages of ACC-4 account alerts: maturity warnings (到期预警) and large-amount changes (大额变动).
import type { MessageBundle } from '../../../common/i18n/i18n.ts';

export const accountAlertMessages: MessageBundle = {
  'zh-CN': {
    'entity.account_alert': '账户预警',
    'alerts.already_done': '该预警已处理',
    'alerts.withdrawn': '该预警已撤销（到期日或余额已变化，不再符合预警条件），无需处理',
    'alerts.window_range': '预警提前天数应为 1 至 366 之间的整数',
    'alerts.windows_count': '请设置 1 至 4 个预警提前天数',
    'alerts.windows_distinct': '预警提前天数不能重复',
    'alerts.threshold_format': '大额变动金额格式不正确（单位：元，最多 16 位整数、两位小数）',
    'alerts.threshold_positive': '大额变动金额须大于 0',
    'alerts.keep_days_range': '大额变动预警保留天数应为 1 至 366 之间的整数',
    'alerts.expired': '该预警已过期（到期日已过或超过保留天数），无需处理',
  },
  'en-US': {
    'entity.account_alert': 'account alert',
    'alerts.already_done': 'This alert has already been handled',
    'alerts.withdrawn': 'This alert was withdrawn (the maturity date or balance changed and no longer qualifies); nothing to do',
    'alerts.window_range': 'A warning window is a whole number of days from 1 to 366',
    'alerts.windows_count': 'Set from 1 to 4 warning windows',
    'alerts.windows_distinct': 'Warning windows must not repeat',
    'alerts.threshold_format': 'Large-change amount: yuan with up to 16 integer digits and 2 decimals',
    'alerts.threshold_positive': 'The large-change amount must be greater than 0',
    'alerts.keep_days_range': 'Large-change alerts are kept open for a whole number of days from 1 to 366',
    'alerts.expired': 'This alert has expired (its maturity date passed or it is older than the keep days); nothing to do',
  },
};
