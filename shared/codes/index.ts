/**
 * China customs code tables (units, countries, trade modes, incoterms, transport modes, package types,
 * containers, levy types, currencies), shipped as TSV data inside the project. See SOURCE.md for where they
 * come from and what is known to be missing. Codes are text: leading zeros matter ("001", "0110", "00").
 */
import unitsTsv from './units.tsv?raw';
import countriesTsv from './countries.tsv?raw';
import tradeModesTsv from './trade_modes.tsv?raw';
import incotermsTsv from './incoterms.tsv?raw';
import transportModesTsv from './transport_modes.tsv?raw';
import packageTypesTsv from './package_types.tsv?raw';
import containersTsv from './containers.tsv?raw';
import levyTypesTsv from './levy_types.tsv?raw';
import currenciesTsv from './currencies.tsv?raw';

export interface CodeRow {
  code: string;
  name_zh: string;
  name_en?: string;
  note?: string;
  description_zh?: string;
}

/** Parse one of our TSV tables: one header line, tab separated, no quoting, every value text. */
export function parseTsv(text: string): CodeRow[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n').filter((l) => l.length > 0);
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      row[h] = cells[i] ?? '';
    });
    return row as unknown as CodeRow;
  });
}

export const codeTables = {
  units: parseTsv(unitsTsv),
  countries: parseTsv(countriesTsv),
  tradeModes: parseTsv(tradeModesTsv),
  incoterms: parseTsv(incotermsTsv),
  transportModes: parseTsv(transportModesTsv),
  packageTypes: parseTsv(packageTypesTsv),
  containers: parseTsv(containersTsv),
  levyTypes: parseTsv(levyTypesTsv),
  currencies: parseTsv(currenciesTsv),
} as const;

export type CodeTableName = keyof typeof codeTables;

const indexCache = new Map<CodeTableName, Map<string, CodeRow>>();

/** Look up one code in a table; undefined when the code is not in it. */
export function findCode(table: CodeTableName, code: string): CodeRow | undefined {
  let index = indexCache.get(table);
  if (!index) {
    index = new Map(codeTables[table].map((r) => [r.code, r]));
    indexCache.set(table, index);
  }
  return index.get(code);
}

export function isCode(table: CodeTableName, code: string): boolean {
  return findCode(table, code) !== undefined;
}

/** Brand type (品牌类型) codes used in the customs declaration elements. */
export const BRAND_TYPES = [
  { code: '0', name_zh: '无品牌', name_en: 'No brand' },
  { code: '1', name_zh: '境内自主品牌', name_en: 'Domestic own brand' },
  { code: '2', name_zh: '境内收购品牌', name_en: 'Domestic acquired brand' },
  { code: '3', name_zh: '境外品牌（贴牌生产）', name_en: 'Foreign brand (OEM)' },
  { code: '4', name_zh: '境外品牌（其他）', name_en: 'Foreign brand (other)' },
] as const;
