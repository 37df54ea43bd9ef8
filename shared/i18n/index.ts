/**
 * The message catalogs every part of the app shares: the renderer, and later the main process (menus,
 * dialogs) and the Excel / filing builders (column headings). One nested JSON object per language, same
 * key set in each (a test checks that). Arabic and Russian are added as ar.json / ru.json with the same keys.
 */
import i18next, { type i18n, type Module } from 'i18next';
import en from './en.json';
import zh from './zh.json';

export const UI_LANGUAGES = ['zh', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export type Catalog = typeof zh;

export const catalogs: Record<UiLanguage, Catalog> = { zh, en };

/** The resources object i18next.init takes (one 'translation' namespace per language). */
export const resources = {
  zh: { translation: zh },
  en: { translation: en },
} as const;

export function isUiLanguage(v: unknown): v is UiLanguage {
  return typeof v === 'string' && (UI_LANGUAGES as readonly string[]).includes(v);
}

/** The language to start with when nothing is saved yet: Chinese for a Chinese system, else English. */
export function defaultLanguage(systemLanguage: string | undefined): UiLanguage {
  return (systemLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * A fresh, initialised i18next instance on the shared catalogs. Initialisation is synchronous (the
 * resources are bundled), so `t` works as soon as this returns. Pass plugins such as initReactI18next.
 */
export function createI18n(lang: UiLanguage, modules: Module[] = []): i18n {
  const instance = i18next.createInstance();
  for (const m of modules) instance.use(m);
  void instance.init({
    resources,
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: [...UI_LANGUAGES],
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false }, // React escapes; Excel cells are not HTML
  });
  return instance;
}
