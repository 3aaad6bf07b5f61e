import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, zhCN } from './messages';

export type Language = 'zh-CN' | 'en';

const STORAGE_KEY = 'duban.language';

/** The language before sign-in: the last one used on this browser, else Chinese. */
export function initialLanguage(): Language {
  // Unit tests import modules that reach this file outside a browser: no storage, Chinese.
  if (typeof localStorage === 'undefined') return 'zh-CN';
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export default i18n;
