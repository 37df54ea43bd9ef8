/**
 * The products screen shows stock on hand and the import tax rates; the product form keeps the rates and
 * has the product's photos and attachments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserApp, type BrowserApp } from './harness';
import { cell, gridReady } from './ui';

let app: BrowserApp;

beforeAll(async () => {
  app = await openBrowserApp({ name: 'products-stock' });
  await app.call('company.setup', { nameZh: '义乌星辰贸易商行', baseCurrency: 'CNY', language: 'zh' });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('products: stock and import rates', () => {
  it('shows on hand in the grid and keeps the import rates from the form, with attachments', async () => {
    const { page } = app;
    const oil = await app.call('products.create', { itemNo: 'OIL-1', nameZh: '橄榄油', customsUnit: '035', importDutyRate: '10', importVatRate: '9' });
    await app.call('stock.adjust', { productId: oil.id, date: '2026-11-01', quantity: '120.5', reason: '期初库存' });

    await page.goto(`${app.server.url}#products`);
    await gridReady(page);
    await expect.poll(() => cell(page, oil.id, 'onHand').textContent()).toBe('120.5');
    await expect.poll(() => cell(page, oil.id, 'importDutyRate').textContent()).toBe('10');

    await cell(page, oil.id, 'itemNo').click();
    await page.click('[data-action=edit]');
    await page.locator('.panel').waitFor();
    expect(await page.inputValue('#product-importVatRate')).toBe('9');
    await page.fill('#product-importDutyRate', '6.5');
    await page.keyboard.press('Control+s');
    await page.locator('.panel').waitFor({ state: 'detached' });
    expect((await app.call('products.get', { id: oil.id })).importDutyRate).toBe('6.5');

    await cell(page, oil.id, 'itemNo').click();
    await page.click('[data-action=edit]');
    await page.locator('.panel').waitFor();
    await expect.poll(() => page.locator('.panel').textContent()).toContain('图片与附件');
    await app.shot('01-form-attachments');
    expect(app.pageErrors).toEqual([]);
  });
});
