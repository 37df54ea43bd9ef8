/**
 * Trade records: orders, payments, shipments, imports, stock, claims, attachments — argument schemas and
 * result types for the API map (shared/api.ts). Amounts cross the boundary as decimal strings:
 *   quantity  up to 3 decimals ("1200", "12.5")        stored ×1000
 *   unit price up to 4 decimals ("0.0125")             stored ×10000
 *   amounts   in the currency's own decimals ("12.50", JPY "1250", KWD "1.250")  stored in minor units
 *   exchange rate to the base currency, up to 6 decimals ("7.1234"), > 0          stored ×1e6
 *   duty / VAT rates in percent, up to 2 decimals ("6.5")                          stored ×100
 *   weights kg 3 decimals, volumes m³ 4 decimals, sizes cm 1 decimal
 */
import { z } from 'zod';
import { isCode } from './codes';
import { decimalPattern } from './decimal';
import { isCurrency } from './currency';
import { issueKey, unknownCodeKey } from './issues';

export const id = z.number().int().positive().max(2 ** 31);
const text = (max: number) => z.string().max(max).transform((s) => s.trim());
const dec = (whole: number, scale: number, what: string) =>
  z.string().trim().regex(decimalPattern(whole, scale), `${what} with at most ${scale} decimals`);
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');

export const quantity = dec(9, 3, 'a quantity').refine((s) => /[1-9]/.test(s), 'must be more than 0');
export const unitPrice = dec(9, 4, 'a unit price');
/** An amount; the currency's decimals are checked by the core, which knows the currency. */
export const amount = dec(13, 3, 'an amount');
export const rate = dec(6, 6, 'an exchange rate').refine((s) => /[1-9]/.test(s), 'must be more than 0');
export const percent = dec(3, 2, 'a percentage').refine((s) => Number(s) <= 100, 'at most 100');
export const kg = dec(8, 3, 'a weight in kg');
export const cbm = dec(6, 4, 'a volume in m³');
export const currency = z.string().max(3).refine(isCurrency, 'unknown currency');
const codeOf = (table: Parameters<typeof isCode>[0], what: string) =>
  z.string().max(8).refine((v) => v === '' || isCode(table, v), { message: `unknown ${what} code`, params: unknownCodeKey(what) });

// -------------------------------------------------------------------------------------------------------
// Orders

export const ORDER_KINDS = ['sales', 'purchase'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
/** partial / complete mean partly shipped / shipped for sales, partly received / received for purchases. */
export const ORDER_STATUSES = ['draft', 'confirmed', 'partial', 'complete', 'closed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const OrderLineInputSchema = z
  .object({
    /** present when editing an existing line (keeps its shipments linked) */
    id: id.optional(),
    productId: id.nullable().optional(),
    itemNo: text(64).optional(),
    nameZh: text(200).optional(),
    nameEn: text(200).optional(),
    spec: text(500).optional(),
    hsCode: z.string().max(20).transform((s) => s.replace(/[\s.]/g, '')).refine((v) => v === '' || /^\d{10}$/.test(v), { message: 'HS code must be exactly 10 digits', params: issueKey('errors.hsCode') }).optional(),
    unit: codeOf('units', 'customs unit').optional(),
    cartons: z.number().int().min(0).max(10_000_000).nullable().optional(),
    pcsPerCarton: z.number().int().positive().max(10_000_000).nullable().optional(),
    /** optional when cartons × pcsPerCarton give it */
    quantity: quantity.optional(),
    unitPrice: unitPrice,
    grossKg: kg.optional(),
    netKg: kg.optional(),
    cbm: cbm.optional(),
    /** sales line: the stall (supplier) the goods are bought from */
    stallId: id.nullable().optional(),
    notes: text(1000).optional(),
  })
  .strict();
export type OrderLineInput = z.input<typeof OrderLineInputSchema>;

const orderHeader = {
  partyId: id,
  orderDate: isoDate,
  currency,
  rate,
  incoterm: codeOf('incoterms', 'incoterm').optional(),
  incotermPlace: text(100).optional(),
  paymentTerms: text(500).optional(),
  deliveryAddress: text(500).optional(),
  warehouse: text(200).optional(),
  notes: text(2000).optional(),
};

export const OrderCreateSchema = z
  .object({ kind: z.enum(ORDER_KINDS), ...orderHeader, lines: z.array(OrderLineInputSchema).max(5000) })
  .strict();
export const OrderUpdateSchema = z
  .object({
    id,
    header: z.object(orderHeader).partial().strict().optional(),
    /** the full new set of lines (lines with an id are edits of that line; missing ones are removed) */
    lines: z.array(OrderLineInputSchema).max(5000).optional(),
  })
  .strict();

export interface OrderLine {
  id: number;
  lineNo: number;
  productId: number | null;
  itemNo: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  hsCode: string;
  unit: string;
  cartons: number | null;
  pcsPerCarton: number | null;
  quantity: string;
  unitPrice: string;
  amount: string;
  grossKg: string;
  netKg: string;
  cbm: string;
  stallId: number | null;
  stallName: string;
  notes: string;
  /** shipped (sales) or received (purchase) so far */
  doneQuantity: string;
  remainingQuantity: string;
  /** sales line asking for more than is on hand: a warning, not a block */
  stockWarning: string | null;
}

export interface OrderTotals {
  cartons: number;
  quantity: string;
  grossKg: string;
  netKg: string;
  cbm: string;
  amount: string;
  baseAmount: string;
}

export interface OrderSummary extends OrderTotals {
  id: number;
  kind: OrderKind;
  no: string;
  partyId: number;
  partyName: string;
  orderDate: string;
  currency: string;
  rate: string;
  status: OrderStatus;
  lineCount: number;
  paid: string;
  unpaid: string;
}

export interface Order extends OrderSummary {
  incoterm: string;
  incotermPlace: string;
  paymentTerms: string;
  deliveryAddress: string;
  warehouse: string;
  notes: string;
  cancelReason: string;
  baseCurrency: string;
  lines: OrderLine[];
  createdAt: string;
  updatedAt: string;
}

export const OrderListSchema = z
  .object({
    kind: z.enum(ORDER_KINDS),
    search: text(200).optional(),
    status: z.enum(ORDER_STATUSES).optional(),
    partyId: id.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();

/** Sortable columns of the paged orders list ('amount' sorts by the base-currency amount, comparable across currencies). */
export const ORDER_SORT_FIELDS = ['orderDate', 'no', 'partyName', 'amount', 'status'] as const;
export type OrderSortField = (typeof ORDER_SORT_FIELDS)[number];

/** One block of the orders list (server-side paging): the filter of orders.list plus sort, offset and limit. */
export const OrderPageSchema = z
  .object({
    ...OrderListSchema.shape,
    sort: z.object({ field: z.enum(ORDER_SORT_FIELDS), dir: z.enum(['asc', 'desc']) }).strict().optional(),
    offset: z.number().int().min(0).max(2 ** 31),
    limit: z.number().int().min(1).max(500).default(100),
    /** false: the rows only (a grid's later blocks); total and totals come back null */
    totals: z.boolean().default(true),
  })
  .strict();

/** Sums over every order of a filter in one currency (decimal strings; unpaid is 0 for cancelled orders). */
export interface OrderCurrencyTotals {
  currency: string;
  count: number;
  amount: string;
  /** the amount of the orders that are not cancelled (what the list's footer shows) */
  activeAmount: string;
  paid: string;
  unpaid: string;
  baseAmount: string;
}

export interface OrderPage {
  rows: OrderSummary[];
  /** number of orders matching the filter (null when asked with totals: false) */
  total: number | null;
  totals: { baseCurrency: string; baseAmount: string; currencies: OrderCurrencyTotals[] } | null;
}

export const ReceiveSchema = z
  .object({
    orderId: id,
    date: isoDate,
    lines: z.array(z.object({ orderLineId: id, quantity }).strict()).min(1).max(5000),
  })
  .strict();

// -------------------------------------------------------------------------------------------------------
// Payments and balances

export const PAYMENT_METHODS = ['cash', 'bank', 'alipay', 'wechat', 'tt', 'lc'] as const;
export const PAYMENT_DIRECTIONS = ['in', 'out'] as const;

export const PaymentInputSchema = z
  .object({
    direction: z.enum(PAYMENT_DIRECTIONS),
    partyId: id,
    payDate: isoDate,
    amount: amount.refine((s) => /[1-9]/.test(s), 'must be more than 0'),
    currency,
    rate,
    method: z.enum(PAYMENT_METHODS),
    reference: text(200).optional(),
    notes: text(2000).optional(),
    /** the orders this payment settles, in the payment's currency; the rest stays on account */
    allocations: z.array(z.object({ orderId: id, amount }).strict()).max(500).optional(),
  })
  .strict();

export interface Payment {
  id: number;
  no: string;
  direction: 'in' | 'out';
  partyId: number;
  partyName: string;
  payDate: string;
  amount: string;
  currency: string;
  rate: string;
  baseAmount: string;
  method: (typeof PAYMENT_METHODS)[number];
  reference: string;
  notes: string;
  allocations: { orderId: number; orderNo: string; amount: string }[];
  unallocated: string;
  createdAt: string;
}

export interface BalanceRow {
  partyId: number;
  partyName: string;
  currency: string;
  /** > 0: the party owes us; < 0: we owe the party */
  balance: string;
  baseBalance: string;
  /** open order amounts by age of the order date; the unapplied payments column is not aged */
  aging: { d0_30: string; d31_60: string; d61_90: string; d90plus: string };
  unapplied: string;
}

// -------------------------------------------------------------------------------------------------------
// Shipments

export const SHIPMENT_MODES = ['sea', 'rail', 'air', 'road', 'express', 'post'] as const;
export const EXPORT_TRADE_MODES = ['1039', '0110', '9610', '9710', '9810'] as const;
export const SHIPMENT_STATUSES = ['planned', 'loading', 'declared', 'departed', 'arrived', 'delivered'] as const;
export const CONTAINER_TYPES = ['20GP', '40GP', '40HQ'] as const;

export const ShipmentLineInputSchema = z
  .object({ id: id.optional(), orderLineId: id, quantity, cartons: z.number().int().min(0).max(10_000_000).nullable().optional(), grossKg: kg.optional(), netKg: kg.optional(), cbm: cbm.optional() })
  .strict();

const shipmentHeader = {
  mode: z.enum(SHIPMENT_MODES),
  tradeMode: z.enum(EXPORT_TRADE_MODES),
  exporterId: id.nullable().optional(),
  consigneeId: id,
  destCountry: codeOf('countries', 'country').optional(),
  destPort: text(100).optional(),
  loadingPort: text(100).optional(),
  containerNo: z.string().max(20).transform((s) => s.replace(/[\s-]/g, '').toUpperCase()).optional(),
  containerType: z.enum(['', ...CONTAINER_TYPES]).optional(),
  sealNo: text(50).optional(),
  blNo: text(50).optional(),
  vesselVoyage: text(100).optional(),
  forwarderId: id.nullable().optional(),
  brokerId: id.nullable().optional(),
  declarationNo: z.string().max(30).transform((s) => s.replace(/\s/g, '')).refine((v) => v === '' || /^\d{18}$/.test(v), 'a declaration no. has 18 digits').optional(),
  etd: isoDate.or(z.literal('')).optional(),
  eta: isoDate.or(z.literal('')).optional(),
  marks: text(2000).optional(),
  notes: text(2000).optional(),
};

export const ShipmentCreateSchema = z.object({ ...shipmentHeader, lines: z.array(ShipmentLineInputSchema).max(20000) }).strict();
export const ShipmentUpdateSchema = z
  .object({ id, header: z.object(shipmentHeader).partial().strict().optional(), lines: z.array(ShipmentLineInputSchema).max(20000).optional() })
  .strict();

export interface ShipmentLine {
  id: number;
  orderLineId: number;
  orderId: number;
  orderNo: string;
  productId: number | null;
  itemNo: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  hsCode: string;
  unit: string;
  stallId: number | null;
  stallName: string;
  cartons: number | null;
  quantity: string;
  unitPrice: string;
  currency: string;
  amount: string;
  grossKg: string;
  netKg: string;
  cbm: string;
}

export interface ContainerFill {
  containerType: string;
  cbm: string;
  capacityCbm: string;
  grossKg: string;
  capacityKg: string;
  /** 0–100+ (may exceed 100: over capacity) */
  cbmPercent: number;
  weightPercent: number;
}

export interface ShipmentSummary {
  id: number;
  no: string;
  mode: (typeof SHIPMENT_MODES)[number];
  tradeMode: string;
  consigneeId: number;
  consigneeName: string;
  containerNo: string;
  containerType: string;
  etd: string;
  eta: string;
  status: (typeof SHIPMENT_STATUSES)[number];
  cartons: number;
  grossKg: string;
  cbm: string;
  /** amounts per currency, e.g. { USD: "12500.00" } */
  amounts: Record<string, string>;
}

export interface Shipment extends ShipmentSummary {
  exporterId: number | null;
  destCountry: string;
  destPort: string;
  loadingPort: string;
  sealNo: string;
  blNo: string;
  vesselVoyage: string;
  forwarderId: number | null;
  brokerId: number | null;
  declarationNo: string;
  marks: string;
  notes: string;
  netKg: string;
  fill: ContainerFill | null;
  lines: ShipmentLine[];
}

/** A confirmed sales order line that still has quantity to ship. */
export interface ShippableLine {
  orderLineId: number;
  orderId: number;
  orderNo: string;
  itemNo: string;
  nameZh: string;
  nameEn: string;
  stallId: number | null;
  stallName: string;
  unit: string;
  pcsPerCarton: number | null;
  ordered: string;
  shipped: string;
  remaining: string;
  unitPrice: string;
  currency: string;
}

// -------------------------------------------------------------------------------------------------------
// Imports

export const IMPORT_TRADE_MODES = ['0110', '1210', '9610'] as const;
export const VALUE_BASES = ['CIF', 'FOB'] as const;

export const ImportLineInputSchema = z
  .object({
    id: id.optional(),
    productId: id.nullable().optional(),
    orderLineId: id.nullable().optional(),
    description: text(500).optional(),
    hsCode: z.string().max(20).transform((s) => s.replace(/[\s.]/g, '')).refine((v) => v === '' || /^\d{10}$/.test(v), { message: 'HS code must be exactly 10 digits', params: issueKey('errors.hsCode') }).optional(),
    quantity,
    unitPrice,
    /** default: the product's duty/VAT rate, else 0 / 13 */
    dutyRate: percent.optional(),
    vatRate: percent.optional(),
  })
  .strict();

const importHeader = {
  supplierId: id,
  originCountry: codeOf('countries', 'country').optional(),
  tradeMode: z.enum(IMPORT_TRADE_MODES),
  declarationNo: z.string().max(30).transform((s) => s.replace(/\s/g, '')).refine((v) => v === '' || /^\d{18}$/.test(v), 'a declaration no. has 18 digits').optional(),
  arrivalDate: isoDate.or(z.literal('')).optional(),
  currency,
  rate,
  valueBasis: z.enum(VALUE_BASES),
  /** added to the customs value when the basis is FOB, in the import's currency */
  freight: amount.optional(),
  insurance: amount.optional(),
  /** small-scale taxpayers cannot deduct import VAT: it is part of their cost (default true) */
  vatInCost: z.boolean().optional(),
  notes: text(2000).optional(),
};

export const ImportCreateSchema = z.object({ ...importHeader, lines: z.array(ImportLineInputSchema).max(5000) }).strict();
export const ImportUpdateSchema = z
  .object({ id, header: z.object(importHeader).partial().strict().optional(), lines: z.array(ImportLineInputSchema).max(5000).optional() })
  .strict();

export interface ImportLine {
  id: number;
  productId: number | null;
  orderLineId: number | null;
  itemNo: string;
  description: string;
  hsCode: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  dutyRate: string;
  vatRate: string;
  /** all in base currency */
  customsValue: string;
  duty: string;
  vat: string;
  landedCost: string;
  /** landed cost per unit, 4 decimals */
  landedUnitCost: string;
}

export interface ImportRecord {
  id: number;
  no: string;
  supplierId: number;
  supplierName: string;
  originCountry: string;
  tradeMode: string;
  declarationNo: string;
  arrivalDate: string;
  currency: string;
  rate: string;
  valueBasis: 'CIF' | 'FOB';
  freight: string;
  insurance: string;
  vatInCost: boolean;
  notes: string;
  status: 'draft' | 'received';
  baseCurrency: string;
  amount: string;
  customsValue: string;
  duty: string;
  vat: string;
  landedCost: string;
  lines: ImportLine[];
}

// -------------------------------------------------------------------------------------------------------
// Stock, claims, attachments, dashboard

export interface StockRow {
  productId: number;
  itemNo: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  onHand: string;
  /** ordered by confirmed sales orders and not yet shipped */
  committed: string;
}

export interface StockMove {
  /** the stock_move row's id; for 'sales_shipment' rows the shipment line's id negated, so ids are unique in a list */
  id: number;
  productId: number;
  /** 'sales_shipment': the shipment's ETD, else the day it was entered */
  date: string;
  kind: 'purchase_receipt' | 'import_receipt' | 'sales_shipment' | 'adjustment' | 'claim_return';
  quantity: string;
  /** import, order or claim no.; for a shipment "SH-2026-0001 / SO-2026-0003" */
  reference: string;
  reason: string;
}

export const StockAdjustSchema = z
  .object({
    productId: id,
    date: isoDate,
    /** signed: "-5" removes five */
    quantity: z.string().trim().regex(/^-?\d{1,9}(\.\d{1,3})?$/, 'a quantity with at most 3 decimals').refine((s) => /[1-9]/.test(s), 'must not be 0'),
    reason: text(500).refine((s) => s !== '', 'say why the stock is adjusted'),
  })
  .strict();

export const CLAIM_KINDS = ['short', 'damaged', 'wrong', 'quality'] as const;
export const CLAIM_SETTLEMENTS = ['credit', 'replacement', 'refund'] as const;

export const ClaimInputSchema = z
  .object({
    shipmentLineId: id,
    claimDate: isoDate,
    kind: z.enum(CLAIM_KINDS),
    cartons: z.number().int().min(0).max(10_000_000).nullable().optional(),
    quantity,
    reason: text(2000).optional(),
    settlement: z.enum(CLAIM_SETTLEMENTS).nullable().optional(),
    /** credit or refund amount in the order's currency */
    amount: amount.optional(),
    goodsReturned: z.boolean().optional(),
  })
  .strict();

export interface Claim {
  id: number;
  no: string;
  shipmentLineId: number;
  shipmentNo: string;
  orderNo: string;
  partyId: number;
  partyName: string;
  stallId: number | null;
  stallName: string;
  itemNo: string;
  claimDate: string;
  kind: (typeof CLAIM_KINDS)[number];
  cartons: number | null;
  quantity: string;
  reason: string;
  settlement: (typeof CLAIM_SETTLEMENTS)[number] | null;
  amount: string;
  currency: string;
  goodsReturned: boolean;
  status: 'open' | 'settled';
}

export const ATTACHMENT_ENTITIES = ['order', 'shipment', 'claim', 'product', 'import'] as const;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const AttachmentAddSchema = z
  .object({
    entity: z.enum(ATTACHMENT_ENTITIES),
    entityId: id,
    fileName: text(255).refine((s) => s !== '' && !/[\\/\0]/.test(s), 'a file name without folders'),
    mime: z.string().max(100).regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'a MIME type such as image/jpeg'),
    /** the file's bytes, base64 */
    // The core checks the decoded size against MAX_ATTACHMENT_BYTES and names the file in its message; this
    // cap (twice the limit) only stops absurd payloads before they are decoded.
    dataBase64: z.string().max(Math.ceil((MAX_ATTACHMENT_BYTES * 8) / 3) + 8, `files are limited to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`),
  })
  .strict();

export interface Attachment {
  id: number;
  entity: (typeof ATTACHMENT_ENTITIES)[number];
  entityId: number;
  fileName: string;
  mime: string;
  size: number;
  createdAt: string;
}

export interface Dashboard {
  today: string;
  baseCurrency: string;
  todaysOrders: OrderSummary[];
  receivables: BalanceRow[];
  payables: BalanceRow[];
  inTransit: ShipmentSummary[];
  stockWarnings: StockRow[];
}

export interface TradeSettings {
  prefixes: { sales: string; purchase: string; payment: string; shipment: string; import: string; claim: string };
}

export const TradeSettingsSchema = z
  .object({
    prefixes: z
      .object({
        sales: z.string().regex(/^[A-Z0-9-]{1,10}$/i, '1–10 letters, digits or -'),
        purchase: z.string().regex(/^[A-Z0-9-]{1,10}$/i, '1–10 letters, digits or -'),
        payment: z.string().regex(/^[A-Z0-9-]{1,10}$/i, '1–10 letters, digits or -'),
        shipment: z.string().regex(/^[A-Z0-9-]{1,10}$/i, '1–10 letters, digits or -'),
        import: z.string().regex(/^[A-Z0-9-]{1,10}$/i, '1–10 letters, digits or -'),
        claim: z.string().regex(/^[A-Z0-9-]{1,10}$/i, '1–10 letters, digits or -'),
      })
      .partial()
      .strict(),
  })
  .strict();
