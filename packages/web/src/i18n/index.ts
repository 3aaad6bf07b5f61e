import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhCN } from './messages';

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
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

let requested: Language = 'zh-CN';

/**
 * Switch the UI's language, loading English's messages first when they are not here yet: they
 * are a chunk of their own, so a Chinese user never downloads them.
 */
export async function switchLanguage(language: Language): Promise<void> {
  requested = language;
  if (language === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    const { en } = await import('./messages.en');
    i18n.addResourceBundle('en', 'translation', en);
  }
  // A later switch made while English was loading wins.
  if (requested === language) await i18n.changeLanguage(language);
}

/** Resolves once the language this browser last used is ready: render after it. */
export const languageReady: Promise<void> = switchLanguage(initialLanguage());

export default i18n;
