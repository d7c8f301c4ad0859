// Server-side messages: every error code has one message in zh-CN and en-US. Each domain keeps
// its messages beside its code (`<subject>.messages.ts`); this file gathers them into one i18next instance.
import i18next from 'i18next';
import { commonMessages } from './common.messages.ts';
import { orgMessages } from '../../modules/org/org.messages.ts';
import { authMessages } from '../../modules/auth/auth.messages.ts';
import { codeMessages } from '../../modules/codes/code-table.messages.ts';
import { calendarMessages } from '../../modules/calendar/calendar.messages.ts';
import { customerMessages } from '../../modules/customers/customer.messages.ts';
import { customerImportMessages } from '../../modules/customers/import/import.messages.ts';
import { imageMessages } from '../../modules/images/image.messages.ts';
import { completenessMessages } from '../../modules/completeness/completeness.messages.ts';
import { certificateMessages } from '../../modules/customers/certificates/certificate.messages.ts';
import { todoMessages } from '../../modules/todos/todo.messages.ts';
import { jobMessages } from '../../server/job.messages.ts';
import { customerRelationMessages } from '../../modules/customers/customer-relations.messages.ts';
import { customerCreditMessages } from '../../modules/customers/credit-info/credit-info.messages.ts';
import { accountMessages } from '../../modules/accounts/account.messages.ts';
import { feedMessages } from '../../modules/feed/feed.messages.ts';
import { signingMessages } from '../../modules/accounts/signings/signing.messages.ts';
import { balanceTrendMessages } from '../../modules/accounts/balances/balance-trend.messages.ts';
import { bookMessages } from '../../modules/accounts/book/book.messages.ts';
import { accountAlertMessages } from '../../modules/accounts/alerts/alert.messages.ts';
import { warningMessages } from '../../modules/warnings/warning.messages.ts';
import { customerListMessages } from '../../modules/customers/list/customer-list.messages.ts';
import { approvalMessages } from '../../modules/approvals/approval.messages.ts';
import { documentMessages } from '../../modules/documents/document.messages.ts';
import { informationReviewMessages } from '../../modules/customers/information-review/information-review.messages.ts';
import { notificationMessages } from '../../modules/notifications/notification.messages.ts';
import { scaleMessages } from '../../modules/customers/scale/scale.messages.ts';
import { networkMessages } from '../../modules/network/network.messages.ts';
import { managersMessages } from '../../modules/managers/managers.messages.ts';
import { transferMessages } from '../../modules/managers/transfer/transfer.messages.ts';

export type Lang = 'zh-CN' | 'en-US';
export const LANGS: readonly Lang[] = ['zh-CN', 'en-US'];

export interface MessageBundle { 'zh-CN': Record<string, string>; 'en-US': Record<string, string> }

// One bundle per line: a module adds its own line (merges of parallel work stay clean).
const bundles: MessageBundle[] = [
  ] = [commonMessages,
  orgMessages,
  authMessages,
  codeMessages,
  calendarMessages,
  customerMessages,
  customerImportMessages,
  customerRelationMessages,
  customerCreditMessages,
  certificateMessages,
  todoMessages,
  jobMessages,
  accountMessages,
  feedMessages,
  signingMessages,
  accountAlertMessages,
  warningMessages,
  balanceTrendMessages,
  bookMessages,
  customerListMessages,
  approvalMessages,
  documentMessages,
  imageMessages,
  completenessMessages,
  informationReviewMessages,
  notificationMessages,
  scaleMessages,
  networkMessages,
  managersMessages,
  transferMessages,
];

const i18n = i18next.createInstance();
await i18n.init({
  resources: Object.fromEntries(LANGS.map((lng) => [lng, { translation: Object.assign({}, ...bundles.map((b) => b[lng])) }])),
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // JSON responses, not HTML: the browser escapes when it renders
  keySeparator: false,
  nsSeparator: false,
  initAsync: false,
});

export function t(lang: Lang, key: string, params?: Record<string, unknown>): string {
  return i18n.t(key, { lng: lang, ...params });
}

export function hasMessage(key: string): boolean {
  return i18n.exists(key, { lng: 'zh-CN' });
}

/** zh-CN unless the client prefers English (Accept-Language or the UI's `x-crm-lang`). */
export function pickLang(header: string | undefined): Lang {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]!.trim().toLowerCase();
  return first.startsWith('en') ? 'en-US' : 'zh-CN';
}
