import { describe, expect, it } from 'vitest';
import type { Core } from '../electron/core';
import { addAttachment } from '../electron/core/trade/attachments';
import { MAX_ATTACHMENT_BYTES } from '../shared/trade';
import { ok, raw, testCore } from './helpers';

const count = (core: Core, table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
/** A small JPEG-like payload: the bytes must come back exactly. */
const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x00, 0xff, 0xd9]);

async function setup() {
  const core = await testCore();
  const buyer = await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Ahmed Trading LLC' });
  const shipment = await ok(core, 'shipments.create', { mode: 'sea', tradeMode: '1039', consigneeId: buyer.id, lines: [] });
  return { core, shipment };
}

describe('attachments', () => {
  it('keeps the file inside the company file: list gives metadata only, get gives the bytes back', async () => {
    const { core, shipment } = await setup();
    const a = await ok(core, 'attachments.add', { entity: 'shipment', entityId: shipment.id, fileName: '装箱照片.jpg', mime: 'image/JPEG', dataBase64: photo.toString('base64') });
    expect(a).toMatchObject({ entity: 'shipment', entityId: shipment.id, fileName: '装箱照片.jpg', mime: 'image/jpeg', size: photo.length });
    const list = await ok(core, 'attachments.list', { entity: 'shipment', entityId: shipment.id });
    expect(list).toEqual([a]);
    expect(list[0]).not.toHaveProperty('dataBase64');
    const got = await ok(core, 'attachments.get', { id: a.id });
    expect(Buffer.from(got.dataBase64, 'base64').equals(photo)).toBe(true);
    expect(await ok(core, 'attachments.list', { entity: 'order', entityId: shipment.id })).toEqual([]);

    expect(await ok(core, 'attachments.delete', { id: a.id })).toEqual({ id: a.id });
    expect(await ok(core, 'attachments.list', { entity: 'shipment', entityId: shipment.id })).toEqual([]);
    expect((await raw(core, 'attachments.get', { id: a.id })).ok).toBe(false);
    // the audit trail names the file but never holds its bytes
    const log = core.db.prepare("SELECT action, changes FROM audit_log WHERE entity = 'attachment' ORDER BY id").all() as { action: string; changes: string }[];
    expect(log.map((l) => l.action)).toEqual(['add', 'delete']);
    expect(JSON.parse(log[0]!.changes)).toEqual({ entity: 'shipment', entityId: shipment.id, fileName: '装箱照片.jpg', mime: 'image/jpeg', size: photo.length });
    expect(log.every((l) => !l.changes.includes(photo.toString('base64')))).toBe(true);
  });

  it('needs the record it is attached to', async () => {
    const { core, shipment } = await setup();
    for (const entity of ['order', 'claim', 'product', 'import'] as const) {
      const r = await raw(core, 'attachments.add', { entity, entityId: shipment.id, fileName: 'a.pdf', mime: 'application/pdf', dataBase64: 'JVBERi0=' });
      expect(r.ok || r.error.issues).toEqual([{ path: 'entityId', message: `${entity} ${shipment.id} does not exist` }]);
    }
    const product = await ok(core, 'products.create', { itemNo: 'A-1', nameZh: '玩具' });
    expect((await ok(core, 'attachments.add', { entity: 'product', entityId: product.id, fileName: 'a.pdf', mime: 'application/pdf', dataBase64: 'JVBERi0=' })).size).toBe(5);
  });

  it('refuses data that is not base64, and an empty file', async () => {
    const { core, shipment } = await setup();
    for (const dataBase64 of ['not base64!', 'QUJD=', 'data:image/jpeg;base64,/9j/4AAQ', 'QUJDRA', '']) {
      const r = await raw(core, 'attachments.add', { entity: 'shipment', entityId: shipment.id, fileName: 'photo.jpg', mime: 'image/jpeg', dataBase64 });
      expect(r.ok || r.error.issues?.map((i) => i.path), dataBase64).toEqual(['dataBase64']);
    }
    // wrapped base64 (line breaks every 76 characters, as mail does) is fine
    const wrapped = Buffer.alloc(100, 7).toString('base64').replace(/(.{76})/g, '$1\r\n');
    expect((await ok(core, 'attachments.add', { entity: 'shipment', entityId: shipment.id, fileName: 'b.bin', mime: 'application/octet-stream', dataBase64: wrapped })).size).toBe(100);
    expect(count(core, 'attachment')).toBe(1);
  });

  it('refuses a file over 10 MB, naming it and its size, and writes nothing', async () => {
    const { core, shipment } = await setup();
    const big = Buffer.alloc(11 * 1024 * 1024, 0xab);
    const arg = { entity: 'shipment' as const, entityId: shipment.id, fileName: 'photo.jpg', mime: 'image/jpeg', dataBase64: big.toString('base64') };
    // through the API the core names the file and its size
    const r = await raw(core, 'attachments.add', arg);
    expect(r.ok || r.error.issues).toEqual([{ path: 'dataBase64', message: 'photo.jpg is 11.0 MB; the limit is 10 MB per file' }]);
    // an absurd payload (over twice the limit) is stopped by the schema before it is decoded
    const huge = await raw(core, 'attachments.add', { ...arg, dataBase64: 'A'.repeat(30 * 1024 * 1024) });
    expect(huge.ok || huge.error.issues).toEqual([{ path: 'dataBase64', message: 'files are limited to 10 MB' }]);
    // the core's own check, for callers that bypass the schema (CLI import, tests)
    expect(() => addAttachment(core.db, 'owner', arg)).toThrow('dataBase64: photo.jpg is 11.0 MB; the limit is 10 MB per file');
    // one byte over the limit gets through the schema; the core counts the decoded bytes
    const justOver = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1).toString('base64');
    const r2 = await raw(core, 'attachments.add', { ...arg, dataBase64: justOver });
    expect(r2.ok || r2.error.issues).toEqual([{ path: 'dataBase64', message: 'photo.jpg is 10,485,761 bytes; the limit is 10 MB per file' }]);
    expect(count(core, 'attachment')).toBe(0);
    expect(count(core, 'audit_log') - count(core, 'audit_log WHERE entity <> \'attachment\'')).toBe(0);
    // exactly 10 MB is accepted
    const max = await ok(core, 'attachments.add', { ...arg, dataBase64: Buffer.alloc(MAX_ATTACHMENT_BYTES, 2).toString('base64') });
    expect(max.size).toBe(MAX_ATTACHMENT_BYTES);
  });

  it('goes with the shipment or import it belongs to when that is deleted', async () => {
    const { core, shipment } = await setup();
    await ok(core, 'attachments.add', { entity: 'shipment', entityId: shipment.id, fileName: 'a.pdf', mime: 'application/pdf', dataBase64: 'JVBERi0=' });
    await ok(core, 'shipments.delete', { id: shipment.id });
    expect(count(core, 'attachment')).toBe(0);
  });
});
