/**
 * End-to-end: the History screen (audit trail) in browser mode, driven in a real Chromium.
 *
 * Set up through the core: a company, a customer whose phone is changed twice, a product created and archived.
 * Through the UI: #history says the trail is complete with the count of entries; the customer's two updates
 * read "电话: old → new"; the kind filter "客户/供应商" leaves only that party's entries; #history/party/<id>
 * shows one record's entries; after an entry is edited with SQL (outside the app) and the page reloaded, the
 * red banner names that entry, its time and record. Screenshots go to /tmp/tr-shots/history-*.png.
 *
 * Needs `npx electron-vite build` first (npm test runs it) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowserApp, type BrowserApp } from './harness';
import { gridReady, text, columnTexts } from './ui';

let app: BrowserApp;
let page: Page;
const ids = { party: 0, product: 0 };

async function openHistory(hash = 'history'): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${app.server.url}#${hash}`);
  await page.locator('[data-screen=history] [data-testid=history-verify]').waitFor();
  await gridReady(page, '[data-screen=history]');
}

const column = (colId: string) => columnTexts(page, '[data-screen=history]', colId);

beforeAll(async () => {
  app = await openBrowserApp({ name: 'history' });
  page = app.page;
  await app.call('company.setup', { nameZh: '义乌环球贸易商行', nameEn: 'Yiwu Global Trading', baseCurrency: 'CNY', language: 'zh' });
  ids.party = (await app.call('parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC', country: 'ARE', phone: '+971 50 111 2222' })).id;
  await app.call('parties.update', { id: ids.party, patch: { phone: '+971 50 333 4444' } });
  await app.call('parties.update', { id: ids.party, patch: { phone: '+971 55 999 0000' } });
  ids.product = (await app.call('products.create', { itemNo: '20260301', nameZh: '塑料玩具车', nameEn: 'Plastic toy car' })).id;
  await app.call('products.archive', { id: ids.product, archived: true });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('history screen', () => {
  it('shows the whole trail, complete, with readable changes', async () => {
    await openHistory();
    const total = (await app.call('history.list', {})).length;
    expect(await text(page, '[data-testid=history-verify]')).toBe(`修改记录完整，共 ${total} 条`);
    await expect.poll(() => column('changes')).toContain('电话: +971 50 111 2222 → +971 50 333 4444');
    const changes = await column('changes');
    expect(changes).toContain('电话: +971 50 333 4444 → +971 55 999 0000');
    expect(changes).toContain('已归档: 否 → 是');
    const actions = await column('action');
    expect(actions).toEqual(expect.arrayContaining(['新增', '修改', '归档']));
    const records = await column('record');
    expect(records).toContain(`客户/供应商 #${ids.party}`);
    expect(records).toContain(`商品 #${ids.product}`);
    await app.shot('01-all');
    expect(app.pageErrors).toEqual([]);
  });

  it('filters by kind of record and by one record', async () => {
    await openHistory();
    await page.selectOption('#history-kind', 'party');
    await expect.poll(async () => [...new Set(await column('record'))]).toEqual([`客户/供应商 #${ids.party}`]);
    expect(await column('action')).toEqual(['修改', '修改', '新增']);
    await app.shot('02-party');

    await openHistory(`history/product/${ids.product}`);
    await expect.poll(() => column('action')).toEqual(['归档', '新增']);
    expect(await text(page, '[data-testid=history-record]')).toContain(`商品 #${ids.product}`);
    expect(await text(page, '#history-title')).toBe(`修改记录：商品 #${ids.product}`);
    await app.shot('03-record');

    // a day with nothing: the hint says so
    await openHistory();
    await page.fill('#history-from', '2001-01-01');
    await page.fill('#history-to', '2001-01-02');
    await expect.poll(() => text(page, '[data-testid=history-empty]')).toBe('没有符合条件的记录，换个类别或日期试试。');
    expect(app.pageErrors).toEqual([]);
  });

  it('shows the break in red after an entry was edited outside the app', async () => {
    const entries = await app.call('history.list', { entity: 'party', entityId: ids.party });
    const edited = entries.find((e) => e.action === 'update');
    if (!edited) throw new Error('no update entry');
    app.server.core.db.prepare(`UPDATE audit_log SET changes = '{}' WHERE id = ?`).run(edited.id);
    await openHistory();
    const banner = page.locator('[data-testid=history-verify]');
    expect(await banner.getAttribute('class')).toContain('history-broken');
    const said = await text(page, banner);
    expect(said).toContain(`第 ${edited.id} 条`);
    expect(said).toContain(`客户/供应商 #${ids.party}`);
    const d = new Date(edited.at);
    const p = (n: number) => String(n).padStart(2, '0');
    expect(said).toContain(`${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`);
    await app.shot('04-broken');
    expect(app.pageErrors).toEqual([]);
  });
});
