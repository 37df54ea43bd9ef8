/**
 * End-to-end: the 1039 filing pack from the shipment screen, in browser mode, driven in a real Chromium.
 *
 * Set up through the core (this test is not about those screens): a company with its 市场采购号 (base CNY), a
 * buyer WITHOUT nationality and passport, two stalls with their 商户号, two products with HS codes, units and
 * carton weights, a draft USD order (so the last USD rate is 7.2), a confirmed CNY sales order with one line
 * from each stall (7,200.00 + 3,600.00 = CNY 10,800.00 = USD 1,500.00 at 7.2), and a 1039 shipment of all of it.
 * Through the UI: Check lists the buyer's missing passport with a way to the parties screen; Export is refused
 * with the same problems; Export as draft saves a workbook marked DRAFT on every sheet; with the buyer fixed,
 * Check says there is nothing left and Export saves the pack, whose 联网清单 has both lines (item nos as text)
 * and the total; a USD rate typed with full-width digits (７．５) gives USD 1,440.00, one with 7 decimals is refused
 * next to the field; the panel reads in English too.
 * Screenshots go to /tmp/tr-shots/filing-*.png (TR_SHOTS to change).
 *
 * Needs `npx electron-vite build` first (npm test runs it) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { findCell, readBook, sheet, table } from '../xlsx-read';
import { openBrowserApp, type BrowserApp } from './harness';

const DRAFT_BANNER = '草稿 DRAFT — 不得用于申报 / not for filing';
const PACK_SHEETS = ['汇总 Summary', '交易单-1 金华玩具摊位', '交易单-2 美美饰品摊位', '联网清单', '货物清单', '商业发票 Invoice', '装箱单 Packing List', '报关单备注 Remark'];

let app: BrowserApp;
let page: Page;
const ids = { buyer: 0, stallToys: 0, stallClips: 0, order: 0, shipment: 0, shipmentNo: '' };

/** Scroll the filing panel into view (it sits below the lines), for the screenshots. */
async function showPanel(): Promise<void> {
  await page.locator('[data-testid=filing-panel]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

/** Click `action` and save the workbook the page downloads; the file and the name the page suggested. */
async function download(action: string): Promise<{ file: string; name: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-action=${action}]`)]);
  const name = d.suggestedFilename();
  const file = path.join(app.dataDir, 'downloads', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await d.saveAs(file);
  return { file, name };
}

const panel = () => page.locator('[data-testid=filing-panel]');
const problemRow = (record: string, field: string) => panel().locator(`tr[data-record=${record}][data-field=${field}]`);

beforeAll(async () => {
  app = await openBrowserApp({ name: 'filing', acceptDownloads: true });
  page = app.page;

  // ----- the records this test stands on, through the core -----
  await app.call('company.setup', { nameZh: '义乌环球贸易商行', nameEn: 'Yiwu Global Trading', baseCurrency: 'CNY', language: 'zh' });
  await app.call('company.update', { mpRegNo: '3307820001' });
  ids.buyer = (await app.call('parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC', country: 'ARE', address: 'Deira, Dubai' })).id;
  ids.stallToys = (await app.call('parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位', booth: '国际商贸城 1区 5街 1024', stallRegNo: '330782000123' })).id;
  ids.stallClips = (await app.call('parties.create', { roles: ['supplier'], nameZh: '美美饰品摊位', booth: '国际商贸城 2区 12街 34567', stallRegNo: '330782000456' })).id;
  // item nos that look like numbers: they must stay text in the workbook
  const toy = await app.call('products.create', { itemNo: '20260301', nameZh: '塑料玩具车', nameEn: 'Plastic toy car', hsCode: '9503008900', customsUnit: '007', pcsPerCarton: 10, grossKgPerCarton: '15', netKgPerCarton: '13', supplierId: ids.stallToys });
  const clips = await app.call('products.create', { itemNo: '0815', nameZh: '发夹套装', nameEn: 'Hair clip set', hsCode: '9615190000', customsUnit: '007', pcsPerCarton: 20, grossKgPerCarton: '20', netKgPerCarton: '18', supplierId: ids.stallClips });

  // a quotation in USD at 7.2: the last USD rate the filing panel starts from
  await app.call('orders.create', { kind: 'sales', partyId: ids.buyer, orderDate: '2026-03-01', currency: 'USD', rate: '7.2', lines: [{ productId: toy.id, quantity: '10', unitPrice: '1' }] });
  const so = await app.call('orders.create', {
    kind: 'sales',
    partyId: ids.buyer,
    orderDate: '2026-03-02',
    currency: 'CNY',
    rate: '1',
    incoterm: '3',
    incotermPlace: 'NINGBO',
    lines: [
      { productId: toy.id, cartons: 100, unitPrice: '7.2', stallId: ids.stallToys }, // 1000 pcs, CNY 7200.00, 1500 kg
      { productId: clips.id, cartons: 100, unitPrice: '1.8', stallId: ids.stallClips }, // 2000 pcs, CNY 3600.00, 2000 kg
    ],
  });
  ids.order = so.id;
  const confirmed = await app.call('orders.confirm', { id: so.id });
  const shipment = await app.call('shipments.create', {
    mode: 'sea',
    tradeMode: '1039',
    consigneeId: ids.buyer,
    loadingPort: 'NINGBO',
    destPort: 'JEBEL ALI',
    destCountry: 'ARE',
    containerNo: 'CSQU3054383',
    containerType: '40HQ',
    marks: 'AHMED / DUBAI',
    lines: confirmed.lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })),
  });
  ids.shipment = shipment.id;
  ids.shipmentNo = shipment.no;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('1039 filing pack from the shipment screen', () => {
  it('shows the panel with the last USD rate and the merge rule', async () => {
    await page.goto(`${app.server.url}#shipments/${ids.shipment}`);
    await expect.poll(() => page.textContent('#shipment-title')).toBe(`出货单 ${ids.shipmentNo}`);
    await panel().waitFor();
    expect(await page.textContent('#filing-title')).toBe('1039 申报资料');
    expect(await page.textContent('[data-field=filing-usdRate] .field-label')).toBe('美元汇率（1 USD = ? CNY）');
    await expect.poll(() => page.inputValue('#filing-usdRate')).toBe('7.2');
    expect(await page.isChecked('#filing-merge')).toBe(true);
    expect(await panel().textContent()).toContain('超过 5 种（不同HS编码）时，按 HS 章（前 2 位）合并');
    await showPanel();
    await app.shot('01-panel');
  });

  it('Check lists the buyer without passport, with a way to the parties screen', async () => {
    await page.click('[data-action=filing-check]');
    await panel().locator('[data-testid=filing-problems]').waitFor();
    expect(await panel().locator('[data-testid=filing-summary]').textContent()).toBe('有 2 个问题，导出前要先改好：');
    const passport = problemRow('party', 'idDocNo');
    expect(await passport.locator('td').allTextContents()).toEqual([
      '客户 Ahmed Trading LLC',
      '护照/证件号',
      '没有护照/证件号：报关单备注要写采购商护照或证件号',
      '到“客户/供应商”修改 →',
    ]);
    expect(await passport.locator('a').getAttribute('href')).toBe('#parties');
    expect(await problemRow('party', 'nationality').locator('td').nth(1).textContent()).toBe('国籍');
    await showPanel();
    await app.shot('02-check-problems');

    // the link leads to where the buyer is fixed
    await passport.locator('a').click();
    await expect.poll(() => page.getAttribute('[data-nav=parties]', 'aria-current')).toBe('page');
    await page.goBack();
    await panel().waitFor();
  });

  it('Export is refused with the problems; Export as draft saves a workbook marked DRAFT on every sheet', async () => {
    await page.click('[data-action=filing-export]');
    await panel().locator('[data-action=filing-draft]').waitFor();
    expect(await panel().locator('[data-testid=filing-summary]').textContent()).toBe('申报资料没有生成：有 2 个问题要先改好，或者先导出草稿。');
    expect(await problemRow('party', 'idDocNo').locator('td').nth(2).textContent()).toBe('没有护照/证件号：报关单备注要写采购商护照或证件号');
    await showPanel();
    await app.shot('03-export-refused');

    const { file, name } = await download('filing-draft');
    expect(name).toMatch(new RegExp(`^${ids.shipmentNo}-1039-\\d{8}-\\d{6}-DRAFT\\.xlsx$`));
    const wb = await readBook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(PACK_SHEETS);
    for (const ws of wb.worksheets) expect(ws.getCell('A1').value, ws.name).toBe(DRAFT_BANNER);
    expect(findCell(sheet(wb, '汇总 Summary'), '待解决问题 Problems to fix (2)')).toBeDefined();

    const done = panel().locator('[data-testid=filing-exported]');
    await done.waitFor();
    expect(await done.textContent()).toContain(`已生成草稿 ${name}：每张表都标有“草稿 DRAFT”，还有 2 个问题没解决。`);
    expect(await problemRow('party', 'idDocNo').count()).toBe(1);
    await showPanel();
    await app.shot('04-draft-saved');
  });

  it('with the buyer fixed, Check finds nothing and Export saves the pack with both lines and the total', async () => {
    await app.call('parties.update', { id: ids.buyer, patch: { idDocNo: 'P7788990', nationality: 'ARE' } });
    await page.click('[data-action=filing-check]');
    await expect.poll(() => panel().locator('[data-testid=filing-ok]').textContent()).toBe('✓ 没有问题，可以导出。');
    expect(await panel().locator('[data-testid=filing-problems]').count()).toBe(0);
    await showPanel();
    await app.shot('05-check-ok');

    const { file, name } = await download('filing-export');
    expect(name).toMatch(new RegExp(`^${ids.shipmentNo}-1039-\\d{8}-\\d{6}\\.xlsx$`));
    const decl = panel().locator('[data-testid=filing-declarations] tbody tr');
    await expect.poll(() => decl.count()).toBe(1);
    expect(await decl.locator('td').allTextContents()).toEqual(['第 1 份', '2', '2', '否（不超过 5 种）', 'CNY 10,800.00', 'USD 1,500.00']);
    expect(await panel().locator('[data-testid=filing-exported]').textContent()).toContain(`已生成 ${name}`);
    await showPanel();
    await app.shot('06-exported');

    const wb = await readBook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(PACK_SHEETS);
    for (const ws of wb.worksheets) expect(findCell(ws, DRAFT_BANNER), ws.name).toBeUndefined();
    const list = table(sheet(wb, '联网清单'), '商户', 14);
    expect(list.header).toEqual(['商户', '商品名称', '商品HS编码', '货号/唛头', '规格型号', '生产厂商', '品牌', '交易数量', '单位', '包装数量', '包装单位', '币种', '货值', '重量(KGS)']);
    expect(list.rows).toEqual([
      ['金华玩具摊位', '塑料玩具车', '9503008900', '20260301', null, '金华玩具摊位', '无品牌', 1000, '个', 100, '纸箱', 'CNY', 7200, 1500],
      ['美美饰品摊位', '发夹套装', '9615190000', '0815', null, '美美饰品摊位', '无品牌', 2000, '个', 100, '纸箱', 'CNY', 3600, 2000],
    ]);
    expect(list.total).toEqual(['合计', null, null, null, null, null, null, null, null, 200, null, 'CNY', 10800, 3500]);
    // HS codes and item nos are text cells, never numbers
    const ws = sheet(wb, '联网清单');
    for (const text of ['9503008900', '20260301', '0815']) expect(findCell(ws, text)?.type, text).toBe(ExcelJS.ValueType.String);
  });

  it('a USD rate typed with full-width digits converts at that rate', async () => {
    await page.fill('#filing-usdRate', '７．５');
    // a changed rate makes the last result out of date
    expect(await panel().locator('[data-testid=filing-exported]').count()).toBe(0);
    await download('filing-export');
    const usd = panel().locator('[data-testid=declaration-usd]');
    await expect.poll(() => usd.textContent()).toBe('USD 1,440.00');

    // a rate that is not a number is refused next to the field
    await page.fill('#filing-usdRate', '7.1234567');
    await page.click('[data-action=filing-check]');
    await expect.poll(() => page.textContent('#filing-usdRate-error')).toBe('汇率是大于 0 的数，最多 6 位小数');
    expect(await page.getAttribute('#filing-usdRate', 'aria-invalid')).toBe('true');
    await showPanel();
    await app.shot('07-rate-error');
  });

  it('reads in English too', async () => {
    await page.click('[data-lang=en]');
    await expect.poll(() => page.textContent('#filing-title')).toBe('1039 filing pack');
    await page.fill('#filing-usdRate', '7.2');
    expect(await page.locator('#filing-usdRate-error').count()).toBe(0);
    await page.click('[data-action=filing-check]');
    await expect.poll(() => panel().locator('[data-testid=filing-ok]').textContent()).toBe('✓ No problems — ready to export.');
    expect(await panel().textContent()).toContain('Merge lines (simplified declaration)');
    await showPanel();
    await app.shot('08-english');
    expect(app.pageErrors).toEqual([]);
  });
});
