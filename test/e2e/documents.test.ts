/**
 * End-to-end, issue 8: names in the UI language, a party's document language, and the bilingual documents.
 *
 * A buyer 光明贸易 / Al Noor Trading with a confirmed USD sales order and a payment (set up through the core).
 * Through the UI: the buyer's document language set to Arabic in the party form (kept after a reload); the
 * orders list and the balances show the buyer's Chinese name in Chinese and, after switching the language in the
 * header, the English name; the order's Sales contract is exported (Chinese + Arabic in its header cells); the
 * balances screen's Statement for the buyer closes on the balance the screen shows.
 *
 * Needs `npx electron-vite build` first and Chromium. Screenshots: /tmp/tr-shots/docs-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Order } from '../../shared/trade';
import { findCell, readBook, valueAfter } from '../xlsx-read';
import { openBrowserApp, type BrowserApp } from './harness';
import { balanceCell, cell, gridReady, text } from './ui';

let app: BrowserApp;
let page: Page;
let buyerId: number;
let so: Order;

/** Click the dialog's submit and save the workbook the page downloads. */
async function downloadFrom(dialog: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${dialog}] button[type=submit]`)]);
  const file = path.join(app.dataDir, 'downloads', d.suggestedFilename());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await d.saveAs(file);
  return file;
}

beforeAll(async () => {
  app = await openBrowserApp({ name: 'docs', acceptDownloads: true });
  page = app.page;
  await app.call('company.setup', { nameZh: '义乌星辰贸易商行', nameEn: 'Yiwu Star Trading', baseCurrency: 'CNY', language: 'zh' });
  const buyer = await app.call('parties.create', { roles: ['customer'], nameZh: '光明贸易', nameEn: 'Al Noor Trading', country: 'ARE', address: 'Deira, Dubai' });
  buyerId = buyer.id;
  const o = await app.call('orders.create', {
    kind: 'sales',
    partyId: buyer.id,
    orderDate: '2026-11-02',
    currency: 'USD',
    rate: '7.1',
    lines: [{ itemNo: 'A-1001', nameZh: '塑料玩具车', nameEn: 'Plastic toy car', quantity: '2400', unitPrice: '1.25', cartons: 10 }],
  });
  so = await app.call('orders.confirm', { id: o.id });
  await app.call('payments.create', { direction: 'in', partyId: buyer.id, payDate: '2026-11-05', amount: '1000', currency: 'USD', rate: '7.1', method: 'tt' });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('documents for foreign buyers', () => {
  it('keeps a party’s document language set in the form', async () => {
    await page.goto(`${app.server.url}#parties`);
    await gridReady(page);
    await cell(page, buyerId, 'nameZh').click();
    await page.click('[data-action=edit]');
    await page.locator('.panel').waitFor();
    expect(await page.inputValue('#party-docLanguage')).toBe('en');
    await page.selectOption('#party-docLanguage', 'ar');
    await app.shot('01-party-doc-language');
    await page.click('.panel-buttons button.primary');
    await page.locator('.panel').waitFor({ state: 'detached' });
    expect((await app.call('parties.get', { id: buyerId })).docLanguage).toBe('ar');
    await page.reload();
    await gridReady(page);
    await cell(page, buyerId, 'nameZh').click();
    await page.click('[data-action=edit]');
    await expect.poll(() => page.inputValue('#party-docLanguage')).toBe('ar');
    await page.keyboard.press('Escape');
    await page.locator('.panel').waitFor({ state: 'detached' });

    // and in the grid: the column names the language; Enter, arrow down, Enter picks the next one
    const c = cell(page, buyerId, 'docLanguage');
    await c.scrollIntoViewIfNeeded();
    expect(await text(page, c)).toBe('阿拉伯语（العربية）');
    await c.click();
    await page.keyboard.press('Enter');
    await page.locator('.ag-select-list, .ag-picker-field-wrapper, [role=listbox]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.call('parties.get', { id: buyerId })).docLanguage).toBe('ru');
    await expect.poll(() => text(page, c)).toBe('俄语（Русский）');
    await app.shot('01b-party-grid-doc-language');
    await app.call('parties.update', { id: buyerId, patch: { docLanguage: 'ar' } });

    // the selected party's statement is also offered here (a party with nothing open is not on Balances)
    await page.click('[data-action=statement]');
    await page.locator('[data-testid=statement-dialog]').waitFor();
    expect(await text(page, '[data-testid=statement-dialog] h2')).toBe('对账单：光明贸易');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=statement-dialog]').waitFor({ state: 'detached' });
  });

  it('names the buyer in the UI language: Chinese, then English after switching', async () => {
    await page.goto(`${app.server.url}#orders`);
    await gridReady(page);
    await expect.poll(() => text(page, cell(page, so.id, 'partyName'))).toBe('光明贸易');
    await page.click('[data-lang=en]');
    await expect.poll(() => text(page, cell(page, so.id, 'partyName'))).toBe('Al Noor Trading');
    await app.shot('02-orders-en-names');
    await page.goto(`${app.server.url}#balances`);
    await gridReady(page);
    await expect.poll(() => balanceCell(page, 'Al Noor Trading', 'balance').count()).toBe(1);
  });

  it('exports the sales contract of an order in Chinese + the buyer’s language', async () => {
    await page.goto(`${app.server.url}#orders/${so.id}`);
    await page.click('[data-action=contract]');
    await page.locator('[data-testid=contract-dialog]').waitFor();
    await expect.poll(() => page.inputValue('#doc-language')).toBe('ar');
    await app.shot('03-contract-dialog');
    const file = await downloadFrom('contract-dialog');
    expect(path.basename(file)).toMatch(/^SO-2026-0001-contract-ar-/);
    const ws = (await readBook(file)).worksheets[0]!;
    expect(findCell(ws, '销售合同  عقد بيع')).toBeDefined();
    expect(valueAfter(ws, '买方 المشتري')).toBe('Al Noor Trading\n光明贸易\nDeira, Dubai\nUnited Arab Emirates');
    await expect.poll(() => page.locator('.toast', { hasText: 'contract' }).first().textContent()).toContain('Exported SO-2026-0001-contract-ar-');
  });

  it('exports the statement from the balances screen, closing on the balance shown there', async () => {
    await page.goto(`${app.server.url}#balances`);
    await gridReady(page);
    const shown = await text(page, balanceCell(page, 'Al Noor Trading', 'balance'));
    // 3,000.00 ordered − 1,000.00 paid (the screen's own formatting: digits and a decimal point here)
    const shownNumber = Number(shown.replace(/[^\d.-]/g, ''));
    expect(shownNumber).toBe(2000);
    await balanceCell(page, 'Al Noor Trading', 'balance').click();
    await page.click('[data-action=statement]');
    await page.locator('[data-testid=statement-dialog]').waitFor();
    await page.fill('#statement-from', '2026-11-01');
    await app.shot('04-statement-dialog');
    const file = await downloadFrom('statement-dialog');
    const ws = (await readBook(file)).worksheets[0]!;
    expect(findCell(ws, '对账单  كشف حساب')).toBeDefined();
    const closing = findCell(ws, '期末余额 الرصيد الختامي')!;
    expect(ws.getRow(Number(closing.row)).getCell(6).value).toBe(shownNumber);
    await expect.poll(() => page.locator('.toast', { hasText: 'closing balance' }).first().textContent()).toContain('USD closing balance 2000.00');
    await app.shot('05-statement-exported');
  });

  it('had no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
