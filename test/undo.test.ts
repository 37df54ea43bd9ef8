/**
 * Issue 6, "Undo of the last changes of the current session": undo.run reverses the newest change of this
 * session exactly (every row of every table as it was before, ids, numbers, timestamps, stock and balances),
 * writes "undo of #n" into the audit trail (the chain stays valid), goes back at least 20 changes, and refuses,
 * changing nothing, what it cannot reverse safely.
 */
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../electron/core';
import { verifyAuditChain } from '../electron/core/audit';
import { UNDO_DEPTH } from '../electron/core/undo';
import type { ApiArg, ApiName, ApiResult } from '../shared/api';
import { ok, raw, tempDir, testCore } from './helpers';

/**
 * Every row of every table but the audit trail and the UI state, by rowid: what an undo must give back. The
 * orders search index (migration 7) is rebuilt by triggers, so it is compared by content (its ids may be new)
 * and FTS5 checks its own index against it.
 */
function snapshot(core: Core): Record<string, unknown[]> {
  const db = core.db;
  const skip = new Set((db.pragma('table_list') as { name: string; type: string }[]).filter((t) => t.type === 'shadow').map((t) => t.name));
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('audit_log', 'ui_state', 'line_text', 'order_text', 'line_text_fts') ORDER BY name")
    .all() as { name: string }[];
  db.exec("INSERT INTO line_text_fts(line_text_fts) VALUES ('integrity-check')");
  return {
    ...Object.fromEntries(tables.filter(({ name }) => !skip.has(name)).map(({ name }) => [name, db.prepare(`SELECT rowid AS _rowid, * FROM "${name}" ORDER BY rowid`).all()])),
    line_text: db.prepare('SELECT item_no, name_zh, name_en FROM line_text ORDER BY 1, 2, 3').all(),
    order_text: db.prepare('SELECT ot.order_id, t.item_no, t.name_zh, t.name_en FROM order_text ot JOIN line_text t ON t.id = ot.text_id ORDER BY 1, 2, 3, 4').all(),
  };
}

function auditRows(core: Core): { id: number; entity: string; entity_id: number; action: string; changes: string }[] {
  return core.db.prepare('SELECT id, entity, entity_id, action, changes FROM audit_log ORDER BY id').all() as never;
}

async function undo(core: Core) {
  return ok(core, 'undo.run', {});
}

/** A company with a buyer, a stall, a product in stock, a confirmed sales order and a confirmed purchase order. */
async function world(core?: Core) {
  core ??= await testCore();
  const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Olga Petrova', country: 'RUS', phone: '111' });
  const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '义乌某某玩具', stallRegNo: 'YW-1' });
  const toy = await ok(core, 'products.create', { itemNo: 'T-1', nameZh: '玩具车', pcsPerCarton: 100, supplierId: stall.id, defaultPrice: '2.5' });
  await ok(core, 'stock.adjust', { productId: toy.id, date: '2026-11-01', quantity: '1000', reason: 'opening count' });
  const so = await ok(core, 'orders.create', {
    kind: 'sales',
    partyId: buyer.id,
    orderDate: '2026-11-20',
    currency: 'USD',
    rate: '7.1',
    lines: [{ productId: toy.id, cartons: 5, unitPrice: '0.5', stallId: stall.id }],
  });
  await ok(core, 'orders.confirm', { id: so.id });
  const po = await ok(core, 'orders.create', {
    kind: 'purchase',
    partyId: stall.id,
    orderDate: '2026-11-02',
    currency: 'CNY',
    rate: '1',
    lines: [{ productId: toy.id, quantity: '200', unitPrice: '2.5' }],
  });
  await ok(core, 'orders.confirm', { id: po.id });
  return { core, buyer, stall, toy, so, po };
}

/**
 * The heart of every case: take a snapshot, make the change, undo it; every table is exactly as before, the
 * trail has the change and one "undo" entry per entry of it naming the entry it undoes, the chain verifies.
 */
async function undoes<N extends ApiName>(core: Core, name: N, arg: ApiArg<N>, expectAction?: string): Promise<ApiResult<N>> {
  const before = snapshot(core);
  const lastBefore = auditRows(core).at(-1)?.id ?? 0;
  const value = await ok(core, name, arg);
  const changed = auditRows(core).filter((r) => r.id > lastBefore);
  expect(changed.length, `${name} wrote an audit entry`).toBeGreaterThan(0);
  expect(snapshot(core), `${name} changed the file`).not.toEqual(before);

  const state = await ok(core, 'undo.state', {});
  expect(state.next?.auditIds).toEqual(changed.map((r) => r.id));
  if (expectAction) expect(state.next?.action).toBe(expectAction);
  const r = await undo(core);
  expect(r.undone.auditIds).toEqual(changed.map((c) => c.id));

  expect(snapshot(core)).toEqual(before);
  const undoRows = auditRows(core).filter((x) => x.id > changed.at(-1)!.id);
  expect(undoRows.map((u) => [u.action, u.entity, u.entity_id, (JSON.parse(u.changes) as { undoOf: number }).undoOf])).toEqual(
    [...changed].reverse().map((c) => ['undo', c.entity, c.entity_id, c.id]),
  );
  expect(verifyAuditChain(core.db).ok).toBe(true);
  return value;
}

describe('undo restores the exact previous values, per kind of record', () => {
  it('parties: create, edit, archive, delete', async () => {
    const { core, buyer } = await world();
    await undoes(core, 'parties.create', { roles: ['agent'], nameZh: '义乌某某货代' });
    await undoes(core, 'parties.update', { id: buyer.id, patch: { phone: '222', notes: 'VIP', nameZh: '奥尔加' } }, 'update');
    await undoes(core, 'parties.archive', { id: buyer.id, archived: true }, 'archive');
    const spare = await ok(core, 'parties.create', { roles: ['broker'], nameZh: '报关行', phone: '138' });
    await undoes(core, 'parties.delete', { id: spare.id }, 'delete');
    // the deleted party is back with its id and every field
    expect(await ok(core, 'parties.get', { id: spare.id })).toMatchObject({ nameZh: '报关行', phone: '138', roles: ['broker'] });
  });

  it('the update undo entry swaps the fields back (old → new reads as new → old)', async () => {
    const { core, buyer } = await world();
    await ok(core, 'parties.update', { id: buyer.id, patch: { phone: '222' } });
    const r = await undo(core);
    const [entry] = await ok(core, 'history.list', { entity: 'party', entityId: buyer.id, limit: 1 });
    expect(entry?.id).toBe(r.entries[0]);
    expect(entry).toMatchObject({ action: 'undo', changes: { undoOf: r.undone.auditIds[0], undoneAction: 'update', phone: ['222', '111'] } });
    expect((await ok(core, 'parties.get', { id: buyer.id })).phone).toBe('111');
  });

  it('products: create, edit, archive', async () => {
    const { core, toy } = await world();
    await undoes(core, 'products.create', { itemNo: 'D-1', nameZh: '娃娃', hsCode: '9503002100' });
    await undoes(core, 'products.update', { id: toy.id, patch: { defaultPrice: '2.75', cartonLengthCm: '60.5' } });
    await undoes(core, 'products.archive', { id: toy.id, archived: true });
  });

  it('orders with their lines: create (the number is given again), edit lines, confirm, cancel, close, delete a draft, receive', async () => {
    const { core, buyer, toy, so, po } = await world();
    const created = await undoes(core, 'orders.create', {
      kind: 'sales',
      partyId: buyer.id,
      orderDate: '2026-11-25',
      currency: 'EUR',
      rate: '7.7',
      lines: [
        { productId: toy.id, quantity: '10', unitPrice: '1.2345' },
        { itemNo: 'X-9', nameZh: '杂货', quantity: '3', unitPrice: '5' },
      ],
    });
    // the number series went back: the next order gets the same number
    const again = await ok(core, 'orders.create', { kind: 'sales', partyId: buyer.id, orderDate: '2026-11-25', currency: 'USD', rate: '7.1', lines: [{ itemNo: 'Z', nameZh: '杂货', quantity: '1', unitPrice: '1' }] });
    expect(again.no).toBe(created.no);
    await undoes(core, 'orders.update', {
      id: again.id,
      header: { notes: '加急', rate: '7.2' },
      lines: [{ productId: toy.id, quantity: '7', unitPrice: '0.6' }],
    });
    await undoes(core, 'orders.delete', { id: again.id });
    await undoes(core, 'orders.confirm', { id: again.id });
    await undoes(core, 'orders.cancel', { id: so.id, reason: 'buyer changed his mind' });
    await undoes(core, 'orders.close', { id: so.id });
    await undoes(core, 'orders.receive', { orderId: po.id, date: '2026-11-05', lines: [{ orderLineId: po.lines[0]!.id, quantity: '150' }] }, 'receive');
    await undoes(core, 'orders.generatePurchase', { salesOrderId: so.id });
  });

  it('payments with their allocations: create, edit, delete', async () => {
    const { core, buyer, so } = await world();
    const input = {
      direction: 'in' as const,
      partyId: buyer.id,
      payDate: '2026-11-21',
      amount: '200.00',
      currency: 'USD',
      rate: '7.1',
      method: 'bank' as const,
      allocations: [{ orderId: so.id, amount: '150.00' }],
    };
    await undoes(core, 'payments.create', input);
    const pay = await ok(core, 'payments.create', input);
    await undoes(core, 'payments.update', { id: pay.id, payment: { ...input, amount: '250.00', allocations: [{ orderId: so.id, amount: '250.00' }] } });
    await undoes(core, 'payments.delete', { id: pay.id });
    const balances = await ok(core, 'balances.list', {});
    expect(balances.length).toBeGreaterThan(0);
  });

  it('shipments: create (stock goes back), status, edit, delete', async () => {
    const { core, buyer, so, toy } = await world();
    const stockBefore = await ok(core, 'stock.list', { productId: toy.id });
    await undoes(core, 'shipments.create', { mode: 'sea', tradeMode: '1039', consigneeId: buyer.id, etd: '2026-11-25', lines: [{ orderLineId: so.lines[0]!.id, quantity: '300' }] });
    expect(await ok(core, 'stock.list', { productId: toy.id })).toEqual(stockBefore);
    const sh = await ok(core, 'shipments.create', { mode: 'sea', tradeMode: '1039', consigneeId: buyer.id, etd: '2026-11-25', lines: [{ orderLineId: so.lines[0]!.id, quantity: '300' }] });
    await undoes(core, 'shipments.update', { id: sh.id, header: { containerNo: 'CSQU3054383', notes: '宁波' } });
    await undoes(core, 'shipments.setStatus', { id: sh.id, status: 'departed' }, 'status');
    await undoes(core, 'shipments.delete', { id: sh.id });
  });

  it('imports, stock adjustments, claims, settings, company, attachments', async () => {
    const { core, buyer, stall, toy, so } = await world();
    const imp = await undoes(core, 'imports.create', {
      supplierId: stall.id,
      tradeMode: '0110',
      currency: 'USD',
      rate: '7.1',
      valueBasis: 'CIF',
      lines: [{ productId: toy.id, quantity: '10', unitPrice: '1' }],
    });
    const im = await ok(core, 'imports.create', { supplierId: stall.id, tradeMode: '0110', currency: 'USD', rate: '7.1', valueBasis: 'CIF', lines: [{ productId: toy.id, quantity: '10', unitPrice: '1' }] });
    expect(im.no).toBe(imp.no);
    await undoes(core, 'imports.update', { id: im.id, header: { rate: '7.2' } });
    await undoes(core, 'imports.receive', { id: im.id, date: '2026-11-22' });
    await undoes(core, 'stock.adjust', { productId: toy.id, date: '2026-11-23', quantity: '-5', reason: 'broken' }, 'adjust');
    const sh = await ok(core, 'shipments.create', { mode: 'sea', tradeMode: '1039', consigneeId: buyer.id, etd: '2026-11-25', lines: [{ orderLineId: so.lines[0]!.id, quantity: '300' }] });
    await undoes(core, 'claims.create', { shipmentLineId: sh.lines[0]!.id, claimDate: '2026-11-28', kind: 'damaged', quantity: '20' });
    const claim = await ok(core, 'claims.create', { shipmentLineId: sh.lines[0]!.id, claimDate: '2026-11-28', kind: 'damaged', quantity: '20' });
    await undoes(core, 'claims.settle', { id: claim.id, settlement: 'credit', amount: '4', goodsReturned: true }, 'settle');
    await undoes(core, 'settings.update', { prefixes: { sales: 'XS' } });
    await undoes(core, 'company.update', { address: '义乌国际商贸城', nameEn: 'Yiwu Test' });
    await undoes(core, 'attachments.add', { entity: 'order', entityId: so.id, fileName: 'pi.pdf', mime: 'application/pdf', dataBase64: Buffer.from([0, 1, 2, 255, 39, 92]).toString('base64') });
    const att = await ok(core, 'attachments.add', { entity: 'order', entityId: so.id, fileName: 'pi.pdf', mime: 'application/pdf', dataBase64: Buffer.from([0, 1, 2, 255, 39]).toString('base64') });
    await undoes(core, 'attachments.delete', { id: att.id });
    // the bytes are back exactly
    expect(Buffer.from((await ok(core, 'attachments.get', { id: att.id })).dataBase64, 'base64')).toEqual(Buffer.from([0, 1, 2, 255, 39]));
  });
});

describe('the undo stack', () => {
  it(`goes back ${UNDO_DEPTH} changes, newest first, and no further; reads do not count`, async () => {
    expect(UNDO_DEPTH).toBeGreaterThanOrEqual(20);
    const core = await testCore();
    const p = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Phone Book' });
    const phones: string[] = [];
    for (let i = 1; i <= UNDO_DEPTH + 5; i++) {
      phones.push(String(1000 + i));
      await ok(core, 'parties.update', { id: p.id, patch: { phone: String(1000 + i) } });
      await ok(core, 'parties.list', {});
    }
    expect((await ok(core, 'undo.state', {})).available).toBe(UNDO_DEPTH);
    for (let i = UNDO_DEPTH + 5; i > 5; i--) {
      const next = (await ok(core, 'undo.state', {})).next!;
      expect(next).toMatchObject({ entity: 'party', entityId: p.id, action: 'update', name: 'Phone Book' });
      await undo(core);
      expect((await ok(core, 'parties.get', { id: p.id })).phone).toBe(phones[i - 2]);
    }
    // change 5 is the 21st… back: it fell off the stack; the party stays as change 5 left it
    expect(await ok(core, 'undo.state', {})).toMatchObject({ available: 0, next: null });
    const none = await raw(core, 'undo.run', {});
    expect(none.ok || none.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/Nothing to undo/) });
    expect((await ok(core, 'parties.get', { id: p.id })).phone).toBe('1005');
    expect(verifyAuditChain(core.db).ok).toBe(true);
  });

  it('a new change after an undo goes on top; undo never undoes an undo', async () => {
    const core = await testCore();
    const p = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'A' });
    await ok(core, 'parties.update', { id: p.id, patch: { phone: '1' } });
    await undo(core);
    await ok(core, 'parties.update', { id: p.id, patch: { notes: 'n' } });
    expect((await undo(core)).undone.action).toBe('update');
    expect((await ok(core, 'parties.get', { id: p.id })).notes).toBe('');
    expect((await undo(core)).undone.action).toBe('create');
    expect((await raw(core, 'parties.get', { id: p.id })).ok).toBe(false);
  });

  it('refuses when the UI showed another change than the newest (expect)', async () => {
    const core = await testCore();
    const p = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'A' });
    const shown = (await ok(core, 'undo.state', {})).next!.auditIds;
    await ok(core, 'parties.update', { id: p.id, patch: { phone: '1' } });
    const before = snapshot(core);
    const r = await raw(core, 'undo.run', { expect: shown });
    expect(r.ok || r.error.code).toBe('conflict');
    expect(snapshot(core)).toEqual(before);
    expect((await ok(core, 'undo.run', { expect: (await ok(core, 'undo.state', {})).next!.auditIds })).undone.action).toBe('update');
  });

  it('is per session: a core opened again on the file has nothing to undo, and the company setup is not undone', async () => {
    const dataDir = tempDir();
    const first = await openCore({ dataDir, log: () => {} });
    await ok(first, 'company.setup', { nameZh: '义乌测试', baseCurrency: 'CNY', language: 'zh' });
    expect((await ok(first, 'undo.state', {})).next).toMatchObject({ entity: 'company', action: 'create', blocked: 'not_undoable' });
    const r = await raw(first, 'undo.run', {});
    expect(r.ok || r.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/cannot be undone; nothing was changed/) });
    await ok(first, 'parties.create', { roles: ['customer'], nameEn: 'A' });
    first.close();
    const second = await openCore({ dataDir, log: () => {} });
    try {
      expect(await ok(second, 'undo.state', {})).toMatchObject({ available: 0, next: null });
      expect((await ok(second, 'parties.list', {})).length).toBe(1);
    } finally {
      second.close();
    }
  });
});

describe('a refused undo changes nothing', () => {
  it('a confirmed order that another window has since shipped against is not un-confirmed', async () => {
    const dataDir = tempDir();
    const a = await openCore({ dataDir, log: () => {} });
    const b = await openCore({ dataDir, log: () => {} });
    try {
      await ok(a, 'company.setup', { nameZh: '义乌测试', baseCurrency: 'CNY', language: 'zh' });
      const { buyer, so } = await world(a);
      const draft = await ok(a, 'orders.create', { kind: 'sales', partyId: buyer.id, orderDate: '2026-11-20', currency: 'USD', rate: '7.1', lines: [{ itemNo: 'Z', nameZh: '杂货', quantity: '10', unitPrice: '1' }] });
      await ok(a, 'orders.confirm', { id: draft.id });
      // the browser tab (another core on the same file) ships against it
      await ok(b, 'shipments.create', { mode: 'sea', tradeMode: '1039', consigneeId: buyer.id, etd: '2026-11-25', lines: [{ orderLineId: draft.lines[0]!.id, quantity: '10' }] });
      expect((await ok(a, 'undo.state', {})).next).toMatchObject({ action: 'confirm', entity: 'order', name: draft.no, blocked: 'changed_since' });
      const before = snapshot(a);
      const entries = auditRows(a).length;
      const r = await raw(a, 'undo.run', {});
      expect(r.ok || r.error).toMatchObject({ code: 'refused', message: expect.stringMatching(/changed since by another window or program\. Nothing was changed/) });
      expect(snapshot(a)).toEqual(before);
      expect(auditRows(a).length).toBe(entries);
      // still as the other window left it: shipped, not back to draft
      expect((await ok(a, 'orders.get', { id: draft.id })).status).toBe('complete');
      expect((await ok(a, 'orders.get', { id: so.id })).status).toBe('confirmed');
    } finally {
      a.close();
      b.close();
    }
  });

  it('a row changed since without an audit entry blocks the undo', async () => {
    const { core, buyer } = await world();
    await ok(core, 'parties.update', { id: buyer.id, patch: { phone: '222' } });
    core.db.prepare("UPDATE party SET notes = 'edited behind our back' WHERE id = ?").run(buyer.id);
    const before = snapshot(core);
    const r = await raw(core, 'undo.run', {});
    expect(r.ok || r.error.code).toBe('refused');
    expect(snapshot(core)).toEqual(before);
  });

  it('a failed call is not a change and leaves nothing to undo', async () => {
    const { core, buyer } = await world();
    const state = await ok(core, 'undo.state', {});
    const bad = await raw(core, 'parties.delete', { id: buyer.id });
    expect(bad.ok).toBe(false);
    expect(await ok(core, 'undo.state', {})).toEqual(state);
  });
});
