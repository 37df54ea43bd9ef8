/**
 * Numbers, money, percentages and dates as the UI language writes them, for the grids, totals and cards.
 *
 * Amounts stay exact: the core's decimal string is split into its integer and fraction digits and put
 * back together with the locale's separators, read from Intl.NumberFormat.formatToParts (the integer part
 * is grouped by Intl from a BigInt, never a float). Money gets the currency's own decimals
 * (shared/currency.ts: JPY 0, USD 2, …). Russian writes "1 234,50" (no-break space, decimal comma),
 * Chinese and English "1,234.50", Arabic "1,234.50" with Latin digits (see formatLocale in shared/i18n).
 *
 * In Arabic the result is wrapped in Unicode isolates (LRI … PDI), so an amount, "USD 1,234.50" or
 * "-12.5%" reads left to right inside right-to-left text, wherever the string is shown.
 */
import { currencyDecimals, isCurrency } from '../../../shared/currency';
import { formatLocale, isRtl } from '../../../shared/i18n';
import { i18n } from '../i18n';

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d*))?$/;
const LRI = '\u2066';
const PDI = '\u2069';

interface LocaleNumbers {
  integer: Intl.NumberFormat;
  decimal: string;
  /** what goes before the digits of a negative number ("-", or "\u200e-" in Arabic) */
  minus: string;
  /** the percent sign with the spacing around it, before or after the number */
  percentBefore: string;
  percentAfter: string;
  /** whether the currency code is written after the amount ("1 234,50 USD") */
  currencyAfter: boolean;
}

const cache = new Map<string, LocaleNumbers>();

function localeNumbers(lang: string): LocaleNumbers {
  const hit = cache.get(lang);
  if (hit) return hit;
  const locale = formatLocale(lang);
  const parts = new Intl.NumberFormat(locale).formatToParts(-1.5);
  const firstDigit = parts.findIndex((p) => p.type === 'integer');
  const percent = new Intl.NumberFormat(locale, { style: 'percent' }).formatToParts(0.5);
  const pInt = percent.findIndex((p) => p.type === 'integer');
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', currencyDisplay: 'code' }).formatToParts(1);
  const out: LocaleNumbers = {
    integer: new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 0 }),
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    minus: parts
      .slice(0, firstDigit)
      .map((p) => p.value)
      .join(''),
    percentBefore: percent
      .slice(0, pInt)
      .map((p) => p.value)
      .join(''),
    percentAfter: percent
      .slice(pInt + 1)
      .map((p) => p.value)
      .join(''),
    currencyAfter: money.findIndex((p) => p.type === 'currency') > money.findIndex((p) => p.type === 'integer'),
  };
  cache.set(lang, out);
  return out;
}

/** The UI language now (grids are made anew when it changes, so their formatters read it live). */
export const uiLang = (): string => i18n.language;

const isolate = (text: string, lang: string) => (isRtl(lang) && text !== '' ? `${LRI}${text}${PDI}` : text);

/**
 * A decimal string in the locale's way: "1234.5" → "1,234.5" / "1 234,5". With `scale`, the fraction is
 * padded to that many decimals ("1234.5", 2 → "1,234.50"); digits beyond it are kept (never rounded away
 * on screen). Text that is not a decimal string (a dash, an empty cell) comes back unchanged.
 */
export function formatDecimal(value: string, lang: string = uiLang(), scale?: number): string {
  const m = DECIMAL_RE.exec(value.trim());
  if (!m) return value;
  const [, sign, whole = '0', fracRaw = ''] = m;
  const frac = scale !== undefined && fracRaw.length < scale ? fracRaw.padEnd(scale, '0') : fracRaw;
  const n = localeNumbers(lang);
  const body = n.integer.format(BigInt(whole)) + (frac ? n.decimal + frac : '');
  const negative = sign === '-' && /[1-9]/.test(whole + frac);
  return isolate((negative ? n.minus : '') + body, lang);
}

/** An amount with its currency's decimals: ("1234.5", "USD") → "1,234.50"; ("1234", "JPY") → "1,234". */
export function formatMoney(amount: string, currency: string, lang: string = uiLang()): string {
  return formatDecimal(amount, lang, isCurrency(currency) ? currencyDecimals(currency) : undefined);
}

/** An amount with its currency code where the locale puts it: "USD 1,234.50", "1 234,50 USD". */
export function moneyText(amount: string, currency: string, lang: string = uiLang()): string {
  const num = formatMoney(amount, currency, lang);
  if (!currency || !DECIMAL_RE.test(amount.trim())) return currency ? `${currency} ${amount}` : amount;
  return localeNumbers(lang).currencyAfter ? isolate(`${strip(num)} ${currency}`, lang) : isolate(`${currency} ${strip(num)}`, lang);
}

/** { USD: "1500.00", CNY: "20.00" } → "USD 1,500.00 · CNY 20.00". */
export function amountsText(amounts: Record<string, string>, lang: string = uiLang()): string {
  return Object.entries(amounts)
    .map(([cur, a]) => moneyText(a, cur, lang))
    .join(' · ');
}

/** A percentage given in percent ("10.9" → "10.9%", "10,9 %" in Russian). */
export function formatPercent(value: string, lang: string = uiLang()): string {
  if (!DECIMAL_RE.test(value.trim())) return value;
  const n = localeNumbers(lang);
  return isolate(`${n.percentBefore}${strip(formatDecimal(value, lang))}${n.percentAfter}`, lang);
}

/**
 * A calendar date ("2026-11-29") as the language writes it. Chinese and English keep the ISO form, which
 * Chinese bookkeeping and Excel use and which no foreign buyer misreads (11/29 vs 29/11); Russian writes
 * 29.11.2026, Arabic 29/11/2026 (Latin digits, kept left to right).
 */
export function formatDate(iso: string, lang: string = uiLang()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || lang === 'zh' || lang === 'en') return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const text = new Intl.DateTimeFormat(formatLocale(lang), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(date);
  return isolate(text.replace(/[\u200e\u200f\u061c]/g, ''), lang);
}

const strip = (s: string) => s.replace(/[\u2066\u2069]/g, '');
