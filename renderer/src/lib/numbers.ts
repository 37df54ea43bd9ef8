/**
 * What people type into number fields on a shop PC: full-width digits from a Chinese input method
 * (１２．５), Arabic-Indic digits, a decimal comma (12,5). The API takes plain decimal strings ("12.5").
 */
import { divRound, formatScaled, parseScaled } from '../../../shared/decimal';

const FULL_WIDTH = /[\uFF10-\uFF19]/g;
const ARABIC_INDIC = /[\u0660-\u0669]/g;
const EASTERN_ARABIC_INDIC = /[\u06F0-\u06F9]/g;

export function normalizeDecimalInput(text: string): string {
  let s = text
    .replace(FULL_WIDTH, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(ARABIC_INDIC, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(EASTERN_ARABIC_INDIC, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[．。\u066B]/g, '.')
    .replace(/[，\u066C]/g, ',')
    .replace(/\s+/g, '');
  if (!s.includes('.') && (s.match(/,/g) ?? []).length === 1) s = s.replace(',', '.');
  return s;
}

/** A whole number > 0 for the pieces-per-carton field: null when empty, 'invalid' when not a whole number. */
export function parsePositiveInt(text: string): number | null | 'invalid' {
  const s = normalizeDecimalInput(text);
  if (s === '') return null;
  if (!/^\d{1,9}$/.test(s) || Number(s) === 0) return 'invalid';
  return Number(s);
}

/** A number for sorting and number filters only (never for arithmetic on money). */
export function sortNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * Preview of cubic metres per carton while the user types the size, the same rule the core applies
 * (sizes in mm, rounded half away from zero to 4 decimals). The saved record carries the core's own value.
 */
export function previewCbm(l: string, w: string, h: string): string {
  try {
    const [a, b, c] = [l, w, h].map((s) => parseScaled(normalizeDecimalInput(s), 1));
    if (a === undefined || b === undefined || c === undefined || a <= 0 || b <= 0 || c <= 0) return '';
    return formatScaled(divRound(a * b * c, 100_000), 4);
  } catch {
    return '';
  }
}
