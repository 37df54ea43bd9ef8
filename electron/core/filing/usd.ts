/**
 * The USD value of each line, for the USD 150,000 cap and the USD totals of the pack.
 *
 * Rule (one rounding per line, half away from zero, to the cent):
 *   - a line in USD counts its own amount, unchanged;
 *   - otherwise, when the base currency is USD: amount × the order's rate to base;
 *   - otherwise: amount × the order's rate to base ÷ the USD rate, where the USD rate is base currency per
 *     1 USD (e.g. CNY 7.1 per USD), taken from the `usdRate` option when given (a decimal with at most 6
 *     decimals), else from the rate last used for USD in this company file (last_rate: the last USD order or
 *     payment). With neither, the lines have no USD value and validation names the missing rate.
 *   usdCents = round(amountMinor × orderRate × 10^2 / (10^currencyDecimals × usdRate))
 * Declaration and shipment USD totals are sums of the line values, so they add up exactly.
 */
import { currencyDecimals, isCurrency } from '../../../shared/currency';
import { DecimalError, parseScaled } from '../../../shared/decimal';
import type { DB } from '../db';
import { invalid } from '../errors';
import { RATE_SCALE, roundDiv } from '../money';
import { lastRate } from '../trade/common';
import type { UsdRateInfo } from './types';

const USD_DECIMALS = 2;

/** Parse the `usdRate` option: a positive decimal with at most 6 decimals. */
export function parseUsdRate(text: string): number {
  let v: number;
  try {
    v = parseScaled(text, RATE_SCALE);
  } catch (e) {
    throw invalid('usdRate', e instanceof DecimalError ? `the USD rate ${e.message}` : 'the USD rate is not a number');
  }
  if (v <= 0) throw invalid('usdRate', 'the USD rate must be more than 0');
  return v;
}

/** The USD rate to use for a pack whose lines are in `currencies`. */
export function usdRateFor(db: DB, base: string, currencies: Iterable<string>, option: string | undefined): UsdRateInfo {
  if (base === 'USD') return { rateE6: 1_000_000, source: 'base currency is USD', base };
  const needed = [...currencies].some((c) => c !== 'USD');
  if (option !== undefined && option !== '') return { rateE6: parseUsdRate(option), source: 'option', base };
  if (!needed) return { rateE6: null, source: 'not needed', base };
  const last = lastRate(db, 'USD');
  return last !== null ? { rateE6: last, source: 'last rate', base } : { rateE6: null, source: 'missing', base };
}

/** One line's USD value in cents, by the rule above; null when it cannot be converted. */
export function usdCentsOf(amountMinor: number, currency: string, orderRateE6: number, usd: UsdRateInfo): number | null {
  if (currency === 'USD') return amountMinor;
  if (!isCurrency(currency)) return null;
  const d = currencyDecimals(currency);
  if (usd.base === 'USD') {
    return roundDiv(BigInt(amountMinor) * BigInt(orderRateE6) * 10n ** BigInt(USD_DECIMALS), 10n ** BigInt(RATE_SCALE + d));
  }
  if (usd.rateE6 === null) return null;
  return roundDiv(BigInt(amountMinor) * BigInt(orderRateE6) * 10n ** BigInt(USD_DECIMALS), 10n ** BigInt(d) * BigInt(usd.rateE6));
}
