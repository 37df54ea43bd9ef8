/**
 * End-to-end: one buyer's order taken through the whole app in browser mode, as issue 3 asks ("enter a sales
 * order with three lines from two stalls by keyboard, confirm it, take a deposit, ship part of it in a
 * container, and see the balances and the remaining quantities on screen").
 *
 * Only the master data comes in through the core: the company, one buyer (nationality, passport), two stalls
 * (booth and stall registration no.) and three products (HS code, unit, pcs/carton, carton size, weights,
 * default price). Everything else is done the way a trader does it, in one flow through the screens:
 *   home → new sales order (keyboard) → save → confirm → payments: deposit → shipments: a container with part
 *   of the order → the order's remaining quantities → balances → home (receivable; in transit once departed)
 *   → reload: nothing lost.
 * The assertions read what the user sees (texts of cells, labels and cards); the core is asked only at the
 * end, to double-check. Screenshots go to /tmp/tr-shots/flow-*.png (TR_SHOTS to change).
 *
 * The figures, worked out by hand (USD order at 7.1 CNY):
 *   line 1  TC-24  stall A  10 cartons × 24 pcs   =  240 × 1.25   (product price)  = 300.00
 *   line 2  YY-100 stall A   8 cartons × 100 pcs  =  800 × 0.3675 (typed)          = 294.00
 *   line 3  HC-12  stall B   quantity typed 3000  = 3000 × 0.0125 (product price)  =  37.50
 *   total 631.50 USD; base 631.50 × 7.1 = 4483.65 CNY; 18 cartons, 4040 pcs,
 *   gross 10 × 12.5 + 8 × 8 = 189.000 kg, volume 10 × 0.12 + 8 × 0.06 = 1.6800 m³.
 *   deposit 190.00 USD (about 30 %), base 190.00 × 7.1 = 1349.00 CNY.
 *   balance 631.50 − 190.00 = 441.50 USD, today's order so all in 0–30 days; base 441.50 × 7.1 = 3134.65 CNY.
 *   shipped: all of line 1 (240 pcs, 10 cartons) and half of line 2 (400 pcs, 4 cartons), none of line 3:
 *     volume 10 × 0.12 + 4 × 0.06 = 1.4400 m³ of a 40HQ's 68 → 2.1 %; gross 125 + 4 × 8 = 157.000 kg of
 *     26500 → 0.6 %; value 300.00 + 400 × 0.3675 = 147.00 → 447.00 USD.
 *   remaining: line 1 0, line 2 400, line 3 3000.
 *
 * Needs `npx electron-vite build` first (npm test does it) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openBrowserApp, type BrowserApp } from './harness';
import { balanceCell, cellAt, closeToasts, focused, gridReady, lineCell, orderTotal, pick, pickTyped, press, text, typeInCell } from './ui';

const BUYER = 'Al Noor General Trading LLC';
const STALL_A = '金华玩具摊位';
const STALL_B = '美美饰品摊位';
const CONTAINER = 'CSQU3054383';

let app: BrowserApp;
let page: Page;

/** What the flow learns on the way, as the screens show it. */
const seen = { buyerId: 0, orderId: 0, orderNo: '', shipmentNo: '' };

/** A day `ahead` days from today as the browser and the core call it (local time, YYYY-MM-DD). */
function day(ahead = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + ahead);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A screenshot, once the "saved" messages (they fade after 3 s; this flow is quicker) are out of the way. */
async function shot(name: string): Promise<void> {
  await closeToasts(page, 'success');
  await app.shot(name);
}

/** A cell of the shipment's line grid by line index (0-based) and column id. */
const shipCell = (row: number, colId: string): Locator => cellAt(page, row, colId, '.logi-lines-grid');

/** The order as the order screen shows it: status, the three lines' shipped / remaining, what is unpaid. */
async function expectOrderProgress(): Promise<void> {
  await expect.poll(() => text(page, '[data-testid=order-title]')).toBe(`销售订单 ${seen.orderNo}`);
  await expect.poll(() => text(page, '[data-testid=order-status]')).toBe('部分出货');
  await expect.poll(() => text(page, lineCell(page, 0, 'remainingQuantity'))).toBe('0');
  const progress = [];
  for (let i = 0; i < 3; i++) {
    progress.push([await text(page, lineCell(page, i, 'productId')), await text(page, lineCell(page, i, 'quantity')), await text(page, lineCell(page, i, 'doneQuantity')), await text(page, lineCell(page, i, 'remainingQuantity'))]);
  }
  expect(progress).toEqual([
    ['TC-24', '240', '240', '0'],
    ['YY-100', '800', '400', '400'],
    ['HC-12', '3,000', '0', '3,000'],
  ]);
  expect(await text(page, '[data-testid=order-unpaid]')).toBe('441.50');
  expect(await text(page, '[data-testid=order-summary]')).toContain('190.00');
  expect(await text(page, orderTotal(page, 'amount'))).toBe('631.50');
}

/** The buyer's line on the receivables tab: 441.50 USD, all in 0–30 days, base 3134.65 CNY. */
async function expectBalance(): Promise<void> {
  await expect.poll(() => text(page, balanceCell(page, BUYER, 'balance').first())).toBe('441.50');
  const row: Record<string, string> = {};
  for (const col of ['currency', 'balance', 'baseBalance', 'd0_30', 'd31_60', 'd61_90', 'd90plus', 'unapplied']) row[col] = await text(page, balanceCell(page, BUYER, col).first());
  expect(row).toEqual({ currency: 'USD', balance: '441.50', baseBalance: '3,134.65', d0_30: '441.50', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00', unapplied: '0.00' });
  expect(await text(page, '[data-testid=base-total]')).toBe('3,134.65');
}

beforeAll(async () => {
  app = await openBrowserApp({ name: 'flow' });
  page = app.page;

  // ----- master data only, through the core -----
  await app.call('company.setup', { nameZh: '义乌鑫达贸易商行', nameEn: 'Yiwu Xinda Trading', baseCurrency: 'CNY', language: 'zh', mpRegNo: '330782M001234' });
  seen.buyerId = (
    await app.call('parties.create', { roles: ['customer'], nameEn: BUYER, country: 'ARE', nationality: 'ARE', idDocNo: 'P12345678', phone: '+971 50 123 4567' })
  ).id;
  const stallA = await app.call('parties.create', { roles: ['supplier'], nameZh: STALL_A, booth: '国际商贸城 1区 5街 1024', stallRegNo: '330782600123456' });
  const stallB = await app.call('parties.create', { roles: ['supplier'], nameZh: STALL_B, booth: '国际商贸城 2区 12街 34567', stallRegNo: '330782600654321' });
  // 24 a carton, 60×40×50 cm = 0.12 m³, 12.5 kg gross
  await app.call('products.create', {
    itemNo: 'TC-24',
    nameZh: '塑料玩具车',
    nameEn: 'Plastic toy car',
    spec: '1:32',
    hsCode: '9503008900',
    customsUnit: '007',
    pcsPerCarton: 24,
    cartonLengthCm: '60',
    cartonWidthCm: '40',
    cartonHeightCm: '50',
    grossKgPerCarton: '12.5',
    netKgPerCarton: '11',
    defaultPrice: '1.25',
    currency: 'USD',
    supplierId: stallA.id,
  });
  // 100 a carton, 50×40×30 cm = 0.06 m³, 8 kg gross
  await app.call('products.create', {
    itemNo: 'YY-100',
    nameZh: '发光溜溜球',
    nameEn: 'Light-up yo-yo',
    hsCode: '9503009000',
    customsUnit: '007',
    pcsPerCarton: 100,
    cartonLengthCm: '50',
    cartonWidthCm: '40',
    cartonHeightCm: '30',
    grossKgPerCarton: '8',
    netKgPerCarton: '7',
    defaultPrice: '0.35',
    currency: 'USD',
    supplierId: stallA.id,
  });
  // 1200 a carton, 40×30×30 cm = 0.036 m³, 9.6 kg gross
  await app.call('products.create', {
    itemNo: 'HC-12',
    nameZh: '发夹',
    nameEn: 'Hair clip',
    hsCode: '9615190000',
    customsUnit: '007',
    pcsPerCarton: 1200,
    cartonLengthCm: '40',
    cartonWidthCm: '30',
    cartonHeightCm: '30',
    grossKgPerCarton: '9.6',
    netKgPerCarton: '9',
    defaultPrice: '0.0125',
    currency: 'USD',
    supplierId: stallB.id,
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('one buyer order through the app', () => {
  it('1. enters the sales order from the home screen by keyboard, saves and confirms it', async () => {
    await page.goto(app.server.url);
    await page.locator('.dash-grid').waitFor();
    expect(await text(page, '[data-card=receivables] .dash-empty-text')).toBe('没有未收的货款');
    expect(await text(page, '[data-card=in-transit] .dash-empty-text')).toBe('没有在途的货物');
    await shot('01-home');

    await page.click('[data-quick=newSalesOrder]');
    await page.locator('[data-testid=line-grid] .ag-root').waitFor();
    expect(page.url()).toContain('#orders/new?kind=sales');
    expect(await text(page, '[data-testid=order-title]')).toBe('新建销售订单');
    // the keyboard is in the customer picker; today's date is filled in
    await expect.poll(() => focused(page)).toBe('INPUT#order-partyId');
    expect(await page.inputValue('input[name=orderDate]')).toBe(day());
    await pickTyped(page, 'Al Noor');
    expect(await page.inputValue('#order-partyId')).toContain(BUYER);

    // USD; no rate used for it yet, so the rate is typed
    await pick(page, '#order-currency', 'usd');
    await expect.poll(() => page.getAttribute('#order-currency', 'data-value')).toBe('USD');
    await page.click('#order-rate');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('7.1');
    await pick(page, '#order-incoterm', 'fob');
    await page.click('#order-incotermPlace');
    await page.keyboard.type('NINGBO');
    await page.click('#order-paymentTerms');
    await page.keyboard.insertText('30% 定金，出货前付清尾款');

    // Tab from the last header field lands on the first line's product
    await page.click('#order-notes');
    await press(page, 'Tab');
    await expect.poll(() => focused(page)).toBe('0:productId');

    // line 1: TC-24 from stall A, 10 cartons × 24 pcs; price, weights and stall come from the product
    await pickTyped(page, 'TC-24', '.product-combo');
    await expect.poll(() => focused(page)).toBe('0:cartons');
    await typeInCell(page, '10');
    await expect.poll(() => text(page, lineCell(page, 0, 'quantity'))).toBe('240');
    expect(await text(page, lineCell(page, 0, 'pcsPerCarton'))).toBe('24');
    expect(await text(page, lineCell(page, 0, 'unitPrice'))).toBe('1.25');
    expect(await text(page, lineCell(page, 0, 'amount'))).toBe('300.00');
    expect(await text(page, lineCell(page, 0, 'stallId'))).toBe(STALL_A);
    await press(page, 'Enter', 8); // pcs, quantity, price, G.W., N.W., CBM, stall, notes
    await expect.poll(() => focused(page)).toBe('1:productId');

    // line 2: YY-100 from stall A, 8 cartons × 100 pcs, a price typed over the product's
    await pickTyped(page, 'YY-100', '.product-combo');
    await expect.poll(() => focused(page)).toBe('1:cartons');
    await typeInCell(page, '8');
    await expect.poll(() => text(page, lineCell(page, 1, 'quantity'))).toBe('800');
    await press(page, 'Enter', 2); // pcs/carton, quantity
    await expect.poll(() => focused(page)).toBe('1:unitPrice');
    await typeInCell(page, '0.3675');
    await expect.poll(() => text(page, lineCell(page, 1, 'amount'))).toBe('294.00');
    expect(await text(page, lineCell(page, 1, 'stallId'))).toBe(STALL_A);
    await press(page, 'Enter', 5); // G.W., N.W., CBM, stall, notes
    await expect.poll(() => focused(page)).toBe('2:productId');

    // line 3: HC-12 from stall B, the quantity typed directly
    await pickTyped(page, 'HC-12', '.product-combo');
    await expect.poll(() => focused(page)).toBe('2:cartons');
    await press(page, 'Enter', 2); // no cartons; pcs/carton stays 1200
    await expect.poll(() => focused(page)).toBe('2:quantity');
    await typeInCell(page, '3000');
    await expect.poll(() => text(page, lineCell(page, 2, 'amount'))).toBe('37.50');
    expect(await text(page, lineCell(page, 2, 'unitPrice'))).toBe('0.0125');
    expect(await text(page, lineCell(page, 2, 'stallId'))).toBe(STALL_B);

    // 300.00 + 294.00 + 37.50 = 631.50 USD; × 7.1 = 4483.65 CNY
    await expect.poll(() => text(page, orderTotal(page, 'amount'))).toBe('631.50');
    expect(await text(page, orderTotal(page, 'baseAmount'))).toBe('4,483.65');
    expect(await text(page, orderTotal(page, 'cartons'))).toBe('18');
    expect(await text(page, orderTotal(page, 'quantity'))).toBe('4,040');
    expect(await text(page, orderTotal(page, 'grossKg'))).toBe('189.000');
    expect(await text(page, '[data-testid=save-state]')).toContain('未保存');
    await shot('02-order-typed');

    await page.keyboard.press('Control+s');
    await expect.poll(() => text(page, '[data-testid=order-title]')).toMatch(/^销售订单 SO-\d{4}-0001$/);
    expect(await text(page, '[data-testid=save-state]')).toBe('已保存');
    seen.orderNo = (await text(page, '[data-testid=order-title]')).replace('销售订单 ', '');
    seen.orderId = Number(/#orders\/(\d+)/.exec(page.url())?.[1]);
    expect(seen.orderId).toBeGreaterThan(0);
    expect(await text(page, orderTotal(page, 'amount'))).toBe('631.50');
    expect(await text(page, orderTotal(page, 'baseAmount'))).toBe('4,483.65');
    expect(await text(page, orderTotal(page, 'cbm'))).toBe('1.6800');

    await page.click('[data-action=confirm]');
    await expect.poll(() => text(page, '[data-testid=order-status]')).toBe('已确认');
    expect(await text(page, '[data-testid=order-unpaid]')).toBe('631.50');
    // nothing shipped yet: everything remains
    await expect.poll(() => text(page, lineCell(page, 1, 'remainingQuantity'))).toBe('800');
    expect(await text(page, lineCell(page, 0, 'remainingQuantity'))).toBe('240');
    expect(await text(page, lineCell(page, 2, 'remainingQuantity'))).toBe('3,000');
    await shot('03-order-confirmed');
  });

  it('2. takes a deposit of about 30 % against the order on the payments screen', async () => {
    await page.click('[data-nav=payments]');
    await gridReady(page);
    await page.click('[data-action=new-in]');
    await page.locator('.panel').waitFor();
    expect(await text(page, '.panel-header h2')).toBe('新增收款');
    await expect.poll(() => focused(page)).toBe('INPUT#pay-partyId');
    await pickTyped(page, 'Al Noor');
    // the buyer's currency and the order's rate are offered; the confirmed order is listed with what it owes
    await expect.poll(() => page.getAttribute('#pay-currency', 'data-value')).toBe('USD');
    await expect.poll(() => page.inputValue('#pay-rate')).toBe('7.1');
    const orderRow = page.locator(`.alloc-table tr[data-order="${seen.orderNo}"]`);
    await orderRow.waitFor();
    expect(await page.locator('.alloc-table tbody tr').count()).toBe(1);
    expect(await text(page, orderRow.locator('td:nth-child(4)'))).toBe('631.50');

    await page.keyboard.press('Enter'); // from the party on to the amount
    await expect.poll(() => focused(page)).toBe('INPUT#pay-amount');
    await page.keyboard.type('190');
    await page.selectOption('#pay-method', 'tt');
    await page.click('#pay-reference');
    await page.keyboard.type('TT-DEP-01');
    await orderRow.locator('input').click();
    await page.keyboard.type('190');
    expect(await text(page, '[data-testid=allocated-total]')).toBe('190.00');
    expect(await text(page, '[data-testid=on-account]')).toBe('0.00');
    expect(await text(page, '#pay-rate-hint')).toBe('1 USD = 7.1 CNY，折合 CNY 1349.00');
    await shot('04-deposit-form');
    await page.keyboard.press('Control+s');
    await page.locator('.panel').waitFor({ state: 'detached' });

    // the deposit in the grid, as the user reads it
    const row = page.locator('.ag-row[row-id]').filter({ has: page.locator('.ag-cell[col-id="allocations"]', { hasText: seen.orderNo }) });
    await expect.poll(() => row.count()).toBe(1);
    const cells: Record<string, string> = {};
    for (const col of ['payDate', 'direction', 'partyName', 'amount', 'currency', 'rate', 'baseAmount', 'method', 'reference', 'allocations', 'unallocated']) {
      cells[col] = await text(page, row.locator(`.ag-cell[col-id="${col}"]`));
    }
    expect(cells).toEqual({
      payDate: day(),
      direction: '收款',
      partyName: BUYER,
      amount: '190.00',
      currency: 'USD',
      rate: '7.1',
      baseAmount: '1,349.00',
      method: 'T/T 电汇',
      reference: 'TT-DEP-01',
      allocations: `${seen.orderNo} 190.00`,
      unallocated: '0.00',
    });
    expect(await text(page, row.locator('.ag-cell[col-id="no"]'))).toMatch(/^PAY-\d{4}-0001$/);
    await shot('05-deposit-grid');
  });

  it('3. ships all of line 1 and half of line 2 in container CSQU3054383 (40HQ) and shows the fill', async () => {
    await page.click('[data-nav=shipments]');
    await gridReady(page);
    await page.click('[data-action=new]');
    await page.locator('#shipment-consigneeId').waitFor();
    await pick(page, '#shipment-consigneeId', 'Al Noor');
    expect(await page.inputValue('#shipment-consigneeId')).toContain(BUYER);
    await page.click('#shipment-containerNo');
    await page.keyboard.type(CONTAINER);
    await expect.poll(() => text(page, '[data-field=shipment-containerNo] .field-hint')).toBe('柜号校验通过');
    await page.selectOption('#shipment-containerType', '40HQ');
    await page.click('#shipment-destPort');
    await page.keyboard.type('JEBEL ALI');
    await page.fill('#shipment-etd', day(3));
    await page.fill('#shipment-eta', day(25));

    await page.click('[data-action=add-lines]');
    const dialog = page.locator('[data-testid=add-lines]');
    await dialog.waitFor();
    // the order's three lines, each with all of it still to ship; the keyboard is on the first tick box
    const rows = dialog.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const table = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(1, 8).map((td) => (td.textContent ?? '').trim())),
    );
    expect(table).toEqual([
      [seen.orderNo, 'TC-24', '塑料玩具车', STALL_A, '240', '0', '240 个'],
      [seen.orderNo, 'YY-100', '发光溜溜球', STALL_A, '800', '0', '800 个'],
      [seen.orderNo, 'HC-12', '发夹', STALL_B, '3000', '0', '3000 个'],
    ]);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('checkbox');
    // by keyboard: Space ticks line 1 (all 240 go), Tab over its quantity to line 2's box and quantity: 400
    await page.keyboard.press('Space');
    expect(await rows.nth(0).locator('input[type=checkbox]').isChecked()).toBe(true);
    expect(await rows.nth(0).locator('input[name=quantity]').inputValue()).toBe('240');
    await press(page, 'Tab', 3);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('quantity');
    await page.keyboard.type('400'); // the whole value is selected on focus: typing replaces it, and ticks the line
    expect(await rows.nth(1).locator('input[type=checkbox]').isChecked()).toBe(true);
    expect(await rows.nth(1).locator('input[name=quantity]').inputValue()).toBe('400');
    expect(await rows.nth(2).locator('input[type=checkbox]').isChecked()).toBe(false);
    await shot('06-add-lines');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // adding saves the shipment: its number, the lines, the container fill
    await expect.poll(() => text(page, '#shipment-title')).toMatch(/^出货单 SH-\d{4}-0001$/);
    seen.shipmentNo = (await text(page, '#shipment-title')).replace('出货单 ', '');
    // the saved lines come back from the core with their cartons, value, weight and volume
    const shipLines = () =>
      Promise.all(
        [0, 1].map((i) => Promise.all(['orderNo', 'itemNo', 'stallName', 'cartons', 'quantity', 'amount', 'grossKg', 'cbm'].map((c) => text(page, shipCell(i, c))))),
      );
    await expect
      .poll(shipLines)
      .toEqual([
        [seen.orderNo, 'TC-24', STALL_A, '10', '240', '300.00', '125.000', '1.2000'],
        [seen.orderNo, 'YY-100', STALL_A, '4', '400', '147.00', '32.000', '0.2400'],
      ]);
    expect(await page.locator('.logi-lines-grid .ag-row[row-index="2"]').count()).toBe(0); // line 3 stays behind
    expect(await text(page, '[data-testid=fill-cbm]')).toBe('1.4400 / 68 m³ · 2.1%');
    expect(await text(page, '[data-testid=fill-weight]')).toBe('157.000 / 26500 kg · 0.6%');
    expect(await text(page, '[data-testid=shipment-totals]')).toContain('USD 447.00');
    expect(await text(page, '[data-testid=shipment-status]')).toBe('计划中');
    await page.locator('#shipment-title').scrollIntoViewIfNeeded();
    await shot('07-shipment-saved');
    await page.locator('.logi-lines-grid').scrollIntoViewIfNeeded();
    await shot('07b-shipment-lines');
  });

  it('4. shows the order partly shipped, with what remains of each line', async () => {
    await page.click('[data-nav=orders]');
    await gridReady(page, '.orders-list');
    const row = page.locator(`.orders-list .ag-row[row-id="${seen.orderId}"]`);
    await expect.poll(() => text(page, row.locator('[col-id=status]'))).toBe('部分出货');
    expect(await text(page, row.locator('[col-id=no]'))).toBe(seen.orderNo);
    expect(await text(page, row.locator('[col-id=amount]'))).toBe('631.50');
    await shot('08-orders-list');
    // Enter on the row opens the order
    await row.locator('[col-id=no]').click();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#orders/${seen.orderId}`);
    await expectOrderProgress();
    await shot('09-order-partly-shipped');
  });

  it('5. shows the balance on the balances and the home screen; the container is in transit once departed', async () => {
    await page.click('[data-nav=balances]');
    await gridReady(page);
    // 631.50 − 190.00 = 441.50 USD, 0–30 days; 441.50 × 7.1 = 3134.65 CNY
    await expectBalance();
    expect(await text(page, '[data-testid=balance-totals] [data-currency=USD]')).toBe('USD 441.50');
    await shot('10-balances');

    await page.click('[data-nav=dashboard]');
    await page.locator('.dash-grid').waitFor();
    const receivable = page.locator(`[data-testid="receivables-${seen.buyerId}-USD"]`);
    await receivable.waitFor();
    expect(await text(page, receivable)).toContain(BUYER);
    expect(await text(page, receivable)).toContain('USD 441.50');
    expect(await text(page, receivable)).toContain('0–30天');
    expect(await text(page, receivable)).toContain('CNY 3,134.65');
    expect(await text(page, `[data-testid="order-${seen.orderNo}"]`)).toContain('USD 631.50');
    expect(await text(page, `[data-testid="order-${seen.orderNo}"]`)).toContain('部分出货');
    // the container is still being planned: not in transit yet
    expect(await text(page, '[data-card=in-transit] .dash-empty-text')).toBe('没有在途的货物');
    await shot('11-home-planned');

    // on the shipment screen: planned → departed (the app asks first, since the lines are locked after)
    await page.click('[data-nav=shipments]');
    await gridReady(page);
    const shipmentRow = page.locator('.ag-row[row-id]').filter({ has: page.locator('.ag-cell', { hasText: seen.shipmentNo }) });
    await expect.poll(() => shipmentRow.count()).toBe(1);
    await shipmentRow.locator('.ag-cell').first().dblclick();
    await expect.poll(() => text(page, '#shipment-title')).toBe(`出货单 ${seen.shipmentNo}`);
    await page.click('.step[data-status=departed] button');
    await page.locator('[role=alertdialog]').waitFor();
    expect(await text(page, '[role=alertdialog]')).toContain('已开船');
    await page.click('[role=alertdialog] button:not(:last-child)');
    await expect.poll(() => text(page, '[data-testid=shipment-status]')).toBe('已开船');
    expect(await page.locator('[data-action=add-lines]').isDisabled()).toBe(true);
    expect(await text(page, '[data-testid=fill-cbm]')).toBe('1.4400 / 68 m³ · 2.1%');
    await shot('12-shipment-departed');

    await page.click('[data-nav=dashboard]');
    const inTransit = page.locator(`[data-testid="shipment-${seen.shipmentNo}"]`);
    await inTransit.waitFor();
    expect(await text(page, '[data-card=in-transit] .dash-count')).toBe('1');
    expect(await text(page, inTransit)).toContain(BUYER);
    expect(await text(page, inTransit)).toContain(`${CONTAINER} 40HQ`);
    expect(await text(page, inTransit)).toContain(`预计到港 ${day(25)}`);
    expect(await text(page, receivable)).toContain('USD 441.50');
    await shot('13-home-in-transit');
  });

  it('6. after a reload the order\'s remaining quantities and the balance are still there', async () => {
    await page.goto(`${app.server.url}#orders/${seen.orderId}`);
    await page.reload();
    await page.locator('[data-testid=line-grid] .ag-root').waitFor();
    await expectOrderProgress();
    await shot('14-order-after-reload');

    await page.goto(`${app.server.url}#balances`);
    await page.reload();
    await gridReady(page);
    await expectBalance();
    await shot('15-balances-after-reload');

    // and the core agrees with what the screens showed
    const order = await app.call('orders.get', { id: seen.orderId });
    expect(order).toMatchObject({ no: seen.orderNo, status: 'partial', currency: 'USD', rate: '7.1', amount: '631.50', baseAmount: '4483.65', paid: '190.00', unpaid: '441.50' });
    expect(order.lines.map((l) => [l.itemNo, l.stallName, l.quantity, l.amount, l.doneQuantity, l.remainingQuantity])).toEqual([
      ['TC-24', STALL_A, '240', '300.00', '240', '0'],
      ['YY-100', STALL_A, '800', '294.00', '400', '400'],
      ['HC-12', STALL_B, '3000', '37.50', '0', '3000'],
    ]);
    const [balance] = await app.call('balances.list', { kind: 'sales', asOf: day() });
    expect(balance).toMatchObject({ partyId: seen.buyerId, currency: 'USD', balance: '441.50', baseBalance: '3134.65' });
    const [shipment] = await app.call('shipments.list', {});
    expect(shipment).toMatchObject({ no: seen.shipmentNo, status: 'departed', containerNo: CONTAINER, containerType: '40HQ', cartons: 14, grossKg: '157.000', cbm: '1.4400', amounts: { USD: '447.00' } });
  });

  it('had no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
