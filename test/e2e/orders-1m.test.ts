/**
 * Issue 7 in the browser: the orders list of a large seeded file pages through the core (AG Grid's infinite
 * row model over orders.page). Open the Orders screen, scroll to the middle, filter by a buyer: the grid shows
 * exactly the rows, count and totals that SQL on the same file gives (content, never time).
 *
 * Size: TR_E2E_1M=1 seeds 1,000,000 order lines (about a minute to generate, plus the test); by default 50,000
 * lines, to keep CI reasonable; TR_E2E_LINES=<n> for any other size. Screenshots: /tmp/tr-shots/orders-1m-*.
 * Needs `npx electron-vite build` first and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seed } from '../../electron/core/seed';
import { openBrowserApp, type BrowserApp } from './harness';
import { gridReady, pickTyped } from './ui';

const LINES = process.env.TR_E2E_1M === '1' ? 1_000_000 : Number(process.env.TR_E2E_LINES ?? 50_000);

let app: BrowserApp;
let page: Page;

const db = () => app.server.core.db;
const sql = <T>(q: string, ...params: unknown[]) => db().prepare(q).all(...params) as T[];

/** Rows the grid has drawn with their data: row index → order no. (rows still loading have no text yet). */
async function drawnRows(): Promise<Map<number, string>> {
  const rows = await page.$$eval('.orders-list .ag-row[row-index]', (els) =>
    els.map((r) => [Number(r.getAttribute('row-index')), (r.querySelector('.ag-cell[col-id="no"]')?.textContent ?? '').trim()] as const),
  );
  return new Map(rows.filter(([, no]) => no !== ''));
}

/** Scroll the grid's rows to a fraction of their height (as dragging the scroll bar does). */
async function scrollGrid(fraction: number): Promise<void> {
  await page.$$eval(
    '.orders-list .ag-root *',
    (els, f) => {
      const el = els.find((e) => e.scrollHeight > e.clientHeight + 100 && getComputedStyle(e).overflowY !== 'hidden' && getComputedStyle(e).overflowY !== 'visible');
      if (!el) throw new Error('no scrolling element in the grid');
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
    },
    fraction,
  );
}

/** The order numbers SQL gives for rows first..last of a sales list (newest first, id breaking ties). */
function expectedNos(where: string, params: unknown[], first: number, last: number): string[] {
  return sql<{ no: string }>(`SELECT no FROM trade_order WHERE kind = 'sales' ${where} ORDER BY order_date DESC, id DESC LIMIT ? OFFSET ?`, ...params, last - first + 1, first).map((r) => r.no);
}

/** The grid's drawn rows, once they are there, checked against SQL row by row. */
async function expectDrawnRowsMatch(where: string, params: unknown[], near: number, exact = false): Promise<number[]> {
  let drawn = new Map<number, string>();
  await expect
    .poll(async () => {
      drawn = await drawnRows();
      return exact ? drawn.has(near) : [...drawn.keys()].some((i) => Math.abs(i - near) < 30);
    }, { timeout: 20_000 })
    .toBe(true);
  const indexes = [...drawn.keys()].sort((a, b) => a - b);
  const want = expectedNos(where, params, indexes[0]!, indexes[indexes.length - 1]!);
  for (const i of indexes) expect(drawn.get(i), `row ${i}`).toBe(want[i - indexes[0]!]);
  expect(indexes.length).toBeGreaterThan(5);
  return indexes;
}

/** The footer as SQL computes it: per currency, the amount of the orders not cancelled and what is unpaid. */
function expectedFooter(where: string, params: unknown[]): string[] {
  const rows = sql<{ currency: string; active: number; unpaid: number }>(
    `SELECT o.currency, sum(CASE WHEN o.status <> 'cancelled' THEN o.total_minor ELSE 0 END) AS active,
            sum(CASE WHEN o.status <> 'cancelled' THEN o.total_minor - (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE order_id = o.id) ELSE 0 END) AS unpaid
     FROM trade_order o WHERE o.kind = 'sales' ${where} GROUP BY o.currency ORDER BY o.currency`,
    ...params,
  );
  const decimals = (c: string) => (c === 'JPY' || c === 'KRW' ? 0 : 2);
  // as the screen writes it in Chinese: grouped thousands (1,234.50)
  const group = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fmt = (v: number, d: number) => (d === 0 ? group(v) : `${v < 0 ? '-' : ''}${group(Math.floor(Math.abs(v) / 10 ** d))}.${String(Math.abs(v) % 10 ** d).padStart(d, '0')}`);
  return rows.filter((r) => r.active !== 0 || r.unpaid !== 0).map((r) => `${r.currency} 合计 ${fmt(r.active, decimals(r.currency))}，未结 ${fmt(r.unpaid, decimals(r.currency))}`);
}

beforeAll(async () => {
  app = await openBrowserApp({ name: 'orders-1m' });
  page = app.page;
  seed(db(), { lines: LINES, seed: 3 });
}, 600_000);

afterAll(async () => {
  await app?.close();
});

describe(`the orders list of a seeded file (${LINES.toLocaleString('en')} order lines)`, () => {
  const count = (where = '', ...params: unknown[]) => sql<{ n: number }>(`SELECT count(*) AS n FROM trade_order WHERE kind = 'sales' ${where}`, ...params)[0]!.n;

  it('opens with the newest orders first, the count and the totals of all of them', async () => {
    await page.goto(`${app.server.url}#orders`);
    await gridReady(page, '.orders-list');
    const n = count();
    expect(n).toBeGreaterThan(LINES / 60);
    await expect.poll(() => page.textContent('[data-testid=row-count]'), { timeout: 20_000 }).toContain(`共 ${n} 条`);
    await expectDrawnRowsMatch('', [], 0, true);
    const footer = expectedFooter('', []);
    expect(footer.length).toBeGreaterThan(1);
    for (const f of footer) expect(await page.textContent('[data-testid=orders-totals]')).toContain(f);
    await app.shot('01-first-page');
  });

  it('scrolled to the middle, shows the rows SQL has there', async () => {
    const n = count();
    await scrollGrid(0.5);
    const indexes = await expectDrawnRowsMatch('', [], Math.floor(n / 2));
    expect(indexes[0]!).toBeGreaterThan(n / 2 - 60);
    expect(indexes[indexes.length - 1]!).toBeLessThan(n / 2 + 60);
    await app.shot('02-middle');
  });

  it('filtered by a buyer, shows only that buyer’s orders, their count and totals; to the end of them', async () => {
    // the buyer with the most orders whose name no other customer's name contains (so typing it picks them)
    const buyers = sql<{ id: number; name: string; n: number }>(
      `SELECT p.id, CASE WHEN p.name_zh <> '' THEN p.name_zh ELSE p.name_en END AS name, count(o.id) AS n
       FROM party p JOIN trade_order o ON o.party_id = p.id AND o.kind = 'sales' GROUP BY p.id ORDER BY n DESC`,
    );
    const names = sql<{ name: string }>(`SELECT CASE WHEN name_zh <> '' THEN name_zh ELSE name_en END AS name FROM party WHERE roles LIKE '%customer%'`).map((r) => r.name);
    const buyer = buyers.find((b) => names.filter((x) => x.includes(b.name)).length === 1)!;
    expect(buyer.n).toBeGreaterThan(20);
    await page.click('#orders-filter-party');
    await pickTyped(page, buyer.name);
    const where = 'AND party_id = ?';
    await expect.poll(() => page.textContent('[data-testid=row-count]'), { timeout: 20_000 }).toContain(`共 ${buyer.n} 条`);
    await expectDrawnRowsMatch(where, [buyer.id], 0, true);
    const drawnParties = await page.$$eval('.orders-list .ag-row[row-index] .ag-cell[col-id="partyName"]', (els) => [...new Set(els.map((e) => e.textContent?.trim()))]);
    expect(drawnParties).toEqual([buyer.name]);
    for (const f of expectedFooter(where, [buyer.id])) expect(await page.textContent('[data-testid=orders-totals]')).toContain(f);
    await app.shot('03-buyer');
    // the last of them, at the bottom
    await scrollGrid(1);
    const indexes = await expectDrawnRowsMatch(where, [buyer.id], buyer.n - 1, true);
    expect(indexes[indexes.length - 1]).toBe(buyer.n - 1);
    await app.shot('04-buyer-end');
    expect(app.pageErrors).toEqual([]);
  });
});
