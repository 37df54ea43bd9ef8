/**
 * The texts of a document for a foreign buyer: every label in Chinese and in the buyer's language (the party's
 * docLanguage: English by default, Arabic or Russian where the party record says so), from the shared document
 * catalogs (shared/i18n/documents/<lang>.json) — the same texts for the app, the CLI and every workbook.
 *
 * Layout decision for Arabic: a sheet stays left to right with Chinese first (the seller's language; numbers,
 * item nos. and HS codes read left to right), and each label cell carries both languages, "发票号 رقم الفاتورة"
 * (the Arabic run is laid out right to left inside the cell by the bidi algorithm). A paragraph wholly in
 * Arabic (a contract clause, a note) gets its own cell with right-to-left reading order, aligned right.
 */
import type { DocLanguage } from '../../../shared/api';
import { documentT, RTL_LANGUAGES } from '../../../shared/i18n';
import type { DocumentCatalog } from '../../../shared/i18n';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A key of the document catalogs: 'invoice.title', 'common.amount' … */
export type DocKey = Leaves<DocumentCatalog>;
type Vars = Record<string, string>;

export interface DocTexts {
  /** the buyer's language (the second language of the document) */
  readonly lang: DocLanguage;
  /** is the buyer's language written right to left */
  readonly rtl: boolean;
  zh(key: DocKey, vars?: Vars): string;
  /** the text in the buyer's language */
  fx(key: DocKey, vars?: Vars): string;
  /** both: "发票号 Invoice No." (`sep` between them: a space, two spaces for titles, a line break in table headers) */
  bi(key: DocKey, vars?: Vars, sep?: string): string;
  /**
   * A left-to-right value (the user's words, "30% T/T deposit", an incoterm and port) inside a paragraph of the
   * buyer's language: kept in one left-to-right embedding in Arabic, so "30%" is not torn off and reordered.
   */
  ltr(value: string): string;
}

export function docTexts(lang: DocLanguage): DocTexts {
  const tz = documentT('zh');
  const tf = documentT(lang);
  const zh = (key: DocKey, vars?: Vars) => tz(key, vars ?? {});
  const fx = (key: DocKey, vars?: Vars) => tf(key, vars ?? {});
  const rtl = RTL_LANGUAGES.includes(lang);
  return {
    lang,
    rtl,
    zh,
    fx,
    bi: (key, vars, sep = ' ') => `${zh(key, vars)}${sep}${fx(key, vars)}`,
    ltr: (value) => (rtl && value !== '' ? `\u202A${value}\u202C` : value),
  };
}
