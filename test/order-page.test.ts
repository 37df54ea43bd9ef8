/**
 * orders.page (issue 7): blocks of the orders list sorted and filtered in SQL must be exactly orders.list, cut up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../electron/core';
import type { Core } from '../electron/core';
import { openCompanyFile } from '../electron/core/db';
import { migrations } from '../electron/core/migrations';
import { seed } from '../electron/core/seed';
import type { ApiArg } from '../shared/api';
import { currencyDecimals } from '../shared/currency';
import { formatScaled, parseScaled } from '../shared/decimal';
import { ORDER_SORT_FIELDS, type OrderSummary } from '../shared/trade';
import { ok, raw } from './helpers';
import { readBook, rowValues } from './xlsx-read';

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
  // by party: then by party, by date (the orders of one buyer together, in date order)
  partyName: (a, b) => bytes(a.partyName, b.partyName) || a.partyId - b.partyId || bytes(a.orderDate, b.orderDate),
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
  const by = new Map<string, { count: number; amount: number; active: number; paid: number; unpaid: number; base: number }>();
  let base = 0;
  for (const o of list) {
    const d = currencyDecimals(o.currency);
    const t = by.get(o.currency) ?? { count: 0, amount: 0, active: 0, paid: 0, unpaid: 0, base: 0 };
    t.count++;
    t.amount += parseScaled(o.amount, d);
    if (o.status !== 'cancelled') t.active += parseScaled(o.amount, d);
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
        activeAmount: formatScaled(t.active, currencyDecimals(currency)),
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
      expect(page.totals?.baseAmount).toBe(expectedTotals(list).baseAmount);
      expect(page.totals?.currencies).toEqual(expectedTotals(list).currencies);
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
      expect(p.totals?.currencies).toEqual(expectedTotals(list).currencies);
      expect(p.totals?.currencies).not.toEqual(before.totals?.currencies);
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

// ---------------------------------------------------------------------------------------------------------
// Free text through line_text / order_text / trigram FTS5, and the stored paid sums (migration 7)

/** What free text must find, from the raw tables: order no., party names, any line's item no. / names
 * containing the text (ASCII case folded, as LIKE does). */
function expectedSearch(db: Core['db'], kind: string, text: string): number[] {
  const has = (s: string) => s.toLowerCase().includes(text.toLowerCase());
  const orders = db
    .prepare(`SELECT o.id, o.no, p.name_zh, p.name_en FROM trade_order o JOIN party p ON p.id = o.party_id WHERE o.kind = ?`)
    .all(kind) as { id: number; no: string; name_zh: string; name_en: string }[];
  const lines = db.prepare('SELECT order_id, item_no, name_zh, name_en FROM order_line').all() as { order_id: number; item_no: string; name_zh: string; name_en: string }[];
  const byLine = new Set(lines.filter((l) => has(l.item_no) || has(l.name_zh) || has(l.name_en)).map((l) => l.order_id));
  return orders.filter((o) => has(o.no) || has(o.name_zh) || has(o.name_en) || byLine.has(o.id)).map((o) => o.id).sort((a, b) => a - b);
}

async function searchIds(c: Core, kind: 'sales' | 'purchase', search: string): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const p = await ok(c, 'orders.page', { kind, search, offset, limit: 500, totals: offset === 0 });
    ids.push(...p.rows.map((r) => r.id));
    if (p.rows.length < 500) return ids.sort((a, b) => a - b);
  }
}

/** Probes of every shape: short Chinese (no trigram), longer Chinese, item no. in another case, English words,
 * a party name, an order no., LIKE and FTS5 syntax characters. */
function probes(db: Core['db']): string[] {
  const zh = db.prepare("SELECT name_zh FROM order_line WHERE length(name_zh) >= 4 ORDER BY id LIMIT 1 OFFSET 40").pluck().get() as string;
  const en = db.prepare("SELECT name_en FROM order_line WHERE length(name_en) >= 8 ORDER BY id LIMIT 1 OFFSET 77").pluck().get() as string;
  const item = db.prepare("SELECT item_no FROM order_line WHERE item_no <> '' ORDER BY id LIMIT 1 OFFSET 123").pluck().get() as string;
  const party = db.prepare("SELECT name_en FROM party WHERE name_en <> '' ORDER BY id LIMIT 1 OFFSET 5").pluck().get() as string;
  const no = db.prepare("SELECT no FROM trade_order WHERE kind = 'sales' ORDER BY id LIMIT 1 OFFSET 7").pluck().get() as string;
  return [zh.slice(1, 2), zh.slice(0, 2), zh.slice(1, 4), item.toLowerCase(), en.slice(2, 7).toUpperCase(), party.slice(1, 6), no.slice(-6), '"', '%', '_', 'a"b', 'x*', 'NEAR(a b)', '不存在的东西'];
}

describe('orders.page free text and stored sums', () => {
  let c: Core;
  let d: string;
  beforeAll(async () => {
    d = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-order-search-'));
    c = await openCore({ dataDir: d, log: () => {} });
    seed(c.db, { lines: 2500, seed: 11 });
  }, 60_000);
  afterAll(() => {
    c.close();
    fs.rmSync(d, { recursive: true, force: true });
  });

  it('finds exactly the orders a scan of orders, parties and lines finds, for every kind of text', async () => {
    for (const text of probes(c.db))
      for (const kind of ['sales', 'purchase'] as const) {
        const want = expectedSearch(c.db, kind, text);
        expect(await searchIds(c, kind, text), `${kind} "${text}"`).toEqual(want);
      }
    // the probes are not all empty
    expect(expectedSearch(c.db, 'sales', probes(c.db)[0]!).length).toBeGreaterThan(0);
    expect(expectedSearch(c.db, 'sales', probes(c.db)[2]!).length).toBeGreaterThan(0);
  });

  it('later blocks with totals: false carry the same rows and no totals', async () => {
    const a = await ok(c, 'orders.page', { kind: 'sales', offset: 20, limit: 20 });
    const b = await ok(c, 'orders.page', { kind: 'sales', offset: 20, limit: 20, totals: false });
    expect(b.rows).toEqual(a.rows);
    expect(b.total).toBeNull();
    expect(b.totals).toBeNull();
    expect(a.total).toBeGreaterThan(40);
    expect(b.rows.length).toBe(20);
  });

  it('the search follows line edits, order deletes and party renames in the same transaction', async () => {
    const buyer = await ok(c, 'parties.create', { roles: ['customer'], nameEn: 'Qorvex Imports' });
    const o = await ok(c, 'orders.create', {
      kind: 'sales',
      partyId: buyer.id,
      orderDate: '2026-03-01',
      currency: 'USD',
      rate: '7.1',
      lines: [
        { itemNo: 'QX-77', nameZh: '硅胶杯垫', nameEn: 'Silicone coaster', quantity: '10', unitPrice: '1' },
        { itemNo: 'QX-78', nameZh: '硅胶杯垫', nameEn: 'Silicone coaster', quantity: '5', unitPrice: '1' },
      ],
    });
    expect(await searchIds(c, 'sales', '杯垫')).toContain(o.id);
    expect(await searchIds(c, 'sales', 'qx-78')).toEqual([o.id]);
    // one of two lines with the name renamed: the name still finds the order; the new one too
    const lines = o.lines.map((l) => ({ id: l.id, itemNo: l.itemNo, nameZh: l.nameZh, nameEn: l.nameEn, quantity: l.quantity, unitPrice: l.unitPrice }));
    await ok(c, 'orders.update', { id: o.id, lines: [lines[0]!, { ...lines[1]!, itemNo: 'QX-79', nameZh: '木质托盘' }] });
    expect(await searchIds(c, 'sales', 'qx-78')).toEqual([]);
    expect(await searchIds(c, 'sales', 'QX-79')).toEqual([o.id]);
    expect(await searchIds(c, 'sales', '木质托')).toEqual([o.id]);
    expect(await searchIds(c, 'sales', '杯垫')).toContain(o.id);
    // the last line with it renamed: gone
    await ok(c, 'orders.update', { id: o.id, lines: [{ ...lines[0]!, nameZh: '木质托盘' }, { ...lines[1]!, itemNo: 'QX-79', nameZh: '木质托盘' }] });
    expect(await searchIds(c, 'sales', '硅胶杯')).not.toContain(o.id);
    await ok(c, 'parties.update', { id: buyer.id, patch: { nameEn: 'Zentrix Imports' } });
    expect(await searchIds(c, 'sales', 'zentrix')).toEqual([o.id]);
    expect(await searchIds(c, 'sales', 'Qorvex')).toEqual([]);
    await ok(c, 'orders.delete', { id: o.id });
    expect(await searchIds(c, 'sales', 'QX-79')).toEqual([]);
    // texts no line uses any more are dropped from the index tables
    const orphans = c.db.prepare('SELECT count(*) FROM line_text WHERE NOT EXISTS (SELECT 1 FROM order_text WHERE text_id = line_text.id)').pluck().get();
    expect(orphans).toBe(0);
    expect(c.db.prepare("SELECT count(*) FROM line_text WHERE item_no IN ('QX-77', 'QX-78', 'QX-79')").pluck().get()).toBe(0);
  });

  it('the stored paid sum of every order follows payments created, changed and deleted', async () => {
    const stale = () =>
      c.db.prepare('SELECT count(*) FROM trade_order o WHERE paid_total_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE order_id = o.id)').pluck().get();
    expect(c.db.prepare('SELECT count(*) FROM trade_order WHERE paid_total_minor > 0').pluck().get()).toBeGreaterThan(10);
    expect(stale()).toBe(0);
    const o = c.db.prepare("SELECT id, party_id, currency, rate_e6 FROM trade_order WHERE kind = 'sales' AND status IN ('confirmed', 'partial', 'complete') AND total_minor - paid_total_minor >= 1000 LIMIT 1").get() as { id: number; party_id: number; currency: string };
    const arg = { direction: 'in' as const, partyId: o.party_id, payDate: '2026-03-15', amount: '5', currency: o.currency, rate: '1', method: 'tt' as const, allocations: [{ orderId: o.id, amount: '3' }] };
    const paidOf = () => c.db.prepare('SELECT paid_total_minor FROM trade_order WHERE id = ?').pluck().get(o.id) as number;
    const was = paidOf();
    const p = await ok(c, 'payments.create', arg);
    expect(stale()).toBe(0);
    expect(paidOf()).toBeGreaterThan(was);
    await ok(c, 'payments.update', { id: p.id, payment: { ...arg, allocations: [{ orderId: o.id, amount: '4' }] } });
    expect(stale()).toBe(0);
    await ok(c, 'payments.delete', { id: p.id });
    expect(stale()).toBe(0);
    expect(paidOf()).toBe(was);
  });
});

describe('migration 7 on an existing file', () => {
  it('fills the search tables and the paid sums from the orders already there', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-order-m6-'));
    try {
      const before = migrations.filter((m) => m.version < 7);
      const old = await openCompanyFile(path.join(d, 'company.sqlite'), { migrations: before });
      expect(old.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'line_text'").pluck().get()).toBe(0);
      seed(old.db, { lines: 1500, seed: 5 });
      old.db.close();
      const c = await openCore({ dataDir: d, log: () => {} });
      try {
        expect(c.db.prepare('SELECT count(*) FROM order_text').pluck().get()).toBeGreaterThan(1000);
        expect(c.db.prepare('SELECT count(*) FROM trade_order WHERE paid_total_minor > 0').pluck().get()).toBeGreaterThan(5);
        expect(c.db.prepare('SELECT count(*) FROM trade_order o WHERE paid_total_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE order_id = o.id)').pluck().get()).toBe(0);
        for (const text of probes(c.db)) expect(await searchIds(c, 'sales', text), text).toEqual(expectedSearch(c.db, 'sales', text));
      } finally {
        c.close();
      }
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('orders.export', () => {
  const words = { draft: '草稿', confirmed: '已确认', partial: '部分出货', complete: '已出货', closed: '已关闭', cancelled: '已取消' };
  const columns: ApiArg<'orders.export'>['columns'] = [
    { field: 'no', header: '单号', widthPx: 130, kind: 'text' },
    { field: 'orderDate', header: '日期', widthPx: 110, kind: 'date' },
    { field: 'partyName', header: '客户', widthPx: 200, kind: 'text' },
    { field: 'currency', header: '币种', widthPx: 80, kind: 'text' },
    { field: 'amount', header: '金额', widthPx: 120, kind: 'money', currencyColumn: 3 },
    { field: 'status', header: '状态', widthPx: 110, kind: 'text' },
    { field: 'cartons', header: '箱数', widthPx: 90, kind: 'number' },
  ];

  it('writes every order of the filter in the sort asked, with the columns given, and totals per currency', async () => {
    const query = { kind: 'sales' as const, to: '2099-12-31', sort: { field: 'partyName' as const, dir: 'asc' as const } };
    const r = await ok(core, 'orders.export', { query, columns, statusWords: words, title: '订单 · 销售订单', labels: { total: '合计（{rows} 行）', currencyTotal: '合计 {currency}（{rows} 行）' } });
    const { rows: want } = await allPages({ kind: 'sales', to: '2099-12-31' }, query.sort, 100);
    expect(want.length).toBeGreaterThan(20);
    expect(r.rows).toBe(want.length);
    const ws = (await readBook(path.join(dir, 'exports', r.fileName))).worksheets[0]!;
    expect(rowValues(ws, 1, columns.length)).toEqual(columns.map((c) => c.header));
    const got = Array.from({ length: want.length }, (_, i) => rowValues(ws, i + 2, columns.length));
    expect(got.map((v) => v[0])).toEqual(want.map((o) => o.no));
    expect(got.map((v) => v[2])).toEqual(want.map((o) => o.partyName));
    expect(got.map((v) => v[5])).toEqual(want.map((o) => words[o.status]));
    expect(new Set(want.map((o) => o.status)).size).toBeGreaterThan(2);
    expect(got.map((v) => v[4])).toEqual(want.map((o) => Number(o.amount)));
    expect(got.map((v) => v[6])).toEqual(want.map((o) => o.cartons));
    const [y, m, d] = want[0]!.orderDate.split('-').map(Number) as [number, number, number];
    expect(got[0]![1]).toEqual(new Date(Date.UTC(y, m - 1, d)));
    // after the rows: one totals row, then one per currency with the exact sum of its orders
    const currencies = [...new Set(want.map((o) => o.currency))].sort();
    expect(currencies.length).toBeGreaterThan(1);
    currencies.forEach((cur, i) => {
      const row = rowValues(ws, want.length + 3 + i, columns.length);
      const sum = want.filter((o) => o.currency === cur).reduce((a, o) => a + parseScaled(o.amount, currencyDecimals(cur)), 0);
      expect([row[0], row[3], row[4]]).toEqual([`合计 ${cur}（${want.filter((o) => o.currency === cur).length} 行）`, cur, Number(formatScaled(sum, currencyDecimals(cur)))]);
    });
  });

  it('refuses a currency column that is not there', async () => {
    const bad = await raw(core, 'orders.export', { query: { kind: 'sales' }, columns: [{ ...columns[4]!, currencyColumn: 9 }], statusWords: words, title: 'x' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.[0]?.path).toBe('columns.0.currencyColumn');
  });
});
