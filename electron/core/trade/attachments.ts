/**
 * Attachments: photos, scans and PDFs of orders, shipments, claims, products and imports, kept as BLOBs inside
 * the company file, so that one backup holds everything. Listing returns metadata only; the bytes come with
 * attachments.get. The audit trail records the file's name, type and size, never its bytes.
 */
import type { ApiParsedArg } from '../../../shared/api';
import { MAX_ATTACHMENT_BYTES, type Attachment } from '../../../shared/trade';
import { nowIso, type DB } from '../db';
import { invalid, notFound } from '../errors';
import { audit } from './common';

type Entity = Attachment['entity'];

/** The table of each entity an attachment can belong to. */
const ENTITY_TABLE: Record<Entity, string> = {
  order: 'trade_order',
  shipment: 'shipment',
  claim: 'claim',
  product: 'product',
  import: 'import_record',
};

/** Base64 alphabet with up to two '=' at the end; the length is checked apart (a grouped regex overflows V8's stack on 14 MB). */
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

const MB = 1024 * 1024;

/** "12.4 MB", or the exact byte count where one decimal would hide that it is over the limit. */
function sizeText(bytes: number): string {
  const mb = (Math.round((bytes / MB) * 10) / 10).toFixed(1);
  return Number(mb) * MB > MAX_ATTACHMENT_BYTES ? `${mb} MB` : `${bytes.toLocaleString('en-US')} bytes`;
}

/** Decode strict base64 (line breaks allowed, as mail and some tools wrap it); null when it is not base64. */
export function decodeBase64(text: string): Buffer | null {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0 || !BASE64_RE.test(s)) return null;
  return Buffer.from(s, 'base64');
}

interface Row {
  id: number;
  entity: Entity;
  entity_id: number;
  file_name: string;
  mime: string;
  size: number;
  created_at: string;
}

const toAttachment = (r: Row): Attachment => ({
  id: r.id,
  entity: r.entity,
  entityId: r.entity_id,
  fileName: r.file_name,
  mime: r.mime,
  size: r.size,
  createdAt: r.created_at,
});

const META = 'id, entity, entity_id, file_name, mime, size, created_at';

export function listAttachments(db: DB, entity: Entity, entityId: number): Attachment[] {
  return (db.prepare(`SELECT ${META} FROM attachment WHERE entity = ? AND entity_id = ? ORDER BY id`).all(entity, entityId) as Row[]).map(toAttachment);
}

export function getAttachment(db: DB, id: number): Attachment & { dataBase64: string } {
  const r = db.prepare(`SELECT ${META}, data FROM attachment WHERE id = ?`).get(id) as (Row & { data: Buffer }) | undefined;
  if (!r) throw notFound('Attachment', id);
  return { ...toAttachment(r), dataBase64: Buffer.from(r.data).toString('base64') };
}

export function addAttachment(db: DB, user: string, arg: ApiParsedArg<'attachments.add'>): Attachment {
  return db.transaction(() => {
    if (!db.prepare(`SELECT 1 FROM ${ENTITY_TABLE[arg.entity]} WHERE id = ?`).get(arg.entityId)) {
      throw invalid('entityId', `${arg.entity} ${arg.entityId} does not exist`);
    }
    const data = decodeBase64(arg.dataBase64);
    if (data === null) throw invalid('dataBase64', `${arg.fileName} could not be read: the data is not valid base64`);
    if (data.length === 0) throw invalid('dataBase64', `${arg.fileName} is empty`);
    if (data.length > MAX_ATTACHMENT_BYTES) {
      throw invalid('dataBase64', `${arg.fileName} is ${sizeText(data.length)}; the limit is ${MAX_ATTACHMENT_BYTES / MB} MB per file`);
    }
    const info = db
      .prepare('INSERT INTO attachment (entity, entity_id, file_name, mime, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(arg.entity, arg.entityId, arg.fileName, arg.mime.toLowerCase(), data.length, data, nowIso());
    const id = Number(info.lastInsertRowid);
    audit(db, user, 'attachment', id, 'add', { entity: arg.entity, entityId: arg.entityId, fileName: arg.fileName, mime: arg.mime.toLowerCase(), size: data.length });
    return toAttachment(db.prepare(`SELECT ${META} FROM attachment WHERE id = ?`).get(id) as Row);
  })();
}

export function deleteAttachment(db: DB, user: string, id: number): { id: number } {
  return db.transaction(() => {
    const r = db.prepare(`SELECT ${META} FROM attachment WHERE id = ?`).get(id) as Row | undefined;
    if (!r) throw notFound('Attachment', id);
    db.prepare('DELETE FROM attachment WHERE id = ?').run(id);
    audit(db, user, 'attachment', id, 'delete', { entity: r.entity, entityId: r.entity_id, fileName: r.file_name, mime: r.mime, size: r.size });
    return { id };
  })();
}
