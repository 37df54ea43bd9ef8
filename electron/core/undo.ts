/**
 * Undo of the last changes of this session (issue 6).
 *
 * How: when the core opens the company file it puts TEMP triggers (they live only in this connection and
 * vanish when it closes) on every table of the file except the audit trail and the per-user UI state. Each
 * row written by this connection leaves, in a TEMP table, the SQL that puts the row back exactly as it was
 * (built with quote(), so text, integers, reals and blobs round-trip byte for byte) and the row's image after
 * the write. The core groups the rows each API call wrote into one undo item when the call wrote audit
 * entries (a change); a call that wrote no audit entry is not a change and its rows are forgotten.
 *
 * Undo takes the newest item (last in, first out), checks that it is still safe, replays its inverse
 * statements newest first in one transaction (foreign keys checked at commit) and writes one audit entry per
 * undone entry ("undo of #n"), so the trail stays a complete, chained account. It refuses, changing nothing:
 *  - when the audit trail has entries after the change that this session did not write as undos (another
 *    window, browser tab or the command line changed the file since: e.g. shipped against a confirmed order);
 *  - when a row the change wrote no longer looks as the change left it (written since without an audit entry);
 *  - for changes that are not undone by design (company setup; unknown kinds of record).
 *
 * Session = since this core opened the file: after a restart (or a restore, which reopens the core) there is
 * nothing to undo; the changes stay in the history.
 */
import type { UndoState, UndoTarget } from '../../shared/api';
import { appendAudit, auditHead } from './audit';
import { nowIso, type DB } from './db';
import { AppError } from './errors';

/** How many changes back a session can undo. */
export const UNDO_DEPTH = 50;

/**
 * Tables whose rows are never undone: the trail itself (append-only), per-user screen state, migrations; and
 * the orders search index (line_text, order_text: migration 7), which triggers rebuild from the order lines
 * when an undo puts those back; likewise the stock on hand per product (product_stock: migration 10, kept by
 * triggers on the stock moves and shipment lines). FTS5's own (shadow) tables cannot carry triggers and are skipped
 * as well. Users (app_user) are never undone either, and sign-in writes their wrong-PIN counters outside any change.
 */
const NOT_LOGGED = new Set(['audit_log', 'ui_state', 'schema_migrations', 'line_text', 'order_text', 'app_user', 'product_stock']);

/** Kinds of record an undo may reverse; anything else (e.g. users and PINs) is refused. */
const UNDOABLE_ENTITIES = new Set(['party', 'product', 'order', 'payment', 'shipment', 'import', 'claim', 'attachment', 'stock_move', 'setting', 'company']);

interface Item {
  /** the undo log's rows of this change: seq in (fromSeq, toSeq] */
  fromSeq: number;
  toSeq: number;
  /** the audit entries the change wrote, oldest first */
  auditIds: number[];
  /** the API call that made the change */
  call: string;
}

export interface UndoMark {
  seq: number;
  auditId: number;
}

interface LogRow {
  seq: number;
  tbl: string;
  op: 'I' | 'U' | 'D';
  rid: number;
  inverse: string;
  after: string | null;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** SQL text that evaluates to a literal of the string s (for building SQL inside a trigger). */
function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function columnsOf(db: DB, table: string): { cols: string[]; rowidAlias: boolean } {
  const info = db.pragma(`table_info(${ident(table)})`) as { name: string; type: string; pk: number }[];
  const pks = info.filter((c) => c.pk > 0);
  // an INTEGER PRIMARY KEY column is the rowid itself: naming both in one statement is an error
  const rowidAlias = pks.length === 1 && pks[0]!.type.toUpperCase() === 'INTEGER';
  return { cols: info.map((c) => c.name), rowidAlias };
}

/** quote(p.c1)||','||quote(p.c2)… : one text image of a row, compared before an undo. */
function imageExpr(cols: string[], prefix: string): string {
  return cols.map((c) => `quote(${prefix}${ident(c)})`).join(`||','||`);
}

export class UndoLog {
  private readonly items: Item[] = [];
  /** audit entries of changes this session undid and of the undos themselves: they may follow an older change */
  private readonly undoneOrUndo = new Set<number>();
  private readonly tableCols = new Map<string, string[]>();

  constructor(private readonly db: DB) {
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS undo_log (
      seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, rid INTEGER NOT NULL, inverse TEXT NOT NULL, after TEXT)`);
    const tables = db
      .prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
      .all() as { name: string }[];
    const shadow = new Set((db.pragma('main.table_list') as { name: string; type: string }[]).filter((t) => t.type === 'shadow').map((t) => t.name));
    for (const { name } of tables) {
      if (NOT_LOGGED.has(name) || shadow.has(name)) continue;
      const { cols, rowidAlias } = columnsOf(db, name);
      if (cols.length === 0) continue;
      this.tableCols.set(name, cols);
      this.installTriggers(name, cols, rowidAlias);
    }
  }

  private installTriggers(table: string, cols: string[], rowidAlias: boolean): void {
    const t = ident(table);
    const tl = lit(ident(table));
    const trig = (op: string) => ident(`undo_${op}_${table}`);
    // a table without an INTEGER PRIMARY KEY gets its rowid back too
    const list = (rowidAlias ? '' : 'rowid,') + cols.map(ident).join(',');
    const oldValues = (rowidAlias ? '' : `old.rowid||','||`) + cols.map((c) => `quote(old.${ident(c)})`).join(`||','||`);
    const setOld = (rowidAlias ? '' : `'rowid='||old.rowid||','||`) + cols.map((c) => `${lit(ident(c) + '=')}||quote(old.${ident(c)})`).join(`||','||`);
    this.db.exec(`
      DROP TRIGGER IF EXISTS temp.${trig('i')};
      DROP TRIGGER IF EXISTS temp.${trig('u')};
      DROP TRIGGER IF EXISTS temp.${trig('d')};
      CREATE TEMP TRIGGER ${trig('i')} AFTER INSERT ON main.${t} BEGIN
        INSERT INTO undo_log (tbl, op, rid, inverse, after)
        VALUES (${lit(table)}, 'I', new.rowid, 'DELETE FROM main.'||${tl}||' WHERE rowid='||new.rowid, ${imageExpr(cols, 'new.')});
      END;
      CREATE TEMP TRIGGER ${trig('u')} AFTER UPDATE ON main.${t} BEGIN
        INSERT INTO undo_log (tbl, op, rid, inverse, after)
        VALUES (${lit(table)}, 'U', new.rowid,
          'UPDATE main.'||${tl}||' SET '||${setOld}||' WHERE rowid='||new.rowid, ${imageExpr(cols, 'new.')});
      END;
      CREATE TEMP TRIGGER ${trig('d')} AFTER DELETE ON main.${t} BEGIN
        INSERT INTO undo_log (tbl, op, rid, inverse, after)
        VALUES (${lit(table)}, 'D', old.rowid,
          'INSERT INTO main.'||${tl}||' ('||${lit(list)}||') VALUES ('||${oldValues}||')', NULL);
      END;
    `);
  }

  private maxSeq(): number {
    return (this.db.prepare('SELECT coalesce(max(seq), 0) AS s FROM temp.undo_log').get() as { s: number }).s;
  }

  /** Before an API call runs. */
  begin(): UndoMark {
    if (!this.db.open) return { seq: 0, auditId: 0 };
    return { seq: this.maxSeq(), auditId: auditHead(this.db).id };
  }

  /**
   * After an API call ran (successfully or not): a call that wrote audit entries becomes the newest undo item;
   * the rows of any other call are forgotten. The undo call itself is recorded by undo().
   */
  end(mark: UndoMark, call: string): void {
    if (!this.db.open || this.db.inTransaction) return;
    const seq = this.maxSeq();
    const head = auditHead(this.db).id;
    if (head <= mark.auditId || call === 'undo.run') {
      if (seq > mark.seq) this.db.prepare('DELETE FROM temp.undo_log WHERE seq > ?').run(mark.seq);
      return;
    }
    const ids = (this.db.prepare('SELECT id FROM audit_log WHERE id > ? AND id <= ? ORDER BY id').all(mark.auditId, head) as { id: number }[]).map((r) => r.id);
    this.items.push({ fromSeq: mark.seq, toSeq: seq, auditIds: ids, call });
    while (this.items.length > UNDO_DEPTH) {
      const dropped = this.items.shift()!;
      this.db.prepare('DELETE FROM temp.undo_log WHERE seq <= ?').run(dropped.toSeq);
    }
  }

  /** What the next undo would reverse, and how many changes this session can still undo. */
  state(): UndoState {
    const top = this.items.at(-1);
    return { available: this.items.length, depth: UNDO_DEPTH, next: top ? this.describe(top) : null };
  }

  private entries(ids: number[]): { id: number; entity: string; entity_id: number; action: string; changes: string }[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare(`SELECT id, entity, entity_id, action, changes FROM audit_log WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY id`)
      .all(...ids) as { id: number; entity: string; entity_id: number; action: string; changes: string }[];
  }

  private describe(item: Item): UndoTarget {
    const entries = this.entries(item.auditIds);
    const first = entries[0];
    if (!first) return { auditIds: item.auditIds, entity: '', entityId: 0, action: '', name: '', more: 0, blocked: 'gone' };
    return {
      auditIds: item.auditIds,
      entity: first.entity,
      entityId: first.entity_id,
      action: first.action,
      name: recordName(this.db, first.entity, first.entity_id, first.changes),
      more: entries.length - 1,
      blocked: this.refusal(item, entries),
    };
  }

  /** Why the item cannot be undone (a short code the UI translates), or undefined when it can. */
  private refusal(item: Item, entries: { entity: string; action: string }[]): UndoTarget['blocked'] {
    if (entries.length !== item.auditIds.length) return 'gone';
    if (entries.some((e) => !UNDOABLE_ENTITIES.has(e.entity) || (e.entity === 'company' && e.action === 'create'))) return 'not_undoable';
    const last = item.auditIds.at(-1)!;
    const later = this.db.prepare('SELECT id FROM audit_log WHERE id > ? ORDER BY id').all(last) as { id: number }[];
    if (later.some((r) => !this.undoneOrUndo.has(r.id))) return 'changed_since';
    if (!this.rowsUnchanged(item)) return 'changed_since';
    return undefined;
  }

  /** Every row the change wrote still looks exactly as the change left it (or is still gone). */
  private rowsUnchanged(item: Item): boolean {
    const rows = this.db
      .prepare(
        // per row, the values of its last write (SQLite takes the bare columns from the max(seq) row)
        'SELECT tbl, op, rid, after, max(seq) AS seq FROM temp.undo_log WHERE seq > ? AND seq <= ? GROUP BY tbl, rid',
      )
      .all(item.fromSeq, item.toSeq) as Pick<LogRow, 'tbl' | 'op' | 'rid' | 'after'>[];
    for (const r of rows) {
      const cols = this.tableCols.get(r.tbl);
      if (!cols) return false;
      const now = this.db.prepare(`SELECT ${imageExpr(cols, '')} AS img FROM main.${ident(r.tbl)} WHERE rowid = ?`).get(r.rid) as { img: string } | undefined;
      if (r.op === 'D' ? now !== undefined : now?.img !== r.after) return false;
    }
    return true;
  }

  /**
   * Reverse the newest change of this session. `expect` (the audit ids the UI showed) guards against undoing
   * something else than what the user saw. Returns what was undone and the audit entries the undo wrote.
   */
  undo(user: string, expect?: number[]): { undone: UndoTarget; entries: number[]; state: UndoState } {
    const item = this.items.at(-1);
    if (!item) throw new AppError('refused', 'Nothing to undo: no change was made since the app was opened.');
    const target = this.describe(item);
    if (expect && (expect.length !== item.auditIds.length || expect.some((id, i) => id !== item.auditIds[i]))) {
      throw new AppError('conflict', `The latest change is now entry #${item.auditIds.at(-1)}, not the one shown; look again before undoing.`);
    }
    const what = `${target.action} ${target.entity} ${target.name || '#' + target.entityId} (entry #${item.auditIds.join(', #')})`;
    if (target.blocked === 'not_undoable') {
      throw new AppError('refused', `The latest change (${what}) cannot be undone; nothing was changed.`);
    }
    if (target.blocked) {
      throw new AppError(
        'refused',
        `The latest change (${what}) cannot be undone: the records it touched were changed since by another window or program. Nothing was changed.`,
      );
    }
    const entries = this.entries(item.auditIds);
    const inverse = this.db.prepare('SELECT inverse FROM temp.undo_log WHERE seq > ? AND seq <= ? ORDER BY seq DESC').all(item.fromSeq, item.toSeq) as { inverse: string }[];
    const written: number[] = [];
    const run = this.db.transaction(() => {
      this.db.pragma('defer_foreign_keys = ON');
      for (const r of inverse) this.db.exec(r.inverse);
      const at = nowIso();
      for (const e of [...entries].reverse()) {
        written.push(
          appendAudit(this.db, { at, user, entity: e.entity, entityId: e.entity_id, action: 'undo', changes: JSON.stringify(undoChanges(e.id, e.action, e.changes)) }),
        );
      }
      // the replay's own rows are not a change to undo again
      this.db.prepare('DELETE FROM temp.undo_log WHERE seq > ?').run(item.fromSeq);
    });
    try {
      run();
    } catch (e) {
      throw new AppError('refused', `Undo of ${what} failed and was rolled back, nothing was changed: ${(e as Error).message}`);
    }
    this.items.pop();
    for (const id of [...item.auditIds, ...written]) this.undoneOrUndo.add(id);
    return { undone: target, entries: written, state: this.state() };
  }

  /** Drop the triggers (before the connection is handed to something else). */
  dispose(): void {
    if (!this.db.open) return;
    for (const table of this.tableCols.keys()) {
      for (const op of ['i', 'u', 'd']) this.db.exec(`DROP TRIGGER IF EXISTS temp.${ident(`undo_${op}_${table}`)}`);
    }
    this.db.exec('DROP TABLE IF EXISTS temp.undo_log');
  }
}

function isPairMap(v: unknown): v is Record<string, [unknown, unknown]> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const values = Object.values(v);
  return values.length > 0 && values.every((x) => Array.isArray(x) && x.length === 2);
}

/** The undo entry's changes: "undo of #n"; an update's fields swapped back, else the reversed record. */
function undoChanges(id: number, action: string, changesJson: string): Record<string, unknown> {
  let changes: unknown;
  try {
    changes = JSON.parse(changesJson);
  } catch {
    changes = changesJson;
  }
  if (isPairMap(changes)) {
    return { undoOf: id, undoneAction: action, ...Object.fromEntries(Object.entries(changes).map(([k, [a, b]]) => [k, [b, a]])) };
  }
  return { undoOf: id, undoneAction: action, reverted: changes };
}

const NAME_SQL: Record<string, string> = {
  party: "SELECT CASE WHEN name_zh <> '' THEN name_zh ELSE name_en END AS n FROM party WHERE id = ?",
  product: "SELECT item_no || CASE WHEN name_zh <> '' THEN ' ' || name_zh ELSE ' ' || name_en END AS n FROM product WHERE id = ?",
  order: 'SELECT no AS n FROM trade_order WHERE id = ?',
  payment: 'SELECT no AS n FROM payment WHERE id = ?',
  shipment: 'SELECT no AS n FROM shipment WHERE id = ?',
  import: 'SELECT no AS n FROM import_record WHERE id = ?',
  claim: 'SELECT no AS n FROM claim WHERE id = ?',
  attachment: 'SELECT file_name AS n FROM attachment WHERE id = ?',
  stock_move: 'SELECT p.item_no AS n FROM stock_move m JOIN product p ON p.id = m.product_id WHERE m.id = ?',
  company: "SELECT CASE WHEN name_zh <> '' THEN name_zh ELSE name_en END AS n FROM company",
};

/** The record's name or number as a person knows it: from the file, else from the entry (a deleted record). */
function recordName(db: DB, entity: string, id: number, changesJson: string): string {
  const sql = NAME_SQL[entity];
  if (sql) {
    try {
      const row = db.prepare(sql).get(...(entity === 'company' ? [] : [id])) as { n: string | null } | undefined;
      if (row?.n) return row.n.trim();
    } catch {
      // an older schema: fall back to the entry
    }
  }
  try {
    const c = JSON.parse(changesJson) as Record<string, unknown>;
    for (const f of ['no', 'itemNo', 'nameZh', 'nameEn', 'fileName']) if (typeof c[f] === 'string' && c[f] !== '') return c[f];
  } catch {
    // not JSON: no name
  }
  return '';
}
