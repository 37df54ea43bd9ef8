/** Labels for customs codes: "CHN 中国 China" in pickers, "CHN 中国" / "CHN China" in grid cells. */
import { BRAND_TYPES, codeTables, findCode, type CodeTableName } from '../../../shared/codes';
import type { UiLanguage } from '../../../shared/i18n';

export interface Option {
  value: string;
  label: string;
}

/** The name of a code in the UI language (tables without English names fall back to Chinese). */
export function codeName(table: CodeTableName, code: string, lang: UiLanguage): string {
  const row = findCode(table, code);
  if (!row) return '';
  return lang === 'zh' ? row.name_zh : row.name_en || row.name_zh;
}

/** Short label for a grid cell; an unknown code is shown as it is, so nothing is hidden. */
export function codeLabel(table: CodeTableName, code: string, lang: UiLanguage): string {
  if (!code) return '';
  const name = codeName(table, code, lang);
  return name ? `${code} ${name}` : code;
}

const optionCache = new Map<CodeTableName, Option[]>();

/** Options for a picker: code, Chinese and English name, so either language finds it by typing. */
export function codeOptions(table: CodeTableName): Option[] {
  let options = optionCache.get(table);
  if (!options) {
    options = codeTables[table].map((r) => ({
      value: r.code,
      label: [r.code, r.name_zh, r.name_en].filter((s) => s && s.length > 0).join(' '),
    }));
    optionCache.set(table, options);
  }
  return options;
}

export function codeValues(table: CodeTableName): string[] {
  return codeTables[table].map((r) => r.code);
}

export const BRAND_TYPE_CODES = BRAND_TYPES.map((b) => b.code);

export function brandTypeLabel(code: string, lang: UiLanguage): string {
  const b = BRAND_TYPES.find((x) => x.code === code);
  if (!b) return code;
  return `${b.code} ${lang === 'zh' ? b.name_zh : b.name_en}`;
}
