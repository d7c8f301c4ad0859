// UI language: zh-CN by default, en-US on request, remembered in localStorage. The API client,
// dayjs and (in App) antd's ConfigProvider follow the same choice.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { setApiLanguage, type Lang } from '../api/client';
import { enUS } from './en-US';
import { zhCN } from './zh-CN';

const STORAGE_KEY = 'crm.lang';
export const LANGS: readonly Lang[] = ['zh-CN', 'en-US'];

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en-US' ? 'en-US' : 'zh-CN';
}

function applyLang(lang: Lang) {
  setApiLanguage(lang);
  dayjs.locale(lang === 'en-US' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  document.title = i18n.t('app.title');
}

const lang = initialLang();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: lang,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes on render
  returnNull: false,
  initAsync: false,
});
applyLang(lang);

export async function setLanguage(next: Lang) {
  localStorage.setItem(STORAGE_KEY, next);
  await i18n.changeLanguage(next);
  applyLang(next);
}

/** The current UI language as the API names it. */
export function useLang(): Lang {
  const { i18n: inst } = useTranslation();
  return inst.language === 'en-US' ? 'en-US' : 'zh-CN';
}

export default i18n;
