/**
 * The core's messages for shipments, imports, stock and claims in the UI language. The core writes English
 * sentences; the ones a user meets in these screens are matched here and read from the logistics catalogs.
 * Anything else goes to the shared table (lib/errors), and what neither knows is shown as the core wrote it.
 */
import type { TFunction } from 'i18next';
import { ApiCallError } from '../../../api';
import { describeError, issueText, translateMessage } from '../../../lib/errors';

type Values = Record<string, string>;
const m = (i: number) => (x: RegExpExecArray) => x[i] ?? '';

const KNOWN: Array<[RegExp, string, (x: RegExpExecArray) => Values]> = [
  // shipments
  [/^check digit should be (\d)$/, 'shipments.container.checkDigit', (x) => ({ digit: m(1)(x) })],
  [/^a container no\. is a 3-letter owner code/, 'shipments.container.format', () => ({})],
  [/^a declaration no\. has 18 digits$/, 'shipments.core.declarationNo', () => ({})],
  [/^ETA (\S+) is before ETD (\S+)$/, 'shipments.core.etaBeforeEtd', (x) => ({ eta: m(1)(x), etd: m(2)(x) })],
  [/^only (\S+) left to ship of (.+) \(ordered (\S+), shipped (\S+)\)$/, 'shipments.core.onlyLeft', (x) => ({ left: m(1)(x), what: m(2)(x), ordered: m(3)(x), shipped: m(4)(x) })],
  [/^nothing is left to ship of (.+) \(ordered (\S+), shipped (\S+)\)$/, 'shipments.core.nothingLeft', (x) => ({ what: m(1)(x), ordered: m(2)(x), shipped: m(3)(x) })],
  [/^net weight (\S+) kg is more than gross weight (\S+) kg$/, 'shipments.core.netOverGross', (x) => ({ net: m(1)(x), gross: m(2)(x) })],
  [/^the shipment is (\w+); its lines can no longer change$/, 'shipments.core.linesLocked', () => ({})],
  [/^it can go back only to (\w+)$/, 'shipments.core.oneStepBack', () => ({})],
  [/^Shipment (\S+) is (\w+); only a planned shipment can be deleted\.$/, 'shipments.core.deletePlannedOnly', (x) => ({ no: m(1)(x) })],
  [/^Shipment (\S+) has (\d+) claim\(s\); it cannot be deleted\.$/, 'shipments.core.deleteHasClaims', (x) => ({ no: m(1)(x), count: m(2)(x) })],
  [/^line (\d+) has claims; it cannot be removed$/, 'shipments.core.lineHasClaims', (x) => ({ line: m(1)(x) })],
  [/^claims on this line cover (\S+); the quantity cannot be less$/, 'shipments.core.claimsCover', (x) => ({ quantity: m(1)(x) })],
  [/^(\S+) is an order of (.+), not of this shipment's consignee$/, 'shipments.core.otherConsignee', (x) => ({ no: m(1)(x), party: m(2)(x) })],
  [/^(\S+) is a purchase order; only sales order lines are shipped$/, 'shipments.core.purchaseOrder', (x) => ({ no: m(1)(x) })],
  [/^(\S+) is a draft: confirm it before shipping$/, 'shipments.core.orderDraft', (x) => ({ no: m(1)(x) })],
  [/^(\S+) is cancelled: a cancelled order cannot be shipped$/, 'shipments.core.orderCancelled', (x) => ({ no: m(1)(x) })],
  [/^(\S+) is closed: nothing more is shipped on it$/, 'shipments.core.orderClosed', (x) => ({ no: m(1)(x) })],
  [/^the lines are from (.+) of another customer; remove them before changing the consignee$/, 'shipments.core.otherCustomer', (x) => ({ orders: m(1)(x) })],
  [/^(.+) is not a (customer|agent|forwarder|broker|supplier)$/, 'shipments.core.wrongRole', (x) => ({ name: m(1)(x) })],
  [/^(.+) is archived$/, 'shipments.core.archived', (x) => ({ name: m(1)(x) })],
  // imports
  [/^a CIF value already includes freight/, 'imports.core.cifFreight', () => ({})],
  [/^a CIF value already includes insurance/, 'imports.core.cifInsurance', () => ({})],
  [/^describe the goods or choose a product$/, 'imports.core.describe', () => ({})],
  [/^([A-Z]{3}) amounts have at most (\d) decimals$/, 'imports.core.amountDecimals', (x) => ({ currency: m(1)(x), decimals: m(2)(x) })],
  [/^([A-Z]{3}) amounts have no decimals$/, 'imports.core.amountNoDecimals', (x) => ({ currency: m(1)(x) })],
  [/^Import (\S+) has been received into stock; it can no longer be (changed|deleted)\.$/, 'imports.core.received', (x) => ({ no: m(1)(x) })],
  [/^Import (\S+) has already been received\.$/, 'imports.core.received', (x) => ({ no: m(1)(x) })],
  [/^Import (\S+) has no lines to receive\.$/, 'imports.core.noLines', (x) => ({ no: m(1)(x) })],
  [/^an exchange rate with at most 6 decimals$/, 'imports.core.rateFormat', () => ({})],
  [/^a percentage with at most 2 decimals$/, 'imports.core.percentFormat', () => ({})],
  [/^at most 100$/, 'imports.core.atMost100', () => ({})],
  [/^a unit price with at most 4 decimals$/, 'imports.core.priceFormat', () => ({})],
  [/^an amount with at most 3 decimals$/, 'imports.core.amountFormat', () => ({})],
  // stock
  [/^(.+) has (\S+) on hand; removing (\S+) would leave (\S+)$/, 'stock.core.belowZero', (x) => ({ item: m(1)(x), onHand: m(2)(x), removing: m(3)(x), left: m(4)(x) })],
  [/^say why the stock is adjusted$/, 'stock.core.reasonRequired', () => ({})],
  [/^must not be 0$/, 'stock.core.notZero', () => ({})],
  // claims
  [/^at most (\S+), the quantity shipped on this line$/, 'claims.core.qtyShipped', (x) => ({ quantity: m(1)(x) })],
  [/^at most (\S+): (\S+) were shipped on this line and other claims cover (\S+)$/, 'claims.core.qtyOtherClaims', (x) => ({ quantity: m(1)(x), shipped: m(2)(x), claimed: m(3)(x) })],
  [/^at most (\S+) ([A-Z]{3}), the amount of the shipment line$/, 'claims.core.amountLine', (x) => ({ amount: m(1)(x), currency: m(2)(x) })],
  [/^at most (\S+) ([A-Z]{3}): the line's amount is (\S+), of which other claims already gave back (\S+)$/, 'claims.core.amountOther', (x) => ({ amount: m(1)(x), currency: m(2)(x), line: m(3)(x), given: m(4)(x) })],
  [/^a (credit|refund) needs an amount in ([A-Z]{3})$/, 'claims.core.amountNeeded', (x) => ({ currency: m(2)(x) })],
  [/^a (credit|refund) needs an amount more than 0$/, 'claims.core.amountPositive', () => ({})],
  [/^a replacement has no amount/, 'claims.core.replacementNoAmount', () => ({})],
  [/^Claim (\S+) is already settled/, 'claims.core.alreadySettled', (x) => ({ no: m(1)(x) })],
  // shared argument checks
  [/^a quantity with at most 3 decimals$/, 'stock.core.qtyFormat', () => ({})],
  [/^must be more than 0$/, 'stock.core.positive', () => ({})],
  [/^a date as YYYY-MM-DD$|^not a real date$/, 'stock.core.date', () => ({})],
  [/^a weight in kg with at most 3 decimals$/, 'shipments.core.kgFormat', () => ({})],
  [/^a volume in m³ with at most 4 decimals$/, 'shipments.core.cbmFormat', () => ({})],
];

/** "A-1001 on SO-2026-0003 line 2" (an order line, as the core names it) in the UI language. */
function orderLineText(t: TFunction, what: string): string {
  const x = /^(?:(.+) on )?(\S+) line (\d+)$/.exec(what);
  if (!x) return what;
  return x[1] ? t('shipments.core.orderLineItem', { item: x[1], order: x[2], line: x[3] }) : t('shipments.core.orderLine', { order: x[2], line: x[3] });
}

/** One core message in the UI language. */
export function coreText(t: TFunction, message: string): string {
  for (const [re, key, values] of KNOWN) {
    const x = re.exec(message);
    if (x) {
      const v = values(x);
      if (v.what !== undefined) v.what = orderLineText(t, v.what);
      return t(key, v);
    }
  }
  return translateMessage(t, message);
}

/** The issues of a failed save, sorted by where they belong. */
export interface SortedIssues {
  /** header / form fields, by field name ("containerNo") */
  fields: Record<string, string>;
  /** line fields, by line index and field name */
  lines: Record<number, Record<string, string>>;
  /** anything without a place on the form */
  other: string[];
}

/**
 * Sort a failed call's issues: "header.containerNo" and "containerNo" → fields.containerNo,
 * "lines.2.quantity" → lines[2].quantity; issues naming a field this form does not show, or none, go to
 * `other` (labelled when the form can name the field).
 */
export function sortIssues(t: TFunction, error: unknown, known: (field: string) => boolean, label: (field: string) => string | undefined): SortedIssues {
  const out: SortedIssues = { fields: {}, lines: {}, other: [] };
  if (!(error instanceof ApiCallError) || error.issues.length === 0) {
    out.other.push(error instanceof ApiCallError && error.code !== 'transport' && error.code !== 'not_found' ? coreText(t, error.message) : describeError(t, error));
    return out;
  }
  for (const issue of error.issues) {
    const text = issueText(t, issue, coreText);
    const parts = issue.path.replace(/^(header|patch)\./, '').split('.');
    if (parts[0] === 'lines' && parts.length >= 3 && /^\d+$/.test(parts[1] ?? '')) {
      const i = Number(parts[1]);
      const row = (out.lines[i] ??= {});
      row[parts[2] ?? ''] ??= text;
      continue;
    }
    const field = parts[0] ?? '';
    if (field !== '' && known(field)) out.fields[field] ??= text;
    else out.other.push(label(field) ? t('errors.fieldError', { field: label(field), message: text }) : text);
  }
  return out;
}

/** A toast line for a failed call (no form to put it on). */
export function failText(t: TFunction, error: unknown): string {
  if (error instanceof ApiCallError && error.code !== 'transport' && error.code !== 'not_found') {
    if (error.issues.length > 0) return error.issues.map((i) => issueText(t, i, coreText)).join('; ');
    return coreText(t, error.message);
  }
  return describeError(t, error);
}

/** What a refused save of a draft with lines shows: field errors, errors by grid row, and the message line. */
export interface DraftIssues {
  fields: Record<string, string>;
  /** by grid row id */
  byRow: Record<number, Record<string, string>>;
  message: string | undefined;
}

/**
 * Sort the issues of a refused save onto the form: `sent` are the draft lines in the order they were sent,
 * so "lines.2.quantity" lands on the row that was third in the call.
 */
export function draftIssues(t: TFunction, error: unknown, known: (field: string) => boolean, label: (field: string) => string | undefined, sent: { id: number }[]): DraftIssues {
  const sorted = sortIssues(t, error, known, label);
  const byRow: Record<number, Record<string, string>> = {};
  for (const [i, errs] of Object.entries(sorted.lines)) {
    const row = sent[Number(i)];
    if (row) byRow[row.id] = errs;
    else sorted.other.push(...Object.values(errs));
  }
  const n = Object.keys(sorted.fields).length + Object.keys(byRow).length;
  const message = [n > 0 ? t('shipments.needAttention', { count: n }) : '', ...sorted.other].filter(Boolean).join(' ');
  return { fields: sorted.fields, byRow, message: message || undefined };
}
