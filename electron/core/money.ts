/**
 * Exact money arithmetic for the core. Amounts are integers in the minor unit of their currency; unit prices
 * are ×10^4, quantities ×10^3, exchange rates ×10^6, percentages ×10^2. Products that may exceed 2^53 are done
 * in BigInt and rounded half away from zero once, at the end — the same result Excel's ROUND gives for the
 * same line.
 */
import { DecimalError, formatScaled, parseScaled } from '../../shared/decimal';
import { currencyDecimals } from '../../shared/currency';
import { invalid } from './errors';
import { issueKey } from '../../shared/issues';

export const QTY_SCALE = 3;
export const PRICE_SCALE = 4;
export const RATE_SCALE = 6;
export const PERCENT_SCALE = 2;
export const KG_SCALE = 3;
export const CBM_SCALE = 4;

/** Round numerator / divisor half away from zero, in BigInt, and return a safe Number. */
export function roundDiv(numerator: bigint, divisor: bigint): number {
  if (divisor <= 0n) throw new DecimalError('divisor must be positive');
  const neg = numerator < 0n;
  const n = neg ? -numerator : numerator;
  let q = n / divisor;
  if ((n % divisor) * 2n >= divisor) q += 1n;
  const result = Number(neg ? -q : q);
  if (!Number.isSafeInteger(result)) throw new DecimalError('amount too large');
  return result;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** Line amount in minor units of `currency`: quantity × unit price, rounded to the currency's decimals. */
export function lineAmount(qtyE3: number, priceE4: number, currency: string): number {
  const d = currencyDecimals(currency);
  // qty×price has 3+4 = 7 decimals
  return roundDiv(BigInt(qtyE3) * BigInt(priceE4), pow10(QTY_SCALE + PRICE_SCALE - d));
}

/** Convert minor units of `from` into minor units of `to` at rate ×1e6 (1 `from` = rate `to`). */
export function convert(minor: number, from: string, rateE6: number, to: string): number {
  const df = currencyDecimals(from);
  const dt = currencyDecimals(to);
  // minor × rate / 10^(6 + df − dt); while the product is a safe integer the division is done exactly in Numbers
  // (a ledgers export converts every line: BigInt made that a third of a second)
  const shift = RATE_SCALE + df - dt;
  const product = minor * rateE6;
  if (shift >= 0 && Number.isInteger(product) && Math.abs(product) <= 2 ** 52) return roundDivSafe(product, 10 ** shift);
  return roundDiv(BigInt(minor) * BigInt(rateE6) * pow10(dt), pow10(RATE_SCALE + df));
}

/** roundDiv without BigInt for |numerator| ≤ 2^52 and a positive divisor ≤ 10^9: the same result. */
export function roundDivSafe(numerator: number, divisor: number): number {
  const n = Math.abs(numerator);
  let q = Math.floor(n / divisor);
  let r = n - q * divisor; // exact: q × divisor ≤ n + divisor < 2^53
  if (r < 0) {
    q -= 1;
    r += divisor;
  } else if (r >= divisor) {
    q += 1;
    r -= divisor;
  }
  if (r * 2 >= divisor) q += 1;
  return numerator < 0 && q !== 0 ? -q : q;
}

/** `percentE2` percent of `minor` (6.5% = 650), rounded. */
export function percentOf(minor: number, percentE2: number): number {
  return roundDiv(BigInt(minor) * BigInt(percentE2), 10_000n);
}

/**
 * Split `total` over parts in proportion to `weights`, exactly (largest remainder): the parts add up to the
 * total to the minor unit. All-zero weights split evenly.
 */
export function allocate(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const w = weights.every((x) => x === 0) ? weights.map(() => 1) : weights;
  const sum = w.reduce((a, b) => a + BigInt(b), 0n);
  const parts = w.map((x) => (BigInt(total) * BigInt(x)) / sum);
  const rema = w.map((x, i) => ({ i, r: (BigInt(total) * BigInt(x)) % sum }));
  let left = BigInt(total) - parts.reduce((a, b) => a + b, 0n);
  rema.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of rema) {
    if (left <= 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

/** Parse an amount string in the currency's decimals; `path` names the field for the error. */
export function parseAmount(text: string, currency: string, path: string): number {
  const d = currencyDecimals(currency);
  try {
    return parseScaled(text, d);
  } catch (e) {
    throw d === 0
      ? invalid(path, `${currency} amounts have no decimals`, issueKey('payments.errors.noDecimals', { currency }))
      : invalid(path, `${currency} amounts have at most ${d} decimals`, issueKey('payments.errors.decimals', { currency, decimals: d }));
  }
}

export function formatAmount(minor: number, currency: string): string {
  return formatScaled(minor, currencyDecimals(currency));
}

/** Parse a decimal string field at a fixed scale, naming the field on error. */
export function parseField(text: string, scale: number, path: string): number {
  try {
    return parseScaled(text, scale);
  } catch (e) {
    throw invalid(path, (e as Error).message);
  }
}

export const fmt = (value: number, scale: number) => formatScaled(value, scale);
export const fmtOpt = (value: number | null, scale: number) => (value === null ? '' : formatScaled(value, scale));
