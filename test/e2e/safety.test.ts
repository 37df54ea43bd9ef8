/**
 * End-to-end (issue 6, "safe"): the Undo control in the header, in browser mode, in a real Chromium.
 *
 * A customer's phone is changed (through the core the page talks to); the header reads "撤销：修改客户/供应商
 * <name>" (one catalog message per action: in Russian "Отменить создание контрагента <name>"); Ctrl+Z pressed outside a text field undoes it: a toast says what was undone, the grid shows the old
 * phone, the trail holds an "undo" entry and the button moves on to the change before. Ctrl+Z inside a text
 * field is left to the field. Screenshots go to /tmp/tr-shots/safety-*.png.
 *
 * Needs `npx electron-vite build` first (npm test runs it) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openCore } from '../../electron/core';
import { autoBackup } from '../../electron/core/backup';
import { companyFilePath } from '../../electron/core/paths';
import { openBrowserApp, type BrowserApp } from './harness';
import { cell, gridReady, text, columnTexts } from './ui';

let app: BrowserApp;
let page: Page;
const ids = { party: 0 };

beforeAll(async () => {
  app = await openBrowserApp({ name: 'safety', acceptDownloads: true });
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
    await expect.poll(() => text(page, undo)).toBe('↶ 撤销：修改客户/供应商 义乌某某玩具');
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
    await expect.poll(() => text(page, '.toast-success .toast-text')).toBe('已撤销：修改客户/供应商 义乌某某玩具');
    await expect.poll(() => text(page, cell(page, ids.party, 'phone'))).toBe('13800000001');
    expect((await app.call('parties.get', { id: ids.party })).phone).toBe('13800000001');
    const [last] = await app.call('history.list', { limit: 1 });
    expect(last).toMatchObject({ action: 'undo', entity: 'party', entityId: ids.party });
    // the next one back is the party's creation
    await expect.poll(() => text(page, undo)).toBe('↶ 撤销：新增客户/供应商 义乌某某玩具');
    await app.shot('02-undone');

    // the History screen reads the undo entry
    await page.goto(`${app.server.url}#history/party/${ids.party}`);
    await gridReady(page, '[data-screen=history]');
    await expect.poll(() => page.locator('[data-screen=history] .ag-cell[col-id=changes]').first().textContent()).toMatch(/^撤销第 \d+ 条 \(修改\): 电话: 13900000002 → 13800000001$/);

    // each language words the whole label itself: the kind of record declined in Russian, Arabic's own order
    await page.goto(`${app.server.url}#settings`);
    for (const [lang, label] of [
      ['ru', '↶ Отменить создание контрагента 义乌某某玩具'],
      ['ar', '↶ تراجع عن إنشاء العميل/المورد 义乌某某玩具'],
      ['en', '↶ Undo: create customer/supplier 义乌某某玩具'],
    ] as const) {
      await page.selectOption('#prefs-language', lang);
      await expect.poll(() => text(page, undo)).toBe(label);
    }
    await page.selectOption('#prefs-language', 'zh');
    await expect.poll(() => text(page, undo)).toBe('↶ 撤销：新增客户/供应商 义乌某某玩具');
    expect(app.pageErrors).toEqual([]);
  });
});

const historyColumn = (colId: string) => columnTexts(page, '[data-screen=history]', colId);

describe('History on each record', () => {
  it('opens the history of the chosen party, of an order and of a payment, and exports it to Excel', async () => {
    const other = await app.call('parties.create', { roles: ['customer'], nameEn: 'Olga Petrova', country: 'RUS' });
    await app.call('parties.update', { id: other.id, patch: { phone: '+7 900' } });
    const so = await app.call('orders.create', { kind: 'sales', partyId: other.id, orderDate: '2026-11-20', currency: 'USD', rate: '7.1', lines: [{ itemNo: 'A', nameZh: '杂货', quantity: '10', unitPrice: '1' }] });
    await app.call('orders.confirm', { id: so.id });
    const pay = await app.call('payments.create', { direction: 'in', partyId: other.id, payDate: '2026-11-21', amount: '5.00', currency: 'USD', rate: '7.1', method: 'bank', allocations: [{ orderId: so.id, amount: '5.00' }] });

    // parties: disabled until a row is chosen, then the party's own trail
    await page.goto(`${app.server.url}#parties`);
    await gridReady(page);
    const history = page.locator('[data-action=history]');
    expect(await history.isDisabled()).toBe(true);
    await cell(page, other.id, 'phone').click();
    await history.click();
    await page.waitForURL(`**#history/party/${other.id}`);
    await gridReady(page, '[data-screen=history]');
    await expect.poll(() => historyColumn('action')).toEqual(['修改', '新增']);
    expect(await text(page, '#history-title')).toBe(`修改记录：客户/供应商 #${other.id}`);
    await app.shot('03-party-history');

    // back to the record, then the order's detail view
    await page.click('[data-action=back]');
    await page.waitForURL('**#parties');
    await page.goto(`${app.server.url}#orders/${so.id}`);
    await page.locator('[data-testid=order-title]').waitFor();
    await app.shot('04-order-detail');
    await page.click('[data-action=history]');
    await page.waitForURL(`**#history/order/${so.id}`);
    await gridReady(page, '[data-screen=history]');
    await expect.poll(() => historyColumn('action')).toEqual(['确认', '新增']);

    // the record's trail exports like the whole file's
    fs.mkdirSync(path.join(app.dataDir, 'downloads'), { recursive: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-excel]')]);
    const file = path.join(app.dataDir, 'downloads', download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const cellsText = [] as string[];
    ws.eachRow((row) => cellsText.push(row.values!.toString()));
    expect(cellsText.join('\n')).toContain(`订单 #${so.id}`);
    expect(cellsText.join('\n')).not.toContain('客户/供应商 #');

    // payments: the chosen payment's trail
    await page.goto(`${app.server.url}#payments`);
    await gridReady(page);
    await cell(page, pay.id, 'no').click();
    await page.click('[data-action=history]');
    await page.waitForURL(`**#history/payment/${pay.id}`);
    await gridReady(page, '[data-screen=history]');
    await expect.poll(() => historyColumn('action')).toEqual(['新增']);
    expect(app.pageErrors).toEqual([]);
  });
});

/** The newest success message on screen. */
const lastToast = (p: Page) => p.locator('.toast-success .toast-text').last().textContent();

describe('backups in the window', () => {
  it('backs up now, lists what the backup holds, refuses a damaged file and restores a backup after asking', async () => {
    await page.goto(`${app.server.url}#backup`);
    await page.locator('[data-screen=backup]').waitFor();
    expect(await text(page, '[data-testid=backup-retention]')).toContain('保留最近 30 份每日备份和 12 份每月备份');
    expect(await text(page, '[data-testid=backup-folder]')).toBe(path.join(app.dataDir, 'backups'));
    const partiesAtBackup = (await app.call('parties.list', {})).length;
    await page.click('[data-action=backup-now]');
    await expect.poll(() => lastToast(page)).toMatch(/^已备份到 .*company-manual-\d{8}-\d{6}\.sqlite$/);
    const row = page.locator('[data-testid=backup-list] tbody tr').first();
    await expect.poll(() => text(page, row)).toContain(`义乌环球贸易商行 · 客户/供应商 ${partiesAtBackup} 个`);
    expect(await text(page, row)).toContain('手动备份');
    await app.shot('05-backup-screen');

    // a one-off copy onto "a USB drive", without changing where backups go
    const usb = path.join(app.dataDir, 'usb');
    await page.fill('#backup-other-input', usb);
    await page.click('[data-action=backup-other]');
    await expect.poll(() => lastToast(page)).toMatch(new RegExp(`^已备份到 ${usb}/company-manual-`));
    expect(fs.readdirSync(usb).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1);
    expect(await text(page, '[data-testid=backup-folder]')).toBe(path.join(app.dataDir, 'backups'));
    // the folder setting: a relative path is refused next to the field, a full one is taken, then back to the default
    await page.fill('#backup-folder-input', 'backups2');
    await page.click('[data-action=save-folder]');
    await expect.poll(() => text(page, '[data-testid=folder-error]')).toBe('请填写文件夹的完整路径（如 E:\\备份）。');
    await page.fill('#backup-folder-input', usb);
    await page.click('[data-action=save-folder]');
    await expect.poll(() => text(page, '[data-testid=backup-folder]')).toBe(usb);
    expect(await page.locator('[data-testid=backup-list] tbody tr').count()).toBe(1);
    await page.click('[data-action=default-folder]');
    await expect.poll(() => text(page, '[data-testid=backup-folder]')).toBe(path.join(app.dataDir, 'backups'));

    // written after the backup: gone after the restore
    await app.call('parties.create', { roles: ['agent'], nameZh: '备份之后新增的货代' });

    // a damaged file typed in: refused in the UI language, nothing offered to restore
    const good = (await app.call('backup.status', {})).backups[0]!.file;
    const cut = path.join(app.dataDir, 'cut.sqlite');
    fs.writeFileSync(cut, fs.readFileSync(good).subarray(0, 5000));
    await page.fill('#restore-file-backup\\.restore', cut);
    await page.click('[data-action=inspect]');
    await expect.poll(() => text(page, '[data-testid=restore-refusal]')).toMatch(/^这份备份已损坏，不能恢复（.*cut short）。请换一份，数据没有改动。$/);
    expect(await page.locator('[data-action=restore]').count()).toBe(0);

    // the backup from the list: what it holds, then restore after the question
    await row.locator('[data-action=restore-this]').click();
    await expect.poll(() => text(page, '[data-testid=restore-panel] [data-fact=company]')).toBe('义乌环球贸易商行');
    expect(await text(page, '[data-testid=restore-panel] [data-fact=counts]')).toContain(`客户/供应商 ${partiesAtBackup} 个`);
    await page.click('[data-action=restore]');
    await app.shot('06-restore-confirm');
    await page.locator('[role=alertdialog] button.danger').click();
    await expect.poll(() => lastToast(page)).toMatch(/^已从 .* 恢复，正在重新载入…$/);
    // the page reloads on the restored file
    await page.waitForEvent('load');
    await page.locator('[data-screen=backup]').waitFor();
    expect((await app.call('parties.list', {})).map((p) => p.nameZh)).not.toContain('备份之后新增的货代');
    expect((await app.call('parties.list', {})).length).toBe(partiesAtBackup);
    const after = await app.call('backup.status', {});
    expect(after.backups.map((b) => b.kind)).toContain('before-restore');
    expect(app.pageErrors).toEqual([]);
  });
});

/** A data folder holding a company with a verified daily backup; the company file then damaged by `damage`. */
async function damagedFolder(dataDir: string, damage: (file: string) => void): Promise<void> {
  const core = await openCore({ dataDir, log: () => {} });
  await core.call('company.setup', { nameZh: '义乌损坏测试商行', baseCurrency: 'CNY', language: 'zh' });
  await core.call('parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC' });
  await autoBackup(core.db, dataDir);
  core.close();
  damage(companyFilePath(dataDir));
}

describe('start on a damaged company file (browser mode)', () => {
  for (const [label, damage] of [
    ['truncated', (f: string) => fs.writeFileSync(f, fs.readFileSync(f).subarray(0, Math.floor(fs.statSync(f).size / 2)))],
    [
      'garbage',
      (f: string) => {
        const b = fs.readFileSync(f);
        for (let i = 0; i < b.length; i += 1) b[i] = (i * 7919) % 251;
        fs.writeFileSync(f, b);
      },
    ],
  ] as const) {
    it(`a ${label} file: the recovery screen offers the latest backup and restores it, the damaged file kept`, async () => {
      const broken = await openBrowserApp({ name: `safety-${label}`, prepare: (dir) => damagedFolder(dir, damage) });
      try {
        const p = broken.page;
        const damagedBytes = fs.readFileSync(companyFilePath(broken.dataDir));
        await p.goto(broken.server.url);
        await p.locator('[data-screen=recovery]').waitFor();
        expect(await text(p, '[data-testid=recovery-message]')).toContain('贸易台账无法打开');
        expect(await text(p, '[data-testid=recovery-latest]')).toMatch(/company-\d{4}-\d{2}(-\d{2})?\.sqlite$/);
        await expect.poll(() => text(p, '[data-testid=restore-panel] [data-fact=company]')).toBe('义乌损坏测试商行');
        await broken.shot('recovery');
        await p.click('[data-action=restore]');
        await p.locator('[role=alertdialog] button.danger').click();
        await p.waitForEvent('load');
        await expect.poll(() => text(p, '[data-testid=company-name]')).toBe('义乌损坏测试商行');
        expect((await broken.call('parties.list', {})).map((x) => x.nameEn)).toEqual(['Ahmed Trading LLC']);
        const aside = fs.readdirSync(broken.dataDir).filter((n) => n.startsWith('company.sqlite.damaged-'));
        expect(aside).toHaveLength(1);
        expect(fs.readFileSync(path.join(broken.dataDir, aside[0]!)).equals(damagedBytes)).toBe(true);
        expect(broken.pageErrors).toEqual([]);
      } finally {
        await broken.close();
      }
    });
  }
});
