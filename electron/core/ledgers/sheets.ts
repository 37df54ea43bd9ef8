/**
 * The ledger sheets: sales, purchases, exports, imports, payments, receivables and payables.
 *
 * Rows are read with iterateRows (../sql.ts: better-sqlite3's .iterate() in raw mode; one row in memory at a time;
 * a connection cannot run another statement while it iterates, so each query brings everything its rows need),
 * written to the
 * streamed sheet, and added to the running totals. Line figures are the stored integers; what is computed
 * here is computed in integers (money.ts):
 *
 *   order line base amount   = convert(line amount, order currency, order rate, base), each line rounded
 *                              once; when those roundings add up to a few minor units more or less than the
 *                              order's stored base total (convert of the order total), the difference goes on
 *                              the order's largest line (orderLineBases), so the lines of an order add up to
 *                              the base total the orders screen shows
 *   shipment line base amount= convert(line amount, order currency, order rate, base) — per line, as the
 *                              shipment has no rate of its own
 *   payment base amount      = convert(amount, currency, payment rate, base) — as the payments screen
 *   import line CIF (currency)= amount + its share of the freight and insurance of an FOB import (allocate by
 *                              line amounts, as imports.ts computes the customs value); its base figure is the
 *                              stored customs value
 *
 * A sheet's totals: one row per currency (amounts in that currency and the base amounts of those lines), then
 * one row of base-currency totals of every line. The label goes in the first column and spills over the empty
 * cells to its right; the line count in `countCol` (a wide text column), if any.
 */
import type { LedgerKey } from '../../../shared/ledgers';
import { allocate, convert } from '../money';
import { iterateRows } from '../sql';
import { PARTY_NAME_SQL } from '../trade/common';
import { OPEN_STATUSES } from '../trade/orders';
import type { BalanceRow } from '../../../shared/trade';
import { parseScaled } from '../../../shared/decimal';
import { currencyDecimals } from '../../../shared/currency';
import { importDoc, type LedgerCtx } from './context';
import { Sums } from './sums';
import {
  BALANCE_TYPE,
  DIRECTION,
  FLOW,
  IMPORT_STATUS,
  METHOD,
  NO_CHAPTER,
  ORDER_STATUS,
  SHIPMENT_MODE,
  SHIPMENT_STATUS,
  TOTAL,
  countryName,
  countryZh,
  hsChapter,
  linesText,
  totalInBase,
  tradeModeName,
  unitName,
} from './labels';
import type { ColumnDef, StreamSheet, Value } from './stream';

const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/** Shipments that count as exports: every status but planned. */
export const EXPORTED_STATUSES = ['loading', 'declared', 'departed', 'arrived', 'delivered'] as const;
const EXPORTED = EXPORTED_STATUSES.map((s) => `'${s}'`).join(', ');

// ---------------------------------------------------------------------------------------------------------
// The queries

const ORDER_LINES_FROM = `
  FROM trade_order o
  JOIN party p ON p.id = o.party_id
  JOIN order_line ol ON ol.order_id = o.id
  WHERE o.kind = @kind AND o.order_date BETWEEN @from AND @to AND o.status IN (${OPEN})`;

const SHIPMENT_LINES_FROM = `
  FROM shipment s
  JOIN party c ON c.id = s.consignee_id
  JOIN shipment_line sl ON sl.shipment_id = s.id
  JOIN order_line ol ON ol.id = sl.order_line_id
  JOIN trade_order o ON o.id = ol.order_id
  WHERE s.etd BETWEEN @from AND @to AND s.status IN (${EXPORTED})`;

const IMPORT_LINES_FROM = `
  FROM import_record r
  JOIN party s ON s.id = r.supplier_id
  JOIN import_line l ON l.import_id = r.id
  LEFT JOIN product pr ON pr.id = l.product_id
  WHERE r.arrival_date BETWEEN @from AND @to`;

const PAYMENTS_FROM = `
  FROM payment pm
  JOIN party p ON p.id = pm.party_id
  WHERE pm.pay_date BETWEEN @from AND @to`;

/**
 * Rows each line sheet will have: the total of the progress bar and the one-sheet check (balances are counted
 * when read). Each count reads only the period's documents and their line index, not the joins the sheet's own
 * query needs for its columns: those joins are on NOT NULL foreign keys (one party, one order line per line), so
 * they neither add nor drop a row and the counts are the same, at a fraction of the cost.
 */
export function countRows(ctx: Pick<LedgerCtx, 'db' | 'from' | 'to'>): { sales: number; purchases: number; exports: number; imports: number; payments: number } {
  const n = (sql: string, params: Record<string, string>) => (ctx.db.prepare(`SELECT count(*) AS n ${sql}`).get(params) as { n: number }).n;
  const period = { from: ctx.from, to: ctx.to };
  const orderLines = `FROM trade_order o JOIN order_line ol ON ol.order_id = o.id
    WHERE o.kind = @kind AND o.order_date BETWEEN @from AND @to AND o.status IN (${OPEN})`;
  return {
    sales: n(orderLines, { ...period, kind: 'sales' }),
    purchases: n(orderLines, { ...period, kind: 'purchase' }),
    exports: n(`FROM shipment s JOIN shipment_line sl ON sl.shipment_id = s.id WHERE s.etd BETWEEN @from AND @to AND s.status IN (${EXPORTED})`, period),
    imports: n('FROM import_record r JOIN import_line l ON l.import_id = r.id WHERE r.arrival_date BETWEEN @from AND @to', period),
    payments: n('FROM payment pm WHERE pm.pay_date BETWEEN @from AND @to', period),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Shared pieces

const col = (header: string, kind: ColumnDef['kind'], extra: Partial<ColumnDef> = {}): ColumnDef => ({ header, kind, ...extra });

/** An empty row of `n` cells. */
const blankRow = (n: number): Value[] => Array.from({ length: n }, () => null);

/**
 * The totals rows of a sheet: one per currency with `amountCols` (in that currency), `baseCols` (base amounts
 * of those lines) and the currency in `currencyCol`; then the base totals of every line.
 */
function writeTotals<F extends string>(
  ctx: LedgerCtx,
  sheet: StreamSheet,
  sums: { buckets(): { currency: string; sums: Record<F, number>; lines: number }[]; total(f: F): number; lines: number },
  layout: { currencyCol: number; amountCols: [number, F][]; baseCols: [number, F][]; label?: string; countCol: number | null },
): void {
  const n = sheet.columns.length;
  const countCol = layout.countCol;
  const label = layout.label ?? TOTAL;
  for (const b of sums.buckets()) {
    const r = blankRow(n);
    r[0] = label;
    if (countCol !== null) r[countCol] = linesText(b.lines);
    r[layout.currencyCol] = b.currency;
    for (const [c, f] of layout.amountCols) r[c] = { minor: b.sums[f], currency: b.currency };
    for (const [c, f] of layout.baseCols) r[c] = { minor: b.sums[f], currency: ctx.base };
    sheet.total(r);
  }
  const r = blankRow(n);
  r[0] = totalInBase(label, ctx.base);
  if (countCol !== null) r[countCol] = linesText(sums.lines);
  r[layout.currencyCol] = ctx.base;
  for (const [c, f] of layout.baseCols) r[c] = { minor: sums.total(f), currency: ctx.base };
  sheet.total(r);
}

function newSheet(ctx: LedgerCtx, key: LedgerKey | null, name: string, title: string, columns: ColumnDef[], extraSubtitle: string[] = []): StreamSheet {
  const sheet = ctx.book.addSheet(name, columns, { title, subtitle: [...ctx.subtitle, ...extraSubtitle] });
  if (key) ctx.sheetOf[key] = sheet.name;
  return sheet;
}

// ---------------------------------------------------------------------------------------------------------
// Sales and purchases: order lines

interface OrderLineRow {
  order_id: number;
  no: string;
  order_date: string;
  currency: string;
  rate_e6: number;
  status: string;
  base_total_minor: number;
  party_id: number;
  party_name: string;
  country: string;
  line_no: number;
  item_no: string;
  name: string;
  hs_code: string;
  unit: string;
  qty_e3: number;
  price_e4: number;
  amount_minor: number;
}

/**
 * Base amounts of an order's lines: each line converted at the order rate, the rounding difference to the
 * order's base total (at most half a minor unit per line) put on the largest line (the first of equals).
 */
export function orderLineBases(baseTotal: number, amounts: number[], currency: string, rateE6: number, base: string): number[] {
  const bases = amounts.map((a) => convert(a, currency, rateE6, base));
  const diff = baseTotal - bases.reduce((a, b) => a + b, 0);
  if (diff !== 0 && bases.length > 0) {
    let largest = 0;
    amounts.forEach((a, i) => {
      if (a > amounts[largest]!) largest = i;
    });
    bases[largest]! += diff;
  }
  return bases;
}

export async function writeOrderLedger(ctx: LedgerCtx, kind: 'sales' | 'purchase'): Promise<void> {
  const sales = kind === 'sales';
  const key: LedgerKey = sales ? 'sales' : 'purchases';
  const columns = [
    col('日期\nDate', 'date'),
    col(sales ? '销售单号\nSO no.' : '采购单号\nPO no.', 'code'),
    col(sales ? '客户\nBuyer' : '供应商\nSupplier', 'text'),
    col('行号\nLine', 'int', { min: 5 }),
    col('货号\nItem no.', 'code'),
    col('品名\nName', 'text'),
    col('HS编码\nHS code', 'code', { min: 12 }),
    col('数量\nQty', 'qty'),
    col('单位\nUnit', 'center'),
    col('单价\nUnit price', 'price'),
    col('金额\nAmount', 'money'),
    col('币种\nCurrency', 'center'),
    col('汇率\nRate', 'rate'),
    col(`本位币金额\nBase amount (${ctx.base})`, 'money'),
    col('状态\nStatus', 'center'),
  ];
  const sheet = newSheet(ctx, key, sales ? '销售 Sales' : '采购 Purchases', sales ? '销售台账 Sales ledger' : '采购台账 Purchases ledger', columns);
  ctx.pace.section(sheet.name);
  const sums = ctx.ledgers[key];
  const groups = sales ? ctx.groups.buyer : ctx.groups.supplier;

  const stmt = ctx.db.prepare(
    `SELECT o.id AS order_id, o.no, o.order_date, o.currency, o.rate_e6, o.status, o.base_total_minor,
            o.party_id, ${PARTY_NAME_SQL('p')} AS party_name, p.country,
            ol.line_no, ol.item_no, CASE WHEN ol.name_zh <> '' THEN ol.name_zh ELSE ol.name_en END AS name,
            ol.hs_code, ol.unit, ol.qty_e3, ol.price_e4, ol.amount_minor
     ${ORDER_LINES_FROM}
     ORDER BY o.order_date, o.no, ol.line_no, ol.id`,
  );

  let group: OrderLineRow[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const first = group[0]!;
    const bases = orderLineBases(first.base_total_minor, group.map((l) => l.amount_minor), first.currency, first.rate_e6, ctx.base);
    const groupLabels = sales ? [first.party_name, countryName(first.country)] : [first.party_name, '采购 Purchase'];
    const status = ORDER_STATUS[kind][first.status] ?? first.status;
    group.forEach((l, i) => {
      const base = bases[i]!;
      sheet.row([
        l.order_date,
        l.no,
        l.party_name,
        l.line_no,
        l.item_no,
        l.name,
        l.hs_code,
        l.qty_e3,
        unitName(l.unit),
        l.price_e4,
        { minor: l.amount_minor, currency: l.currency },
        l.currency,
        l.rate_e6,
        { minor: base, currency: ctx.base },
        status,
      ]);
      sums.add(l.currency, { amount: l.amount_minor, base }, l.order_id);
      groups.add(groupLabels, l.currency, l.amount_minor, base, l.order_id);
    });
    group = [];
  };
  for (const l of iterateRows<OrderLineRow>(stmt, { kind, from: ctx.from, to: ctx.to })) {
    if (group.length > 0 && group[0]!.order_id !== l.order_id) flush();
    group.push(l);
    if (ctx.pace.tick()) await ctx.pace.breathe();
  }
  flush();
  writeTotals(ctx, sheet, sums, { currencyCol: 11, amountCols: [[10, 'amount']], baseCols: [[13, 'base']], countCol: 5 });
  sheet.finish();
  await ctx.pace.breathe();
}

// ---------------------------------------------------------------------------------------------------------
// Exports: shipment lines

interface ShipmentLineRow {
  shipment_id: number;
  no: string;
  etd: string;
  consignee: string;
  dest_country: string;
  trade_mode: string;
  mode: string;
  container_no: string;
  declaration_no: string;
  status: string;
  order_no: string;
  item_no: string;
  name: string;
  hs_code: string;
  unit: string;
  qty_e3: number;
  amount_minor: number;
  currency: string;
  rate_e6: number;
}

export async function writeExportLedger(ctx: LedgerCtx): Promise<void> {
  const columns = [
    col('离港日期\nETD', 'date'),
    col('出运单号\nShipment no.', 'code'),
    col('收货人\nConsignee', 'text'),
    col('目的国\nDestination', 'text'),
    col('监管方式\nTrade mode', 'code', { min: 8 }),
    col('运输方式\nMode', 'center'),
    col('集装箱号\nContainer', 'code'),
    col('报关单号\nDeclaration no.', 'code'),
    col('销售单号\nSO no.', 'code'),
    col('货号\nItem no.', 'code'),
    col('品名\nName', 'text'),
    col('HS编码\nHS code', 'code', { min: 12 }),
    col('数量\nQty', 'qty'),
    col('单位\nUnit', 'center'),
    col('金额\nAmount', 'money'),
    col('币种\nCurrency', 'center'),
    col('汇率\nRate', 'rate'),
    col(`本位币金额\nBase amount (${ctx.base})`, 'money'),
    col('状态\nStatus', 'center'),
  ];
  const sheet = newSheet(ctx, 'exports', '出口 Exports', '出口台账（按出运） Exports by shipment', columns, ['按离港日期(ETD)计入期间；计划中的出运不计 · By ETD; planned shipments are left out']);
  ctx.pace.section(sheet.name);
  const sums = ctx.ledgers.exports;
  const stmt = ctx.db.prepare(
    `SELECT s.id AS shipment_id, s.no, s.etd, ${PARTY_NAME_SQL('c')} AS consignee, s.dest_country, s.trade_mode, s.mode,
            s.container_no, s.declaration_no, s.status, o.no AS order_no, ol.item_no,
            CASE WHEN ol.name_zh <> '' THEN ol.name_zh ELSE ol.name_en END AS name, ol.hs_code, ol.unit,
            sl.qty_e3, sl.amount_minor, o.currency, o.rate_e6
     ${SHIPMENT_LINES_FROM}
     ORDER BY s.etd, s.no, sl.line_no, sl.id`,
  );
  for (const l of iterateRows<ShipmentLineRow>(stmt, { from: ctx.from, to: ctx.to })) {
    const base = convert(l.amount_minor, l.currency, l.rate_e6, ctx.base);
    sheet.row([
      l.etd,
      l.no,
      l.consignee,
      countryName(l.dest_country),
      l.trade_mode,
      SHIPMENT_MODE[l.mode] ?? l.mode,
      l.container_no,
      l.declaration_no,
      l.order_no,
      l.item_no,
      l.name,
      l.hs_code,
      l.qty_e3,
      unitName(l.unit),
      { minor: l.amount_minor, currency: l.currency },
      l.currency,
      l.rate_e6,
      { minor: base, currency: ctx.base },
      SHIPMENT_STATUS[l.status] ?? l.status,
    ]);
    sums.add(l.currency, { amount: l.amount_minor, base }, l.shipment_id);
    const g = ctx.groups;
    g.country.add([l.dest_country, countryZh(l.dest_country)], l.currency, l.amount_minor, base, l.shipment_id);
    g.chapter.add([FLOW.export, hsChapter(l.hs_code) || NO_CHAPTER], l.currency, l.amount_minor, base, l.shipment_id);
    g.tradeMode.add([FLOW.export, l.trade_mode, tradeModeName(l.trade_mode)], l.currency, l.amount_minor, base, l.shipment_id);
    if (ctx.pace.tick()) await ctx.pace.breathe();
  }
  writeTotals(ctx, sheet, sums, { currencyCol: 15, amountCols: [[14, 'amount']], baseCols: [[17, 'base']], countCol: 10 });
  sheet.finish();
  await ctx.pace.breathe();
}

// ---------------------------------------------------------------------------------------------------------
// Imports: import lines with customs value, duty, VAT and landed cost

interface ImportLineRow {
  import_id: number;
  no: string;
  arrival_date: string;
  supplier: string;
  origin_country: string;
  trade_mode: string;
  declaration_no: string;
  status: string;
  currency: string;
  rate_e6: number;
  value_basis: 'CIF' | 'FOB';
  freight_minor: number;
  insurance_minor: number;
  item_no: string;
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
}

export async function writeImportLedger(ctx: LedgerCtx): Promise<void> {
  const columns = [
    col('到货日期\nArrival', 'date'),
    col('进口单号\nImport no.', 'code'),
    col('供应商\nSupplier', 'text'),
    col('原产国\nOrigin', 'text'),
    col('监管方式\nTrade mode', 'code', { min: 8 }),
    col('报关单号\nDeclaration no.', 'code'),
    col('货号\nItem no.', 'code'),
    col('品名\nDescription', 'text'),
    col('HS编码\nHS code', 'code', { min: 12 }),
    col('数量\nQty', 'qty'),
    col('单价\nUnit price', 'price'),
    col('金额\nAmount', 'money'),
    col('运保费\nFreight & ins.', 'money'),
    col('币种\nCurrency', 'center'),
    col('汇率\nRate', 'rate'),
    col(`完税价格\nCustoms value (${ctx.base})`, 'money'),
    col('关税率%\nDuty %', 'pct'),
    col(`关税\nDuty (${ctx.base})`, 'money'),
    col('增值税率%\nVAT %', 'pct'),
    col(`增值税\nVAT (${ctx.base})`, 'money'),
    col(`落地成本\nLanded cost (${ctx.base})`, 'money'),
    col('状态\nStatus', 'center'),
  ];
  const sheet = newSheet(ctx, 'imports', '进口 Imports', '进口台账 Imports ledger', columns, [
    '按到货日期计入期间；完税价格 = (金额 + FOB 运保费) × 汇率 · By arrival date; customs value = (amount + FOB freight & insurance) × rate',
  ]);
  ctx.pace.section(sheet.name);
  const sums = ctx.ledgers.imports;
  const lineSums = new Sums(['amount', 'extra', 'customs', 'duty', 'vat', 'landed'] as const);
  const stmt = ctx.db.prepare(
    `SELECT r.id AS import_id, r.no, r.arrival_date, ${PARTY_NAME_SQL('s')} AS supplier, r.origin_country, r.trade_mode,
            r.declaration_no, r.status, r.currency, r.rate_e6, r.value_basis, r.freight_minor, r.insurance_minor,
            coalesce(pr.item_no, '') AS item_no, l.description, l.hs_code, l.qty_e3, l.price_e4, l.amount_minor,
            l.duty_rate_e2, l.vat_rate_e2, l.customs_value_base, l.duty_base, l.vat_base, l.landed_base
     ${IMPORT_LINES_FROM}
     ORDER BY r.arrival_date, r.no, l.line_no, l.id`,
  );
  let group: ImportLineRow[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const h = group[0]!;
    const amounts = group.map((l) => l.amount_minor);
    const fob = h.value_basis === 'FOB';
    const freight = allocate(fob ? h.freight_minor : 0, amounts);
    const insurance = allocate(fob ? h.insurance_minor : 0, amounts);
    group.forEach((l, i) => {
      const extra = freight[i]! + insurance[i]!;
      sheet.row([
        l.arrival_date,
        l.no,
        l.supplier,
        countryName(l.origin_country),
        l.trade_mode,
        l.declaration_no,
        l.item_no,
        l.description,
        l.hs_code,
        l.qty_e3,
        l.price_e4,
        { minor: l.amount_minor, currency: l.currency },
        { minor: extra, currency: l.currency },
        l.currency,
        l.rate_e6,
        { minor: l.customs_value_base, currency: ctx.base },
        l.duty_rate_e2,
        { minor: l.duty_base, currency: ctx.base },
        l.vat_rate_e2,
        { minor: l.vat_base, currency: ctx.base },
        { minor: l.landed_base, currency: ctx.base },
        IMPORT_STATUS[l.status] ?? l.status,
      ]);
      const cif = l.amount_minor + extra;
      const doc = importDoc(l.import_id);
      // the ledger's amount in its currency is the CIF value; its base amount the customs value
      sums.add(l.currency, { amount: cif, base: l.customs_value_base }, doc);
      ctx.importTaxes.add(l.currency, { customs: l.customs_value_base, duty: l.duty_base, vat: l.vat_base, landed: l.landed_base }, doc);
      lineSums.add(l.currency, { amount: l.amount_minor, extra, customs: l.customs_value_base, duty: l.duty_base, vat: l.vat_base, landed: l.landed_base }, doc);
      const g = ctx.groups;
      g.supplier.add([l.supplier, '进口 Import'], l.currency, cif, l.customs_value_base, doc);
      g.chapter.add([FLOW.import, hsChapter(l.hs_code) || NO_CHAPTER], l.currency, cif, l.customs_value_base, doc);
      g.tradeMode.add([FLOW.import, l.trade_mode, tradeModeName(l.trade_mode)], l.currency, cif, l.customs_value_base, doc);
    });
    group = [];
  };
  for (const l of iterateRows<ImportLineRow>(stmt, { from: ctx.from, to: ctx.to })) {
    if (group.length > 0 && group[0]!.import_id !== l.import_id) flush();
    group.push(l);
    if (ctx.pace.tick()) await ctx.pace.breathe();
  }
  flush();
  writeTotals(ctx, sheet, lineSums, {
    countCol: 7,
    currencyCol: 13,
    amountCols: [
      [11, 'amount'],
      [12, 'extra'],
    ],
    baseCols: [
      [15, 'customs'],
      [17, 'duty'],
      [19, 'vat'],
      [20, 'landed'],
    ],
  });
  sheet.finish();
  await ctx.pace.breathe();
}


// ---------------------------------------------------------------------------------------------------------
// Payments in and out

interface PaymentRow {
  id: number;
  no: string;
  pay_date: string;
  direction: 'in' | 'out';
  party_name: string;
  method: string;
  reference: string;
  amount_minor: number;
  currency: string;
  rate_e6: number;
  allocated: number;
  allocations: string | null;
}

export async function writePaymentLedger(ctx: LedgerCtx): Promise<void> {
  const columns = [
    col('日期\nDate', 'date'),
    col('单号\nNo.', 'code'),
    col('收/付\nDirection', 'center'),
    col('往来单位\nParty', 'text'),
    col('方式\nMethod', 'center'),
    col('参考号\nReference', 'code'),
    col('金额\nAmount', 'money'),
    col('币种\nCurrency', 'center'),
    col('汇率\nRate', 'rate'),
    col(`本位币金额\nBase amount (${ctx.base})`, 'money'),
    col('核销订单\nAllocated to orders', 'text', { max: 50 }),
    col('未核销\nUnallocated', 'money'),
  ];
  const sheet = newSheet(ctx, null, '收付款 Payments', '收付款台账 Payments in and out', columns);
  ctx.sheetOf.paymentsIn = sheet.name;
  ctx.sheetOf.paymentsOut = sheet.name;
  ctx.pace.section(sheet.name);
  const unallocated = { in: new Sums(['amount', 'base', 'unallocated'] as const), out: new Sums(['amount', 'base', 'unallocated'] as const) };
  const stmt = ctx.db.prepare(
    `SELECT pm.id, pm.no, pm.pay_date, pm.direction, ${PARTY_NAME_SQL('p')} AS party_name, pm.method, pm.reference,
            pm.amount_minor, pm.currency, pm.rate_e6,
            (SELECT coalesce(sum(pa.amount_minor), 0) FROM payment_allocation pa WHERE pa.payment_id = pm.id) AS allocated,
            (SELECT group_concat(o.no || ' ' || pa.amount_minor, ';' ORDER BY o.order_date, o.id)
               FROM payment_allocation pa JOIN trade_order o ON o.id = pa.order_id WHERE pa.payment_id = pm.id) AS allocations
     ${PAYMENTS_FROM}
     ORDER BY pm.pay_date, pm.no`,
  );
  const dec = (currency: string) => currencyDecimals(currency);
  for (const p of iterateRows<PaymentRow>(stmt, { from: ctx.from, to: ctx.to })) {
    const base = convert(p.amount_minor, p.currency, p.rate_e6, ctx.base);
    const allocations = (p.allocations ?? '')
      .split(';')
      .filter((s) => s !== '')
      .map((s) => {
        const [no, minor] = s.split(' ');
        return `${no} ${formatGrouped(Number(minor), dec(p.currency))}`;
      })
      .join('; ');
    sheet.row([
      p.pay_date,
      p.no,
      DIRECTION[p.direction],
      p.party_name,
      METHOD[p.method] ?? p.method,
      p.reference,
      { minor: p.amount_minor, currency: p.currency },
      p.currency,
      p.rate_e6,
      { minor: base, currency: ctx.base },
      allocations,
      { minor: p.amount_minor - p.allocated, currency: p.currency },
    ]);
    const key = p.direction === 'in' ? 'paymentsIn' : 'paymentsOut';
    ctx.ledgers[key].add(p.currency, { amount: p.amount_minor, base }, p.id);
    unallocated[p.direction].add(p.currency, { amount: p.amount_minor, base, unallocated: p.amount_minor - p.allocated }, p.id);
    if (ctx.pace.tick()) await ctx.pace.breathe();
  }
  for (const d of ['in', 'out'] as const) {
    writeTotals(ctx, sheet, unallocated[d], {
      label: `${TOTAL} ${DIRECTION[d]}`,
      countCol: 3,
      currencyCol: 7,
      amountCols: [
        [6, 'amount'],
        [11, 'unallocated'],
      ],
      baseCols: [[9, 'base']],
    });
  }
  sheet.finish();
  await ctx.pace.breathe();
}

/** 1234567 at 2 decimals → "12,345.67" (for amounts inside a text, such as the allocations). */
function formatGrouped(minor: number, decimals: number): string {
  const neg = minor < 0;
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${neg ? '-' : ''}${whole}${decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Receivables and payables with aging, as of the period's last day

const BUCKETS = ['d0_30', 'd31_60', 'd61_90', 'd90plus'] as const;

/** `rows`: listBalances as of the period's last day (read by build.ts first, to size the progress bar). */
export async function writeBalanceLedger(ctx: LedgerCtx, rows: BalanceRow[]): Promise<void> {
  const columns = [
    col('类型\nType', 'center'),
    col('往来单位\nParty', 'text'),
    col('币种\nCurrency', 'center'),
    col('余额\nBalance', 'money'),
    col(`本位币余额\nBase balance (${ctx.base})`, 'money'),
    col('0–30天\n0–30 days', 'money'),
    col('31–60天\n31–60 days', 'money'),
    col('61–90天\n61–90 days', 'money'),
    col('90天以上\nOver 90 days', 'money'),
    col('未核销款\nUnapplied payments', 'money'),
  ];
  const sheet = newSheet(ctx, 'receivables', '应收应付 Receivables & Payables', '应收应付账龄 Receivables and payables with aging', columns, [
    `截至 As of ${ctx.to}；余额 > 0 对方欠我方，< 0 我方欠对方；账龄按订单日期 · Balance > 0: they owe us, < 0: we owe them; aged by order date`,
  ]);
  ctx.sheetOf.payables = sheet.name;
  ctx.pace.section(sheet.name);
  const fields = ['balance', 'base', ...BUCKETS, 'unapplied'] as const;
  const byType = { receivable: new Sums(fields), payable: new Sums(fields) };
  // receivables first, then payables, each as listBalances sorts them (largest base balance first)
  const ordered = [...rows.filter((r) => r.balance.charAt(0) !== '-'), ...rows.filter((r) => r.balance.charAt(0) === '-')];
  for (const b of ordered) {
    const d = currencyDecimals(b.currency);
    const m = (s: string) => parseScaled(s, d);
    const type = b.balance.charAt(0) === '-' ? 'payable' : 'receivable';
    const base = parseScaled(b.baseBalance, currencyDecimals(ctx.base));
    const values = { balance: m(b.balance), base, d0_30: m(b.aging.d0_30), d31_60: m(b.aging.d31_60), d61_90: m(b.aging.d61_90), d90plus: m(b.aging.d90plus), unapplied: m(b.unapplied) };
    sheet.row([
      BALANCE_TYPE[type],
      b.partyName,
      b.currency,
      { minor: values.balance, currency: b.currency },
      { minor: base, currency: ctx.base },
      ...BUCKETS.map((k) => ({ minor: values[k], currency: b.currency })),
      { minor: values.unapplied, currency: b.currency },
    ]);
    byType[type].add(b.currency, values, b.partyId);
    ctx.ledgers[type === 'receivable' ? 'receivables' : 'payables'].add(b.currency, { amount: values.balance, base }, b.partyId);
    if (ctx.pace.tick()) await ctx.pace.breathe();
  }
  for (const t of ['receivable', 'payable'] as const) {
    writeTotals(ctx, sheet, byType[t], {
      label: `${TOTAL} ${BALANCE_TYPE[t]}`,
      currencyCol: 2,
      countCol: null,
      amountCols: [[3, 'balance'], ...BUCKETS.map((k, i): [number, (typeof fields)[number]] => [5 + i, k]), [9, 'unapplied']],
      baseCols: [[4, 'base']],
    });
  }
  sheet.finish();
  await ctx.pace.breathe();
}
