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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../electron/server';
import type { ApiArg, ApiName, ApiResult } from '../../shared/api';

const ROOT = path.resolve(__dirname, '..', '..');
const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
const SHOTS = process.env.TR_SHOTS ?? '/tmp/tr-shots';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let server: RunningServer;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];

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

async function core<N extends ApiName>(name: N, arg: ApiArg<N>): Promise<ApiResult<N>> {
  const r = await server.core.call(name, arg);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as ApiResult<N>;
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `logistics-${name}.png`) });
}

/** One grid cell by row id and column id, inside `scope`. */
const cellIn = (scope: string, rowId: number, colId: string): Locator => page.locator(`${scope} .ag-row[row-id="${rowId}"] .ag-cell[col-id="${colId}"]`).first();

/** Pick an entry of a searchable picker by typing part of it and pressing Enter. */
async function pick(selector: string, typed: string): Promise<void> {
  await page.click(selector);
  await page.keyboard.type(typed);
  await page.locator('.combo-list [role=option]').first().waitFor();
  await page.keyboard.press('Enter');
}

async function gridReady(scope = ''): Promise<void> {
  await page.locator(`${scope} .ag-root`.trim()).first().waitFor();
  await page.locator('.ag-overlay-loading-center').waitFor({ state: 'detached' }).catch(() => undefined);
}

/** Edit a grid cell by keyboard: focus it, Enter, type, Enter. */
async function editCell(cell: Locator, text: string): Promise<void> {
  await cell.click();
  await page.keyboard.press('Enter');
  await page.locator('.ag-cell-inline-editing input').waitFor();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: build the app first with "npx electron-vite build" (npm test does it).`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-e2e-logi-'));
  server = await startServer({ dataDir, port: 0, rendererDir: RENDERER_DIR });

  // ----- the records this test stands on, through the core -----
  await core('company.setup', { nameZh: '义乌环球贸易商行', nameEn: 'Yiwu Global Trading', baseCurrency: 'CNY', language: 'zh' });
  ids.buyer = (await core('parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC', country: 'ARE', idDocNo: 'P7788990', nationality: 'ARE' })).id;
  ids.stallToys = (await core('parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位', booth: '国际商贸城 1区 5街 1024' })).id;
  ids.stallClips = (await core('parties.create', { roles: ['supplier'], nameZh: '美美饰品摊位', booth: '国际商贸城 2区 12街 34567' })).id;
  ids.forwarder = (await core('parties.create', { roles: ['forwarder'], nameZh: '宁波远航货代' })).id;
  ids.agent = (await core('parties.create', { roles: ['agent'], nameZh: '义乌通达外贸代理有限公司' })).id;
  ids.italian = (await core('parties.create', { roles: ['supplier'], nameEn: 'Oleificio Rossi SpA', country: 'ITA' })).id;
  const product = (p: ApiArg<'products.create'>) => core('products.create', p).then((x) => x.id);
  // 10 a carton, 60×50×40 cm = 0.12 m³, 15 kg gross
  ids.toy = await product({ itemNo: 'PT-100', nameZh: '塑料玩具车', nameEn: 'Plastic toy car', hsCode: '9503008900', customsUnit: '007', pcsPerCarton: 10, cartonLengthCm: '60', cartonWidthCm: '50', cartonHeightCm: '40', grossKgPerCarton: '15', netKgPerCarton: '13', defaultPrice: '1.25', currency: 'USD', supplierId: ids.stallToys });
  // 20 a carton, 80×60×62.5 cm = 0.3 m³, 20 kg gross
  ids.clips = await product({ itemNo: 'HC-200', nameZh: '发夹套装', nameEn: 'Hair clip set', hsCode: '9615190000', customsUnit: '007', pcsPerCarton: 20, cartonLengthCm: '80', cartonWidthCm: '60', cartonHeightCm: '62.5', grossKgPerCarton: '20', netKgPerCarton: '18', defaultPrice: '0.5', currency: 'USD', supplierId: ids.stallClips });
  ids.cups = await product({ itemNo: 'CU-300', nameZh: '陶瓷杯', nameEn: 'Ceramic mug', customsUnit: '007', pcsPerCarton: 24, defaultPrice: '0.8', currency: 'USD', supplierId: ids.stallToys });
  ids.oil = await product({ itemNo: 'IM-OIL', nameZh: '特级初榨橄榄油', nameEn: 'Extra virgin olive oil', hsCode: '1509200000', customsUnit: '007', importDutyRate: '10', importVatRate: '13' });
  ids.pasta = await product({ itemNo: 'IM-PASTA', nameZh: '意大利面', nameEn: 'Pasta', hsCode: '1902190000', customsUnit: '035', importDutyRate: '5', importVatRate: '9' });

  const so1 = await core('orders.create', {
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
  await core('orders.confirm', { id: so1.id });
  [ids.toyLine, ids.clipLine] = so1.lines.map((l) => l.id) as [number, number];
  const so2 = await core('orders.create', {
    kind: 'sales',
    partyId: ids.buyer,
    orderDate: '2026-03-05',
    currency: 'USD',
    rate: '7.2',
    lines: [{ productId: ids.cups, cartons: 20, unitPrice: '0.8', stallId: ids.stallToys }],
  });
  await core('orders.confirm', { id: so2.id });
  ids.cupLine = so2.lines[0]!.id;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  page.setDefaultTimeout(8000);
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
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

describe('logistics in browser mode', () => {
  it('starts a shipment: consignee, a container no. checked as it is typed, 40HQ', async () => {
    await page.goto(`${server.url}#shipments`);
    await gridReady();
    expect(await page.textContent('.logi-hint')).toContain('还没有出货单');
    await shot('01-shipments-empty');

    await page.click('[data-action=new]');
    await page.locator('#shipment-consigneeId').waitFor();
    expect(page.url()).toContain('#shipments/new');
    // defaults: sea via Ningbo, 1039 market procurement, port of loading NINGBO
    expect(await page.inputValue('#shipment-mode')).toBe('sea');
    expect(await page.inputValue('#shipment-tradeMode')).toBe('1039');
    expect(await page.inputValue('#shipment-loadingPort')).toBe('NINGBO');
    expect(await page.locator('[data-action=add-lines]').isDisabled()).toBe(true);

    await pick('#shipment-consigneeId', 'Ahmed');
    expect(await page.inputValue('#shipment-consigneeId')).toContain('Ahmed Trading LLC');
    // the destination country follows the consignee
    expect(await page.getAttribute('#shipment-destCountry', 'data-value')).toBe('ARE');
    await pick('#shipment-exporterId', '通达');
    await pick('#shipment-forwarderId', '远航');
    await page.fill('#shipment-destPort', 'JEBEL ALI');

    // a wrong check digit is caught while typing
    await page.click('#shipment-containerNo');
    await page.keyboard.type('CSQU305438');
    expect(await page.textContent('[data-field=shipment-containerNo] .field-hint')).toContain('4 个字母 + 7 位数字');
    await page.keyboard.type('4');
    await expect.poll(() => page.textContent('#shipment-containerNo-error')).toBe('校验位应为 3');
    expect(await page.getAttribute('#shipment-containerNo', 'aria-invalid')).toBe('true');
    await shot('02-container-check-digit');
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
    await shot('03-add-lines');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // adding saves: the shipment has its number and the core's figures
    await expect.poll(() => page.textContent('#shipment-title')).toBe('出货单 SH-2026-0001');
    const list = await core('shipments.list', {});
    ids.shipment = list[0]!.id;
    ids.shipmentNo = list[0]!.no;
    expect(page.url()).toContain(`#shipments/${ids.shipment}`);
    const lines = (await core('shipments.get', { id: ids.shipment })).lines;
    const [toy, clips] = lines as [(typeof lines)[number], (typeof lines)[number]];
    const grid = '.logi-lines-grid';
    await expect.poll(() => cellIn(grid, toy.id, 'quantity').textContent()).toBe('600');
    expect(await cellIn(grid, toy.id, 'cartons').textContent()).toBe('60');
    expect(await cellIn(grid, toy.id, 'amount').textContent()).toBe('750.00');
    expect(await cellIn(grid, toy.id, 'stallName').textContent()).toBe('金华玩具摊位');
    expect(await cellIn(grid, toy.id, 'grossKg').textContent()).toBe('900.000');
    expect(await cellIn(grid, clips.id, 'quantity').textContent()).toBe('2000');
    expect(await cellIn(grid, clips.id, 'cbm').textContent()).toBe('30.0000');
    // 60 × 0.12 + 100 × 0.3 = 37.2 m³ of 68 in a 40HQ; 900 + 2000 = 2900 kg of 26500
    expect(await page.textContent('[data-testid=fill-cbm]')).toBe('37.2000 / 68 m³ · 54.7%');
    expect(await page.textContent('[data-testid=fill-weight]')).toBe('2900.000 / 26500 kg · 10.9%');
    expect(await page.textContent('[data-testid=shipment-totals]')).toContain('USD 1750.00');
    await shot('04-shipment-saved');
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
    await shot('05-add-lines-remaining');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('puts a refused quantity on its line, and keeps the draft', async () => {
    const lines = (await core('shipments.get', { id: ids.shipment })).lines;
    const clips = lines[1]!;
    const grid = '.logi-lines-grid';
    await editCell(cellIn(grid, clips.id, 'quantity'), '2500');
    expect(await page.textContent('.dirty-note')).toBe('有未保存的修改');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.textContent('[data-testid=line-errors]')).toContain('第 2 行（HC-200）数量：');
    expect(await page.textContent('[data-testid=line-errors]')).toContain('只剩 2000 未出货');
    await expect.poll(() => cellIn(grid, clips.id, 'quantity').getAttribute('class')).toContain('cell-error');
    expect(await cellIn(grid, clips.id, 'quantity').textContent()).toBe('2500'); // nothing lost
    await page.locator('[data-testid=line-errors]').scrollIntoViewIfNeeded();
    await shot('06-line-error');
    await editCell(cellIn(grid, clips.id, 'quantity'), '2000');
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
    expect(await page.locator('[data-action=add-lines]').isDisabled()).toBe(true);
    expect(await page.textContent('.detail-lines')).toContain('货物已发出');
    expect(await page.locator('[data-action=delete]').count()).toBe(0);
    await shot('07-departed');

    // after a reload everything is still there
    await page.reload();
    await page.locator('#shipment-title').waitFor();
    await expect.poll(() => page.textContent('[data-testid=shipment-status]')).toBe('已开船');
    expect(await page.inputValue('#shipment-containerNo')).toBe('CSQU3054383');
    expect(await page.inputValue('#shipment-containerType')).toBe('40HQ');
    expect(await page.textContent('[data-testid=fill-cbm]')).toBe('37.2000 / 68 m³ · 54.7%');

    await page.click('[data-action=back]');
    await gridReady();
    await expect.poll(() => page.textContent(`.ag-row[row-id="${ids.shipment}"] .ag-cell[col-id=status]`)).toBe('已开船');
    expect(await page.textContent(`.ag-row[row-id="${ids.shipment}"] .ag-cell[col-id=amounts]`)).toBe('USD 1750.00');
    await shot('08-shipments-list');
  });

  it('had no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
