import { describe, expect, it } from 'vitest';
import { ok, testCore } from './helpers';

describe('dashboard', () => {
  it("shows today's orders, open balances both ways, shipments on the way and stock warnings", async () => {
    const core = await testCore();
    const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Olga Petrova', country: 'RUS' });
    const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '玩具摊位', stallRegNo: 'YW-1' });
    const toy = await ok(core, 'products.create', { itemNo: 'T-1', nameZh: '玩具车', pcsPerCarton: 100 });

    const today = '2026-11-29';
    const so = await ok(core, 'orders.create', {
      kind: 'sales',
      partyId: buyer.id,
      orderDate: today,
      currency: 'USD',
      rate: '7.1',
      lines: [{ productId: toy.id, cartons: 10, unitPrice: '0.5', stallId: stall.id }],
    });
    await ok(core, 'orders.confirm', { id: so.id });
    const older = await ok(core, 'orders.create', {
      kind: 'purchase',
      partyId: stall.id,
      orderDate: '2026-09-01',
      currency: 'CNY',
      rate: '1',
      lines: [{ productId: toy.id, quantity: '200', unitPrice: '2.5' }],
    });
    await ok(core, 'orders.confirm', { id: older.id });
    await ok(core, 'orders.receive', { orderId: older.id, date: '2026-09-05', lines: [{ orderLineId: older.lines[0]!.id, quantity: '200' }] });

    // 1000 sold, 200 on hand, 300 shipped: 700 still to ship against -100 on hand -> warning
    const sh = await ok(core, 'shipments.create', {
      mode: 'sea',
      tradeMode: '1039',
      consigneeId: buyer.id,
      containerNo: 'CSQU3054383',
      containerType: '40HQ',
      lines: [{ orderLineId: so.lines[0]!.id, quantity: '300' }],
    });
    await ok(core, 'shipments.setStatus', { id: sh.id, status: 'departed' });

    const d = await ok(core, 'dashboard.summary', { today });
    expect(d.todaysOrders.map((o) => o.no)).toEqual([so.no]);
    expect(d.receivables).toEqual([expect.objectContaining({ partyName: 'Olga Petrova', currency: 'USD', balance: '500.00' })]);
    expect(d.payables).toEqual([expect.objectContaining({ partyName: '玩具摊位', currency: 'CNY', balance: '-500.00' })]);
    expect(d.inTransit.map((s) => [s.no, s.containerNo])).toEqual([[sh.no, 'CSQU3054383']]);
    expect(d.stockWarnings).toEqual([expect.objectContaining({ itemNo: 'T-1', onHand: '-100', committed: '700' })]);
    // the products screen shows the same quantity on hand
    expect((await ok(core, 'products.get', { id: toy.id })).onHand).toBe('-100');
    expect((await ok(core, 'products.list', {})).map((p) => [p.itemNo, p.onHand])).toEqual([['T-1', '-100']]);
  });
});
