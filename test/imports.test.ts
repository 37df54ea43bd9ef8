import { describe, expect, it } from 'vitest';
import type { Core } from '../electron/core';
import { lineAmount } from '../electron/core/money';
import { parseScaled } from '../shared/decimal';
import { ok, raw, testCore } from './helpers';

/** A confirmed order written with SQL (the orders module is built in parallel). */
function insertOrder(core: Core, o: { kind: 'sales' | 'purchase'; partyId: number; no: string; lines: { productId: number | null; qty: string; price: string }[] }) {
  const now = new Date().toISOString();
  const id = Number(
    core.db
      .prepare(
        `INSERT INTO trade_order (kind, no, party_id, order_date, currency, rate_e6, status, created_at, updated_at)
         VALUES (?, ?, ?, '2026-02-01', 'USD', 7100000, 'confirmed', ?, ?)`,
      )
      .run(o.kind, o.no, o.partyId, now, now).lastInsertRowid,
  );
  const lineIds = o.lines.map((l, i) => {
    const q = parseScaled(l.qty, 3);
    const p = parseScaled(l.price, 4);
    return Number(
      core.db
        .prepare('INSERT INTO order_line (order_id, line_no, product_id, qty_e3, price_e4, amount_minor) VALUES (?, ?, ?, ?, ?, ?)')
        .run(id, i + 1, l.productId, q, p, lineAmount(q, p, 'USD')).lastInsertRowid,
    );
  });
  return { id, lineIds };
}
const orderStatus = (core: Core, id: number) => (core.db.prepare('SELECT status FROM trade_order WHERE id = ?').get(id) as { status: string }).status;
const count = (core: Core, table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function setup() {
  const core = await testCore();
  const supplier = await ok(core, 'parties.create', { roles: ['supplier'], nameEn: 'Oleificio Rossi SpA', country: 'ITA' });
  const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Some Buyer' });
  const oil = await ok(core, 'products.create', { itemNo: 'IM-1', nameZh: '橄榄油', importDutyRate: '6.5', importVatRate: '13' });
  const pasta = await ok(core, 'products.create', { itemNo: 'IM-2', nameZh: '意大利面' });
  return { core, supplier, buyer, oil, pasta };
}

const fob = (supplierId: number, oilId: number, pastaId: number) => ({
  supplierId,
  originCountry: 'ITA',
  tradeMode: '0110' as const,
  arrivalDate: '2026-05-10',
  currency: 'USD',
  rate: '7.1',
  valueBasis: 'FOB' as const,
  freight: '100.00',
  insurance: '10.00',
  lines: [
    { productId: oilId, quantity: '100', unitPrice: '3.3333' },
    { productId: pastaId, quantity: '100', unitPrice: '3.3333', dutyRate: '10', vatRate: '9' },
    { description: 'Olive oil samples', quantity: '7', unitPrice: '47.62' },
  ],
});

describe('imports: landed cost', () => {
  it('adds FOB freight and insurance to the customs value, split exactly, and computes duty, VAT and landed cost', async () => {
    const { core, supplier, oil, pasta } = await setup();
    const im = await ok(core, 'imports.create', fob(supplier.id, oil.id, pasta.id));
    // Amounts: 100 × 3.3333 = 333.33; 333.33; 7 × 47.62 = 333.34; total 1000.00 USD.
    // Freight 100.00 by amount: 33.333 / 33.333 / 33.334 → 33.33, 33.33, 33.34 (the largest remainder takes the
    // last cent); insurance 10.00 → 3.33, 3.33, 3.34. Both add up to the cent.
    // Customs value at 7.1:  line 1: (333.33 + 33.33 + 3.33) = 369.99 × 7.1 = 2626.929 → 2626.93
    //                        line 2: 369.99 → 2626.93;  line 3: (333.34 + 33.34 + 3.34) = 370.02 × 7.1 = 2627.142 → 2627.14
    // line 1 (product rates 6.5 % / 13 %): duty 2626.93 × 6.5 % = 170.750… → 170.75
    //   VAT (2626.93 + 170.75) × 13 % = 2797.68 × 13 % = 363.698… → 363.70; landed 3161.38; per unit /100 = 31.6138
    // line 2 (line rates 10 % / 9 %): duty 262.693 → 262.69; VAT 2889.62 × 9 % = 260.065… → 260.07;
    //   landed 3149.69; per unit 31.4969
    // line 3 (no product: duty 0, VAT 13 %): VAT 2627.14 × 13 % = 341.528… → 341.53; landed 2968.67;
    //   per unit 2968.67 / 7 = 424.09571… → 424.0957
    expect(im).toMatchObject({
      no: 'IM-2026-0001',
      status: 'draft',
      supplierName: 'Oleificio Rossi SpA',
      baseCurrency: 'CNY',
      freight: '100.00',
      insurance: '10.00',
      vatInCost: true,
      amount: '1000.00',
      customsValue: '7881.00', // = 1110.00 USD × 7.1
      duty: '433.44',
      vat: '965.30',
      landedCost: '9279.74',
    });
    expect(im.lines.map((l) => [l.itemNo, l.amount, l.dutyRate, l.vatRate, l.customsValue, l.duty, l.vat, l.landedCost, l.landedUnitCost])).toEqual([
      ['IM-1', '333.33', '6.5', '13', '2626.93', '170.75', '363.70', '3161.38', '31.6138'],
      ['IM-2', '333.33', '10', '9', '2626.93', '262.69', '260.07', '3149.69', '31.4969'],
      ['', '333.34', '0', '13', '2627.14', '0.00', '341.53', '2968.67', '424.0957'],
    ]);
    expect(im.lines[0]!.description).toBe('橄榄油');
    // the rate is offered for the next record
    expect(core.db.prepare("SELECT rate_e6 FROM last_rate WHERE currency = 'USD'").get()).toEqual({ rate_e6: 7_100_000 });
    expect(await ok(core, 'imports.get', { id: im.id })).toEqual(im);
  });

  it('leaves VAT out of the landed cost of a general taxpayer (vatInCost false)', async () => {
    const { core, supplier, oil, pasta } = await setup();
    const im = await ok(core, 'imports.create', { ...fob(supplier.id, oil.id, pasta.id), vatInCost: false });
    // line 1: 2626.93 + 170.75 = 2797.68, per unit 27.9768; VAT is still computed (it is paid at the border)
    expect(im.lines[0]).toMatchObject({ vat: '363.70', landedCost: '2797.68', landedUnitCost: '27.9768' });
    expect(im).toMatchObject({ vat: '965.30', landedCost: '8314.44' });
  });

  it('refuses freight on a CIF value, a party that is not a supplier, and goods without a description', async () => {
    const { core, supplier, buyer, oil, pasta } = await setup();
    const good = fob(supplier.id, oil.id, pasta.id);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ valueBasis: 'CIF' }, 'freight', /a CIF value already includes freight/],
      [{ valueBasis: 'CIF', freight: '0' }, 'insurance', /a CIF value already includes insurance/],
      [{ supplierId: buyer.id }, 'supplierId', /is not a supplier/],
      [{ rate: '0' }, 'rate', /must be more than 0/],
      [{ tradeMode: '1039' }, 'tradeMode', /./],
      [{ freight: '1.005' }, 'freight', /USD amounts have at most 2 decimals/],
      [{ lines: [{ quantity: '1', unitPrice: '1' }] }, 'lines.0.description', /describe the goods or choose a product/],
      [{ lines: [{ productId: 999, quantity: '1', unitPrice: '1' }] }, 'lines.0.productId', /product 999 does not exist/],
    ];
    for (const [change, path, message] of cases) {
      const r = await raw(core, 'imports.create', { ...good, ...change });
      expect(r.ok || r.error.issues?.map((i) => ({ path: i.path, message: i.message })), path).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
    // CIF without freight is fine: the value already includes it. Each line is converted on its own, as customs
    // does per item: 333.33 × 7.1 = 2366.643 → 2366.64 (twice) and 333.34 × 7.1 = 2366.714 → 2366.71, so the
    // total is 7099.99, a fen below 1000.00 × 7.1.
    const cif = await ok(core, 'imports.create', { ...good, valueBasis: 'CIF', freight: undefined, insurance: undefined });
    expect(cif).toMatchObject({ freight: '0.00', customsValue: '7099.99' });
    expect(cif.lines.map((l) => l.customsValue)).toEqual(['2366.64', '2366.64', '2366.71']);
    expect(count(core, 'import_record')).toBe(1);
  });

  it('links a line only to a purchase order line of the same supplier', async () => {
    const { core, supplier, buyer, oil, pasta } = await setup();
    const other = await ok(core, 'parties.create', { roles: ['supplier'], nameEn: 'Other Supplier' });
    const mine = insertOrder(core, { kind: 'purchase', partyId: supplier.id, no: 'PO-2026-0001', lines: [{ productId: oil.id, qty: '200', price: '3.3333' }] });
    const theirs = insertOrder(core, { kind: 'purchase', partyId: other.id, no: 'PO-2026-0002', lines: [{ productId: oil.id, qty: '1', price: '1' }] });
    const sales = insertOrder(core, { kind: 'sales', partyId: buyer.id, no: 'SO-2026-0001', lines: [{ productId: oil.id, qty: '1', price: '1' }] });
    for (const orderLineId of [theirs.lineIds[0]!, sales.lineIds[0]!]) {
      const r = await raw(core, 'imports.create', { ...fob(supplier.id, oil.id, pasta.id), lines: [{ orderLineId, quantity: '1', unitPrice: '1' }] });
      expect(r.ok || r.error.issues).toEqual([{ path: 'lines.0.orderLineId', message: expect.stringMatching(/is not a purchase order from this import's supplier/) }]);
    }
    core.db.prepare("UPDATE trade_order SET status = 'cancelled' WHERE id = ?").run(theirs.id);
    const cancelled = insertOrder(core, { kind: 'purchase', partyId: supplier.id, no: 'PO-2026-0003', lines: [{ productId: oil.id, qty: '1', price: '1' }] });
    core.db.prepare("UPDATE trade_order SET status = 'cancelled' WHERE id = ?").run(cancelled.id);
    const c = await raw(core, 'imports.create', { ...fob(supplier.id, oil.id, pasta.id), lines: [{ orderLineId: cancelled.lineIds[0]!, quantity: '1', unitPrice: '1' }] });
    expect(c.ok || c.error.issues).toEqual([{ path: 'lines.0.orderLineId', message: 'PO-2026-0003 is cancelled' }]);
    const mismatch = await raw(core, 'imports.create', { ...fob(supplier.id, oil.id, pasta.id), lines: [{ orderLineId: mine.lineIds[0]!, productId: pasta.id, quantity: '1', unitPrice: '1' }] });
    expect(mismatch.ok || mismatch.error.issues?.[0]?.path).toBe('lines.0.productId');
    // the product comes from the order line
    const im = await ok(core, 'imports.create', { ...fob(supplier.id, oil.id, pasta.id), lines: [{ orderLineId: mine.lineIds[0]!, quantity: '100', unitPrice: '3.3333' }] });
    expect(im.lines[0]).toMatchObject({ productId: oil.id, orderLineId: mine.lineIds[0], itemNo: 'IM-1' });
  });
});

describe('imports: receiving', () => {
  it('puts the goods into stock at landed cost once, and counts them on the linked purchase order', async () => {
    const { core, supplier, oil, pasta } = await setup();
    const po = insertOrder(core, { kind: 'purchase', partyId: supplier.id, no: 'PO-2026-0001', lines: [{ productId: oil.id, qty: '200', price: '3.3333' }] });
    const input = fob(supplier.id, oil.id, pasta.id);
    const im = await ok(core, 'imports.create', { ...input, lines: [{ ...input.lines[0]!, orderLineId: po.lineIds[0]! }, ...input.lines.slice(1)] });
    expect(orderStatus(core, po.id)).toBe('confirmed');

    const received = await ok(core, 'imports.receive', { id: im.id, date: '2026-05-12' });
    expect(received.status).toBe('received');
    expect(orderStatus(core, po.id)).toBe('partial');
    // only lines with a product enter stock; the samples line has none
    const moves = core.db.prepare('SELECT product_id, move_date, kind, qty_e3, unit_cost_e4, order_line_id FROM stock_move ORDER BY id').all();
    expect(moves).toEqual([
      { product_id: oil.id, move_date: '2026-05-12', kind: 'import_receipt', qty_e3: 100_000, unit_cost_e4: 316_138, order_line_id: po.lineIds[0] },
      { product_id: pasta.id, move_date: '2026-05-12', kind: 'import_receipt', qty_e3: 100_000, unit_cost_e4: 314_969, order_line_id: null },
    ]);
    expect((await ok(core, 'stock.list', { search: 'IM-' })).map((s) => [s.itemNo, s.onHand])).toEqual([
      ['IM-1', '100'],
      ['IM-2', '100'],
    ]);
    expect((await ok(core, 'stock.moves', { productId: oil.id })).map((m) => [m.kind, m.quantity, m.reference])).toEqual([['import_receipt', '100', im.no]]);

    const again = await raw(core, 'imports.receive', { id: im.id, date: '2026-05-13' });
    expect(again.ok || again.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already been received/) });
    const edit = await raw(core, 'imports.update', { id: im.id, header: { notes: 'late' } });
    expect(edit.ok || edit.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/has been received into stock; it can no longer be changed/) });
    const del = await raw(core, 'imports.delete', { id: im.id });
    expect(del.ok || del.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/can no longer be deleted/) });
    expect(count(core, 'stock_move')).toBe(2);
  });

  it('recomputes a draft when its rate or lines change, keeping line ids, and deletes a draft', async () => {
    const { core, supplier, oil, pasta } = await setup();
    const im = await ok(core, 'imports.create', fob(supplier.id, oil.id, pasta.id));
    const u = await ok(core, 'imports.update', { id: im.id, header: { rate: '7.2' } });
    // 1110.00 USD × 7.2 = 7992.00; line 1: 369.99 × 7.2 = 2663.928 → 2663.93
    expect(u).toMatchObject({ rate: '7.2', customsValue: '7992.00' });
    expect(u.lines[0]!.customsValue).toBe('2663.93');
    expect(u.lines.map((l) => l.id)).toEqual(im.lines.map((l) => l.id));

    const one = await ok(core, 'imports.update', { id: im.id, lines: [{ id: im.lines[0]!.id, productId: oil.id, quantity: '50', unitPrice: '3.3333' }] });
    // all freight now on the one line: (166.67 + 100.00 + 10.00) × 7.2 = 1992.024 → 1992.02
    expect(one.lines.map((l) => [l.id, l.amount, l.customsValue])).toEqual([[im.lines[0]!.id, '166.67', '1992.02']]);
    const toCif = await raw(core, 'imports.update', { id: im.id, header: { valueBasis: 'CIF' } });
    expect(toCif.ok || toCif.error.issues?.[0]?.path).toBe('header.freight');

    // a change of currency keeps the freight as typed: 100.00 EUR now
    const eur = await ok(core, 'imports.update', { id: im.id, header: { currency: 'EUR', rate: '7.8' } });
    expect(eur).toMatchObject({ currency: 'EUR', freight: '100.00', insurance: '10.00' });
    const jpy = await raw(core, 'imports.update', { id: im.id, header: { currency: 'JPY', rate: '0.048' } });
    expect(jpy.ok || jpy.error.issues).toEqual([{ path: 'header.freight', message: 'JPY amounts have no decimals', key: 'payments.errors.noDecimals', params: { currency: 'JPY' } }]);
    const noLines = await ok(core, 'imports.update', { id: im.id, lines: [] });
    const recv = await raw(core, 'imports.receive', { id: noLines.id, date: '2026-05-12' });
    expect(recv.ok || recv.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/has no lines to receive/) });

    expect(await ok(core, 'imports.delete', { id: im.id })).toEqual({ id: im.id });
    expect(count(core, 'import_line')).toBe(0);
    const actions = core.db.prepare("SELECT action FROM audit_log WHERE entity = 'import' ORDER BY id").all();
    expect(actions).toEqual([{ action: 'create' }, { action: 'update' }, { action: 'update' }, { action: 'update' }, { action: 'update' }, { action: 'delete' }]);
  });
});
