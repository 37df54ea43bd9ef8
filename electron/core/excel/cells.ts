/**
 * Cells with real Excel types.
 *
 *  - Text is always written as a string cell. A text that Excel or a spreadsheet importer could take for a
 *    formula (it begins with = + - @ TAB or CR: "=HYPERLINK(...)", "+86 138…", "-5%") is written as a string
 *    AND styled with quotePrefix (quote-prefix.ts), so Excel shows it literally and keeps it text when the
 *    user edits the cell. Nothing built from user text is ever written as a formula.
 *  - Codes (HS codes, item numbers, registration numbers, container numbers) are text, never numbers:
 *    "9503008900" stays "9503008900", not 9.503E+09, and "007" keeps its zeros.
 *  - Numbers come from the core's exact scaled integers (minor units, ×1000 quantities …) and are written as
 *    numbers with a number format of the value's own decimals (money: the currency's decimals), so the cell
 *    shows exactly the core's figure and a SUM in Excel gives the core's total to the cent.
 */
import type ExcelJS from 'exceljs';
import { currencyDecimals } from '../../../shared/currency';
import { formatScaled } from '../../../shared/decimal';

/** First characters that make a spreadsheet treat a text as a formula (OWASP "CSV injection"). */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;

const TRIGGER_CODES = new Set(FORMULA_TRIGGERS.map((c) => c.charCodeAt(0)));

export function looksLikeFormula(text: string): boolean {
  return text.length > 0 && TRIGGER_CODES.has(text.charCodeAt(0));
}

/** Excel keeps at most 32,767 characters in a cell; XML 1.0 forbids most control characters. */
const MAX_CELL_CHARS = 32_767;
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function cleanText(text: string): string {
  const s = text.replace(XML_FORBIDDEN, '');
  return s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS) : s;
}

type Style = Partial<ExcelJS.Style> & { quotePrefix?: boolean };

function applyStyle(cell: ExcelJS.Cell, style: Style | undefined): void {
  if (!style) return;
  // a fresh object per cell: ExcelJS shares style objects between cells of a row/column otherwise
  const merged: Style = { ...(cell.style as Style), ...style };
  cell.style = merged as Partial<ExcelJS.Style>;
}

/**
 * A text cell. Empty text leaves the cell empty (but styled). Injection-looking text gets quotePrefix.
 */
export function setText(cell: ExcelJS.Cell, text: string | null | undefined, style?: Style): void {
  const s = cleanText(text ?? '');
  applyStyle(cell, style);
  if (s === '') {
    cell.value = null;
    return;
  }
  cell.value = s;
  if (looksLikeFormula(s)) applyStyle(cell, { quotePrefix: true });
}

/** A code that must stay text (HS code, item no., registration no.): the same as setText, named for intent. */
export const setCode = setText;

const fmtCache = new Map<number, string>();
/** '#,##0' or '#,##0.00' … for `decimals` decimals. */
export function numberFormat(decimals: number): string {
  let f = fmtCache.get(decimals);
  if (!f) {
    f = decimals <= 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
    fmtCache.set(decimals, f);
  }
  return f;
}

/** Decimals actually used by a scaled integer: 2400000 at scale 3 → 0; 12500 → 1 ("12.5"). */
export function usedDecimals(scaled: number, scale: number): number {
  let d = scale;
  let v = Math.abs(scaled);
  while (d > 0 && v % 10 === 0) {
    v /= 10;
    d -= 1;
  }
  return d;
}

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** A scaled integer as the shortest decimal text (what a number cell holds): 2400000 at scale 3 → "2400", 12500 → "12.5". */
export function decimalText(scaled: number, scale: number): string {
  if (!Number.isSafeInteger(scaled)) throw new Error(`${scaled} is not an exact integer`);
  const unit = POW10[scale] ?? 10 ** scale;
  if (scale === 0 || scaled % unit === 0) return String(scaled / unit);
  const neg = scaled < 0;
  const digits = String(neg ? -scaled : scaled).padStart(scale + 1, '0');
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${digits.slice(0, digits.length - scale)}.${frac}`;
}

/** The JS number of a scaled integer: 1250 at scale 2 → 12.5 (exact to the shown decimals). */
export function scaledToNumber(scaled: number, scale: number): number {
  return Number(formatScaled(scaled, scale));
}

/**
 * A number cell from a scaled integer. `decimals` fixes the shown decimals (default: all of `scale`);
 * 'trim' shows only the decimals the value uses (quantities: "2,400", "12.5").
 */
export function setScaled(cell: ExcelJS.Cell, scaled: number | null | undefined, scale: number, decimals: number | 'trim' = scale, style?: Style): void {
  applyStyle(cell, style);
  if (scaled === null || scaled === undefined) {
    cell.value = null;
    return;
  }
  cell.value = scaledToNumber(scaled, scale);
  const d = decimals === 'trim' ? usedDecimals(scaled, scale) : decimals;
  applyStyle(cell, { numFmt: numberFormat(d) });
}

/** Money in minor units of `currency`, shown with the currency's decimals. */
export function setMoney(cell: ExcelJS.Cell, minor: number | null | undefined, currency: string, style?: Style): void {
  const d = currencyDecimals(currency);
  setScaled(cell, minor, d, d, style);
}

/** A unit price ×10^4: at least 2 decimals, up to 4 when used (0.0125, 1.25, 3.00). */
export function setPrice(cell: ExcelJS.Cell, priceE4: number | null | undefined, style?: Style): void {
  applyStyle(cell, style);
  if (priceE4 === null || priceE4 === undefined) {
    cell.value = null;
    return;
  }
  cell.value = scaledToNumber(priceE4, 4);
  applyStyle(cell, { numFmt: numberFormat(Math.max(2, usedDecimals(priceE4, 4))) });
}

/** A plain integer (cartons, line numbers). */
export function setInt(cell: ExcelJS.Cell, n: number | null | undefined, style?: Style): void {
  applyStyle(cell, style);
  if (n === null || n === undefined) {
    cell.value = null;
    return;
  }
  cell.value = n;
  applyStyle(cell, { numFmt: numberFormat(0) });
}
