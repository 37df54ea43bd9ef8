/**
 * Currencies a trader can record: the customs currency table (22 codes, see codes/SOURCE.md: incomplete)
 * plus the ISO 4217 currencies our buyers commonly pay in (codes/currencies_extra.tsv, ours), each with the
 * number of decimals of its minor unit (ISO 4217).
 */
import extraTsv from './codes/currencies_extra.tsv?raw';
import { codeTables, parseTsv } from './codes';

export interface CurrencyInfo {
  code: string;
  nameZh: string;
  nameEn: string;
  decimals: number;
}

/** ISO 4217 minor units of the customs-table currencies that do not have 2. */
const CUSTOMS_DECIMALS: Record<string, number> = { JPY: 0, KRW: 0 };

export const currencies: CurrencyInfo[] = [
  ...codeTables.currencies.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en ?? '', decimals: CUSTOMS_DECIMALS[r.code] ?? 2 })),
  ...parseTsv(extraTsv).map((r) => {
    const row = r as unknown as Record<string, string>;
    return { code: row.code ?? '', nameZh: row.name_zh ?? '', nameEn: row.name_en ?? '', decimals: Number(row.decimals) };
  }),
];

const byCode = new Map(currencies.map((c) => [c.code, c]));

export function isCurrency(code: string): boolean {
  return byCode.has(code);
}

/** Decimals of the currency's minor unit; throws for an unknown currency (validate first). */
export function currencyDecimals(code: string): number {
  const c = byCode.get(code);
  if (!c) throw new Error(`unknown currency ${code}`);
  return c.decimals;
}
