/**
 * The message catalogs every part of the app shares: the renderer, the main process (menus, dialogs) and
 * the Excel / filing builders (column headings). One nested JSON object per language: a base file
 * `shared/i18n/<lang>.json` plus one file per area of the app, `shared/i18n/areas/<area>.<lang>.json` (own
 * top-level keys), merged here. A language's files are picked up by name: a catalog that does not exist
 * yet (Arabic or Russian for a new area) falls back to English key by key. test/e2e/catalogs.test.ts
 * checks that every language has every key the code uses, with the same {{variables}} and its own plural
 * forms (key_one, key_few, … as Intl.PluralRules names them).
 */
import i18next, { type i18n, type Module, type TFunction } from 'i18next';

export const UI_LANGUAGES = ['zh', 'en', 'ar', 'ru'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export type Catalog = { [key: string]: string | Catalog };

type JsonModules = Record<string, Catalog>;
const baseFiles: JsonModules = import.meta.glob<Catalog>('./*.json', { eager: true, import: 'default' });
const areaFiles: JsonModules = import.meta.glob<Catalog>('./areas/*.json', { eager: true, import: 'default' });

/** The files of one language, base first, then the areas in name order: "./areas/orders.ru.json" → ru. */
function catalogOf(lang: UiLanguage): Catalog {
  const out: Catalog = { ...(baseFiles[`./${lang}.json`] ?? {}) };
  for (const file of Object.keys(areaFiles).sort()) {
    if (file.endsWith(`.${lang}.json`)) Object.assign(out, areaFiles[file]);
  }
  return out;
}

/** Each language's merged catalog; empty for a language whose files have not been written yet. */
export const catalogs = Object.fromEntries(UI_LANGUAGES.map((l) => [l, catalogOf(l)])) as Record<UiLanguage, Catalog>;

/** The languages that have catalog files (the others show English). */
export const CATALOG_LANGUAGES: UiLanguage[] = UI_LANGUAGES.filter((l) => Object.keys(catalogs[l]).length > 0);

/** The resources object i18next.init takes (one 'translation' namespace per language). */
export const resources = Object.fromEntries(UI_LANGUAGES.map((l) => [l, { translation: catalogs[l] }]));

export function isUiLanguage(v: unknown): v is UiLanguage {
  return typeof v === 'string' && (UI_LANGUAGES as readonly string[]).includes(v);
}

/** Right-to-left languages (the page gets dir="rtl", AG Grid enableRtl). */
export function isRtl(lang: string): boolean {
  return RTL_LANGUAGES.includes(lang);
}

/**
 * The BCP 47 locale numbers, dates and plurals are formatted with. Arabic uses Latin digits ("nu-latn"):
 * item numbers, HS codes, container numbers and every document a Yiwu trader hands over are in Latin
 * digits, and buyers from the Gulf and the Maghreb read them daily; Arabic-Indic digits would make the
 * amounts on screen differ from the ones on the invoice. Russian and Chinese follow their locale.
 */
export function formatLocale(lang: string): string {
  switch (lang) {
    case 'zh':
      return 'zh-CN';
    case 'ar':
      return 'ar-u-nu-latn';
    case 'ru':
      return 'ru-RU';
    default:
      return 'en-US';
  }
}

/** The language to start with when nothing is saved yet: Chinese for a Chinese system, else English. */
export function defaultLanguage(systemLanguage: string | undefined): UiLanguage {
  return (systemLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * A fresh, initialised i18next instance on the shared catalogs. Initialisation is synchronous (the
 * resources are bundled), so `t` works as soon as this returns. Pass plugins such as initReactI18next.
 * Plurals: `t(key, { count })` picks key_one / key_few / … by Intl.PluralRules of the language (Arabic has
 * zero, one, two, few, many, other; Russian one, few, many, other), and falls back to the plain key.
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
