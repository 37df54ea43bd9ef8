/**
 * The bookkeeper's ledgers workbook (electron/core/ledgers), read back with ExcelJS: sheets, headers, every
 * line, totals to the cent per currency and in base currency, text types of codes, injection-looking text,
 * the summaries, aging; the API call and the CLI. The worker-thread runner is tested in jobs.test.ts.
 *
 * Hand-computed figures of the fixture (test/ledgers-fixture.ts), base currency CNY, period 2026 Q1:
 *
 * Sales
 *   SO-2026-0001 2026-01-15 Ahmed, USD at 7.1
 *     1 A-1001  2400 × 1.25   = 3000.00 USD  → 3000.00 × 7.1 = 21300.00
 *     2 HC-88    999 × 0.0125 = 12.4875 → 12.49 USD → 12.49 × 7.1 = 88.679 → 88.68
 *     order total 3012.49 USD → 3012.49 × 7.1 = 21388.679 → 21388.68 = 21300.00 + 88.68
 *   SO-2026-0002 2026-02-10 Tanaka, JPY at 0.048: "=1+2" 500 × 250 = 125000 JPY → 125000 × 0.048 = 6000.00
 *   SO-2026-0003 2026-03-05 Ahmed, CNY: A-1001 100 × 8.8 = 880.00 → 880.00
 *   (SO-2026-0004 is dated 2025-12-20, the draft SO-2026-0005 is not confirmed: neither is a sales line)
 *   totals: CNY 880.00 / 880.00 · JPY 125,000 / 6000.00 · USD 3012.49 / 21388.68 · base 28268.68
 * Purchases
 *   PO-2026-0001 2026-01-10 金华玩具摊位 CNY: A-1001 2400 × 6.5 = 15600.00
 *   PO-2026-0002 2026-03-20 Global Foods EUR at 7.8: 007 100 × 3.3 = 330.00 EUR → 2574.00
 *   totals: CNY 15600.00 · EUR 330.00 / 2574.00 · base 18174.00
 * Exports (by ETD)
 *   SH-2026-0001 2026-02-20 ARE 1039 sea, departed: the SO-1 lines (USD) and the SO-3 line (CNY) as above
 *   SH-2026-0002 2026-03-25 JPN 0110 air, declared: 125000 JPY → 6000.00
 *   totals as the sales; by chapter 39 JPY 125000/6000.00, 95 CNY 880/880, 95 USD 3000.00/21300.00,
 *   96 USD 12.49/88.68
 * Imports IM-2026-0001 2026-03-10, FOB USD at 7.2, freight 100.00, insurance 10.00
 *   1 007 coffee   1000 × 2.5 = 2500.00;  2 "-Sugar 白砂糖" 500 × 1.2 = 600.00;  Σ 3100.00
 *   freight 100.00 by 2500:600 → 80.645 / 19.354 → 80.64 / 19.35 + the cent left to the larger remainder (.516 > .483)
 *     → 80.65 / 19.35;  insurance 10.00 → 8.0645 / 1.9354 → 8.06 / 1.93 + the cent to .548 → 8.06 / 1.94
 *   freight & insurance 88.71 / 21.29;  CIF 2588.71 / 621.29 = 3210.00 USD
 *   customs value 2588.71 × 7.2 = 18638.712 → 18638.71;  621.29 × 7.2 = 4473.288 → 4473.29;  Σ 23112.00
 *   duty 8 % × 18638.71 = 1491.0968 → 1491.10;  0 % → 0.00
 *   VAT 13 % × (18638.71 + 1491.10) = 2616.8753 → 2616.88;  9 % × 4473.29 = 402.5961 → 402.60;  Σ 3019.48
 *   landed 18638.71 + 1491.10 + 2616.88 = 22746.69;  4473.29 + 402.60 = 4875.89;  Σ 27622.58
 *   (IM-2026-0002 arrives 2026-04-02: not in Q1)
 * Payments
 *   PAY-2026-0002 01-20 out 金华玩具摊位 15600.00 CNY → 15600.00, to PO-2026-0001
 *   PAY-2026-0001 02-01 in Ahmed 2000.00 USD at 7.15 → 14300.00, to SO-2026-0001
 *   PAY-2026-0003 03-30 in Tanaka 50000 JPY at 0.048 → 2400.00, unallocated
 * Balances as of 2026-03-31
 *   Ahmed USD  SO-1 3012.49 − 2000.00 = 1012.49 (75 days: 61–90) + SO-4 800 × 1.25 = 1000.00 (101 days: 90+)
 *              = 2012.49; base 1012.49 × 7.1 = 7188.679 → 7188.68 + 1000.00 × 7 = 7000.00 → 14188.68
 *   Tanaka JPY SO-2 125000 (49 days: 31–60) − unapplied 50000 = 75000; base 6000.00 − 2400.00 = 3600.00
 *   Ahmed CNY  SO-3 880.00 (26 days: 0–30)
 *   Global Foods EUR: PO-2 −330.00 (11 days: 0–30), base −2574.00   (PO-1 is paid: no row)
 *   receivables base 18668.68, payables −2574.00
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../electron/cli';
import { buildLedgers, CancelledError } from '../electron/core/ledgers';
import { orderLineBases } from '../electron/core/ledgers/sheets';
import type { ProgressEvent } from '../shared/api';
import { EVIL_NAME, EVIL_REFERENCE, ledgerWorld, Q1 } from './ledgers-fixture';
import { ok, raw, tempDir, testCore } from './helpers';
import { quotePrefixedCells, readBook, sheet } from './xlsx-read';

afterEach(() => vi.restoreAllMocks());

const SHEETS = [
  '汇总 Summary',
  '销售 Sales',
  '采购 Purchases',
  '出口 Exports',
  '进口 Imports',
  '收付款 Payments',
  '应收应付 Receivables & Payables',
  '按客户 By buyer',
  '按供应商 By supplier',
  '按目的国 By country',
  '按HS章 By HS chapter',
  '按监管方式 By trade mode',
];

// ---------------------------------------------------------------------------------------------------------
// Reading a ledger sheet back

const plain = (v: unknown): unknown => (v instanceof Date ? `date:${v.toISOString().slice(0, 10)}` : v === undefined ? null : v);

interface Table {
  headerRow: number;
  header: string[];
  rows: unknown[][];
  totals: unknown[][];
  /** the worksheet rows of `rows` */
  rowNumbers: number[];
}

/**
 * The table of a ledger sheet: the header (the first row with a fill), data rows, then the 合计 rows
 * (`all`: every row after the header is a data row, as on the summary sheet).
 */
function ledgerTable(ws: ExcelJS.Worksheet, all = false): Table {
  let headerRow = 0;
  for (let r = 1; r <= ws.rowCount && !headerRow; r++) {
    const c = ws.getRow(r).getCell(1);
    if ((c.fill as ExcelJS.FillPattern | undefined)?.pattern === 'solid') headerRow = r;
  }
  if (!headerRow) throw new Error(`no header row on ${ws.name}`);
  const width = ws.getRow(headerRow).cellCount;
  const values = (r: number) => Array.from({ length: width }, (_, i) => plain(ws.getRow(r).getCell(i + 1).value));
  const rows: unknown[][] = [];
  const rowNumbers: number[] = [];
  const totals: unknown[][] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const first = ws.getRow(r).getCell(1).value;
    if (!all && typeof first === 'string' && first.startsWith('合计')) totals.push(values(r));
    else if (totals.length === 0 && first !== null && first !== undefined) {
      rows.push(values(r));
      rowNumbers.push(r);
    }
  }
  return { headerRow, header: values(headerRow) as string[], rows, totals, rowNumbers };
}

/** The values of the columns named (by the English line of their header) of every row. */
function pick(t: Table, rows: unknown[][], names: string[]): unknown[][] {
  const idx = names.map((n) => {
    const i = t.header.findIndex((h) => typeof h === 'string' && (h.split('\n')[1] === n || h === n));
    if (i < 0) throw new Error(`no column "${n}" in ${t.header.join(' | ')}`);
    return i;
  });
  return rows.map((r) => idx.map((i) => r[i]));
}

async function build() {
  const w = await ledgerWorld();
  const dir = tempDir();
  const out = path.join(dir, 'q1.xlsx');
  const events: { label: string; done: number; total: number }[] = [];
  const result = await buildLedgers(w.core.companyFile, Q1, out, { onProgress: (p) => events.push(p) });
  const wb = await readBook(out);
  return { w, dir, out, result, events, wb };
}

// ---------------------------------------------------------------------------------------------------------

describe('ledgers workbook: the sheets and their lines', () => {
  it('has the summary first, then one sheet per ledger and the summaries, every one laid out for print', async () => {
    const { wb, out, dir, result } = await build();
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEETS);
    expect(result.sheets).toEqual(SHEETS);
    // the tab order in the file itself: the summary is the first <sheet> of workbook.xml
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(fs.readFileSync(out))).file('xl/workbook.xml')!.async('string');
    expect([...xml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))).toEqual(SHEETS);
    // nothing but the workbook in the folder: the temp file was renamed
    expect(fs.readdirSync(dir)).toEqual(['q1.xlsx']);

    for (const ws of wb.worksheets) {
      const t = ledgerTable(ws, ws.name === '汇总 Summary');
      // header frozen, filter over header and data, fitted widths
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: t.headerRow });
      const lastData = t.rowNumbers.at(-1) ?? t.headerRow;
      expect(ws.autoFilter, ws.name).toBe(`A${t.headerRow}:${String.fromCharCode(64 + t.header.length)}${lastData}`);
      for (let c = 1; c <= t.header.length; c++) expect(ws.getColumn(c).width, `${ws.name} column ${c}`).toBeGreaterThanOrEqual(5);
      // A4 landscape, one page wide, the header row on every page, company and period in the page header
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${t.headerRow}:${t.headerRow}` });
      expect(ws.headerFooter.oddHeader, ws.name).toContain('义乌测试贸易商行');
      expect(ws.headerFooter.oddHeader, ws.name).toContain('2026-01-01 – 2026-03-31');
      // no formula anywhere
      ws.eachRow((row) => row.eachCell((c) => expect(c.type, `${ws.name} ${c.address}`).not.toBe(ExcelJS.ValueType.Formula)));
    }
  });

  it('writes the sales lines with real types, and their totals per currency and in base currency', async () => {
    const { wb } = await build();
    const ws = sheet(wb, '销售 Sales');
    const t = ledgerTable(ws);
    expect(t.header).toEqual([
      '日期\nDate',
      '销售单号\nSO no.',
      '客户\nBuyer',
      '行号\nLine',
      '货号\nItem no.',
      '品名\nName',
      'HS编码\nHS code',
      '数量\nQty',
      '单位\nUnit',
      '单价\nUnit price',
      '金额\nAmount',
      '币种\nCurrency',
      '汇率\nRate',
      '本位币金额\nBase amount (CNY)',
      '状态\nStatus',
    ]);
    expect(t.rows).toEqual([
      ['date:2026-01-15', 'SO-2026-0001', 'Ahmed Trading LLC', 1, 'A-1001', '塑料玩具车', '9503008900', 2400, '个', 1.25, 3000, 'USD', 7.1, 21300, '已出货 Shipped'],
      ['date:2026-01-15', 'SO-2026-0001', 'Ahmed Trading LLC', 2, 'HC-88', '发夹', '9615190000', 999, '个', 0.0125, 12.49, 'USD', 7.1, 88.68, '已出货 Shipped'],
      ['date:2026-02-10', 'SO-2026-0002', 'Tanaka Shoji', 1, '=1+2', EVIL_NAME, '3926909090', 500, '个', 250, 125000, 'JPY', 0.048, 6000, '已出货 Shipped'],
      ['date:2026-03-05', 'SO-2026-0003', 'Ahmed Trading LLC', 1, 'A-1001', '塑料玩具车', '9503008900', 100, '个', 8.8, 880, 'CNY', 1, 880, '已出货 Shipped'],
    ]);
    expect(pick(t, t.totals, ['Currency', 'Amount', 'Base amount (CNY)'])).toEqual([
      ['CNY', 880, 880],
      ['JPY', 125000, 6000],
      ['USD', 3012.49, 21388.68],
      ['CNY', null, 28268.68],
    ]);
    expect(t.totals.map((r) => r[0])).toEqual(['合计 Total', '合计 Total', '合计 Total', '合计 Total · 本位币 CNY']);
    expect(t.totals.map((r) => r[5])).toEqual(['1 行 lines', '1 行 lines', '2 行 lines', '4 行 lines']);

    // types and formats: dates are dates, codes are text, money has its currency's decimals
    const [r1, , r3] = t.rowNumbers;
    const cell = (r: number, c: number) => ws.getRow(r).getCell(c);
    expect(cell(r1!, 1).type).toBe(ExcelJS.ValueType.Date);
    expect(cell(r1!, 1).numFmt).toBe('yyyy-mm-dd');
    for (const c of [2, 5, 7]) expect(cell(r1!, c).type, `column ${c}`).toBe(ExcelJS.ValueType.String);
    expect(cell(r1!, 8).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(r1!, 11).numFmt).toBe('#,##0.00'); // USD
    expect(cell(r3!, 11).numFmt).toBe('#,##0'); // JPY has no decimals
    expect(cell(r3!, 14).numFmt).toBe('#,##0.00'); // its base amount in CNY
    expect(cell(r1!, 10).numFmt).toBe('#,##0.00'); // 1.25
    expect(cell(t.rowNumbers[1]!, 10).numFmt).toBe('#,##0.0000'); // 0.0125
  });

  it('keeps injection-looking text as text with quotePrefix, and codes with leading zeros as text', async () => {
    const { wb, out } = await build();
    const sales = ledgerTable(sheet(wb, '销售 Sales'));
    const r = sales.rowNumbers[2]!;
    const quoted = await quotePrefixedCells(out, '销售 Sales');
    expect(quoted).toContain(`E${r}`); // item no. "=1+2"
    expect(quoted).toContain(`F${r}`); // "=HYPERLINK(…)"
    expect(quoted).not.toContain(`E${sales.rowNumbers[0]!}`);
    // the payment reference and the import description
    const pay = ledgerTable(sheet(wb, '收付款 Payments'));
    const payRow = pay.rows.findIndex((row) => row[5] === EVIL_REFERENCE);
    expect(payRow).toBeGreaterThanOrEqual(0);
    expect(await quotePrefixedCells(out, '收付款 Payments')).toContain(`F${pay.rowNumbers[payRow]!}`);
    const imp = ledgerTable(sheet(wb, '进口 Imports'));
    expect(await quotePrefixedCells(out, '进口 Imports')).toContain(`H${imp.rowNumbers[1]!}`);
    // item no. 007 and HS 0901210000 keep their zeros
    const purchases = sheet(wb, '采购 Purchases');
    const p = ledgerTable(purchases);
    expect(pick(p, p.rows, ['Item no.', 'HS code'])).toEqual([
      ['A-1001', '9503008900'],
      ['007', '0901210000'],
    ]);
    expect(purchases.getRow(p.rowNumbers[1]!).getCell(5).type).toBe(ExcelJS.ValueType.String);
  });

  it('writes the purchases and the exports by shipment', async () => {
    const { wb } = await build();
    const p = ledgerTable(sheet(wb, '采购 Purchases'));
    expect(pick(p, p.rows, ['Date', 'PO no.', 'Supplier', 'Qty', 'Unit', 'Unit price', 'Amount', 'Currency', 'Rate', 'Base amount (CNY)', 'Status'])).toEqual([
      ['date:2026-01-10', 'PO-2026-0001', '金华玩具摊位', 2400, '个', 6.5, 15600, 'CNY', 1, 15600, '已确认 Confirmed'],
      ['date:2026-03-20', 'PO-2026-0002', 'Global Foods GmbH', 100, '千克', 3.3, 330, 'EUR', 7.8, 2574, '已确认 Confirmed'],
    ]);
    expect(pick(p, p.totals, ['Currency', 'Amount', 'Base amount (CNY)'])).toEqual([
      ['CNY', 15600, 15600],
      ['EUR', 330, 2574],
      ['CNY', null, 18174],
    ]);

    const e = ledgerTable(sheet(wb, '出口 Exports'));
    expect(
      pick(e, e.rows, ['ETD', 'Shipment no.', 'Consignee', 'Destination', 'Trade mode', 'Mode', 'Container', 'SO no.', 'Item no.', 'HS code', 'Qty', 'Amount', 'Currency', 'Rate', 'Base amount (CNY)', 'Status']),
    ).toEqual([
      ['date:2026-02-20', 'SH-2026-0001', 'Ahmed Trading LLC', 'ARE 阿联酋', '1039', '海运 Sea', 'CSQU3054383', 'SO-2026-0001', 'A-1001', '9503008900', 2400, 3000, 'USD', 7.1, 21300, '已开船 Departed'],
      ['date:2026-02-20', 'SH-2026-0001', 'Ahmed Trading LLC', 'ARE 阿联酋', '1039', '海运 Sea', 'CSQU3054383', 'SO-2026-0001', 'HC-88', '9615190000', 999, 12.49, 'USD', 7.1, 88.68, '已开船 Departed'],
      ['date:2026-02-20', 'SH-2026-0001', 'Ahmed Trading LLC', 'ARE 阿联酋', '1039', '海运 Sea', 'CSQU3054383', 'SO-2026-0003', 'A-1001', '9503008900', 100, 880, 'CNY', 1, 880, '已开船 Departed'],
      ['date:2026-03-25', 'SH-2026-0002', 'Tanaka Shoji', 'JPN 日本', '0110', '空运 Air', null, 'SO-2026-0002', '=1+2', '3926909090', 500, 125000, 'JPY', 0.048, 6000, '已报关 Declared'],
    ]);
    expect(pick(e, e.totals, ['Currency', 'Amount', 'Base amount (CNY)'])).toEqual([
      ['CNY', 880, 880],
      ['JPY', 125000, 6000],
      ['USD', 3012.49, 21388.68],
      ['CNY', null, 28268.68],
    ]);
  });

  it('writes the imports with freight shares, customs value, duty, VAT and landed cost per line', async () => {
    const { wb } = await build();
    const t = ledgerTable(sheet(wb, '进口 Imports'));
    const cols = ['Import no.', 'Origin', 'Item no.', 'Description', 'HS code', 'Qty', 'Unit price', 'Amount', 'Freight & ins.', 'Currency', 'Rate'];
    const base = ['Customs value (CNY)', 'Duty %', 'Duty (CNY)', 'VAT %', 'VAT (CNY)', 'Landed cost (CNY)'];
    expect(pick(t, t.rows, [...cols, ...base])).toEqual([
      ['IM-2026-0001', 'DEU 德国', '007', '焙炒咖啡', '0901210000', 1000, 2.5, 2500, 88.71, 'USD', 7.2, 18638.71, 8, 1491.1, 13, 2616.88, 22746.69],
      ['IM-2026-0001', 'DEU 德国', null, '-Sugar 白砂糖', '1701991000', 500, 1.2, 600, 21.29, 'USD', 7.2, 4473.29, 0, 0, 9, 402.6, 4875.89],
    ]);
    expect(pick(t, t.totals, ['Amount', 'Freight & ins.', 'Currency', ...base])).toEqual([
      [3100, 110, 'USD', 23112, null, 1491.1, null, 3019.48, 27622.58],
      [null, null, 'CNY', 23112, null, 1491.1, null, 3019.48, 27622.58],
    ]);
  });

  it('writes the payments in and out with allocations, totals per direction and currency', async () => {
    const { wb } = await build();
    const t = ledgerTable(sheet(wb, '收付款 Payments'));
    expect(pick(t, t.rows, ['Date', 'No.', 'Direction', 'Party', 'Method', 'Amount', 'Currency', 'Rate', 'Base amount (CNY)', 'Allocated to orders', 'Unallocated'])).toEqual([
      ['date:2026-01-20', 'PAY-2026-0002', '付款 Out', '金华玩具摊位', '银行转账 Bank', 15600, 'CNY', 1, 15600, 'PO-2026-0001 15,600.00', 0],
      ['date:2026-02-01', 'PAY-2026-0001', '收款 In', 'Ahmed Trading LLC', '电汇 T/T', 2000, 'USD', 7.15, 14300, 'SO-2026-0001 2,000.00', 0],
      ['date:2026-03-30', 'PAY-2026-0003', '收款 In', 'Tanaka Shoji', '微信支付 WeChat Pay', 50000, 'JPY', 0.048, 2400, null, 50000],
    ]);
    expect(t.totals.map((r) => [r[0], ...pick(t, [r], ['Currency', 'Amount', 'Base amount (CNY)', 'Unallocated'])[0]!])).toEqual([
      ['合计 Total 收款 In', 'JPY', 50000, 2400, 50000],
      ['合计 Total 收款 In', 'USD', 2000, 14300, 0],
      ['合计 Total 收款 In · 本位币 CNY', 'CNY', null, 16700, null],
      ['合计 Total 付款 Out', 'CNY', 15600, 15600, 0],
      ['合计 Total 付款 Out · 本位币 CNY', 'CNY', null, 15600, null],
    ]);
  });

  it('writes receivables and payables as of the period end with their aging buckets', async () => {
    const { wb } = await build();
    const ws = sheet(wb, '应收应付 Receivables & Payables');
    expect(ws.getRow(3).getCell(1).value).toMatch(/^截至 As of 2026-03-31/);
    const t = ledgerTable(ws);
    const cols = ['Type', 'Party', 'Currency', 'Balance', 'Base balance (CNY)', '0–30 days', '31–60 days', '61–90 days', 'Over 90 days', 'Unapplied payments'];
    expect(pick(t, t.rows, cols)).toEqual([
      ['应收 Receivable', 'Ahmed Trading LLC', 'USD', 2012.49, 14188.68, 0, 0, 1012.49, 1000, 0],
      ['应收 Receivable', 'Tanaka Shoji', 'JPY', 75000, 3600, 0, 125000, 0, 0, -50000],
      ['应收 Receivable', 'Ahmed Trading LLC', 'CNY', 880, 880, 880, 0, 0, 0, 0],
      ['应付 Payable', 'Global Foods GmbH', 'EUR', -330, -2574, -330, 0, 0, 0, 0],
    ]);
    expect(pick(t, t.totals, cols).map((r) => r.slice(2))).toEqual([
      ['CNY', 880, 880, 880, 0, 0, 0, 0],
      ['JPY', 75000, 3600, 0, 125000, 0, 0, -50000],
      ['USD', 2012.49, 14188.68, 0, 0, 1012.49, 1000, 0],
      ['CNY', null, 18668.68, null, null, null, null, null],
      ['EUR', -330, -2574, -330, 0, 0, 0, 0],
      ['CNY', null, -2574, null, null, null, null, null],
    ]);
    // JPY shows no decimals, the EUR balance two
    const jpyRow = t.rowNumbers[1]!;
    expect(ws.getRow(jpyRow).getCell(4).numFmt).toBe('#,##0');
    expect(ws.getRow(jpyRow).getCell(5).numFmt).toBe('#,##0.00');
  });
});

describe('ledgers workbook: summaries', () => {
  it('sums sales by buyer and exports by destination country, per currency and in base currency', async () => {
    const { wb } = await build();
    const b = ledgerTable(sheet(wb, '按客户 By buyer'));
    expect(b.rows).toEqual([
      ['Ahmed Trading LLC', 'ARE 阿联酋', 'CNY', 1, 1, 880, 880],
      ['Ahmed Trading LLC', 'ARE 阿联酋', 'USD', 1, 2, 3012.49, 21388.68],
      ['Tanaka Shoji', 'JPN 日本', 'JPY', 1, 1, 125000, 6000],
    ]);
    expect(b.totals).toEqual([
      ['合计 Total', null, 'CNY', 1, 1, 880, 880],
      ['合计 Total', null, 'JPY', 1, 1, 125000, 6000],
      ['合计 Total', null, 'USD', 1, 2, 3012.49, 21388.68],
      ['合计 Total · 本位币 CNY', null, 'CNY', null, 4, null, 28268.68],
    ]);
    const c = ledgerTable(sheet(wb, '按目的国 By country'));
    expect(c.rows).toEqual([
      ['ARE', '阿联酋', 'CNY', 1, 1, 880, 880],
      ['ARE', '阿联酋', 'USD', 1, 2, 3012.49, 21388.68],
      ['JPN', '日本', 'JPY', 1, 1, 125000, 6000],
    ]);
    expect(c.totals.at(-1)).toEqual(['合计 Total · 本位币 CNY', null, 'CNY', null, 4, null, 28268.68]);
  });

  it('sums purchases and imports by supplier, the imports at customs value (CIF)', async () => {
    const { wb } = await build();
    const s = ledgerTable(sheet(wb, '按供应商 By supplier'));
    expect(s.rows).toEqual([
      ['Global Foods GmbH', '进口 Import', 'USD', 1, 2, 3210, 23112],
      ['Global Foods GmbH', '采购 Purchase', 'EUR', 1, 1, 330, 2574],
      ['金华玩具摊位', '采购 Purchase', 'CNY', 1, 1, 15600, 15600],
    ]);
    // 23112.00 + 2574.00 + 15600.00
    expect(s.totals.at(-1)).toEqual(['合计 Total · 本位币 CNY', null, 'CNY', null, 4, null, 41286]);
  });

  it('sums by HS chapter and by trade mode, exports and imports apart', async () => {
    const { wb } = await build();
    const h = ledgerTable(sheet(wb, '按HS章 By HS chapter'));
    expect(h.rows).toEqual([
      ['出口 Export', '39', 'JPY', 1, 1, 125000, 6000],
      ['出口 Export', '95', 'CNY', 1, 1, 880, 880],
      ['出口 Export', '95', 'USD', 1, 1, 3000, 21300],
      ['出口 Export', '96', 'USD', 1, 1, 12.49, 88.68],
      ['进口 Import', '09', 'USD', 1, 1, 2588.71, 18638.71],
      ['进口 Import', '17', 'USD', 1, 1, 621.29, 4473.29],
    ]);
    expect(h.totals).toEqual([
      ['合计 Total 出口 Export', null, 'CNY', 1, 1, 880, 880],
      ['合计 Total 出口 Export', null, 'JPY', 1, 1, 125000, 6000],
      ['合计 Total 出口 Export', null, 'USD', 1, 2, 3012.49, 21388.68],
      ['合计 Total 出口 Export · 本位币 CNY', null, 'CNY', null, 4, null, 28268.68],
      ['合计 Total 进口 Import', null, 'USD', 1, 2, 3210, 23112],
      ['合计 Total 进口 Import · 本位币 CNY', null, 'CNY', null, 2, null, 23112],
    ]);
    // chapter "09" keeps its zero: text
    const ws = sheet(wb, '按HS章 By HS chapter');
    expect(ws.getRow(h.rowNumbers[4]!).getCell(2).type).toBe(ExcelJS.ValueType.String);

    const m = ledgerTable(sheet(wb, '按监管方式 By trade mode'));
    expect(m.rows).toEqual([
      ['出口 Export', '0110', '一般贸易', 'JPY', 1, 1, 125000, 6000],
      ['出口 Export', '1039', '市场采购', 'CNY', 1, 1, 880, 880],
      ['出口 Export', '1039', '市场采购', 'USD', 1, 2, 3012.49, 21388.68],
      ['进口 Import', '0110', '一般贸易', 'USD', 1, 2, 3210, 23112],
    ]);
    expect(m.totals.filter((r) => String(r[0]).includes('本位币')).map((r) => [r[0], r[7]])).toEqual([
      ['合计 Total 出口 Export · 本位币 CNY', 28268.68],
      ['合计 Total 进口 Import · 本位币 CNY', 23112],
    ]);
  });

  it('puts company, period, base currency and every ledger’s counts and totals on the summary sheet', async () => {
    const { wb, result } = await build();
    const ws = sheet(wb, '汇总 Summary');
    const field = (label: string) => {
      for (let r = 1; r <= 10; r++) if (ws.getRow(r).getCell(1).value === label) return [2, 3].map((c) => plain(ws.getRow(r).getCell(c).value));
      throw new Error(`no field ${label}`);
    };
    expect(field('公司 Company')).toEqual(['义乌测试贸易商行', null]);
    expect(field('期间 Period')).toEqual(['date:2026-01-01', 'date:2026-03-31']);
    expect(field('本位币 Base currency')).toEqual(['CNY', null]);
    expect(field('应收应付截至 Balances as of')).toEqual(['date:2026-03-31', null]);

    const t = ledgerTable(ws, true);
    expect(t.header).toEqual(['台账\nLedger', '工作表\nSheet', '币种\nCurrency', '单据数\nDocuments', '行数\nLines', '金额\nAmount', '本位币金额\nBase amount (CNY)']);
    expect(t.rows).toEqual([
      ['销售 Sales', '销售 Sales', 'CNY', 1, 1, 880, 880],
      ['销售 Sales', '销售 Sales', 'JPY', 1, 1, 125000, 6000],
      ['销售 Sales', '销售 Sales', 'USD', 1, 2, 3012.49, 21388.68],
      ['合计 Total 销售 Sales', '销售 Sales', 'CNY', 3, 4, null, 28268.68],
      ['采购 Purchases', '采购 Purchases', 'CNY', 1, 1, 15600, 15600],
      ['采购 Purchases', '采购 Purchases', 'EUR', 1, 1, 330, 2574],
      ['合计 Total 采购 Purchases', '采购 Purchases', 'CNY', 2, 2, null, 18174],
      ['出口 Exports', '出口 Exports', 'CNY', 1, 1, 880, 880],
      ['出口 Exports', '出口 Exports', 'JPY', 1, 1, 125000, 6000],
      ['出口 Exports', '出口 Exports', 'USD', 1, 2, 3012.49, 21388.68],
      ['合计 Total 出口 Exports', '出口 Exports', 'CNY', 2, 4, null, 28268.68],
      ['进口 Imports', '进口 Imports', 'USD', 1, 2, 3210, 23112],
      ['合计 Total 进口 Imports', '进口 Imports', 'CNY', 1, 2, null, 23112],
      ['进口关税 Import duty', '进口 Imports', 'CNY', null, null, null, 1491.1],
      ['进口增值税 Import VAT', '进口 Imports', 'CNY', null, null, null, 3019.48],
      ['落地成本 Landed cost', '进口 Imports', 'CNY', null, null, null, 27622.58],
      ['收款 Payments in', '收付款 Payments', 'JPY', 1, 1, 50000, 2400],
      ['收款 Payments in', '收付款 Payments', 'USD', 1, 1, 2000, 14300],
      ['合计 Total 收款 Payments in', '收付款 Payments', 'CNY', 2, 2, null, 16700],
      ['付款 Payments out', '收付款 Payments', 'CNY', 1, 1, 15600, 15600],
      ['合计 Total 付款 Payments out', '收付款 Payments', 'CNY', 1, 1, null, 15600],
      ['应收 Receivables', '应收应付 Receivables & Payables', 'CNY', 1, 1, 880, 880],
      ['应收 Receivables', '应收应付 Receivables & Payables', 'JPY', 1, 1, 75000, 3600],
      ['应收 Receivables', '应收应付 Receivables & Payables', 'USD', 1, 1, 2012.49, 14188.68],
      ['合计 Total 应收 Receivables', '应收应付 Receivables & Payables', 'CNY', 2, 3, null, 18668.68],
      ['应付 Payables', '应收应付 Receivables & Payables', 'EUR', 1, 1, -330, -2574],
      ['合计 Total 应付 Payables', '应收应付 Receivables & Payables', 'CNY', 1, 1, null, -2574],
    ]);

    // the same figures in the result, as decimal strings
    expect(result.counts).toEqual({
      sales: { documents: 3, lines: 4 },
      purchases: { documents: 2, lines: 2 },
      exports: { documents: 2, lines: 4 },
      imports: { documents: 1, lines: 2 },
      paymentsIn: { documents: 2, lines: 2 },
      paymentsOut: { documents: 1, lines: 1 },
      receivables: { documents: 2, lines: 3 },
      payables: { documents: 1, lines: 1 },
    });
    expect(result.totals.sales).toEqual({
      byCurrency: [
        { currency: 'CNY', amount: '880.00', baseAmount: '880.00' },
        { currency: 'JPY', amount: '125000', baseAmount: '6000.00' },
        { currency: 'USD', amount: '3012.49', baseAmount: '21388.68' },
      ],
      baseAmount: '28268.68',
    });
    expect(result.totals.imports).toEqual({ byCurrency: [{ currency: 'USD', amount: '3210.00', baseAmount: '23112.00' }], baseAmount: '23112.00' });
    expect(result.totals.payables.baseAmount).toBe('-2574.00');
    expect(result.importTaxes).toEqual({ customsValue: '23112.00', duty: '1491.10', vat: '3019.48', landedCost: '27622.58' });
  });
});

describe('ledgers workbook: rules and edges', () => {
  it('puts the rounding difference of an order’s lines on its largest line, so they add up to its base total', () => {
    // two lines of 0.05 USD at 7.1: 0.355 → 0.36 each = 0.72, but the order total 0.10 × 7.1 = 0.71
    expect(orderLineBases(71, [5, 5], 'USD', 7_100_000, 'CNY')).toEqual([35, 36]);
    // no difference: each line converted as it is
    expect(orderLineBases(2138868, [300000, 1249], 'USD', 7_100_000, 'CNY')).toEqual([2130000, 8868]);
    // 1.00 + 0.05 + 0.05 at 7.1: 7.10 + 0.36 + 0.36 = 7.82, total 1.10 × 7.1 = 7.81 → the 1.00 line gives the cent
    expect(orderLineBases(781, [100, 5, 5], 'USD', 7_100_000, 'CNY')).toEqual([709, 36, 36]);
  });

  it('reports progress from 0 to the number of rows, ending at done = total', async () => {
    const { events } = await build();
    expect(events.length).toBeGreaterThan(3);
    // 4 sales + 2 purchase + 4 export + 2 import lines + 3 payments + 4 balance rows
    expect(events.every((e) => e.total === 19)).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThanOrEqual(events[i - 1]!.done);
    expect(events.at(-1)).toEqual({ label: '完成 Done', done: 19, total: 19 });
    expect(events.map((e) => e.label)).toEqual(expect.arrayContaining(['销售 Sales', '出口 Exports', '应收应付 Receivables & Payables']));
  });

  it('writes an empty period as empty ledgers with zero totals', async () => {
    const w = await ledgerWorld();
    const out = path.join(tempDir(), 'empty.xlsx');
    const r = await buildLedgers(w.core.companyFile, { from: '2024-01-01', to: '2024-01-31' }, out);
    expect(r.counts.sales).toEqual({ documents: 0, lines: 0 });
    expect(r.totals.sales).toEqual({ byCurrency: [], baseAmount: '0.00' });
    const wb = await readBook(out);
    expect(wb.worksheets.map((s) => s.name)).toEqual(SHEETS);
    const t = ledgerTable(sheet(wb, '销售 Sales'));
    expect(t.rows).toEqual([]);
    expect(pick(t, t.totals, ['Base amount (CNY)'])).toEqual([[0]]);
    // nothing was owed yet on 2024-01-31
    expect(ledgerTable(sheet(wb, '应收应付 Receivables & Payables')).rows).toEqual([]);
  });

  it('refuses a period that ends before it begins, a missing folder, a file without a company', async () => {
    const w = await ledgerWorld();
    const dir = tempDir();
    await expect(buildLedgers(w.core.companyFile, { from: '2026-03-31', to: '2026-01-01' }, path.join(dir, 'x.xlsx'))).rejects.toThrow(/ends \(2026-01-01\) before it begins/);
    await expect(buildLedgers(w.core.companyFile, Q1, path.join(dir, 'nope', 'x.xlsx'))).rejects.toThrow(/does not exist/);
    const bare = await testCore({ setup: false });
    await expect(buildLedgers(bare.companyFile, Q1, path.join(dir, 'y.xlsx'))).rejects.toThrow(/Set up the company first/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('stops when cancelled: the chosen file keeps its old content and no temp file is left', async () => {
    const w = await ledgerWorld();
    const dir = tempDir();
    const out = path.join(dir, 'q1.xlsx');
    fs.writeFileSync(out, 'old content');
    let asked = 0;
    const p = buildLedgers(w.core.companyFile, Q1, out, { isCancelled: () => ++asked > 3 });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    await expect(p).rejects.toMatchObject({ code: 'refused', message: 'The export was cancelled.' });
    expect(fs.readdirSync(dir)).toEqual(['q1.xlsx']);
    expect(fs.readFileSync(out, 'utf8')).toBe('old content');
  });

  it('reads one moment: what the window writes during an export is not half in it', async () => {
    const w = await ledgerWorld();
    const out = path.join(tempDir(), 'q1.xlsx');
    let wrote = false;
    const r = await buildLedgers(w.core.companyFile, Q1, out, {
      onProgress: () => {
        if (wrote) return;
        wrote = true;
        // a payment entered through the app's own connection while the export reads
        w.core.db.prepare(`UPDATE payment SET amount_minor = amount_minor + 100 WHERE no = 'PAY-2026-0001'`).run();
      },
    });
    expect(wrote).toBe(true);
    expect(r.totals.paymentsIn.byCurrency.find((b) => b.currency === 'USD')?.amount).toBe('2000.00');
  });
});

describe('ledgers through the API and the CLI', () => {
  it("'ledgers.export' returns the workbook, keeps a copy in exports/, and sends progress with the job id", async () => {
    const w = await ledgerWorld();
    const events: ProgressEvent[] = [];
    const off = w.core.onProgress((e) => events.push(e));
    const r = await ok(w.core, 'ledgers.export', { ...Q1, cancelToken: 'ledgers-test-1' });
    off();
    expect(r.jobId).toBe('ledgers-test-1');
    expect(r.fileName).toMatch(/^ledgers-2026-01-01-2026-03-31-\d{8}-\d{6}\.xlsx$/);
    expect(fs.readdirSync(path.join(w.core.dataDir, 'exports'))).toEqual([r.fileName]);
    expect(r.totals.sales.baseAmount).toBe('28268.68');
    expect(r.counts.exports).toEqual({ documents: 2, lines: 4 });
    const file = path.join(tempDir(), 'back.xlsx');
    fs.writeFileSync(file, Buffer.from(r.dataBase64, 'base64'));
    expect((await readBook(file)).worksheets[0]!.name).toBe('汇总 Summary');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.jobId === 'ledgers-test-1')).toBe(true);
    expect(events.at(-1)).toMatchObject({ done: 19, total: 19 });
  });

  it('refuses bad periods with the field named; jobs.cancel of no running job says so', async () => {
    const core = await testCore();
    const bad = await raw(core, 'ledgers.export', { from: '2026-03-31', to: '2026-01-01' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'to', message: 'the period ends before it begins' }] } });
    const notDate = await raw(core, 'ledgers.export', { from: '2026-02-30', to: '2026-03-31' });
    expect(notDate).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'from' }] } });
    const badToken = await raw(core, 'ledgers.export', { ...Q1, cancelToken: '../x' });
    expect(badToken).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'cancelToken' }] } });
    expect(await ok(core, 'jobs.cancel', { jobId: 'no-such-job' })).toEqual({ jobId: 'no-such-job', cancelled: false });
  });

  it('a cancelled API export answers refused, and nothing is left in exports/', async () => {
    const w = await ledgerWorld();
    let cancelled: Promise<unknown> | null = null;
    const off = w.core.onProgress((e) => {
      cancelled ??= w.core.call('jobs.cancel', { jobId: e.jobId });
    });
    const r = await w.core.call('ledgers.export', { ...Q1, cancelToken: 'cancel-me' });
    off();
    expect(await cancelled).toEqual({ ok: true, value: { jobId: 'cancel-me', cancelled: true } });
    expect(r).toEqual({ ok: false, error: { code: 'refused', message: 'The export was cancelled.' } });
    expect(fs.readdirSync(path.join(w.core.dataDir, 'exports'))).toEqual([]);
  });

  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    return { out: () => out.join('\n'), err: () => err.join('\n') };
  }

  it('trade-records export ledgers prints progress in percent and the counts, and writes the file', async () => {
    const w = await ledgerWorld();
    const dir = w.core.dataDir;
    w.core.close();
    const out = path.join(tempDir(), 'q1.xlsx');
    const io = capture();
    expect(await main(['export', 'ledgers', '--from', Q1.from, '--to', Q1.to, '--out', out, '--data', dir])).toBe(0);
    expect(io.out()).toMatch(/^\s*0%/m);
    expect(io.out()).toMatch(/^100%/m);
    expect(io.out()).toContain(`Written: ${out}`);
    expect(io.out()).toMatch(/销售 Sales\s+3 docs\s+4 lines\s+CNY 880\.00, JPY 125000, USD 3012\.49\s+= CNY 28268\.68/);
    expect(io.out()).toMatch(/应付 Payables\s+1 docs\s+1 lines\s+EUR -330\.00\s+= CNY -2574\.00/);
    expect((await readBook(out)).worksheets.map((s) => s.name)).toEqual(SHEETS);
  });

  it('the CLI exits 1 on bad dates and 2 on a bad command line', async () => {
    const dir = tempDir();
    const io = capture();
    expect(await main(['export', 'ledgers', '--from', '2026-04-01', '--to', '2026-03-31', '--out', path.join(dir, 'x.xlsx'), '--data', dir])).toBe(1);
    expect(io.err()).toMatch(/--to: the period ends before it begins/);
    expect(await main(['export', 'ledgers', '--from', '2026-13-01', '--to', '2026-03-31', '--out', path.join(dir, 'x.xlsx'), '--data', dir])).toBe(1);
    expect(io.err()).toMatch(/Bad period --from 2026-13-01 --to 2026-03-31: --from: /);
    expect(await main(['export', 'ledgers', '--from', 'yesterday', '--to', '2026-03-31', '--out', path.join(dir, 'x.xlsx'), '--data', dir])).toBe(1);
    expect(await main(['export', 'ledgers', '--from', '2026-01-01', '--out', path.join(dir, 'x.xlsx')])).toBe(2);
    expect(io.err()).toMatch(/--from, --to and --out are required/);
    expect(await main(['export', 'ledgers', '--from', '2026-01-01', '--to', '2026-03-31', '--out', path.join(dir, 'x.pdf')])).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

});
