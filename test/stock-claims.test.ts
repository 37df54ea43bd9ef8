import { describe, expect, it } from 'vitest';
import type { Core } from '../electron/core';
import { ok, raw, testCore } from './helpers';

/** A confirmed USD sales order written with SQL (the orders module is built in parallel). */
function insertSalesOrder(core: Core, partyId: number, lines: { productId: number | null; itemNo: string; qtyE3: number; priceE4: number; amount: number; stallId: number | null }[]) {
  const now = new Date().toISOString();
  const id = Number(
    core.db
      .prepare(
        `INSERT INTO trade_order (kind, no, party_id, order_date, currency, rate_e6, status, created_at, updated_at)
         VALUES ('sales', 'SO-2026-0001', ?, '2026-03-02', 'USD', 7100000, 'confirmed', ?, ?)`,
      )
      .run(partyId, now, now).lastInsertRowid,
  );
  const lineIds = lines.map((l, i) =>
    Number(
      core.db
        .prepare('INSERT INTO order_line (order_id, line_no, product_id, item_no, qty_e3, price_e4, amount_minor, stall_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, i + 1, l.productId, l.itemNo, l.qtyE3, l.priceE4, l.amount, l.stallId).lastInsertRowid,
    ),
  );
  return { id, lineIds };
}
const count = (core: Core, table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const onHand = async (core: Core, productId: number) => (await ok(core, 'stock.list', { productId }))[0]?.onHand;

/**
 * 100 toy cars counted into stock; a sales order of 50 cars at 2.00 USD (from the stall) and 10 pieces of an
 * item without a product; a shipment (ETD 2026-03-20) of 30 cars and the 10 pieces.
 */
async function setup() {
  const core = await testCore();
  const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC' });
  const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位' });
  const toy = await ok(core, 'products.create', { itemNo: 'A-1001', nameZh: '塑料玩具车', nameEn: 'Plastic toy car' });
  await ok(core, 'stock.adjust', { productId: toy.id, date: '2026-03-01', quantity: '100', reason: 'opening count' });
  const order = insertSalesOrder(core, buyer.id, [
    { productId: toy.id, itemNo: 'A-1001', qtyE3: 50_000, priceE4: 20_000, amount: 10_000, stallId: stall.id },
    { productId: null, itemNo: 'X-1', qtyE3: 10_000, priceE4: 10_000, amount: 1_000, stallId: null },
  ]);
  const shipment = await ok(core, 'shipments.create', {
    mode: 'sea',
    tradeMode: '1039',
    consigneeId: buyer.id,
    etd: '2026-03-20',
    lines: [
      { orderLineId: order.lineIds[0]!, quantity: '30' },
      { orderLineId: order.lineIds[1]!, quantity: '10' },
    ],
  });
  const [toyLine, otherLine] = shipment.lines as [(typeof shipment.lines)[0], (typeof shipment.lines)[0]];
  return { core, buyer, stall, toy, order, shipment, toyLine, otherLine };
}

describe('stock', () => {
  it('is receipts and adjustments less shipments; committed is what confirmed orders still have to ship', async () => {
    const { core, toy } = await setup();
    expect(await ok(core, 'stock.list', {})).toEqual([
      { productId: toy.id, itemNo: 'A-1001', nameZh: '塑料玩具车', nameEn: 'Plastic toy car', unit: '', onHand: '70', committed: '20' },
    ]);
    await ok(core, 'stock.adjust', { productId: toy.id, date: '2026-03-21', quantity: '-5', reason: 'broken in the warehouse' });
    expect(await onHand(core, toy.id)).toBe('65');
    expect((await ok(core, 'stock.moves', { productId: toy.id })).map((m) => [m.date, m.kind, m.quantity, m.reason])).toEqual([
      ['2026-03-01', 'adjustment', '100', 'opening count'],
      ['2026-03-20', 'sales_shipment', '-30', ''],
      ['2026-03-21', 'adjustment', '-5', 'broken in the warehouse'],
    ]);
  });

  it('refuses an adjustment that would leave less than nothing, naming what is on hand', async () => {
    const { core, toy } = await setup();
    const r = await raw(core, 'stock.adjust', { productId: toy.id, date: '2026-03-21', quantity: '-80', reason: 'count' });
    expect(r.ok || r.error.issues).toEqual([{ path: 'quantity', message: 'A-1001 has 70 on hand; removing 80 would leave -10' }]);
    const noReason = await raw(core, 'stock.adjust', { productId: toy.id, date: '2026-03-21', quantity: '-1', reason: ' ' });
    expect(noReason.ok || noReason.error.issues).toEqual([{ path: 'reason', message: 'say why the stock is adjusted' }]);
    const noProduct = await raw(core, 'stock.adjust', { productId: 999, date: '2026-03-21', quantity: '1', reason: 'x' });
    expect(noProduct.ok || noProduct.error.issues?.[0]?.path).toBe('productId');
    expect(count(core, 'stock_move')).toBe(1);
    // taking exactly what is on hand is fine
    await ok(core, 'stock.adjust', { productId: toy.id, date: '2026-03-21', quantity: '-70', reason: 'sold at the stall' });
    expect(await onHand(core, toy.id)).toBe('0');
  });

  it('lists archived products only while they have stock, and finds products by item no. or name', async () => {
    const { core, toy } = await setup();
    const clip = await ok(core, 'products.create', { itemNo: 'HC-88', nameZh: '发夹' });
    await ok(core, 'products.archive', { id: toy.id, archived: true });
    await ok(core, 'products.archive', { id: clip.id, archived: true });
    expect((await ok(core, 'stock.list', {})).map((s) => s.itemNo)).toEqual(['A-1001']);
    await ok(core, 'products.archive', { id: clip.id, archived: false });
    expect((await ok(core, 'stock.list', { search: '发夹' })).map((s) => s.itemNo)).toEqual(['HC-88']);
    expect((await ok(core, 'stock.list', { search: 'toy car' })).map((s) => s.itemNo)).toEqual(['A-1001']);
  });
});

describe('claims', () => {
  it('carries the buyer, stall and item, and limits the quantity to what was shipped less other claims', async () => {
    const { core, buyer, stall, shipment, toyLine, otherLine } = await setup();
    const c = await ok(core, 'claims.create', { shipmentLineId: toyLine.id, claimDate: '2026-04-15', kind: 'damaged', cartons: 1, quantity: '20', reason: 'crushed carton' });
    expect(c).toMatchObject({
      no: 'CL-2026-0001',
      shipmentNo: shipment.no,
      orderNo: 'SO-2026-0001',
      partyId: buyer.id,
      partyName: 'Ahmed Trading LLC',
      stallId: stall.id,
      stallName: '金华玩具摊位',
      itemNo: 'A-1001',
      quantity: '20',
      status: 'open',
      settlement: null,
      amount: '0.00',
      currency: 'USD',
    });
    const over = await raw(core, 'claims.create', { shipmentLineId: toyLine.id, claimDate: '2026-04-16', kind: 'short', quantity: '11' });
    expect(over.ok || over.error.issues).toEqual([{ path: 'quantity', message: 'at most 10: 30 were shipped on this line and other claims cover 20' }]);
    const first = await raw(core, 'claims.create', { shipmentLineId: otherLine.id, claimDate: '2026-04-16', kind: 'wrong', quantity: '10.5' });
    expect(first.ok || first.error.issues).toEqual([{ path: 'quantity', message: 'at most 10, the quantity shipped on this line' }]);
    await ok(core, 'claims.create', { shipmentLineId: toyLine.id, claimDate: '2026-04-16', kind: 'short', quantity: '10' });
    expect((await ok(core, 'claims.list', { partyId: buyer.id })).map((x) => x.quantity)).toEqual(['10', '20']);
    expect((await ok(core, 'claims.list', { shipmentId: shipment.id })).length).toBe(2);
    expect(count(core, 'claim')).toBe(2);
  });

  it('keeps claimed shipment lines: they cannot be reduced below the claims, removed or deleted', async () => {
    const { core, buyer, shipment, toyLine, otherLine, order } = await setup();
    await ok(core, 'claims.create', { shipmentLineId: toyLine.id, claimDate: '2026-04-15', kind: 'damaged', quantity: '20' });
    const less = await raw(core, 'shipments.update', { id: shipment.id, lines: [{ id: toyLine.id, orderLineId: order.lineIds[0]!, quantity: '19' }, { id: otherLine.id, orderLineId: order.lineIds[1]!, quantity: '10' }] });
    expect(less.ok || less.error.issues).toEqual([{ path: 'lines.0.quantity', message: 'claims on this line cover 20; the quantity cannot be less' }]);
    const removed = await raw(core, 'shipments.update', { id: shipment.id, lines: [{ id: otherLine.id, orderLineId: order.lineIds[1]!, quantity: '10' }] });
    expect(removed.ok || removed.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/has claims; it cannot be removed/) });
    const del = await raw(core, 'shipments.delete', { id: shipment.id });
    expect(del.ok || del.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/has 1 claim/) });
    expect((await ok(core, 'shipments.get', { id: shipment.id })).lines.map((l) => l.quantity)).toEqual(['30', '10']);
    expect(buyer.id).toBeGreaterThan(0);
  });

  it('settles a credit within the line amount, puts returned goods back in stock, and only once', async () => {
    const { core, toy, toyLine } = await setup();
    const c = await ok(core, 'claims.create', { shipmentLineId: toyLine.id, claimDate: '2026-04-15', kind: 'damaged', quantity: '20' });
    // the shipment line is 30 × 2.00 = 60.00 USD
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ settlement: 'credit' }, /a credit needs an amount in USD/],
      [{ settlement: 'refund', amount: '0' }, /a refund needs an amount more than 0/],
      [{ settlement: 'credit', amount: '60.01' }, /^at most 60\.00 USD, the amount of the shipment line$/],
      [{ settlement: 'credit', amount: '1.001' }, /USD amounts have at most 2 decimals/],
      [{ settlement: 'replacement', amount: '5' }, /a replacement has no amount/],
    ];
    for (const [arg, message] of cases) {
      const r = await raw(core, 'claims.settle', { id: c.id, ...arg });
      expect(r.ok || r.error.issues?.map((i) => ({ path: i.path, message: i.message })), String(message)).toEqual([{ path: 'amount', message: expect.stringMatching(message) }]);
    }
    expect(await onHand(core, toy.id)).toBe('70');

    const settled = await ok(core, 'claims.settle', { id: c.id, settlement: 'credit', amount: '40', goodsReturned: true });
    expect(settled).toMatchObject({ status: 'settled', settlement: 'credit', amount: '40.00', goodsReturned: true });
    // the 20 returned cars are back in stock
    expect(await onHand(core, toy.id)).toBe('90');
    const ret = (await ok(core, 'stock.moves', { productId: toy.id })).find((m) => m.kind === 'claim_return');
    expect(ret).toMatchObject({ quantity: '20', reference: c.no });
    // what the balances module reads: a settled credit in minor units of the order's currency
    expect(core.db.prepare('SELECT status, settlement, amount_minor, goods_returned FROM claim WHERE id = ?').get(c.id)).toEqual({
      status: 'settled',
      settlement: 'credit',
      amount_minor: 4000,
      goods_returned: 1,
    });

    const twice = await raw(core, 'claims.settle', { id: c.id, settlement: 'refund', amount: '1' });
    expect(twice.ok || twice.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/is already settled \(credit\)/) });
    expect(await onHand(core, toy.id)).toBe('90');

    // a second claim on the line can give back at most what is left of the line's amount
    const c2 = await ok(core, 'claims.create', { shipmentLineId: toyLine.id, claimDate: '2026-04-20', kind: 'quality', quantity: '10' });
    const over = await raw(core, 'claims.settle', { id: c2.id, settlement: 'refund', amount: '20.01' });
    expect(over.ok || over.error.issues?.[0]?.message).toBe("at most 20.00 USD: the line's amount is 60.00, of which other claims already gave back 40.00");
    const repl = await ok(core, 'claims.settle', { id: c2.id, settlement: 'replacement' });
    expect(repl).toMatchObject({ settlement: 'replacement', amount: '0.00', goodsReturned: false, status: 'settled' });
    expect(await onHand(core, toy.id)).toBe('90');

    const log = core.db.prepare("SELECT entity_id, action, changes FROM audit_log WHERE entity = 'claim' ORDER BY id").all() as { entity_id: number; action: string; changes: string }[];
    expect(log.map((l) => [l.entity_id, l.action])).toEqual([
      [c.id, 'create'],
      [c.id, 'settle'],
      [c2.id, 'create'],
      [c2.id, 'settle'],
    ]);
    expect(JSON.parse(log[1]!.changes)).toEqual({ status: ['open', 'settled'], settlement: 'credit', amount: '40.00', currency: 'USD', goodsReturned: true });
  });

  it('can be settled when it is created; goods of a line without a product are not put in stock', async () => {
    const { core, otherLine } = await setup();
    const c = await ok(core, 'claims.create', { shipmentLineId: otherLine.id, claimDate: '2026-04-15', kind: 'wrong', quantity: '10', settlement: 'refund', amount: '10', goodsReturned: true });
    expect(c).toMatchObject({ status: 'settled', settlement: 'refund', amount: '10.00', goodsReturned: true, itemNo: 'X-1', stallName: '' });
    expect(core.db.prepare("SELECT count(*) AS n FROM stock_move WHERE kind = 'claim_return'").get()).toEqual({ n: 0 });
    const noSettlement = await raw(core, 'claims.create', { shipmentLineId: otherLine.id, claimDate: '2026-04-15', kind: 'wrong', quantity: '1', amount: '1' });
    expect(noSettlement.ok || noSettlement.error.issues?.[0]?.path).toBe('settlement');
    const over = await raw(core, 'claims.create', { shipmentLineId: otherLine.id, claimDate: '2026-04-15', kind: 'wrong', quantity: '1' });
    expect(over.ok || over.error.issues?.[0]?.message).toBe('at most 0: 10 were shipped on this line and other claims cover 10');
    expect(count(core, 'claim')).toBe(1);
  });
});
