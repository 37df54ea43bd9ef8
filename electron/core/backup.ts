/**
 * Backups and restore (issue 6): an online backup of the open company file, the automatic daily/monthly copies
 * with rotation, the inspection of a file before restoring it, and the atomic restore itself.
 *
 * Every backup file is written under a temporary name in its target folder, switched to rollback-journal mode
 * (so that opening it read-only later leaves no -wal/-shm beside it), verified (integrity_check, our
 * application_id), fsynced and only then renamed into place: a half-written or damaged copy never carries a
 * backup's name.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupCounts, BackupEntry, BackupInfo, BackupKind, BackupResult } from '../../shared/api';
import { checkCompanyFile, type CheckReport } from './check';

export type { BackupCounts, BackupEntry, BackupInfo, BackupKind, BackupResult };
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, openCompanyFile, type DB } from './db';
import { AppError } from './errors';
import { companyFilePath } from './paths';

export interface RestoreResult {
  /** What the restored file held (the inspection made before anything was changed). */
  restored: BackupInfo;
  /** Copy of the company file as it was before the restore; null when the data folder had no company file. */
  safetyBackup: string | null;
  /** Backup openCompanyFile wrote before migrating an older backup, if it did. */
  migrationBackup: string | undefined;
  /** checkCompanyFile on the restored (and migrated) file. */
  check: CheckReport;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const DAILY_RE = /^company-\d{4}-\d{2}-\d{2}\.sqlite$/;
const MONTHLY_RE = /^company-\d{4}-\d{2}\.sqlite$/;
export const KEEP_DAILY = 30;
export const KEEP_MONTHLY = 12;

/** The default backup folder: beside the data. */
export function defaultBackupDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local-time day and month of the user's clock (a "day" is the user's day, not UTC's). */
function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A file-name-safe local timestamp, e.g. 20260314-093005. */
export function fileStamp(d: Date): string {
  return `${localDay(d).replace(/-/g, '')}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

function tempNameBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsync a folder so that a rename in it survives power loss (not possible on Windows: ignored there). */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open or fsync a directory; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}-journal`, { force: true });
  fs.rmSync(`${file}-wal`, { force: true });
  fs.rmSync(`${file}-shm`, { force: true });
}

function tableExists(db: DB, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

function columnsOf(db: DB, table: string): Set<string> {
  return new Set((db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name));
}

/** Record counts of a company file of any known schema version. */
export function countsOf(db: DB): BackupCounts {
  const count = (table: string, where = '') =>
    tableExists(db, table) ? (db.prepare(`SELECT count(*) AS n FROM "${table}" ${where}`).get() as { n: number }).n : 0;
  return {
    parties: count('party'),
    products: count('product'),
    orders: count('trade_order'),
    payments: count('payment'),
    shipments: count('shipment'),
  };
}

const CHANGE_TABLES = ['company', 'party', 'product', 'trade_order', 'order_line', 'payment', 'shipment', 'import_record', 'claim', 'attachment'];

function lastChangeOf(db: DB): string | null {
  let last: string | null = null;
  for (const table of CHANGE_TABLES) {
    if (!tableExists(db, table)) continue;
    const cols = columnsOf(db, table);
    for (const col of ['updated_at', 'created_at']) {
      if (!cols.has(col)) continue;
      const v = (db.prepare(`SELECT max("${col}") AS v FROM "${table}"`).get() as { v: string | null }).v;
      if (typeof v === 'string' && (last === null || v > last)) last = v;
    }
  }
  return last;
}

function companyNameOf(db: DB): string | null {
  if (!tableExists(db, 'company')) return null;
  const row = db.prepare("SELECT CASE WHEN name_zh <> '' THEN name_zh ELSE name_en END AS n FROM company").get() as
    | { n: string }
    | undefined;
  return row?.n ?? null;
}

/**
 * Switch a freshly written copy to rollback-journal mode and verify it: readable, integrity_check ok, ours.
 * Throws AppError 'refused' (the copy is left for the caller to delete).
 */
function finishCopy(tmp: string, what: string): { schemaVersion: number; counts: BackupCounts } {
  const rw = new Database(tmp, { fileMustExist: true });
  try {
    rw.pragma('journal_mode = DELETE');
  } finally {
    rw.close();
  }
  const ro = new Database(tmp, { readonly: true, fileMustExist: true });
  try {
    const integrity = (ro.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new AppError('refused', `The copy of ${what} failed its integrity check (${integrity.slice(0, 3).join('; ')}); no backup was written.`);
    }
    if ((ro.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
      throw new AppError('refused', `${what} is not a Trade Records company file; no backup was written.`);
    }
    return { schemaVersion: ro.pragma('user_version', { simple: true }) as number, counts: countsOf(ro) };
  } finally {
    ro.close();
  }
}

/**
 * Online backup of an open company file into `file` (any folder; it is created). The copy is written under a
 * temporary name beside the target, verified, fsynced and renamed into place, replacing an existing `file`.
 */
export async function backupTo(db: DB, file: string): Promise<BackupResult> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempNameBeside(target);
  try {
    await db.backup(tmp);
    const { schemaVersion, counts } = finishCopy(tmp, db.name);
    fsyncFile(tmp);
    fs.renameSync(tmp, target);
    fsyncDir(path.dirname(target));
    return { file: target, bytes: fs.statSync(target).size, schemaVersion, counts };
  } catch (e) {
    removeQuietly(tmp);
    if (e instanceof AppError) throw e;
    throw new AppError('refused', `Could not write the backup ${target}: ${(e as Error).message}`);
  }
}

export interface AutoBackupOptions {
  /** The clock (tests inject one); the day is the local day of this time. */
  now?: () => Date;
  /** Where backups go (default <dataDir>/backups; the user may pick another, e.g. a USB drive). */
  backupDir?: string;
}

export interface AutoBackupResult {
  /** Today's daily backup (written now or earlier today). */
  daily: string;
  /** False when today's backup already existed and nothing was written. */
  written: boolean;
  /** The monthly copy written now, if this was the month's first backup. */
  monthly: string | undefined;
  /** Old backups deleted by rotation. */
  deleted: string[];
}

function rotate(dir: string, pattern: RegExp, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  // Our names sort by date; only files matching our pattern are ever deleted.
  const ours = fs.readdirSync(dir).filter((n) => pattern.test(n)).sort();
  const old = ours.slice(0, Math.max(0, ours.length - keep));
  for (const name of old) fs.rmSync(path.join(dir, name), { force: true });
  return old.map((name) => path.join(dir, name));
}

/**
 * The automatic backup, run at start: at most one a day into <backupDir>/daily/company-YYYY-MM-DD.sqlite, the
 * first of each month also kept as <backupDir>/monthly/company-YYYY-MM.sqlite; keeps the last 30 daily and 12
 * monthly files.
 */
export async function autoBackup(db: DB, dataDir: string, opts: AutoBackupOptions = {}): Promise<AutoBackupResult> {
  const now = (opts.now ?? (() => new Date()))();
  const root = opts.backupDir ?? defaultBackupDir(dataDir);
  const dailyDir = path.join(root, 'daily');
  const monthlyDir = path.join(root, 'monthly');
  const day = localDay(now);
  const daily = path.join(dailyDir, `company-${day}.sqlite`);
  const monthly = path.join(monthlyDir, `company-${day.slice(0, 7)}.sqlite`);

  let written = false;
  if (!fs.existsSync(daily)) {
    await backupTo(db, daily);
    written = true;
  }
  let monthlyWritten: string | undefined;
  if (!fs.existsSync(monthly)) {
    fs.mkdirSync(monthlyDir, { recursive: true });
    const tmp = tempNameBeside(monthly);
    try {
      fs.copyFileSync(daily, tmp);
      fsyncFile(tmp);
      fs.renameSync(tmp, monthly);
      fsyncDir(monthlyDir);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw new AppError('refused', `Could not write the monthly backup ${monthly}: ${(e as Error).message}`);
    }
    monthlyWritten = monthly;
  }
  const deleted = [...rotate(dailyDir, DAILY_RE, KEEP_DAILY), ...rotate(monthlyDir, MONTHLY_RE, KEEP_MONTHLY)];
  return { daily, written, monthly: monthlyWritten, deleted };
}

/**
 * The header's page size and page count (valid when the header's change counter matches): a truncated file is
 * shorter than they say. Returns what is wrong, or null.
 */
function truncation(head: Buffer, size: number): string | null {
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = head.readUInt32BE(28);
  if (head.readUInt32BE(24) === head.readUInt32BE(92) && pageCount > 0 && size < pageSize * pageCount) {
    return `the file is ${size} bytes, its header says ${pageSize * pageCount}: it was cut short`;
  }
  return null;
}

function readHead(file: string): Buffer {
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head;
}

/**
 * What is wrong with the company file before it is opened (the app's start): null when it is missing, empty
 * (a new file) or looks whole; else a sentence (not a SQLite file, cut short). SQLite's own checks follow.
 */
export function companyFileProblem(file: string): string | null {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return null;
  }
  if (size === 0) return null;
  if (size < 100) return `it is only ${size} bytes long: it was cut short`;
  const head = readHead(file);
  if (!head.subarray(0, 16).equals(SQLITE_MAGIC)) return 'it does not start as a SQLite database (its first bytes were overwritten)';
  return truncation(head, size);
}

// ---------------------------------------------------------------------------------------------------------
// The backup folder setting, the list of backups, and a backup made on request ("Back up now")

const FOLDER_KEY = 'backup.folder';

/** The folder backups go to: the user's choice (e.g. a USB drive) or <dataDir>/backups. */
export function backupFolderOf(db: DB, dataDir: string): { folder: string; custom: boolean } {
  const row = db.prepare('SELECT value FROM setting WHERE key = ?').get(FOLDER_KEY) as { value: string } | undefined;
  const chosen = row ? (JSON.parse(row.value) as unknown) : '';
  return typeof chosen === 'string' && chosen !== '' ? { folder: chosen, custom: true } : { folder: defaultBackupDir(dataDir), custom: false };
}

/** Check that a folder can take backups: absolute, creatable, writable. Returns the resolved path. */
export function usableFolder(folder: string): string {
  if (!path.isAbsolute(folder)) throw new AppError('validation', 'folder: give the full path of a folder', [{ path: 'folder', message: 'give the full path of a folder (e.g. E:\\备份)' }]);
  const dir = path.resolve(folder);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.trade-records-probe-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe, { force: true });
  } catch (e) {
    const message = `cannot write into ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    throw new AppError('validation', `folder: ${message}`, [{ path: 'folder', message }]);
  }
  return dir;
}

/** Save the backup folder ('' = back to the default), in the caller's transaction. Returns the old and new value. */
export function storeBackupFolder(db: DB, folder: string): void {
  if (folder === '') db.prepare('DELETE FROM setting WHERE key = ?').run(FOLDER_KEY);
  else db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(FOLDER_KEY, JSON.stringify(folder));
}

/**
 * The backup folder is also noted in a small file beside the company file, so that when the company file is
 * damaged (and its setting unreadable) the recovery screen still looks in the folder the user chose.
 */
const FOLDER_NOTE = 'backup-folder.txt';

export function noteBackupFolder(dataDir: string, folder: string): void {
  const note = path.join(dataDir, FOLDER_NOTE);
  try {
    if (folder === '' || folder === defaultBackupDir(dataDir)) {
      fs.rmSync(note, { force: true });
      return;
    }
    const tmp = tempNameBeside(note);
    fs.writeFileSync(tmp, folder, 'utf8');
    fs.renameSync(tmp, note);
  } catch {
    // only a hint for recovery: the setting in the company file is what counts
  }
}

/** The folder noted beside the company file, or null. */
export function notedBackupFolder(dataDir: string): string | null {
  try {
    const folder = fs.readFileSync(path.join(dataDir, FOLDER_NOTE), 'utf8').trim();
    return folder !== '' && path.isAbsolute(folder) ? folder : null;
  } catch {
    return null;
  }
}

/** The name of a backup made on request: company-manual-20261129-163000.sqlite (rotation never deletes it). */
export function manualBackupName(now: Date): string {
  return `company-manual-${fileStamp(now)}.sqlite`;
}

function kindOf(name: string, sub: string): BackupKind {
  if (sub === 'daily' && DAILY_RE.test(name)) return 'daily';
  if (sub === 'monthly' && MONTHLY_RE.test(name)) return 'monthly';
  if (name.startsWith('company-manual-')) return 'manual';
  if (name.startsWith('before-restore-')) return 'before-restore';
  return 'other';
}

/** What a backup holds, without the integrity check (a list of 40 backups must come up fast). */
function quickInfo(file: string): Omit<BackupInfo, 'file' | 'bytes'> {
  const head = readHead(file);
  if (!head.subarray(0, 16).equals(SQLITE_MAGIC)) throw new Error('not a SQLite database file');
  const cut = truncation(head, fs.statSync(file).size);
  if (cut) throw new Error(cut);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) throw new Error('not a Trade Records file');
    const version = db.pragma('user_version', { simple: true }) as number;
    return { schemaVersion: version, latestSchemaVersion: LATEST_SCHEMA_VERSION, company: companyNameOf(db), counts: countsOf(db), lastChange: lastChangeOf(db) };
  } finally {
    db.close();
  }
}

/** The backups in a folder (its daily/ and monthly/ subfolders and itself), newest first. */
export function listBackups(folder: string): BackupEntry[] {
  const out: BackupEntry[] = [];
  for (const sub of ['', 'daily', 'monthly']) {
    const dir = path.join(folder, sub);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!/\.sqlite$/i.test(name) || name.startsWith('.')) continue;
      const file = path.join(dir, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        continue;
      }
      if (!stat.isFile()) continue;
      const entry: BackupEntry = { file, name, kind: kindOf(name, sub), bytes: stat.size, modifiedAt: stat.mtime.toISOString() };
      try {
        entry.info = quickInfo(file);
      } catch (e) {
        entry.problem = (e as Error).message;
      }
      out.push(entry);
    }
  }
  return out.sort((a, b) => (a.modifiedAt < b.modifiedAt ? 1 : a.modifiedAt > b.modifiedAt ? -1 : a.name < b.name ? 1 : -1));
}

/**
 * What a backup file holds, read without changing it. Refuses (AppError 'refused') a missing, empty,
 * non-SQLite, damaged or foreign file and one written by a newer app.
 */
export function inspectBackup(file: string): BackupInfo {
  const source = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new AppError('refused', `${source} does not exist.`);
  }
  if (!stat.isFile()) throw new AppError('refused', `${source} is not a file.`);
  if (stat.size < 100) {
    throw new AppError('refused', `${source} is not a Trade Records backup: it is ${stat.size === 0 ? 'empty' : 'too short to be a database'}.`);
  }
  const head = readHead(source);
  if (!head.subarray(0, 16).equals(SQLITE_MAGIC)) {
    throw new AppError('refused', `${source} is not a Trade Records backup: it is not a SQLite database file.`);
  }
  const damaged = (why: string) =>
    new AppError('refused', `${source} is damaged and cannot be restored (${why}). Pick another backup; nothing was changed.`);
  const cut = truncation(head, stat.size);
  if (cut) throw damaged(cut);

  let db: DB;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw damaged((e as Error).message);
  }
  try {
    let appId: number;
    let version: number;
    let integrity: string[];
    try {
      appId = db.pragma('application_id', { simple: true }) as number;
      version = db.pragma('user_version', { simple: true }) as number;
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (e) {
      throw damaged((e as Error).message);
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') throw damaged(`integrity check: ${integrity.slice(0, 3).join('; ')}`);
    if (appId !== APPLICATION_ID) {
      throw new AppError('refused', `${source} is a SQLite database but not a Trade Records file; nothing was changed.`);
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'refused',
        `${source} was written by a newer version of Trade Records (file schema ${version}, this app knows up to ${LATEST_SCHEMA_VERSION}). ` +
          'Install the newer version to restore it; nothing was changed.',
      );
    }
    if (version < 1) throw new AppError('refused', `${source} holds no company data (schema version ${version}); nothing was changed.`);
    try {
      return {
        file: source,
        bytes: stat.size,
        schemaVersion: version,
        latestSchemaVersion: LATEST_SCHEMA_VERSION,
        company: companyNameOf(db),
        counts: countsOf(db),
        lastChange: lastChangeOf(db),
      };
    } catch (e) {
      throw damaged((e as Error).message);
    }
  } finally {
    db.close();
  }
}

export interface RestoreOptions {
  now?: () => Date;
  /** Where the safety backup goes (default <dataDir>/backups). */
  backupDir?: string;
}

/**
 * Copy the current company file aside before it is replaced. An online backup when the file opens; when it
 * is damaged (restore is how the user gets out of that), the raw bytes with its -wal are kept instead.
 * Refuses when another connection still has the file open (its -wal survives our close).
 */
async function safetyCopy(companyFile: string, target: string): Promise<string> {
  let db: DB | undefined;
  try {
    db = new Database(companyFile, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('application_id', { simple: true }); // proves the file is readable
  } catch {
    db?.close();
    db = undefined;
  }
  if (db) {
    let copied = false;
    try {
      await backupTo(db, target);
      copied = true;
    } catch {
      // damaged or foreign: fall through to the raw copy
    } finally {
      db.close();
    }
    if (fs.existsSync(`${companyFile}-wal`)) {
      if (copied) fs.rmSync(target, { force: true });
      throw new AppError(
        'conflict',
        `${companyFile} is open in Trade Records or another program. Close it, then restore again; nothing was changed.`,
      );
    }
    if (copied) return target;
  }
  const raw = target.replace(/\.sqlite$/, '.damaged.sqlite');
  fs.mkdirSync(path.dirname(raw), { recursive: true });
  fs.copyFileSync(companyFile, raw);
  for (const side of ['-wal', '-journal']) {
    if (fs.existsSync(companyFile + side)) fs.copyFileSync(companyFile + side, raw + side);
  }
  return raw;
}

/**
 * Replace the company file of `dataDir` with the backup `file`.
 *
 * The caller must have closed every connection to the company file first (the window closes its core; the CLI
 * opens nothing); if one is still open the restore is refused ('conflict') before anything changes.
 *
 * Steps: inspect the backup (a refusal changes nothing); copy the current company file to
 * <backupDir>/before-restore-<stamp>.sqlite; copy the backup to a temp file in dataDir and verify and fsync it;
 * remove the current file's -wal/-shm and rename the temp over company.sqlite; open it with openCompanyFile
 * (which migrates an older backup, writing its own pre-migration backup) and run checkCompanyFile.
 */
export async function restoreFrom(dataDir: string, file: string, opts: RestoreOptions = {}): Promise<RestoreResult> {
  const now = opts.now ?? (() => new Date());
  const restored = inspectBackup(file);
  const companyFile = companyFilePath(dataDir);
  if (path.resolve(companyFile) === restored.file) {
    throw new AppError('refused', `${restored.file} is the company file itself; pick a backup. Nothing was changed.`);
  }
  fs.mkdirSync(dataDir, { recursive: true });

  // 1. The copy of the backup, ready beside the company file (via SQLite, so a -wal beside the backup counts).
  const tmp = tempNameBeside(companyFile);
  try {
    const src = new Database(restored.file, { readonly: true, fileMustExist: true });
    try {
      await src.backup(tmp);
    } finally {
      src.close();
    }
    finishCopy(tmp, restored.file);
    fsyncFile(tmp);
  } catch (e) {
    removeQuietly(tmp);
    if (e instanceof AppError) throw e;
    throw new AppError('refused', `Could not copy ${restored.file} into ${dataDir}: ${(e as Error).message}. Nothing was changed.`);
  }

  // 2. The safety backup of the current file, then the swap.
  let safetyBackup: string | null = null;
  try {
    if (fs.existsSync(companyFile)) {
      const root = opts.backupDir ?? defaultBackupDir(dataDir);
      safetyBackup = await safetyCopy(companyFile, path.join(root, `before-restore-${fileStamp(now())}.sqlite`));
    }
    fs.rmSync(`${companyFile}-wal`, { force: true });
    fs.rmSync(`${companyFile}-shm`, { force: true });
    fs.rmSync(`${companyFile}-journal`, { force: true });
    fs.renameSync(tmp, companyFile);
    fsyncDir(path.dirname(companyFile));
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }

  // 3. Open as the app does (migrating an older backup) and check.
  const opened = await openCompanyFile(companyFile, { now });
  try {
    return { restored, safetyBackup, migrationBackup: opened.backupFile, check: checkCompanyFile(opened.db) };
  } finally {
    opened.db.close();
  }
}
