import { describe, expect, it } from 'vitest';
import type { Core } from '../electron/core';
import { refreshOrderStatus } from '../electron/core/trade/progress';
import type { ApiArg } from '../shared/api';
import { ok, raw, testCore } from './helpers';

type OrderArg = ApiArg<'orders.create'>;

/** A company (base CNY) with a buyer, two stalls and two products of stall A. */
async function setup() {
  const core = await testCore();
  const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC', country: 'ARE' });
  const stallA = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位', booth: '2区 12街 34567' });
  const stallB = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '义乌发饰工厂' });
  const car = await ok(core, 'products.create', {
    itemNo: 'A-1001',
    nameZh: '塑料玩具车',
    nameEn: 'Plastic toy car',
    spec: '12cm',
    hsCode: '9503008900',
    customsUnit: '007',
    pcsPerCarton: 240,
    cartonLengthCm: '60',
    cartonWidthCm: '40',
    cartonHeightCm: '50',
    grossKgPerCarton: '12.5',
    netKgPerCarton: '11.25',
    defaultPrice: '0.08',
    currency: 'CNY',
    supplierId: stallA.id,
  });
  const clip = await ok(core, 'products.create', {
    itemNo: 'HC-88',
    nameZh: '发夹',
    pcsPerCarton: 1000,
    cartonLengthCm: '33.3',
    cartonWidthCm: '33.3',
    cartonHeightCm: '33.3',
    defaultPrice: '0.02',
    currency: 'USD',
    supplierId: stallA.id,
  });
  return { core, buyer, stallA, stallB, car, clip };
}

const sales = (partyId: number, extra: Partial<OrderArg> = {}): OrderArg => ({
  kind: 'sales',
  partyId,
  orderDate: '2026-03-05',
  currency: 'USD',
  rate: '7.1234',
  lines: [{ itemNo: 'X-1', nameEn: 'Sample', quantity: '10', unitPrice: '1' }],
  ...extra,
});

const count = (core: Core, table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const audits = (core: Core, id: number) =>
  (core.db.prepare("SELECT action, changes FROM audit_log WHERE entity = 'order' AND entity_id = ? ORDER BY id").all(id) as {
    action: string;
    changes: string;
  }[]).map((r) => ({ action: r.action, changes: JSON.parse(r.changes) as Record<string, any> }));

describe('order numbers, lines and exact totals', () => {
  it('numbers sales and purchase orders per kind and year, with the prefix from settings', async () => {
    const { core, buyer, stallA } = await setup();
    expect((await ok(core, 'orders.create', sales(buyer.id))).no).toBe('SO-2026-0001');
    expect((await ok(core, 'orders.create', sales(buyer.id))).no).toBe('SO-2026-0002');
    const po = await ok(core, 'orders.create', { ...sales(stallA.id), kind: 'purchase', currency: 'CNY', rate: '1' });
    expect(po.no).toBe('PO-2026-0001');
    expect((await ok(core, 'orders.create', sales(buyer.id, { orderDate: '2027-01-02' }))).no).toBe('SO-2027-0001');
    const settings = await ok(core, 'settings.update', { prefixes: { sales: 'yw' } });
    expect(settings.prefixes).toMatchObject({ sales: 'YW', purchase: 'PO', payment: 'PAY' });
    expect((await ok(core, 'settings.get', {})).prefixes.sales).toBe('YW');
    expect((await ok(core, 'orders.create', sales(buyer.id))).no).toBe('YW-2026-0003');
  });

  it('adds line amounts rounded once per line, to the cent, where floating point would not', async () => {
    const { core, buyer } = await setup();
    const o = await ok(core, 'orders.create', {
      ...sales(buyer.id),
      lines: [
        { itemNo: 'P-1', nameEn: 'Pen', quantity: '1200', unitPrice: '0.0125' }, // 15.00
        { itemNo: 'P-2', nameEn: 'Pencil', quantity: '333', unitPrice: '0.3333' }, // 110.9889 → 110.99
        { itemNo: 'P-3', nameEn: 'Eraser', quantity: '1', unitPrice: '1.005' }, // 1.005 → 1.01 (float: 1.00)
        { itemNo: 'P-4', nameEn: 'Ruler', quantity: '3', unitPrice: '0.1' }, // 0.30
        { itemNo: 'P-5', nameEn: 'Clip', quantity: '3', unitPrice: '0.2' }, // 0.60
      ],
    });
    expect(o.lines.map((l) => l.amount)).toEqual(['15.00', '110.99', '1.01', '0.30', '0.60']);
    expect(Math.round(1.005 * 100) / 100).toBe(1); // what float rounding would have shown
    expect(o.amount).toBe('127.90');
    // 127.90 × 7.1234 = 911.08286 CNY
    expect(o.baseAmount).toBe('911.08');
    expect(o.quantity).toBe('1540');
    expect(o.lineCount).toBe(5);
    const stored = core.db.prepare('SELECT total_minor, base_total_minor FROM trade_order WHERE id = ?').get(o.id);
    expect(stored).toEqual({ total_minor: 12790, base_total_minor: 91108 });
  });

  it('keeps JPY amounts without decimals and KWD amounts with 3', async () => {
    const { core, buyer } = await setup();
    const jpy = await ok(core, 'orders.create', {
      ...sales(buyer.id),
      currency: 'JPY',
      rate: '0.048',
      lines: [
        { itemNo: 'J-1', quantity: '333', unitPrice: '12.5' }, // 4162.5 → 4163
        { itemNo: 'J-2', quantity: '2', unitPrice: '0.25' }, // 0.5 → 1
      ],
    });
    expect(jpy.lines.map((l) => l.amount)).toEqual(['4163', '1']);
    expect(jpy.amount).toBe('4164');
    expect(jpy.baseAmount).toBe('199.87'); // 4164 × 0.048 = 199.872
    const kwd = await ok(core, 'orders.create', {
      ...sales(buyer.id),
      currency: 'KWD',
      rate: '23.5',
      lines: [{ itemNo: 'K-1', quantity: '3', unitPrice: '1.2345' }], // 3.7035 → 3.704
    });
    expect(kwd.amount).toBe('3.704');
    expect(kwd.baseAmount).toBe('87.04'); // 3.704 × 23.5 = 87.044
  });

  it('fills a line from its product: names, HS code, unit, quantity from cartons, weights and CBM', async () => {
    const { core, buyer, stallA, car, clip } = await setup();
    const o = await ok(core, 'orders.create', {
      ...sales(buyer.id),
      lines: [
        { productId: car.id, cartons: 5, unitPrice: '0.0125', stallId: stallA.id },
        { productId: clip.id, cartons: 10, unitPrice: '0.01', nameEn: 'Hair clip, gold' },
        { productId: car.id, cartons: 2, pcsPerCarton: 100, quantity: '150', unitPrice: '0.02', grossKg: '20', netKg: '18', cbm: '0.25' },
      ],
    });
    const [a, b, c] = o.lines;
    expect(a).toMatchObject({
      itemNo: 'A-1001',
      nameZh: '塑料玩具车',
      nameEn: 'Plastic toy car',
      spec: '12cm',
      hsCode: '9503008900',
      unit: '007',
      pcsPerCarton: 240,
      quantity: '1200',
      amount: '15.00',
      grossKg: '62.500',
      netKg: '56.250',
      cbm: '0.6000',
      stallName: '金华玩具摊位',
    });
    // 10 × 333³ mm³ = 0.36926037 m³ → 0.3693, rounded once (not 10 × 0.0369)
    expect(b).toMatchObject({ nameZh: '发夹', nameEn: 'Hair clip, gold', quantity: '10000', cbm: '0.3693', grossKg: '', amount: '100.00' });
    // what the line gives wins over the product
    expect(c).toMatchObject({ pcsPerCarton: 100, quantity: '150', grossKg: '20.000', netKg: '18.000', cbm: '0.2500' });
    expect(o).toMatchObject({ cartons: 17, quantity: '11350', grossKg: '82.500', netKg: '74.250', cbm: '1.2193', amount: '118.00' });
  });

  it('names the field and the line of a bad line, and writes nothing', async () => {
    const { core, buyer, car, stallA } = await setup();
    const customer2 = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Not a stall' });
    const good = { itemNo: 'X', quantity: '1', unitPrice: '1' };
    const cases: [unknown[], string, RegExp][] = [
      [[good, good, { itemNo: 'Y', unitPrice: '1' }], 'lines.2.quantity', /enter a quantity, or cartons and pieces per carton/],
      [[good, good, { itemNo: 'Y', quantity: '1', unitPrice: '0.12345' }], 'lines.2.unitPrice', /at most 4 decimals/],
      [[good, { productId: car.id, cartons: 2, unitPrice: '1', netKg: '30' }], 'lines.1.netKg', /net weight 30.000 kg is more than gross weight 25.000 kg/],
      [[good, { ...good, stallId: customer2.id }], 'lines.1.stallId', /is not a supplier/],
      [[{ productId: 999, quantity: '1', unitPrice: '1' }], 'lines.0.productId', /does not exist/],
      [[{ quantity: '1', unitPrice: '1' }], 'lines.0.nameZh', /item no\. or a name/],
    ];
    for (const [lines, path, message] of cases) {
      const r = await raw(core, 'orders.create', { ...sales(buyer.id), lines });
      expect(r.ok, path).toBe(false);
      expect(r.ok || r.error.issues, path).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
    const purchaseWithStall = await raw(core, 'orders.create', { ...sales(stallA.id), kind: 'purchase', lines: [{ ...good, stallId: stallA.id }] });
    expect(purchaseWithStall.ok || purchaseWithStall.error.issues?.[0]?.path).toBe('lines.0.stallId');
    expect(count(core, 'trade_order')).toBe(0);
    expect(count(core, 'order_line')).toBe(0);
    expect(count(core, "audit_log WHERE entity = 'order'")).toBe(0);
    // no number was used up by the refused saves
    expect((await ok(core, 'orders.create', sales(buyer.id))).no).toBe('SO-2026-0001');
  });

  it('checks the party and its role, and the rate of the base currency', async () => {
    const { core, buyer, stallA } = await setup();
    const wrongRole = await raw(core, 'orders.create', sales(stallA.id));
    expect(wrongRole.ok || wrongRole.error.issues).toEqual([{ path: 'partyId', message: '金华玩具摊位 is not a customer' }]);
    const poToBuyer = await raw(core, 'orders.create', { ...sales(buyer.id), kind: 'purchase' });
    expect(poToBuyer.ok || poToBuyer.error.issues?.[0]?.path).toBe('partyId');
    await ok(core, 'parties.archive', { id: buyer.id, archived: true });
    const archived = await raw(core, 'orders.create', sales(buyer.id));
    expect(archived.ok || archived.error.issues?.[0]).toEqual({ path: 'partyId', message: 'Ahmed Trading LLC is archived' });
    await ok(core, 'parties.archive', { id: buyer.id, archived: false });
    const badCny = await raw(core, 'orders.create', sales(buyer.id, { currency: 'CNY', rate: '7' }));
    expect(badCny.ok || badCny.error.issues?.[0]?.path).toBe('rate');
    const zeroRate = await raw(core, 'orders.create', sales(buyer.id, { rate: '0' }));
    expect(zeroRate.ok || zeroRate.error.issues?.[0]?.path).toBe('rate');
    const badCurrency = await raw(core, 'orders.create', sales(buyer.id, { currency: 'XYZ' }));
    expect(badCurrency.ok || badCurrency.error.issues?.[0]?.path).toBe('currency');
    expect(count(core, 'trade_order')).toBe(0);
  });

  it('remembers the last rate of each currency', async () => {
    const { core, buyer } = await setup();
    expect(await ok(core, 'rates.last', { currency: 'USD' })).toBeNull();
    expect(await ok(core, 'rates.last', { currency: 'CNY' })).toBe('1');
    await ok(core, 'orders.create', sales(buyer.id, { rate: '7.123400' }));
    expect(await ok(core, 'rates.last', { currency: 'USD' })).toBe('7.1234');
    const o = await ok(core, 'orders.create', sales(buyer.id, { rate: '7.2' }));
    expect(await ok(core, 'rates.last', { currency: 'USD' })).toBe('7.2');
    await ok(core, 'orders.update', { id: o.id, header: { rate: '7.25' } });
    expect(await ok(core, 'rates.last', { currency: 'USD' })).toBe('7.25');
    const list = await ok(core, 'currencies.list', {});
    expect(list.find((c) => c.code === 'JPY')?.decimals).toBe(0);
    expect(list.find((c) => c.code === 'KWD')?.decimals).toBe(3);
  });
});

describe('order status', () => {
  it('goes draft → confirmed → closed, and refuses what does not fit the status', async () => {
    const { core, buyer } = await setup();
    const empty = await ok(core, 'orders.create', sales(buyer.id, { lines: [] }));
    const noLines = await raw(core, 'orders.confirm', { id: empty.id });
    expect(noLines.ok || noLines.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/add at least one line/) });

    const o = await ok(core, 'orders.create', sales(buyer.id));
    expect(o.status).toBe('draft');
    expect((await raw(core, 'orders.close', { id: o.id })).ok).toBe(false);
    expect((await ok(core, 'orders.confirm', { id: o.id })).status).toBe('confirmed');
    const again = await raw(core, 'orders.confirm', { id: o.id });
    expect(again.ok || again.error.code).toBe('conflict');
    const del = await raw(core, 'orders.delete', { id: o.id });
    expect(del.ok || del.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/only a draft can be deleted; cancel it instead/) });
    const emptied = await raw(core, 'orders.update', { id: o.id, lines: [] });
    expect(emptied.ok || emptied.error.issues?.[0]?.path).toBe('lines');

    expect((await ok(core, 'orders.close', { id: o.id })).status).toBe('closed');
    const edit = await raw(core, 'orders.update', { id: o.id, header: { notes: 'late change' } });
    expect(edit.ok || edit.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/closed: it can't be edited/) });
    const cancelClosed = await raw(core, 'orders.cancel', { id: o.id, reason: 'x' });
    expect(cancelClosed.ok || cancelClosed.error.code).toBe('conflict');
    expect(audits(core, o.id).map((a) => a.action)).toEqual(['create', 'confirm', 'close']);
  });

  it('cancels with a reason, then refuses edits; deletes only drafts', async () => {
    const { core, buyer } = await setup();
    const o = await ok(core, 'orders.create', sales(buyer.id));
    await ok(core, 'orders.confirm', { id: o.id });
    const noReason = await raw(core, 'orders.cancel', { id: o.id, reason: '  ' });
    expect(noReason.ok || noReason.error.issues?.[0]?.path).toBe('reason');
    const c = await ok(core, 'orders.cancel', { id: o.id, reason: 'buyer changed his mind' });
    expect(c).toMatchObject({ status: 'cancelled', cancelReason: 'buyer changed his mind', unpaid: '0.00' });
    const edit = await raw(core, 'orders.update', { id: o.id, lines: [{ itemNo: 'Z', quantity: '1', unitPrice: '9' }] });
    expect(edit.ok || edit.error.code).toBe('conflict');
    expect((await ok(core, 'orders.get', { id: o.id })).amount).toBe('10.00');

    const draft = await ok(core, 'orders.create', sales(buyer.id));
    expect(await ok(core, 'orders.delete', { id: draft.id })).toEqual({ id: draft.id });
    expect((await raw(core, 'orders.get', { id: draft.id })).ok).toBe(false);
    expect(count(core, 'order_line')).toBe(1);
    expect(audits(core, o.id).map((a) => a.action)).toEqual(['create', 'confirm', 'cancel']);
    expect(audits(core, o.id)[2]!.changes).toEqual({ status: ['confirmed', 'cancelled'], reason: 'buyer changed his mind' });
    expect(audits(core, draft.id).map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('records every edit of a confirmed order in the audit log, keeping line ids', async () => {
    const { core, buyer } = await setup();
    const o = await ok(core, 'orders.create', {
      ...sales(buyer.id),
      lines: [
        { itemNo: 'L-1', quantity: '100', unitPrice: '1' },
        { itemNo: 'L-2', quantity: '200', unitPrice: '2' },
        { itemNo: 'L-3', quantity: '300', unitPrice: '3' },
      ],
    });
    await ok(core, 'orders.confirm', { id: o.id });
    const [l1, l2, l3] = o.lines;
    const u = await ok(core, 'orders.update', {
      id: o.id,
      header: { rate: '7.3', notes: 'price agreed on WhatsApp' },
      lines: [
        { id: l1!.id, itemNo: 'L-1', quantity: '100', unitPrice: '1.1' },
        { id: l3!.id, itemNo: 'L-3', quantity: '300', unitPrice: '3' },
        { itemNo: 'L-4', quantity: '5', unitPrice: '10' },
      ],
    });
    expect(u.status).toBe('confirmed');
    expect(u.lines.map((l) => l.id).slice(0, 2)).toEqual([l1!.id, l3!.id]);
    expect(u.lines.map((l) => l.lineNo)).toEqual([1, 2, 3]);
    expect(u.amount).toBe('1060.00'); // 110 + 900 + 50
    expect(u.baseAmount).toBe('7738.00');

    const entry = audits(core, o.id).at(-1)!;
    expect(entry.action).toBe('update');
    expect(entry.changes.status).toBe('confirmed');
    expect(entry.changes.header).toEqual({ rate: ['7.1234', '7.3'], notes: ['', 'price agreed on WhatsApp'] });
    expect(entry.changes.total).toEqual(['1400.00', '1060.00']);
    expect(entry.changes.lines.changed).toEqual([
      { id: l1!.id, lineNo: 1, changes: { unitPrice: ['1', '1.1'], amount: ['100.00', '110.00'] } },
      { id: l3!.id, lineNo: 2, changes: { lineNo: [3, 2] } },
    ]);
    expect(entry.changes.lines.removed).toMatchObject([{ id: l2!.id, itemNo: 'L-2', quantity: '200', amount: '400.00' }]);
    expect(entry.changes.lines.added).toMatchObject([{ itemNo: 'L-4', quantity: '5', unitPrice: '10', amount: '50.00' }]);

    // a line id of another order is refused
    const other = await ok(core, 'orders.create', sales(buyer.id));
    const foreign = await raw(core, 'orders.update', { id: o.id, lines: [{ id: other.lines[0]!.id, itemNo: 'Q', quantity: '1', unitPrice: '1' }] });
    expect(foreign.ok || foreign.error.issues?.[0]?.path).toBe('lines.0.id');
    // an edit that changes nothing writes no entry
    const n = audits(core, o.id).length;
    await ok(core, 'orders.update', { id: o.id, header: { notes: 'price agreed on WhatsApp' } });
    expect(audits(core, o.id)).toHaveLength(n);
  });

  it('recomputes amounts when the currency changes, in its decimals', async () => {
    const { core, buyer } = await setup();
    const o = await ok(core, 'orders.create', { ...sales(buyer.id), lines: [{ itemNo: 'J', quantity: '3', unitPrice: '0.5' }] });
    expect(o.amount).toBe('1.50');
    const missingRate = await raw(core, 'orders.update', { id: o.id, header: { currency: 'JPY' } });
    expect(missingRate.ok || missingRate.error.issues?.[0]?.path).toBe('header.rate');
    const j = await ok(core, 'orders.update', { id: o.id, header: { currency: 'JPY', rate: '0.048' } });
    expect(j).toMatchObject({ currency: 'JPY', amount: '2', baseAmount: '0.10' });
    expect(j.lines[0]!.amount).toBe('2');
    const c = await ok(core, 'orders.update', { id: o.id, header: { currency: 'CNY' } });
    expect(c).toMatchObject({ rate: '1', amount: '1.50', baseAmount: '1.50' });
  });
});

describe('progress: shipments, receipts, stock warnings', () => {
  /** What the shipments module writes (another engineer's): a shipment_line on an order line. */
  function ship(core: Core, orderLineId: number, qty: number): void {
    const now = new Date().toISOString();
    const ol = core.db.prepare('SELECT o.party_id FROM order_line l JOIN trade_order o ON o.id = l.order_id WHERE l.id = ?').get(orderLineId) as {
      party_id: number;
    };
    const sh = core.db
      .prepare(
        "INSERT INTO shipment (no, mode, trade_mode, consignee_id, status, created_at, updated_at) VALUES (?, 'sea', '1039', ?, 'planned', ?, ?)",
      )
      .run(`SH-T-${Math.random()}`, ol.party_id, now, now);
    core.db
      .prepare('INSERT INTO shipment_line (shipment_id, order_line_id, line_no, qty_e3, amount_minor) VALUES (?, ?, 1, ?, 0)')
      .run(sh.lastInsertRowid, orderLineId, qty * 1000);
  }

  it('shows done and remaining quantities and guards shipped lines', async () => {
    const { core, buyer, car } = await setup();
    const o = await ok(core, 'orders.create', {
      ...sales(buyer.id),
      lines: [
        { productId: car.id, cartons: 5, unitPrice: '0.0125' },
        { itemNo: 'M-2', quantity: '100', unitPrice: '1' },
      ],
    });
    await ok(core, 'orders.confirm', { id: o.id });
    const [a, b] = o.lines;
    ship(core, a!.id, 500);
    expect(refreshOrderStatus(core.db, o.id)).toBe('partial');
    const g = await ok(core, 'orders.get', { id: o.id });
    expect(g.status).toBe('partial');
    expect(g.lines[0]).toMatchObject({ doneQuantity: '500', remainingQuantity: '700' });
    expect(g.lines[1]).toMatchObject({ doneQuantity: '0', remainingQuantity: '100' });
    // nothing in stock: a warning, not a block
    expect(g.lines[0]!.stockWarning).toBe('700 still to ship but only 0 on hand');
    expect(g.lines[1]!.stockWarning).toBeNull(); // no product

    const below = await raw(core, 'orders.update', {
      id: o.id,
      lines: [
        { id: a!.id, productId: car.id, quantity: '400', unitPrice: '0.0125' },
        { id: b!.id, itemNo: 'M-2', quantity: '100', unitPrice: '1' },
      ],
    });
    expect(below.ok || below.error.issues).toEqual([{ path: 'lines.0.quantity', message: "500 already shipped: the quantity can't be less than that" }]);
    const removed = await raw(core, 'orders.update', { id: o.id, lines: [{ id: b!.id, itemNo: 'M-2', quantity: '100', unitPrice: '1' }] });
    expect(removed.ok || removed.error.issues?.[0]).toMatchObject({ path: 'lines', message: expect.stringMatching(/line 1 \(A-1001\) has 500 shipped: it can't be removed/) });
    const cancel = await raw(core, 'orders.cancel', { id: o.id, reason: 'no' });
    expect(cancel.ok || cancel.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/has goods shipped .* close the order instead/) });

    // the shipped quantity itself is fine; the unshipped line can go
    const u = await ok(core, 'orders.update', { id: o.id, lines: [{ id: a!.id, productId: car.id, quantity: '500', unitPrice: '0.0125' }] });
    expect(u.status).toBe('complete');
    expect(u.lines).toHaveLength(1);
    expect(u.lines[0]!.stockWarning).toBeNull();

    // enough stock on hand: no warning
    const o2 = await ok(core, 'orders.create', { ...sales(buyer.id), lines: [{ productId: car.id, quantity: '300', unitPrice: '0.01' }] });
    expect((await ok(core, 'orders.get', { id: o2.id })).lines[0]!.stockWarning).toMatch(/300 still to ship/);
    core.db
      .prepare("INSERT INTO stock_move (product_id, move_date, kind, qty_e3, reason, created_at) VALUES (?, '2026-03-01', 'adjustment', ?, 'count', '')")
      .run(car.id, 800_000); // 800 in, 500 shipped: 300 on hand
    expect((await ok(core, 'orders.get', { id: o2.id })).lines[0]!.stockWarning).toBeNull();
  });

  it('receives a purchase order into stock, up to what remains, at the unit cost in base currency', async () => {
    const { core, stallA, car } = await setup();
    const po = await ok(core, 'orders.create', {
      kind: 'purchase',
      partyId: stallA.id,
      orderDate: '2026-03-06',
      currency: 'USD',
      rate: '7.1234',
      lines: [
        { productId: car.id, quantity: '1000', unitPrice: '0.0125' },
        { itemNo: 'FREE', nameZh: '样品', quantity: '5', unitPrice: '0' },
      ],
    });
    const [a, b] = po.lines;
    const draft = await raw(core, 'orders.receive', { orderId: po.id, date: '2026-03-10', lines: [{ orderLineId: a!.id, quantity: '1' }] });
    expect(draft.ok || draft.error.code).toBe('conflict');
    await ok(core, 'orders.confirm', { id: po.id });

    const tooMuch = await raw(core, 'orders.receive', { orderId: po.id, date: '2026-03-10', lines: [{ orderLineId: a!.id, quantity: '1000.001' }] });
    expect(tooMuch.ok || tooMuch.error.issues).toEqual([{ path: 'lines.0.quantity', message: 'line 1: only 1000 of 1000 remain to be received' }]);
    const twice = await raw(core, 'orders.receive', {
      orderId: po.id,
      date: '2026-03-10',
      lines: [
        { orderLineId: a!.id, quantity: '600' },
        { orderLineId: a!.id, quantity: '600' },
      ],
    });
    expect(twice.ok || twice.error.issues?.[0]?.path).toBe('lines.1.quantity');
    const noProduct = await raw(core, 'orders.receive', { orderId: po.id, date: '2026-03-10', lines: [{ orderLineId: b!.id, quantity: '1' }] });
    expect(noProduct.ok || noProduct.error.issues?.[0]).toEqual({ path: 'lines.0.orderLineId', message: 'link line 2 to a product to receive it into stock' });
    expect(count(core, 'stock_move')).toBe(0);

    const r1 = await ok(core, 'orders.receive', { orderId: po.id, date: '2026-03-10', lines: [{ orderLineId: a!.id, quantity: '600' }] });
    expect(r1.status).toBe('partial');
    expect(r1.lines[0]).toMatchObject({ doneQuantity: '600', remainingQuantity: '400' });
    const cancel = await raw(core, 'orders.cancel', { id: po.id, reason: 'stall closed' });
    expect(cancel.ok || cancel.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/has goods received \(600\).*close the order instead/) });
    // 0.0125 USD × 7.1234 = 0.0890425 → 0.0890 CNY
    expect(core.db.prepare('SELECT product_id, kind, qty_e3, unit_cost_e4, order_line_id, move_date FROM stock_move').all()).toEqual([
      { product_id: car.id, kind: 'purchase_receipt', qty_e3: 600_000, unit_cost_e4: 890, order_line_id: a!.id, move_date: '2026-03-10' },
    ]);
    await ok(core, 'orders.update', { id: po.id, lines: [{ id: a!.id, productId: car.id, quantity: '1000', unitPrice: '0.0125' }] });
    const r2 = await ok(core, 'orders.receive', { orderId: po.id, date: '2026-03-11', lines: [{ orderLineId: a!.id, quantity: '400' }] });
    expect(r2.status).toBe('complete');
    const done = await raw(core, 'orders.receive', { orderId: po.id, date: '2026-03-12', lines: [{ orderLineId: a!.id, quantity: '1' }] });
    expect(done.ok || done.error.code).toBe('conflict');
    expect(audits(core, po.id).filter((e) => e.action === 'receive')).toHaveLength(2);
  });
});

describe('purchase orders from a sales order', () => {
  it('makes one draft purchase order per stall from the stall-marked lines, once', async () => {
    const { core, buyer, stallA, stallB, car, clip } = await setup();
    const so = await ok(core, 'orders.create', {
      ...sales(buyer.id),
      lines: [
        { productId: car.id, cartons: 5, unitPrice: '0.0125', stallId: stallA.id },
        { productId: clip.id, cartons: 2, unitPrice: '0.03', stallId: stallA.id },
        { productId: car.id, cartons: 1, unitPrice: '0.0125', stallId: stallB.id },
        { itemNo: 'OWN', nameEn: 'From our stock', quantity: '10', unitPrice: '1' },
      ],
    });
    const year = new Date().getFullYear();
    const pos = await ok(core, 'orders.generatePurchase', { salesOrderId: so.id });
    expect(pos.map((p) => [p.no, p.partyName, p.status, p.currency, p.rate])).toEqual([
      [`PO-${year}-0001`, '金华玩具摊位', 'draft', 'CNY', '1'],
      [`PO-${year}-0002`, '义乌发饰工厂', 'draft', 'CNY', '1'],
    ]);
    const [poA, poB] = pos;
    // the car's default price is in CNY and from stall A; the clip's is in USD: 0, to be filled in
    expect(poA!.lines.map((l) => [l.itemNo, l.cartons, l.pcsPerCarton, l.quantity, l.unitPrice, l.amount, l.hsCode, l.stallId])).toEqual([
      ['A-1001', 5, 240, '1200', '0.08', '96.00', '9503008900', null],
      ['HC-88', 2, 1000, '2000', '0', '0.00', '', null],
    ]);
    // the car's supplier is stall A, not B: no price offered
    expect(poB!.lines.map((l) => [l.itemNo, l.quantity, l.unitPrice])).toEqual([['A-1001', '240', '0']]);
    const src = core.db.prepare('SELECT source_line_id FROM order_line WHERE order_id = ? ORDER BY line_no').all(poA!.id);
    expect(src).toEqual([{ source_line_id: so.lines[0]!.id }, { source_line_id: so.lines[1]!.id }]);

    const again = await raw(core, 'orders.generatePurchase', { salesOrderId: so.id });
    expect(again.ok || again.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/no line left/) });

    // a cancelled purchase order frees its lines again
    await ok(core, 'orders.cancel', { id: poB!.id, reason: 'stall B closed' });
    const redo = await ok(core, 'orders.generatePurchase', { salesOrderId: so.id });
    expect(redo.map((p) => [p.partyId, p.lines.length])).toEqual([[stallB.id, 1]]);

    await ok(core, 'orders.confirm', { id: so.id });
    const other = await ok(core, 'orders.create', { ...sales(buyer.id), lines: [{ itemNo: 'Q', quantity: '1', unitPrice: '1', stallId: stallA.id }] });
    await ok(core, 'orders.cancel', { id: other.id, reason: 'duplicate' });
    const cancelled = await raw(core, 'orders.generatePurchase', { salesOrderId: other.id });
    expect(cancelled.ok || cancelled.error.code).toBe('conflict');
  });
});

describe('orders.list', () => {
  it('filters by kind, status, party, dates and text, newest first, with paid and unpaid', async () => {
    const { core, buyer, stallA } = await setup();
    const buyer2 = await ok(core, 'parties.create', { roles: ['customer'], nameZh: '莫斯科客户', nameEn: 'Moscow Buyer' });
    const a = await ok(core, 'orders.create', { ...sales(buyer.id), orderDate: '2026-03-01', lines: [{ itemNo: 'TOY-7', nameEn: 'Robot', quantity: '100', unitPrice: '2.5' }] });
    const b = await ok(core, 'orders.create', { ...sales(buyer2.id), orderDate: '2026-03-10', lines: [{ itemNo: 'HAT-1', nameZh: '帽子', quantity: '10', unitPrice: '3' }] });
    const c = await ok(core, 'orders.create', { ...sales(buyer.id), orderDate: '2026-03-10' });
    await ok(core, 'orders.create', { ...sales(stallA.id), kind: 'purchase', currency: 'CNY', rate: '1' });

    const ids = async (arg: ApiArg<'orders.list'>) => (await ok(core, 'orders.list', arg)).map((o) => o.id);
    expect(await ids({ kind: 'sales' })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ kind: 'sales', partyId: buyer.id })).toEqual([c.id, a.id]);
    expect(await ids({ kind: 'sales', from: '2026-03-02', to: '2026-03-10' })).toEqual([c.id, b.id]);
    expect(await ids({ kind: 'sales', search: 'toy-7' })).toEqual([a.id]);
    expect(await ids({ kind: 'sales', search: '帽' })).toEqual([b.id]);
    expect(await ids({ kind: 'sales', search: 'moscow' })).toEqual([b.id]);
    expect(await ids({ kind: 'sales', search: 'SO-2026-0003' })).toEqual([c.id]);
    expect(await ids({ kind: 'sales', search: '%' })).toEqual([]);
    await ok(core, 'orders.confirm', { id: a.id });
    expect(await ids({ kind: 'sales', status: 'confirmed' })).toEqual([a.id]);
    expect(await ids({ kind: 'purchase' })).toHaveLength(1);

    // 250.00 ordered, 100.00 paid, a settled credit of 20.50 on a claim: 129.50 unpaid
    await ok(core, 'payments.create', {
      direction: 'in',
      partyId: buyer.id,
      payDate: '2026-03-12',
      amount: '100',
      currency: 'USD',
      rate: '7.2',
      method: 'tt',
      allocations: [{ orderId: a.id, amount: '100' }],
    });
    const now = new Date().toISOString();
    const sh = core.db
      .prepare("INSERT INTO shipment (no, mode, trade_mode, consignee_id, status, created_at, updated_at) VALUES ('SH-1', 'sea', '1039', ?, 'departed', ?, ?)")
      .run(buyer.id, now, now);
    const sl = core.db
      .prepare('INSERT INTO shipment_line (shipment_id, order_line_id, line_no, qty_e3, amount_minor) VALUES (?, ?, 1, 50000, 12500)')
      .run(sh.lastInsertRowid, a.lines[0]!.id);
    refreshOrderStatus(core.db, a.id); // as the shipments module does
    const claim = core.db.prepare(
      `INSERT INTO claim (no, shipment_line_id, claim_date, kind, qty_e3, settlement, amount_minor, status, created_at, updated_at)
       VALUES (?, ?, '2026-03-20', 'damaged', 1000, ?, ?, ?, ?, ?)`,
    );
    claim.run('CL-1', sl.lastInsertRowid, 'credit', 2050, 'settled', now, now);
    claim.run('CL-2', sl.lastInsertRowid, 'credit', 999, 'open', now, now); // not settled yet
    claim.run('CL-3', sl.lastInsertRowid, 'replacement', 777, 'settled', now, now); // goods, not money
    const [row] = await ok(core, 'orders.list', { kind: 'sales', search: 'TOY-7' });
    expect(row).toMatchObject({ amount: '250.00', paid: '100.00', unpaid: '129.50', lineCount: 1, partyName: 'Ahmed Trading LLC', status: 'partial' });
  });
});
