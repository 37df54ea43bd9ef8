/**
 * End-to-end (issue 6, "safe"): the Undo control in the header, in browser mode, in a real Chromium.
 *
 * A customer's phone is changed (through the core the page talks to); the header reads "撤销：修改 客户/供应商
 * <name>"; Ctrl+Z pressed outside a text field undoes it: a toast says what was undone, the grid shows the old
 * phone, the trail holds an "undo" entry and the button moves on to the change before. Ctrl+Z inside a text
 * field is left to the field. Screenshots go to /tmp/tr-shots/safety-*.png.
 *
 * Needs `npx electron-vite build` first (npm test runs it) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowserApp, type BrowserApp } from './harness';
import { cell, gridReady, text } from './ui';

let app: BrowserApp;
let page: Page;
const ids = { party: 0 };

beforeAll(async () => {
  app = await openBrowserApp({ name: 'safety' });
  page = app.page;
  await app.call('company.setup', { nameZh: '义乌环球贸易商行', baseCurrency: 'CNY', language: 'zh' });
  ids.party = (await app.call('parties.create', { roles: ['supplier'], nameZh: '义乌某某玩具', phone: '13800000001' })).id;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('undo in the window', () => {
  it('shows what the next undo reverses and undoes it with Ctrl+Z outside text fields', async () => {
    await app.call('parties.update', { id: ids.party, patch: { phone: '13900000002' } });
    await page.goto(`${app.server.url}#parties`);
    await gridReady(page);
    const undo = page.locator('[data-action=undo]');
    await expect.poll(() => text(page, undo)).toBe('↶ 撤销：修改 客户/供应商 义乌某某玩具');
    await expect.poll(() => text(page, cell(page, ids.party, 'phone'))).toBe('13900000002');
    await app.shot('01-undo-ready');

    // Ctrl+Z in the search field is the field's own text undo: nothing is undone
    await page.locator('.app-main input').first().focus();
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(300);
    expect((await app.call('parties.get', { id: ids.party })).phone).toBe('13900000002');

    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(() => text(page, '.toast-success .toast-text')).toBe('已撤销：修改 客户/供应商 义乌某某玩具');
    await expect.poll(() => text(page, cell(page, ids.party, 'phone'))).toBe('13800000001');
    expect((await app.call('parties.get', { id: ids.party })).phone).toBe('13800000001');
    const [last] = await app.call('history.list', { limit: 1 });
    expect(last).toMatchObject({ action: 'undo', entity: 'party', entityId: ids.party });
    // the next one back is the party's creation
    await expect.poll(() => text(page, undo)).toBe('↶ 撤销：新增 客户/供应商 义乌某某玩具');
    await app.shot('02-undone');

    // the History screen reads the undo entry
    await page.goto(`${app.server.url}#history/party/${ids.party}`);
    await gridReady(page, '[data-screen=history]');
    await expect.poll(() => page.locator('[data-screen=history] .ag-cell[col-id=changes]').first().textContent()).toMatch(/^撤销第 \d+ 条 \(修改\): 电话: 13900000002 → 13800000001$/);
    expect(app.pageErrors).toEqual([]);
  });
});
