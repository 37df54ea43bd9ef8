/**
 * Issue 6, "Audit trail": every change to parties, products and the company writes an audit entry in the same
 * transaction; the entries are hash-chained, `trade-records check` and history.verify find an entry edited,
 * deleted or inserted outside the app; history.list reads the trail.
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../electron/cli';
import { auditHash, verifyAuditChain } from '../electron/core/audit';
import { openCompanyFile, LATEST_SCHEMA_VERSION } from '../electron/core/db';
import { openCore, type Core } from '../electron/core';
import { companyFilePath } from '../electron/core/paths';
import { todayLocal } from '../electron/core/trade/common';
import { ok, raw, tempDir, testCore } from './helpers';

afterEach(() => vi.restoreAllMocks());

interface Row {
  id: number;
  at: string;
  user_name: string;
  entity: string;
  entity_id: number;
  action: string;
  changes: string;
  prev_hash: string;
  hash: string;
}

const rows = (core: Core, where = '1 = 1', ...params: unknown[]) =>
  core.db.prepare(`SELECT * FROM audit_log WHERE ${where} ORDER BY id`).all(...params) as Row[];
const entries = (core: Core, entity: string, id: number) =>
  rows(core, 'entity = ? AND entity_id = ?', entity, id).map((r) => ({ action: r.action, user: r.user_name, changes: JSON.parse(r.changes) as unknown }));

/** A file with changes across modules: company, parties, products, orders, payments, settings. */
async function busyCore(dataDir?: string): Promise<Core> {
  const core = await testCore(dataDir ? { dataDir } : {});
  const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Olga Petrova', country: 'RUS' });
  const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '玩具摊位' });
  await ok(core, 'parties.update', { id: buyer.id, patch: { phone: '+7 900 000 00 00' } });
  const toy = await ok(core, 'products.create', { itemNo: 'T-1', nameZh: '玩具车', supplierId: stall.id, defaultPrice: '2.5' });
  await ok(core, 'products.update', { id: toy.id, patch: { defaultPrice: '2.75' } });
  const so = await ok(core, 'orders.create', {
    kind: 'sales',
    partyId: buyer.id,
    orderDate: '2026-11-20',
    currency: 'USD',
    rate: '7.1',
    lines: [{ productId: toy.id, quantity: '100', unitPrice: '0.5' }],
  });
  await ok(core, 'orders.confirm', { id: so.id });
  await ok(core, 'payments.create', {
    direction: 'in',
    partyId: buyer.id,
    payDate: '2026-11-21',
    amount: '20.00',
    currency: 'USD',
    rate: '7.1',
    method: 'bank',
    allocations: [{ orderId: so.id, amount: '20.00' }],
  });
  await ok(core, 'settings.update', { prefixes: { sales: 'XS' } });
  await ok(core, 'company.update', { address: '义乌国际商贸城' });
  return core;
}

describe('parties, products and the company write audit entries', () => {
  it('a party update records the changed fields old→new, and a refused update records nothing', async () => {
    const core = await testCore();
    const p = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Olga', phone: '111' });
    expect(entries(core, 'party', p.id)).toEqual([
      { action: 'create', user: 'owner', changes: expect.objectContaining({ nameEn: 'Olga', phone: '111', roles: ['customer'], archived: false }) },
    ]);

    await ok(core, 'parties.update', { id: p.id, patch: { phone: '222', notes: 'VIP', nameEn: 'Olga' } });
    const log = entries(core, 'party', p.id);
    expect(log).toHaveLength(2);
    // only what changed, old → new; not the unchanged name, not updatedAt
    expect(log[1]).toEqual({ action: 'update', user: 'owner', changes: { phone: ['111', '222'], notes: ['', 'VIP'] } });

    const before = rows(core).length;
    const refused = await raw(core, 'parties.update', { id: p.id, patch: { roles: [] } });
    expect(refused.ok).toBe(false);
    const refusedName = await raw(core, 'parties.update', { id: p.id, patch: { nameEn: '', nameZh: '' } });
    expect(refusedName.ok).toBe(false);
    expect(rows(core)).toHaveLength(before);

    // an update that changes nothing is not a change
    await ok(core, 'parties.update', { id: p.id, patch: { phone: '222' } });
    expect(rows(core)).toHaveLength(before);

    await ok(core, 'parties.archive', { id: p.id, archived: true });
    await ok(core, 'parties.archive', { id: p.id, archived: false });
    expect(entries(core, 'party', p.id).slice(2)).toEqual([
      { action: 'archive', user: 'owner', changes: { archived: [false, true] } },
      { action: 'unarchive', user: 'owner', changes: { archived: [true, false] } },
    ]);
    await ok(core, 'parties.delete', { id: p.id });
    expect(entries(core, 'party', p.id).at(-1)).toEqual({
      action: 'delete',
      user: 'owner',
      changes: expect.objectContaining({ nameEn: 'Olga', phone: '222', notes: 'VIP' }),
    });
  });

  it('the entry is written in the same transaction as the change: if it fails, the change is rolled back', async () => {
    const core = await testCore();
    const p = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Olga', phone: '111' });
    core.db.exec("CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
    const r = await raw(core, 'parties.update', { id: p.id, patch: { phone: '222' } });
    expect(r.ok).toBe(false);
    expect((await ok(core, 'parties.get', { id: p.id })).phone).toBe('111');
    const c = await raw(core, 'products.create', { itemNo: 'NO-LOG', nameZh: '无日志' });
    expect(c.ok).toBe(false);
    expect(core.db.prepare("SELECT count(*) AS n FROM product WHERE item_no = 'NO-LOG'").get()).toEqual({ n: 0 });
  });

  it('products: create, update, archive and delete entries', async () => {
    const core = await testCore();
    const stall = await ok(core, 'parties.create', { roles: ['supplier'], nameZh: '摊位' });
    const prod = await ok(core, 'products.create', { itemNo: 'C-1', nameZh: '杯子', cartonLengthCm: '60.5', supplierId: stall.id });
    await ok(core, 'products.update', { id: prod.id, patch: { cartonLengthCm: '61', notes: 'new carton' } });
    await ok(core, 'products.archive', { id: prod.id, archived: true });
    const refused = await raw(core, 'products.update', { id: prod.id, patch: { netKgPerCarton: '5', grossKgPerCarton: '4' } });
    expect(refused.ok).toBe(false);
    await ok(core, 'products.delete', { id: prod.id });
    const log = entries(core, 'product', prod.id);
    expect(log.map((e) => e.action)).toEqual(['create', 'update', 'archive', 'delete']);
    expect(log[0]!.changes).toMatchObject({ itemNo: 'C-1', nameZh: '杯子', cartonLengthCm: '60.5', supplierId: stall.id, archived: false });
    // computed and display-only fields are not recorded
    expect(log[0]!.changes).not.toHaveProperty('cbmPerCarton');
    expect(log[0]!.changes).not.toHaveProperty('onHand');
    expect(log[1]!.changes).toEqual({ cartonLengthCm: ['60.5', '61'], notes: ['', 'new carton'] });
    expect(log[2]!.changes).toEqual({ archived: [false, true] });
    expect(log[3]!.changes).toMatchObject({ itemNo: 'C-1', cartonLengthCm: '61', archived: true });
  });

  it('the company: setup and update', async () => {
    const core = await testCore();
    await ok(core, 'company.update', { nameEn: 'Yiwu Test Trading', language: 'zh' });
    const log = entries(core, 'company', 1);
    expect(log.map((e) => e.action)).toEqual(['create', 'update']);
    expect(log[0]!.changes).toMatchObject({ nameZh: '义乌测试贸易商行', baseCurrency: 'CNY' });
    expect(log[1]!.changes).toEqual({ nameEn: ['', 'Yiwu Test Trading'] });
  });
});

describe('the hash chain', () => {
  it('links every entry to the one before and verifies after changes across modules', async () => {
    const core = await busyCore();
    const all = rows(core);
    expect(new Set(all.map((r) => r.entity))).toEqual(new Set(['company', 'party', 'product', 'order', 'payment', 'setting']));
    expect(all[0]!.prev_hash).toBe('');
    for (let i = 0; i < all.length; i++) {
      expect(all[i]!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(all[i]!.hash).toBe(auditHash(all[i]!));
      if (i > 0) expect(all[i]!.prev_hash).toBe(all[i - 1]!.hash);
    }
    expect(verifyAuditChain(core.db)).toEqual({ ok: true, entries: all.length, message: `ok (${all.length} entries)` });
    expect(await ok(core, 'history.verify', {})).toMatchObject({ ok: true, entries: all.length });
  });

  it("detects an entry's changes edited with SQL, at that entry", async () => {
    const core = await busyCore();
    const target = rows(core, "entity = 'payment'")[0]!;
    core.db.prepare('UPDATE audit_log SET changes = ? WHERE id = ?').run(target.changes.replace('20.00', '2.00'), target.id);
    const v = verifyAuditChain(core.db);
    expect(v).toMatchObject({ ok: false, brokenAt: { id: target.id, entity: 'payment', entityId: target.entity_id, at: target.at } });
    expect(v.message).toMatch(new RegExp(`entry ${target.id}\\b.*changed`));
    expect(v.entries).toBe(rows(core).length);
  });

  it('detects an edit of who or when, even with the hash recomputed naively from the old chain', async () => {
    const core = await busyCore();
    const target = rows(core, "entity = 'order'")[0]!;
    const edited = { ...target, user_name: 'someone' };
    core.db.prepare('UPDATE audit_log SET user_name = ?, hash = ? WHERE id = ?').run('someone', auditHash(edited), target.id);
    // the edited entry now fits, but the next one no longer links to it
    expect(verifyAuditChain(core.db).brokenAt?.id).toBe(target.id + 1);
  });

  it('detects a deleted entry, at the entry after it', async () => {
    const core = await busyCore();
    const all = rows(core);
    const gone = all[3]!;
    core.db.prepare('DELETE FROM audit_log WHERE id = ?').run(gone.id);
    const v = verifyAuditChain(core.db);
    expect(v.ok).toBe(false);
    expect(v.brokenAt?.id).toBe(all[4]!.id);
    expect(v.message).toMatch(/deleted or inserted/);
  });

  it('detects deleting the first entries', async () => {
    const core = await busyCore();
    core.db.prepare('DELETE FROM audit_log WHERE id <= 2').run();
    expect(verifyAuditChain(core.db)).toMatchObject({ ok: false, brokenAt: { id: 3 } });
  });

  it('detects a forged entry inserted outside the app, at the forged entry', async () => {
    const core = await busyCore();
    const last = rows(core).at(-1)!;
    // a plain INSERT (hash columns left at their default)
    const forged = core.db
      .prepare("INSERT INTO audit_log (at, user_name, entity, entity_id, action, changes) VALUES (?, 'owner', 'payment', 1, 'delete', '{}')")
      .run(new Date().toISOString());
    expect(verifyAuditChain(core.db)).toMatchObject({ ok: false, brokenAt: { id: Number(forged.lastInsertRowid), entity: 'payment', entityId: 1 } });
    core.db.prepare('DELETE FROM audit_log WHERE id = ?').run(forged.lastInsertRowid);
    expect(verifyAuditChain(core.db).ok).toBe(true);

    // linked to the last entry but with a made-up hash
    const forged2 = core.db
      .prepare("INSERT INTO audit_log (at, user_name, entity, entity_id, action, changes, prev_hash, hash) VALUES (?, 'owner', 'order', 1, 'cancel', '{}', ?, ?)")
      .run(new Date().toISOString(), last.hash, 'f'.repeat(64));
    expect(verifyAuditChain(core.db).brokenAt?.id).toBe(Number(forged2.lastInsertRowid));

    // the app's next entry after a forged one still goes on the end of the log; the break stays reported
    await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'After the forgery' });
    expect(verifyAuditChain(core.db).brokenAt?.id).toBe(Number(forged2.lastInsertRowid));
  });

  it('an empty log verifies', async () => {
    const core = await testCore({ setup: false });
    expect(verifyAuditChain(core.db)).toEqual({ ok: true, entries: 0, message: 'ok (0 entries)' });
  });
});

describe('upgrading a v3 file', () => {
  it('backfills a valid chain over the entries written before v4, and new entries continue it', async () => {
    const dir = tempDir();
    const file = companyFilePath(dir);
    const old = await openCompanyFile(file, { targetVersion: 3 });
    expect(old.db.pragma('user_version', { simple: true })).toBe(3);
    const insert = old.db.prepare('INSERT INTO audit_log (at, user_name, entity, entity_id, action, changes) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('2026-01-02T03:04:05.000Z', 'owner', 'order', 1, 'create', JSON.stringify({ no: 'SO-2026-0001' }));
    insert.run('2026-01-02T03:05:00.000Z', 'owner', 'order', 1, 'confirm', JSON.stringify({ status: ['draft', 'confirmed'] }));
    insert.run('2026-01-03T09:00:00.000Z', 'owner', 'setting', 0, 'update', JSON.stringify({ before: {}, after: {} }));
    // more than one page of the backfill (1000 entries a page)
    old.db.transaction(() => {
      for (let i = 0; i < 2100; i++) insert.run('2026-01-04T00:00:00.000Z', 'owner', 'party', i + 1, 'update', JSON.stringify({ notes: ['', String(i)] }));
    })();
    old.db.close();

    const core = await openCore({ dataDir: dir, log: () => {} });
    try {
      expect(core.migrationBackup).toBeDefined();
      expect(core.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      const all = rows(core);
      expect(all).toHaveLength(2103);
      expect(all.slice(0, 3).map((r) => r.action)).toEqual(['create', 'confirm', 'update']);
      expect(all[0]!.prev_hash).toBe('');
      for (let i = 0; i < all.length; i++) {
        expect(all[i]!.hash).toBe(auditHash(all[i]!));
        if (i > 0) expect(all[i]!.prev_hash).toBe(all[i - 1]!.hash);
      }
      expect(verifyAuditChain(core.db)).toMatchObject({ ok: true, entries: 2103 });

      await ok(core, 'company.setup', { nameZh: '升级测试', baseCurrency: 'CNY', language: 'zh' });
      const after = rows(core);
      expect(after).toHaveLength(2104);
      expect(after.at(-1)!.prev_hash).toBe(all.at(-1)!.hash);
      expect(verifyAuditChain(core.db)).toMatchObject({ ok: true, entries: 2104 });
    } finally {
      core.close();
    }
  });
});

describe('history.list', () => {
  it('filters by record kind, record and local days, newest first, with parsed changes and a limit', async () => {
    const core = await busyCore();
    const all = rows(core);
    const buyer = (await ok(core, 'parties.list', { search: 'Olga' }))[0]!;

    const everything = await ok(core, 'history.list', {});
    expect(everything.map((e) => e.id)).toEqual(all.map((r) => r.id).reverse());

    const forBuyer = await ok(core, 'history.list', { entity: 'party', entityId: buyer.id });
    expect(forBuyer.map((e) => e.action)).toEqual(['update', 'create']);
    expect(forBuyer[0]).toEqual({
      id: expect.any(Number),
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      user: 'owner',
      entity: 'party',
      entityId: buyer.id,
      action: 'update',
      changes: { phone: ['', '+7 900 000 00 00'] },
    });

    expect((await ok(core, 'history.list', { entity: 'product' })).every((e) => e.entity === 'product')).toBe(true);
    expect(await ok(core, 'history.list', { limit: 2 })).toHaveLength(2);
    expect((await ok(core, 'history.list', { limit: 2 }))[0]!.id).toBe(all.at(-1)!.id);

    const today = todayLocal();
    expect(await ok(core, 'history.list', { from: today, to: today })).toHaveLength(all.length);
    expect(await ok(core, 'history.list', { to: '2000-01-01' })).toEqual([]);
    expect(await ok(core, 'history.list', { from: '2999-01-01' })).toEqual([]);

    // entries dated on other days: the range is inclusive of both days
    core.db.prepare("UPDATE audit_log SET at = '2025-03-10T12:00:00.000Z' WHERE id = ?").run(all[0]!.id);
    core.db.prepare("UPDATE audit_log SET at = '2025-03-12T12:00:00.000Z' WHERE id = ?").run(all[1]!.id);
    const march = await ok(core, 'history.list', { from: '2025-03-10', to: '2025-03-12' });
    expect(march.map((e) => e.id)).toEqual([all[1]!.id, all[0]!.id]);
    expect((await ok(core, 'history.list', { from: '2025-03-11', to: '2025-03-12' })).map((e) => e.id)).toEqual([all[1]!.id]);
  });

  it('refuses bad filters', async () => {
    const core = await testCore();
    for (const arg of [{ limit: 0 }, { limit: 5001 }, { entity: 'users' }, { from: '2026-02-30' }, { from: '2026-03-02', to: '2026-03-01' }, { entityId: -1 }]) {
      const r = await raw(core, 'history.list', arg);
      expect(r.ok, JSON.stringify(arg)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('validation');
    }
    expect((await raw(core, 'history.list', { limit: 5000 })).ok).toBe(true);
  });
});

describe('trade-records check', () => {
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    return { out: () => out.join('\n'), err: () => err.join('\n') };
  }

  it('prints the audit chain and exits 0 when it holds, 1 when an entry was edited', async () => {
    const dir = tempDir();
    const core = await busyCore(dir);
    const n = rows(core).length;
    const target = rows(core, "entity = 'party'")[1]!;
    core.close();

    let io = capture();
    expect(await main(['check', '--data', dir])).toBe(0);
    expect(io.out()).toMatch(new RegExp(`Audit chain:\\s+ok \\(${n} entries\\)`));
    vi.restoreAllMocks();

    const { db } = await openCompanyFile(path.join(dir, path.basename(companyFilePath(dir))));
    db.prepare("UPDATE audit_log SET changes = '{}' WHERE id = ?").run(target.id);
    db.close();

    io = capture();
    expect(await main(['check', '--data', dir])).toBe(1);
    expect(io.out()).toMatch(new RegExp(`Audit chain:\\s+broken at entry ${target.id} \\(party ${target.entity_id},`));
    expect(io.out()).toMatch(/Integrity:\s+ok/);
  });
});
