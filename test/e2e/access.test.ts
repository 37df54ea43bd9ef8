/**
 * Users, roles and lock in the browser: the owner sets a PIN and adds a clerk in Settings → Users, signs out;
 * the clerk signs in on the PIN screen (keyboard), sees no purchase price on a purchase order or a product
 * and cannot open Settings; after the idle minutes the app locks (the page's clock is moved forward) and the
 * same clerk signing in again finds the unsaved order form as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiArg, ApiName, ApiResult } from '../../shared/api';
import { openBrowserApp, type BrowserApp } from './harness';
import { gridReady } from './ui';

const OWNER_PIN = '246810';
const CLERK_PIN = '493817';
let app: BrowserApp;
let poId = 0;

/** The core as the owner once sign-in is on (the harness's app.call has no session). */
async function asOwner<N extends ApiName>(name: N, arg: ApiArg<N>): Promise<ApiResult<N>> {
  const core = app.server.core;
  const s = await core.call('auth.signIn', { userId: 1, pin: OWNER_PIN });
  if (!s.ok) throw new Error(s.error.message);
  const r = await core.call(name, arg, s.value.session);
  await core.call('auth.signOut', {}, s.value.session);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  app = await openBrowserApp({ name: 'access' });
  await app.call('company.setup', { nameZh: '义乌星辰贸易商行', baseCurrency: 'CNY', language: 'zh' });
  const buyer = await app.call('parties.create', { roles: ['customer'], nameEn: 'Olga Petrova' });
  const stall = await app.call('parties.create', { roles: ['supplier'], nameZh: '玩具摊位' });
  const toy = await app.call('products.create', { itemNo: 'T-1', nameZh: '玩具车', defaultPrice: '2.7182', currency: 'CNY', supplierId: stall.id });
  const po = await app.call('orders.create', { kind: 'purchase', partyId: stall.id, orderDate: '2026-11-21', currency: 'CNY', rate: '1', lines: [{ productId: toy.id, quantity: '100', unitPrice: '3.1415' }] });
  await app.call('orders.confirm', { id: po.id });
  poId = po.id;
  await app.call('orders.create', { kind: 'sales', partyId: buyer.id, orderDate: '2026-11-22', currency: 'CNY', rate: '1', lines: [{ productId: toy.id, quantity: '10', unitPrice: '5.55' }] });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('users, roles and lock', () => {
  it('the owner sets a PIN and adds a clerk, then signs out', async () => {
    const { page } = app;
    await page.goto(`${app.server.url}#settings`);
    expect(await page.locator('[data-testid=current-user]').count()).toBe(0); // no sign-in yet: nothing changes
    await page.click('[data-action=set-owner-pin]');
    await page.locator('#pin-new').fill(OWNER_PIN);
    await page.locator('#pin-again').fill('246811');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#pin-again-error')).toBe('两次输入的密码不一样');
    await page.locator('#pin-again').fill(OWNER_PIN);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=users-section] .users-table').waitFor();
    await expect.poll(() => page.textContent('[data-testid=current-user]')).toContain('老板');

    await page.click('[data-action=add-clerk]');
    await page.locator('#clerk-name').fill('小王');
    await page.locator('#clerk-pin').fill(CLERK_PIN);
    await page.locator('#clerk-again').fill(CLERK_PIN);
    await page.keyboard.press('Enter');
    await page.locator('.users-table tr[data-user="小王"]').waitFor();
    await app.shot('01-users');

    await page.click('[data-action=sign-out]');
    await page.locator('[data-screen=signin]').waitFor();
    expect(await page.locator('.toast').count()).toBe(0); // the next user does not read the owner's messages
    expect(await page.locator('.signin-users [role=radio]').allTextContents()).toEqual(['老板', '小王店员']);
    await app.shot('02-signin');
  });

  it('the clerk signs in by keyboard, sees no purchase prices and cannot open Settings', async () => {
    const { page } = app;
    await page.click('.signin-users [data-user="小王"]');
    await page.keyboard.type('000000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#signin-error')).toBe('密码不对（还能试 4 次）');
    await app.shot('03-wrong-pin');
    await page.keyboard.type(CLERK_PIN);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('[data-testid=current-user]')).toContain('小王');

    // no Settings, history, reports or imports in the navigation; the address alone shows why not
    expect(await page.locator('[data-nav=settings], [data-nav=history], [data-nav=reports], [data-nav=imports]').count()).toBe(0);
    await page.goto(`${app.server.url}#settings`);
    await page.locator('[data-screen=forbidden]').waitFor();
    expect(await page.textContent('[data-screen=forbidden]')).toContain('只有老板能看');
    await app.shot('04-settings-forbidden');

    // the purchase orders list: the order is there, without amount columns
    await page.goto(`${app.server.url}#orders/purchase`);
    await gridReady(page);
    await expect.poll(() => page.locator('.ag-row .ag-cell[col-id="no"]').first().textContent()).toBe('PO-2026-0001');
    expect(await page.locator('.ag-header-cell[col-id="amount"], .ag-header-cell[col-id="unpaid"]').count()).toBe(0);
    expect((await page.textContent('main')) ?? '').not.toContain('314.15');
    expect(await page.locator('[data-action=new-order]').count()).toBe(0);
    await app.shot('05a-purchase-list');

    // the purchase order: lines and quantities, no price or amount
    await page.goto(`${app.server.url}#orders/${poId}`);
    await gridReady(page, '.line-grid');
    await expect.poll(() => page.locator('.line-grid .ag-row[row-index="0"] .ag-cell[col-id="quantity"]').textContent()).toContain('100');
    const poText = (await page.textContent('main')) ?? '';
    for (const secret of ['3.1415', '314.15', '314.2']) expect(poText).not.toContain(secret);
    expect(await page.locator('[data-action=cancel], [data-action=delete], [data-action=save]').count()).toBe(0);
    expect(await page.locator('.toast.error, .toast-error').allTextContents()).toEqual([]); // nothing the page asked for was refused
    await app.shot('05-purchase-order');

    // products: no default price column, no price in the form
    await page.goto(`${app.server.url}#products`);
    await gridReady(page);
    await expect.poll(() => page.locator('.ag-row[row-index="0"] .ag-cell[col-id="itemNo"]').textContent()).toBe('T-1');
    expect(await page.locator('.ag-header-cell[col-id="defaultPrice"]').count()).toBe(0);
    expect((await page.textContent('main')) ?? '').not.toContain('2.7182');
    expect(await page.locator('[data-action=delete]').isDisabled()).toBe(true);
    expect(await page.locator('[data-action=history], [data-action=import-excel]').count()).toBe(0);
    await app.shot('06-products');
    expect(app.pageErrors).toEqual([]);
  });

  it('locks after the idle minutes; the same clerk signing in again finds the unsaved form', async () => {
    const { page } = app;
    await asOwner('users.setIdleMinutes', { idleMinutes: 1 });
    await page.goto(`${app.server.url}#orders/new?kind=sales`);
    await page.reload(); // reads the new idle minutes; the tab's session keeps the clerk signed in
    await page.locator('#order-notes').fill('等老板确认颜色');
    // move the page's clock two minutes on: the next idle check (every 5 s) locks the app
    await page.evaluate(() => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + 2 * 60_000;
    });
    await page.locator('.lock-overlay [data-screen=signin]').waitFor({ timeout: 15_000 });
    expect(await page.textContent('.signin-reason')).toContain('1 分钟没有操作');
    expect(await page.textContent('.signin-unsaved')).toContain('还有没保存的修改');
    await app.shot('07-locked');
    // the core's session is over too
    const sessions = await page.evaluate(() => sessionStorage.getItem('trade-records.session'));
    expect((await app.server.core.call('parties.list', {}, sessions ?? undefined)).ok).toBe(false);

    await page.keyboard.type(CLERK_PIN);
    await page.keyboard.press('Enter');
    await page.locator('.lock-overlay').waitFor({ state: 'detached' });
    expect(await page.inputValue('#order-notes')).toBe('等老板确认颜色');
    await app.shot('08-unlocked-form-kept');
    expect(app.pageErrors).toEqual([]);
  });
});
