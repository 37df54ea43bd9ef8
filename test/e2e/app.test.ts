/**
 * End-to-end: the built renderer (out/renderer) in browser mode, driven in a real Chromium.
 *
 * Starts the HTTP server in-process on a free port with a fresh data folder, then goes through what a
 * shop owner does on the first day: set up the company, add a customer and a supplier, add a product
 * (with a wrong HS code first), reload, rearrange the grid, edit a cell, switch the language. After each
 * reload it checks that what was saved is still there. Screenshots go to /tmp/tr-shots (TR_SHOTS to change).
 *
 * Needs `npx electron-vite build` first (npm test runs it) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../electron/server';

const ROOT = path.resolve(__dirname, '..', '..');
const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
const SHOTS = process.env.TR_SHOTS ?? '/tmp/tr-shots';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let server: RunningServer;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];

/** One grid cell by record id and column id (AG Grid puts row-id on rows and col-id on cells). */
const cell = (rowId: number, colId: string): Locator => page.locator(`.ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`).first();

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Pick an entry of a searchable picker by typing part of it and pressing Enter. */
async function pick(selector: string, typed: string): Promise<void> {
  await page.click(selector);
  await page.keyboard.type(typed);
  await page.locator('.combo-list [role=option]').first().waitFor();
  await page.keyboard.press('Enter');
}

/** Column ids of the header in the order shown. */
async function headerOrder(): Promise<string[]> {
  return page.$$eval('.ag-header-row-column .ag-header-cell', (els) =>
    els
      .map((el) => ({ id: el.getAttribute('col-id') ?? '', x: el.getBoundingClientRect().left }))
      .sort((a, b) => a.x - b.x)
      .map((c) => c.id),
  );
}

async function headerWidth(colId: string): Promise<number> {
  const box = await page.locator(`.ag-header-cell[col-id="${colId}"]`).boundingBox();
  if (!box) throw new Error(`no header for ${colId}`);
  return Math.round(box.width);
}

async function gridReady(): Promise<void> {
  await page.locator('.ag-root').waitFor();
  await page.locator('.ag-overlay-loading-center').waitFor({ state: 'detached' }).catch(() => undefined);
}

async function reload(): Promise<void> {
  await page.reload();
  await gridReady();
}

async function uiState(key: string): Promise<unknown> {
  const r = await server.core.call('ui.get', { key });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: build the app first with "npx electron-vite build" (npm test does it).`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-e2e-'));
  server = await startServer({ dataDir, port: 0, rendererDir: RENDERER_DIR });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  page.setDefaultTimeout(8000);
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A refused call (HTTP 400 for a validation error) is logged by the browser as a failed resource: expected.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) {
      pageErrors.push(`console: ${m.text()}`);
    }
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Trade Records in browser mode', () => {
  it('asks for the company on first start, shows field errors, then opens the app', async () => {
    await page.goto(server.url);
    await page.locator('form.setup-card').waitFor();
    // the page carries the CSP and got the session token from the server
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    expect(await page.getAttribute('meta[name="trade-records-token"]', 'content')).toBe(server.token);
    // Chinese system -> Chinese UI, base currency CNY by default
    expect(await page.inputValue('#setup-language')).toBe('zh');
    expect(await page.getAttribute('#setup-baseCurrency', 'data-value')).toBe('CNY');
    await shot('01-setup');

    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('#setup-nameZh-error')).toContain('至少填写一个');
    expect(await page.getAttribute('#setup-nameZh', 'aria-invalid')).toBe('true');
    await shot('02-setup-error');

    await page.fill('#setup-nameZh', '义乌小商品贸易有限公司');
    await page.fill('#setup-nameEn', 'Yiwu Small Goods Trading Co.');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[data-testid=company-name]')).toBe('义乌小商品贸易有限公司');
    // the home screen comes first; the parties screen is one click away
    await page.click('[data-nav=parties]');
    await gridReady();
    const company = await server.core.call('company.get', {});
    expect(company.ok && company.value?.baseCurrency).toBe('CNY');
  });

  it('adds a customer (country picked from the list) and a supplier in the side form', async () => {
    await page.click('[data-action=add]');
    await page.locator('.panel').waitFor();
    // the core refuses a party without a role: the error shows next to the roles
    await page.fill('#party-nameZh', '阿里');
    await page.click('.panel-buttons button.primary');
    await expect.poll(() => page.textContent('#party-roles-error')).toContain('至少选择一个角色');

    await page.fill('#party-nameEn', 'Ali Trading LLC');
    await page.check('#party-roles'); // first role: customer
    await pick('#party-country', 'chn');
    expect(await page.inputValue('#party-country')).toBe('CHN 中国 China');
    await page.fill('#party-phone', '+971 50 123 4567');
    await page.fill('#party-idDocNo', 'P1234567');
    await pick('#party-nationality', '阿联酋');
    await page.fill('#party-booth', '国际商贸城 2区 12街 34567');
    await shot('03-party-form');
    await page.keyboard.press('Control+s');
    await page.locator('.panel').waitFor({ state: 'detached' });

    await expect.poll(() => cell(1, 'nameEn').textContent()).toBe('Ali Trading LLC');
    expect(await cell(1, 'roles').textContent()).toBe('客户');
    expect(await cell(1, 'country').textContent()).toBe('CHN 中国');
    expect(await cell(1, 'nationality').textContent()).toBe('ARE 阿联酋');

    // a supplier, for the product
    await page.click('[data-action=add]');
    await page.fill('#party-nameZh', '义乌玩具厂');
    await page.check('#party-roles-supplier');
    await page.fill('#party-booth', '国际商贸城 1区 5街 1024');
    await page.click('.panel-buttons button.primary');
    await page.locator('.panel').waitFor({ state: 'detached' });
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');

    // role filter and search
    await page.click('[data-role=supplier]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 1 条');
    await page.click('[data-role=all]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');
    await cell(1, 'phone').click(); // Ctrl+F works from inside the grid too
    await page.keyboard.press('Control+f');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('search');
    await page.keyboard.type('Ali');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 1 条');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');
    // arrow down from the search box goes to the first row of the list
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.ag-cell')))).toBe(true);
    await shot('04-parties');
  });

  it('refuses a product with a bad HS code next to the field, then saves it with the right one', async () => {
    await page.click('[data-nav=products]');
    await gridReady();
    await page.click('[data-action=add]');
    await page.locator('.panel').waitFor();
    await page.fill('#product-itemNo', 'A-1001');
    await page.fill('#product-nameZh', '塑料玩具车');
    await page.fill('#product-nameEn', 'Plastic toy car');
    await page.fill('#product-hsCode', '9503');
    await pick('#product-customsUnit', '007');
    expect(await page.inputValue('#product-customsUnit')).toBe('007 个');
    await page.fill('#product-cartonLengthCm', '60');
    await page.fill('#product-cartonWidthCm', '40');
    await page.fill('#product-cartonHeightCm', '50');
    expect(await page.inputValue('#product-cbmPerCarton')).toBe('0.1200');
    await page.fill('#product-pcsPerCarton', '240');
    await page.fill('#product-grossKgPerCarton', '12.5');
    await page.fill('#product-netKgPerCarton', '11');
    await page.fill('#product-defaultPrice', '0.0125');
    await pick('#product-currency', 'usd');
    await pick('#product-supplierId', '玩具');
    await page.click('.panel-buttons button.primary');

    await expect.poll(() => page.textContent('#product-hsCode-error')).toBe('HS编码必须是 10 位数字');
    expect(await page.getAttribute('#product-hsCode', 'aria-invalid')).toBe('true');
    await shot('05-product-hs-error');
    const none = await server.core.call('products.list', { includeArchived: true });
    expect(none.ok && none.value.length).toBe(0);

    await page.fill('#product-hsCode', '9503008900');
    expect(await page.locator('#product-hsCode-error').count()).toBe(0); // the error goes when the field changes
    await page.click('.panel-buttons button.primary');
    await page.locator('.panel').waitFor({ state: 'detached' });
    await expect.poll(() => cell(1, 'itemNo').textContent()).toBe('A-1001');
    expect(await cell(1, 'cbmPerCarton').textContent()).toBe('0.1200');
    await shot('06-products');
  });

  it('shows both records with the right values after a reload', async () => {
    await reload();
    expect(page.url()).toContain('#products');
    await expect.poll(() => cell(1, 'itemNo').textContent()).toBe('A-1001');
    const expected: Record<string, string> = {
      nameZh: '塑料玩具车',
      hsCode: '9503008900',
      customsUnit: '007 个',
      pcsPerCarton: '240',
      cartonLengthCm: '60',
      cartonWidthCm: '40',
      cartonHeightCm: '50',
      cbmPerCarton: '0.1200',
      grossKgPerCarton: '12.5',
      netKgPerCarton: '11',
      defaultPrice: '0.0125',
      currency: 'USD',
      supplierName: '义乌玩具厂',
    };
    for (const [col, text] of Object.entries(expected)) {
      await cell(1, col).scrollIntoViewIfNeeded();
      expect(await cell(1, col).textContent(), col).toBe(text);
    }
    await shot('07-products-after-reload');

    await page.click('[data-nav=parties]');
    await gridReady();
    await expect.poll(() => cell(1, 'nameZh').textContent()).toBe('阿里');
    expect(await cell(1, 'country').textContent()).toBe('CHN 中国');
    expect(await cell(1, 'phone').textContent()).toBe('+971 50 123 4567');
  });

  it('keeps a moved and resized column after a reload', async () => {
    expect((await headerOrder()).slice(0, 2)).toEqual(['nameZh', 'nameEn']);
    const before = await headerWidth('nameZh');

    // widen "nameZh" by dragging its resize handle
    const handle = await page.locator('.ag-header-cell[col-id="nameZh"] .ag-header-cell-resize').boundingBox();
    if (!handle) throw new Error('no resize handle');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 80, handle.y + handle.height / 2, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => headerWidth('nameZh')).toBeGreaterThan(before + 60);
    const widened = await headerWidth('nameZh');

    // drag the "phone" header to the very left
    const phone = await page.locator('.ag-header-cell[col-id="phone"] .ag-header-cell-label').boundingBox();
    const first = await page.locator('.ag-header-cell[col-id="nameZh"]').boundingBox();
    if (!phone || !first) throw new Error('no header cells');
    await page.mouse.move(phone.x + 20, phone.y + phone.height / 2);
    await page.mouse.down();
    await page.mouse.move(phone.x - 40, phone.y + phone.height / 2, { steps: 5 });
    await page.mouse.move(first.x + 5, first.y + first.height / 2, { steps: 20 });
    await page.waitForTimeout(300);
    await page.mouse.up();
    await expect.poll(headerOrder).toEqual(expect.arrayContaining(['phone']));
    expect((await headerOrder())[0]).toBe('phone');

    // saved in the company file (debounced), then back after a reload
    await expect
      .poll(async () => ((await uiState('grid.parties')) as Array<{ colId: string }> | null)?.[0]?.colId, { timeout: 5000 })
      .toBe('phone');
    await reload();
    await expect.poll(async () => (await headerOrder())[0]).toBe('phone');
    expect(Math.abs((await headerWidth('nameZh')) - widened)).toBeLessThanOrEqual(2);
    await shot('08-parties-layout-kept');
  });

  it('saves an inline edit (Enter, type, Enter) and keeps it after a reload', async () => {
    await cell(1, 'wechat').click();
    await page.keyboard.press('Enter');
    const editor = page.locator('.ag-cell-inline-editing input');
    await editor.waitFor();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('ali_wx_2024');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('.toasts')).toContain('已保存：微信');
    const saved = await server.core.call('parties.get', { id: 1 });
    expect(saved.ok && saved.value.wechat).toBe('ali_wx_2024');

    // Esc cancels an edit (one press, also in the code picker): the value stays
    await cell(1, 'country').click();
    await page.keyboard.press('Enter');
    await page.locator('.cell-combo input').waitFor();
    await page.keyboard.type('usa');
    await page.keyboard.press('Escape');
    await page.locator('.cell-combo').waitFor({ state: 'detached' });
    expect(await cell(1, 'country').textContent()).toBe('CHN 中国');

    // the code picker in a cell: type part of the name, Enter takes it and saves
    await cell(1, 'nationality').click();
    await page.keyboard.press('Enter');
    await page.locator('.cell-combo input').waitFor();
    await page.keyboard.type('俄罗斯');
    await shot('09-cell-picker');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(1, 'nationality').textContent()).toBe('RUS 俄罗斯联邦');
    await expect.poll(async () => {
      const r = await server.core.call('parties.get', { id: 1 });
      return r.ok ? r.value.nationality : r.error.message;
    }).toBe('RUS');

    await reload();
    await expect.poll(() => cell(1, 'wechat').textContent()).toBe('ali_wx_2024');
    expect(await cell(1, 'nationality').textContent()).toBe('RUS 俄罗斯联邦');
  });

  it('refuses to delete a supplier a product uses, and archives it instead', async () => {
    await cell(2, 'nameZh').click();
    await page.click('[data-action=delete]');
    await page.locator('[role=alertdialog]').waitFor();
    expect(await page.textContent('[role=alertdialog]')).toContain('义乌玩具厂');
    await shot('10-delete-confirm');
    await page.click('[role=alertdialog] button.danger');
    await expect.poll(() => page.textContent('.toast-error')).toContain('请改为“归档”');
    const still = await server.core.call('parties.get', { id: 2 });
    expect(still.ok).toBe(true);
    await page.click('.toast-error .toast-close');

    await page.click('[data-action=archive]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 1 条');
    await page.check('[name=includeArchived]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');
    await expect.poll(() => page.getAttribute('.ag-row[row-id="2"]', 'class')).toContain('row-archived');
    await shot('10-archived-shown');
    await cell(2, 'nameZh').click();
    await expect.poll(() => page.textContent('[data-action=archive]')).toBe('取消归档');
    await page.click('[data-action=archive]');
    await expect.poll(async () => {
      const r = await server.core.call('parties.get', { id: 2 });
      return r.ok && r.value.archived;
    }).toBe(false);
    await page.uncheck('[name=includeArchived]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');
  });

  it('reports an inline edit the core refuses and puts the old value back', async () => {
    await page.click('[data-nav=products]');
    await gridReady();
    await cell(1, 'hsCode').scrollIntoViewIfNeeded();
    await cell(1, 'hsCode').click();
    await page.keyboard.press('Enter');
    await page.locator('.ag-cell-inline-editing input').waitFor();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('12345');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('.toast-error')).toContain('HS编码：HS编码必须是 10 位数字');
    await expect.poll(() => cell(1, 'hsCode').textContent()).toBe('9503008900');
    await shot('11-inline-error');
    await page.click('.toast-error .toast-close');
  });

  it('switches to English and keeps the choice', async () => {
    await page.click('[data-lang=en]');
    await expect.poll(() => page.textContent('[data-nav=products]')).toBe('Products');
    await expect.poll(() => uiState('language')).toBe('en');
    await reload();
    await expect.poll(() => page.textContent('.toolbar h1')).toBe('Products');
    expect(await page.locator('.ag-header-cell[col-id="cbmPerCarton"]').textContent()).toContain('CBM / carton');
    await page.click('[data-nav=parties]');
    await gridReady();
    await expect.poll(async () => (await headerOrder())[0]).toBe('phone'); // layout survives the language switch
    expect(await cell(1, 'country').textContent()).toBe('CHN China');
    await shot('12-parties-en');
    await cell(1, 'nameZh').click();
    await page.click('[data-action=edit]');
    await page.locator('.panel').waitFor();
    await shot('13-party-edit-en');
    await page.keyboard.press('Escape');
    await page.locator('.panel').waitFor({ state: 'detached' });
  });

  it('had no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
