/**
 * The company file: one SQLite database. Opening it sets the pragmas that money records need on PCs that lose
 * power, refuses files that are not ours or that come from a newer app, backs the file up before migrating
 * it, and applies pending migrations one transaction each.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from './errors';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';
import { APP_VERSION } from './version';

export type DB = Database.Database;

/** 'TREC' — marks a SQLite file as a Trade Records company file (PRAGMA application_id). */
export const APPLICATION_ID = 0x54524543;

export interface OpenOptions {
  /** Path of an Electron-ABI build of better-sqlite3, when running inside Electron from a dev checkout. */
  nativeBinding?: string;
  /** Apply migrations only up to this version (tests of upgrades from older files). */
  targetVersion?: number;
  /** The migration list (tests may pass a longer one to simulate a newer app). */
  migrations?: Migration[];
  /** Clock for timestamps in backup names (tests). */
  now?: () => Date;
}

export interface OpenResult {
  db: DB;
  /** The schema version the file had when opened (0 = new file). */
  fromVersion: number;
  toVersion: number;
  /** Backup written before migrating an existing file, if any. */
  backupFile?: string;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

function userTables(db: DB): number {
  const row = db
    .prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .get() as { n: number };
  return row.n;
}

/** Open (or create) a company file and bring its schema up to date. */
export async function openCompanyFile(file: string, opts: OpenOptions = {}): Promise<OpenResult> {
  const list = opts.migrations ?? migrations;
  const latest = list[list.length - 1]?.version ?? 0;
  const target = opts.targetVersion ?? latest;
  fs.mkdirSync(path.dirname(file), { recursive: true });

  let db: DB;
  try {
    db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (e) {
    throw new AppError('refused', `Cannot open the company file ${file}: ${(e as Error).message}`);
  }
  try {
    let appId: number;
    let version: number;
    try {
      appId = db.pragma('application_id', { simple: true }) as number;
      version = db.pragma('user_version', { simple: true }) as number;
      // Reading the schema also proves the file is a readable database.
      userTables(db);
    } catch (e) {
      throw new AppError(
        'refused',
        `The company file ${file} is damaged or is not a database (${(e as Error).message}). It was not changed.`,
      );
    }
    if (appId !== APPLICATION_ID && !(appId === 0 && version === 0 && userTables(db) === 0)) {
      throw new AppError('refused', `${file} is not a Trade Records company file. It was not changed.`);
    }
    if (version > latest) {
      throw new AppError(
        'refused',
        `This company file was written by a newer version of Trade Records (file schema ${version}, this app knows up to ${latest}). ` +
          'Install the newer version to open it. The file was not changed.',
      );
    }

    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');

    const pending = list.filter((m) => m.version > version && m.version <= target);
    let backupFile: string | undefined;
    if (pending.length > 0 && version > 0) {
      backupFile = `${file}.before-v${pending[0]!.version}-${stamp((opts.now ?? (() => new Date()))())}.bak`;
      await db.backup(backupFile);
    }
    for (const m of pending) applyMigration(db, m);
    return { db, fromVersion: version, toVersion: Math.max(version, pending.at(-1)?.version ?? version), backupFile };
  } catch (e) {
    db.close();
    throw e;
  }
}

function applyMigration(db: DB, m: Migration): void {
  const run = db.transaction(() => {
    db.exec(m.sql);
    m.run?.(db);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at, app_version) VALUES (?, ?, ?, ?)').run(
      m.version,
      m.name,
      new Date().toISOString(),
      APP_VERSION,
    );
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${m.version}`);
  });
  try {
    run.exclusive();
  } catch (e) {
    throw new AppError('internal', `Migration ${m.version} (${m.name}) failed and was rolled back: ${(e as Error).message}`);
  }
}

export { LATEST_SCHEMA_VERSION };

/**
 * Tables whose rows are figures kept by triggers about a row of another table (product_stock: a product's stock on
 * hand), not uses of it: they go with the row (ON DELETE CASCADE) and never stop it being deleted.
 */
const KEPT_FIGURES = new Set(['product_stock']);

/** Names of tables with a foreign key to `table`, with the referencing column. */
export function referencesTo(db: DB, table: string): { table: string; column: string }[] {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).filter(
    (t) => !KEPT_FIGURES.has(t.name),
  );
  const refs: { table: string; column: string }[] = [];
  for (const t of tables) {
    const fks = db.pragma(`foreign_key_list("${t.name.replace(/"/g, '""')}")`) as { table: string; from: string }[];
    for (const fk of fks) if (fk.table === table) refs.push({ table: t.name, column: fk.from });
  }
  return refs;
}

/** How many rows of other tables refer to row `id` of `table`. */
export function countReferences(db: DB, table: string, id: number): { table: string; count: number }[] {
  return referencesTo(db, table)
    .map((r) => ({
      table: r.table,
      count: (db.prepare(`SELECT count(*) AS n FROM "${r.table}" WHERE "${r.column}" = ?`).get(id) as { n: number }).n,
    }))
    .filter((r) => r.count > 0);
}

export function nowIso(): string {
  return new Date().toISOString();
}
