/**
 * End-to-end: the bookkeeper's month-end on the Reports screen, in browser mode, driven in a real Chromium.
 *
 * Set up through the core (this test is not about those screens): a company (base CNY), a buyer, a supplier,
 * in March 2026 three confirmed sales orders (two in USD, one in CNY), a draft one (left out), a purchase
 * order and a payment in; a confirmed sales order in April (outside the period). Worked out by hand:
 *
 *   SO USD @ 7.1: 120 × 2.55 = 306.00, 48 × 12.50 = 600.00   → USD 906.00  = CNY 6432.60
 *   SO USD @ 7.2: 1000 × 0.37 = 370.00                          → USD 370.00  = CNY 2664.00
 *   SO CNY:       250 × 3.60 = 900.00, 10 × 15.75 = 157.50      → CNY 1057.50
 *   sales: 3 orders, 5 lines, USD 1276.00 (CNY 9096.60), CNY 1057.50; CNY 10154.10 in all
 *   purchases: 500 × 4.20 = CNY 2100.00; payments in: USD 500.00 @ 7.15 = CNY 3575.00
 *
 * Through the UI: the default period is last month; "a month" = 2026-03 shows 2026-03-01 – 2026-03-31; Export
 * saves a workbook whose summary sheet has that period and those totals to the cent, and the screen's summary
 * table shows the same figures; a custom period ending before it begins is refused next to the 'to' field and
 * nothing is downloaded (the core refuses it too); with 100,000 order lines seeded through SQL, an export shows
 * its progress, keeps running while another screen is open, and Cancel ends it with "nothing was written" and
 * no download; an export the core cannot write (its exports folder is a file) shows the core's message and
 * downloads nothing. Screenshots go to /tmp/tr-shots/reports-*.png (TR_SHOTS to change).
 *
 * Needs `npx electron-vite build` first (npm test runs it) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { openBrowserApp, SHOTS, type BrowserApp } from './harness';
import { findCell, readBook, rowValues, sheet, valueAfter } from '../xlsx-read';

let app: BrowserApp;
let page: Page;
const downloads: Download[] = [];
const ids = { buyer: 0, supplier: 0 };

// ----- page helpers (this screen's own) -----

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `reports-${name}.png`) });
}

async function openReports(): Promise<void> {
  // a fresh load of the page (a hash change alone would keep the page, and its running export, as it is)
  await page.goto('about:blank');
  await page.goto(`${app.server.url}#reports`);
  await page.locator('[data-screen=reports] [data-testid=period-picker]').waitFor();
}

/** The dates the picker stands for, as the screen shows them. */
async function shownRange(): Promise<[string, string]> {
  return [(await page.textContent('[data-testid=period-from]')) ?? '', (await page.textContent('[data-testid=period-to]')) ?? ''];
}

async function pickMonth(month: string): Promise<void> {
  await page.click('[data-period=month]');
  await page.fill('#reports-month', month);
}

/** Press Export and save the workbook the page downloads. */
async function exportWorkbook(): Promise<{ file: string; name: string }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-action=reports-export]')]);
  const name = d.suggestedFilename();
  const file = path.join(app.dataDir, 'downloads', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await d.saveAs(file);
  return { file, name };
}

/** A cell of the screen's summary table: one ledger's column (documents, lines, amount, base, total). */
const summaryCell = (ledger: string, col: string) => page.locator(`[data-testid=ledger-summary] tr[data-ledger=${ledger}] td[data-col=${col}]`);

/** Last month of today, as the screen's default: [first day, last day]. */
function lastMonth(): [string, string] {
  const now = new Date();
  const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const last = new Date(now.getFullYear(), now.getMonth(), 0);
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return [iso(first), iso(last)];
}

const exportFiles = () => (fs.existsSync(path.join(app.dataDir, 'exports')) ? fs.readdirSync(path.join(app.dataDir, 'exports')).sort() : []);

beforeAll(async () => {
  app = await openBrowserApp();
  page = app.page;
  page.on('download', (d) => downloads.push(d));

  await app.call('company.setup', { nameZh: '义乌环球贸易商行', nameEn: 'Yiwu Global Trading', baseCurrency: 'CNY', language: 'zh' });
  ids.buyer = (await app.call('parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC', country: 'ARE' })).id;
  ids.supplier = (await app.call('parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位', stallRegNo: '330782000123' })).id;

  const order = async (kind: 'sales' | 'purchase', orderDate: string, currency: string, rate: string, lines: Array<[string, string]>, confirm = true) => {
    const o = await app.call('orders.create', {
      kind,
      partyId: kind === 'sales' ? ids.buyer : ids.supplier,
      orderDate,
      currency,
      rate,
      lines: lines.map(([quantity, unitPrice], i) => ({ itemNo: `T-${i + 1}`, nameZh: `测试商品${i + 1}`, quantity, unitPrice })),
    });
    if (confirm) await app.call('orders.confirm', { id: o.id });
    return o;
  };
  const so1 = await order('sales', '2026-03-03', 'USD', '7.1', [
    ['120', '2.55'],
    ['48', '12.5'],
  ]);
  await order('sales', '2026-03-12', 'USD', '7.2', [['1000', '0.37']]);
  await order('sales', '2026-03-31', 'CNY', '1', [
    ['250', '3.6'],
    ['10', '15.75'],
  ]);
  await order('sales', '2026-03-15', 'USD', '7.1', [['50', '1']], false); // a draft: in no ledger
  await order('sales', '2026-04-01', 'CNY', '1', [['1', '999']]); // after the period
  await order('purchase', '2026-03-10', 'CNY', '1', [['500', '4.2']]);
  await app.call('payments.create', { direction: 'in', partyId: ids.buyer, payDate: '2026-03-20', amount: '500', currency: 'USD', rate: '7.15', method: 'bank', allocations: [{ orderId: so1.id, amount: '500' }] });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('Reports: the ledgers to Excel', () => {
  it('starts on last month, and a month shows its first and last day', async () => {
    await openReports();
    expect(await page.textContent('[data-screen=reports] h1')).toBe('报表');
    expect(await page.getAttribute('[data-period=lastMonth]', 'aria-pressed')).toBe('true');
    expect(await shownRange()).toEqual(lastMonth());
    // the usual case is the default: the cursor is on Export
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('reports-export');
    await shot('01-default');

    // switching the kind keeps the period: "a month" shows last month, then the one typed
    await page.click('[data-period=month]');
    expect(await page.inputValue('#reports-month')).toBe(lastMonth()[0].slice(0, 7));
    await page.fill('#reports-month', '2026-02');
    expect(await shownRange()).toEqual(['2026-02-01', '2026-02-28']);
    expect(await page.textContent('[data-testid=period-range]')).toContain('共 28 天');

    // a quarter and a year
    await page.click('[data-period=quarter]');
    expect(await page.inputValue('#reports-quarterYear')).toBe('2026');
    await page.click('[data-quarter="3"]');
    expect(await shownRange()).toEqual(['2026-07-01', '2026-09-30']);
    await shot('01b-quarter');
    await page.click('[data-period=year]');
    await page.fill('#reports-year', '２０２５'); // full-width digits from a Chinese input method
    expect(await shownRange()).toEqual(['2025-01-01', '2025-12-31']);
    await page.fill('#reports-year', '25');
    expect(await page.locator('[data-field=reports-year] .field-error').count()).toBe(0); // shown once Export is pressed
    await page.click('[data-action=reports-export]');
    expect(await page.textContent('[data-field=reports-year] .field-error')).toBe('请输入 4 位数的年份，例如 2026');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reports-year');
    expect(downloads).toHaveLength(0);
  });

  it('exports March 2026: the workbook and the screen show the same totals, to the cent', async () => {
    await openReports();
    await pickMonth('2026-03');
    expect(await shownRange()).toEqual(['2026-03-01', '2026-03-31']);
    const { file, name } = await exportWorkbook();
    expect(name).toMatch(/^ledgers-2026-03-01-2026-03-31-\d{8}-\d{6}\.xlsx$/);

    // the workbook: the summary sheet first, with the period and the totals worked out by hand
    const wb = await readBook(file);
    expect(wb.worksheets[0]?.name).toBe('汇总 Summary');
    const summary = sheet(wb, '汇总 Summary');
    const period = findCell(summary, '期间 Period');
    expect(period).toBeDefined();
    const dates = rowValues(summary, Number(period!.row)).filter((v) => v instanceof Date) as Date[];
    expect(dates.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-03-01', '2026-03-31']);
    expect(valueAfter(summary, '本位币 Base currency')).toBe('CNY');
    /** [ledger, sheet, currency, documents, lines, amount, base amount] of a ledger's row in a currency, or its total row */
    const ledgerRow = (ledger: string, currency: string | 'total') => {
      for (let r = 1; r <= summary.rowCount; r++) {
        const v = rowValues(summary, r, 7);
        const label = String(v[0] ?? '');
        if (currency === 'total' ? label.includes(ledger) && label.includes('合计 Total') : label === ledger && v[2] === currency) return v;
      }
      throw new Error(`no summary row ${ledger} ${currency}`);
    };
    expect(ledgerRow('销售 Sales', 'USD').slice(2)).toEqual(['USD', 2, 3, 1276, 9096.6]);
    expect(ledgerRow('销售 Sales', 'CNY').slice(2)).toEqual(['CNY', 1, 2, 1057.5, 1057.5]);
    expect(ledgerRow('销售 Sales', 'total').slice(3)).toEqual([3, 5, null, 10154.1]);
    expect(ledgerRow('采购 Purchases', 'total').slice(3)).toEqual([1, 1, null, 2100]);
    expect(ledgerRow('收款 Payments in', 'USD').slice(2)).toEqual(['USD', 1, 1, 500, 3575]);
    // the sales sheet: the lines of the three confirmed orders, nothing of the draft or of April
    const sales = sheet(wb, '销售 Sales');
    expect(findCell(sales, /^测试商品/)).toBeDefined();

    // the screen: the same figures, as the core wrote them
    const done = page.locator('[data-testid=export-done]');
    await done.waitFor();
    expect(await page.textContent('#reports-result-title')).toBe('2026-03-01 至 2026-03-31 账簿汇总');
    expect(await page.textContent('[data-testid=export-file]')).toBe(`已生成 ${name}`);
    expect(await summaryCell('sales', 'documents').textContent()).toBe('3');
    expect(await summaryCell('sales', 'lines').textContent()).toBe('5');
    expect(await summaryCell('sales', 'amount').locator('[data-currency]').allTextContents()).toEqual(['CNY 1,057.50', 'USD 1,276.00']);
    expect(await summaryCell('sales', 'base').locator('[data-currency]').allTextContents()).toEqual(['1,057.50', '9,096.60']);
    expect(await summaryCell('sales', 'total').textContent()).toBe('10,154.10');
    expect(await summaryCell('purchases', 'total').textContent()).toBe('2,100.00');
    expect(await summaryCell('paymentsIn', 'amount').textContent()).toBe('USD 500.00');
    expect(await summaryCell('paymentsIn', 'total').textContent()).toBe('3,575.00');
    expect(await summaryCell('imports', 'amount').textContent()).toBe('—');
    // the receivables as of the period's last day: what is still owed on the three orders
    expect(await summaryCell('receivables', 'documents').textContent()).toBe('1');
    expect(await page.textContent('[data-testid=sheet-list]')).toContain('汇总 Summary、销售 Sales');
    await shot('02-exported');
    await page.locator('[data-testid=sheet-list]').scrollIntoViewIfNeeded();
    await shot('03-exported-balances');

    // save again: the same file once more
    const [again] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=reports-save-again]')]);
    expect(again.suggestedFilename()).toBe(name);
    expect(exportFiles()).toEqual([name]);
  });

  it('refuses a period that ends before it begins, next to the "to" date, and downloads nothing', async () => {
    await openReports();
    const before = downloads.length;
    await page.click('[data-period=custom]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reports-from');
    await page.fill('#reports-from', '2026-03-31');
    await page.fill('#reports-to', '2026-03-01');
    const error = page.locator('[data-field=reports-to] .field-error');
    expect(await error.textContent()).toBe('结束日期早于开始日期');
    expect(await page.getAttribute('#reports-to', 'aria-invalid')).toBe('true');
    await page.click('[data-action=reports-export]');
    expect(await error.textContent()).toBe('结束日期早于开始日期');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reports-to');
    expect(await page.locator('[data-testid=export-progress]').count()).toBe(0);
    expect(downloads.length).toBe(before);
    await shot('04-bad-period');

    // the core refuses it too, on the same field
    const r = await app.server.core.call('ledgers.export', { from: '2026-03-31', to: '2026-03-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues).toEqual([{ path: 'to', message: 'the period ends before it begins' }]);

    // fixed: the error goes
    await page.fill('#reports-to', '2026-04-30');
    expect(await error.count()).toBe(0);
    expect(await shownRange()).toEqual(['2026-03-31', '2026-04-30']);
  });

  it('shows the progress of a large export, which runs on while another screen is open, and cancels it', async () => {
    // 300,000 order lines on one confirmed order of June 2025, in one transaction: an export of several seconds
    // even with the fast writer (100,000 lines finished before the test came back to the screen, once), so Cancel
    // surely comes while it runs
    const bulk = await app.call('orders.create', { kind: 'sales', partyId: ids.buyer, orderDate: '2025-06-10', currency: 'USD', rate: '7.1', lines: [{ itemNo: 'BULK-1', nameZh: '批量商品', quantity: '1', unitPrice: '1' }] });
    await app.call('orders.confirm', { id: bulk.id });
    const db = app.server.core.db;
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 300001)
         INSERT INTO order_line (order_id, line_no, item_no, name_zh, qty_e3, price_e4, amount_minor)
         SELECT ?, i, 'BULK-' || i, '批量商品', 1000, 10000, 100 FROM n`,
      ).run(bulk.id);
    })();
    const filesBefore = exportFiles();
    const before = downloads.length;

    await openReports();
    await pickMonth('2025-06');
    await page.click('[data-action=reports-export]');
    const progress = page.locator('[data-testid=export-progress]');
    await progress.waitFor();
    expect(await page.textContent('#reports-progress-title')).toBe('正在导出 2025-06-01 至 2025-06-30 的账簿');
    // the bar moves: some rows done, not all
    await expect
      .poll(async () => Number(await page.getAttribute('[role=progressbar]', 'aria-valuenow')), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=progress-label]')).toBe('销售 Sales');
    const [done, total] = ((await page.textContent('[data-testid=progress-count]')) ?? '').split(' / ').map((n) => Number(n.replace(/,/g, '')));
    expect(total).toBeGreaterThan(300_000); // the order lines and the rest of the period's rows
    expect(done).toBeLessThan(total!);
    expect(await page.getAttribute('[data-action=reports-export]', 'disabled')).not.toBeNull();
    await shot('05-progress');

    // the rest of the app stays usable: another screen opens and loads its records meanwhile
    await page.click('[data-nav=parties]');
    await page.locator('.ag-row', { hasText: 'Ahmed Trading LLC' }).first().waitFor();
    await page.click('[data-nav=reports]');
    await progress.waitFor();
    expect(await page.inputValue('#reports-month')).toBe('2025-06'); // the period as it was left

    await page.click('[data-action=reports-cancel]');
    const cancelled = page.locator('[data-testid=export-cancelled]');
    await cancelled.waitFor({ timeout: 20_000 });
    expect(await cancelled.textContent()).toBe('已取消导出（2025-06-01 至 2025-06-30），没有写入任何文件。');
    expect(await progress.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('reports-export');
    expect(downloads.length).toBe(before);
    expect(exportFiles()).toEqual(filesBefore); // no file, no temp file left behind
    await shot('06-cancelled');
  });

  it('says why when an export fails, and writes nothing', async () => {
    // the data folder's exports is a file, not a folder: the core cannot write the workbook
    const exportsDir = path.join(app.dataDir, 'exports');
    fs.renameSync(exportsDir, `${exportsDir}-kept`);
    fs.writeFileSync(exportsDir, 'not a folder');
    try {
      const before = downloads.length;
      await openReports();
      await pickMonth('2026-03');
      await page.click('[data-action=reports-export]');
      const failed = page.locator('[data-testid=export-failed]');
      await failed.waitFor({ timeout: 20_000 });
      // the core's own message, which names the folder it could not write to
      expect(await failed.textContent()).toMatch(/^账簿没有导出：.*EEXIST.*exports/);
      // the refused call's 500 in the console is this test's doing
      const i = app.pageErrors.findIndex((e) => /status of 500/.test(e));
      if (i >= 0) app.pageErrors.splice(i, 1);
      expect(downloads.length).toBe(before);
      await shot('07-failed');
      // a new period forgets the failure
      await page.fill('#reports-month', '2026-02');
      expect(await failed.count()).toBe(0);
    } finally {
      fs.rmSync(exportsDir);
      fs.renameSync(`${exportsDir}-kept`, exportsDir);
    }
  });

  it('reads in English', async () => {
    await app.call('ui.set', { key: 'language', value: 'en' });
    await openReports();
    expect(await page.textContent('[data-action=reports-export]')).toBe('Export ledgers to Excel');
    await pickMonth('2026-03');
    await exportWorkbook();
    await page.locator('[data-testid=export-done]').waitFor();
    expect(await page.textContent('#reports-result-title')).toBe('Ledgers of 2026-03-01 to 2026-03-31');
    expect(await summaryCell('sales', 'total').textContent()).toBe('10,154.10');
    await shot('08-english');
    expect(app.pageErrors).toEqual([]);
  });
});
