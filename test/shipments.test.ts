import { describe, expect, it } from 'vitest';
import type { Core } from '../electron/core';
import { lineAmount } from '../electron/core/money';
import { parseScaled } from '../shared/decimal';
import { ok, raw, testCore } from './helpers';

// ---------------------------------------------------------------------------------------------------------
// Fixtures: orders are written with SQL, as the orders module is built in parallel.

interface LineSpec {
  productId?: number | null;
  itemNo?: string;
  nameZh?: string;
  qty: string;
  price: string;
  cartons?: number | null;
  pcs?: number | null;
  grossKg?: string;
  netKg?: string;
  cbm?: string;
  stallId?: number | null;
}

let orderSeq = 0;
function insertOrder(
  core: Core,
  o: { kind?: 'sales' | 'purchase'; partyId: number; currency?: string; status?: string; date?: string; lines: LineSpec[] },
): { id: number; no: string; lineIds: number[] } {
  const db = core.db;
  const kind = o.kind ?? 'sales';
  const currency = o.currency ?? 'USD';
  const no = `${kind === 'sales' ? 'SO' : 'PO'}-2026-${String(++orderSeq).padStart(4, '0')}`;
  const now = new Date().toISOString();
  const amounts = o.lines.map((l) => lineAmount(parseScaled(l.qty, 3), parseScaled(l.price, 4), currency));
  const total = amounts.reduce((a, b) => a + b, 0);
  const id = Number(
    db
      .prepare(
        `INSERT INTO trade_order (kind, no, party_id, order_date, currency, rate_e6, status, total_minor, base_total_minor, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 7100000, ?, ?, ?, ?, ?)`,
      )
      .run(kind, no, o.partyId, o.date ?? '2026-03-02', currency, o.status ?? 'confirmed', total, Math.round(total * 7.1), now, now).lastInsertRowid,
  );
  const opt = (s: string | undefined, scale: number) => (s === undefined ? null : parseScaled(s, scale));
  const lineIds = o.lines.map((l, i) =>
    Number(
      db
        .prepare(
          `INSERT INTO order_line (order_id, line_no, product_id, item_no, name_zh, cartons, pcs_per_carton, qty_e3, price_e4, amount_minor,
                                   gross_g, net_g, cbm_e4, stall_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          i + 1,
          l.productId ?? null,
          l.itemNo ?? '',
          l.nameZh ?? '',
          l.cartons ?? null,
          l.pcs ?? null,
          parseScaled(l.qty, 3),
          parseScaled(l.price, 4),
          amounts[i],
          opt(l.grossKg, 3),
          opt(l.netKg, 3),
          opt(l.cbm, 4),
          l.stallId ?? null,
        ).lastInsertRowid,
    ),
  );
  return { id, no, lineIds };
}

const orderStatus = (core: Core, id: number) => (core.db.prepare('SELECT status FROM trade_order WHERE id = ?').get(id) as { status: string }).status;
const count = (core: Core, table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const audits = (core: Core, id: number) =>
  (core.db.prepare("SELECT action, changes FROM audit_log WHERE entity = 'shipment' AND entity_id = ? ORDER BY id").all(id) as { action: string; changes: string }[]).map(
    (a) => ({ action: a.action, changes: JSON.parse(a.changes) as Record<string, unknown> }),
  );

/** A buyer, a stall, a toy with 240 pcs a carton, and a confirmed USD sales order of two lines. */
async function setup() {
  const core = await testCore();
  const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC', country: 'ARE' });
  const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '金华玩具摊位', booth: '国际商贸城 2区 12街 34567' });
  const toy = await ok(core, 'products.create', { itemNo: 'A-1001', nameZh: '塑料玩具车', nameEn: 'Plastic toy car', pcsPerCarton: 240 });
  const order = insertOrder(core, {
    partyId: buyer.id,
    lines: [
      // 2400 pcs in 10 cartons of 240, 125 kg gross, 1.2 m³; 2400 × 1.25 = 3000.00 USD
      { productId: toy.id, itemNo: 'A-1001', nameZh: '塑料玩具车', qty: '2400', price: '1.25', cartons: 10, pcs: 240, grossKg: '125', netKg: '112.5', cbm: '1.2', stallId: stall.id },
      // 999 hair clips in 7 cartons, 10 kg gross, 8 kg net, 0.1 m³; 999 × 0.0125 = 12.4875 → 12.49 USD
      { itemNo: 'HC-88', nameZh: '发夹', qty: '999', price: '0.0125', cartons: 7, grossKg: '10', netKg: '8', cbm: '0.1', stallId: stall.id },
    ],
  });
  const [toyLine, clipLine] = order.lineIds as [number, number];
  return { core, buyer, stall, toy, order, toyLine, clipLine };
}

const base = (consigneeId: number) => ({ mode: 'sea' as const, tradeMode: '1039' as const, consigneeId, loadingPort: 'NINGBO', etd: '2026-03-20' });

// ---------------------------------------------------------------------------------------------------------

describe('shipments: lines from sales order lines', () => {
  it('numbers shipments by the year of ETD and traces every line to its order, buyer and stall', async () => {
    const { core, buyer, order, toyLine, stall, toy } = await setup();
    const s = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '1200' }] });
    expect(s).toMatchObject({ no: 'SH-2026-0001', status: 'planned', consigneeName: 'Ahmed Trading LLC', cartons: 5, amounts: { USD: '1500.00' } });
    expect(s.lines[0]).toMatchObject({
      orderLineId: toyLine,
      orderId: order.id,
      orderNo: order.no,
      productId: toy.id,
      itemNo: 'A-1001',
      stallId: stall.id,
      stallName: '金华玩具摊位',
      quantity: '1200',
      unitPrice: '1.25',
      currency: 'USD',
      amount: '1500.00',
      // 1200 / 240 = 5 cartons exactly; weights and CBM half of the order line's
      cartons: 5,
      grossKg: '62.500',
      netKg: '56.250',
      cbm: '0.6000',
    });
    const next = await ok(core, 'shipments.create', { ...base(buyer.id), etd: '2027-01-05', lines: [] });
    expect(next.no).toBe('SH-2027-0001');
    expect(await ok(core, 'shipments.get', { id: s.id })).toEqual(s);
  });

  it('refuses to ship more than is left on the order line, saying how much is left', async () => {
    const { core, buyer, order, toyLine, clipLine } = await setup();
    await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '2000' }] });
    const r = await raw(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: clipLine, quantity: '10' }, { orderLineId: toyLine, quantity: '500' }] });
    expect(r.ok || r.error.issues).toEqual([
      { path: 'lines.1.quantity', message: `only 400 left to ship of A-1001 on ${order.no} line 1 (ordered 2400, shipped 2000)` },
    ]);
    // two lines of one shipment on the same order line count together
    const twice = await raw(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '300' }, { orderLineId: toyLine, quantity: '300' }] });
    expect(twice.ok || twice.error.issues?.[0]).toEqual({ path: 'lines.1.quantity', message: expect.stringMatching(/^only 100 left to ship/) });
    expect(count(core, 'shipment')).toBe(1);
    expect(count(core, 'shipment_line')).toBe(1);
  });

  it("refuses a cancelled, draft or closed order's line, another buyer's order and a purchase order", async () => {
    const { core, buyer, stall } = await setup();
    const other = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Other Buyer' });
    const line = (status: string, partyId = buyer.id, kind: 'sales' | 'purchase' = 'sales') =>
      insertOrder(core, { partyId, status, kind, lines: [{ itemNo: 'X', qty: '10', price: '1' }] }).lineIds[0]!;
    const cases: [number, RegExp][] = [
      [line('cancelled'), /is cancelled: a cancelled order cannot be shipped$/],
      [line('draft'), /is a draft: confirm it before shipping$/],
      [line('closed'), /is closed/],
      [line('confirmed', other.id), /is an order of Other Buyer, not of this shipment's consignee/],
      [line('confirmed', stall.id, 'purchase'), /is a purchase order; only sales order lines are shipped/],
      [999, /order line 999 does not exist/],
    ];
    for (const [orderLineId, message] of cases) {
      const r = await raw(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId, quantity: '1' }] });
      expect(r.ok || r.error.issues, String(message)).toEqual([{ path: 'lines.0.orderLineId', message: expect.stringMatching(message) }]);
    }
    expect(count(core, 'shipment')).toBe(0);
  });

  it('makes the order partial, then complete, and lists only what is left to ship', async () => {
    const { core, buyer, order, toyLine, clipLine } = await setup();
    // a draft and a cancelled order of the same buyer have nothing to ship yet
    insertOrder(core, { partyId: buyer.id, status: 'draft', lines: [{ itemNo: 'D', qty: '5', price: '1' }] });
    insertOrder(core, { partyId: buyer.id, status: 'cancelled', lines: [{ itemNo: 'C', qty: '5', price: '1' }] });
    const shippable = await ok(core, 'shipments.shippable', { consigneeId: buyer.id });
    expect(shippable.map((l) => [l.orderLineId, l.orderNo, l.stallName, l.ordered, l.remaining, l.unitPrice, l.currency])).toEqual([
      [toyLine, order.no, '金华玩具摊位', '2400', '2400', '1.25', 'USD'],
      [clipLine, order.no, '金华玩具摊位', '999', '999', '0.0125', 'USD'],
    ]);

    await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '1200' }, { orderLineId: clipLine, quantity: '999' }] });
    expect(orderStatus(core, order.id)).toBe('partial');
    expect((await ok(core, 'shipments.shippable', { consigneeId: buyer.id })).map((l) => [l.orderLineId, l.shipped, l.remaining])).toEqual([[toyLine, '1200', '1200']]);

    const second = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '1200' }] });
    expect(orderStatus(core, order.id)).toBe('complete');
    expect(await ok(core, 'shipments.shippable', { consigneeId: buyer.id })).toEqual([]);

    // deleting a planned shipment gives the quantity back and the order is partial again
    await ok(core, 'shipments.delete', { id: second.id });
    expect(orderStatus(core, order.id)).toBe('partial');
  });

  it('splits weights, CBM and cartons pro rata so that the shipments of a line add up exactly', async () => {
    const { core, buyer, clipLine } = await setup();
    // 999 clips: 10.000 kg gross, 8.000 kg net, 0.1000 m³, 7 cartons (no pcs per carton), shipped as 333 × 3.
    // Rounding each third alone would give 3.333 × 3 = 9.999 kg, 2.667 × 3 = 8.001 kg and 2 × 3 = 6 cartons.
    const lines = [];
    for (let i = 0; i < 3; i++) {
      const s = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: clipLine, quantity: '333' }] });
      lines.push(s.lines[0]!);
    }
    expect(lines.map((l) => l.grossKg)).toEqual(['3.333', '3.334', '3.333']);
    expect(lines.map((l) => l.netKg)).toEqual(['2.667', '2.666', '2.667']);
    expect(lines.map((l) => l.cbm)).toEqual(['0.0333', '0.0334', '0.0333']);
    expect(lines.map((l) => l.cartons)).toEqual([2, 3, 2]);
    const sum = (xs: string[]) => xs.reduce((a, x) => a + parseScaled(x, 4), 0);
    expect(sum(lines.map((l) => l.grossKg))).toBe(100_000); // 10.0000
    expect(sum(lines.map((l) => l.netKg))).toBe(80_000);
    expect(sum(lines.map((l) => l.cbm))).toBe(1_000);
    // each line's amount is its own quantity × price: 333 × 0.0125 = 4.1625 → 4.16
    expect(lines.map((l) => l.amount)).toEqual(['4.16', '4.16', '4.16']);
  });

  it('gives the shipment that completes a line what is left after weights typed on other shipments', async () => {
    const { core, buyer, clipLine } = await setup();
    // the first third was weighed at the warehouse: 3.5 kg instead of 3.333
    await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: clipLine, quantity: '333', grossKg: '3.5' }] });
    const rest = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: clipLine, quantity: '666' }] });
    // 10.000 − 3.500, not 6.667: the order line's weight is not exceeded
    expect(rest.lines[0]).toMatchObject({ grossKg: '6.500', netKg: '5.333', cartons: 5 });
  });

  it('takes cartons, weights and CBM as given, and refuses net weight above gross', async () => {
    const { core, buyer, toyLine } = await setup();
    const s = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '1000', cartons: 5, grossKg: '55.5', netKg: '50', cbm: '0.55' }] });
    expect(s.lines[0]).toMatchObject({ cartons: 5, grossKg: '55.500', netKg: '50.000', cbm: '0.5500' });
    // 1000 is not a whole number of cartons of 240: pro rata of 10 cartons → 4.17 → 4
    const t = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '1000' }] });
    expect(t.lines[0]!.cartons).toBe(4);
    const r = await raw(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '100', grossKg: '1', netKg: '2' }] });
    expect(r.ok || r.error.issues).toEqual([{ path: 'lines.0.netKg', message: 'net weight 2.000 kg is more than gross weight 1.000 kg' }]);
  });

  it('shows how full a 40HQ is by volume and weight, and no bar without a container type', async () => {
    const { core, buyer, toyLine, clipLine } = await setup();
    const s = await ok(core, 'shipments.create', {
      ...base(buyer.id),
      containerType: '40HQ',
      lines: [
        { orderLineId: toyLine, quantity: '2400', cbm: '50', grossKg: '12000' },
        { orderLineId: clipLine, quantity: '999', cbm: '1', grossKg: '1250' },
      ],
    });
    // 51 m³ of 68 usable = 75 %; 13 250 kg of 26 500 kg payload = 50 %
    expect(s.fill).toEqual({ containerType: '40HQ', cbm: '51.0000', capacityCbm: '68.0000', grossKg: '13250.000', capacityKg: '26500.000', cbmPercent: 75, weightPercent: 50 });
    expect(s).toMatchObject({ cbm: '51.0000', grossKg: '13250.000' });
    // the same goods in a 20GP: 51 / 28 = 182.1 %, over capacity
    const small = await ok(core, 'shipments.update', { id: s.id, header: { containerType: '20GP' } });
    expect(small.fill).toMatchObject({ cbmPercent: 182.1, weightPercent: 61.1 });
    expect((await ok(core, 'shipments.update', { id: s.id, header: { containerType: '' } })).fill).toBeNull();
  });

  it('totals amounts per currency when a shipment mixes orders', async () => {
    const { core, buyer, toyLine } = await setup();
    const eur = insertOrder(core, { partyId: buyer.id, currency: 'EUR', lines: [{ itemNo: 'M-1', qty: '100', price: '2.345' }] });
    const s = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '10' }, { orderLineId: eur.lineIds[0]!, quantity: '100' }] });
    // 10 × 1.25 = 12.50 USD; 100 × 2.345 = 234.50 EUR
    expect(s.amounts).toEqual({ EUR: '234.50', USD: '12.50' });
    expect((await ok(core, 'shipments.list', {}))[0]!.amounts).toEqual({ EUR: '234.50', USD: '12.50' });
  });
});

describe('shipments: header checks', () => {
  it('checks the container no. by its ISO 6346 check digit', async () => {
    const { core, buyer } = await setup();
    const r = await raw(core, 'shipments.create', { ...base(buyer.id), containerNo: 'CSQU3054384', lines: [] });
    expect(r.ok || r.error.issues).toEqual([{ path: 'containerNo', message: 'check digit should be 3' }]);
    const bad = await raw(core, 'shipments.create', { ...base(buyer.id), containerNo: 'CSQX3054383', lines: [] });
    expect(bad.ok || bad.error.issues?.[0]?.path).toBe('containerNo');
    const s = await ok(core, 'shipments.create', { ...base(buyer.id), containerNo: 'csqu 305438-3', lines: [] });
    expect(s.containerNo).toBe('CSQU3054383');
    const u = await raw(core, 'shipments.update', { id: s.id, header: { containerNo: 'MSKU1234566' } });
    expect(u.ok || u.error.issues).toEqual([{ path: 'header.containerNo', message: 'check digit should be 5' }]);
    const decl = await raw(core, 'shipments.create', { ...base(buyer.id), declarationNo: '29012026100012345', lines: [] });
    expect(decl.ok || decl.error.issues).toEqual([{ path: 'declarationNo', message: 'a declaration no. has 18 digits' }]);
    expect(count(core, 'shipment')).toBe(1);
  });

  it('checks the roles of consignee, exporter, forwarder and broker, and ETA after ETD', async () => {
    const { core, buyer, stall } = await setup();
    const agent = await ok(core, 'parties.create', { roles: ['agent'], nameZh: '义乌外贸公司' });
    const fwd = await ok(core, 'parties.create', { roles: ['forwarder'], nameZh: '宁波货代' });
    const broker = await ok(core, 'parties.create', { roles: ['broker'], nameZh: '报关行' });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ consigneeId: stall.id }, 'consigneeId', /is not a customer/],
      [{ exporterId: fwd.id }, 'exporterId', /is not a agent/],
      [{ forwarderId: broker.id }, 'forwarderId', /is not a forwarder/],
      [{ brokerId: agent.id }, 'brokerId', /is not a broker/],
      [{ brokerId: 999 }, 'brokerId', /does not exist/],
      [{ eta: '2026-03-01' }, 'eta', /ETA 2026-03-01 is before ETD 2026-03-20/],
    ];
    for (const [change, path, message] of cases) {
      const r = await raw(core, 'shipments.create', { ...base(buyer.id), ...change, lines: [] });
      expect(r.ok || r.error.issues, path).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
    const s = await ok(core, 'shipments.create', { ...base(buyer.id), exporterId: agent.id, forwarderId: fwd.id, brokerId: broker.id, lines: [] });
    expect(s).toMatchObject({ exporterId: agent.id, forwarderId: fwd.id, brokerId: broker.id });
  });
});

describe('shipments: changes and status', () => {
  it('edits lines in place, removes missing ones and refreshes the order status', async () => {
    const { core, buyer, order, toyLine, clipLine } = await setup();
    const s = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '2400' }, { orderLineId: clipLine, quantity: '999' }] });
    expect(orderStatus(core, order.id)).toBe('complete');
    const [a] = s.lines as [typeof s.lines[0]];
    const u = await ok(core, 'shipments.update', { id: s.id, lines: [{ id: a.id, orderLineId: toyLine, quantity: '480' }] });
    expect(u.lines.map((l) => [l.id, l.quantity, l.cartons])).toEqual([[a.id, '480', 2]]);
    expect(orderStatus(core, order.id)).toBe('partial');
    await ok(core, 'shipments.update', { id: s.id, lines: [] });
    expect(orderStatus(core, order.id)).toBe('confirmed');

    const other = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: clipLine, quantity: '1' }] });
    const foreign = await raw(core, 'shipments.update', { id: s.id, lines: [{ id: other.lines[0]!.id, orderLineId: clipLine, quantity: '1' }] });
    expect(foreign.ok || foreign.error.issues?.[0]?.path).toBe('lines.0.id');
    const changes = audits(core, s.id).map((a) => a.action);
    expect(changes).toEqual(['create', 'update', 'update']);
  });

  it('keeps a line of an order closed since, but ships no more of it, and keeps lines with their consignee', async () => {
    const { core, buyer, order, toyLine } = await setup();
    const s = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '100' }] });
    core.db.prepare("UPDATE trade_order SET status = 'closed' WHERE id = ?").run(order.id);
    const same = await ok(core, 'shipments.update', { id: s.id, lines: [{ id: s.lines[0]!.id, orderLineId: toyLine, quantity: '90' }] });
    expect(same.lines[0]!.quantity).toBe('90');
    const more = await raw(core, 'shipments.update', { id: s.id, lines: [{ id: s.lines[0]!.id, orderLineId: toyLine, quantity: '120' }] });
    expect(more.ok || more.error.issues?.[0]).toEqual({ path: 'lines.0.orderLineId', message: expect.stringMatching(/is closed/) });

    const other = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Other Buyer' });
    const r = await raw(core, 'shipments.update', { id: s.id, header: { consigneeId: other.id } });
    expect(r.ok || r.error.issues).toEqual([{ path: 'header.consigneeId', message: expect.stringMatching(/the lines are from SO-\d{4}-\d{4} of another customer/) }]);
    const empty = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [] });
    expect((await ok(core, 'shipments.update', { id: empty.id, header: { consigneeId: other.id } })).consigneeName).toBe('Other Buyer');
  });

  it('moves the status forward any number of steps, back only one, and locks the lines once departed', async () => {
    const { core, buyer, toyLine } = await setup();
    const s = await ok(core, 'shipments.create', { ...base(buyer.id), lines: [{ orderLineId: toyLine, quantity: '100' }] });
    expect((await ok(core, 'shipments.setStatus', { id: s.id, status: 'declared' })).status).toBe('declared');
    expect((await ok(core, 'shipments.setStatus', { id: s.id, status: 'loading' })).status).toBe('loading');
    await ok(core, 'shipments.setStatus', { id: s.id, status: 'departed' });
    const back2 = await raw(core, 'shipments.setStatus', { id: s.id, status: 'loading' });
    expect(back2.ok || back2.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/goes back only one step at a time \(to declared\)/) });

    const lines = await raw(core, 'shipments.update', { id: s.id, lines: [{ id: s.lines[0]!.id, orderLineId: toyLine, quantity: '50' }] });
    expect(lines.ok || lines.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/is departed: the goods have left, so its lines can no longer change/) });
    // the header can still be completed (B/L no. comes after departure)
    expect((await ok(core, 'shipments.update', { id: s.id, header: { blNo: 'NGB123456' } })).blNo).toBe('NGB123456');
    const del = await raw(core, 'shipments.delete', { id: s.id });
    expect(del.ok || del.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/only a planned shipment can be deleted/) });

    expect(audits(core, s.id).map((a) => a.action === 'status' ? a.changes.status : a.action === 'update' ? a.changes.blNo : a.action)).toEqual([
      'create',
      ['planned', 'declared'],
      ['declared', 'loading'],
      ['loading', 'departed'],
      ['', 'NGB123456'],
    ]);
    expect((await ok(core, 'shipments.get', { id: s.id })).lines[0]!.quantity).toBe('100');
  });

  it('finds shipments by number, consignee or container and filters by status', async () => {
    const { core, buyer } = await setup();
    const a = await ok(core, 'shipments.create', { ...base(buyer.id), containerNo: 'MSKU1234565', lines: [] });
    const b = await ok(core, 'shipments.create', { ...base(buyer.id), etd: '2026-04-01', lines: [] });
    await ok(core, 'shipments.setStatus', { id: b.id, status: 'departed' });
    expect((await ok(core, 'shipments.list', {})).map((s) => s.id)).toEqual([b.id, a.id]);
    expect((await ok(core, 'shipments.list', { search: 'msku' })).map((s) => s.id)).toEqual([a.id]);
    expect((await ok(core, 'shipments.list', { search: 'ahmed' })).length).toBe(2);
    expect((await ok(core, 'shipments.list', { status: 'departed' })).map((s) => s.id)).toEqual([b.id]);
  });
});
