import { describe, expect, it } from 'vitest';
import type { Core } from '../electron/core';
import type { ApiArg } from '../shared/api';
import { ok, raw, testCore } from './helpers';

type PaymentArg = ApiArg<'payments.create'>;

/** A buyer with two confirmed USD sales orders (1000.00 and 250.50), a draft, and other records to refuse. */
async function setup() {
  const core = await testCore();
  const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC' });
  const other = await ok(core, 'parties.create', { roles: ['customer', 'supplier'], nameZh: '另一个客户' });
  const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位' });
  const order = async (partyId: number, amount: string, extra: Partial<ApiArg<'orders.create'>> = {}, confirm = true) => {
    const o = await ok(core, 'orders.create', {
      kind: 'sales',
      partyId,
      orderDate: '2026-03-01',
      currency: 'USD',
      rate: '7.1',
      lines: [{ itemNo: 'X', quantity: '1', unitPrice: amount }],
      ...extra,
    });
    return confirm ? ok(core, 'orders.confirm', { id: o.id }) : o;
  };
  const so1 = await order(buyer.id, '1000');
  const so2 = await order(buyer.id, '250.5');
  const draft = await order(buyer.id, '99', {}, false);
  const otherParty = await order(other.id, '500');
  const inEur = await order(buyer.id, '500', { currency: 'EUR', rate: '7.8' });
  const po = await order(stall.id, '800', { kind: 'purchase', currency: 'USD' });
  return { core, buyer, other, stall, so1, so2, draft, otherParty, inEur, po };
}

const pay = (partyId: number, extra: Partial<PaymentArg> = {}): PaymentArg => ({
  direction: 'in',
  partyId,
  payDate: '2026-03-15',
  amount: '1200',
  currency: 'USD',
  rate: '7.2',
  method: 'tt',
  ...extra,
});

const count = (core: Core, table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('payments', () => {
  it('numbers payments, converts to base at the payment rate, and keeps the rest on account', async () => {
    const { core, buyer, so1, so2 } = await setup();
    const p = await ok(core, 'payments.create', {
      ...pay(buyer.id),
      amount: '1200.00',
      reference: 'TT 0315',
      allocations: [
        { orderId: so1.id, amount: '1000' },
        { orderId: so2.id, amount: '150.25' },
      ],
    });
    expect(p).toMatchObject({
      no: 'PAY-2026-0001',
      direction: 'in',
      partyName: 'Ahmed Trading LLC',
      amount: '1200.00',
      rate: '7.2',
      baseAmount: '8640.00',
      unallocated: '49.75',
      reference: 'TT 0315',
      allocations: [
        { orderId: so1.id, orderNo: so1.no, amount: '1000.00' },
        { orderId: so2.id, orderNo: so2.no, amount: '150.25' },
      ],
    });
    expect(await ok(core, 'rates.last', { currency: 'USD' })).toBe('7.2');
    const list = await ok(core, 'orders.list', { kind: 'sales', partyId: buyer.id, status: 'confirmed' });
    const byId = new Map(list.map((o) => [o.id, o]));
    expect(byId.get(so1.id)).toMatchObject({ paid: '1000.00', unpaid: '0.00' });
    expect(byId.get(so2.id)).toMatchObject({ paid: '150.25', unpaid: '100.25' });
    expect((await ok(core, 'payments.create', { ...pay(buyer.id), amount: '1' })).no).toBe('PAY-2026-0002');
  });

  it('checks the amount in the currency decimals, the rate and the party', async () => {
    const { core, buyer } = await setup();
    const cases: [Partial<PaymentArg>, string, RegExp][] = [
      [{ currency: 'JPY', amount: '100.5', rate: '0.048' }, 'amount', /JPY amounts have no decimals/],
      [{ amount: '10.005' }, 'amount', /USD amounts have at most 2 decimals/],
      [{ amount: '0.00' }, 'amount', /more than 0/],
      [{ rate: '0' }, 'rate', /more than 0/],
      [{ currency: 'CNY', rate: '7' }, 'rate', /base currency: its rate is 1/],
      [{ partyId: 999 }, 'partyId', /does not exist/],
    ];
    for (const [change, path, message] of cases) {
      const r = await raw(core, 'payments.create', { ...pay(buyer.id), ...change });
      expect(r.ok || r.error.issues?.map((i) => ({ path: i.path, message: i.message })), JSON.stringify(change)).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
    await ok(core, 'parties.archive', { id: buyer.id, archived: true });
    expect((await raw(core, 'payments.create', pay(buyer.id))).ok).toBe(false);
    expect(count(core, 'payment')).toBe(0);
    // KWD has 3 decimals
    await ok(core, 'parties.archive', { id: buyer.id, archived: false });
    expect((await ok(core, 'payments.create', { ...pay(buyer.id), currency: 'KWD', amount: '1.250', rate: '23.5' })).baseAmount).toBe('29.38');
  });

  it('allocates only to open orders of the party, in its currency and direction, up to what is unpaid', async () => {
    const { core, buyer, stall, so1, so2, draft, otherParty, inEur, po } = await setup();
    const cancelled = await ok(core, 'orders.create', {
      kind: 'sales',
      partyId: buyer.id,
      orderDate: '2026-03-01',
      currency: 'USD',
      rate: '7.1',
      lines: [{ itemNo: 'C', quantity: '1', unitPrice: '5' }],
    });
    await ok(core, 'orders.cancel', { id: cancelled.id, reason: 'wrong buyer' });
    const cases: [unknown[], string, RegExp][] = [
      [[{ orderId: otherParty.id, amount: '10' }], 'allocations.0.orderId', /not an order of this party/],
      [[{ orderId: inEur.id, amount: '10' }], 'allocations.0.orderId', /is in EUR, the payment in USD/],
      [[{ orderId: draft.id, amount: '10' }], 'allocations.0.orderId', /is a draft: confirm it/],
      [[{ orderId: cancelled.id, amount: '5' }], 'allocations.0.orderId', /is cancelled/],
      [[{ orderId: 999, amount: '5' }], 'allocations.0.orderId', /does not exist/],
      [[{ orderId: so1.id, amount: '10' }, { orderId: so1.id, amount: '10' }], 'allocations.1.orderId', /listed twice/],
      [[{ orderId: so1.id, amount: '10' }, { orderId: so2.id, amount: '250.51' }], 'allocations.1.amount', /has only 250.50 USD unpaid/],
      [[{ orderId: so1.id, amount: '0' }], 'allocations.0.amount', /more than 0/],
      [[{ orderId: so1.id, amount: '10.001' }], 'allocations.0.amount', /at most 2 decimals/],
      [[{ orderId: so1.id, amount: '1000' }, { orderId: so2.id, amount: '200.01' }], 'allocations', /add up to 1200.01, more than the payment of 1200.00/],
    ];
    for (const [allocations, path, message] of cases) {
      const r = await raw(core, 'payments.create', { ...pay(buyer.id), allocations });
      expect(r.ok || r.error.issues?.map((i) => ({ path: i.path, message: i.message })), path).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
    // money in settles sales orders; money out settles purchase orders
    const outToSales = await raw(core, 'payments.create', { ...pay(buyer.id), direction: 'out', allocations: [{ orderId: so1.id, amount: '1' }] });
    expect(outToSales.ok || outToSales.error.issues?.[0]?.message).toMatch(/is a sales order: money out settles purchase orders/);
    const inFromStall = await raw(core, 'payments.create', { ...pay(stall.id), allocations: [{ orderId: po.id, amount: '1' }] });
    expect(inFromStall.ok || inFromStall.error.issues?.[0]?.message).toMatch(/is a purchase order/);
    expect(count(core, 'payment')).toBe(0);
    expect(count(core, 'payment_allocation')).toBe(0);

    const out = await ok(core, 'payments.create', { ...pay(stall.id), direction: 'out', amount: '800', method: 'bank', allocations: [{ orderId: po.id, amount: '800' }] });
    expect(out.unallocated).toBe('0.00');
    // a closed order can still be paid
    await ok(core, 'orders.close', { id: so2.id });
    await ok(core, 'payments.create', { ...pay(buyer.id), amount: '250.5', allocations: [{ orderId: so2.id, amount: '250.50' }] });
    const second = await raw(core, 'payments.create', { ...pay(buyer.id), amount: '1', allocations: [{ orderId: so2.id, amount: '0.01' }] });
    expect(second.ok || second.error.issues?.[0]?.message).toMatch(/has only 0.00 USD unpaid/);
  });

  it('updates a payment against what is unpaid without its own previous allocations; deletes it; audits all', async () => {
    const { core, buyer, so1, so2 } = await setup();
    const p = await ok(core, 'payments.create', { ...pay(buyer.id), amount: '1000', allocations: [{ orderId: so1.id, amount: '600' }] });
    // 600 of so1 are this payment's own: re-allocating all 1000 is fine
    const u = await ok(core, 'payments.update', {
      id: p.id,
      payment: { ...pay(buyer.id), amount: '1250.50', rate: '7.15', allocations: [{ orderId: so1.id, amount: '1000' }, { orderId: so2.id, amount: '250.50' }] },
    });
    expect(u).toMatchObject({ no: p.no, amount: '1250.50', unallocated: '0.00', baseAmount: '8941.08' }); // 1250.50 × 7.15 = 8941.075
    const tooMuch = await raw(core, 'payments.update', { id: p.id, payment: { ...pay(buyer.id), amount: '2000', allocations: [{ orderId: so1.id, amount: '1000.01' }] } });
    expect(tooMuch.ok || tooMuch.error.issues?.[0]?.path).toBe('payment.allocations.0.amount');
    // the refused update left the payment as it was
    expect((await ok(core, 'payments.get', { id: p.id })).allocations.map((a) => a.amount)).toEqual(['1000.00', '250.50']);

    // an order with an allocation can't be cancelled
    const cancel = await raw(core, 'orders.cancel', { id: so1.id, reason: 'x' });
    expect(cancel.ok || cancel.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/Payments are allocated to SO-2026-0001 \(PAY-2026-0001\): remove those allocations first/) });
    // nor its total brought below what is paid
    const cut = await raw(core, 'orders.update', { id: so1.id, lines: [{ id: so1.lines[0]!.id, itemNo: 'X', quantity: '1', unitPrice: '999' }] });
    expect(cut.ok || cut.error.issues?.[0]?.message).toMatch(/less than the 1000.00 already paid/);

    expect(await ok(core, 'payments.delete', { id: p.id })).toEqual({ id: p.id });
    expect(count(core, 'payment_allocation')).toBe(0);
    expect((await ok(core, 'orders.get', { id: so1.id })).unpaid).toBe('1000.00');
    const log = core.db.prepare("SELECT action, changes FROM audit_log WHERE entity = 'payment' AND entity_id = ? ORDER BY id").all(p.id) as {
      action: string;
      changes: string;
    }[];
    expect(log.map((l) => l.action)).toEqual(['create', 'update', 'delete']);
    expect(JSON.parse(log[1]!.changes)).toMatchObject({
      amount: ['1000.00', '1250.50'],
      rate: ['7.2', '7.15'],
      allocations: [`${so1.no}: 600.00`, `${so1.no}: 1000.00; ${so2.no}: 250.50`],
    });
    expect(JSON.parse(log[2]!.changes)).toMatchObject({ no: 'PAY-2026-0001', amount: '1250.50' });
  });

  it('lists payments by party, direction, order and date, newest first', async () => {
    const { core, buyer, stall, so1, po } = await setup();
    const a = await ok(core, 'payments.create', { ...pay(buyer.id), payDate: '2026-03-02', amount: '10', allocations: [{ orderId: so1.id, amount: '10' }] });
    const b = await ok(core, 'payments.create', { ...pay(buyer.id), payDate: '2026-03-20', amount: '20' });
    const c = await ok(core, 'payments.create', { ...pay(stall.id), direction: 'out', payDate: '2026-03-10', amount: '30', allocations: [{ orderId: po.id, amount: '30' }] });
    const ids = async (arg: ApiArg<'payments.list'>) => (await ok(core, 'payments.list', arg)).map((p) => p.id);
    expect(await ids({})).toEqual([b.id, c.id, a.id]);
    expect(await ids({ partyId: buyer.id })).toEqual([b.id, a.id]);
    expect(await ids({ direction: 'out' })).toEqual([c.id]);
    expect(await ids({ orderId: so1.id })).toEqual([a.id]);
    expect(await ids({ from: '2026-03-05', to: '2026-03-15' })).toEqual([c.id]);
    expect((await raw(core, 'payments.get', { id: 999 })).ok).toBe(false);
  });
});
