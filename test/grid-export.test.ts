/**
 * Any grid to Excel (grid.export): the workbook read back with ExcelJS — header in the grid's order, widths
 * from the grid, numbers as numbers with the app's formats, codes and injection-looking text as text, dates as
 * dates, and exact totals (money per currency, to the cent).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportGrid, excelWidth, parseDecimal, parseIsoDate, writeGridWorkbook } from '../electron/core/excel/grid';
import { cancelJob, runningJobs } from '../electron/core/jobs';
import { CancelledError } from '../electron/core/ledgers';
import type { ProgressEvent } from '../shared/api';
import { GridExportSchema, type GridExportArg } from '../shared/gridExport';
import { ok, raw, tempDir, testCore } from './helpers';
import { quotePrefixedCells, readBook, rowValues } from './xlsx-read';

const LABELS = { total: '合计（{rows} 行）', currencyTotal: '合计 {currency}（{rows} 行）' };

/** A grid as the renderer sends it: an orders-like list with mixed currencies. */
function ordersGrid(): GridExportArg {
  return {
    title: '销售订单',
    labels: LABELS,
    columns: [
      { header: '货号', widthPx: 120, kind: 'text' },
      { header: 'HS编码', widthPx: 110, kind: 'text' },
      { header: '品名', widthPx: 200, kind: 'text' },
      { header: '日期', widthPx: 100, kind: 'date' },
      { header: '数量', widthPx: 90, kind: 'quantity' },
      { header: '币种', widthPx: 70, kind: 'text' },
      { header: '金额', widthPx: 120, kind: 'money', currencyColumn: 5 },
      { header: '单价', widthPx: 90, kind: 'number', total: false },
      { header: '税率', widthPx: 80, kind: 'percent' },
      { header: '体积', widthPx: 90, kind: 'number' },
    ],
    rows: [
      ['007', '9503008900', '=HYPERLINK("http://evil.example","点我")', '2026-03-15', '1200', 'USD', '0.10', '0.0125', '13', '1.2345'],
      ['A-1002', '6307900010', '+86 138 0013 8000', '2026-03-16', '12.500', 'JPY', '1250', '3.00', '9.5', '0.5'],
      ['A-1003', '9503002100', '-5% 折扣', '2026-02-28', '3', 'USD', '0.20', '1.25', null, '2'],
      ['A-1004', '4202220000', '@SUM(A1:A2)', null, '100', 'USD', '1234567.89', '—', '0', ''],
      ['B-2001', '0101210010', '普通货物 plain goods', '2026-04-01', '0.001', 'EUR', '99.99', '5', '6', '0.0001'],
    ],
  };
}

describe('grid.export', () => {
  it('writes the grid as the user sees it: order, widths, types, formats, injection as text, dates as dates', async () => {
    const core = await testCore();
    const result = await ok(core, 'grid.export', ordersGrid());
    expect(result.rows).toBe(5);
    expect(result.fileName).toMatch(/^销售订单-\d{8}-\d{6}\.xlsx$/);
    // a copy stays in the data folder's exports/, and the bytes returned are that file; no temp file is left
    const dir = path.join(core.dataDir, 'exports');
    expect(fs.readdirSync(dir)).toEqual([result.fileName]);
    const file = path.join(dir, result.fileName);
    expect(Buffer.from(result.dataBase64, 'base64').equals(fs.readFileSync(file))).toBe(true);

    const wb = await readBook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['销售订单']);
    const ws = wb.worksheets[0]!;
    // the header: the grid's columns in the grid's order, widths from the grid's pixels
    expect(rowValues(ws, 1, 10)).toEqual(['货号', 'HS编码', '品名', '日期', '数量', '币种', '金额', '单价', '税率', '体积']);
    expect(ws.getColumn(1).width).toBeCloseTo(16.4, 0);
    expect(ws.getColumn(3).width).toBeCloseTo(27.9, 0);
    expect(ws.getColumn(6).width).toBeCloseTo(9.3, 0);
    expect(ws.getColumn(3).width!).toBeGreaterThan(ws.getColumn(2).width!);

    // codes stay text: no 9.5030089E+09, no lost leading zeros
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A2').value).toBe('007');
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B2').value).toBe('9503008900');
    expect(ws.getCell('B6').value).toBe('0101210010');

    // formula-looking text is text with quotePrefix; there is no formula anywhere
    expect(ws.getCell('C2').value).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(ws.getCell('C3').value).toBe('+86 138 0013 8000');
    expect(ws.getCell('C4').value).toBe('-5% 折扣');
    expect(ws.getCell('C5').value).toBe('@SUM(A1:A2)');
    const quoted = await quotePrefixedCells(file, '销售订单');
    expect(['C2', 'C3', 'C4', 'C5'].every((a) => quoted.has(a))).toBe(true);
    expect(quoted.has('C6')).toBe(false);
    ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));

    // dates are dates with the app's yyyy-mm-dd
    expect(ws.getCell('D2').value).toEqual(new Date(Date.UTC(2026, 2, 15)));
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('D5').value).toBeNull();

    const num = (a: string) => [ws.getCell(a).value, ws.getCell(a).numFmt];
    // quantities: numbers without trailing zeros
    expect(num('E2')).toEqual([1200, '#,##0']);
    expect(num('E3')).toEqual([12.5, '#,##0.0']);
    expect(num('E6')).toEqual([0.001, '#,##0.000']);
    // money to its currency's decimals
    expect(num('G2')).toEqual([0.1, '#,##0.00']);
    expect(num('G3')).toEqual([1250, '#,##0']);
    expect(num('G5')).toEqual([1234567.89, '#,##0.00']);
    // numbers with the decimals they are shown with; a dash stays the dash the grid shows
    expect(num('H2')).toEqual([0.0125, '#,##0.0000']);
    expect(num('H3')).toEqual([3, '#,##0.00']);
    expect(ws.getCell('H5').value).toBe('—');
    // percent: "13" is 13 %
    expect(num('I2')).toEqual([0.13, '0%']);
    expect(num('I3')).toEqual([0.095, '0.0%']);

    // totals: the other columns over all rows, then money per currency, each exact
    expect(rowValues(ws, 7, 10)).toEqual(['合计（5 行）', null, null, null, 1315.501, null, null, null, null, 3.7346]);
    expect(ws.getCell('E7').numFmt).toBe('#,##0.000');
    expect(ws.getCell('A7').font.bold).toBe(true);
    expect(rowValues(ws, 8, 10)).toEqual(['合计 EUR（1 行）', null, null, null, null, 'EUR', 99.99, null, null, null]);
    expect(rowValues(ws, 9, 10)).toEqual(['合计 JPY（1 行）', null, null, null, null, 'JPY', 1250, null, null, null]);
    expect(ws.getCell('G9').numFmt).toBe('#,##0');
    // 0.10 + 0.20 + 1,234,567.89: exactly 1,234,568.19 (a float sum gives 1234568.1900000002)
    expect(rowValues(ws, 10, 10)).toEqual(['合计 USD（3 行）', null, null, null, null, 'USD', 1234568.19, null, null, null]);
    expect(ws.getCell('G10').numFmt).toBe('#,##0.00');
    expect(ws.rowCount).toBe(10);

    // header frozen, autofilter over the data rows (not the totals), A4 print setup, company and title on top
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:J6');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, orientation: 'landscape' });
    expect(ws.headerFooter.oddHeader).toContain('义乌测试贸易商行');
    expect(ws.headerFooter.oddHeader).toContain('销售订单');
    expect(ws.pageSetup.printTitlesRow).toBe('1:1');
    expect(ws.getCell('A1').font.bold).toBe(true);
  });

  it('puts one currency and the other totals in one row, and leaves out columns without a total', async () => {
    const core = await testCore();
    const r = await ok(core, 'grid.export', {
      title: 'Payments / 收付款',
      language: 'en',
      labels: { total: 'Total ({rows} rows)', currencyTotal: 'Total {currency} ({rows} rows)' },
      columns: [
        { header: 'No.', widthPx: 100, kind: 'text' },
        { header: 'Currency', widthPx: 60, kind: 'text' },
        { header: 'Amount', widthPx: 100, kind: 'money', currencyColumn: 1 },
        { header: 'Rate', widthPx: 80, kind: 'number', total: false },
        { header: 'Cartons', widthPx: 80, kind: 'number' },
      ],
      rows: [
        ['PAY-1', 'USD', '1000.01', '7.1234', '3'],
        ['PAY-2', 'USD', '-0.01', '7.1', '4'],
        ['PAY-3', 'USD', '0.33', '7', null],
      ],
    });
    const ws = (await readBook(path.join(core.dataDir, 'exports', r.fileName))).worksheets[0]!;
    // the sheet name has no "/" (Excel refuses it); the total is exact and negative values count
    expect(ws.name).toBe('Payments _ 收付款');
    expect(rowValues(ws, 5, 5)).toEqual(['Total (3 rows)', 'USD', 1000.33, null, 7]);
    expect(ws.getCell('C5').numFmt).toBe('#,##0.00');
    expect(ws.rowCount).toBe(5);
  });

  it('writes only the header for an empty grid', async () => {
    const dir = tempDir();
    const grid = GridExportSchema.parse({ title: 'Empty', columns: [{ header: 'Amount', widthPx: 100, kind: 'number' }], rows: [] });
    await writeGridWorkbook(grid, path.join(dir, 'e.xlsx'));
    const ws = (await readBook(path.join(dir, 'e.xlsx'))).worksheets[0]!;
    expect(rowValues(ws, 1, 1)).toEqual(['Amount']);
    expect(ws.rowCount).toBe(1);
    expect(ws.getColumn(1).width).toBeCloseTo(13.6, 0);
  });

  it('refuses rows that do not fit the columns, and a currency column that is not there', async () => {
    const core = await testCore();
    const bad = await raw(core, 'grid.export', {
      title: 'X',
      columns: [
        { header: 'A', widthPx: 50, kind: 'text' },
        { header: 'B', widthPx: 50, kind: 'money', currencyColumn: 1 },
        { header: 'C', widthPx: 50, kind: 'number', currencyColumn: 0 },
      ],
      rows: [['a', '1', '2'], ['b', '2']],
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('validation');
    expect(bad.error.issues?.map((i) => i.path).sort()).toEqual(['columns.1.currencyColumn', 'columns.2.currencyColumn', 'rows.1']);
    expect(fs.existsSync(path.join(core.dataDir, 'exports'))).toBe(false);
    const noTitle = await raw(core, 'grid.export', { title: '  ', columns: [{ header: 'A', widthPx: 50, kind: 'text' }], rows: [] });
    expect(!noTitle.ok && noTitle.error.issues?.[0]?.path).toBe('title');
  });

  it('leaves nothing behind when the file cannot be written', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'taken.xlsx');
    fs.mkdirSync(target); // a folder in the way: the rename fails
    const grid = GridExportSchema.parse({ title: 'T', columns: [{ header: 'A', widthPx: 50, kind: 'text' }], rows: [['x']] });
    await expect(writeGridWorkbook(grid, target)).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual(['taken.xlsx']);
  });

  it('reads decimal strings and ISO dates exactly, and converts widths', () => {
    expect(parseDecimal('1250.50')).toEqual({ scaled: 125050, decimals: 2 });
    expect(parseDecimal('-0.0125')).toEqual({ scaled: -125, decimals: 4 });
    expect(parseDecimal('1,250')).toBeNull();
    expect(parseDecimal('1e5')).toBeNull();
    expect(parseDecimal('0.12345678901')).toBeNull();
    expect(parseIsoDate('2026-02-30')).toBeNull();
    expect(parseIsoDate('2026-02-28T13:05:00Z')).toEqual({ date: new Date(Date.UTC(2026, 1, 28, 13, 5)), withTime: true });
    expect(parseIsoDate('15/03/2026')).toBeNull();
    expect(excelWidth(75)).toBe(10);
  });

  it('exports 200,000 rows', async () => {
    const core = await testCore();
    const rows: (string | null)[][] = [];
    for (let i = 0; i < 200_000; i++) rows.push([`SO-${String(i).padStart(6, '0')}`, '2026-03-15', i % 3 === 0 ? 'EUR' : 'USD', `${i}.${String(i % 100).padStart(2, '0')}`, String(i % 7)]);
    const r = await ok(core, 'grid.export', {
      title: 'Big',
      labels: LABELS,
      columns: [
        { header: 'No', widthPx: 120, kind: 'text' },
        { header: 'Date', widthPx: 100, kind: 'date' },
        { header: 'Cur', widthPx: 60, kind: 'text' },
        { header: 'Amount', widthPx: 120, kind: 'money', currencyColumn: 2 },
        { header: 'Qty', widthPx: 80, kind: 'quantity' },
      ],
      rows,
    });
    expect(r.rows).toBe(200_000);
    // the expected sums, computed exactly in cents
    let eur = 0n;
    let usd = 0n;
    let qty = 0;
    for (let i = 0; i < 200_000; i++) {
      const cents = BigInt(i) * 100n + BigInt(i % 100);
      if (i % 3 === 0) eur += cents;
      else usd += cents;
      qty += i % 7;
    }
    const ws = (await readBook(path.join(core.dataDir, 'exports', r.fileName))).worksheets[0]!;
    expect(ws.rowCount).toBe(200_004);
    expect(rowValues(ws, 200_002, 5)).toEqual(['合计（200,000 行）', null, null, null, qty]);
    expect(rowValues(ws, 200_003, 5)).toEqual(['合计 EUR（66,667 行）', null, 'EUR', Number(eur) / 100, null]);
    expect(rowValues(ws, 200_004, 5)).toEqual(['合计 USD（133,333 行）', null, 'USD', Number(usd) / 100, null]);
  }, 120_000);
});

const WORKER = path.resolve(__dirname, '..', 'out', 'main', 'worker.js');
const built = fs.existsSync(WORKER);
if (!built) console.warn(`grid-export.test.ts: ${WORKER} is missing — the worker-thread tests are SKIPPED. Run \`npx electron-vite build\`.`);

/** `n` rows of the orders grid, repeated. */
function bigGrid(n: number): GridExportArg {
  const g = ordersGrid();
  const rows: (string | null)[][] = [];
  for (let i = 0; i < n; i++) rows.push(g.rows[i % g.rows.length]!.map((v, c) => (c === 0 && v ? `${v}-${i}` : v)));
  return { ...g, rows };
}

/** Every cell of the first sheet: value and number format, row by row. */
async function cellsOf(file: string): Promise<unknown[]> {
  const ws = (await readBook(file)).worksheets[0]!;
  const out: unknown[] = [ws.name, ws.columns.map((c) => c.width)];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => out.push([r, c, cell.value, cell.numFmt ?? null]));
  });
  return out;
}

describe(`grid.export as a job (${built ? 'worker: out/main/worker.js' : 'worker tests SKIPPED: out/main/worker.js missing'})`, () => {
  const now = new Date(2026, 2, 15, 10, 30, 0);

  it.skipIf(!built)('writes the same workbook in the worker as inline, with progress events under the job id', async () => {
    const core = await testCore();
    const grid = GridExportSchema.parse({ ...bigGrid(2500), cancelToken: 'grid-worker-1' });
    const events: ProgressEvent[] = [];
    const workerDir = tempDir();
    const inlineDir = tempDir();
    const w = await exportGrid({ db: core.db, dataDir: workerDir, progress: (e) => events.push(e) }, grid, { workerScript: WORKER, now });
    const i = await exportGrid({ db: core.db, dataDir: inlineDir, progress: () => {} }, { ...grid, cancelToken: 'grid-inline-1' }, { workerScript: 'inline', now });
    expect(w.rows).toBe(2500);
    expect(w.fileName).toBe(i.fileName);
    expect(fs.readdirSync(path.join(workerDir, 'exports'))).toEqual([w.fileName]);
    expect(await cellsOf(path.join(workerDir, 'exports', w.fileName))).toEqual(await cellsOf(path.join(inlineDir, 'exports', i.fileName)));
    expect(runningJobs()).not.toContain('grid-worker-1');

    expect(events.map((e) => e.done)).toEqual([0, 1000, 2000, 2500]);
    expect(events.every((e) => e.jobId === 'grid-worker-1' && e.label === '销售订单' && e.total === 2500)).toBe(true);
  });

  it.skipIf(!built)('cancels a 200,000-row export mid-way in the worker: no file, no temp file', async () => {
    const core = await testCore();
    const grid = GridExportSchema.parse({ ...bigGrid(200_000), cancelToken: 'grid-cancel-1' });
    const dataDir = tempDir();
    const events: ProgressEvent[] = [];
    const p = exportGrid(
      {
        db: core.db,
        dataDir,
        progress: (e) => {
          events.push(e);
          // as the API does it: by id, from another call
          if (e.done >= 2000 && events.filter((x) => x.done >= 2000).length === 1) expect(cancelJob('grid-cancel-1')).toBe(true);
        },
      },
      grid,
      { workerScript: WORKER, now },
    );
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(events.at(-1)!.done).toBeLessThan(200_000);
    expect(events.every((e) => e.jobId === 'grid-cancel-1')).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'exports'))).toEqual([]);
    expect(runningJobs()).not.toContain('grid-cancel-1');
  }, 60_000);

  it('runs inline from the API with a cancelToken, and cancels inline too', async () => {
    const core = await testCore();
    // through the API (inline when running from sources): the same result as before
    const r = await ok(core, 'grid.export', { ...ordersGrid(), cancelToken: 'grid-api-1' });
    expect(r.rows).toBe(5);
    const bad = await raw(core, 'grid.export', { ...ordersGrid(), cancelToken: 'not a token!' });
    expect(!bad.ok && bad.error.issues?.[0]?.path).toBe('cancelToken');

    const dataDir = tempDir();
    const grid = GridExportSchema.parse({ ...bigGrid(20_000), cancelToken: 'grid-inline-cancel' });
    const p = exportGrid({ db: core.db, dataDir, progress: (e) => e.done > 0 && cancelJob('grid-inline-cancel') }, grid, { workerScript: 'inline', now });
    await expect(p).rejects.toMatchObject({ code: 'refused' });
    expect(fs.readdirSync(path.join(dataDir, 'exports'))).toEqual([]);
  }, 60_000);
});
