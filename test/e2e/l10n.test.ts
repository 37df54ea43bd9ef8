/**
 * The UI languages in the browser: Arabic chosen in Settings turns the whole page right to left
 * (<html dir="rtl" lang="ar">, the navigation on the right, AG Grid in its RTL mode (.ag-rtl) with its first
 * column on the right) while item numbers and HS codes stay left to right; the choice is this user's and survives a
 * reload; Russian writes money with its own separators ("1 234,50") and dates as 02.11.2026, and a price
 * typed the Russian way ("1 234,5") is read back exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserApp, type BrowserApp } from './harness';
import { cell, editCell, gridReady, text } from './ui';

let app: BrowserApp;
let productId: number;
let orderId: number;

beforeAll(async () => {
  app = await openBrowserApp({ name: 'l10n' });
  await app.call('company.setup', { nameZh: '义乌星辰贸易商行', nameEn: 'Yiwu Star Trading', baseCurrency: 'CNY', language: 'zh' });
  const buyer = await app.call('parties.create', { roles: ['customer'], nameEn: 'Al Noor Trading', country: 'ARE' });
  productId = (await app.call('products.create', { itemNo: 'A-1001', nameZh: '塑料收纳盒', nameEn: 'Storage box', hsCode: '3924100000' })).id;
  orderId = (await app.call('orders.create', { kind: 'sales', partyId: buyer.id, orderDate: '2026-11-02', currency: 'USD', rate: '7.1', lines: [{ productId, quantity: '10', unitPrice: '123.45' }] })).id;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

const htmlAttr = (name: string) => app.page.evaluate((n) => document.documentElement.getAttribute(n), name);

/** The col-ids of a grid's header cells from left to right on screen. */
async function headerOrderOnScreen(scope: string): Promise<string[]> {
  return app.page.evaluate((s) => {
    const cells = [...document.querySelectorAll<HTMLElement>(`${s} .ag-header-row-column .ag-header-cell[col-id]`)];
    return cells.sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left).map((c) => c.getAttribute('col-id') ?? '');
  }, scope);
}

/** The col-ids of the grid's headers whose text is cut off (wider or taller than its box). */
const cutHeaders = () =>
  app.page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.grid-host .ag-header-cell[col-id]')]
      .filter((c) => {
        const label = c.querySelector<HTMLElement>('.ag-header-cell-text');
        return label && (label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1);
      })
      .map((c) => c.getAttribute('col-id')),
  );

describe('UI languages', () => {
  it('switches to Arabic in Settings: right to left page and grid, codes left to right, kept after a reload', async () => {
    const { page } = app;
    await page.goto(`${app.server.url}#settings`);
    await page.locator('#prefs-language').waitFor();
    expect(await htmlAttr('dir')).toBe('ltr');
    await page.selectOption('#prefs-language', 'ar');
    await expect.poll(() => htmlAttr('dir')).toBe('rtl');
    expect(await htmlAttr('lang')).toBe('ar');
    // the language is the user's (ui state), not the company default
    expect(await app.call('ui.get', { key: 'language' })).toBe('ar');
    expect((await app.call('company.get', {}))?.language).toBe('zh');
    // the navigation moved to the right of the screen
    const nav = await page.locator('.app-nav').boundingBox();
    const main = await page.locator('.app-main').boundingBox();
    expect(nav && main && nav.x > main.x).toBe(true);
    await app.shot('01-settings-ar');

    await page.click('[data-nav=products]');
    await gridReady(page);
    await expect.poll(() => page.locator('.grid-host .ag-rtl').count()).toBe(1);
    // mirrored: the first column (item no.) is the rightmost on screen
    const order = await headerOrderOnScreen('.grid-host');
    expect(order.at(-1)).toBe('itemNo');
    expect(order.indexOf('nameZh')).toBe(order.length - 2);
    // an item no. and an HS code read left to right inside the Arabic page
    const item = cell(page, productId, 'itemNo');
    expect(await text(page, item)).toBe('A-1001');
    expect(await item.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('plaintext');
    expect(await text(page, cell(page, productId, 'hsCode'))).toBe('3924100000');
    await app.shot('02-products-ar');

    // an amount in an Arabic grid: Latin digits, isolated left to right, in a left-to-right cell
    await page.click('[data-nav=orders]');
    await gridReady(page);
    const amount = cell(page, orderId, 'amount');
    await expect.poll(() => text(page, amount)).toBe('\u20661,234.50\u2069');
    expect(await amount.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await text(page, cell(page, orderId, 'no'))).toMatch(/^SO-\d{4}-0001$/);
    await app.shot('03-orders-ar');

    // the Balances grid: every Arabic header (currency, aging buckets, unapplied) is read whole, none cut off
    await page.click('[data-nav=balances]');
    await gridReady(page);
    await app.shot('03b-balances-ar');
    expect(await cutHeaders()).toEqual([]);

    await page.reload();
    await gridReady(page);
    expect(await htmlAttr('dir')).toBe('rtl');
    await expect.poll(() => page.locator('.grid-host .ag-rtl').count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('switches to Russian: left to right, money written "1 234,50", dates 02.11.2026, a price typed "1 234,5" read back', async () => {
    const { page } = app;
    await page.goto(`${app.server.url}#settings`);
    await page.selectOption('#prefs-language', 'ru');
    await expect.poll(() => htmlAttr('dir')).toBe('ltr');
    expect(await htmlAttr('lang')).toBe('ru');
    const group = await page.evaluate(() => new Intl.NumberFormat('ru-RU').formatToParts(1234).find((p) => p.type === 'group')?.value ?? '');
    expect(group).toMatch(/^[\u00a0\u202f]$/);

    await page.click('[data-nav=orders]');
    await gridReady(page);
    await expect.poll(() => text(page, cell(page, orderId, 'amount'))).toBe(`1${group}234,50`);
    expect(await text(page, cell(page, orderId, 'orderDate'))).toBe('02.11.2026');
    await app.shot('04-orders-ru');

    // a price typed the Russian way (no-break space, decimal comma) is read back exactly
    await page.click('[data-nav=products]');
    await gridReady(page);
    await editCell(page, cell(page, productId, 'defaultPrice'), '1\u00a0234,5');
    await expect.poll(async () => (await app.call('products.get', { id: productId })).defaultPrice).toBe('1234.5');
    await expect.poll(() => text(page, cell(page, productId, 'defaultPrice'))).toBe(`1${group}234,5`);

    await page.click('[data-nav=balances]');
    await gridReady(page);
    await app.shot('05-balances-ru');
    expect(await cutHeaders()).toEqual([]);

    await page.click('[data-nav=orders]');
    await page.reload();
    await gridReady(page);
    expect(await htmlAttr('lang')).toBe('ru');
    await expect.poll(() => text(page, cell(page, orderId, 'amount'))).toBe(`1${group}234,50`);
    expect(app.pageErrors).toEqual([]);
  });
});
