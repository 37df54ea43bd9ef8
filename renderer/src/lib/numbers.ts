/**
 * What people type into number fields on a shop PC: full-width digits from a Chinese input method
 * (１２．５), Arabic-Indic digits (١٢٫٥), the locale's separators ("1 234,50" in Russian, "1,234.50" in
 * Chinese and English), a pasted amount with no-break spaces. The API takes plain decimal strings ("12.5").
 *
 * Separators: with both a comma and a point, the last one is the decimal mark and the others group
 * ("1.234,50", "1,234.50"); one kind repeated groups ("1,234,567"); a single comma is the decimal mark
 * (12,5), except where the language's own decimal mark is the point and exactly three digits follow it
 * (1,234 in Chinese or English is one thousand two hundred thirty-four).
 */
import { divRound, formatScaled, parseScaled } from '../../../shared/decimal';
import { formatLocale } from '../../../shared/i18n';
import { i18n } from '../i18n';

const FULL_WIDTH = /[\uFF10-\uFF19]/g;
const ARABIC_INDIC = /[\u0660-\u0669]/g;
const EASTERN_ARABIC_INDIC = /[\u06F0-\u06F9]/g;
/** spaces of every width, apostrophes used as group marks, and the invisible direction marks */
const GROUP_SPACES = /[\s\u00A0\u202F\u2009\u2007'\u2019\u200E\u200F\u061C\u2066-\u2069]+/g;

const decimalMarks = new Map<string, string>();
function decimalMark(lang: string): string {
  let mark = decimalMarks.get(lang);
  if (mark === undefined) {
    mark = new Intl.NumberFormat(formatLocale(lang)).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    decimalMarks.set(lang, mark);
  }
  return mark;
}

/** `lang`: the language whose separators the user types (default: the UI language). */
export function normalizeDecimalInput(text: string, lang: string = i18n.language): string {
  let s = text
    .replace(FULL_WIDTH, (d) => String(d.charCodeAt(0) - 0xff10))
    .replace(ARABIC_INDIC, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(EASTERN_ARABIC_INDIC, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[．。\u066B]/g, '.')
    .replace(/[，\u066C]/g, ',')
    .replace(/[－\u2212]/g, '-')
    .replace(GROUP_SPACES, '');
  const commas = (s.match(/,/g) ?? []).length;
  const points = (s.match(/\./g) ?? []).length;
  if (commas > 0 && points > 0) {
    const mark = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const group = mark === ',' ? /\./g : /,/g;
    s = s.replace(group, '');
    if (mark === ',') s = s.replace(',', '.');
  } else if (commas > 1) {
    s = s.replace(/,/g, '');
  } else if (points > 1) {
    s = s.replace(/\./g, '');
  } else if (commas === 1) {
    const groupsThousands = decimalMark(lang) === '.' && /^-?\d{1,3},\d{3}$/.test(s);
    s = groupsThousands ? s.replace(',', '') : s.replace(',', '.');
  }
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
