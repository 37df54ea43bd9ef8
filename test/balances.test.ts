import { describe, expect, it } from 'vitest';
import { agingBucket, daysBetween } from '../electron/core/trade/balances';
import { todayIso } from '../electron/core/trade/orders';
import type { ApiArg } from '../shared/api';
import { ok, testCore } from './helpers';

/**
 * As of 2026-06-30 (base CNY):
 *  Ahmed, USD — sales orders, each confirmed:
 *    A 2026-05-31 (30 days)  1000.00 @7.0, a settled claim credit of 20.00 → open 980.00
 *    B 2026-05-30 (31 days)   500.00 @7.1, 200.00 paid by P1             → open 300.00
 *    C 2026-04-01 (90 days)   300.00 @7.2                                → open 300.00
 *    D 2026-02-01 (149 days)  100.00 @6.9                                → open 100.00
 *    E 2026-07-05 (after asOf) 400.00 @7.3, 100.00 allocated from P3      → not counted yet
 *    a draft and a cancelled order                                        → never counted
 *  payments in: P1 2026-06-25 250.00 @7.2, 200.00 to B  → 50.00 on account
 *               P3 2026-06-29 100.00 @7.2, all to E     → 100.00 on account as of 06-30 (E is later)
 *               P2 2026-07-02 100.00 @7.25, 50.00 to C  → not counted yet (nor its allocation to C)
 *  balance  = 980 + 300 + 300 + 100 − 50 − 100 = 1530.00
 *  base     = 980×7.0 + 300×7.1 + 300×7.2 + 100×6.9 − 50×7.2 − 100×7.2
 *           = 6860 + 2130 + 2160 + 690 − 360 − 720 = 10760.00
 *  Ahmed, EUR — F 2026-06-01 200.00 @7.8 → 200.00, base 1560.00
 *  Stall, CNY — PO 2026-06-10 5000.00, 3000.00 paid; 500.00 paid on account → −2000 + 500 = −1500.00
 *  Factory, USD — PO 2026-01-15 100.00 @7 → −100.00, base −700.00
 *  Ali, USD — SO 100.00 unpaid, and 100.00 paid on account → balance 0 (base −20.00): no row
 */
async function setup() {
  const core = await testCore();
  const ahmed = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC' });
  const ali = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Ali' });
  const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位' });
  const factory = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '宁波工厂' });

  const order = async (
    partyId: number,
    orderDate: string,
    amount: string,
    rate: string,
    extra: Partial<ApiArg<'orders.create'>> = {},
    confirm = true,
  ) => {
    const o = await ok(core, 'orders.create', {
      kind: 'sales',
      partyId,
      orderDate,
      currency: 'USD',
      rate,
      lines: [{ itemNo: 'X', quantity: '1', unitPrice: amount }],
      ...extra,
    });
    return confirm ? ok(core, 'orders.confirm', { id: o.id }) : o;
  };
  const a = await order(ahmed.id, '2026-05-31', '1000', '7');
  const b = await order(ahmed.id, '2026-05-30', '500', '7.1');
  const c = await order(ahmed.id, '2026-04-01', '300', '7.2');
  await order(ahmed.id, '2026-02-01', '100', '6.9');
  const e = await order(ahmed.id, '2026-07-05', '400', '7.3');
  await order(ahmed.id, '2026-06-01', '999', '7', {}, false);
  const cancelled = await order(ahmed.id, '2026-06-01', '888', '7');
  await ok(core, 'orders.cancel', { id: cancelled.id, reason: 'duplicate' });
  await order(ahmed.id, '2026-06-01', '200', '7.8', { currency: 'EUR' });
  const po = await order(stall.id, '2026-06-10', '5000', '1', { kind: 'purchase', currency: 'CNY' });
  await order(factory.id, '2026-01-15', '100', '7', { kind: 'purchase' });
  await order(ali.id, '2026-06-01', '100', '7');

  const pay = (arg: Partial<ApiArg<'payments.create'>> & { partyId: number; payDate: string; amount: string }) =>
    ok(core, 'payments.create', { direction: 'in', currency: 'USD', rate: '7.2', method: 'tt', ...arg });
  await pay({ partyId: ahmed.id, payDate: '2026-06-25', amount: '250', allocations: [{ orderId: b.id, amount: '200' }] });
  await pay({ partyId: ahmed.id, payDate: '2026-06-29', amount: '100', allocations: [{ orderId: e.id, amount: '100' }] });
  await pay({ partyId: ahmed.id, payDate: '2026-07-02', amount: '100', rate: '7.25', allocations: [{ orderId: c.id, amount: '50' }] });
  await pay({ partyId: stall.id, direction: 'out', currency: 'CNY', rate: '1', payDate: '2026-06-12', amount: '3000', allocations: [{ orderId: po.id, amount: '3000' }] });
  await pay({ partyId: stall.id, direction: 'out', currency: 'CNY', rate: '1', payDate: '2026-06-20', amount: '500' });
  await pay({ partyId: ali.id, payDate: '2026-06-05', amount: '100' });

  // a settled claim credit of 20.00 on order A (written by the claims module; here by SQL)
  const now = new Date().toISOString();
  const sh = core.db
    .prepare("INSERT INTO shipment (no, mode, trade_mode, consignee_id, status, created_at, updated_at) VALUES ('SH-1', 'sea', '1039', ?, 'arrived', ?, ?)")
    .run(ahmed.id, now, now);
  const sl = core.db
    .prepare('INSERT INTO shipment_line (shipment_id, order_line_id, line_no, qty_e3, amount_minor) VALUES (?, ?, 1, 1000, 100000)')
    .run(sh.lastInsertRowid, a.lines[0]!.id);
  core.db
    .prepare(
      `INSERT INTO claim (no, shipment_line_id, claim_date, kind, qty_e3, settlement, amount_minor, status, created_at, updated_at)
       VALUES ('CL-1', ?, '2026-06-28', 'damaged', 1000, 'credit', 2000, 'settled', ?, ?)`,
    )
    .run(sl.lastInsertRowid, now, now);
  return { core, ahmed, ali, stall, factory };
}

describe('balances', () => {
  it('nets open orders and payments on account per party and currency, with aging at a fixed date', async () => {
    const { core, ahmed, stall, factory } = await setup();
    const rows = await ok(core, 'balances.list', { asOf: '2026-06-30' });
    expect(rows).toEqual([
      {
        partyId: ahmed.id,
        partyName: 'Ahmed Trading LLC',
        currency: 'USD',
        balance: '1530.00',
        baseBalance: '10760.00',
        aging: { d0_30: '980.00', d31_60: '300.00', d61_90: '300.00', d90plus: '100.00' },
        unapplied: '-150.00',
      },
      {
        partyId: ahmed.id,
        partyName: 'Ahmed Trading LLC',
        currency: 'EUR',
        balance: '200.00',
        baseBalance: '1560.00',
        aging: { d0_30: '200.00', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00' },
        unapplied: '0.00',
      },
      {
        partyId: stall.id,
        partyName: '金华玩具摊位',
        currency: 'CNY',
        balance: '-1500.00',
        baseBalance: '-1500.00',
        aging: { d0_30: '-2000.00', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00' },
        unapplied: '500.00',
      },
      {
        partyId: factory.id,
        partyName: '宁波工厂',
        currency: 'USD',
        balance: '-100.00',
        baseBalance: '-700.00',
        aging: { d0_30: '0.00', d31_60: '0.00', d61_90: '0.00', d90plus: '-100.00' },
        unapplied: '0.00',
      },
    ]);
  });

  it('splits receivables from payables', async () => {
    const { core, ahmed, stall, factory } = await setup();
    const key = (r: { partyId: number; currency: string }) => `${r.partyId}/${r.currency}`;
    expect((await ok(core, 'balances.list', { asOf: '2026-06-30', kind: 'sales' })).map(key)).toEqual([`${ahmed.id}/USD`, `${ahmed.id}/EUR`]);
    expect((await ok(core, 'balances.list', { asOf: '2026-06-30', kind: 'purchase' })).map(key)).toEqual([`${stall.id}/CNY`, `${factory.id}/USD`]);
  });

  it('moves with the as-of date: later orders and payments count, ages grow', async () => {
    const { core, ahmed } = await setup();
    const rows = await ok(core, 'balances.list', { asOf: '2026-07-31', kind: 'sales' });
    const usd = rows.find((r) => r.partyId === ahmed.id && r.currency === 'USD');
    // E (400 − 100 from P3) now counts and P3 is no longer on account; P2 does: 50 to C, 50 on account
    expect(usd).toMatchObject({
      balance: '1830.00',
      aging: { d0_30: '300.00', d31_60: '0.00', d61_90: '1280.00', d90plus: '350.00' },
      unapplied: '-100.00',
    });
    // before anything happened: nothing
    expect(await ok(core, 'balances.list', { asOf: '2026-01-01' })).toEqual([]);
    // default: today
    expect(await ok(core, 'balances.list', {})).toEqual(await ok(core, 'balances.list', { asOf: todayIso() }));
  });

  it('puts order ages in the right bucket at the boundaries', () => {
    expect(daysBetween('2026-02-01', '2026-06-30')).toBe(149);
    expect([0, 30, 31, 60, 61, 90, 91].map(agingBucket)).toEqual(['d0_30', 'd0_30', 'd31_60', 'd31_60', 'd61_90', 'd61_90', 'd90plus']);
  });
});
