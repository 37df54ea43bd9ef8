/**
 * The core's messages about orders, read in the UI language. Messages not listed here go through the
 * foundation's table (lib/errors), and anything unknown is shown as the core wrote it.
 */
import type { TFunction } from 'i18next';
import { translateMessage } from '../../lib/errors';

type Values = Record<string, string>;
const KNOWN: Array<[RegExp, string, (m: RegExpExecArray) => Values]> = [
  [/^a unit price with at most 4 decimals$/, 'orders.msg.priceFormat', () => ({})],
  [/^a quantity with at most 3 decimals$/, 'orders.msg.qtyFormat', () => ({})],
  [/^must be more than 0$/, 'orders.msg.moreThanZero', () => ({})],
  [/^enter a quantity, or cartons and pieces per carton$/, 'orders.msg.qtyRequired', () => ({})],
  [/^choose a product, or enter an item no\. or a name$/, 'orders.msg.nameRequired', () => ({})],
  [/^a weight in kg with at most 3 decimals$/, 'errors.kgFormat', () => ({})],
  [/^a volume in m³ with at most 4 decimals$/, 'orders.msg.cbmFormat', () => ({})],
  [/^an exchange rate with at most 6 decimals$/, 'orders.msg.rateFormat', () => ({})],
  [/^net weight (\S+) kg is more than gross weight (\S+) kg$/, 'orders.msg.netOverGross', (m) => ({ net: m[1] ?? '', gross: m[2] ?? '' })],
  [/^(\S+) is the base currency: its rate is 1$/, 'orders.msg.baseRateOne', (m) => ({ currency: m[1] ?? '' })],
  [/^give the rate of (\S+) to (\S+)$/, 'orders.msg.giveRate', (m) => ({ currency: m[1] ?? '', base: m[2] ?? '' })],
  [/^(.+) is not a customer$/, 'orders.msg.notCustomer', (m) => ({ name: m[1] ?? '' })],
  [/^(.+) is not a supplier$/, 'orders.msg.notSupplierNamed', (m) => ({ name: m[1] ?? '' })],
  [/^(.+) is archived$/, 'orders.msg.archived', (m) => ({ name: m[1] ?? '' })],
  [/^a date as YYYY-MM-DD$|^not a real date$/, 'orders.msg.date', () => ({})],
  [/^unknown currency$/, 'errors.unknownCurrency', () => ({})],
  [/^unknown incoterm code$/, 'orders.msg.unknownIncoterm', () => ({})],
  [/^(\S+) already (shipped|received): the quantity can't be less than that$/, 'orders.msg.qtyBelowDone', (m) => ({ qty: m[1] ?? '' })],
  [/^say why the order is cancelled$/, 'orders.msg.reasonRequired', () => ({})],
  [/^1–10 letters, digits or -$/, 'orders.msg.prefixFormat', () => ({})],
  [/^(\S+) is (\S+), not a draft: only a draft can be confirmed\.$/, 'orders.msg.onlyDraftConfirm', (m) => ({ no: m[1] ?? '' })],
  [/^(\S+) has no lines: add at least one line before confirming it\.$/, 'orders.msg.noLines', (m) => ({ no: m[1] ?? '' })],
  [/^(\S+) has no line left to order from a stall/, 'orders.msg.noStallLines', (m) => ({ no: m[1] ?? '' })],
  [/^line (\d+): only (\S+) of (\S+) remain to be received$/, 'orders.msg.overReceive', (m) => ({ line: m[1] ?? '', left: m[2] ?? '', qty: m[3] ?? '' })],
  [/^(\S+) still to ship but only (\S+) on hand$/, 'orders.msg.stockWarning', (m) => ({ need: m[1] ?? '', onHand: m[2] ?? '' })],
  [/^link line (\d+) to a product to receive it into stock$/, 'orders.msg.receiveNeedsProduct', (m) => ({ line: m[1] ?? '' })],
];

export function orderMessage(t: TFunction, message: string): string {
  for (const [re, key, values] of KNOWN) {
    const m = re.exec(message);
    if (m) return t(key, values(m));
  }
  return translateMessage(t, message);
}
