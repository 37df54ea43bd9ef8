/**
 * End-to-end: the Import screen in browser mode (issue 5). A stall's price list (title rows, a merged two-row
 * header, full-width digits, US$ prices, a totals row, one bad HS code) is picked from the Products screen's
 * "Import from Excel…"; the screen shows the header rows, the proposed mapping, the rows as they will be
 * stored and the rejected row with its row number, column and reason; Import is offered only for the valid
 * rows; after it the products are in the Products grid (after a reload too). A CSV of parties is mapped by
 * hand (a column changed in the mapping table), the mapping saved by name and chosen again. Order lines for a
 * chosen buyer become a draft order opened from the result. Screenshots go to /tmp/tr-shots/import-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openBrowserApp, type BrowserApp } from './harness';
import { gridReady } from './ui';
import { csvText } from '../import-fixtures';

let app: BrowserApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-import-e2e-'));

async function priceList(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报价单');
  ws.getCell('A1').value = '义乌市金华玩具商行 JINHUA TOYS';
  ws.mergeCells('A1:H1');
  ws.getCell('A2').value = '报价单 PRICE LIST 2026-11';
  ws.mergeCells('A2:H2');
  const head = ['货号 Item No.', '品名', 'HS编码', '单位 Unit', '重量 Weight', '', '单价 Unit Price', '备注'];
  head.forEach((v, i) => (ws.getRow(3).getCell(i + 1).value = v || null));
  ws.getRow(4).getCell(5).value = '毛重 G.W.';
  ws.getRow(4).getCell(6).value = '净重 N.W.';
  for (const c of ['A', 'B', 'C', 'D', 'G', 'H']) ws.mergeCells(`${c}3:${c}4`);
  ws.mergeCells('E3:F3');
  const rows = [
    ['T-100', '塑料玩具车', '9503008900', 'PCS', '１２.５', '11', 'US$1.25', ''],
    ['T-101', '毛绒熊', '9503002100', '个', 8.2, 7.5, 'US$2.80', '新款'],
    ['T-102', '积木', '9503', '千克', 20, 18, 'US$3.80', ''],
    ['合计 Total', null, null, null, 40.7, 36.5, null, null],
  ];
  rows.forEach((r, i) => r.forEach((v, c) => (ws.getRow(5 + i).getCell(c + 1).value = v as ExcelJS.CellValue)));
  const f = path.join(dir, '金华玩具报价单.xlsx');
  await wb.xlsx.writeFile(f);
  return f;
}

beforeAll(async () => {
  app = await openBrowserApp({ name: 'import', width: 1366, height: 900 });
  await app.call('company.setup', { nameZh: '义乌环球贸易商行', baseCurrency: 'CNY', language: 'zh' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the Import screen', () => {
  it('imports a price list: header found, rejected row named, only the valid rows written', async () => {
    const { page } = app;
    await page.goto(`${app.server.url}#products`);
    await page.click('[data-action=import-excel]');
    await page.locator('[data-screen=import]').waitFor();
    expect(await page.inputValue('[data-testid=import-kind]')).toBe('products');
    await page.setInputFiles('[data-testid=import-file]', await priceList());
    await page.locator('[data-testid=import-preview-rows]').waitFor();
    await app.shot('01-preview');

    expect(await page.inputValue('[data-testid=import-header-row]')).toBe('3');
    expect(await page.textContent('[data-testid=import-source]')).toContain('两行表头（第 3–4 行）');
    expect(await page.inputValue('select[data-col=A]')).toBe('itemNo');
    expect(await page.inputValue('select[data-col=E]')).toBe('grossKgPerCarton');
    expect(await page.inputValue('select[data-col=G]')).toBe('defaultPrice');
    // the rows as they will be stored: full-width digits and US$ prices normalised
    const first = page.locator('[data-testid=import-preview-rows] tr[data-row="5"]');
    expect(await first.textContent()).toContain('12.5');
    expect(await first.textContent()).toContain('USD');
    const rejected = page.locator('[data-testid=import-rejected] tbody tr');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().textContent()).toBe('7HS编码9503 不是 10 位数字');
    expect(await page.textContent('[data-testid=import-skipped]')).toContain('第 8 行（合计行）');
    expect(await page.textContent('[data-testid=import-counts]')).toContain('有效 2 行');
    expect(await page.locator('[data-action=import-run]').count()).toBe(0);

    await page.click('[data-action=import-run-valid]');
    await page.locator('[data-testid=import-result]').waitFor();
    expect(await page.textContent('[data-testid=import-written]')).toContain('新增 2');
    await app.shot('02-result');
    const products = await app.call('products.list', {});
    expect(products.map((p) => [p.itemNo, p.grossKgPerCarton, p.defaultPrice, p.currency])).toEqual([
      ['T-100', '12.5', '1.25', 'USD'],
      ['T-101', '8.2', '2.8', 'USD'],
    ]);
    await page.click('[data-action=import-open-list]');
    await gridReady(page);
    await page.reload();
    await gridReady(page);
    expect(await page.locator('.ag-row[row-id] .ag-cell[col-id=itemNo]').allTextContents()).toEqual(['T-100', 'T-101']);
    expect(app.pageErrors).toEqual([]);
  });

  it('maps a CSV of parties by hand, saves the mapping and uses it again', async () => {
    const { page } = app;
    await page.goto(`${app.server.url}#import/parties`);
    const f = path.join(dir, 'clients.csv');
    fs.writeFileSync(f, '\ufeff' + csvText([['客户', '国', '手机', 'WhatsApp号'], ['Ahmed Trading', '阿联酋', '+971 50 1', '+971501'], ['Olga', 'Russia', '+7 900', '']]));
    await page.setInputFiles('[data-testid=import-file]', f);
    await page.locator('[data-testid=import-mapping-table]').waitFor();
    expect(await page.inputValue('[data-testid=import-encoding]')).toBe('utf-8');
    // 国 and WhatsApp号 are not known headers: map them by hand
    await page.selectOption('select[data-col=B]', 'country');
    await expect.poll(() => page.textContent('[data-testid=import-preview-rows]')).toContain('ARE');
    await page.selectOption('select[data-col=D]', 'whatsapp');
    await expect.poll(() => page.textContent('[data-testid=import-preview-rows]')).toContain('+971501');
    await page.fill('[data-testid=import-mapping-name]', '迪拜客户表');
    await page.click('[data-action=import-save-mapping]');
    await expect.poll(async () => (await app.call('import.mappings.list', {})).map((m) => m.name)).toEqual(['迪拜客户表']);
    await app.shot('03-mapping');
    await page.click('[data-action=import-run]');
    await page.locator('[data-testid=import-result]').waitFor();
    const parties = await app.call('parties.list', {});
    expect(parties.map((p) => [p.nameZh || p.nameEn, p.country, p.whatsapp])).toEqual([
      ['Ahmed Trading', 'ARE', '+971501'],
      ['Olga', 'RUS', ''],
    ]);
    // the saved mapping maps the next file from the same source; the same rows now change nothing
    await page.click('[data-action=import-another]');
    await page.selectOption('[data-testid=import-mapping]', '迪拜客户表');
    await page.setInputFiles('[data-testid=import-file]', f);
    await page.locator('[data-testid=import-counts]').waitFor();
    expect(await page.inputValue('select[data-col=D]')).toBe('whatsapp');
    expect(await page.textContent('[data-testid=import-counts]')).toContain('无变化 2');
    await app.shot('04-saved-mapping');
    expect(app.pageErrors).toEqual([]);
  });

  it('order lines become a draft order for the chosen buyer, opened from the result', async () => {
    const { page } = app;
    const buyer = await app.call('parties.create', { roles: ['customer'], nameEn: 'Karim Import' });
    await page.goto(`${app.server.url}#import/order-lines`);
    const f = path.join(dir, 'order.csv');
    fs.writeFileSync(f, csvText([['货号', '品名', '箱数', '每箱数量', '单价', '金额'], ['T-100', '', '10', '24', '1.25', '300'], ['', '发夹', '2', '100', '0.35', '70.00']]));
    await page.selectOption('[data-testid=import-party]', String(buyer.id));
    await page.setInputFiles('[data-testid=import-file]', f);
    await page.locator('[data-testid=import-counts]').waitFor();
    expect(await page.textContent('[data-testid=import-counts]')).toContain('有效明细 2 行');
    await app.shot('05-order-lines');
    await page.click('[data-action=import-run]');
    await page.locator('[data-testid=import-result]').waitFor();
    expect(await page.textContent('[data-testid=import-written]')).toMatch(/已建草稿订单 SO-\d{4}-0001，共 2 条明细/);
    await page.click('[data-action=import-open-order]');
    await page.waitForURL(/#orders\/\d+$/);
    const orders = await app.call('orders.list', { kind: 'sales' });
    expect(orders.map((o) => [o.partyId, o.status, o.amount])).toEqual([[buyer.id, 'draft', '370.00']]);
    expect(app.pageErrors).toEqual([]);
  });
});
