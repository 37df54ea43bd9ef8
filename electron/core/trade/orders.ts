/**
 * Sales orders (to buyers) and purchase orders (from stalls and factories).
 *
 *   line quantity  = given, else cartons × pcs/carton (pcs/carton from the product when the line has none)
 *   line weights   = given, else cartons × the product's per-carton weight (g)
 *   line CBM (×1e4)= given, else round(cartons × l × w × h mm³ / 1e5)   — rounded once per line
 *   line amount    = lineAmount(qty ×1e3, price ×1e4, currency)         — rounded once per line
 *   order total    = Σ line amounts; base total = convert(total, currency, rate, base) — both stored on
 *                    trade_order in the same transaction as the lines
 *   paid           = Σ payment_allocation on the order
 *   unpaid         = total − paid − settled claim credits/refunds on its lines (0 for a cancelled order)
 *
 * Status: draft → confirmed → partial → complete (from shipments / receipts, progress.ts) → closed;
 * cancelled only while nothing is shipped/received and no payment is allocated. Every change writes an
 * audit entry in its own transaction; nothing partial is ever written.
 */
import type { ApiParsedArg } from '../../../shared/api';
import { formatScaled, formatScaledTrim } from '../../../shared/decimal';
import type { Order, OrderKind, OrderLine, OrderStatus, OrderSummary } from '../../../shared/trade';
import { countReferences, nowIso, type DB } from '../db';
import { AppError, invalid, notFound } from '../errors';
import { convert, formatAmount, lineAmount, parseField, roundDiv } from '../money';
import { likePattern } from '../sql';
import { audit, baseCurrency, diff, nextNumber, PARTY_NAME_SQL, rememberRate, requireParty, todayLocal } from './common';
import { doneByLine, refreshOrderStatus } from './progress';
import { onHandE3 } from './stock-query';
import { cached } from '../statements';

// ---------------------------------------------------------------------------------------------------------
// SQL shared with payments and balances

/** Σ payment allocations on order `o` (minor units of the order currency). */
export const PAID_SQL = (o: string) => `(SELECT coalesce(sum(pa.amount_minor), 0) FROM payment_allocation pa WHERE pa.order_id = ${o}.id)`;

/** Σ settled claim credits and refunds on the lines of order `o` (minor units of the order currency). */
export const CREDIT_SQL = (o: string) => `(SELECT coalesce(sum(c.amount_minor), 0) FROM claim c
     JOIN shipment_line csl ON csl.id = c.shipment_line_id
     JOIN order_line col ON col.id = csl.order_line_id
     WHERE col.order_id = ${o}.id AND c.settlement IN ('credit', 'refund') AND c.status = 'settled')`;

/** Statuses in which an order is owed / owes money (balances, payment allocations). */
export const OPEN_STATUSES = ['confirmed', 'partial', 'complete', 'closed'] as const;

// ---------------------------------------------------------------------------------------------------------
// Rows

interface OrderRow {
  id: number;
  kind: OrderKind;
  no: string;
  party_id: number;
  order_date: string;
  currency: string;
  rate_e6: number;
  incoterm: string;
  incoterm_place: string;
  payment_terms: string;
  delivery_address: string;
  warehouse: string;
  notes: string;
  status: OrderStatus;
  cancel_reason: string;
  total_minor: number;
  base_total_minor: number;
  created_at: string;
  updated_at: string;
}

export interface SummaryRow extends OrderRow {
  party_name: string;
  line_count: number;
  cartons: number;
  qty_e3: number;
  gross_g: number;
  net_g: number;
  cbm_e4: number;
  paid_minor: number;
  credit_minor: number;
}

interface LineRow {
  id: number;
  order_id: number;
  line_no: number;
  product_id: number | null;
  item_no: string;
  name_zh: string;
  name_en: string;
  spec: string;
  hs_code: string;
  unit: string;
  cartons: number | null;
  pcs_per_carton: number | null;
  qty_e3: number;
  price_e4: number;
  amount_minor: number;
  gross_g: number | null;
  net_g: number | null;
  cbm_e4: number | null;
  stall_id: number | null;
  source_line_id: number | null;
  notes: string;
}

interface ProductRow {
  id: number;
  item_no: string;
  name_zh: string;
  name_en: string;
  spec: string;
  hs_code: string;
  customs_unit: string;
  pcs_per_carton: number | null;
  carton_l_mm: number | null;
  carton_w_mm: number | null;
  carton_h_mm: number | null;
  gross_g: number | null;
  net_g: number | null;
  default_price_e4: number | null;
  currency: string;
  supplier_id: number | null;
  archived: number;
}

/** What is written to order_line (without order_id / line_no). */
type StoredLine = Omit<LineRow, 'id' | 'order_id' | 'line_no'>;

const QTY = 3;
const PRICE = 4;
const KG = 3;
const CBM = 4;
const RATE = 6;
const MAX_QTY_E3 = 999_999_999_999;

const qtyText = (e3: number) => formatScaledTrim(e3, QTY);
const rateText = (e6: number) => formatScaledTrim(e6, RATE);
const kgOpt = (g: number | null) => (g === null ? '' : formatScaled(g, KG));
const cbmOpt = (e4: number | null) => (e4 === null ? '' : formatScaled(e4, CBM));

export const todayIso = todayLocal;

export const SUMMARY_SELECT = `
  SELECT o.*, ${PARTY_NAME_SQL('p')} AS party_name,
         count(ol.id) AS line_count,
         coalesce(sum(ol.cartons), 0) AS cartons,
         coalesce(sum(ol.qty_e3), 0) AS qty_e3,
         coalesce(sum(ol.gross_g), 0) AS gross_g,
         coalesce(sum(ol.net_g), 0) AS net_g,
         coalesce(sum(ol.cbm_e4), 0) AS cbm_e4,
         ${PAID_SQL('o')} AS paid_minor,
         ${CREDIT_SQL('o')} AS credit_minor
  FROM trade_order o
  JOIN party p ON p.id = o.party_id
  LEFT JOIN order_line ol ON ol.order_id = o.id`;

/** Unpaid of an order in minor units: total − paid − settled credits; nothing is owed on a cancelled order. */
export function unpaidMinor(r: { status: string; total_minor: number; paid_minor: number; credit_minor: number }): number {
  return r.status === 'cancelled' ? 0 : r.total_minor - r.paid_minor - r.credit_minor;
}

export function toSummary(r: SummaryRow, base: string): OrderSummary {
  return {
    id: r.id,
    kind: r.kind,
    no: r.no,
    partyId: r.party_id,
    partyName: r.party_name,
    orderDate: r.order_date,
    currency: r.currency,
    rate: rateText(r.rate_e6),
    status: r.status,
    lineCount: r.line_count,
    cartons: r.cartons,
    quantity: qtyText(r.qty_e3),
    grossKg: formatScaled(r.gross_g, KG),
    netKg: formatScaled(r.net_g, KG),
    cbm: formatScaled(r.cbm_e4, CBM),
    amount: formatAmount(r.total_minor, r.currency),
    baseAmount: formatAmount(r.base_total_minor, base),
    paid: formatAmount(r.paid_minor, r.currency),
    unpaid: formatAmount(unpaidMinor(r), r.currency),
  };
}

/** Shorter searches than this have no trigram to look up: they scan line_text (a few thousand rows) instead. */
const TRIGRAM = 3;

/** An FTS5 query for `text` as one substring (a phrase of the trigram tokenizer; quotes doubled). */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The orders whose number, party name (zh/en) or any line's item no. or name (zh/en) contains `search`
 * (case-insensitive), as a subquery of order ids. Lines are searched through line_text (their distinct texts,
 * trigram FTS5) and order_text (which orders hold each text), kept by the triggers of migration 7.
 */
function searchIds(search: string): { sql: string; params: unknown[] } {
  const like = likePattern(search);
  const texts =
    [...search].length >= TRIGRAM
      ? { sql: 'SELECT rowid FROM line_text_fts WHERE line_text_fts MATCH ?', params: [ftsPhrase(search)] }
      : { sql: `SELECT id FROM line_text WHERE item_no LIKE ? ESCAPE '\\' OR name_zh LIKE ? ESCAPE '\\' OR name_en LIKE ? ESCAPE '\\'`, params: [like, like, like] };
  return {
    sql: `SELECT id FROM trade_order WHERE no LIKE ? ESCAPE '\\'
          UNION SELECT id FROM trade_order WHERE party_id IN (SELECT id FROM party WHERE name_zh LIKE ? ESCAPE '\\' OR name_en LIKE ? ESCAPE '\\')
          UNION SELECT order_id FROM order_text WHERE text_id IN (${texts.sql})`,
    params: [like, like, like, ...texts.params],
  };
}

/** The WHERE of an orders list (alias o for the order), shared by orders.list and orders.page. */
export function orderFilter(q: ApiParsedArg<'orders.list'>): { where: string[]; params: unknown[] } {
  const where = ['o.kind = ?'];
  const params: unknown[] = [q.kind];
  if (q.status) {
    where.push('o.status = ?');
    params.push(q.status);
  }
  if (q.partyId !== undefined) {
    where.push('o.party_id = ?');
    params.push(q.partyId);
  }
  if (q.from) {
    where.push('o.order_date >= ?');
    params.push(q.from);
  }
  if (q.to) {
    where.push('o.order_date <= ?');
    params.push(q.to);
  }
  if (q.search) {
    const s = searchIds(q.search);
    where.push(`o.id IN (${s.sql})`);
    params.push(...s.params);
  }
  return { where, params };
}

export function listOrders(db: DB, q: ApiParsedArg<'orders.list'>): OrderSummary[] {
  const { where, params } = orderFilter(q);
  const rows = db
    .prepare(`${SUMMARY_SELECT} WHERE ${where.join(' AND ')} GROUP BY o.id ORDER BY o.order_date DESC, o.id DESC`)
    .all(...params) as SummaryRow[];
  const base = baseCurrency(db);
  return rows.map((r) => toSummary(r, base));
}

function orderRow(db: DB, id: number): OrderRow {
  const r = cached(db, 'SELECT * FROM trade_order WHERE id = ?').get(id) as OrderRow | undefined;
  if (!r) throw notFound('Order', id);
  return r;
}

function lineRows(db: DB, orderId: number): LineRow[] {
  return cached(db, 'SELECT * FROM order_line WHERE order_id = ? ORDER BY line_no, id').all(orderId) as LineRow[];
}

export function getOrder(db: DB, id: number): Order {
  const r = cached(db, `${SUMMARY_SELECT} WHERE o.id = ? GROUP BY o.id`).get(id) as SummaryRow | undefined;
  if (!r) throw notFound('Order', id);
  const base = baseCurrency(db);
  const done = doneByLine(db, id);
  const stallNames = db.prepare(`SELECT ${PARTY_NAME_SQL('party')} AS name FROM party WHERE id = ?`);
  const warnStock = r.kind === 'sales' && ['draft', 'confirmed', 'partial'].includes(r.status);
  const lines: OrderLine[] = lineRows(db, id).map((l) => {
    const d = done.get(l.id) ?? 0;
    const remaining = Math.max(l.qty_e3 - d, 0);
    let stockWarning: string | null = null;
    if (warnStock && l.product_id !== null && remaining > 0) {
      const onHand = onHandE3(db, l.product_id);
      if (remaining > onHand) {
        stockWarning = `${qtyText(remaining)} still to ship but only ${qtyText(Math.max(onHand, 0))} on hand`;
      }
    }
    return {
      ...lineView(l, r.currency),
      id: l.id,
      lineNo: l.line_no,
      stallName: l.stall_id === null ? '' : ((stallNames.get(l.stall_id) as { name: string } | undefined)?.name ?? ''),
      doneQuantity: qtyText(d),
      remainingQuantity: qtyText(remaining),
      stockWarning,
    };
  });
  return {
    ...toSummary(r, base),
    incoterm: r.incoterm,
    incotermPlace: r.incoterm_place,
    paymentTerms: r.payment_terms,
    deliveryAddress: r.delivery_address,
    warehouse: r.warehouse,
    notes: r.notes,
    cancelReason: r.cancel_reason,
    baseCurrency: base,
    lines,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Lines: from input to stored form

type LineInput = ApiParsedArg<'orders.create'>['lines'][number];

const given = (s: string | undefined): s is string => s !== undefined && s !== '';

function productRow(db: DB, id: number): ProductRow | undefined {
  return cached(db, 'SELECT * FROM product WHERE id = ?').get(id) as ProductRow | undefined;
}

/** Volume ×1e4 m³ of `cartons` cartons of l×w×h mm: 1 m³ = 1e9 mm³, so units of 1e-4 m³ are 1e5 mm³. */
export function cartonsCbmE4(cartons: number, l: number, w: number, h: number): number {
  return roundDiv(BigInt(cartons) * BigInt(l) * BigInt(w) * BigInt(h), 100_000n);
}

interface LineContext {
  kind: OrderKind;
  currency: string;
  /** the stored line this input edits, if any */
  before?: LineRow;
}

/** Validate one input line and compute its stored form. `p` is the argument path of the line ("lines.2"). */
function buildLine(db: DB, input: LineInput, ctx: LineContext, p: string): StoredLine {
  let product: ProductRow | undefined;
  if (input.productId !== undefined && input.productId !== null) {
    product = productRow(db, input.productId);
    if (!product) throw invalid(`${p}.productId`, `product ${input.productId} does not exist`);
    if (product.archived && ctx.before?.product_id !== product.id) {
      throw invalid(`${p}.productId`, `product ${product.item_no} is archived`);
    }
  }
  const text = (v: string | undefined, fromProduct: string | undefined) => (given(v) ? v : (fromProduct ?? ''));
  const item_no = text(input.itemNo, product?.item_no);
  const name_zh = text(input.nameZh, product?.name_zh);
  const name_en = text(input.nameEn, product?.name_en);
  if (item_no === '' && name_zh === '' && name_en === '') {
    throw invalid(`${p}.nameZh`, 'choose a product, or enter an item no. or a name');
  }
  const cartons = input.cartons ?? null;
  const pcs = input.pcsPerCarton ?? product?.pcs_per_carton ?? null;

  let qty_e3: number;
  if (input.quantity !== undefined) {
    qty_e3 = parseField(input.quantity, QTY, `${p}.quantity`);
  } else if (cartons !== null && pcs !== null) {
    const q = BigInt(cartons) * BigInt(pcs) * 1000n;
    if (q > BigInt(MAX_QTY_E3)) throw invalid(`${p}.quantity`, 'cartons × pieces per carton is too large');
    qty_e3 = Number(q);
  } else {
    throw invalid(`${p}.quantity`, 'enter a quantity, or cartons and pieces per carton');
  }
  if (qty_e3 <= 0) throw invalid(`${p}.quantity`, 'enter a quantity, or cartons and pieces per carton');

  const price_e4 = parseField(input.unitPrice, PRICE, `${p}.unitPrice`);
  let amount_minor: number;
  try {
    amount_minor = lineAmount(qty_e3, price_e4, ctx.currency);
  } catch {
    throw invalid(`${p}.unitPrice`, 'quantity × unit price is too large');
  }

  const perCarton = (v: number | null | undefined) =>
    cartons !== null && v !== null && v !== undefined ? Number(BigInt(cartons) * BigInt(v)) : null;
  const gross_g = given(input.grossKg) ? parseField(input.grossKg, KG, `${p}.grossKg`) : perCarton(product?.gross_g);
  const net_g = given(input.netKg) ? parseField(input.netKg, KG, `${p}.netKg`) : perCarton(product?.net_g);
  if (gross_g !== null && net_g !== null && net_g > gross_g) {
    throw invalid(`${p}.netKg`, `net weight ${kgOpt(net_g)} kg is more than gross weight ${kgOpt(gross_g)} kg`);
  }
  let cbm_e4: number | null = null;
  if (given(input.cbm)) cbm_e4 = parseField(input.cbm, CBM, `${p}.cbm`);
  else if (cartons !== null && product && product.carton_l_mm !== null && product.carton_w_mm !== null && product.carton_h_mm !== null) {
    cbm_e4 = cartonsCbmE4(cartons, product.carton_l_mm, product.carton_w_mm, product.carton_h_mm);
  }
  for (const [v, f] of [
    [gross_g, 'grossKg'],
    [net_g, 'netKg'],
    [cbm_e4, 'cbm'],
  ] as const) {
    if (v !== null && !Number.isSafeInteger(v)) throw invalid(`${p}.${f}`, 'too large');
  }

  const stall_id = input.stallId ?? null;
  if (stall_id !== null) {
    if (ctx.kind === 'purchase') throw invalid(`${p}.stallId`, 'only sales lines name a stall; a purchase order is placed with the stall itself');
    if (ctx.before?.stall_id !== stall_id) requireParty(db, stall_id, ['supplier'], `${p}.stallId`);
  }

  return {
    product_id: product?.id ?? null,
    item_no,
    name_zh,
    name_en,
    spec: text(input.spec, product?.spec),
    hs_code: text(input.hsCode, product?.hs_code),
    unit: text(input.unit, product?.customs_unit),
    cartons,
    pcs_per_carton: pcs,
    qty_e3,
    price_e4,
    amount_minor,
    gross_g,
    net_g,
    cbm_e4,
    stall_id,
    source_line_id: ctx.before?.source_line_id ?? null,
    notes: input.notes ?? '',
  };
}

const LINE_COLS = [
  'product_id',
  'item_no',
  'name_zh',
  'name_en',
  'spec',
  'hs_code',
  'unit',
  'cartons',
  'pcs_per_carton',
  'qty_e3',
  'price_e4',
  'amount_minor',
  'gross_g',
  'net_g',
  'cbm_e4',
  'stall_id',
  'source_line_id',
  'notes',
] as const satisfies readonly (keyof StoredLine)[];

function insertLine(db: DB, orderId: number, lineNo: number, l: StoredLine): number {
  // kept prepared: compiling an insert into order_line compiles its triggers too (search index, stock, undo)
  const info = cached(db, `INSERT INTO order_line (order_id, line_no, ${LINE_COLS.join(', ')}) VALUES (?, ?, ${LINE_COLS.map(() => '?').join(', ')})`).run(
    orderId,
    lineNo,
    ...LINE_COLS.map((c) => l[c]),
  );
  return Number(info.lastInsertRowid);
}

function updateLine(db: DB, id: number, lineNo: number, l: StoredLine): void {
  cached(db, `UPDATE order_line SET line_no = ?, ${LINE_COLS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
    lineNo,
    ...LINE_COLS.map((c) => l[c]),
    id,
  );
}

/** A line's own fields in the user's units: what orders.get returns and what the audit log shows. */
type LineFields = Omit<OrderLine, 'id' | 'lineNo' | 'stallName' | 'doneQuantity' | 'remainingQuantity' | 'stockWarning'>;
function lineView(l: StoredLine & { line_no?: number }, currency: string): LineFields {
  return {
    productId: l.product_id,
    itemNo: l.item_no,
    nameZh: l.name_zh,
    nameEn: l.name_en,
    spec: l.spec,
    hsCode: l.hs_code,
    unit: l.unit,
    cartons: l.cartons,
    pcsPerCarton: l.pcs_per_carton,
    quantity: qtyText(l.qty_e3),
    unitPrice: formatScaledTrim(l.price_e4, PRICE),
    amount: formatAmount(l.amount_minor, currency),
    grossKg: kgOpt(l.gross_g),
    netKg: kgOpt(l.net_g),
    cbm: cbmOpt(l.cbm_e4),
    stallId: l.stall_id,
    notes: l.notes,
  };
}

function headerView(o: OrderRow): Record<string, unknown> {
  return {
    partyId: o.party_id,
    orderDate: o.order_date,
    currency: o.currency,
    rate: rateText(o.rate_e6),
    incoterm: o.incoterm,
    incotermPlace: o.incoterm_place,
    paymentTerms: o.payment_terms,
    deliveryAddress: o.delivery_address,
    warehouse: o.warehouse,
    notes: o.notes,
  };
}

/** Recompute and store the order's totals from its lines; returns the new total. */
function storeTotals(db: DB, orderId: number, currency: string, rateE6: number, base: string): number {
  const { total } = cached(db, 'SELECT coalesce(sum(amount_minor), 0) AS total FROM order_line WHERE order_id = ?').get(orderId) as {
    total: number;
  };
  if (!Number.isSafeInteger(total)) throw invalid('lines', 'the order total is too large');
  const baseTotal = convert(total, currency, rateE6, base);
  cached(db, 'UPDATE trade_order SET total_minor = ?, base_total_minor = ? WHERE id = ?').run(total, baseTotal, orderId);
  return total;
}

function parseRate(db: DB, text: string, currency: string, path: string): number {
  const rate = parseField(text, RATE, path);
  if (rate <= 0) throw invalid(path, 'must be more than 0');
  if (currency === baseCurrency(db) && rate !== 1_000_000) {
    throw invalid(path, `${currency} is the base currency: its rate is 1`);
  }
  return rate;
}

const partyRoleOf = (kind: OrderKind) => (kind === 'sales' ? 'customer' : 'supplier');

// ---------------------------------------------------------------------------------------------------------
// Create / update

/** A line to insert on create, with the sales line it was generated from (generatePurchase). */
interface NewLine {
  input: LineInput;
  sourceLineId?: number;
}

function insertOrder(db: DB, user: string, arg: ApiParsedArg<'orders.create'>, lines: NewLine[], auditExtra: Record<string, unknown> = {}): number {
  const base = baseCurrency(db);
  requireParty(db, arg.partyId, [partyRoleOf(arg.kind)], 'partyId');
  const rate = parseRate(db, arg.rate, arg.currency, 'rate');
  const stored = lines.map((l, i) => ({
    ...buildLine(db, l.input, { kind: arg.kind, currency: arg.currency }, `lines.${i}`),
    ...(l.sourceLineId !== undefined ? { source_line_id: l.sourceLineId } : {}),
  }));
  const now = nowIso();
  const no = nextNumber(db, arg.kind, arg.orderDate);
  const info = db
    .prepare(
      `INSERT INTO trade_order (kind, no, party_id, order_date, currency, rate_e6, incoterm, incoterm_place, payment_terms,
         delivery_address, warehouse, notes, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
    )
    .run(
      arg.kind,
      no,
      arg.partyId,
      arg.orderDate,
      arg.currency,
      rate,
      arg.incoterm ?? '',
      arg.incotermPlace ?? '',
      arg.paymentTerms ?? '',
      arg.deliveryAddress ?? '',
      arg.warehouse ?? '',
      arg.notes ?? '',
      now,
      now,
    );
  const id = Number(info.lastInsertRowid);
  stored.forEach((l, i) => insertLine(db, id, i + 1, l));
  storeTotals(db, id, arg.currency, rate, base);
  rememberRate(db, arg.currency, rate);
  const row = orderRow(db, id);
  audit(db, user, 'order', id, 'create', {
    no,
    kind: arg.kind,
    ...auditExtra,
    header: headerView(row),
    lines: stored.map((l) => lineView(l, arg.currency)),
    total: formatAmount(row.total_minor, row.currency),
  });
  return id;
}

/**
 * One line checked and computed exactly as creating an order would store it (the importer checks every row
 * before it writes anything): throws the same field errors; returns the line's amount and quantity as text.
 */
export function checkOrderLine(db: DB, input: LineInput, kind: OrderKind, currency: string, path: string): { amount: string; quantity: string; productId: number | null } {
  const l = buildLine(db, input, { kind, currency }, path);
  return { amount: formatAmount(l.amount_minor, currency), quantity: formatScaledTrim(l.qty_e3, 3), productId: l.product_id };
}

export function createOrder(db: DB, user: string, arg: ApiParsedArg<'orders.create'>): Order {
  return db.transaction(() => getOrder(db, insertOrder(db, user, arg, arg.lines.map((input) => ({ input })))))();
}

const doneWord = (kind: OrderKind) => (kind === 'sales' ? 'shipped' : 'received');

/** Other records that keep an order line (besides the purchase lines generated from it). */
function lineUsedBy(db: DB, lineId: number): string {
  return countReferences(db, 'order_line', lineId)
    .filter((r) => r.table !== 'order_line')
    .map((r) => `${r.count} ${r.table.replace(/_/g, ' ')}`)
    .join(', ');
}

function refuseFinished(o: OrderRow, what: string): void {
  if (o.status === 'cancelled' || o.status === 'closed') {
    throw new AppError('conflict', `${o.no} is ${o.status}: it can't be ${what}.`);
  }
}

export function updateOrder(db: DB, user: string, arg: ApiParsedArg<'orders.update'>): Order {
  return db.transaction(() => {
    const before = orderRow(db, arg.id);
    refuseFinished(before, 'edited');
    const base = baseCurrency(db);
    const h = arg.header ?? {};
    const paid = (db.prepare(`SELECT ${PAID_SQL('o')} AS paid FROM trade_order o WHERE o.id = ?`).get(arg.id) as { paid: number }).paid;
    const done = doneByLine(db, arg.id);
    const anyDone = [...done.values()].some((d) => d > 0);

    const next: OrderRow = {
      ...before,
      party_id: h.partyId ?? before.party_id,
      order_date: h.orderDate ?? before.order_date,
      currency: h.currency ?? before.currency,
      incoterm: h.incoterm ?? before.incoterm,
      incoterm_place: h.incotermPlace ?? before.incoterm_place,
      payment_terms: h.paymentTerms ?? before.payment_terms,
      delivery_address: h.deliveryAddress ?? before.delivery_address,
      warehouse: h.warehouse ?? before.warehouse,
      notes: h.notes ?? before.notes,
    };
    if (next.party_id !== before.party_id) {
      requireParty(db, next.party_id, [partyRoleOf(before.kind)], 'header.partyId');
      if (paid > 0) throw invalid('header.partyId', 'payments are allocated to this order: remove the allocations before changing the party');
      if (anyDone) throw invalid('header.partyId', `goods of this order are already ${doneWord(before.kind)}: the party can't change`);
    }
    if (next.currency !== before.currency && paid > 0) {
      throw invalid('header.currency', 'payments in the order currency are allocated to it: remove the allocations before changing the currency');
    }
    if (h.rate !== undefined) next.rate_e6 = parseRate(db, h.rate, next.currency, 'header.rate');
    else if (next.currency === base) next.rate_e6 = 1_000_000;
    else if (next.currency !== before.currency) throw invalid('header.rate', `give the rate of ${next.currency} to ${base}`);

    const oldLines = lineRows(db, arg.id);
    const oldById = new Map(oldLines.map((l) => [l.id, l]));
    const added: Record<string, unknown>[] = [];
    const removed: Record<string, unknown>[] = [];
    const changed: { id: number; lineNo: number; changes: Record<string, [unknown, unknown]> }[] = [];

    if (arg.lines !== undefined) {
      if (arg.lines.length === 0 && before.status !== 'draft') {
        throw invalid('lines', `${before.no} is ${before.status}: it needs at least one line (cancel it instead)`);
      }
      const seen = new Set<number>();
      const built = arg.lines.map((input, i) => {
        const p = `lines.${i}`;
        let old: LineRow | undefined;
        if (input.id !== undefined) {
          old = oldById.get(input.id);
          if (!old) throw invalid(`${p}.id`, `line ${input.id} is not a line of ${before.no}`);
          if (seen.has(input.id)) throw invalid(`${p}.id`, `line ${input.id} is listed twice`);
          seen.add(input.id);
        }
        const l = buildLine(db, input, { kind: before.kind, currency: next.currency, ...(old ? { before: old } : {}) }, p);
        if (old) {
          const d = done.get(old.id) ?? 0;
          if (d > 0 && l.qty_e3 < d) {
            throw invalid(`${p}.quantity`, `${qtyText(d)} already ${doneWord(before.kind)}: the quantity can't be less than that`);
          }
          if (d > 0 && l.product_id !== old.product_id) {
            throw invalid(`${p}.productId`, `${qtyText(d)} already ${doneWord(before.kind)}: the product can't change`);
          }
        }
        return { input, old, l };
      });
      for (const old of oldLines) {
        if (seen.has(old.id)) continue;
        const d = done.get(old.id) ?? 0;
        const label = `line ${old.line_no} (${old.item_no || old.name_zh || old.name_en})`;
        if (d > 0) throw invalid('lines', `${label} has ${qtyText(d)} ${doneWord(before.kind)}: it can't be removed`);
        const used = lineUsedBy(db, old.id);
        if (used) throw invalid('lines', `${label} is used by ${used}: it can't be removed`);
      }
      // write: removed lines first, then edits and new lines in the new order
      for (const old of oldLines) {
        if (seen.has(old.id)) continue;
        cached(db, 'DELETE FROM order_line WHERE id = ?').run(old.id);
        removed.push({ id: old.id, lineNo: old.line_no, ...lineView(old, before.currency) });
      }
      built.forEach(({ old, l }, i) => {
        if (old) {
          updateLine(db, old.id, i + 1, l);
          const changes = diff(lineView(old, before.currency), lineView(l, next.currency));
          if (old.line_no !== i + 1) changes.lineNo = [old.line_no, i + 1];
          if (Object.keys(changes).length > 0) changed.push({ id: old.id, lineNo: i + 1, changes });
        } else {
          const newId = insertLine(db, arg.id, i + 1, l);
          added.push({ id: newId, lineNo: i + 1, ...lineView(l, next.currency) });
        }
      });
    } else if (next.currency !== before.currency) {
      // the same lines, priced in a currency with (perhaps) other decimals
      for (const old of oldLines) {
        const amount = lineAmount(old.qty_e3, old.price_e4, next.currency);
        cached(db, 'UPDATE order_line SET amount_minor = ? WHERE id = ?').run(amount, old.id);
        const changes = diff({ amount: formatAmount(old.amount_minor, before.currency) }, { amount: formatAmount(amount, next.currency) });
        if (Object.keys(changes).length > 0) changed.push({ id: old.id, lineNo: old.line_no, changes });
      }
    }

    const headerDiff = diff(headerView(before), headerView(next));
    if (Object.keys(headerDiff).length === 0 && added.length === 0 && removed.length === 0 && changed.length === 0) {
      return getOrder(db, arg.id);
    }
    db.prepare(
      `UPDATE trade_order SET party_id = ?, order_date = ?, currency = ?, rate_e6 = ?, incoterm = ?, incoterm_place = ?,
         payment_terms = ?, delivery_address = ?, warehouse = ?, notes = ?, updated_at = ? WHERE id = ?`,
    ).run(
      next.party_id,
      next.order_date,
      next.currency,
      next.rate_e6,
      next.incoterm,
      next.incoterm_place,
      next.payment_terms,
      next.delivery_address,
      next.warehouse,
      next.notes,
      nowIso(),
      arg.id,
    );
    const total = storeTotals(db, arg.id, next.currency, next.rate_e6, base);
    if (total < paid) {
      throw invalid(
        'lines',
        `the new total ${formatAmount(total, next.currency)} is less than the ${formatAmount(paid, next.currency)} already paid: change the payment allocations first`,
      );
    }
    rememberRate(db, next.currency, next.rate_e6);
    const changes: Record<string, unknown> = { status: before.status, header: headerDiff, lines: { added, removed, changed } };
    if (total !== before.total_minor || next.currency !== before.currency) {
      changes.total = [formatAmount(before.total_minor, before.currency), formatAmount(total, next.currency)];
    }
    audit(db, user, 'order', arg.id, 'update', changes);
    refreshOrderStatus(db, arg.id);
    return getOrder(db, arg.id);
  })();
}

// ---------------------------------------------------------------------------------------------------------
// Status changes

export function confirmOrder(db: DB, user: string, id: number): Order {
  return db.transaction(() => {
    const o = orderRow(db, id);
    if (o.status !== 'draft') throw new AppError('conflict', `${o.no} is ${o.status}, not a draft: only a draft can be confirmed.`);
    const n = (db.prepare('SELECT count(*) AS n FROM order_line WHERE order_id = ?').get(id) as { n: number }).n;
    if (n === 0) throw new AppError('conflict', `${o.no} has no lines: add at least one line before confirming it.`);
    db.prepare("UPDATE trade_order SET status = 'confirmed', updated_at = ? WHERE id = ?").run(nowIso(), id);
    refreshOrderStatus(db, id);
    audit(db, user, 'order', id, 'confirm', { status: ['draft', 'confirmed'] });
    return getOrder(db, id);
  })();
}

export function closeOrder(db: DB, user: string, id: number): Order {
  return db.transaction(() => {
    const o = orderRow(db, id);
    if (!['confirmed', 'partial', 'complete'].includes(o.status)) {
      throw new AppError('conflict', `${o.no} is ${o.status}: only a confirmed, partly or fully ${doneWord(o.kind)} order can be closed.`);
    }
    db.prepare("UPDATE trade_order SET status = 'closed', updated_at = ? WHERE id = ?").run(nowIso(), id);
    audit(db, user, 'order', id, 'close', { status: [o.status, 'closed'] });
    return getOrder(db, id);
  })();
}

export function cancelOrder(db: DB, user: string, id: number, reason: string): Order {
  return db.transaction(() => {
    const o = orderRow(db, id);
    if (o.status === 'cancelled') throw new AppError('conflict', `${o.no} is already cancelled.`);
    if (o.status === 'closed') throw new AppError('conflict', `${o.no} is closed: it can't be cancelled.`);
    const done = [...doneByLine(db, id).values()].reduce((a, b) => a + b, 0);
    if (done > 0) {
      const how =
        o.kind === 'sales'
          ? 'remove its lines from the shipments first, or close the order instead'
          : 'close the order instead (the goods received stay in stock)';
      throw new AppError('conflict', `${o.no} has goods ${doneWord(o.kind)} (${qtyText(done)}): it can't be cancelled — ${how}.`);
    }
    const pays = db
      .prepare('SELECT p.no FROM payment_allocation pa JOIN payment p ON p.id = pa.payment_id WHERE pa.order_id = ? ORDER BY p.no')
      .all(id) as { no: string }[];
    if (pays.length > 0) {
      throw new AppError(
        'conflict',
        `Payments are allocated to ${o.no} (${pays.map((p) => p.no).join(', ')}): remove those allocations first, then cancel it.`,
      );
    }
    db.prepare("UPDATE trade_order SET status = 'cancelled', cancel_reason = ?, updated_at = ? WHERE id = ?").run(reason, nowIso(), id);
    audit(db, user, 'order', id, 'cancel', { status: [o.status, 'cancelled'], reason });
    return getOrder(db, id);
  })();
}

export function deleteOrder(db: DB, user: string, id: number): { id: number } {
  return db.transaction(() => {
    const o = orderRow(db, id);
    if (o.status !== 'draft') throw new AppError('conflict', `${o.no} is ${o.status}: only a draft can be deleted; cancel it instead.`);
    for (const l of lineRows(db, id)) {
      const used = lineUsedBy(db, l.id);
      if (used) throw new AppError('conflict', `Line ${l.line_no} of ${o.no} is used by ${used}: it can't be deleted.`);
    }
    const snapshot = { no: o.no, kind: o.kind, header: headerView(o), lines: lineRows(db, id).map((l) => lineView(l, o.currency)) };
    db.prepare("DELETE FROM attachment WHERE entity = 'order' AND entity_id = ?").run(id);
    db.prepare('DELETE FROM trade_order WHERE id = ?').run(id);
    audit(db, user, 'order', id, 'delete', snapshot);
    return { id };
  })();
}

// ---------------------------------------------------------------------------------------------------------
// Purchase orders from a sales order

export function generatePurchase(db: DB, user: string, salesOrderId: number): Order[] {
  return db.transaction(() => {
    const so = orderRow(db, salesOrderId);
    if (so.kind !== 'sales') throw invalid('salesOrderId', `${so.no} is not a sales order`);
    if (so.status === 'cancelled' || so.status === 'closed') {
      throw new AppError('conflict', `${so.no} is ${so.status}: no purchase orders are generated from it.`);
    }
    const lines = db
      .prepare(
        `SELECT ol.* FROM order_line ol
         WHERE ol.order_id = ? AND ol.stall_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM order_line pl JOIN trade_order po ON po.id = pl.order_id
                           WHERE pl.source_line_id = ol.id AND po.status <> 'cancelled')
         ORDER BY ol.line_no, ol.id`,
      )
      .all(salesOrderId) as LineRow[];
    if (lines.length === 0) {
      throw new AppError(
        'conflict',
        `${so.no} has no line left to order from a stall: mark lines with their stall, or the purchase orders already exist.`,
      );
    }
    const base = baseCurrency(db);
    const byStall = new Map<number, LineRow[]>();
    for (const l of lines) {
      const list = byStall.get(l.stall_id!) ?? [];
      list.push(l);
      byStall.set(l.stall_id!, list);
    }
    const date = todayLocal();
    const ids: number[] = [];
    for (const [stallId, stallLines] of byStall) {
      const newLines: NewLine[] = stallLines.map((l) => {
        const product = l.product_id !== null ? productRow(db, l.product_id) : undefined;
        const price =
          product && product.default_price_e4 !== null && product.currency === base && product.supplier_id === stallId
            ? product.default_price_e4
            : 0;
        return {
          sourceLineId: l.id,
          input: {
            productId: l.product_id,
            itemNo: l.item_no,
            nameZh: l.name_zh,
            nameEn: l.name_en,
            spec: l.spec,
            hsCode: l.hs_code,
            unit: l.unit,
            cartons: l.cartons,
            pcsPerCarton: l.pcs_per_carton,
            quantity: qtyText(l.qty_e3),
            unitPrice: formatScaledTrim(price, PRICE),
            grossKg: kgOpt(l.gross_g),
            netKg: kgOpt(l.net_g),
            cbm: cbmOpt(l.cbm_e4),
            notes: l.notes,
          },
        };
      });
      try {
        ids.push(
          insertOrder(
            db,
            user,
            { kind: 'purchase', partyId: stallId, orderDate: date, currency: base, rate: '1', notes: `For ${so.no}`, lines: [] },
            newLines,
            { generatedFrom: so.no },
          ),
        );
      } catch (e) {
        if (e instanceof AppError && e.code === 'validation') {
          const line = stallLines[0]!;
          throw new AppError('conflict', `Line ${line.line_no} of ${so.no}: ${e.message.replace(/^partyId: /, 'stall: ')}`);
        }
        throw e;
      }
    }
    return ids.map((id) => getOrder(db, id));
  })();
}

// ---------------------------------------------------------------------------------------------------------
// Receiving a purchase order into stock

export function receiveOrder(db: DB, user: string, arg: ApiParsedArg<'orders.receive'>): Order {
  return db.transaction(() => {
    const o = orderRow(db, arg.orderId);
    if (o.kind !== 'purchase') throw invalid('orderId', `${o.no} is a sales order: goods are received on purchase orders`);
    if (o.status !== 'confirmed' && o.status !== 'partial') {
      throw new AppError('conflict', `${o.no} is ${o.status}: goods are received only on a confirmed or partly received order.`);
    }
    const lines = new Map(lineRows(db, o.id).map((l) => [l.id, l]));
    const done = doneByLine(db, o.id);
    const now = nowIso();
    const insert = db.prepare(
      `INSERT INTO stock_move (product_id, move_date, kind, qty_e3, unit_cost_e4, order_line_id, reason, created_at)
       VALUES (?, ?, 'purchase_receipt', ?, ?, ?, ?, ?)`,
    );
    const received: Record<string, unknown>[] = [];
    arg.lines.forEach((r, i) => {
      const l = lines.get(r.orderLineId);
      if (!l) throw invalid(`lines.${i}.orderLineId`, `line ${r.orderLineId} is not a line of ${o.no}`);
      if (l.product_id === null) {
        throw invalid(`lines.${i}.orderLineId`, `link line ${l.line_no} to a product to receive it into stock`);
      }
      const qty = parseField(r.quantity, QTY, `lines.${i}.quantity`);
      const d = done.get(l.id) ?? 0;
      const remaining = l.qty_e3 - d;
      if (qty > remaining) {
        throw invalid(
          `lines.${i}.quantity`,
          `line ${l.line_no}: only ${qtyText(Math.max(remaining, 0))} of ${qtyText(l.qty_e3)} remain to be received`,
        );
      }
      done.set(l.id, d + qty);
      // unit cost in the base currency, 4 decimals: price ×1e4 × rate ×1e6 / 1e6
      const unitCost = roundDiv(BigInt(l.price_e4) * BigInt(o.rate_e6), 1_000_000n);
      insert.run(l.product_id, arg.date, qty, unitCost, l.id, o.no, now);
      received.push({ lineId: l.id, lineNo: l.line_no, quantity: qtyText(qty), unitCost: formatScaledTrim(unitCost, PRICE) });
    });
    const status = refreshOrderStatus(db, o.id);
    audit(db, user, 'order', o.id, 'receive', { date: arg.date, lines: received, status: [o.status, status] });
    return getOrder(db, o.id);
  })();
}
