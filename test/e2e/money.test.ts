/**
 * End-to-end: payments, balances and the home screen in browser mode, driven in a real Chromium.
 *
 * The company, a buyer with three confirmed USD sales orders (45 days old 1000.00 at 7.1, 10 days old 250.50
 * at 7.15, today's 127.90 at 7.2) and a draft, a second buyer with a 100-day-old CNY order of 3000.00, and a
 * stall with a 70-day-old CNY purchase order of 800.00 are set up through the core. Through the UI: a deposit
 * from the buyer allocated "oldest first", refused amounts (too many decimals, more than an order's unpaid)
 * shown next to their field with nothing written, the deposit edited, a payment out recorded and deleted;
 * then the balances (amounts and aging worked out by hand below) and the home screen.
 *
 * Needs `npx electron-vite build` first and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 * Screenshots go to /tmp/tr-shots/money-*.png (TR_SHOTS to change).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Order } from '../../shared/trade';
import { allocateOldestFirst, convertPreview, negate, sumAmounts, toMinor } from '../../renderer/src/screens/money/money';
import { openBrowserApp, type BrowserApp } from './harness';
import { balanceCell, cell, gridReady, pick, text } from './ui';

let app: BrowserApp;
let page: Page;

/** A day `daysAgo` before today, YYYY-MM-DD in local time (the day the core and the browser call today). */
function day(daysAgo: number): string {
  const d = new Date();
  d.setDate(d.getDate() - daysAgo);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
const TODAY = day(0);

/** A cell of the balances grid, found by the party's name as the user reads it. */
const bcell = (party: string, colId: string): Locator => balanceCell(page, new RegExp(`^${party}$`), colId);

/** The party names of the grid, top to bottom. */
const partyColumn = () =>
  page.$$eval('.ag-row[row-id]', (rows) =>
    rows
      .map((r) => ({ i: Number(r.getAttribute('row-index')), name: r.querySelector('[col-id="partyName"]')?.textContent ?? '' }))
      .sort((a, b) => a.i - b.i)
      .map((r) => r.name),
  );

// the records set up through the core
let buyer: number;
let buyer2: number;
let stall: number;
let so1: Order;
let so2: Order;
let so3: Order;
let draft: Order;
let so4: Order;
let po1: Order;

async function order(kind: 'sales' | 'purchase', partyId: number, orderDate: string, currency: string, rate: string, quantity: string, unitPrice: string, confirm = true): Promise<Order> {
  const o = await app.call('orders.create', { kind, partyId, orderDate, currency, rate, lines: [{ itemNo: 'T-100', nameZh: '塑料玩具车', quantity, unitPrice }] });
  return confirm ? app.call('orders.confirm', { id: o.id }) : o;
}

beforeAll(async () => {
  app = await openBrowserApp({ name: 'money' });
  page = app.page;
  await app.call('company.setup', { nameZh: '义乌小商品贸易有限公司', baseCurrency: 'CNY', language: 'zh' });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('payments, balances and the home screen', () => {
  it('home screen without records: each card says how to get some', async () => {
    await page.goto(app.server.url);
    await page.locator('.dash-grid').waitFor();
    expect(await text(page, '[data-card=today-orders] .dash-empty-text')).toBe('今天还没有订单');
    expect(await text(page, '[data-card=receivables] .dash-empty-text')).toBe('没有未收的货款');
    expect(await text(page, '[data-card=in-transit] .dash-empty-text')).toBe('没有在途的货物');
    expect(await text(page, '[data-card=stock-warnings] .dash-empty-text')).toBe('库存够用');
    expect(await text(page, '[data-quick=recordPaymentIn]')).toBe('+ 登记收款');
    await app.shot('01-dashboard-empty');
    // the empty card's button leads to where such records are made
    await page.click('[data-card=today-orders] .dash-empty button');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#orders/new?kind=sales');
  });

  it('records a deposit allocated oldest first; refused amounts stay in the form with the error next to them', async () => {
    buyer = (await app.call('parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC', country: 'ARE' })).id;
    buyer2 = (await app.call('parties.create', { roles: ['customer'], nameEn: 'Moscow Toys OOO' })).id;
    stall = (await app.call('parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位', booth: '国际商贸城 1区 5街 1024' })).id;
    so1 = await order('sales', buyer, day(45), 'USD', '7.1', '100', '10'); // 1000.00
    so2 = await order('sales', buyer, day(10), 'USD', '7.15', '1', '250.5'); // 250.50
    draft = await order('sales', buyer, day(5), 'USD', '7.15', '1', '99', false); // a draft: not offered
    so4 = await order('sales', buyer2, day(100), 'CNY', '1', '1', '3000'); // 3000.00
    po1 = await order('purchase', stall, day(70), 'CNY', '1', '80', '10'); // 800.00
    so3 = await order('sales', buyer, TODAY, 'USD', '7.2', '10', '12.79'); // 127.90, the last USD rate used
    expect([so1.amount, so2.amount, so3.amount, so4.amount, po1.amount]).toEqual(['1000.00', '250.50', '127.90', '3000.00', '800.00']);

    await page.click('[data-nav=payments]');
    await gridReady(page);
    expect(await text(page, '.grid-empty p')).toContain('还没有收付款记录');
    await page.click('[data-action=new-in]');
    await page.locator('.panel').waitFor();
    // the keyboard starts on the party; the date is today
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pay-partyId');
    expect(await page.inputValue('#pay-payDate')).toBe(TODAY);
    await pick(page, '#pay-partyId', 'Ahmed');
    // currency of the buyer's open orders, its last rate
    await expect.poll(() => page.getAttribute('#pay-currency', 'data-value')).toBe('USD');
    await expect.poll(() => page.inputValue('#pay-rate')).toBe('7.2');
    // the confirmed sales orders, oldest first, with what is unpaid; not the draft
    await expect.poll(() => page.locator('.alloc-table tbody tr').count()).toBe(3);
    expect(await page.$$eval('.alloc-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-order')))).toEqual([so1.no, so2.no, so3.no]);
    expect(await page.locator(`.alloc-table tr[data-order="${draft.no}"]`).count()).toBe(0);
    expect(await text(page, `.alloc-table tr[data-order="${so2.no}"] td:nth-child(4)`)).toBe('250.50');

    // Enter moves on from the party to the amount
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pay-amount');

    // cash for money in: the 1039 hint
    await page.selectOption('#pay-method', 'cash');
    expect(await text(page, '#pay-method-hint')).toBe('1039 市场采购出口的货款不得以现金结算');
    await page.selectOption('#pay-method', 'tt');

    // three decimals for USD: the core refuses, the message is next to the amount, nothing is written
    await page.focus('#pay-amount');
    await page.keyboard.type('600.555');
    await page.click('.panel-buttons button.primary');
    await expect.poll(() => text(page, '#pay-amount-error')).toBe('USD 金额最多 2 位小数');
    expect(await page.getAttribute('#pay-amount', 'aria-invalid')).toBe('true');
    // the form moves the keyboard to the first refused field on the next frame (requestAnimationFrame), not at once
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pay-amount');
    await app.shot('02-amount-error');
    expect(await app.call('payments.list', {})).toEqual([]);

    // a deposit of 600.00 allocated oldest first: all of it goes to the oldest order
    await page.fill('#pay-amount', '600');
    expect(await page.locator('#pay-amount-error').count()).toBe(0);
    expect(await text(page, '#pay-rate-hint')).toBe('1 USD = 7.2 CNY，折合 CNY 4320.00');
    await page.click('[data-action=oldest-first]');
    expect(await page.inputValue(`#pay-alloc-${so1.id}`)).toBe('600.00');
    expect(await page.inputValue(`#pay-alloc-${so2.id}`)).toBe('');
    expect(await page.inputValue(`#pay-alloc-${so3.id}`)).toBe('');
    expect(await text(page, '[data-testid=allocated-total]')).toBe('600.00');
    expect(await text(page, '[data-testid=on-account]')).toBe('0.00');
    await app.shot('03-allocated');

    // more than the second order still owes: the core's message stands on that order's line
    await page.fill(`#pay-alloc-${so2.id}`, '300');
    await page.click('.panel-buttons button.primary');
    await expect.poll(() => text(page, `#pay-alloc-${so2.id}-error`)).toBe(`${so2.no} 只有 250.50 USD 未结清`);
    expect(await page.getAttribute(`#pay-alloc-${so2.id}`, 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#pay-amount')).toBe('600'); // nothing typed is lost
    expect(await page.inputValue(`#pay-alloc-${so1.id}`)).toBe('600.00');
    await app.shot('04-allocation-error');
    expect(await app.call('payments.list', {})).toEqual([]);

    await page.fill(`#pay-alloc-${so2.id}`, '');
    expect(await page.locator(`#pay-alloc-${so2.id}-error`).count()).toBe(0);
    await page.keyboard.press('Control+s');
    await page.locator('.panel').waitFor({ state: 'detached' });

    const [p] = await app.call('payments.list', {});
    expect(p).toMatchObject({ no: `PAY-${TODAY.slice(0, 4)}-0001`, amount: '600.00', baseAmount: '4320.00', unallocated: '0.00' });
    const id = p!.id;
    await expect.poll(() => cell(page, id, 'no').textContent()).toBe(`PAY-${TODAY.slice(0, 4)}-0001`);
    const row = { payDate: TODAY, direction: '收款', partyName: 'Ahmed Trading LLC', amount: '600.00', currency: 'USD', rate: '7.2', baseAmount: '4,320.00', method: 'T/T 电汇', allocations: `${so1.no} 600.00`, unallocated: '0.00' };
    for (const [col, want] of Object.entries(row)) expect(await cell(page, id, col).textContent(), col).toBe(want);
    await app.shot('05-grid');
  });

  it('edits the deposit: its own allocation counts as unpaid again, the rest stays on account', async () => {
    const [p] = await app.call('payments.list', {});
    const id = p!.id;
    // keyboard: Enter on the row opens it
    await cell(page, id, 'partyName').click();
    expect(await page.isEnabled('[data-action=edit]')).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.panel').waitFor();
    expect(await text(page, '.panel-header h2')).toBe(`编辑：${p!.no}`);
    // SO1 owes 400.00 now, plus the 600.00 this payment gave it
    await expect.poll(() => text(page, `.alloc-table tr[data-order="${so1.no}"] td:nth-child(4)`)).toBe('1,000.00');
    expect(await page.inputValue(`#pay-alloc-${so1.id}`)).toBe('600.00');
    await page.fill('#pay-amount', '700');
    await page.fill('#pay-reference', 'TT-0315');
    expect(await text(page, '[data-testid=on-account]')).toBe('100.00');
    await app.shot('06-edit');
    await page.click('.panel-buttons button.primary');
    await page.locator('.panel').waitFor({ state: 'detached' });
    await expect.poll(() => cell(page, id, 'amount').textContent()).toBe('700.00');
    expect(await cell(page, id, 'baseAmount').textContent()).toBe('5,040.00');
    expect(await cell(page, id, 'unallocated').textContent()).toBe('100.00');
    expect(await cell(page, id, 'reference').textContent()).toBe('TT-0315');

    // still there after a reload
    await page.reload();
    await gridReady(page);
    await expect.poll(() => cell(page, id, 'amount').textContent()).toBe('700.00');
  });

  it('records a payment out to the stall and deletes it after a question', async () => {
    await page.click('[data-action=new-out]');
    await page.locator('.panel').waitFor();
    expect(await text(page, '.panel-header h2')).toBe('新增付款');
    await pick(page, '#pay-partyId', '金华');
    await expect.poll(() => page.locator(`.alloc-table tr[data-order="${po1.no}"]`).count()).toBe(1);
    expect(await page.getAttribute('#pay-currency', 'data-value')).toBe('CNY');
    expect(await page.inputValue('#pay-rate')).toBe('1');
    expect(await page.getAttribute('#pay-rate', 'readonly')).not.toBeNull();
    await page.fill('#pay-amount', '50');
    await page.selectOption('#pay-method', 'wechat');
    await page.click('.panel-buttons button.primary');
    await page.locator('.panel').waitFor({ state: 'detached' });
    const out = (await app.call('payments.list', { direction: 'out' }))[0]!;
    await expect.poll(() => cell(page, out.id, 'direction').textContent()).toBe('付款');
    expect(await cell(page, out.id, 'method').textContent()).toBe('微信支付');
    expect(await cell(page, out.id, 'unallocated').textContent()).toBe('50.00');

    // the direction filter
    await page.click('[data-filter-direction=in]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 1 条');
    await page.click('[data-filter-direction=all]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');
    // the date range: nothing from tomorrow on
    await page.fill('input[name=filterFrom]', day(-1));
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 0 条');
    expect(await text(page, '.grid-empty p')).toBe('没有符合筛选条件的收付款。');
    await page.click('[data-action=clear-filters]');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 2 条');

    await cell(page, out.id, 'partyName').click();
    await page.click('[data-action=delete]');
    await page.locator('.modal').waitFor();
    expect(await text(page, '.modal p')).toContain(out.no);
    await app.shot('07-delete-question');
    await page.click('.modal button.danger');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 1 条');
    expect(await app.call('payments.list', {})).toHaveLength(1);
  });

  it('balances: receivables and payables with exact aging and base totals', async () => {
    await page.click('[data-nav=balances]');
    await gridReady(page);
    // Ahmed, USD, as of today:
    //   SO1 1000.00 − 600.00 = 400.00, 45 days old (31–60), base 400.00 × 7.1  = 2840.00
    //   SO2  250.50,  10 days (0–30),  base 250.50 × 7.15 = 1791.075 → 1791.08
    //   SO3  127.90,  today (0–30),    base 127.90 × 7.2  = 920.88
    //   payment on account −100.00,    base −100.00 × 7.2 = −720.00
    //   balance 678.40, 0–30 378.40, 31–60 400.00, unapplied −100.00, base 4831.96
    // Moscow Toys, CNY 3000.00, 100 days old (90+)
    await expect.poll(partyColumn).toEqual(['Ahmed Trading LLC', 'Moscow Toys OOO']); // largest base balance first
    const ahmed = { currency: 'USD', balance: '678.40', baseBalance: '4,831.96', d0_30: '378.40', d31_60: '400.00', d61_90: '0.00', d90plus: '0.00', unapplied: '-100.00' };
    for (const [col, want] of Object.entries(ahmed)) expect(await bcell('Ahmed Trading LLC', col).textContent(), col).toBe(want);
    const moscow = { currency: 'CNY', balance: '3,000.00', baseBalance: '3,000.00', d0_30: '0.00', d90plus: '3,000.00', unapplied: '0.00' };
    for (const [col, want] of Object.entries(moscow)) expect(await bcell('Moscow Toys OOO', col).textContent(), col).toBe(want);
    // 4831.96 + 3000.00
    expect(await text(page, '[data-testid=base-total]')).toBe('7,831.96');
    expect(await text(page, '[data-testid=balance-totals] [data-currency=USD]')).toBe('USD 678.40');
    await app.shot('08-receivables');

    // as of 20 days ago: SO2, SO3 and today's payment are not there yet; SO1 was 25 days old, SO4 80
    await page.fill('input[name=asOf]', day(20));
    await expect.poll(() => bcell('Ahmed Trading LLC', 'balance').textContent()).toBe('1,000.00');
    expect(await bcell('Ahmed Trading LLC', 'd0_30').textContent()).toBe('1,000.00');
    expect(await bcell('Ahmed Trading LLC', 'unapplied').textContent()).toBe('0.00');
    expect(await bcell('Moscow Toys OOO', 'd61_90').textContent()).toBe('3,000.00');
    expect(await text(page, '[data-testid=base-total]')).toBe('10,100.00'); // 1000.00 × 7.1 + 3000.00

    // payables: what we owe the stall, shown as a positive amount, 70 days old
    await page.click('[data-tab=purchase]');
    await expect.poll(partyColumn).toEqual(['金华玩具摊位']);
    expect(await bcell('金华玩具摊位', 'd31_60').textContent()).toBe('800.00'); // 50 days old 20 days ago
    await page.fill('input[name=asOf]', TODAY);
    await expect.poll(() => bcell('金华玩具摊位', 'd61_90').textContent()).toBe('800.00');
    expect(await bcell('金华玩具摊位', 'balance').textContent()).toBe('800.00');
    expect(await bcell('金华玩具摊位', 'd31_60').textContent()).toBe('0.00');
    expect(await text(page, '[data-testid=base-total]')).toBe('800.00');
    expect(page.url()).toContain('#balances/payables');
    await app.shot('09-payables');

    // a party's name opens its payments
    await page.click('[data-tab=sales]');
    await expect.poll(partyColumn).toEqual(['Ahmed Trading LLC', 'Moscow Toys OOO']);
    await bcell('Ahmed Trading LLC', 'partyName').locator('.cell-link').click();
    await expect.poll(() => page.url()).toContain(`#payments/party/${buyer}`);
    await gridReady(page);
    await expect.poll(() => page.inputValue('#payments-filter-party')).toBe('Ahmed Trading LLC');
    await expect.poll(() => page.textContent('[data-testid=row-count]')).toContain('共 1 条');
  });

  it('home screen: today\'s order, the receivables and payables with their oldest bucket, a shipment at sea, a stock warning', async () => {
    // goods of a stocked product sold to the second buyer three days ago, 200 of 500 at sea in a container
    const bear = await app.call('products.create', { itemNo: 'T-200', nameZh: '毛绒小熊', nameEn: 'Plush bear' });
    const so6 = await app.call('orders.create', {
      kind: 'sales',
      partyId: buyer2,
      orderDate: day(3),
      currency: 'CNY',
      rate: '1',
      lines: [{ productId: bear.id, quantity: '500', unitPrice: '2' }],
    });
    await app.call('orders.confirm', { id: so6.id });
    const sh = await app.call('shipments.create', {
      mode: 'sea',
      tradeMode: '0110',
      consigneeId: buyer2,
      containerNo: 'CSQU3054383',
      containerType: '40HQ',
      eta: day(-12),
      lines: [{ orderLineId: so6.lines[0]!.id, quantity: '200' }],
    });
    await app.call('shipments.setStatus', { id: sh.id, status: 'departed' });
    const [bearStock] = await app.call('stock.list', { productId: bear.id });

    await page.click('[data-nav=dashboard]');
    await page.locator('.dash-grid').waitFor();
    const today = page.locator(`[data-testid="order-${so3.no}"]`);
    await today.waitFor();
    expect(await text(page, '[data-card=today-orders] .dash-count')).toBe('1');
    expect(await today.textContent()).toContain('Ahmed Trading LLC');
    expect(await today.textContent()).toContain('USD 127.90');
    const ahmed = page.locator(`[data-testid="receivables-${buyer}-USD"]`);
    expect(await ahmed.textContent()).toContain('USD 678.40');
    expect(await ahmed.textContent()).toContain('31–60天');
    expect(await ahmed.textContent()).toContain('CNY 4,831.96');
    expect(await page.locator(`[data-testid="receivables-${buyer2}-CNY"]`).textContent()).toContain('90天以上');
    const stallRow = page.locator(`[data-testid="payables-${stall}-CNY"]`);
    expect(await stallRow.textContent()).toContain('CNY 800.00');
    expect(await stallRow.textContent()).toContain('61–90天');
    const shipment = page.locator(`[data-testid="shipment-${sh.no}"]`);
    expect(await shipment.textContent()).toContain('Moscow Toys OOO');
    expect(await shipment.textContent()).toContain('CSQU3054383 40HQ');
    expect(await shipment.textContent()).toContain(`预计到港 ${day(-12)}`);
    expect(await page.locator('[data-testid="stock-T-200"]').textContent()).toContain(`库存 ${bearStock!.onHand} / 待出 ${bearStock!.committed}`);
    await app.shot('10-dashboard');

    await shipment.click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#shipments/${sh.id}`);
    await page.click('[data-nav=dashboard]');
    await today.click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#orders/${so3.id}`);

    // the quick action opens a new payment received
    await page.click('[data-nav=dashboard]');
    await page.click('[data-quick=recordPaymentIn]');
    await page.locator('.panel').waitFor();
    expect(await text(page, '.panel-header h2')).toBe('新增收款');
    expect(page.url()).toMatch(/#payments$/); // a reload does not open the form again
    await page.keyboard.press('Escape');
    await page.locator('.panel').waitFor({ state: 'detached' });

    // the same screens in English, to see that the words fit
    await page.click('[data-nav=dashboard]');
    await page.click('[data-lang=en]');
    await page.locator(`[data-testid="order-${so3.no}"]`).waitFor();
    expect(await text(page, '[data-card=receivables] h2')).toBe('Largest receivables');
    await app.shot('11-dashboard-en');
    await page.click('[data-nav=payments]');
    await gridReady(page);
    await page.click('[data-action=new-in]');
    await pick(page, '#pay-partyId', 'Ahmed');
    await expect.poll(() => page.locator('.alloc-table tbody tr').count()).toBe(3);
    await page.fill('#pay-amount', '2000');
    await page.click('[data-action=oldest-first]');
    // 400.00 + 250.50 + 127.90 = 778.40 allocated, 1221.60 on account
    expect(await text(page, '[data-testid=allocated-total]')).toBe('778.40');
    expect(await text(page, '[data-testid=on-account]')).toBe('1,221.60');
    await app.shot('12-form-en');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.locator('.panel').waitFor({ state: 'detached' });
    expect(await app.call('payments.list', {})).toHaveLength(1);
    await page.click('[data-lang=zh]');

    expect(app.pageErrors).toEqual([]);
  });
});

describe('money helpers of the screens (exact, no floating point)', () => {
  it('sum amounts in the currency\'s own decimals', () => {
    expect(sumAmounts(['4831.96', '3000.00'], 'CNY')).toBe('7831.96');
    expect(sumAmounts(['0.10', '0.20'], 'USD')).toBe('0.30'); // 0.1 + 0.2 in floats is 0.30000000000000004
    expect(sumAmounts(['-720.00', '720.00'], 'CNY')).toBe('0.00');
    expect(sumAmounts(['1250', '3'], 'JPY')).toBe('1253');
    expect(sumAmounts(['1.250', '0.005'], 'KWD')).toBe('1.255');
    expect(sumAmounts(['99999999999.99', '0.01'], 'USD')).toBe('100000000000.00');
    expect(sumAmounts(['1.5'], 'JPY')).toBeNull(); // not a JPY amount
    expect(sumAmounts([], 'USD')).toBe('0.00');
  });

  it('read what people type, full-width digits included', () => {
    expect(toMinor('１２００．５', 'USD')).toBe(120050);
    expect(toMinor('12,5', 'USD')).toBe(1250);
    expect(toMinor('600.555', 'USD')).toBeNull();
    expect(toMinor('', 'USD')).toBeNull();
  });

  it('negate a decimal string without touching its digits', () => {
    expect(negate('-800.00')).toBe('800.00');
    expect(negate('100.00')).toBe('-100.00');
    expect(negate('0.00')).toBe('0.00');
  });

  it('preview the base amount with the core\'s rounding (half away from zero)', () => {
    expect(convertPreview('250.50', 'USD', '7.15', 'CNY')).toBe('1791.08'); // 1791.075
    expect(convertPreview('600', 'USD', '7.2', 'CNY')).toBe('4320.00');
    expect(convertPreview('1000', 'JPY', '0.047321', 'CNY')).toBe('47.32');
    expect(convertPreview('1.255', 'KWD', '23.4', 'CNY')).toBe('29.37'); // 29.367
    expect(convertPreview('600', 'USD', '', 'CNY')).toBeNull();
  });

  it('allocate oldest first up to the payment, never more than an order owes', () => {
    const orders = [
      { orderId: 3, orderNo: 'SO-2026-0003', orderDate: '2026-03-10', total: '127.90', available: '127.90' },
      { orderId: 1, orderNo: 'SO-2026-0001', orderDate: '2026-02-01', total: '1000.00', available: '400.00' },
      { orderId: 2, orderNo: 'SO-2026-0002', orderDate: '2026-03-10', total: '250.50', available: '250.50' },
    ];
    expect(allocateOldestFirst(60000, orders, 'USD')).toEqual({ 1: '400.00', 2: '200.00' });
    expect(allocateOldestFirst(200000, orders, 'USD')).toEqual({ 1: '400.00', 2: '250.50', 3: '127.90' });
    expect(allocateOldestFirst(1, orders, 'USD')).toEqual({ 1: '0.01' });
    expect(allocateOldestFirst(0, orders, 'USD')).toEqual({});
  });
});
