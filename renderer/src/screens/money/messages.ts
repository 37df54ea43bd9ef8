/**
 * The core's payment messages in the UI language. The core writes English; the messages a user meets while
 * entering a payment are mapped to catalog keys here, anything else goes through the shared table
 * (lib/errors) and, failing that, is shown as the core wrote it.
 */
import type { TFunction } from 'i18next';
import { translateMessage } from '../../lib/errors';

type Values = Record<string, string>;
const KNOWN: Array<[RegExp, string, (m: RegExpExecArray) => Values]> = [
  [/^must be more than 0 \(leave the order out instead\)$/, 'payments.errors.allocationZero', () => ({})],
  [/^must be more than 0$/, 'payments.errors.moreThanZero', () => ({})],
  [/^(\S+) amounts have at most (\d+) decimals$/, 'payments.errors.decimals', (m) => ({ currency: m[1] ?? '', decimals: m[2] ?? '' })],
  [/^(\S+) amounts have no decimals$/, 'payments.errors.noDecimals', (m) => ({ currency: m[1] ?? '' })],
  [/^an amount with at most 3 decimals$/, 'payments.errors.amountFormat', () => ({})],
  [/^an exchange rate with at most 6 decimals$/, 'payments.errors.rateFormat', () => ({})],
  [/^(\S+) has only (\S+) (\S+) unpaid$/, 'payments.errors.overUnpaid', (m) => ({ order: m[1] ?? '', amount: m[2] ?? '', currency: m[3] ?? '' })],
  [/^the allocations add up to (\S+), more than the payment of (\S+)$/, 'payments.errors.overAllocated', (m) => ({ sum: m[1] ?? '', amount: m[2] ?? '' })],
  [/^(\S+) is the base currency: its rate is 1$/, 'payments.errors.baseRate', (m) => ({ currency: m[1] ?? '' })],
  [/^a date as YYYY-MM-DD$|^not a real date$/, 'payments.errors.date', () => ({})],
  [/^unknown currency$/, 'payments.errors.unknownCurrency', () => ({})],
  [/^(.+) is archived$/, 'payments.errors.partyArchived', (m) => ({ name: m[1] ?? '' })],
];

export function paymentMessage(t: TFunction, message: string): string {
  for (const [re, key, values] of KNOWN) {
    const m = re.exec(message);
    if (m) return t(key, values(m));
  }
  return translateMessage(t, message);
}
