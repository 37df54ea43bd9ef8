/**
 * The audit trail's hash chain and its queries.
 *
 * Each audit_log entry stores prev_hash (the hash of the entry before it, '' for the first) and hash = sha256 of
 * a canonical serialisation of (id, at, user_name, entity, entity_id, action, changes, prev_hash). An entry edited
 * outside the app no longer matches its hash; a deleted or inserted entry breaks the prev_hash link of the entry
 * after it. The chain has no secret: it detects edits made with an SQL tool, not someone who recomputes every
 * hash after editing, and it cannot see entries cut off the end of the log.
 *
 * Only type imports from ./db: the v4 migration (imported by db.ts) uses backfillAuditChain.
 */
import crypto from 'node:crypto';
import type { AuditEntry, AuditVerifyResult, ApiParsedArg } from '../../shared/api';
import type { DB } from './db';
import { cached } from './statements';

interface AuditRow {
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

type HashedFields = Omit<AuditRow, 'hash'>;

/**
 * The entry's hash. The canonical form is a JSON array in a fixed order, `changes` as the stored JSON text:
 * never change this — every file's chain depends on it.
 */
export function auditHash(r: HashedFields): string {
  const canonical = JSON.stringify([r.id, r.at, r.user_name, r.entity, r.entity_id, r.action, r.changes, r.prev_hash]);
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The hash the next entry must link to, and the next id; in the caller's transaction. */
export function auditHead(db: DB): { id: number; hash: string } {
  const last = cached(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  return last ?? { id: 0, hash: '' };
}

/** Append one entry to the chain, in the caller's transaction. Returns its id. */
export function appendAudit(
  db: DB,
  e: { at: string; user: string; entity: string; entityId: number; action: string; changes: string },
): number {
  const head = auditHead(db);
  const row: HashedFields = {
    id: head.id + 1,
    at: e.at,
    user_name: e.user,
    entity: e.entity,
    entity_id: e.entityId,
    action: e.action,
    changes: e.changes,
    prev_hash: head.hash,
  };
  cached(
    db,
    `INSERT INTO audit_log (id, at, user_name, entity, entity_id, action, changes, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.id, row.at, row.user_name, row.entity, row.entity_id, row.action, row.changes, row.prev_hash, auditHash(row));
  return row.id;
}

/** Migration v4: chain the entries written before there was a chain, in id order. */
export function backfillAuditChain(db: DB): void {
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  // pages read with .all(), not .iterate(): the connection can't run the UPDATE while a read is open
  const page = db.prepare('SELECT id, at, user_name, entity, entity_id, action, changes FROM audit_log WHERE id > ? ORDER BY id LIMIT 1000');
  let prev = '';
  let after = -Infinity;
  for (;;) {
    const rows = page.all(after) as Omit<HashedFields, 'prev_hash'>[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const hash = auditHash({ ...r, prev_hash: prev });
      update.run(prev, hash, r.id);
      prev = hash;
      after = r.id;
    }
  }
}

/** Walk the log in id order; report the first entry that does not fit the chain. */
export function verifyAuditChain(db: DB): AuditVerifyResult {
  let prev = '';
  let entries = 0;
  let broken: { row: AuditRow; problem: string } | null = null;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    entries++;
    if (r.prev_hash !== prev) {
      const problem =
        entries === 1
          ? 'it is the first entry but links to an earlier one (entries before it were deleted)'
          : 'it does not link to the entry before it (an entry before it was deleted or inserted outside the app)';
      broken = { row: r, problem };
      break;
    }
    if (r.hash !== auditHash(r)) {
      broken = { row: r, problem: 'its content does not match its hash (it was changed or inserted outside the app)' };
      break;
    }
    prev = r.hash;
  }
  if (broken === null) return { ok: true, entries, message: `ok (${entries} entries)` };
  const r = broken.row;
  return {
    ok: false,
    entries: countEntries(db),
    brokenAt: { id: r.id, entity: r.entity, entityId: r.entity_id, at: r.at },
    message: `broken at entry ${r.id} (${r.entity} ${r.entity_id}, ${r.at}): ${broken.problem}`,
  };
}

function countEntries(db: DB): number {
  return (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

/** The start of a local day (the trader's PC clock) as an ISO timestamp, comparable with audit_log.at. */
function localDayStart(date: string, addDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + addDays).toISOString();
}

export const HISTORY_DEFAULT_LIMIT = 200;

/** The audit trail, newest first, filtered by record kind, record, and local days from..to (inclusive). */
export function listHistory(db: DB, q: ApiParsedArg<'history.list'>): AuditEntry[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.entity !== undefined) {
    where.push('entity = ?');
    params.push(q.entity);
  }
  if (q.entityId !== undefined) {
    where.push('entity_id = ?');
    params.push(q.entityId);
  }
  if (q.from !== undefined) {
    where.push('at >= ?');
    params.push(localDayStart(q.from));
  }
  if (q.to !== undefined) {
    where.push('at < ?');
    params.push(localDayStart(q.to, 1));
  }
  const sql = `SELECT id, at, user_name, entity, entity_id, action, changes FROM audit_log
               ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
  const rows = db.prepare(sql).all(...params, q.limit ?? HISTORY_DEFAULT_LIMIT) as Omit<AuditRow, 'prev_hash' | 'hash'>[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    user: r.user_name,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    changes: parseChanges(r.changes),
  }));
}

function parseChanges(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    // an entry damaged outside the app: show the text rather than fail the whole list
    return s;
  }
}
