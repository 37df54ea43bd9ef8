/**
 * Exact money helpers for the payments, balances and home screens. Amounts stay decimal strings in the
 * currency's own decimals; anything added up here is done in integer minor units (shared/decimal.ts),
 * never in floating point.
 */
import { DecimalError, formatScaled, parseScaled } from '../../../../shared/decimal';
import { currencyDecimals } from '../../../../shared/currency';
import { PAYMENT_METHODS } from '../../../../shared/trade';
import { normalizeDecimalInput } from '../../lib/numbers';

export type Method = (typeof PAYMENT_METHODS)[number];
export type Direction = 'in' | 'out';
export { PAYMENT_METHODS };

/** Decimals of a currency's minor unit (0 for JPY, 2 for USD, 3 for KWD); 2 for an unknown code. */
export function decimalsOf(currency: string): number {
  try {
    return currencyDecimals(currency);
  } catch {
    return 2;
  }
}

/** An amount typed by the user (full-width digits, decimal comma allowed) in minor units, or null when it is not one. */
export function toMinor(text: string, currency: string): number | null {
  const s = normalizeDecimalInput(text);
  if (s === '') return null;
  try {
    return parseScaled(s, decimalsOf(currency));
  } catch (e) {
    if (e instanceof DecimalError) return null;
    throw e;
  }
}

export function fromMinor(minor: number, currency: string): string {
  return formatScaled(minor, decimalsOf(currency));
}

/** The exact sum of amount strings of one currency; null when one of them is not an amount of that currency. */
export function sumAmounts(values: readonly string[], currency: string): string | null {
  let total = 0;
  for (const v of values) {
    const m = toMinor(v, currency);
    if (m === null) return null;
    total += m;
    if (!Number.isSafeInteger(total)) return null;
  }
  return fromMinor(total, currency);
}

/** "-12.50" -> "12.50", "12.50" -> "-12.50", zero stays unsigned. Exact: a string operation. */
export function negate(amount: string): string {
  if (amount.startsWith('-')) return amount.slice(1);
  return /[1-9]/.test(amount) ? `-${amount}` : amount;
}

export function isZero(amount: string): boolean {
  return !/[1-9]/.test(amount);
}

export function isNegative(amount: string): boolean {
  return amount.startsWith('-') && !isZero(amount);
}

/**
 * The base-currency value of an amount at a rate, rounded half away from zero to the base currency's
 * decimals — the same rule the core applies, in BigInt. Only a preview while typing: the saved payment
 * carries the core's own base amount.
 */
export function convertPreview(amountText: string, currency: string, rateText: string, base: string): string | null {
  const minor = toMinor(amountText, currency);
  let rate: number;
  try {
    rate = parseScaled(normalizeDecimalInput(rateText), 6);
  } catch {
    return null;
  }
  if (minor === null || rate <= 0) return null;
  const df = decimalsOf(currency);
  const dt = decimalsOf(base);
  const num = BigInt(minor) * BigInt(rate) * 10n ** BigInt(dt);
  const div = 10n ** BigInt(6 + df);
  const neg = num < 0n;
  const n = neg ? -num : num;
  let q = n / div;
  if ((n % div) * 2n >= div) q += 1n;
  const result = Number(neg ? -q : q);
  return Number.isSafeInteger(result) ? fromMinor(result, base) : null;
}

export interface OpenOrder {
  orderId: number;
  orderNo: string;
  orderDate: string;
  total: string;
  /** what can still be allocated to it by this payment (its unpaid amount, plus what this payment already gave it) */
  available: string;
}

/**
 * Fill allocations in order-date order (oldest first) up to the payment amount. Returns the amount text per
 * order id (orders that get nothing are left out). Integer arithmetic in minor units.
 */
export function allocateOldestFirst(paymentMinor: number, orders: readonly OpenOrder[], currency: string): Record<number, string> {
  const sorted = [...orders].sort((a, b) => a.orderDate.localeCompare(b.orderDate) || a.orderNo.localeCompare(b.orderNo) || a.orderId - b.orderId);
  let left = paymentMinor;
  const out: Record<number, string> = {};
  for (const o of sorted) {
    if (left <= 0) break;
    const available = toMinor(o.available, currency) ?? 0;
    if (available <= 0) continue;
    const take = Math.min(left, available);
    out[o.orderId] = fromMinor(take, currency);
    left -= take;
  }
  return out;
}

/** Today as YYYY-MM-DD in the computer's own time zone (the same day the core calls today). */
export function todayLocal(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
