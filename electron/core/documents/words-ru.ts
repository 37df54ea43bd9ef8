/**
 * Amounts in Russian words for documents of a buyer whose document language is Russian ("Сумма прописью"):
 * "Три тысячи двенадцать долларов США 49 центов" — the whole units in words (with the right gender and plural
 * form), the minor units in digits, as Russian invoices and contracts write them. From exact minor units.
 */
import { currencyDecimals } from '../../../shared/currency';

type Forms = readonly [one: string, few: string, many: string];

const ONES_M = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const ONES_F = ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];
const SCALES: { forms: Forms; feminine: boolean }[] = [
  { forms: ['', '', ''], feminine: false },
  { forms: ['тысяча', 'тысячи', 'тысяч'], feminine: true },
  { forms: ['миллион', 'миллиона', 'миллионов'], feminine: false },
  { forms: ['миллиард', 'миллиарда', 'миллиардов'], feminine: false },
  { forms: ['триллион', 'триллиона', 'триллионов'], feminine: false },
];

/** The form of a noun after the number n: 1 доллар, 2 доллара, 5 долларов, 11 долларов, 21 доллар. */
export function russianPlural(n: number, forms: Forms): string {
  const d100 = n % 100;
  const d10 = n % 10;
  if (d100 >= 11 && d100 <= 14) return forms[2];
  if (d10 === 1) return forms[0];
  if (d10 >= 2 && d10 <= 4) return forms[1];
  return forms[2];
}

function underThousand(n: number, feminine: boolean): string[] {
  const out = [HUNDREDS[Math.floor(n / 100)]!];
  const rest = n % 100;
  if (rest >= 10 && rest < 20) out.push(TEENS[rest - 10]!);
  else out.push(TENS[Math.floor(rest / 10)]!, (feminine ? ONES_F : ONES_M)[rest % 10]!);
  return out.filter(Boolean);
}

/** A whole number in Russian words; `feminine` for a feminine noun after it (одна копейка, две тысячи). */
export function numberInRussian(n: number, feminine = false): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`cannot spell ${n}`);
  if (n === 0) return 'ноль';
  const words: string[] = [];
  const groups: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 1000)) groups.push(x % 1000);
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    const scale = SCALES[i]!;
    words.push(...underThousand(g, i === 0 ? feminine : scale.feminine));
    if (i > 0) words.push(russianPlural(g, scale.forms));
  }
  return words.join(' ');
}

const CURRENCIES: Record<string, { major: Forms; suffix?: string; feminine?: boolean; minor: Forms }> = {
  USD: { major: ['доллар', 'доллара', 'долларов'], suffix: 'США', minor: ['цент', 'цента', 'центов'] },
  EUR: { major: ['евро', 'евро', 'евро'], minor: ['цент', 'цента', 'центов'] },
  CNY: { major: ['юань', 'юаня', 'юаней'], minor: ['фэнь', 'фэня', 'фэней'] },
  RUB: { major: ['рубль', 'рубля', 'рублей'], minor: ['копейка', 'копейки', 'копеек'] },
  KZT: { major: ['тенге', 'тенге', 'тенге'], minor: ['тиын', 'тиына', 'тиынов'] },
  UZS: { major: ['сум', 'сума', 'сумов'], minor: ['тийин', 'тийина', 'тийинов'] },
  AED: { major: ['дирхам', 'дирхама', 'дирхамов'], suffix: 'ОАЭ', minor: ['филс', 'филса', 'филсов'] },
};

/** "Три тысячи двенадцать долларов США 49 центов"; a currency without Russian names keeps its code. */
export function amountInRussian(minor: number, currency: string): string {
  const d = currencyDecimals(currency);
  const unit = 10 ** d;
  const major = Math.floor(Math.abs(minor) / unit);
  const cents = Math.abs(minor) % unit;
  const c = CURRENCIES[currency];
  const words = numberInRussian(major, c?.feminine ?? false);
  const name = c ? [russianPlural(major, c.major), c.suffix].filter(Boolean).join(' ') : currency;
  let s = `${words} ${name}`;
  if (d > 0) s += ` ${String(cents).padStart(d, '0')} ${c ? russianPlural(cents, c.minor) : ''}`.trimEnd();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
