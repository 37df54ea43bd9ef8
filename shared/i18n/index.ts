/**
 * The message catalogs every part of the app shares: the renderer, and later the main process (menus,
 * dialogs) and the Excel / filing builders (column headings). One nested JSON object per language, same
 * key set in each (a test checks that). Arabic and Russian are added as ar.json / ru.json with the same keys.
 */
import i18next, { type i18n, type Module } from 'i18next';
import en from './en.json';
import zh from './zh.json';
// Each area of the app keeps its own catalog file (own top-level keys), merged here.
import ordersEn from './areas/orders.en.json';
import ordersZh from './areas/orders.zh.json';
import moneyEn from './areas/money.en.json';
import moneyZh from './areas/money.zh.json';
import logisticsEn from './areas/logistics.en.json';
import logisticsZh from './areas/logistics.zh.json';
import reportsEn from './areas/reports.en.json';
import reportsZh from './areas/reports.zh.json';
import historyEn from './areas/history.en.json';
import historyZh from './areas/history.zh.json';
import safetyEn from './areas/safety.en.json';
import safetyZh from './areas/safety.zh.json';

const zhAll = { ...zh, ...ordersZh, ...moneyZh, ...logisticsZh, ...reportsZh, ...historyZh, ...safetyZh };
const enAll = { ...en, ...ordersEn, ...moneyEn, ...logisticsEn, ...reportsEn, ...historyEn, ...safetyEn };

export const UI_LANGUAGES = ['zh', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export type Catalog = typeof zhAll;

export const catalogs: Record<UiLanguage, Catalog> = { zh: zhAll, en: enAll as Catalog };

/** The resources object i18next.init takes (one 'translation' namespace per language). */
export const resources = {
  zh: { translation: zhAll },
  en: { translation: enAll },
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
