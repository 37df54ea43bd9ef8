/**
 * End-to-end: shipments, imports, stock and claims in browser mode, driven in a real Chromium.
 *
 * The company, the buyer, two stalls, a forwarder, products and two confirmed sales orders are set up
 * through the core (this test is not about those screens). Through the UI: a shipment with a container
 * no. (a wrong check digit first), 40HQ, part of a line shipped (600 of 1000), the fill bars, the 400 still
 * to ship in the add-lines dialog, a refused quantity shown on its line, then departed; an FOB import with
 * freight and the landed costs worked out by hand below, received into stock; a stock adjustment the core
 * refuses (it would go below 0); a claim on a shipped line, settled as a credit.
 * Screenshots go to /tmp/tr-shots/logistics-*.png (TR_SHOTS to change).
 *
 * Needs `npx electron-vite build` first (npm test runs it) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ApiArg } from '../../shared/api';
import { openBrowserApp, SHOTS, type BrowserApp } from './harness';
import { cell, cellAt, editCell, gridReady, pick, pickInCell } from './ui';

let app: BrowserApp;
let page: Page;

/** What the core set up, by name. */
const ids = {
  buyer: 0,
  stallToys: 0,
  stallClips: 0,
  forwarder: 0,
  agent: 0,
  italian: 0,
  toy: 0,
  clips: 0,
  cups: 0,
  oil: 0,
  pasta: 0,
  toyLine: 0,
  clipLine: 0,
  cupLine: 0,
  shipment: 0,
  shipmentNo: '',
};

beforeAll(async () => {
  app = await openBrowserApp({ name: 'logistics' });
  page = app.page;

  // ----- the records this test stands on, through the core -----
  await app.call('company.setup', { nameZh: '义乌环球贸易商行', nameEn: 'Yiwu Global Trading', baseCurrency: 'CNY', language: 'zh' });
  ids.buyer = (await app.call('parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC', country: 'ARE', idDocNo: 'P7788990', nationality: 'ARE' })).id;
  ids.stallToys = (await app.call('parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位', booth: '国际商贸城 1区 5街 1024' })).id;
  ids.stallClips = (await app.call('parties.create', { roles: ['supplier'], nameZh: '美美饰品摊位', booth: '国际商贸城 2区 12街 34567' })).id;
  ids.forwarder = (await app.call('parties.create', { roles: ['forwarder'], nameZh: '宁波远航货代' })).id;
  ids.agent = (await app.call('parties.create', { roles: ['agent'], nameZh: '义乌通达外贸代理有限公司' })).id;
  ids.italian = (await app.call('parties.create', { roles: ['supplier'], nameEn: 'Oleificio Rossi SpA', country: 'ITA' })).id;
  const product = (p: ApiArg<'products.create'>) => app.call('products.create', p).then((x) => x.id);
  // 10 a carton, 60×50×40 cm = 0.12 m³, 15 kg gross
  ids.toy = await product({ itemNo: 'PT-100', nameZh: '塑料玩具车', nameEn: 'Plastic toy car', hsCode: '9503008900', customsUnit: '007', pcsPerCarton: 10, cartonLengthCm: '60', cartonWidthCm: '50', cartonHeightCm: '40', grossKgPerCarton: '15', netKgPerCarton: '13', defaultPrice: '1.25', currency: 'USD', supplierId: ids.stallToys });
  // 20 a carton, 80×60×62.5 cm = 0.3 m³, 20 kg gross
  ids.clips = await product({ itemNo: 'HC-200', nameZh: '发夹套装', nameEn: 'Hair clip set', hsCode: '9615190000', customsUnit: '007', pcsPerCarton: 20, cartonLengthCm: '80', cartonWidthCm: '60', cartonHeightCm: '62.5', grossKgPerCarton: '20', netKgPerCarton: '18', defaultPrice: '0.5', currency: 'USD', supplierId: ids.stallClips });
  ids.cups = await product({ itemNo: 'CU-300', nameZh: '陶瓷杯', nameEn: 'Ceramic mug', customsUnit: '007', pcsPerCarton: 24, defaultPrice: '0.8', currency: 'USD', supplierId: ids.stallToys });
  ids.oil = await product({ itemNo: 'IM-OIL', nameZh: '特级初榨橄榄油', nameEn: 'Extra virgin olive oil', hsCode: '1509200000', customsUnit: '007', importDutyRate: '10', importVatRate: '13' });
  ids.pasta = await product({ itemNo: 'IM-PASTA', nameZh: '意大利面', nameEn: 'Pasta', hsCode: '1902190000', customsUnit: '035', importDutyRate: '5', importVatRate: '9' });

  const so1 = await app.call('orders.create', {
    kind: 'sales',
    partyId: ids.buyer,
    orderDate: '2026-03-02',
    currency: 'USD',
    rate: '7.2',
    lines: [
      { productId: ids.toy, cartons: 100, unitPrice: '1.25', stallId: ids.stallToys }, // 1000 pcs, 1250.00 USD
      { productId: ids.clips, cartons: 100, unitPrice: '0.5', stallId: ids.stallClips }, // 2000 pcs, 1000.00 USD
    ],
  });
  await app.call('orders.confirm', { id: so1.id });
  [ids.toyLine, ids.clipLine] = so1.lines.map((l) => l.id) as [number, number];
  const so2 = await app.call('orders.create', {
    kind: 'sales',
    partyId: ids.buyer,
    orderDate: '2026-03-05',
    currency: 'USD',
    rate: '7.2',
    lines: [{ productId: ids.cups, cartons: 20, unitPrice: '0.8', stallId: ids.stallToys }],
  });
  await app.call('orders.confirm', { id: so2.id });
  ids.cupLine = so2.lines[0]!.id;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('logistics in browser mode', () => {
  it('starts a shipment: consignee, a container no. checked as it is typed, 40HQ', async () => {
    await page.goto(`${app.server.url}#shipments`);
    await gridReady(page);
    expect(await page.textContent('.logi-hint')).toContain('还没有出货单');
    await app.shot('01-shipments-empty');

    await page.click('[data-action=new]');
    await page.locator('#shipment-consigneeId').waitFor();
    expect(page.url()).toContain('#shipments/new');
    // defaults: sea via Ningbo, 1039 market procurement, port of loading NINGBO
    expect(await page.inputValue('#shipment-mode')).toBe('sea');
    expect(await page.inputValue('#shipment-tradeMode')).toBe('1039');
    expect(await page.inputValue('#shipment-loadingPort')).toBe('NINGBO');
    expect(await page.locator('[data-action=add-lines]').isDisabled()).toBe(true);

    await pick(page, '#shipment-consigneeId', 'Ahmed');
    expect(await page.inputValue('#shipment-consigneeId')).toContain('Ahmed Trading LLC');
    // the destination country follows the consignee
    expect(await page.getAttribute('#shipment-destCountry', 'data-value')).toBe('ARE');
    await pick(page, '#shipment-exporterId', '通达');
    await pick(page, '#shipment-forwarderId', '远航');
    await page.fill('#shipment-destPort', 'JEBEL ALI');

    // a wrong check digit is caught while typing
    await page.click('#shipment-containerNo');
    await page.keyboard.type('CSQU305438');
    expect(await page.textContent('[data-field=shipment-containerNo] .field-hint')).toContain('4 个字母 + 7 位数字');
    await page.keyboard.type('4');
    await expect.poll(() => page.textContent('#shipment-containerNo-error')).toBe('校验位应为 3');
    expect(await page.getAttribute('#shipment-containerNo', 'aria-invalid')).toBe('true');
    await app.shot('02-container-check-digit');
    await page.fill('#shipment-containerNo', 'CSQU3054383');
    expect(await page.locator('#shipment-containerNo-error').count()).toBe(0);
    expect(await page.textContent('[data-field=shipment-containerNo] .field-hint')).toBe('柜号校验通过');

    await page.selectOption('#shipment-containerType', '40HQ');
    await page.fill('#shipment-sealNo', 'SL998877');
    await page.fill('#shipment-etd', '2026-03-20');
    await page.fill('#shipment-eta', '2026-04-12');
    await page.fill('#shipment-marks', 'AHMED / DUBAI / C/NO. 1-160');
  });

  it('adds part of a line (600 of 1000) and a whole line, saves, and shows the container fill', async () => {
    await page.click('[data-action=add-lines]');
    const dialog = page.locator('[data-testid=add-lines]');
    await dialog.waitFor();
    // the customer's open lines of both orders, with what is left
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(3);
    const toyRow = dialog.locator(`tr[data-order-line="${ids.toyLine}"]`);
    expect(await toyRow.textContent()).toContain('金华玩具摊位');
    expect(await toyRow.locator('[data-testid=remaining]').textContent()).toContain('1000');
    // typing a quantity ticks the line; the whole clip line goes with the default (all that is left)
    await toyRow.locator('input[name=quantity]').fill('600');
    expect(await toyRow.locator('input[type=checkbox]').isChecked()).toBe(true);
    await dialog.locator(`tr[data-order-line="${ids.clipLine}"] input[type=checkbox]`).check();
    await app.shot('03-add-lines');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // adding saves: the shipment has its number and the core's figures
    await expect.poll(() => page.textContent('#shipment-title')).toBe('出货单 SH-2026-0001');
    const list = await app.call('shipments.list', {});
    ids.shipment = list[0]!.id;
    ids.shipmentNo = list[0]!.no;
    expect(page.url()).toContain(`#shipments/${ids.shipment}`);
    const lines = (await app.call('shipments.get', { id: ids.shipment })).lines;
    const [toy, clips] = lines as [(typeof lines)[number], (typeof lines)[number]];
    const grid = '.logi-lines-grid';
    await expect.poll(() => cell(page, toy.id, 'quantity', grid).textContent()).toBe('600');
    expect(await cell(page, toy.id, 'cartons', grid).textContent()).toBe('60');
    expect(await cell(page, toy.id, 'amount', grid).textContent()).toBe('750.00');
    expect(await cell(page, toy.id, 'stallName', grid).textContent()).toBe('金华玩具摊位');
    expect(await cell(page, toy.id, 'grossKg', grid).textContent()).toBe('900.000');
    expect(await cell(page, clips.id, 'quantity', grid).textContent()).toBe('2,000');
    expect(await cell(page, clips.id, 'cbm', grid).textContent()).toBe('30.0000');
    // 60 × 0.12 + 100 × 0.3 = 37.2 m³ of 68 in a 40HQ; 900 + 2000 = 2900 kg of 26500
    expect(await page.textContent('[data-testid=fill-cbm]')).toBe('37.2000 / 68 m³ · 54.7%');
    expect(await page.textContent('[data-testid=fill-weight]')).toBe('2900.000 / 26500 kg · 10.9%');
    expect(await page.textContent('[data-testid=shipment-totals]')).toContain('USD 1,750.00');
    await app.shot('04-shipment-saved');
  });

  it('shows what is still to ship (400) when adding lines again', async () => {
    await page.click('[data-action=add-lines]');
    const dialog = page.locator('[data-testid=add-lines]');
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(2); // the clip line is all shipped
    const toyRow = dialog.locator(`tr[data-order-line="${ids.toyLine}"]`);
    expect(await toyRow.locator('[data-testid=remaining]').textContent()).toContain('400');
    expect(await toyRow.locator('input[name=quantity]').inputValue()).toBe('400');
    expect((await toyRow.textContent()) ?? '').toContain('600'); // shipped so far
    await app.shot('05-add-lines-remaining');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('puts a refused quantity on its line, and keeps the draft', async () => {
    const lines = (await app.call('shipments.get', { id: ids.shipment })).lines;
    const clips = lines[1]!;
    const grid = '.logi-lines-grid';
    await editCell(page, cell(page, clips.id, 'quantity', grid), '2500');
    expect(await page.textContent('.dirty-note')).toBe('有未保存的修改');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('[data-testid=line-errors]')).toContain('第 2 行（HC-200）数量：');
    expect(await page.textContent('[data-testid=line-errors]')).toContain('只剩 2000 未出货');
    await expect.poll(() => cell(page, clips.id, 'quantity', grid).getAttribute('class')).toContain('cell-error');
    expect(await cell(page, clips.id, 'quantity', grid).textContent()).toBe('2,500'); // nothing lost
    await page.locator('[data-testid=line-errors]').scrollIntoViewIfNeeded();
    await app.shot('06-line-error');
    await editCell(page, cell(page, clips.id, 'quantity', grid), '2000');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.locator('[data-testid=line-errors]').count()).toBe(0);
    await expect.poll(() => page.locator('.dirty-note').count()).toBe(0);
  });

  it('moves the status on to departed, after which the lines are locked', async () => {
    expect(await page.textContent('[data-testid=shipment-status]')).toBe('计划中');
    await page.click('[data-action=status-next]');
    await expect.poll(() => page.textContent('[data-testid=shipment-status]')).toBe('装柜中');
    await page.click('.step[data-status=departed] button');
    await page.locator('[role=alertdialog]').waitFor();
    await page.click('[role=alertdialog] button:not(:last-child)');
    await expect.poll(() => page.textContent('[data-testid=shipment-status]')).toBe('已开船');
    // one step back fixes a mistake (and opens the lines again), then forward again
    await page.click('[data-action=status-back]');
    await expect.poll(() => page.textContent('[data-testid=shipment-status]')).toBe('已报关');
    expect(await page.locator('[data-action=add-lines]').isDisabled()).toBe(false);
    await page.click('[data-action=status-next]');
    await page.locator('[role=alertdialog]').waitFor();
    await page.click('[role=alertdialog] button:not(:last-child)');
    await expect.poll(() => page.textContent('[data-testid=shipment-status]')).toBe('已开船');
    expect(await page.locator('[data-action=add-lines]').isDisabled()).toBe(true);
    expect(await page.textContent('.detail-lines')).toContain('货物已发出');
    expect(await page.locator('[data-action=delete]').count()).toBe(0);
    await app.shot('07-departed');

    // the same load in a 20GP is over capacity: the volume bar turns red (37.2 of 28 m³)
    await page.selectOption('#shipment-containerType', '20GP');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('[data-testid=fill-cbm]')).toBe('37.2000 / 28 m³ · 132.9%');
    expect(await page.getAttribute('[data-fill=cbm]', 'class')).toContain('fill-over');
    expect(await page.getAttribute('[data-fill=weight]', 'class')).not.toContain('fill-over');
    expect(await page.textContent('.fill-card')).toContain('超出柜子容量');
    await page.locator('.fill-card').screenshot({ path: path.join(SHOTS, 'logistics-07b-fill-over.png') });
    await page.selectOption('#shipment-containerType', '40HQ');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('[data-testid=fill-cbm]')).toBe('37.2000 / 68 m³ · 54.7%');

    // after a reload everything is still there
    await page.reload();
    await page.locator('#shipment-title').waitFor();
    await expect.poll(() => page.textContent('[data-testid=shipment-status]')).toBe('已开船');
    expect(await page.inputValue('#shipment-containerNo')).toBe('CSQU3054383');
    expect(await page.inputValue('#shipment-containerType')).toBe('40HQ');
    expect(await page.textContent('[data-testid=fill-cbm]')).toBe('37.2000 / 68 m³ · 54.7%');

    await page.click('[data-action=back]');
    await gridReady(page);
    await expect.poll(() => page.textContent(`.ag-row[row-id="${ids.shipment}"] .ag-cell[col-id=status]`)).toBe('已开船');
    expect(await page.textContent(`.ag-row[row-id="${ids.shipment}"] .ag-cell[col-id=amounts]`)).toBe('USD 1,750.00');
    await app.shot('08-shipments-list');
  });

  it('deletes a planned shipment (and only a planned one), after asking', async () => {
    await page.click('[data-action=new]');
    await pick(page, '#shipment-consigneeId', 'Ahmed');
    await page.fill('#shipment-etd', '2026-06-01');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('#shipment-title')).toBe('出货单 SH-2026-0002');
    await page.click('[data-action=delete]');
    await page.locator('[role=alertdialog]').waitFor();
    expect(await page.textContent('[role=alertdialog]')).toContain('SH-2026-0002');
    await page.click('[role=alertdialog] button.danger');
    await gridReady(page);
    await expect.poll(() => page.textContent('.logi-shipments [data-testid=row-count]')).toContain('共 1 条');
    expect((await app.call('shipments.list', {})).map((s) => s.no)).toEqual(['SH-2026-0001']);
  });

  it('records an FOB import with freight and shows the landed cost of each line, worked out by hand', async () => {
    await page.click('[data-nav=imports]');
    await gridReady(page);
    expect(await page.textContent('.logi-hint')).toContain('还没有进口单');
    await page.click('[data-action=new]');
    await page.locator('#import-supplierId').waitFor();
    // the rate used last for USD (the sales orders were at 7.2) is offered
    expect(await page.getAttribute('#import-currency', 'data-value')).toBe('USD');
    expect(await page.inputValue('#import-rate')).toBe('7.2');
    expect(await page.isChecked('#import-vatInCost')).toBe(true);
    expect(await page.locator('#import-freight').count()).toBe(0); // CIF: no freight field

    await pick(page, '#import-supplierId', 'Rossi');
    await pick(page, '#import-originCountry', 'ITA');
    await page.fill('#import-declarationNo', '223320260000123456');
    await page.fill('#import-arrivalDate', '2026-05-10');
    await page.selectOption('#import-valueBasis', 'FOB');
    await page.fill('#import-freight', '75.00');

    // line 1 by keyboard: the product picker in the cell fills name, HS code, duty and VAT rates
    const grid = '.logi-lines-grid';
    const rowCell = (i: number, col: string) => cellAt(page, i, col, grid);
    await pickInCell(page, rowCell(0, 'productId'), 'IM-OIL');
    await expect.poll(() => rowCell(0, 'description').textContent()).toBe('特级初榨橄榄油');
    expect(await rowCell(0, 'hsCode').textContent()).toBe('1509200000');
    expect(await rowCell(0, 'dutyRate').textContent()).toBe('10');
    expect(await rowCell(0, 'vatRate').textContent()).toBe('13');
    await editCell(page, rowCell(0, 'quantity'), '100');
    await editCell(page, rowCell(0, 'unitPrice'), '5');
    // a new empty line opened below for the next product
    await pickInCell(page, rowCell(1, 'productId'), 'PASTA');
    await expect.poll(() => rowCell(1, 'vatRate').textContent()).toBe('9');
    await editCell(page, rowCell(1, 'quantity'), '200');
    await editCell(page, rowCell(1, 'unitPrice'), '1.25');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('#import-title')).toBe('进口单 IM-2026-0001');

    // By hand: values 100 × 5.00 = 500.00 and 200 × 1.25 = 250.00 USD; the FOB freight of 75.00 goes 2 : 1,
    // 50.00 and 25.00. Customs value at 7.2: (500 + 50) × 7.2 = 3960.00 and (250 + 25) × 7.2 = 1980.00 CNY.
    // Duty 10 % = 396.00 and 5 % = 99.00. VAT 13 % of 4356.00 = 566.28 and 9 % of 2079.00 = 187.11.
    // Landed 3960 + 396 + 566.28 = 4922.28 (49.2228 a bottle) and 1980 + 99 + 187.11 = 2266.11
    // (11.33055 → 11.3306 a pack).
    const expected = [
      ['500.00', '3,960.00', '396.00', '566.28', '4,922.28', '49.2228'],
      ['250.00', '1,980.00', '99.00', '187.11', '2,266.11', '11.3306'],
    ];
    const cols = ['amount', 'customsValue', 'duty', 'vat', 'landedCost', 'landedUnitCost'];
    for (const [i, values] of expected.entries()) {
      for (const [j, col] of cols.entries()) {
        await expect.poll(() => rowCell(i, col).textContent(), { message: `line ${i + 1} ${col}` }).toBe(values[j]);
      }
    }
    const totals = (k: string) => page.textContent(`[data-testid=import-totals] [data-total=${k}] dd`);
    expect(await totals('amount')).toBe('750.00');
    expect(await totals('customsValue')).toBe('5,940.00');
    expect(await totals('duty')).toBe('495.00');
    expect(await totals('vat')).toBe('753.39');
    expect(await totals('landedCost')).toBe('7,188.39');
    await app.shot('09-import-landed-cost');
  });

  it('receives the import into stock; it is read-only afterwards and the stock shows it', async () => {
    await page.click('[data-action=receive]');
    const dialog = page.locator('[data-testid=receive-import]');
    await dialog.waitFor();
    await page.fill('#receive-date', '2026-05-12');
    await app.shot('10-receive');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.textContent('[data-testid=import-status]')).toBe('已入库');
    expect(await page.textContent('[data-testid=received-note]')).toContain('不能再修改');
    expect(await page.locator('[data-action=save]').count()).toBe(0);
    expect(await page.isDisabled('#import-rate')).toBe(true);
    await expect.poll(() => page.locator('.logi-lines-grid .ag-row').count()).toBe(2); // no empty line to type into
    await app.shot('11-import-received');

    await page.click('[data-nav=stock]');
    await gridReady(page);
    await expect.poll(() => page.textContent(`.ag-row[row-id="${ids.oil}"] .ag-cell[col-id=onHand]`)).toBe('100');
    expect(await page.textContent(`.ag-row[row-id="${ids.pasta}"] .ag-cell[col-id=onHand]`)).toBe('200');
  });

  it('shows each product\'s moves, and refuses an adjustment that would take the stock below 0', async () => {
    const stockCell = (id: number, col: string) => cell(page, id, col, '.logi-stock .logi-grid');
    // the toy car went out 600 without being received: it shows below 0; 400 more are still ordered
    expect(await stockCell(ids.toy, 'onHand').textContent()).toBe('-600');
    expect(await stockCell(ids.toy, 'committed').textContent()).toBe('400');
    expect(await stockCell(ids.cups, 'committed').textContent()).toBe('480');

    await stockCell(ids.oil, 'itemNo').click();
    await expect.poll(() => page.textContent('#stock-moves-title')).toBe('库存流水：IM-OIL 特级初榨橄榄油');
    const moves = page.locator('[data-testid=stock-moves] .ag-row');
    await expect.poll(() => moves.count()).toBe(1);
    expect(await moves.first().textContent()).toContain('进口入库');
    expect(await moves.first().locator('[col-id=reference]').textContent()).toBe('IM-2026-0001');
    expect(await moves.first().locator('[col-id=date]').textContent()).toBe('2026-05-12');

    await page.click('[data-action=adjust]');
    const dialog = page.locator('[data-testid=adjust-stock]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('现有库存：100');
    await page.fill('#adjust-quantity', '-150');
    await page.fill('#adjust-reason', '盘点：破损报废');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#adjust-quantity-error')).toBe('IM-OIL 现有库存 100，减少 150 后会变成 -50，库存不能小于 0');
    expect(await page.getAttribute('#adjust-quantity', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#adjust-reason')).toBe('盘点：破损报废'); // nothing lost
    await app.shot('12-adjust-refused');

    await page.fill('#adjust-quantity', '-2');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => stockCell(ids.oil, 'onHand').textContent()).toBe('98');
    await expect.poll(() => moves.count()).toBe(2);
    expect(await page.textContent('[data-testid=stock-moves]')).toContain('库存调整');
    expect(await page.textContent('[data-testid=stock-moves]')).toContain('盘点：破损报废');
    await app.shot('13-stock');
  });

  it('files a claim on a shipped line, with the stall it came from, and settles it as a credit', async () => {
    const shipment = await app.call('shipments.get', { id: ids.shipment });
    const toyLine = shipment.lines.find((l) => l.itemNo === 'PT-100')!;
    await page.click('[data-nav=claims]');
    await gridReady(page);
    expect(await page.textContent('.logi-hint')).toContain('还没有索赔');

    await page.click('[data-action=new]');
    const dialog = page.locator('[data-testid=new-claim]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('先选择出货单');
    await pick(page, '#claim-shipment', 'SH-2026-0001');
    const row = dialog.locator(`tr[data-line="${toyLine.id}"]`);
    await row.waitFor();
    expect(await row.locator('td.stall').textContent()).toBe('金华玩具摊位');
    await row.click();
    await page.selectOption('#claim-kind', 'damaged');
    await page.fill('#claim-cartons', '2');
    await page.fill('#claim-quantity', '20');
    await page.fill('#claim-reason', '两箱外箱压坏，玩具车破损');
    await app.shot('14-new-claim');
    await dialog.locator('.modal-buttons button.primary').click();
    await dialog.waitFor({ state: 'detached' });

    const claim = (await app.call('claims.list', {}))[0]!;
    const claimCell = (col: string) => cell(page, claim.id, col);
    await expect.poll(() => claimCell('status').textContent()).toBe('待处理');
    expect(await claimCell('no').textContent()).toBe('CL-2026-0001');
    expect(await claimCell('partyName').textContent()).toBe('Ahmed Trading LLC');
    expect(await claimCell('stallName').textContent()).toBe('金华玩具摊位');
    expect(await claimCell('kind').textContent()).toBe('破损');
    expect(await claimCell('quantity').textContent()).toBe('20');
    expect(await page.textContent('[data-testid=claim-card]')).toContain('这批货由 金华玩具摊位 供货');

    // settle as a credit: more than the line's amount is refused next to the amount
    await page.click('[data-action=settle]');
    const settle = page.locator('[data-testid=settle-claim]');
    await settle.waitFor();
    expect(await page.isChecked('#settle-settlement')).toBe(true); // credit
    await page.fill('#settle-amount', '800');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#settle-amount-error')).toBe('最多 USD 750.00，即这一行的出货金额');
    await app.shot('15-settle-refused');
    await page.fill('#settle-amount', '25.00'); // 20 × 1.25
    await page.keyboard.press('Enter');
    await settle.waitFor({ state: 'detached' });
    await expect.poll(() => claimCell('status').textContent()).toBe('已结算');
    expect(await claimCell('settlement').textContent()).toBe('抵扣货款');
    expect(await claimCell('amount').textContent()).toBe('USD 25.00');
    expect(await page.locator('[data-action=settle]').isDisabled()).toBe(true);
    await app.shot('16-claim-settled');
  });

  it('reads in English too', async () => {
    await page.click('[data-lang=en]');
    await page.goto(`${app.server.url}#shipments/${ids.shipment}`);
    await page.locator('#shipment-title').waitFor();
    await expect.poll(() => page.textContent('#shipment-title')).toBe(`Shipment ${ids.shipmentNo}`);
    expect(await page.textContent('[data-testid=shipment-status]')).toBe('Departed');
    expect(await page.textContent('.fill-card')).toContain('Container fill (40HQ)');
    await app.shot('17-shipment-en');
    // the attachments panel sits under the lines (shipments, imports and claims have one)
    await page.locator('[data-testid=attachments]').scrollIntoViewIfNeeded();
    await app.shot('17b-shipment-attachments-en');
    await page.click('[data-nav=imports]');
    await gridReady(page);
    await app.shot('18-imports-en');
    await page.dblclick('.ag-row[row-index="0"] .ag-cell[col-id=supplierName]');
    await expect.poll(() => page.textContent('#import-title')).toBe('Import IM-2026-0001');
    expect(await page.textContent('[data-testid=received-note]')).toContain('can no longer change');
    await app.shot('19-import-en');
    await page.click('[data-nav=claims]');
    await gridReady(page);
    await page.click('.ag-row[row-index="0"] .ag-cell[col-id=no]');
    await expect.poll(() => page.textContent('[data-testid=claim-card]')).toContain('passed back to that stall');
    await app.shot('20-claims-en');

    // a shipment that does not exist (deleted meanwhile) says so and offers the way back
    await page.goto(`${app.server.url}#shipments/999`);
    await expect.poll(() => page.textContent('[data-testid=detail-message]')).toContain('does not exist');
    await page.click('[data-action=back]');
    await gridReady(page);
  });

  it('had no errors in the page', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
