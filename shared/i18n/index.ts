/**
 * The message catalogs every part of the app shares: the renderer, and later the main process (menus,
 * dialogs) and the Excel / filing builders (column headings). One nested JSON object per language, same
 * key set in each (a test checks that). Arabic and Russian are added as ar.json / ru.json with the same keys.
 */
import i18next, { type i18n, type Module, type TFunction } from 'i18next';
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
import docsEn from './areas/docs.en.json';
import docsZh from './areas/docs.zh.json';
import accessEn from './areas/access.en.json';
import accessZh from './areas/access.zh.json';
import importEn from './areas/import.en.json';
import importZh from './areas/import.zh.json';

const zhAll = { ...zh, ...ordersZh, ...moneyZh, ...logisticsZh, ...reportsZh, ...historyZh, ...safetyZh, ...docsZh, ...accessZh, ...importZh };
const enAll = { ...en, ...ordersEn, ...moneyEn, ...logisticsEn, ...reportsEn, ...historyEn, ...safetyEn, ...docsEn, ...accessEn, ...importEn };

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

// ---------------------------------------------------------------------------------------------------------
// Documents for foreign buyers (commercial invoice, packing list, sales contract, statement of account): every
// label printed in Chinese plus the buyer's language (the party's docLanguage). Their texts are trade and legal
// terms, kept in their own catalogs (shared/i18n/documents/<lang>.json) in every document language, whatever
// languages the UI has; the core's Excel builders and the CLI read them through documentT.
import docZh from './documents/zh.json';
import docEn from './documents/en.json';
import docAr from './documents/ar.json';
import docRu from './documents/ru.json';

export const DOCUMENT_LANGUAGES = ['zh', 'en', 'ar', 'ru'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];
export type DocumentCatalog = typeof docZh;
export const documentCatalogs: Record<DocumentLanguage, DocumentCatalog> = { zh: docZh, en: docEn, ar: docAr, ru: docRu };
/** Languages written right to left (their texts get the right-to-left reading order in a cell). */
export const RTL_LANGUAGES: readonly string[] = ['ar'];

let documentI18n: i18n | null = null;

/** The document texts of one language: t('invoice.title'), t('common.amount', { currency: 'USD' }). */
export function documentT(lang: DocumentLanguage): TFunction {
  if (!documentI18n) {
    documentI18n = i18next.createInstance();
    void documentI18n.init({
      resources: Object.fromEntries(DOCUMENT_LANGUAGES.map((l) => [l, { documents: documentCatalogs[l] }])),
      ns: ['documents'],
      defaultNS: 'documents',
      lng: 'zh',
      fallbackLng: false,
      initAsync: false,
      returnNull: false,
      interpolation: { escapeValue: false },
    });
  }
  return documentI18n.getFixedT(lang);
}
