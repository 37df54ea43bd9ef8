/**
 * Settings in the browser: the company's 市场采购号 and address are edited and kept; the base currency is
 * refused once orders exist, next to the field; leaving with unsaved changes asks first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserApp, type BrowserApp } from './harness';

let app: BrowserApp;

beforeAll(async () => {
  app = await openBrowserApp();
  await app.call('company.setup', { nameZh: '义乌星辰贸易商行', baseCurrency: 'CNY', language: 'zh' });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('settings', () => {
  it('edits the company and keeps it after a reload', async () => {
    const { page } = app;
    await page.goto(`${app.server.url}#settings`);
    await page.locator('#settings-mpRegNo').fill('3307820001');
    await page.locator('#settings-address').fill('浙江省义乌市福田街道');
    await page.locator('#settings-nameEn').fill('Yiwu Star Trading');
    await page.click('.settings-actions button[type=submit]');
    await expect.poll(() => page.locator('.toast').first().textContent()).toContain('公司资料已保存');
    await app.shot('settings-01-saved');
    expect(await app.call('company.get', {})).toMatchObject({ mpRegNo: '3307820001', address: '浙江省义乌市福田街道', nameEn: 'Yiwu Star Trading' });
    await page.reload();
    expect(await page.inputValue('#settings-mpRegNo')).toBe('3307820001');
    expect(await page.textContent('[data-testid=company-file]')).toContain('company.sqlite');
  });

  it('refuses a new base currency once orders exist, and asks before leaving unsaved changes', async () => {
    const { page } = app;
    const buyer = await app.call('parties.create', { roles: ['customer'], nameEn: 'Buyer' });
    await app.call('orders.create', { kind: 'sales', partyId: buyer.id, orderDate: '2026-11-01', currency: 'CNY', rate: '1', lines: [{ nameZh: '杯子', quantity: '10', unitPrice: '2' }] });
    await page.goto(`${app.server.url}#settings`);
    await page.click('#settings-baseCurrency');
    await page.keyboard.type('USD');
    await page.locator('.combo-list [role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.click('.settings-actions button[type=submit]');
    await expect.poll(() => page.textContent('#settings-baseCurrency-error')).toBe('已有订单、收付款或进口记录后不能再改本位币（它们的本位币金额都是 CNY）');
    await app.shot('settings-02-currency-refused');
    expect((await app.call('company.get', {}))?.baseCurrency).toBe('CNY');

    // unsaved: leaving asks; Cancel stays, Leave goes
    await page.click('[data-nav=parties]');
    await page.locator('[role=alertdialog]').waitFor();
    await app.shot('settings-03-leave-asks');
    await page.keyboard.press('Escape');
    await page.locator('[role=alertdialog]').waitFor({ state: 'detached' });
    expect(page.url()).toContain('#settings');
    await page.click('[data-nav=parties]');
    await page.click('[role=alertdialog] button.danger');
    await expect.poll(() => page.url()).toContain('#parties');
    expect(app.pageErrors).toEqual([]);
  });
});
