import type { MessageBundle } from '../../common/i18n/i18n.ts';

export const calendarMessages: MessageBundle = {
  'zh-CN': {
    'calendar.holiday_on_weekend': '周末本就不上班，无需设为节假日',
    'calendar.workday_on_weekday': '工作日本就上班，只有周末才能设为调休上班日',
  },
  'en-US': {
    'calendar.holiday_on_weekend': 'Weekends are already days off; no need to mark a holiday',
    'calendar.workday_on_weekday': 'Weekdays are already working days; only a weekend can be an adjusted working day',
  },
};
