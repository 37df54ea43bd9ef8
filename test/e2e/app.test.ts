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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowserApp, type BrowserApp } from './harness';
import { cell, editCell, gridReady, pick } from './ui';

let app: BrowserApp;
let page: Page;

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

async function reload(): Promise<void> {
  await page.reload();
  await gridReady(page);
}

const uiState = (key: string): Promise<unknown> => app.call('ui.get', { key });

beforeAll(async () => {
  app = await openBrowserApp();
  page = app.page;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('Trade Records in browser mode', () => {
  it('asks for the company on first start, shows field errors, then opens the app', async () => {
    await page.goto(app.server.url);
    await page.locator('form.setup-card').waitFor();
    // the page carries the CSP and got the session token from the server
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("script-src 'self'");
    expect(await page.getAttribute('meta[name="trade-records-token"]', 'content')).toBe(app.server.token);
    // Chinese system -> Chinese UI, base currency CNY by default
    expect(await page.inputValue('#setup-language')).toBe('zh');
    expect(await page.getAttribute('#setup-baseCurrency', 'data-value')).toBe('CNY');
    await app.shot('01-setup');

    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('#setup-nameZh-error')).toContain('至少填写一个');
    expect(await page.getAttribute('#setup-nameZh', 'aria-invalid')).toBe('true');
    await app.shot('02-setup-error');

    await page.fill('#setup-nameZh', '义乌小商品贸易有限公司');
    await page.fill('#setup-nameEn', 'Yiwu Small Goods Trading Co.');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('[data-testid=company-name]')).toBe('义乌小商品贸易有限公司');
    // the home screen comes first; the parties screen is one click away
    await page.click('[data-nav=parties]');
    await gridReady(page);
    const company = await app.server.core.call('company.get', {});
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
    await pick(page, '#party-country', 'chn');
    expect(await page.inputValue('#party-country')).toBe('CHN 中国 China');
    await page.fill('#party-phone', '+971 50 123 4567');
    await page.fill('#party-idDocNo', 'P1234567');
    await pick(page, '#party-nationality', '阿联酋');
    await page.fill('#party-booth', '国际商贸城 2区 12街 34567');
    await app.shot('03-party-form');
    await page.keyboard.press('Control+s');
    await page.locator('.panel').waitFor({ state: 'detached' });

    await expect.poll(() => cell(page, 1, 'nameEn').textContent()).toBe('Ali Trading LLC');
    expect(await cell(page, 1, 'roles').textContent()).toBe('客户');
    expect(await cell(page, 1, 'country').textContent()).toBe('CHN 中国');
    expect(await cell(page, 1, 'nationality').textContent()).toBe('ARE 阿联酋');

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
    await cell(page, 1, 'phone').click(); // Ctrl+F works from inside the grid too
    await page.keyboard.press('Control+f');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('search');
    await page.keyboard.type('Ali');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 1 条');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');
    // arrow down from the search box goes to the first row of the list
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.ag-cell')))).toBe(true);
    await app.shot('04-parties');
  });

  it('refuses a product with a bad HS code next to the field, then saves it with the right one', async () => {
    await page.click('[data-nav=products]');
    await gridReady(page);
    await page.click('[data-action=add]');
    await page.locator('.panel').waitFor();
    await page.fill('#product-itemNo', 'A-1001');
    await page.fill('#product-nameZh', '塑料玩具车');
    await page.fill('#product-nameEn', 'Plastic toy car');
    await page.fill('#product-hsCode', '9503');
    await pick(page, '#product-customsUnit', '007');
    expect(await page.inputValue('#product-customsUnit')).toBe('007 个');
    await page.fill('#product-cartonLengthCm', '60');
    await page.fill('#product-cartonWidthCm', '40');
    await page.fill('#product-cartonHeightCm', '50');
    expect(await page.inputValue('#product-cbmPerCarton')).toBe('0.1200');
    await page.fill('#product-pcsPerCarton', '240');
    await page.fill('#product-grossKgPerCarton', '12.5');
    await page.fill('#product-netKgPerCarton', '11');
    await page.fill('#product-defaultPrice', '0.0125');
    await pick(page, '#product-currency', 'usd');
    await pick(page, '#product-supplierId', '玩具');
    await page.click('.panel-buttons button.primary');

    await expect.poll(() => page.textContent('#product-hsCode-error')).toBe('HS编码必须是 10 位数字');
    expect(await page.getAttribute('#product-hsCode', 'aria-invalid')).toBe('true');
    await app.shot('05-product-hs-error');
    const none = await app.server.core.call('products.list', { includeArchived: true });
    expect(none.ok && none.value.length).toBe(0);

    await page.fill('#product-hsCode', '9503008900');
    expect(await page.locator('#product-hsCode-error').count()).toBe(0); // the error goes when the field changes
    await page.click('.panel-buttons button.primary');
    await page.locator('.panel').waitFor({ state: 'detached' });
    await expect.poll(() => cell(page, 1, 'itemNo').textContent()).toBe('A-1001');
    expect(await cell(page, 1, 'cbmPerCarton').textContent()).toBe('0.1200');
    await app.shot('06-products');
  });

  it('shows both records with the right values after a reload', async () => {
    await reload();
    expect(page.url()).toContain('#products');
    await expect.poll(() => cell(page, 1, 'itemNo').textContent()).toBe('A-1001');
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
      await cell(page, 1, col).scrollIntoViewIfNeeded();
      expect(await cell(page, 1, col).textContent(), col).toBe(text);
    }
    await app.shot('07-products-after-reload');

    await page.click('[data-nav=parties]');
    await gridReady(page);
    await expect.poll(() => cell(page, 1, 'nameZh').textContent()).toBe('阿里');
    expect(await cell(page, 1, 'country').textContent()).toBe('CHN 中国');
    expect(await cell(page, 1, 'phone').textContent()).toBe('+971 50 123 4567');
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
    await app.shot('08-parties-layout-kept');
  });

  it('saves an inline edit (Enter, type, Enter) and keeps it after a reload', async () => {
    await editCell(page, cell(page, 1, 'wechat'), 'ali_wx_2024');
    await expect.poll(() => page.textContent('.toasts')).toContain('已保存：微信');
    const saved = await app.server.core.call('parties.get', { id: 1 });
    expect(saved.ok && saved.value.wechat).toBe('ali_wx_2024');

    // Esc cancels an edit (one press, also in the code picker): the value stays
    await cell(page, 1, 'country').click();
    await page.keyboard.press('Enter');
    await page.locator('.cell-combo input').waitFor();
    await page.keyboard.type('usa');
    await page.keyboard.press('Escape');
    await page.locator('.cell-combo').waitFor({ state: 'detached' });
    expect(await cell(page, 1, 'country').textContent()).toBe('CHN 中国');

    // the code picker in a cell: type part of the name, Enter takes it and saves
    await cell(page, 1, 'nationality').click();
    await page.keyboard.press('Enter');
    await page.locator('.cell-combo input').waitFor();
    await page.keyboard.type('俄罗斯');
    await app.shot('09-cell-picker');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(page, 1, 'nationality').textContent()).toBe('RUS 俄罗斯联邦');
    await expect.poll(async () => {
      const r = await app.server.core.call('parties.get', { id: 1 });
      return r.ok ? r.value.nationality : r.error.message;
    }).toBe('RUS');

    await reload();
    await expect.poll(() => cell(page, 1, 'wechat').textContent()).toBe('ali_wx_2024');
    expect(await cell(page, 1, 'nationality').textContent()).toBe('RUS 俄罗斯联邦');
  });

  it('refuses to delete a supplier a product uses, and archives it instead', async () => {
    await cell(page, 2, 'nameZh').click();
    await page.click('[data-action=delete]');
    await page.locator('[role=alertdialog]').waitFor();
    expect(await page.textContent('[role=alertdialog]')).toContain('义乌玩具厂');
    await app.shot('10-delete-confirm');
    await page.click('[role=alertdialog] button.danger');
    await expect.poll(() => page.textContent('.toast-error')).toContain('请改为“归档”');
    const still = await app.server.core.call('parties.get', { id: 2 });
    expect(still.ok).toBe(true);
    await page.click('.toast-error .toast-close');

    await page.click('[data-action=archive]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 1 条');
    await page.check('[name=includeArchived]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');
    await expect.poll(() => page.getAttribute('.ag-row[row-id="2"]', 'class')).toContain('row-archived');
    await app.shot('10-archived-shown');
    await cell(page, 2, 'nameZh').click();
    await expect.poll(() => page.textContent('[data-action=archive]')).toBe('取消归档');
    await page.click('[data-action=archive]');
    await expect.poll(async () => {
      const r = await app.server.core.call('parties.get', { id: 2 });
      return r.ok && r.value.archived;
    }).toBe(false);
    await page.uncheck('[name=includeArchived]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');
  });

  it('reports an inline edit the core refuses and puts the old value back', async () => {
    await page.click('[data-nav=products]');
    await gridReady(page);
    await cell(page, 1, 'hsCode').scrollIntoViewIfNeeded();
    await editCell(page, cell(page, 1, 'hsCode'), '12345');
    await expect.poll(() => page.textContent('.toast-error')).toContain('HS编码：HS编码必须是 10 位数字');
    await expect.poll(() => cell(page, 1, 'hsCode').textContent()).toBe('9503008900');
    await app.shot('11-inline-error');
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
    await gridReady(page);
    await expect.poll(async () => (await headerOrder())[0]).toBe('phone'); // layout survives the language switch
    expect(await cell(page, 1, 'country').textContent()).toBe('CHN China');
    await app.shot('12-parties-en');
    await cell(page, 1, 'nameZh').click();
    await page.click('[data-action=edit]');
    await page.locator('.panel').waitFor();
    await app.shot('13-party-edit-en');
    await page.keyboard.press('Escape');
    await page.locator('.panel').waitFor({ state: 'detached' });
  });

  it('had no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
