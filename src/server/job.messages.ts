// The jobs runner's messages, apart from jobs.ts: the i18n bundles import them, and jobs.ts imports
// the modules whose jobs it runs, some of which translate messages — importing jobs.ts from the
// bundles closed that circle, and whichever side loaded first saw the other half-initialised.
import type { MessageBundle } from '../common/i18n/i18n.ts';

export const jobMessages: MessageBundle = {
  'zh-CN': {
    'jobs.unknown': '没有名为“{{name}}”的定时任务',
    'jobs.running': '定时任务“{{name}}”正在运行（本机或其他服务器），请稍后再试',
    'jobs.future_date': '业务日期不能晚于今天',
  },
  'en-US': {
    'jobs.unknown': 'There is no scheduled job named "{{name}}"',
    'jobs.running': 'The job "{{name}}" is running (here or on another server); try again later',
    'jobs.future_date': 'The business date cannot be later than today',
  },
};
