/**
 * Validation of a shipment before its filing pack is written, and the plan (declarations, merged lines) the
 * pack is built from. Every problem names the record to open and the field to fix.
 *
 * Checked: trade mode 1039; at least one line; the company's market-procurement registration no.; per line
 * a 10-digit HS code, a unit from the customs unit table, gross and net weight present (more than 0) with
 * net ≤ gross, a stall, and the stall's registration no. (商户号); the buyer's nationality and passport/ID
 * no.; a known currency and a USD rate when a line is not in USD; every declaration ≤ USD 150,000 after the
 * split; no order of the shipment settled in cash (a cash payment allocated to it).
 */
import { HS_CODE_RE, type Party } from '../../../shared/api';
import { isCode } from '../../../shared/codes';
import { isCurrency } from '../../../shared/currency';
import type { DB } from '../db';
import { formatAmount } from '../money';
import { loadFiling } from './load';
import { ruleOf, simplify, type SimplifiedRule } from './simplify';
import { planDeclarations } from './split';
import { DECLARATION_CAP_USD_CENTS, type Declaration, type FilingData, type FilingLine, type FilingProblem, type FilingRecord } from './types';

export interface FilingOptions {
  /** base currency per 1 USD, at most 6 decimals ("7.1"); default: the rate last used for USD */
  usdRate?: string;
  /** the simplified-declaration rule (simplify.ts); false: never merge */
  simplified?: Partial<SimplifiedRule> | false;
}

export interface FilingPlan {
  data: FilingData;
  declarations: Declaration[];
  rule: SimplifiedRule | null;
  problems: FilingProblem[];
}

class Problems {
  readonly list: FilingProblem[] = [];
  private seen = new Set<string>();
  add(record: FilingRecord, id: number, name: string, field: string, message: string): void {
    const key = `${record}:${id}:${field}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ record, id, name, field, message });
  }
}

const partyName = (p: Party) => (p.nameZh !== '' ? p.nameZh : p.nameEn);
const lineName = (l: FilingLine) => [l.itemNo, l.nameZh || l.nameEn].filter((s) => s !== '').join(' ');
const orderLineName = (l: FilingLine) => `${l.orderNo} line ${l.orderLineNo}${lineName(l) ? ` (${lineName(l)})` : ''}`;

/** The record that holds a line's HS code or unit: the order line when it has its own, else the product. */
function holder(l: FilingLine, own: string): [FilingRecord, number, string] {
  if (own === '' && l.productId !== null) return ['product', l.productId, `${l.productItemNo}${l.nameZh ? ` ${l.nameZh}` : ''}`];
  return ['orderLine', l.orderLineId, orderLineName(l)];
}

function checkLines(data: FilingData, p: Problems): void {
  const shipmentLineName = (l: FilingLine) => `${data.shipment.no} line ${l.seq}${lineName(l) ? ` (${lineName(l)})` : ''}`;
  for (const l of data.lines) {
    if (!HS_CODE_RE.test(l.hsCode)) {
      p.add(...holder(l, l.ownHsCode), 'hsCode', l.hsCode === '' ? 'no HS code: a 10-digit HS code is needed' : `HS code "${l.hsCode}" is not 10 digits`);
    }
    if (!isCode('units', l.unit)) {
      p.add(...holder(l, l.ownUnit), l.ownUnit === '' && l.productId !== null ? 'customsUnit' : 'unit', l.unit === '' ? 'no customs unit' : `unit "${l.unit}" is not in the customs unit table`);
    }
    if (l.grossG === null || l.grossG === 0) p.add('shipmentLine', l.shipmentLineId, shipmentLineName(l), 'grossKg', 'no gross weight');
    if (l.netG === null || l.netG === 0) p.add('shipmentLine', l.shipmentLineId, shipmentLineName(l), 'netKg', 'no net weight');
    if (l.grossG !== null && l.netG !== null && l.netG > l.grossG) {
      p.add('shipmentLine', l.shipmentLineId, shipmentLineName(l), 'netKg', 'net weight is more than gross weight');
    }
    if (l.stallId === null) {
      p.add('orderLine', l.orderLineId, orderLineName(l), 'stallId', 'no stall: each line of a 1039 export names the stall that sold it');
    } else {
      const stall = data.stalls.get(l.stallId)!;
      if (stall.stallRegNo === '') p.add('party', stall.id, partyName(stall), 'stallRegNo', 'no stall registration no. (商户号)');
    }
    if (!isCurrency(l.currency)) p.add('order', l.orderId, l.orderNo, 'currency', `unknown currency ${l.currency}`);
  }
}

function checkCash(db: DB, data: FilingData, p: Problems): void {
  const orderIds = [...new Set(data.lines.map((l) => l.orderId))];
  if (orderIds.length === 0) return;
  const rows = db
    .prepare(
      `SELECT o.id AS order_id, o.no AS order_no, pm.no AS payment_no, pa.amount_minor, pm.currency
       FROM payment_allocation pa JOIN payment pm ON pm.id = pa.payment_id JOIN trade_order o ON o.id = pa.order_id
       WHERE pm.method = 'cash' AND pa.order_id IN (SELECT value FROM json_each(?))
       ORDER BY o.no, pm.no`,
    )
    .all(JSON.stringify(orderIds)) as { order_id: number; order_no: string; payment_no: string; amount_minor: number; currency: string }[];
  const byOrder = new Map<number, typeof rows>();
  for (const r of rows) byOrder.set(r.order_id, [...(byOrder.get(r.order_id) ?? []), r]);
  for (const [orderId, rs] of byOrder) {
    const list = rs.map((r) => `${r.payment_no} (${formatAmount(r.amount_minor, r.currency)} ${r.currency})`).join(', ');
    p.add('order', orderId, rs[0]!.order_no, 'payments', `settled in cash by ${list}: a 1039 export may not be settled in cash`);
  }
}

/** Load, split, merge and check: everything the pack needs. */
export function planFiling(db: DB, shipmentId: number, opts: FilingOptions = {}): FilingPlan {
  const data = loadFiling(db, shipmentId, { usdRate: opts.usdRate });
  const p = new Problems();
  const s = data.shipment;
  if (s.tradeMode !== '1039') p.add('shipment', s.id, s.no, 'tradeMode', `trade mode is ${s.tradeMode}: the filing pack is for market procurement (1039)`);
  if (data.lines.length === 0) p.add('shipment', s.id, s.no, 'lines', 'the shipment has no lines');
  if (data.company.mpRegNo === '') p.add('company', 1, data.company.nameZh || data.company.nameEn, 'mpRegNo', 'no market-procurement registration no. (市场采购号)');
  const b = data.buyer;
  if (b.nationality === '') p.add('party', b.id, partyName(b), 'nationality', "no nationality: the declaration remark needs the buyer's nationality");
  if (b.idDocNo === '') p.add('party', b.id, partyName(b), 'idDocNo', "no passport/ID no.: the declaration remark needs the buyer's passport or ID no.");
  checkLines(data, p);
  if (data.usd.rateE6 === null && data.lines.some((l) => l.currency !== 'USD')) {
    p.add('shipment', s.id, s.no, 'usdRate', `no USD rate: give one (${data.usd.base} per 1 USD) or record a USD order, whose rate is then used`);
  }
  checkCash(db, data, p);

  const { declarations, unsplittable } = planDeclarations(data.lines, data.docCurrency);
  for (const l of unsplittable) {
    p.add('shipmentLine', l.shipmentLineId, `${s.no} line ${l.seq}`, 'quantity', 'one unit of this line is worth more than USD 150,000: it cannot be split into declarations');
  }
  for (const d of declarations) {
    if (d.usdCents !== null && d.usdCents > DECLARATION_CAP_USD_CENTS && !unsplittable.length) {
      p.add('shipment', s.id, s.no, 'lines', `declaration ${d.index} is worth USD ${formatAmount(d.usdCents, 'USD')}, more than USD 150,000`);
    }
  }
  const rule = opts.simplified === false ? null : ruleOf(opts.simplified);
  if (rule) for (const d of declarations) d.merged = simplify(d, rule);
  return { data, declarations, rule, problems: p.list };
}

/** The problems that stop the filing pack of a shipment; empty when it can be written. */
export function validateFiling(db: DB, shipmentId: number, opts: FilingOptions = {}): FilingProblem[] {
  return planFiling(db, shipmentId, opts).problems;
}
