/**
 * End-to-end: "Export to Excel" under a grid writes what the grid shows. On the Products screen the user
 * sorts by item no. (descending) and filters by brand, clicks Export to Excel, and the downloaded workbook has
 * the grid's columns in the grid's order and widths, the filtered rows in the grid's order, codes as text,
 * numbers as numbers, and the totals row. On the sales orders list, amounts in two currencies get one total per
 * currency, to the cent.
 *
 * Needs `npx electron-vite build` first and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ApiArg } from '../../shared/api';
import { quotePrefixedCells, rowValues } from '../xlsx-read';
import { openBrowserApp, type BrowserApp } from './harness';

let app: BrowserApp;
let page: Page;

/** 120 days ago (local date): old enough for the last aging bucket */
const ORDER_DATE = (() => {
  const d = new Date();
  d.setDate(d.getDate() - 120);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
})();

const core: BrowserApp['call'] = (name, arg) => app.call(name, arg);
const shot = (name: string) => app.shot(`grid-export-${name}`);

async function gridReady(): Promise<void> {
  await page.locator('.ag-root').waitFor();
  await page.locator('.ag-overlay-loading-center').waitFor({ state: 'detached' }).catch(() => undefined);
}

/** The grid's header as shown: column id, header text and width, left to right. */
async function shownHeader(): Promise<{ id: string; text: string; width: number }[]> {
  return page.$$eval('.ag-header-row-column .ag-header-cell', (els) =>
    els
      .map((el) => ({
        id: el.getAttribute('col-id') ?? '',
        text: (el.querySelector('.ag-header-cell-text')?.textContent ?? '').trim(),
        width: el.getBoundingClientRect().width,
        x: el.getBoundingClientRect().left,
      }))
      .sort((a, b) => a.x - b.x)
      .map(({ id, text, width }) => ({ id, text, width })),
  );
}

/** The text of one column's cells, top to bottom as the grid shows them. */
async function shownColumn(colId: string): Promise<string[]> {
  return page.$$eval(
    '.ag-row[row-id]',
    (rows, id) =>
      rows
        .map((r) => ({ i: Number(r.getAttribute('row-index')), cell: r.querySelector(`.ag-cell[col-id="${id}"]`) }))
        .filter((r) => r.cell !== null)
        .sort((a, b) => a.i - b.i)
        .map((r) => (r.cell?.textContent ?? '').trim()),
    colId,
  );
}

/** Click Export to Excel and keep the download; the workbook's first sheet and the suggested name. */
async function exportShown(): Promise<{ ws: ExcelJS.Worksheet; name: string; file: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-excel]')]);
  const name = download.suggestedFilename();
  const file = path.join(app.dataDir, 'downloads', name);
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { ws: wb.worksheets[0]!, name, file };
}

/** Open the header filter of a column and type into its text filter. */
async function filterColumn(colId: string, text: string): Promise<void> {
  const header = page.locator(`.ag-header-cell[col-id="${colId}"]`);
  await header.scrollIntoViewIfNeeded();
  await header.hover();
  await header.locator('.ag-header-cell-filter-button, .ag-header-cell-menu-button').first().click();
  const input = page.locator('.ag-filter-wrapper input.ag-input-field-input:visible, .ag-filter input.ag-input-field-input:visible').first();
  await input.fill(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

beforeAll(async () => {
  app = await openBrowserApp({ locale: 'zh-CN' });
  page = app.page;
  fs.mkdirSync(path.join(app.dataDir, 'downloads'));
  await core('company.setup', { nameZh: '义乌环球贸易商行', nameEn: 'Yiwu Global Trading', baseCurrency: 'CNY', language: 'zh' });

  const stall = await core('parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位', booth: '国际商贸城一区 12 街 3456' });
  const product = (p: ApiArg<'products.create'>) => core('products.create', { supplierId: stall.id, customsUnit: '007', currency: 'USD', ...p });
  await product({ itemNo: '0815', nameZh: '发夹套装', nameEn: 'Hair clip set', hsCode: '9615190000', brand: 'Sunny', pcsPerCarton: 20, grossKgPerCarton: '20.5', netKgPerCarton: '18', defaultPrice: '0.0125' });
  await product({ itemNo: '20260301', nameZh: '塑料玩具车', nameEn: 'Plastic toy car', hsCode: '9503008900', brand: 'Sunny', pcsPerCarton: 10, grossKgPerCarton: '15', netKgPerCarton: '13', defaultPrice: '3.5', inspection: true });
  await product({ itemNo: 'A-100', nameZh: '毛绒小熊', nameEn: '=HYPERLINK("http://x.example","bear")', hsCode: '9503002100', brand: 'Sunny', pcsPerCarton: 48, cartonLengthCm: '60', cartonWidthCm: '40', cartonHeightCm: '50' });
  await product({ itemNo: 'B-200', nameZh: '陶瓷杯', nameEn: 'Ceramic mug', hsCode: '6912001000', brand: 'Moon', pcsPerCarton: 36 });
  await product({ itemNo: 'C-300', nameZh: '雨伞', nameEn: 'Umbrella', hsCode: '6601910000', brand: 'Moon', pcsPerCarton: 60 });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('Export to Excel', () => {
  it('exports the products grid as shown: sorted by item no. descending, filtered by brand', async () => {
    await page.goto(new URL('#products', app.server.url).href);
    await gridReady();
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 5 条');

    // sort by item no., descending (the second click on the header)
    const itemHeader = page.locator('.ag-header-cell[col-id="itemNo"] .ag-header-cell-label');
    await itemHeader.click();
    await itemHeader.click();
    await expect.poll(() => page.getAttribute('.ag-header-cell[col-id="itemNo"]', 'aria-sort')).toBe('descending');
    // filter: brand contains "sunny"
    await filterColumn('brand', 'sunny');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toMatch(/3\D+5/);
    // (rows filtered out leave the page after the grid's animation)
    await expect.poll(() => shownColumn('itemNo')).toEqual(['A-100', '20260301', '0815']);
    const shownItems = await shownColumn('itemNo');
    await page.locator('.ag-header-cell[col-id="itemNo"]').scrollIntoViewIfNeeded();
    await shot('products-before');

    const header = await shownHeader();
    const { ws, name, file } = await exportShown();
    // the screen says what was written
    await expect.poll(() => page.locator('body').textContent()).toContain(`已导出Excel：${name}（3 行）`);
    await shot('products-exported');

    // the name says what it is; a copy stays in the data folder's exports/
    expect(name).toMatch(/^商品-\d{8}-\d{6}\.xlsx$/);
    expect(fs.readdirSync(path.join(app.dataDir, 'exports'))).toContain(name);

    // the visible columns in the grid's order, with the header names shown, widths from the grid
    const n = header.length;
    expect(n).toBeGreaterThan(15);
    expect(rowValues(ws, 1, n)).toEqual(header.map((h) => h.text));
    header.forEach((h, i) => expect(Math.abs(ws.getColumn(i + 1).width! - (h.width - 5) / 7)).toBeLessThan(0.6));
    const col = (id: string) => header.findIndex((h) => h.id === id) + 1;

    // the filtered rows in the grid's order, then one totals row
    expect(ws.rowCount).toBe(5);
    expect([2, 3, 4].map((r) => ws.getRow(r).getCell(col('itemNo')).value)).toEqual(shownItems);
    expect(ws.getRow(5).getCell(1).value).toBe('合计（3 行）');
    expect(ws.getRow(5).getCell(1).font.bold).toBe(true);
    // figures per carton have no total
    expect(ws.getRow(5).getCell(col('pcsPerCarton')).value).toBeNull();
    expect(ws.getRow(5).getCell(col('grossKgPerCarton')).value).toBeNull();

    // codes stay text, with their zeros
    const cell = (itemRow: number, id: string) => ws.getRow(itemRow).getCell(col(id));
    expect(cell(4, 'itemNo').value).toBe('0815');
    expect(cell(3, 'itemNo').type).toBe(ExcelJS.ValueType.String);
    expect(cell(3, 'itemNo').value).toBe('20260301');
    expect(cell(3, 'hsCode').value).toBe('9503008900');
    expect(cell(3, 'hsCode').type).toBe(ExcelJS.ValueType.String);
    // the injection-looking name is text, quote-prefixed
    expect(cell(2, 'nameEn').value).toBe('=HYPERLINK("http://x.example","bear")');
    const quoted = await quotePrefixedCells(file, ws.name);
    expect(quoted.has(`${ws.getColumn(col('nameEn')).letter}2`)).toBe(true);
    // numbers are numbers with the decimals the grid shows
    expect([cell(2, 'pcsPerCarton').value, cell(3, 'pcsPerCarton').value, cell(4, 'pcsPerCarton').value]).toEqual([48, 10, 20]);
    expect([cell(4, 'grossKgPerCarton').value, cell(4, 'grossKgPerCarton').numFmt]).toEqual([20.5, '#,##0.0']);
    expect([cell(4, 'defaultPrice').value, cell(4, 'defaultPrice').numFmt]).toEqual([0.0125, '#,##0.0000']);
    // text as the grid shows it: the unit's name, yes/no
    expect(cell(4, 'customsUnit').value).toBe((await shownColumn('customsUnit'))[2]);
    expect(cell(3, 'inspection').value).toBe('是');
    expect(cell(4, 'inspection').value).toBe('否');
    // header frozen and filtered, A4, company name in the page header
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.headerFooter.oddHeader).toContain('义乌环球贸易商行');
    expect(app.pageErrors).toEqual([]);
  });

  it('totals the sales orders list per currency, to the cent', async () => {
    const buyer = await core('parties.create', { roles: ['customer'], nameZh: '阿里贸易', nameEn: 'Ali Trading', country: 'ARE' });
    const order = (currency: string, rate: string, quantity: string, unitPrice: string) =>
      core('orders.create', { kind: 'sales', partyId: buyer.id, orderDate: ORDER_DATE, currency, rate, lines: [{ itemNo: 'A-100', nameZh: '毛绒小熊', quantity, unitPrice }] });
    await order('USD', '7.1', '3', '0.10');
    await order('USD', '7.1', '1', '0.20');
    await order('EUR', '7.8', '7', '1.11');
    await page.goto(new URL('#orders', app.server.url).href);
    await gridReady();
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 3 条');
    const header = await shownHeader();
    const col = (id: string) => header.findIndex((h) => h.id === id) + 1;
    const { ws, name } = await exportShown();
    await shot('orders-exported');
    // the title says which list: the screen's heading and the Sales/Purchase switch
    expect(name).toMatch(/^订单 · 销售订单-\d{8}-\d{6}\.xlsx$/);
    expect(ws.name).toBe('订单 · 销售订单');

    expect(rowValues(ws, 1, header.length)).toEqual(header.map((h) => h.text));
    expect(ws.rowCount).toBe(7);
    // the order date is a date, amounts have the currency's decimals
    const [y, m, d] = ORDER_DATE.split('-').map(Number) as [number, number, number];
    expect(ws.getRow(2).getCell(col('orderDate')).value).toEqual(new Date(Date.UTC(y, m - 1, d)));
    expect(ws.getRow(2).getCell(col('amount')).numFmt).toBe('#,##0.00');
    // the other columns over all rows, then one row per currency: 0.30 + 0.20 = 0.50 USD, 7.77 EUR
    expect(ws.getRow(5).getCell(col('no')).value).toBe('合计（3 行）');
    expect(ws.getRow(5).getCell(col('quantity')).value).toBe(11);
    expect(ws.getRow(5).getCell(col('amount')).value).toBeNull();
    expect([ws.getRow(6).getCell(col('no')).value, ws.getRow(6).getCell(col('currency')).value, ws.getRow(6).getCell(col('amount')).value]).toEqual(['合计 EUR（1 行）', 'EUR', 7.77]);
    expect([ws.getRow(7).getCell(col('no')).value, ws.getRow(7).getCell(col('currency')).value, ws.getRow(7).getCell(col('amount')).value]).toEqual(['合计 USD（2 行）', 'USD', 0.5]);
    expect(app.pageErrors).toEqual([]);
  });

  it('totals the receivables per currency, aging buckets included', async () => {
    const orders = await core('orders.list', { kind: 'sales' });
    for (const o of orders) await core('orders.confirm', { id: o.id });
    await page.goto(new URL('#balances', app.server.url).href);
    await gridReady();
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');
    const header = await shownHeader();
    const col = (id: string) => header.findIndex((h) => h.id === id) + 1;
    const { ws, name } = await exportShown();
    await shot('balances-exported');

    expect(name).toMatch(/^应收应付 · 应收-\d{8}-\d{6}\.xlsx$/);
    expect(ws.rowCount).toBe(6);
    const total = (r: number) => [ws.getRow(r).getCell(1).value, ws.getRow(r).getCell(col('currency')).value, ws.getRow(r).getCell(col('balance')).value, ws.getRow(r).getCell(col('d90plus')).value];
    // the orders are 120 days old: the whole balance is in the last bucket, per currency
    expect(total(5)).toEqual(['合计 EUR（1 行）', 'EUR', 7.77, 7.77]);
    expect(total(6)).toEqual(['合计 USD（1 行）', 'USD', 0.5, 0.5]);
    // the base-currency column is one currency: its total is in the first totals row
    const base = [2, 3].map((r) => Math.round(Number(ws.getRow(r).getCell(col('baseBalance')).value) * 100)).reduce((a, b) => a + b, 0);
    expect(Math.round(Number(ws.getRow(4).getCell(col('baseBalance')).value) * 100)).toBe(base);
    expect(app.pageErrors).toEqual([]);
  });
});
