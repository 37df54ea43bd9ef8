/**
 * orders.page (issue 7): blocks of the orders list sorted and filtered in SQL must be exactly orders.list, cut up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../electron/core';
import type { Core } from '../electron/core';
import { seed } from '../electron/core/seed';
import type { ApiArg } from '../shared/api';
import { currencyDecimals } from '../shared/currency';
import { formatScaled, parseScaled } from '../shared/decimal';
import { ORDER_SORT_FIELDS, type OrderSummary } from '../shared/trade';
import { ok, raw } from './helpers';

let core: Core;
let dir: string;
type Filter = ApiArg<'orders.list'>;

// one seeded file for the whole suite (helpers' testCore closes its cores after each test)
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-order-page-'));
  core = await openCore({ dataDir: dir, log: () => {} });
  seed(core.db, { lines: 6000, seed: 7 });
}, 60_000);
afterAll(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** SQLite's BINARY collation: UTF-8 bytes. */
const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const key: Record<(typeof ORDER_SORT_FIELDS)[number], (a: OrderSummary, b: OrderSummary) => number> = {
  orderDate: (a, b) => bytes(a.orderDate, b.orderDate),
  no: (a, b) => bytes(a.no, b.no),
  partyName: (a, b) => bytes(a.partyName, b.partyName),
  amount: (a, b) => Math.sign(Number(a.baseAmount) - Number(b.baseAmount)),
  status: (a, b) => bytes(a.status, b.status),
};

async function allPages(filter: Filter, sort: ApiArg<'orders.page'>['sort'], limit: number) {
  const rows: OrderSummary[] = [];
  for (let offset = 0; ; offset += limit) {
    const p = await ok(core, 'orders.page', { ...filter, sort, offset, limit });
    rows.push(...p.rows);
    if (p.rows.length < limit) return { rows, page: p };
  }
}

function expectedTotals(list: OrderSummary[]) {
  const bd = currencyDecimals(core.db.prepare('SELECT base_currency FROM company WHERE id = 1').pluck().get() as string);
  const by = new Map<string, { count: number; amount: number; paid: number; unpaid: number; base: number }>();
  let base = 0;
  for (const o of list) {
    const d = currencyDecimals(o.currency);
    const t = by.get(o.currency) ?? { count: 0, amount: 0, paid: 0, unpaid: 0, base: 0 };
    t.count++;
    t.amount += parseScaled(o.amount, d);
    t.paid += parseScaled(o.paid, d);
    t.unpaid += parseScaled(o.unpaid, d);
    t.base += parseScaled(o.baseAmount, bd);
    base += parseScaled(o.baseAmount, bd);
    by.set(o.currency, t);
  }
  return {
    baseAmount: formatScaled(base, bd),
    currencies: [...by.entries()]
      .sort(([a], [b]) => bytes(a, b))
      .map(([currency, t]) => ({
        currency,
        count: t.count,
        amount: formatScaled(t.amount, currencyDecimals(currency)),
        paid: formatScaled(t.paid, currencyDecimals(currency)),
        unpaid: formatScaled(t.unpaid, currencyDecimals(currency)),
        baseAmount: formatScaled(t.base, bd),
      })),
  };
}

describe('orders.page', () => {
  it('the seeded file has what the comparisons need', async () => {
    const list = await ok(core, 'orders.list', { kind: 'sales' });
    expect(list.length).toBeGreaterThan(100);
    expect(new Set(list.map((o) => o.currency)).size).toBeGreaterThan(1);
    expect(list.some((o) => o.paid !== '0.00' && Number(o.paid) > 0)).toBe(true);
    expect(new Set(list.map((o) => o.status)).size).toBeGreaterThan(2);
  });

  it('default page: the first 100 of orders.list, by date descending', async () => {
    const list = await ok(core, 'orders.list', { kind: 'sales' });
    const p = await ok(core, 'orders.page', { kind: 'sales', offset: 0 });
    expect(p.rows).toEqual(list.slice(0, 100));
    expect(p.total).toBe(list.length);
  });

  for (const kind of ['sales', 'purchase'] as const)
    for (const field of ORDER_SORT_FIELDS)
      for (const dir of ['asc', 'desc'] as const)
        it(`${kind}, sorted by ${field} ${dir}: pages concatenate to orders.list in that order`, async () => {
          const list = await ok(core, 'orders.list', { kind });
          const sign = dir === 'asc' ? 1 : -1;
          const expected = [...list].sort((a, b) => sign * (key[field](a, b) || a.id - b.id));
          const { rows, page } = await allPages({ kind }, { field, dir }, 37);
          expect(rows).toEqual(expected);
          expect(page.total).toBe(list.length);
        });

  it('count and per-currency totals are the sums over orders.list, exactly', async () => {
    const base = (core.db.prepare('SELECT base_currency FROM company WHERE id = 1').pluck().get() as string) ?? '';
    for (const kind of ['sales', 'purchase'] as const) {
      const list = await ok(core, 'orders.list', { kind });
      const p = await ok(core, 'orders.page', { kind, offset: 0, limit: 5 });
      expect(p.total).toBe(list.length);
      expect(p.totals).toEqual({ baseCurrency: base, ...expectedTotals(list) });
    }
  });

  it('filters by party, status, dates and free text match orders.list, with their totals', async () => {
    const sales = await ok(core, 'orders.list', { kind: 'sales' });
    const party = sales[3]!.partyId;
    const item = core.db.prepare("SELECT item_no FROM order_line WHERE item_no <> '' ORDER BY id LIMIT 1 OFFSET 50").pluck().get() as string;
    const dates = sales.map((o) => o.orderDate).sort();
    const filters: Filter[] = [
      { kind: 'sales', partyId: party },
      { kind: 'sales', status: 'confirmed' },
      { kind: 'sales', status: 'cancelled' },
      { kind: 'purchase', status: 'complete' },
      { kind: 'sales', from: dates[20]!, to: dates[80]! },
      { kind: 'sales', search: item },
      { kind: 'sales', search: sales[5]!.partyName.slice(0, 3) },
      { kind: 'sales', search: sales[9]!.no },
      { kind: 'sales', search: 'no such thing anywhere' },
      { kind: 'sales', partyId: party, status: 'confirmed', from: dates[10]! },
    ];
    for (const f of filters) {
      const list = await ok(core, 'orders.list', f);
      const { rows, page } = await allPages(f, undefined, 13);
      expect(rows, JSON.stringify(f)).toEqual(list);
      expect(page.total).toBe(list.length);
      expect(page.totals.baseAmount).toBe(expectedTotals(list).baseAmount);
      expect(page.totals.currencies).toEqual(expectedTotals(list).currencies);
    }
  });

  it('settled claim credits lower unpaid in the totals as in the rows (the seed writes no claims)', async () => {
    const sl = core.db
      .prepare(`SELECT sl.id, o.id AS order_id FROM shipment_line sl JOIN order_line ol ON ol.id = sl.order_line_id
                JOIN trade_order o ON o.id = ol.order_id WHERE o.kind = 'sales' AND o.status <> 'cancelled' ORDER BY sl.id LIMIT 2`)
      .all() as { id: number; order_id: number }[];
    expect(sl.length).toBe(2);
    const before = await ok(core, 'orders.page', { kind: 'sales', offset: 0, limit: 1 });
    const ins = core.db.prepare(`INSERT INTO claim (no, shipment_line_id, claim_date, kind, qty_e3, settlement, amount_minor, status, created_at, updated_at)
                                 VALUES (?, ?, '2024-01-01', 'short', 1000, ?, 123, ?, 'x', 'x')`);
    ins.run('TEST-C1', sl[0]!.id, 'credit', 'settled');
    ins.run('TEST-C2', sl[1]!.id, 'refund', 'open');
    try {
      const list = await ok(core, 'orders.list', { kind: 'sales' });
      const p = await ok(core, 'orders.page', { kind: 'sales', offset: 0, limit: 1 });
      expect(p.totals.currencies).toEqual(expectedTotals(list).currencies);
      expect(p.totals.currencies).not.toEqual(before.totals.currencies);
    } finally {
      core.db.prepare("DELETE FROM claim WHERE no IN ('TEST-C1', 'TEST-C2')").run();
    }
  });

  it('an offset past the end answers no rows and the right total', async () => {
    const n = (await ok(core, 'orders.list', { kind: 'sales' })).length;
    for (const offset of [n, n + 1, 2 ** 31]) {
      const p = await ok(core, 'orders.page', { kind: 'sales', offset });
      expect(p.rows).toEqual([]);
      expect(p.total).toBe(n);
    }
    const last = await ok(core, 'orders.page', { kind: 'sales', offset: n - 1, limit: 500 });
    expect(last.rows.length).toBe(1);
  });

  it('refuses bad arguments', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ kind: 'sales', offset: 0, limit: 0 }, 'limit'],
      [{ kind: 'sales', offset: 0, limit: 501 }, 'limit'],
      [{ kind: 'sales', offset: 0, limit: 1.5 }, 'limit'],
      [{ kind: 'sales', offset: -1 }, 'offset'],
      [{ kind: 'sales', offset: 0.5 }, 'offset'],
      [{ kind: 'sales' }, 'offset'],
      [{ kind: 'sales', offset: 0, sort: { field: 'id', dir: 'asc' } }, 'sort.field'],
      [{ kind: 'sales', offset: 0, sort: { field: 'no', dir: 'up' } }, 'sort.dir'],
      [{ kind: 'sales', offset: 0, sort: { field: 'no; DROP TABLE party', dir: 'asc' } }, 'sort.field'],
      [{ kind: 'sales', offset: 0, sort: { field: 'no', dir: 'asc', extra: 1 } }, 'sort'],
      [{ kind: 'both', offset: 0 }, 'kind'],
    ];
    for (const [arg, path] of bad) {
      const r = await raw(core, 'orders.page', arg);
      expect(r.ok, JSON.stringify(arg)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('validation');
        expect(r.error.issues?.map((i) => i.path).join(' ')).toContain(path);
      }
    }
  });
});
