/**
 * Why a row was rejected, in the UI language: the core's reasons (electron/core/import) are English with the
 * value as found in the file; the usual ones are mapped to catalog keys here, anything else goes through the
 * app's shared table and is shown as the core wrote it when unknown.
 */
import type { TFunction } from 'i18next';
import { translateMessage } from '../../lib/errors';

type Values = Record<string, string>;
const REASONS: Array<[RegExp, string, (m: RegExpExecArray) => Values]> = [
  [/^(.*) is not 10 digits$/s, 'hs', (m) => ({ value: m[1]! })],
  [/^(.*) is not a number$/s, 'notNumber', (m) => ({ value: m[1]! })],
  [/^(.*) has more than (\d+) decimals$/s, 'decimals', (m) => ({ value: m[1]!, n: m[2]! })],
  [/^(.*) is not a whole number$/s, 'whole', (m) => ({ value: m[1]! })],
  [/^(.*) is negative$/s, 'negative', (m) => ({ value: m[1]! })],
  [/^(.*) must be more than 0$/s, 'positive', (m) => ({ value: m[1]! })],
  [/^(.*) is too large$/s, 'tooLarge', (m) => ({ value: m[1]! })],
  [/^item no\. is required$/, 'itemNoRequired', () => ({})],
  [/^a name in Chinese or English is required$/, 'nameRequired', () => ({})],
  [/^(.*) is also on row (\d+)$/s, 'duplicate', (m) => ({ value: m[1]!.replace(/^item no\. /, ''), row: m[2]! })],
  [/^text of ([\d,]+) characters, longer than ([\d,]+)/, 'tooLong', (m) => ({ n: m[1]!, max: m[2]! })],
  [/^(.*) is not a customs unit/s, 'unit', (m) => ({ value: m[1]! })],
  [/^(.*) is not a country the customs table knows$/s, 'country', (m) => ({ value: m[1]! })],
  [/^(.*) is not a currency code/s, 'currency', (m) => ({ value: m[1]! })],
  [/^(.*) is not a role/s, 'role', (m) => ({ value: m[1]! })],
  [/^(.*) is not a carton size/s, 'cartonSize', (m) => ({ value: m[1]! })],
  [/^net weight (.+) kg is more than gross weight (.+) kg$/, 'netOverGross', (m) => ({ net: m[1]!, gross: m[2]! })],
  [/^(.*) is not quantity × unit price = (.+)$/s, 'amount', (m) => ({ value: m[1]!, computed: m[2]! })],
  [/^no supplier named (.+?) \(/s, 'noSupplier', (m) => ({ value: m[1]! })],
  [/^(.*) names (\d+) suppliers/s, 'manySuppliers', (m) => ({ value: m[1]!, n: m[2]! })],
  [/^the price is in ([A-Z]{3}), the order in ([A-Z]{3})$/, 'priceCurrency', (m) => ({ price: m[1]!, order: m[2]! })],
  [/^the unit price is required$/, 'priceRequired', () => ({})],
  [/^enter a quantity, or cartons and pieces per carton$/, 'quantityRequired', () => ({})],
];

export function importReason(t: TFunction, message: string): string {
  for (const [re, key, values] of REASONS) {
    const m = re.exec(message);
    if (m) return t(`import.reasons.${key}`, values(m));
  }
  return translateMessage(t, message);
}
