/**
 * Amounts in words: English for the commercial invoice ("SAY US DOLLARS TWELVE THOUSAND FIVE HUNDRED AND
 * CENTS FIFTY ONLY") and Chinese capitals for the transaction voucher (壹万贰仟伍佰元伍角). From the exact
 * minor units, never from a float.
 */
import { currencies, currencyDecimals } from '../../../shared/currency';

const ONES = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN', 'ELEVEN', 'TWELVE', 'THIRTEEN', 'FOURTEEN', 'FIFTEEN', 'SIXTEEN', 'SEVENTEEN', 'EIGHTEEN', 'NINETEEN'];
const TENS = ['', '', 'TWENTY', 'THIRTY', 'FORTY', 'FIFTY', 'SIXTY', 'SEVENTY', 'EIGHTY', 'NINETY'];
const SCALES = ['', 'THOUSAND', 'MILLION', 'BILLION', 'TRILLION'];

/** 0–999 in words; `and` puts AND between the hundreds and the rest (British style: ONE HUNDRED AND FIVE). */
function underThousand(n: number): string {
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h > 0) parts.push(`${ONES[h]} HUNDRED`);
  if (rest > 0) {
    if (h > 0) parts.push('AND');
    parts.push(rest < 20 ? ONES[rest]! : `${TENS[Math.floor(rest / 10)]}${rest % 10 ? ` ${ONES[rest % 10]}` : ''}`);
  }
  return parts.join(' ');
}

/** A whole number in English words, upper case: 12500 → TWELVE THOUSAND FIVE HUNDRED. */
export function numberInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`cannot spell ${n}`);
  if (n === 0) return 'ZERO';
  const groups: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 1000)) groups.push(x % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    // "ONE THOUSAND AND FIVE": the last group under 100 after a higher group takes AND
    if (i === 0 && g < 100 && words.length > 0) words.push('AND');
    words.push(underThousand(g) + (SCALES[i] ? ` ${SCALES[i]}` : ''));
  }
  return words.join(' ');
}

const CURRENCY_WORDS: Record<string, string> = {
  USD: 'US DOLLARS',
  EUR: 'EUROS',
  CNY: 'CHINESE YUAN',
  GBP: 'POUNDS STERLING',
  HKD: 'HONG KONG DOLLARS',
  JPY: 'JAPANESE YEN',
  AED: 'UAE DIRHAMS',
  RUB: 'RUSSIAN ROUBLES',
  SAR: 'SAUDI RIYALS',
};
const MINOR_WORDS: Record<number, string> = { 2: 'CENTS', 3: 'FILS' };

/** "SAY US DOLLARS TWELVE THOUSAND FIVE HUNDRED AND CENTS FIFTY ONLY" for 1250050 US cents. */
export function amountInEnglish(minor: number, currency: string): string {
  const d = currencyDecimals(currency);
  const name = CURRENCY_WORDS[currency] ?? (currencies.find((c) => c.code === currency)?.nameEn.toUpperCase() || currency);
  const unit = 10 ** d;
  const major = Math.floor(Math.abs(minor) / unit);
  const cents = Math.abs(minor) % unit;
  let s = `SAY ${name} ${numberInWords(major)}`;
  if (cents > 0) s += ` AND ${MINOR_WORDS[d] ?? 'CENTS'} ${numberInWords(cents)}`;
  return `${s} ONLY`;
}

const CN_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CN_UNITS = ['', '拾', '佰', '仟'];
const CN_GROUPS = ['', '万', '亿', '万亿'];
const CN_CURRENCY: Record<string, string> = { CNY: '人民币', USD: '美元', EUR: '欧元', HKD: '港币', JPY: '日元', GBP: '英镑' };

/** 0–9999 in capitals without leading 零 (the caller adds it between groups). */
function cnGroup(n: number): string {
  let s = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (s !== '') zero = true;
      continue;
    }
    if (zero) s += '零';
    zero = false;
    s += CN_DIGITS[d]! + CN_UNITS[i]!;
  }
  return s;
}

/** A whole number in Chinese capitals: 100500 → 壹拾万零伍佰. */
export function numberInChinese(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`cannot spell ${n}`);
  if (n === 0) return '零';
  const groups: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 10000)) groups.push(x % 10000);
  let s = '';
  let zero = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) {
      if (s !== '') zero = true;
      continue;
    }
    if (s !== '' && (zero || g < 1000)) s += '零';
    zero = false;
    s += cnGroup(g) + CN_GROUPS[i]!;
  }
  return s;
}

/**
 * An amount in Chinese capitals as written on vouchers: 人民币壹万贰仟伍佰元伍角, 美元壹佰元整. Only for
 * currencies with 0 or 2 decimals ('' otherwise).
 */
export function amountInChinese(minor: number, currency: string): string {
  const d = currencyDecimals(currency);
  if (d !== 0 && d !== 2) return '';
  const prefix = CN_CURRENCY[currency] ?? currencies.find((c) => c.code === currency)?.nameZh ?? currency;
  const unit = 10 ** d;
  const major = Math.floor(Math.abs(minor) / unit);
  const jiao = d === 2 ? Math.floor((Math.abs(minor) % 100) / 10) : 0;
  const fen = d === 2 ? Math.abs(minor) % 10 : 0;
  let s = major > 0 ? `${numberInChinese(major)}元` : '';
  if (jiao === 0 && fen === 0) return `${prefix}${s === '' ? '零元' : s}整`;
  if (jiao > 0) s += `${CN_DIGITS[jiao]}角`;
  else if (major > 0) s += '零';
  if (fen > 0) s += `${CN_DIGITS[fen]}分`;
  return `${prefix}${s}`;
}
