/**
 * Shipments (exports): a container or parcel of goods taken from the consignee's confirmed sales order lines.
 *
 * Every shipment line keeps its order_line_id, so each exported line traces back to the order, the buyer and
 * the stall that sold it. Shipped quantities are what make a sales order partial / complete (progress.ts) and
 * what takes goods out of stock (stock-query.ts): nothing is copied into stock_move.
 *
 * Line figures not given by the user are taken from the order line pro rata by quantity, in exact integers:
 *   value = round(total × (before + qty) / ordered) − round(total × before / ordered)
 * where `before` is what other shipments (and earlier lines of this one) already took of that order line, so
 * the shipments of a line add up exactly to the order line's figure; the shipment that completes the line
 * takes what is left (when the other shipments' figures are all known). Cartons are qty / pcs per carton when
 * that divides exactly, else pro rata of the order line's cartons the same way.
 */
import type { ApiParsedArg } from '../../../shared/api';
import { CONTAINER_CAPACITY, fillPercent, type ContainerType } from '../../../shared/containers';
import { formatScaledTrim } from '../../../shared/decimal';
import { containerNoProblem } from '../../../shared/iso6346';
import {
  SHIPMENT_STATUSES,
  type ContainerFill,
  type Shipment,
  type ShipmentLine,
  type ShipmentSummary,
  type ShippableLine,
} from '../../../shared/trade';
import { nowIso, type DB } from '../db';
import { AppError, invalid, notFound } from '../errors';
import { CBM_SCALE, KG_SCALE, PRICE_SCALE, QTY_SCALE, fmt, fmtOpt, formatAmount, lineAmount, parseField, roundDiv } from '../money';
import { likePattern } from '../sql';
import { audit, diff, nextNumber, PARTY_NAME_SQL, requireParty, todayLocal } from './common';
import { refreshOrderStatus } from './progress';

type Status = (typeof SHIPMENT_STATUSES)[number];
type CreateArg = ApiParsedArg<'shipments.create'>;
type UpdateArg = ApiParsedArg<'shipments.update'>;
type LineInput = CreateArg['lines'][number];

/** Statuses after which the goods have left: the lines are what was declared and loaded. */
const LOCKED_STATUSES: Status[] = ['departed', 'arrived', 'delivered'];

export { todayLocal };

export const qtyText = (e3: number) => formatScaledTrim(e3, QTY_SCALE);

// ---------------------------------------------------------------------------------------------------------
// Header

/** API field → column, for the header. */
const HEADER_COLUMNS = {
  mode: 'mode',
  tradeMode: 'trade_mode',
  exporterId: 'exporter_id',
  consigneeId: 'consignee_id',
  destCountry: 'dest_country',
  destPort: 'dest_port',
  loadingPort: 'loading_port',
  containerNo: 'container_no',
  containerType: 'container_type',
  sealNo: 'seal_no',
  blNo: 'bl_no',
  vesselVoyage: 'vessel_voyage',
  forwarderId: 'forwarder_id',
  brokerId: 'broker_id',
  declarationNo: 'declaration_no',
  etd: 'etd',
  eta: 'eta',
  marks: 'marks',
  notes: 'notes',
} as const;
type HeaderField = keyof typeof HEADER_COLUMNS;
type Header = { [K in HeaderField]: K extends 'exporterId' | 'forwarderId' | 'brokerId' ? number | null : K extends 'consigneeId' ? number : string };

const EMPTY_HEADER: Omit<Header, 'mode' | 'tradeMode' | 'consigneeId'> = {
  exporterId: null,
  destCountry: '',
  destPort: '',
  loadingPort: '',
  containerNo: '',
  containerType: '',
  sealNo: '',
  blNo: '',
  vesselVoyage: '',
  forwarderId: null,
  brokerId: null,
  declarationNo: '',
  etd: '',
  eta: '',
  marks: '',
  notes: '',
};

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Rules of the header that need the database; only fields that changed are checked (`before` null: all). */
function checkHeader(db: DB, h: Header, before: Header | null, prefix: string): void {
  const changed = (k: HeaderField) => before === null || before[k] !== h[k];
  if (changed('consigneeId')) requireParty(db, h.consigneeId, ['customer'], `${prefix}consigneeId`);
  if (changed('exporterId') && h.exporterId !== null) requireParty(db, h.exporterId, ['agent'], `${prefix}exporterId`);
  if (changed('forwarderId') && h.forwarderId !== null) requireParty(db, h.forwarderId, ['forwarder'], `${prefix}forwarderId`);
  if (changed('brokerId') && h.brokerId !== null) requireParty(db, h.brokerId, ['broker'], `${prefix}brokerId`);
  if (h.containerNo !== '') {
    const problem = containerNoProblem(h.containerNo);
    if (problem) throw invalid(`${prefix}containerNo`, problem);
  }
  if (h.etd !== '' && h.eta !== '' && h.eta < h.etd) throw invalid(`${prefix}eta`, `ETA ${h.eta} is before ETD ${h.etd}`);
}

// ---------------------------------------------------------------------------------------------------------
// Lines

interface OrderLineRow {
  id: number;
  order_id: number;
  line_no: number;
  qty_e3: number;
  price_e4: number;
  cartons: number | null;
  pcs_per_carton: number | null;
  gross_g: number | null;
  net_g: number | null;
  cbm_e4: number | null;
  item_no: string;
  kind: string;
  party_id: number;
  party_name: string;
  status: string;
  order_no: string;
  currency: string;
}

interface StoredLineRow {
  id: number;
  shipment_id: number;
  order_line_id: number;
  line_no: number;
  cartons: number | null;
  qty_e3: number;
  amount_minor: number;
  gross_g: number | null;
  net_g: number | null;
  cbm_e4: number | null;
}

interface ResolvedLine {
  id: number | undefined;
  orderLineId: number;
  orderId: number;
  qty: number;
  amount: number;
  cartons: number | null;
  gross: number | null;
  net: number | null;
  cbm: number | null;
}

type Figure = 'cartons' | 'gross_g' | 'net_g' | 'cbm_e4';

function orderLine(db: DB, id: number): OrderLineRow | undefined {
  return db
    .prepare(
      `SELECT ol.id, ol.order_id, ol.line_no, ol.qty_e3, ol.price_e4, ol.cartons,
              coalesce(ol.pcs_per_carton, p.pcs_per_carton) AS pcs_per_carton, ol.gross_g, ol.net_g, ol.cbm_e4,
              CASE WHEN ol.item_no <> '' THEN ol.item_no ELSE coalesce(p.item_no, '') END AS item_no,
              o.kind, o.party_id, ${PARTY_NAME_SQL('pa')} AS party_name, o.status, o.no AS order_no, o.currency
       FROM order_line ol JOIN trade_order o ON o.id = ol.order_id JOIN party pa ON pa.id = o.party_id
       LEFT JOIN product p ON p.id = ol.product_id
       WHERE ol.id = ?`,
    )
    .get(id) as OrderLineRow | undefined;
}

function claimedOn(db: DB, shipmentLineId: number): number {
  return (db.prepare('SELECT coalesce(sum(qty_e3), 0) AS q FROM claim WHERE shipment_line_id = ?').get(shipmentLineId) as { q: number }).q;
}

/**
 * Check and complete the lines of a shipment for `consigneeId`. `existing` are the shipment's stored lines
 * (empty for a new shipment).
 */
function resolveLines(db: DB, shipmentId: number | null, consigneeId: number, inputs: LineInput[], existing: Map<number, StoredLineRow>): ResolvedLine[] {
  const elsewhereStmt = db.prepare(
    `SELECT cartons, gross_g, net_g, cbm_e4, qty_e3 FROM shipment_line WHERE order_line_id = ? AND shipment_id IS NOT ?`,
  );
  /** what earlier lines of this set took of each order line */
  const takenHere = new Map<number, ResolvedLine[]>();
  const seenIds = new Set<number>();
  return inputs.map((input, i) => {
    const path = `lines.${i}`;
    const old = input.id !== undefined ? existing.get(input.id) : undefined;
    if (input.id !== undefined) {
      if (!old) throw invalid(`${path}.id`, `line ${input.id} is not a line of this shipment`);
      if (seenIds.has(input.id)) throw invalid(`${path}.id`, `line ${input.id} is given twice`);
      seenIds.add(input.id);
    }
    const ol = orderLine(db, input.orderLineId);
    if (!ol) throw invalid(`${path}.orderLineId`, `order line ${input.orderLineId} does not exist`);
    if (ol.kind !== 'sales') throw invalid(`${path}.orderLineId`, `${ol.order_no} is a purchase order; only sales order lines are shipped`);
    if (ol.party_id !== consigneeId) throw invalid(`${path}.orderLineId`, `${ol.order_no} is an order of ${ol.party_name}, not of this shipment's consignee`);
    const qty = parseField(input.quantity, QTY_SCALE, `${path}.quantity`);

    if (old && old.order_line_id !== ol.id && claimedOn(db, old.id) > 0) {
      throw invalid(`${path}.orderLineId`, 'this line has claims: it cannot be moved to another order line');
    }
    // An unchanged or reduced line of this shipment stays even if its order was closed since; anything new
    // needs an order that is open for shipping.
    const keeps = old !== undefined && old.order_line_id === ol.id && qty <= old.qty_e3;
    if (!keeps) {
      if (ol.status === 'cancelled') throw invalid(`${path}.orderLineId`, `${ol.order_no} is cancelled: a cancelled order cannot be shipped`);
      if (ol.status === 'draft') throw invalid(`${path}.orderLineId`, `${ol.order_no} is a draft: confirm it before shipping`);
      if (ol.status === 'closed') throw invalid(`${path}.orderLineId`, `${ol.order_no} is closed: nothing more is shipped on it`);
    }
    if (old) {
      const claimed = claimedOn(db, old.id);
      if (qty < claimed) throw invalid(`${path}.quantity`, `claims on this line cover ${qtyText(claimed)}; the quantity cannot be less`);
    }

    const others = elsewhereStmt.all(ol.id, shipmentId) as { cartons: number | null; gross_g: number | null; net_g: number | null; cbm_e4: number | null; qty_e3: number }[];
    const here = takenHere.get(ol.id) ?? [];
    const shippedElsewhere = others.reduce((a, r) => a + r.qty_e3, 0);
    const before = shippedElsewhere + here.reduce((a, r) => a + r.qty, 0);
    const left = ol.qty_e3 - before;
    if (qty > left) {
      const where = `${ol.item_no ? `${ol.item_no} on ` : ''}${ol.order_no} line ${ol.line_no}`;
      throw invalid(
        `${path}.quantity`,
        left <= 0
          ? `nothing is left to ship of ${where} (ordered ${qtyText(ol.qty_e3)}, shipped ${qtyText(before)})`
          : `only ${qtyText(left)} left to ship of ${where} (ordered ${qtyText(ol.qty_e3)}, shipped ${qtyText(before)})`,
      );
    }

    const completes = before + qty === ol.qty_e3;
    const hereAs = (f: Figure) =>
      here.map((r) => (f === 'cartons' ? r.cartons : f === 'gross_g' ? r.gross : f === 'net_g' ? r.net : r.cbm));
    /** the order line's figure `f` pro rata for this line (see the module comment) */
    const share = (f: Figure): number | null => {
      const total = ol[f];
      if (total === null) return null;
      if (completes) {
        const rest = [...others.map((r) => r[f]), ...hereAs(f)];
        if (rest.every((v) => v !== null)) {
          const remainder = total - rest.reduce<number>((a, v) => a + (v ?? 0), 0);
          if (remainder >= 0) return remainder;
        }
      }
      const q = BigInt(ol.qty_e3);
      return roundDiv(BigInt(total) * BigInt(before + qty), q) - roundDiv(BigInt(total) * BigInt(before), q);
    };

    let cartons: number | null;
    if (input.cartons !== undefined) cartons = input.cartons;
    else if (ol.pcs_per_carton !== null && qty % (ol.pcs_per_carton * 1000) === 0) cartons = qty / (ol.pcs_per_carton * 1000);
    else cartons = share('cartons');
    const gross = input.grossKg !== undefined ? parseField(input.grossKg, KG_SCALE, `${path}.grossKg`) : share('gross_g');
    const net = input.netKg !== undefined ? parseField(input.netKg, KG_SCALE, `${path}.netKg`) : share('net_g');
    const cbm = input.cbm !== undefined ? parseField(input.cbm, CBM_SCALE, `${path}.cbm`) : share('cbm_e4');
    if (gross !== null && net !== null && net > gross) {
      throw invalid(`${path}.netKg`, `net weight ${fmt(net, KG_SCALE)} kg is more than gross weight ${fmt(gross, KG_SCALE)} kg`);
    }
    const line: ResolvedLine = {
      id: input.id,
      orderLineId: ol.id,
      orderId: ol.order_id,
      qty,
      amount: lineAmount(qty, ol.price_e4, ol.currency),
      cartons,
      gross,
      net,
      cbm,
    };
    takenHere.set(ol.id, [...here, line]);
    return line;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Reading

interface ShipmentRow {
  id: number;
  no: string;
  mode: Shipment['mode'];
  trade_mode: string;
  exporter_id: number | null;
  consignee_id: number;
  consignee_name: string;
  dest_country: string;
  dest_port: string;
  loading_port: string;
  container_no: string;
  container_type: string;
  seal_no: string;
  bl_no: string;
  vessel_voyage: string;
  forwarder_id: number | null;
  broker_id: number | null;
  declaration_no: string;
  etd: string;
  eta: string;
  status: Status;
  marks: string;
  notes: string;
}

interface Totals {
  cartons: number;
  gross: number;
  net: number;
  cbm: number;
  amounts: Map<string, number>;
}

const SELECT_SHIPMENT = `SELECT s.*, ${PARTY_NAME_SQL('c')} AS consignee_name FROM shipment s JOIN party c ON c.id = s.consignee_id`;

/** Totals per shipment (amounts per currency) for the given shipments. */
function totalsOf(db: DB, ids: number[]): Map<number, Totals> {
  const out = new Map<number, Totals>();
  for (const id of ids) out.set(id, { cartons: 0, gross: 0, net: 0, cbm: 0, amounts: new Map() });
  if (ids.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT sl.shipment_id AS sid, o.currency, coalesce(sum(sl.cartons), 0) AS cartons, coalesce(sum(sl.gross_g), 0) AS gross,
              coalesce(sum(sl.net_g), 0) AS net, coalesce(sum(sl.cbm_e4), 0) AS cbm, sum(sl.amount_minor) AS amount
       FROM shipment_line sl JOIN order_line ol ON ol.id = sl.order_line_id JOIN trade_order o ON o.id = ol.order_id
       WHERE sl.shipment_id IN (SELECT value FROM json_each(?))
       GROUP BY sl.shipment_id, o.currency`,
    )
    .all(JSON.stringify(ids)) as { sid: number; currency: string; cartons: number; gross: number; net: number; cbm: number; amount: number }[];
  for (const r of rows) {
    const t = out.get(r.sid)!;
    t.cartons += r.cartons;
    t.gross += r.gross;
    t.net += r.net;
    t.cbm += r.cbm;
    t.amounts.set(r.currency, (t.amounts.get(r.currency) ?? 0) + r.amount);
  }
  return out;
}

function toSummary(r: ShipmentRow, t: Totals): ShipmentSummary {
  const amounts: Record<string, string> = {};
  for (const [cur, minor] of [...t.amounts].sort(([a], [b]) => a.localeCompare(b))) amounts[cur] = formatAmount(minor, cur);
  return {
    id: r.id,
    no: r.no,
    mode: r.mode,
    tradeMode: r.trade_mode,
    consigneeId: r.consignee_id,
    consigneeName: r.consignee_name,
    containerNo: r.container_no,
    containerType: r.container_type,
    etd: r.etd,
    eta: r.eta,
    status: r.status,
    cartons: t.cartons,
    grossKg: fmt(t.gross, KG_SCALE),
    cbm: fmt(t.cbm, CBM_SCALE),
    amounts,
  };
}

/** How full the container is: total CBM and gross weight against its usable capacity (shared/containers.ts). */
export function containerFill(containerType: string, cbmE4: number, grossG: number): ContainerFill | null {
  const cap = CONTAINER_CAPACITY[containerType as ContainerType];
  if (!cap) return null;
  const capCbm = cap.usableCbm * 10 ** CBM_SCALE;
  const capG = cap.payloadKg * 10 ** KG_SCALE;
  return {
    containerType,
    cbm: fmt(cbmE4, CBM_SCALE),
    capacityCbm: fmt(capCbm, CBM_SCALE),
    grossKg: fmt(grossG, KG_SCALE),
    capacityKg: fmt(capG, KG_SCALE),
    cbmPercent: fillPercent(cbmE4, capCbm),
    weightPercent: fillPercent(grossG, capG),
  };
}

interface LineViewRow extends StoredLineRow {
  order_id: number;
  order_no: string;
  currency: string;
  product_id: number | null;
  item_no: string;
  name_zh: string;
  name_en: string;
  spec: string;
  hs_code: string;
  unit: string;
  stall_id: number | null;
  stall_name: string | null;
  price_e4: number;
}

export const SHIPMENT_LINE_VIEW_SQL = `
  SELECT sl.*, ol.order_id, o.no AS order_no, o.currency, ol.product_id,
         CASE WHEN ol.item_no <> '' THEN ol.item_no ELSE coalesce(p.item_no, '') END AS item_no,
         CASE WHEN ol.name_zh <> '' THEN ol.name_zh ELSE coalesce(p.name_zh, '') END AS name_zh,
         CASE WHEN ol.name_en <> '' THEN ol.name_en ELSE coalesce(p.name_en, '') END AS name_en,
         CASE WHEN ol.spec <> '' THEN ol.spec ELSE coalesce(p.spec, '') END AS spec,
         CASE WHEN ol.hs_code <> '' THEN ol.hs_code ELSE coalesce(p.hs_code, '') END AS hs_code,
         CASE WHEN ol.unit <> '' THEN ol.unit ELSE coalesce(p.customs_unit, '') END AS unit,
         ol.stall_id, ${PARTY_NAME_SQL('st')} AS stall_name, ol.price_e4
  FROM shipment_line sl
  JOIN order_line ol ON ol.id = sl.order_line_id
  JOIN trade_order o ON o.id = ol.order_id
  LEFT JOIN product p ON p.id = ol.product_id
  LEFT JOIN party st ON st.id = ol.stall_id`;

function toLine(r: LineViewRow): ShipmentLine {
  return {
    id: r.id,
    orderLineId: r.order_line_id,
    orderId: r.order_id,
    orderNo: r.order_no,
    productId: r.product_id,
    itemNo: r.item_no,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    spec: r.spec,
    hsCode: r.hs_code,
    unit: r.unit,
    stallId: r.stall_id,
    stallName: r.stall_name ?? '',
    cartons: r.cartons,
    quantity: qtyText(r.qty_e3),
    unitPrice: formatScaledTrim(r.price_e4, PRICE_SCALE),
    currency: r.currency,
    amount: formatAmount(r.amount_minor, r.currency),
    grossKg: fmtOpt(r.gross_g, KG_SCALE),
    netKg: fmtOpt(r.net_g, KG_SCALE),
    cbm: fmtOpt(r.cbm_e4, CBM_SCALE),
  };
}

function row(db: DB, id: number): ShipmentRow {
  const r = db.prepare(`${SELECT_SHIPMENT} WHERE s.id = ?`).get(id) as ShipmentRow | undefined;
  if (!r) throw notFound('Shipment', id);
  return r;
}

function headerOf(r: ShipmentRow): Header {
  const h = {} as Record<HeaderField, unknown>;
  for (const [k, c] of Object.entries(HEADER_COLUMNS)) h[k as HeaderField] = r[c as keyof ShipmentRow];
  return h as Header;
}

export function getShipment(db: DB, id: number): Shipment {
  const r = row(db, id);
  const t = totalsOf(db, [id]).get(id)!;
  const lines = (db.prepare(`${SHIPMENT_LINE_VIEW_SQL} WHERE sl.shipment_id = ? ORDER BY sl.line_no, sl.id`).all(id) as LineViewRow[]).map(toLine);
  return {
    ...toSummary(r, t),
    exporterId: r.exporter_id,
    destCountry: r.dest_country,
    destPort: r.dest_port,
    loadingPort: r.loading_port,
    sealNo: r.seal_no,
    blNo: r.bl_no,
    vesselVoyage: r.vessel_voyage,
    forwarderId: r.forwarder_id,
    brokerId: r.broker_id,
    declarationNo: r.declaration_no,
    marks: r.marks,
    notes: r.notes,
    netKg: fmt(t.net, KG_SCALE),
    fill: containerFill(r.container_type, t.cbm, t.gross),
    lines,
  };
}

export function listShipments(db: DB, q: ApiParsedArg<'shipments.list'>): ShipmentSummary[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status) {
    where.push('s.status = ?');
    params.push(q.status);
  }
  if (q.search) {
    const p = likePattern(q.search);
    where.push(
      `(s.no LIKE ? ESCAPE '\\' OR c.name_zh LIKE ? ESCAPE '\\' OR c.name_en LIKE ? ESCAPE '\\' OR s.container_no LIKE ? ESCAPE '\\'
        OR s.bl_no LIKE ? ESCAPE '\\' OR s.declaration_no LIKE ? ESCAPE '\\' OR s.dest_port LIKE ? ESCAPE '\\')`,
    );
    params.push(p, p, p, p, p, p, p);
  }
  const rows = db
    .prepare(`${SELECT_SHIPMENT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY CASE WHEN s.etd = '' THEN 1 ELSE 0 END, s.etd DESC, s.id DESC`)
    .all(...params) as ShipmentRow[];
  const totals = totalsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toSummary(r, totals.get(r.id)!));
}

/** The consignee's confirmed / partly shipped sales order lines that still have something to ship. */
export function shippableLines(db: DB, consigneeId: number): ShippableLine[] {
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT ol.id, ol.order_id, o.no AS order_no, o.currency, ol.line_no, ol.qty_e3, ol.price_e4,
                CASE WHEN ol.item_no <> '' THEN ol.item_no ELSE coalesce(p.item_no, '') END AS item_no,
                CASE WHEN ol.name_zh <> '' THEN ol.name_zh ELSE coalesce(p.name_zh, '') END AS name_zh,
                CASE WHEN ol.name_en <> '' THEN ol.name_en ELSE coalesce(p.name_en, '') END AS name_en,
                CASE WHEN ol.unit <> '' THEN ol.unit ELSE coalesce(p.customs_unit, '') END AS unit,
                coalesce(ol.pcs_per_carton, p.pcs_per_carton) AS pcs, ol.stall_id, ${PARTY_NAME_SQL('st')} AS stall_name, o.order_date,
                (SELECT coalesce(sum(sl.qty_e3), 0) FROM shipment_line sl WHERE sl.order_line_id = ol.id) AS shipped
         FROM order_line ol JOIN trade_order o ON o.id = ol.order_id
         LEFT JOIN product p ON p.id = ol.product_id LEFT JOIN party st ON st.id = ol.stall_id
         WHERE o.kind = 'sales' AND o.party_id = ? AND o.status IN ('confirmed', 'partial'))
       WHERE qty_e3 > shipped
       ORDER BY order_date, order_no, line_no`,
    )
    .all(consigneeId) as {
    id: number;
    order_id: number;
    order_no: string;
    currency: string;
    qty_e3: number;
    price_e4: number;
    item_no: string;
    name_zh: string;
    name_en: string;
    unit: string;
    pcs: number | null;
    stall_id: number | null;
    stall_name: string | null;
    shipped: number;
  }[];
  return rows.map((r) => ({
    orderLineId: r.id,
    orderId: r.order_id,
    orderNo: r.order_no,
    itemNo: r.item_no,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    stallId: r.stall_id,
    stallName: r.stall_name ?? '',
    unit: r.unit,
    pcsPerCarton: r.pcs,
    ordered: qtyText(r.qty_e3),
    shipped: qtyText(r.shipped),
    remaining: qtyText(r.qty_e3 - r.shipped),
    unitPrice: formatScaledTrim(r.price_e4, PRICE_SCALE),
    currency: r.currency,
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Writing

function storedLines(db: DB, shipmentId: number): StoredLineRow[] {
  return db.prepare('SELECT * FROM shipment_line WHERE shipment_id = ? ORDER BY line_no, id').all(shipmentId) as StoredLineRow[];
}

function lineAuditForm(l: { order_line_id?: number; orderLineId?: number; qty_e3?: number; qty?: number; cartons: number | null }) {
  return { orderLineId: l.order_line_id ?? l.orderLineId, quantity: qtyText(l.qty_e3 ?? l.qty ?? 0), cartons: l.cartons };
}

/** Write the resolved line set: lines with an id are updated in place (claims stay linked), others added, the rest removed. */
function writeLines(db: DB, shipmentId: number, lines: ResolvedLine[], old: StoredLineRow[]): void {
  const keep = new Set(lines.map((l) => l.id).filter((id): id is number => id !== undefined));
  for (const o of old) {
    if (keep.has(o.id)) continue;
    if (claimedOn(db, o.id) > 0) {
      throw new AppError('conflict', `Line ${o.line_no} of this shipment has claims; it cannot be removed.`, [
        { path: 'lines', message: `line ${o.line_no} has claims; it cannot be removed` },
      ]);
    }
    db.prepare('DELETE FROM shipment_line WHERE id = ?').run(o.id);
  }
  const upd = db.prepare(
    `UPDATE shipment_line SET order_line_id = ?, line_no = ?, cartons = ?, qty_e3 = ?, amount_minor = ?, gross_g = ?, net_g = ?, cbm_e4 = ? WHERE id = ?`,
  );
  const ins = db.prepare(
    `INSERT INTO shipment_line (shipment_id, order_line_id, line_no, cartons, qty_e3, amount_minor, gross_g, net_g, cbm_e4)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  lines.forEach((l, i) => {
    if (l.id !== undefined) upd.run(l.orderLineId, i + 1, l.cartons, l.qty, l.amount, l.gross, l.net, l.cbm, l.id);
    else ins.run(shipmentId, l.orderLineId, i + 1, l.cartons, l.qty, l.amount, l.gross, l.net, l.cbm);
  });
}

function refreshOrders(db: DB, orderIds: Iterable<number>): void {
  for (const id of new Set(orderIds)) refreshOrderStatus(db, id);
}

function ordersOfStored(db: DB, lines: StoredLineRow[]): number[] {
  const stmt = db.prepare('SELECT order_id FROM order_line WHERE id = ?');
  return lines.map((l) => (stmt.get(l.order_line_id) as { order_id: number }).order_id);
}

export function createShipment(db: DB, user: string, arg: CreateArg): Shipment {
  return db.transaction(() => {
    const { lines: inputs, ...rest } = arg;
    const h: Header = { ...EMPTY_HEADER, ...defined(rest) } as Header;
    checkHeader(db, h, null, '');
    const lines = resolveLines(db, null, h.consigneeId, inputs, new Map());
    const no = nextNumber(db, 'shipment', h.etd || todayLocal());
    const now = nowIso();
    const cols = Object.values(HEADER_COLUMNS);
    const info = db
      .prepare(`INSERT INTO shipment (no, status, ${cols.join(', ')}, created_at, updated_at) VALUES (?, 'planned', ${cols.map(() => '?').join(', ')}, ?, ?)`)
      .run(no, ...Object.keys(HEADER_COLUMNS).map((k) => h[k as HeaderField]), now, now);
    const id = Number(info.lastInsertRowid);
    writeLines(db, id, lines, []);
    refreshOrders(db, lines.map((l) => l.orderId));
    audit(db, user, 'shipment', id, 'create', { no, ...h, lines: lines.map(lineAuditForm) });
    return getShipment(db, id);
  })();
}

export function updateShipment(db: DB, user: string, arg: UpdateArg): Shipment {
  return db.transaction(() => {
    const r = row(db, arg.id);
    const before = headerOf(r);
    const h: Header = { ...before, ...defined(arg.header ?? {}) } as Header;
    checkHeader(db, h, before, 'header.');
    const old = storedLines(db, arg.id);
    const changes: Record<string, unknown> = diff(before, h);

    if (arg.lines !== undefined) {
      if (LOCKED_STATUSES.includes(r.status)) {
        throw new AppError('refused', `Shipment ${r.no} is ${r.status}: the goods have left, so its lines can no longer change.`, [
          { path: 'lines', message: `the shipment is ${r.status}; its lines can no longer change` },
        ]);
      }
      const lines = resolveLines(db, arg.id, h.consigneeId, arg.lines, new Map(old.map((l) => [l.id, l])));
      writeLines(db, arg.id, lines, old);
      refreshOrders(db, [...ordersOfStored(db, old), ...lines.map((l) => l.orderId)]);
      const beforeLines = old.map(lineAuditForm);
      const afterLines = lines.map(lineAuditForm);
      if (JSON.stringify(beforeLines) !== JSON.stringify(afterLines)) changes.lines = [beforeLines, afterLines];
    } else if (h.consigneeId !== before.consigneeId && old.length > 0) {
      const foreign = db
        .prepare(
          `SELECT DISTINCT o.no FROM shipment_line sl JOIN order_line ol ON ol.id = sl.order_line_id JOIN trade_order o ON o.id = ol.order_id
           WHERE sl.shipment_id = ? AND o.party_id <> ?`,
        )
        .all(arg.id, h.consigneeId) as { no: string }[];
      if (foreign.length > 0) {
        throw invalid('header.consigneeId', `the lines are from ${foreign.map((f) => f.no).join(', ')} of another customer; remove them before changing the consignee`);
      }
    }

    const sets = Object.values(HEADER_COLUMNS).map((c) => `${c} = ?`);
    db.prepare(`UPDATE shipment SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(
      ...Object.keys(HEADER_COLUMNS).map((k) => h[k as HeaderField]),
      nowIso(),
      arg.id,
    );
    if (Object.keys(changes).length > 0) audit(db, user, 'shipment', arg.id, 'update', changes);
    return getShipment(db, arg.id);
  })();
}

/**
 * planned → loading → declared → departed → arrived → delivered: forward any number of steps, or back exactly
 * one step to fix a mistake.
 */
export function setShipmentStatus(db: DB, user: string, id: number, status: Status): Shipment {
  return db.transaction(() => {
    const r = row(db, id);
    if (r.status === status) return getShipment(db, id);
    const from = SHIPMENT_STATUSES.indexOf(r.status);
    const to = SHIPMENT_STATUSES.indexOf(status);
    if (to < from - 1) {
      const oneBack = SHIPMENT_STATUSES[from - 1]!;
      throw new AppError(
        'refused',
        `Shipment ${r.no} is ${r.status}: a status goes back only one step at a time (to ${oneBack}), to fix a mistake.`,
        [{ path: 'status', message: `it can go back only to ${oneBack}` }],
      );
    }
    db.prepare('UPDATE shipment SET status = ?, updated_at = ? WHERE id = ?').run(status, nowIso(), id);
    audit(db, user, 'shipment', id, 'status', { status: [r.status, status] });
    return getShipment(db, id);
  })();
}

export function deleteShipment(db: DB, user: string, id: number): { id: number } {
  return db.transaction(() => {
    const r = row(db, id);
    if (r.status !== 'planned') {
      throw new AppError('conflict', `Shipment ${r.no} is ${r.status}; only a planned shipment can be deleted.`);
    }
    const old = storedLines(db, id);
    const claims = (db.prepare('SELECT count(*) AS n FROM claim c JOIN shipment_line sl ON sl.id = c.shipment_line_id WHERE sl.shipment_id = ?').get(id) as { n: number }).n;
    if (claims > 0) throw new AppError('conflict', `Shipment ${r.no} has ${claims} claim(s); it cannot be deleted.`);
    const orders = ordersOfStored(db, old);
    db.prepare('DELETE FROM shipment_line WHERE shipment_id = ?').run(id);
    db.prepare("DELETE FROM attachment WHERE entity = 'shipment' AND entity_id = ?").run(id);
    db.prepare('DELETE FROM shipment WHERE id = ?').run(id);
    refreshOrders(db, orders);
    audit(db, user, 'shipment', id, 'delete', { no: r.no, ...headerOf(r), lines: old.map(lineAuditForm) });
    return { id };
  })();
}
