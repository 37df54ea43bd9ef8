/**
 * Imports ("buy global"): goods bought abroad, their import declaration, duty and VAT, and the landed cost of
 * each line, which is the unit cost the goods enter stock at.
 *
 * Per line, in exact integers (money.ts):
 *   amount          = lineAmount(qty, unit price)                              import currency
 *   freight share   = allocate(freight, line amounts)   (FOB only; CIF already includes them)
 *   insurance share = allocate(insurance, line amounts) (FOB only)
 *   customs value   = convert(amount + freight share + insurance share, rate)  base currency
 *   duty            = customs value × duty rate
 *   VAT             = (customs value + duty) × VAT rate
 *   landed cost     = customs value + duty + VAT (VAT only when vatInCost)
 *   landed per unit = landed cost / qty, 4 decimals
 * allocate() splits by largest remainder, so the shares add up to the freight and insurance exactly.
 * Record totals are the sums of the lines.
 */
import type { ApiParsedArg } from '../../../shared/api';
import { formatScaledTrim } from '../../../shared/decimal';
import { currencyDecimals } from '../../../shared/currency';
import type { ImportLine, ImportRecord } from '../../../shared/trade';
import { nowIso, type DB } from '../db';
import { AppError, invalid, notFound } from '../errors';
import {
  PERCENT_SCALE,
  PRICE_SCALE,
  QTY_SCALE,
  RATE_SCALE,
  allocate,
  convert,
  fmt,
  formatAmount,
  lineAmount,
  parseAmount,
  parseField,
  percentOf,
  roundDiv,
} from '../money';
import { likePattern } from '../sql';
import { audit, baseCurrency, diff, nextNumber, PARTY_NAME_SQL, rememberRate, requireParty } from './common';
import { refreshOrderStatus } from './progress';
import { todayLocal } from './shipments';

type CreateArg = ApiParsedArg<'imports.create'>;
type UpdateArg = ApiParsedArg<'imports.update'>;
type LineInput = CreateArg['lines'][number];
type HeaderInput = Omit<CreateArg, 'lines'>;

/** Import duty when neither the line nor the product gives a rate. */
export const DEFAULT_DUTY_E2 = 0;
/** Import VAT when neither the line nor the product gives a rate: the standard 13 % on goods. */
export const DEFAULT_VAT_E2 = 1300;
/** Landed unit cost: 4 decimals of the base currency. */
const UNIT_COST_SCALE = 4;

interface StoredHeader {
  supplier_id: number;
  origin_country: string;
  trade_mode: string;
  declaration_no: string;
  arrival_date: string;
  currency: string;
  rate_e6: number;
  value_basis: 'CIF' | 'FOB';
  freight_minor: number;
  insurance_minor: number;
  vat_in_cost: number;
  notes: string;
}

interface RecordRow extends StoredHeader {
  id: number;
  no: string;
  status: 'draft' | 'received';
  supplier_name: string;
}

interface LineRow {
  id: number;
  import_id: number;
  line_no: number;
  product_id: number | null;
  order_line_id: number | null;
  description: string;
  hs_code: string;
  qty_e3: number;
  price_e4: number;
  amount_minor: number;
  duty_rate_e2: number;
  vat_rate_e2: number;
  customs_value_base: number;
  duty_base: number;
  vat_base: number;
  landed_base: number;
  landed_unit_e4: number;
  item_no: string | null;
}

interface ComputedLine {
  id: number | undefined;
  productId: number | null;
  orderLineId: number | null;
  orderId: number | null;
  description: string;
  hsCode: string;
  qty: number;
  price: number;
  amount: number;
  dutyE2: number;
  vatE2: number;
  customsValue: number;
  duty: number;
  vat: number;
  landed: number;
  landedUnitE4: number;
}

// ---------------------------------------------------------------------------------------------------------
// Computing

/** Landed cost per unit, 4 decimals of the base currency, from base minor units and a quantity ×1000. */
export function unitCostE4(landedMinor: number, qtyE3: number, base: string): number {
  const d = currencyDecimals(base);
  // landed / 10^d per (qty / 10^3) units, at scale 10^4
  return roundDiv(BigInt(landedMinor) * 10n ** BigInt(UNIT_COST_SCALE - d + QTY_SCALE), BigInt(qtyE3));
}

/** The customs value, duty, VAT and landed cost of every line (see the module comment). */
export function computeLines(
  h: Pick<StoredHeader, 'currency' | 'rate_e6' | 'value_basis' | 'freight_minor' | 'insurance_minor' | 'vat_in_cost'>,
  base: string,
  lines: { qty: number; price: number; dutyE2: number; vatE2: number }[],
) {
  const amounts = lines.map((l) => lineAmount(l.qty, l.price, h.currency));
  const fob = h.value_basis === 'FOB';
  const freight = allocate(fob ? h.freight_minor : 0, amounts);
  const insurance = allocate(fob ? h.insurance_minor : 0, amounts);
  return lines.map((l, i) => {
    const amount = amounts[i]!;
    const customsValue = convert(amount + freight[i]! + insurance[i]!, h.currency, h.rate_e6, base);
    const duty = percentOf(customsValue, l.dutyE2);
    const vat = percentOf(customsValue + duty, l.vatE2);
    // Small-scale taxpayers (小规模纳税人) cannot deduct import VAT: for them it is part of the goods' cost.
    // A general taxpayer deducts it as input VAT, so it stays out of the landed cost (vatInCost false).
    const landed = customsValue + duty + (h.vat_in_cost ? vat : 0);
    return { amount, freightShare: freight[i]!, insuranceShare: insurance[i]!, customsValue, duty, vat, landed, landedUnitE4: unitCostE4(landed, l.qty, base) };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Checking

function toStoredHeader(h: HeaderInput, prefix: string): StoredHeader {
  const freight = h.freight === undefined || h.freight === '' ? 0 : parseAmount(h.freight, h.currency, `${prefix}freight`);
  const insurance = h.insurance === undefined || h.insurance === '' ? 0 : parseAmount(h.insurance, h.currency, `${prefix}insurance`);
  if (h.valueBasis === 'CIF') {
    if (freight !== 0) throw invalid(`${prefix}freight`, 'a CIF value already includes freight: leave it empty, or choose FOB');
    if (insurance !== 0) throw invalid(`${prefix}insurance`, 'a CIF value already includes insurance: leave it empty, or choose FOB');
  }
  return {
    supplier_id: h.supplierId,
    origin_country: h.originCountry ?? '',
    trade_mode: h.tradeMode,
    declaration_no: h.declarationNo ?? '',
    arrival_date: h.arrivalDate ?? '',
    currency: h.currency,
    rate_e6: parseField(h.rate, RATE_SCALE, `${prefix}rate`),
    value_basis: h.valueBasis,
    freight_minor: freight,
    insurance_minor: insurance,
    vat_in_cost: h.vatInCost === false ? 0 : 1,
    notes: h.notes ?? '',
  };
}

function resolveLines(db: DB, h: StoredHeader, base: string, inputs: LineInput[], existingIds: Set<number>): ComputedLine[] {
  const seen = new Set<number>();
  const resolved = inputs.map((input, i) => {
    const path = `lines.${i}`;
    if (input.id !== undefined) {
      if (!existingIds.has(input.id)) throw invalid(`${path}.id`, `line ${input.id} is not a line of this import`);
      if (seen.has(input.id)) throw invalid(`${path}.id`, `line ${input.id} is given twice`);
      seen.add(input.id);
    }
    let productId = input.productId ?? null;
    let orderId: number | null = null;
    let orderName = '';
    if (input.orderLineId) {
      const ol = db
        .prepare(
          `SELECT ol.product_id, ol.name_zh, ol.name_en, o.id AS order_id, o.kind, o.party_id, o.status, o.no
           FROM order_line ol JOIN trade_order o ON o.id = ol.order_id WHERE ol.id = ?`,
        )
        .get(input.orderLineId) as
        | { product_id: number | null; name_zh: string; name_en: string; order_id: number; kind: string; party_id: number; status: string; no: string }
        | undefined;
      if (!ol) throw invalid(`${path}.orderLineId`, `order line ${input.orderLineId} does not exist`);
      if (ol.kind !== 'purchase' || ol.party_id !== h.supplier_id) {
        throw invalid(`${path}.orderLineId`, `${ol.no} is not a purchase order from this import's supplier`);
      }
      if (ol.status === 'cancelled') throw invalid(`${path}.orderLineId`, `${ol.no} is cancelled`);
      if (productId !== null && ol.product_id !== null && ol.product_id !== productId) {
        throw invalid(`${path}.productId`, `the product differs from the one on ${ol.no}`);
      }
      productId ??= ol.product_id;
      orderId = ol.order_id;
      orderName = ol.name_zh || ol.name_en;
    }
    let product: { name_zh: string; name_en: string; hs_code: string; import_duty_e2: number | null; import_vat_e2: number | null } | undefined;
    if (productId !== null) {
      product = db.prepare('SELECT name_zh, name_en, hs_code, import_duty_e2, import_vat_e2 FROM product WHERE id = ?').get(productId) as typeof product;
      if (!product) throw invalid(`${path}.productId`, `product ${productId} does not exist`);
    }
    const description = input.description || (product ? product.name_zh || product.name_en : orderName);
    if (description === '') throw invalid(`${path}.description`, 'describe the goods or choose a product');
    return {
      id: input.id,
      productId,
      orderLineId: input.orderLineId ?? null,
      orderId,
      description,
      hsCode: input.hsCode || product?.hs_code || '',
      qty: parseField(input.quantity, QTY_SCALE, `${path}.quantity`),
      price: parseField(input.unitPrice, PRICE_SCALE, `${path}.unitPrice`),
      dutyE2: input.dutyRate !== undefined ? parseField(input.dutyRate, PERCENT_SCALE, `${path}.dutyRate`) : (product?.import_duty_e2 ?? DEFAULT_DUTY_E2),
      vatE2: input.vatRate !== undefined ? parseField(input.vatRate, PERCENT_SCALE, `${path}.vatRate`) : (product?.import_vat_e2 ?? DEFAULT_VAT_E2),
    };
  });
  const computed = computeLines(h, base, resolved);
  return resolved.map((l, i) => {
    const c = computed[i]!;
    return { ...l, amount: c.amount, customsValue: c.customsValue, duty: c.duty, vat: c.vat, landed: c.landed, landedUnitE4: c.landedUnitE4 };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Reading

const SELECT_RECORD = `SELECT r.*, ${PARTY_NAME_SQL('s')} AS supplier_name FROM import_record r JOIN party s ON s.id = r.supplier_id`;
const SELECT_LINES = `SELECT l.*, p.item_no FROM import_line l LEFT JOIN product p ON p.id = l.product_id`;

function toLine(l: LineRow, currency: string, base: string): ImportLine {
  return {
    id: l.id,
    productId: l.product_id,
    orderLineId: l.order_line_id,
    itemNo: l.item_no ?? '',
    description: l.description,
    hsCode: l.hs_code,
    quantity: formatScaledTrim(l.qty_e3, QTY_SCALE),
    unitPrice: formatScaledTrim(l.price_e4, PRICE_SCALE),
    amount: formatAmount(l.amount_minor, currency),
    dutyRate: formatScaledTrim(l.duty_rate_e2, PERCENT_SCALE),
    vatRate: formatScaledTrim(l.vat_rate_e2, PERCENT_SCALE),
    customsValue: formatAmount(l.customs_value_base, base),
    duty: formatAmount(l.duty_base, base),
    vat: formatAmount(l.vat_base, base),
    landedCost: formatAmount(l.landed_base, base),
    landedUnitCost: fmt(l.landed_unit_e4, UNIT_COST_SCALE),
  };
}

function toRecord(r: RecordRow, lines: LineRow[], base: string): ImportRecord {
  const sum = (f: keyof LineRow) => lines.reduce((a, l) => a + (l[f] as number), 0);
  return {
    id: r.id,
    no: r.no,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    originCountry: r.origin_country,
    tradeMode: r.trade_mode,
    declarationNo: r.declaration_no,
    arrivalDate: r.arrival_date,
    currency: r.currency,
    rate: formatScaledTrim(r.rate_e6, RATE_SCALE),
    valueBasis: r.value_basis,
    freight: formatAmount(r.freight_minor, r.currency),
    insurance: formatAmount(r.insurance_minor, r.currency),
    vatInCost: r.vat_in_cost === 1,
    notes: r.notes,
    status: r.status,
    baseCurrency: base,
    amount: formatAmount(sum('amount_minor'), r.currency),
    customsValue: formatAmount(sum('customs_value_base'), base),
    duty: formatAmount(sum('duty_base'), base),
    vat: formatAmount(sum('vat_base'), base),
    landedCost: formatAmount(sum('landed_base'), base),
    lines: lines.map((l) => toLine(l, r.currency, base)),
  };
}

function recordRow(db: DB, id: number): RecordRow {
  const r = db.prepare(`${SELECT_RECORD} WHERE r.id = ?`).get(id) as RecordRow | undefined;
  if (!r) throw notFound('Import', id);
  return r;
}

function lineRows(db: DB, importId: number): LineRow[] {
  return db.prepare(`${SELECT_LINES} WHERE l.import_id = ? ORDER BY l.line_no, l.id`).all(importId) as LineRow[];
}

export function getImport(db: DB, id: number): ImportRecord {
  return toRecord(recordRow(db, id), lineRows(db, id), baseCurrency(db));
}

export function listImports(db: DB, q: ApiParsedArg<'imports.list'>): ImportRecord[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.search) {
    const p = likePattern(q.search);
    where.push(`(r.no LIKE ? ESCAPE '\\' OR s.name_zh LIKE ? ESCAPE '\\' OR s.name_en LIKE ? ESCAPE '\\' OR r.declaration_no LIKE ? ESCAPE '\\' OR r.notes LIKE ? ESCAPE '\\')`);
    params.push(p, p, p, p, p);
  }
  const rows = db.prepare(`${SELECT_RECORD} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY r.id DESC`).all(...params) as RecordRow[];
  const base = baseCurrency(db);
  const byImport = new Map<number, LineRow[]>();
  if (rows.length > 0) {
    const all = db
      .prepare(`${SELECT_LINES} WHERE l.import_id IN (SELECT value FROM json_each(?)) ORDER BY l.import_id, l.line_no, l.id`)
      .all(JSON.stringify(rows.map((r) => r.id))) as LineRow[];
    for (const l of all) byImport.set(l.import_id, [...(byImport.get(l.import_id) ?? []), l]);
  }
  return rows.map((r) => toRecord(r, byImport.get(r.id) ?? [], base));
}

// ---------------------------------------------------------------------------------------------------------
// Writing

const HEADER_COLS = Object.keys({
  supplier_id: 0,
  origin_country: 0,
  trade_mode: 0,
  declaration_no: 0,
  arrival_date: 0,
  currency: 0,
  rate_e6: 0,
  value_basis: 0,
  freight_minor: 0,
  insurance_minor: 0,
  vat_in_cost: 0,
  notes: 0,
} satisfies Record<keyof StoredHeader, 0>) as (keyof StoredHeader)[];

function writeLines(db: DB, importId: number, lines: ComputedLine[], oldIds: number[]): void {
  const keep = new Set(lines.map((l) => l.id));
  const del = db.prepare('DELETE FROM import_line WHERE id = ?');
  for (const id of oldIds) if (!keep.has(id)) del.run(id);
  const cols = `product_id = ?, order_line_id = ?, description = ?, hs_code = ?, qty_e3 = ?, price_e4 = ?, amount_minor = ?, duty_rate_e2 = ?,
                vat_rate_e2 = ?, customs_value_base = ?, duty_base = ?, vat_base = ?, landed_base = ?, landed_unit_e4 = ?, line_no = ?`;
  const upd = db.prepare(`UPDATE import_line SET ${cols} WHERE id = ?`);
  const ins = db.prepare(
    `INSERT INTO import_line (product_id, order_line_id, description, hs_code, qty_e3, price_e4, amount_minor, duty_rate_e2, vat_rate_e2,
       customs_value_base, duty_base, vat_base, landed_base, landed_unit_e4, line_no, import_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  lines.forEach((l, i) => {
    const values = [l.productId, l.orderLineId, l.description, l.hsCode, l.qty, l.price, l.amount, l.dutyE2, l.vatE2, l.customsValue, l.duty, l.vat, l.landed, l.landedUnitE4, i + 1];
    if (l.id !== undefined) upd.run(...values, l.id);
    else ins.run(...values, importId);
  });
}

const lineAudit = (l: ComputedLine) => ({
  productId: l.productId,
  orderLineId: l.orderLineId,
  description: l.description,
  quantity: formatScaledTrim(l.qty, QTY_SCALE),
  unitPrice: formatScaledTrim(l.price, PRICE_SCALE),
  dutyRate: formatScaledTrim(l.dutyE2, PERCENT_SCALE),
  vatRate: formatScaledTrim(l.vatE2, PERCENT_SCALE),
  landedCost: l.landed,
});

export function createImport(db: DB, user: string, arg: CreateArg): ImportRecord {
  return db.transaction(() => {
    const base = baseCurrency(db);
    const { lines: inputs, ...header } = arg;
    requireParty(db, header.supplierId, ['supplier'], 'supplierId');
    const h = toStoredHeader(header, '');
    const lines = resolveLines(db, h, base, inputs, new Set());
    rememberRate(db, h.currency, h.rate_e6);
    const no = nextNumber(db, 'import', h.arrival_date || todayLocal());
    const now = nowIso();
    const info = db
      .prepare(`INSERT INTO import_record (no, status, ${HEADER_COLS.join(', ')}, created_at, updated_at) VALUES (?, 'draft', ${HEADER_COLS.map(() => '?').join(', ')}, ?, ?)`)
      .run(no, ...HEADER_COLS.map((c) => h[c]), now, now);
    const id = Number(info.lastInsertRowid);
    writeLines(db, id, lines, []);
    audit(db, user, 'import', id, 'create', { no, ...h, lines: lines.map(lineAudit) });
    return getImport(db, id);
  })();
}

function refuseReceived(r: RecordRow, what: string): void {
  if (r.status === 'received') throw new AppError('conflict', `Import ${r.no} has been received into stock; it can no longer be ${what}.`);
}

/** The API form of a stored header, to merge a patch into. */
function headerInput(r: RecordRow): HeaderInput {
  return {
    supplierId: r.supplier_id,
    originCountry: r.origin_country,
    tradeMode: r.trade_mode as HeaderInput['tradeMode'],
    declarationNo: r.declaration_no,
    arrivalDate: r.arrival_date,
    currency: r.currency,
    rate: formatScaledTrim(r.rate_e6, RATE_SCALE),
    valueBasis: r.value_basis,
    freight: formatAmount(r.freight_minor, r.currency),
    insurance: formatAmount(r.insurance_minor, r.currency),
    vatInCost: r.vat_in_cost === 1,
    notes: r.notes,
  };
}

export function updateImport(db: DB, user: string, arg: UpdateArg): ImportRecord {
  return db.transaction(() => {
    const r = recordRow(db, arg.id);
    refuseReceived(r, 'changed');
    const base = baseCurrency(db);
    const patch = Object.fromEntries(Object.entries(arg.header ?? {}).filter(([, v]) => v !== undefined)) as Partial<HeaderInput>;
    // Freight and insurance merge as the decimal text the user sees, so a change of currency keeps "100.00"
    // (and asks for it again when the new currency has fewer decimals).
    const merged: HeaderInput = { ...headerInput(r), ...patch };
    if (merged.supplierId !== r.supplier_id) requireParty(db, merged.supplierId, ['supplier'], 'header.supplierId');
    const h = toStoredHeader(merged, 'header.');
    const old = lineRows(db, arg.id);
    const inputs: LineInput[] =
      arg.lines ??
      old.map((l) => ({
        id: l.id,
        productId: l.product_id,
        orderLineId: l.order_line_id,
        description: l.description,
        hsCode: l.hs_code,
        quantity: formatScaledTrim(l.qty_e3, QTY_SCALE),
        unitPrice: formatScaledTrim(l.price_e4, PRICE_SCALE),
        dutyRate: formatScaledTrim(l.duty_rate_e2, PERCENT_SCALE),
        vatRate: formatScaledTrim(l.vat_rate_e2, PERCENT_SCALE),
      }));
    const lines = resolveLines(db, h, base, inputs, new Set(old.map((l) => l.id)));
    if (patch.rate !== undefined || patch.currency !== undefined) rememberRate(db, h.currency, h.rate_e6);

    const before = Object.fromEntries(HEADER_COLS.map((c) => [c, r[c]]));
    db.prepare(`UPDATE import_record SET ${HEADER_COLS.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(
      ...HEADER_COLS.map((c) => h[c]),
      nowIso(),
      arg.id,
    );
    writeLines(db, arg.id, lines, old.map((l) => l.id));
    const changes: Record<string, unknown> = diff(before, h as unknown as Record<string, unknown>);
    const oldAudit = old.map((l) => ({
      productId: l.product_id,
      orderLineId: l.order_line_id,
      description: l.description,
      quantity: formatScaledTrim(l.qty_e3, QTY_SCALE),
      unitPrice: formatScaledTrim(l.price_e4, PRICE_SCALE),
      dutyRate: formatScaledTrim(l.duty_rate_e2, PERCENT_SCALE),
      vatRate: formatScaledTrim(l.vat_rate_e2, PERCENT_SCALE),
      landedCost: l.landed_base,
    }));
    const newAudit = lines.map(lineAudit);
    if (JSON.stringify(oldAudit) !== JSON.stringify(newAudit)) changes.lines = [oldAudit, newAudit];
    if (Object.keys(changes).length > 0) audit(db, user, 'import', arg.id, 'update', changes);
    return getImport(db, arg.id);
  })();
}

/** The goods enter stock at their landed unit cost; linked purchase orders count them as received. */
export function receiveImport(db: DB, user: string, id: number, date: string): ImportRecord {
  return db.transaction(() => {
    const r = recordRow(db, id);
    if (r.status === 'received') throw new AppError('conflict', `Import ${r.no} has already been received.`);
    const lines = lineRows(db, id);
    if (lines.length === 0) throw new AppError('refused', `Import ${r.no} has no lines to receive.`);
    const now = nowIso();
    const ins = db.prepare(
      `INSERT INTO stock_move (product_id, move_date, kind, qty_e3, unit_cost_e4, order_line_id, import_line_id, reason, created_at)
       VALUES (?, ?, 'import_receipt', ?, ?, ?, ?, '', ?)`,
    );
    const orders = new Set<number>();
    const orderOf = db.prepare('SELECT order_id FROM order_line WHERE id = ?');
    for (const l of lines) {
      if (l.product_id === null) continue;
      ins.run(l.product_id, date, l.qty_e3, l.landed_unit_e4, l.order_line_id, l.id, now);
      if (l.order_line_id !== null) orders.add((orderOf.get(l.order_line_id) as { order_id: number }).order_id);
    }
    db.prepare("UPDATE import_record SET status = 'received', updated_at = ? WHERE id = ?").run(now, id);
    for (const o of orders) refreshOrderStatus(db, o);
    audit(db, user, 'import', id, 'receive', { status: ['draft', 'received'], date });
    return getImport(db, id);
  })();
}

export function deleteImport(db: DB, user: string, id: number): { id: number } {
  return db.transaction(() => {
    const r = recordRow(db, id);
    refuseReceived(r, 'deleted');
    const lines = lineRows(db, id);
    db.prepare('DELETE FROM import_line WHERE import_id = ?').run(id);
    db.prepare("DELETE FROM attachment WHERE entity = 'import' AND entity_id = ?").run(id);
    db.prepare('DELETE FROM import_record WHERE id = ?').run(id);
    audit(db, user, 'import', id, 'delete', { no: r.no, ...Object.fromEntries(HEADER_COLS.map((c) => [c, r[c]])), lines: lines.length });
    return { id };
  })();
}
