// Messages of the workbench's book figures.
import type { MessageBundle } from '../../../common/i18n/i18n.ts';

export const bookMessages: MessageBundle = {
  'zh-CN': {
    'book.currency_format': '币种应为三位大写字母代码，如 CNY',
  },
  'en-US': {
    'book.currency_format': 'The currency must be a three-letter upper-case code such as CNY',
  },
};
