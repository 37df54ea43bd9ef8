/**
 * The order lines as the line grid edits them, and the exact arithmetic of the live preview.
 *
 * Numbers are kept as the strings the user typed ("12.5", "0.0125"); every computation goes through the
 * integer helpers of shared/decimal.ts (and BigInt where a product may pass 2^53), with the same rules as the
 * core (electron/core/trade/orders.ts), so the preview shows to the cent what the core stores:
 *   quantity = cartons × pcs/carton unless typed
 *   G.W./N.W. = cartons × the product's per-carton weight unless typed
 *   CBM (×1e4) = round(cartons × l × w × h mm / 1e5) unless typed
 *   amount = round(quantity ×1e3 × price ×1e4 / 10^(7 − currency decimals))
 */
import type { Product } from '../../../../shared/api';
import { divRound, formatScaled, formatScaledTrim, parseScaled } from '../../../../shared/decimal';
import type { OrderLine, OrderLineInput } from '../../../../shared/trade';

export interface LineDraft {
  /** the row's id in the grid; stays the same across saves */
  key: number;
  /** the saved line's id */
  id?: number;
  productId: number | null;
  itemNo: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  hsCode: string;
  unit: string;
  cartons: string;
  pcsPerCarton: string;
  quantity: string;
  /** the quantity was typed: it no longer follows cartons × pcs/carton */
  qtyTyped: boolean;
  unitPrice: string;
  grossKg: string;
  netKg: string;
  cbm: string;
  /** weights and volume that follow cartons × the product's per-carton figures (left to the core on save) */
  gwAuto: boolean;
  nwAuto: boolean;
  cbmAuto: boolean;
  stallId: number | null;
  stallName: string;
  notes: string;
  /** from the core, as of the last save */
  amount: string;
  doneQuantity: string;
  remainingQuantity: string;
  stockWarning: string | null;
  /** changed since it was loaded or saved */
  edited: boolean;
}

let nextKey = 1;
export const newKey = () => nextKey++;

export function emptyLine(): LineDraft {
  return {
    key: newKey(),
    productId: null,
    itemNo: '',
    nameZh: '',
    nameEn: '',
    spec: '',
    hsCode: '',
    unit: '',
    cartons: '',
    pcsPerCarton: '',
    quantity: '',
    qtyTyped: false,
    unitPrice: '',
    grossKg: '',
    netKg: '',
    cbm: '',
    gwAuto: true,
    nwAuto: true,
    cbmAuto: true,
    stallId: null,
    stallName: '',
    notes: '',
    amount: '',
    doneQuantity: '',
    remainingQuantity: '',
    stockWarning: null,
    edited: false,
  };
}

const TEXT_FIELDS = ['itemNo', 'nameZh', 'nameEn', 'spec', 'hsCode', 'unit', 'cartons', 'pcsPerCarton', 'quantity', 'unitPrice', 'grossKg', 'netKg', 'cbm', 'notes'] as const;

/** A line with nothing in it (the empty line at the end of the grid is not sent). */
export function isEmptyLine(l: LineDraft): boolean {
  return l.id === undefined && l.productId === null && l.stallId === null && TEXT_FIELDS.every((f) => l[f].trim() === '');
}

// ---------------------------------------------------------------------------------------------------------
// Exact helpers

/** A scaled integer of a decimal string, or null when empty or not a number with at most `scale` decimals. */
export function scaled(text: string, scale: number): number | null {
  if (text.trim() === '') return null;
  try {
    return parseScaled(text, scale);
  } catch {
    return null;
  }
}

/** A whole number ≥ min typed in a cell, null when empty, 'invalid' otherwise. */
export function wholeNumber(text: string, min: number): number | null | 'invalid' {
  const s = text.trim();
  if (s === '') return null;
  if (!/^\d{1,8}$/.test(s)) return 'invalid';
  const n = Number(s);
  return n < min || n > 10_000_000 ? 'invalid' : n;
}

/** round(n / d) half away from zero, in BigInt. */
function roundBig(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  if ((a % d) * 2n >= d) q += 1n;
  return neg ? -q : q;
}

/** A BigInt back to a safe Number, or null when it does not fit. */
function safe(v: bigint): number | null {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/** Amount in minor units of a currency with `decimals` decimals: quantity ×1e3 × price ×1e4, rounded once. */
export function amountMinor(qtyE3: number, priceE4: number, decimals: number): number | null {
  const divisor = 10 ** (7 - decimals);
  const product = qtyE3 * priceE4;
  if (Number.isSafeInteger(product)) return divRound(product, divisor);
  return safe(roundBig(BigInt(qtyE3) * BigInt(priceE4), BigInt(divisor)));
}

/** Minor units of the order currency into minor units of the base currency at a rate ×1e6. */
export function convertMinor(minor: number, fromDecimals: number, rateE6: number, toDecimals: number): number | null {
  return safe(roundBig(BigInt(minor) * BigInt(rateE6) * 10n ** BigInt(toDecimals), 10n ** BigInt(6 + fromDecimals)));
}

/** The line amount as the core will compute it, or '' while quantity or price is missing or invalid. */
export function previewAmount(l: Pick<LineDraft, 'quantity' | 'unitPrice'>, decimals: number): string {
  const q = scaled(l.quantity, 3);
  const p = scaled(l.unitPrice, 4);
  if (q === null || p === null) return '';
  const a = amountMinor(q, p, decimals);
  return a === null ? '' : formatScaled(a, decimals);
}

// ---------------------------------------------------------------------------------------------------------
// Following cartons

/** cartons × the per-carton weight of the product (kg, 3 decimals), or ''. */
function perCartonKg(cartons: number | null, perCarton: string | undefined): string {
  const g = perCarton ? scaled(perCarton, 3) : null;
  if (cartons === null || g === null) return '';
  const v = safe(BigInt(cartons) * BigInt(g));
  return v === null ? '' : formatScaled(v, 3);
}

/** The volume of `cartons` cartons of the product, as the core computes it, or ''. */
function cartonsCbm(cartons: number | null, p: Product | undefined): string {
  if (cartons === null || !p) return '';
  const [l, w, h] = [p.cartonLengthCm, p.cartonWidthCm, p.cartonHeightCm].map((s) => scaled(s, 1));
  if (l == null || w == null || h == null) return '';
  const v = safe(roundBig(BigInt(cartons) * BigInt(l) * BigInt(w) * BigInt(h), 100_000n));
  return v === null ? '' : formatScaled(v, 4);
}

/** Quantity, weights and volume of a line that follow its cartons (the fields the user has not typed). */
export function followCartons(l: LineDraft, product: Product | undefined): void {
  const cartons = wholeNumber(l.cartons, 0);
  const c = cartons === 'invalid' ? null : cartons;
  if (!l.qtyTyped) {
    const pcs = wholeNumber(l.pcsPerCarton, 1);
    l.quantity = c !== null && typeof pcs === 'number' ? (BigInt(c) * BigInt(pcs)).toString() : '';
  }
  if (l.gwAuto) l.grossKg = perCartonKg(c, product?.grossKgPerCarton);
  if (l.nwAuto) l.netKg = perCartonKg(c, product?.netKgPerCarton);
  if (l.cbmAuto) l.cbm = cartonsCbm(c, product);
}

/** Fill a line from a picked product: names, spec, HS code, unit, pcs/carton, the default price (same currency). */
export function applyProduct(l: LineDraft, p: Product, orderCurrency: string, kind: 'sales' | 'purchase', stallName: (id: number) => string): void {
  l.productId = p.id;
  l.itemNo = p.itemNo;
  l.nameZh = p.nameZh;
  l.nameEn = p.nameEn;
  l.spec = p.spec;
  l.hsCode = p.hsCode;
  l.unit = p.customsUnit;
  if (p.pcsPerCarton !== null) l.pcsPerCarton = String(p.pcsPerCarton);
  if (p.defaultPrice !== '' && (p.currency === orderCurrency || p.currency === '')) l.unitPrice = p.defaultPrice;
  if (kind === 'sales' && l.stallId === null && p.supplierId !== null) {
    l.stallId = p.supplierId;
    l.stallName = stallName(p.supplierId);
  }
  l.gwAuto = true;
  l.nwAuto = true;
  l.cbmAuto = true;
  followCartons(l, p);
}

// ---------------------------------------------------------------------------------------------------------
// From and to the core

/** A saved line as a draft; weights equal to cartons × the product's figures are taken as following cartons. */
export function draftOf(line: OrderLine, key: number, product: Product | undefined): LineDraft {
  const d: LineDraft = {
    key,
    id: line.id,
    productId: line.productId,
    itemNo: line.itemNo,
    nameZh: line.nameZh,
    nameEn: line.nameEn,
    spec: line.spec,
    hsCode: line.hsCode,
    unit: line.unit,
    cartons: line.cartons === null ? '' : String(line.cartons),
    pcsPerCarton: line.pcsPerCarton === null ? '' : String(line.pcsPerCarton),
    quantity: line.quantity,
    qtyTyped: true,
    unitPrice: line.unitPrice,
    grossKg: line.grossKg,
    netKg: line.netKg,
    cbm: line.cbm,
    gwAuto: false,
    nwAuto: false,
    cbmAuto: false,
    stallId: line.stallId,
    stallName: line.stallName,
    notes: line.notes,
    amount: line.amount,
    doneQuantity: line.doneQuantity,
    remainingQuantity: line.remainingQuantity,
    stockWarning: line.stockWarning,
    edited: false,
  };
  const probe: LineDraft = { ...d, qtyTyped: false, gwAuto: true, nwAuto: true, cbmAuto: true };
  followCartons(probe, product);
  const qtyE3 = scaled(line.quantity, 3);
  d.qtyTyped = !(probe.quantity !== '' && scaled(probe.quantity, 3) === qtyE3);
  d.gwAuto = line.grossKg === '' || probe.grossKg === line.grossKg;
  d.nwAuto = line.netKg === '' || probe.netKg === line.netKg;
  d.cbmAuto = line.cbm === '' || probe.cbm === line.cbm;
  return d;
}

/** Problems the UI finds before calling the core: field → catalog key. */
export type LineProblems = Partial<Record<keyof LineDraft, string>>;

export function checkLine(l: LineDraft): LineProblems {
  const out: LineProblems = {};
  if (wholeNumber(l.cartons, 0) === 'invalid') out.cartons = 'orders.msg.cartons';
  if (wholeNumber(l.pcsPerCarton, 1) === 'invalid') out.pcsPerCarton = 'orders.msg.pcsPerCarton';
  if (l.unitPrice.trim() === '') out.unitPrice = 'orders.msg.priceRequired';
  return out;
}

/** The API form of a line (call checkLine first). Fields that follow cartons are left to the core. */
export function inputOf(l: LineDraft): OrderLineInput {
  const num = (s: string, min: number) => {
    const n = wholeNumber(s, min);
    return typeof n === 'number' ? n : null;
  };
  const opt = (s: string, auto: boolean) => (auto || s.trim() === '' ? undefined : s.trim());
  const input: OrderLineInput = {
    productId: l.productId,
    itemNo: l.itemNo,
    nameZh: l.nameZh,
    nameEn: l.nameEn,
    spec: l.spec,
    hsCode: l.hsCode,
    unit: l.unit,
    cartons: num(l.cartons, 0),
    pcsPerCarton: num(l.pcsPerCarton, 1),
    unitPrice: l.unitPrice.trim(),
    stallId: l.stallId,
    notes: l.notes,
  };
  if (l.id !== undefined) input.id = l.id;
  const quantity = l.quantity.trim();
  if (quantity !== '' && (l.qtyTyped || input.cartons === null || input.pcsPerCarton === null)) input.quantity = quantity;
  const gw = opt(l.grossKg, l.gwAuto);
  const nw = opt(l.netKg, l.nwAuto);
  const cbm = opt(l.cbm, l.cbmAuto);
  if (gw !== undefined) input.grossKg = gw;
  if (nw !== undefined) input.netKg = nw;
  if (cbm !== undefined) input.cbm = cbm;
  return input;
}

// ---------------------------------------------------------------------------------------------------------
// Totals of the lines being edited (the saved totals come from the core)

export interface DraftTotals {
  cartons: string;
  quantity: string;
  grossKg: string;
  netKg: string;
  cbm: string;
  amount: string;
  baseAmount: string;
}

export function draftTotals(lines: LineDraft[], decimals: number, rate: string, baseDecimals: number): DraftTotals {
  let cartons = 0n;
  let qty = 0n;
  let gw = 0n;
  let nw = 0n;
  let cbm = 0n;
  let amount = 0n;
  for (const l of lines) {
    const c = wholeNumber(l.cartons, 0);
    if (typeof c === 'number') cartons += BigInt(c);
    qty += BigInt(scaled(l.quantity, 3) ?? 0);
    gw += BigInt(scaled(l.grossKg, 3) ?? 0);
    nw += BigInt(scaled(l.netKg, 3) ?? 0);
    cbm += BigInt(scaled(l.cbm, 4) ?? 0);
    const a = previewAmount(l, decimals);
    if (a !== '') amount += BigInt(parseScaled(a, decimals));
  }
  const fmt = (v: bigint, s: number) => {
    const n = safe(v);
    return n === null ? '' : formatScaled(n, s);
  };
  const amountN = safe(amount);
  const rateE6 = scaled(rate, 6);
  const base = amountN !== null && rateE6 !== null && rateE6 > 0 ? convertMinor(amountN, decimals, rateE6, baseDecimals) : null;
  const qtyN = safe(qty);
  return {
    cartons: cartons.toString(),
    quantity: qtyN === null ? '' : formatScaledTrim(qtyN, 3),
    grossKg: fmt(gw, 3),
    netKg: fmt(nw, 3),
    cbm: fmt(cbm, 4),
    amount: fmt(amount, decimals),
    baseAmount: base === null ? '' : formatScaled(base, baseDecimals),
  };
}
