/**
 * Exact fixed-point decimals for money, unit prices, weights and sizes.
 *
 * Values cross the API as decimal strings ("0.0125", "12.500") and are stored as integers scaled by
 * 10^scale (minor units). No floating point is used anywhere in between, so a total reproduces to the
 * cent what Excel shows for the same lines.
 */

export class DecimalError extends Error {}

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parse a decimal string into an integer scaled by 10^scale. Throws DecimalError on bad input or too many decimals. */
export function parseScaled(text: string, scale: number): number {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) throw new DecimalError(`"${text}" is not a number`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > scale) throw new DecimalError(`"${text}" has more than ${scale} decimals`);
  const digits = (whole ?? '0') + frac.padEnd(scale, '0');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) throw new DecimalError(`"${text}" is too large`);
  return sign ? -value : value;
}

/** Format an integer scaled by 10^scale as a decimal string with exactly `scale` decimals. */
export function formatScaled(value: number, scale: number): string {
  if (!Number.isSafeInteger(value)) throw new DecimalError(`${value} is not an exact integer`);
  const neg = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return (neg ? '-' : '') + (scale > 0 ? `${whole}.${frac}` : whole);
}

/** Like formatScaled but without trailing zeros in the fraction ("0.0125", "12.5", "3"). */
export function formatScaledTrim(value: number, scale: number): string {
  const s = formatScaled(value, scale);
  return scale > 0 ? s.replace(/\.?0+$/, '') : s;
}

/** Divide an integer by a positive integer divisor, rounding half away from zero. */
export function divRound(numerator: number, divisor: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(divisor) || divisor <= 0) {
    throw new DecimalError('divRound needs safe integers and a positive divisor');
  }
  const q = Math.trunc(numerator / divisor);
  const r = numerator - q * divisor;
  if (Math.abs(r) * 2 >= divisor) return numerator < 0 ? q - 1 : q + 1;
  return q;
}

/** A zod-friendly regular expression for a non-negative decimal with at most `scale` decimals. */
export function decimalPattern(maxWholeDigits: number, scale: number): RegExp {
  return scale > 0
    ? new RegExp(`^\\d{1,${maxWholeDigits}}(\\.\\d{1,${scale}})?$`)
    : new RegExp(`^\\d{1,${maxWholeDigits}}$`);
}
