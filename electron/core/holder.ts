/**
 * Who holds the core: the window (electron/main) and browser mode (electron/server) keep a CoreHolder, not a
 * Core. It can do what a core cannot do to itself:
 *
 *  - Restore (backup.restore): close the core, swap the company file for the backup (restoreFrom: checked, the
 *    current file backed up first, atomic rename), open a new core on it. Calls that arrive meanwhile wait.
 *    The undo list and signed-in sessions start empty (a new session); the window reloads.
 *  - Recovery: when the company file is damaged (cut short, garbage bytes, not a database, a failed quick
 *    check) the holder does not crash or quit: it stays up in "damaged" mode, where only recovery.status,
 *    backup.inspect and recovery.restore answer. recovery.restore renames the damaged file aside
 *    (company.sqlite.damaged-<stamp>, with its -wal; never deleted), restores the backup and opens it.
 *
 * A file from a newer app version is not "damaged": the holder refuses to start, as before.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { ApiResponse, BackupInfo, ProgressEvent, RecoveryStatus, RestoreDone } from '../../shared/api';
import { apiMap } from '../../shared/api';
import { autoBackup, backupFolderOf, companyFileProblem, defaultBackupDir, fileStamp, inspectBackup, listBackups, notedBackupFolder, noteBackupFolder, restoreFrom } from './backup';
import type { CheckReport } from './check';
import { AppError } from './errors';
import { issuesOf, openCore, type Core, type CoreOptions } from './index';
import { companyFilePath } from './paths';

export interface HolderOptions extends CoreOptions {
  /** the day's automatic backup after each open (the window and browser mode: yes; tests: no) */
  autoBackup?: boolean;
  /** where automatic backups and recovery look when the file cannot be opened to read the setting */
  backupDirFallback?: string;
}

/** Calls that answer while the company file is damaged. */
const RECOVERY_CALLS = new Set(['recovery.status', 'backup.inspect', 'recovery.restore']);

export function checkSummary(check: CheckReport): RestoreDone['check'] {
  const problems: string[] = [];
  if (!(check.integrity.length === 1 && check.integrity[0] === 'ok')) problems.push(`integrity: ${check.integrity.slice(0, 3).join('; ')}`);
  if (check.foreignKeyProblems > 0) problems.push(`${check.foreignKeyProblems} foreign key problems`);
  if (!check.auditChain.ok) problems.push(`history: ${check.auditChain.message}`);
  return { ok: check.ok, problems };
}

/** Is this refusal about a damaged or unreadable file (recoverable from a backup), not a newer app's file? */
function isDamage(e: unknown): boolean {
  return e instanceof AppError && e.code === 'refused' && !/newer version/.test(e.message);
}

export class CoreHolder {
  private current: Core | null = null;
  private damage: string | null = null;
  /** the last folder backups went to (read from the file while it opened) */
  private backupDir: string;
  private busy: Promise<unknown> = Promise.resolve();
  private readonly events = new EventEmitter();
  private offProgress: (() => void) | undefined;
  readonly dataDir: string;
  readonly companyFile: string;

  private constructor(private readonly opts: HolderOptions) {
    this.dataDir = opts.dataDir;
    this.companyFile = companyFilePath(opts.dataDir);
    this.backupDir = opts.backupDirFallback ?? notedBackupFolder(opts.dataDir) ?? defaultBackupDir(opts.dataDir);
  }

  /** Open the data folder's company file; a damaged file puts the holder in recovery mode instead of failing. */
  static async open(opts: HolderOptions): Promise<CoreHolder> {
    const h = new CoreHolder(opts);
    await h.openNow();
    return h;
  }

  private async openNow(): Promise<void> {
    const problem = companyFileProblem(this.companyFile);
    if (problem) {
      this.damage = `The company file ${this.companyFile} is damaged: ${problem}.`;
      return;
    }
    let core: Core;
    try {
      core = await openCore({ ...this.opts, restore: (file, recovery) => this.restore(file, recovery) });
    } catch (e) {
      if (!isDamage(e)) throw e;
      this.damage = (e as Error).message;
      return;
    }
    // reading every page once: garbage inside an otherwise whole file shows here, not in the middle of work
    let quick: string[];
    try {
      quick = (core.db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    } catch (e) {
      quick = [(e as Error).message];
    }
    if (quick.length !== 1 || quick[0] !== 'ok') {
      core.close();
      this.damage = `The company file ${this.companyFile} is damaged (${quick.slice(0, 3).join('; ')}).`;
      return;
    }
    this.current = core;
    this.damage = null;
    this.backupDir = backupFolderOf(core.db, this.dataDir).folder;
    noteBackupFolder(this.dataDir, this.backupDir);
    this.offProgress = core.onProgress((e) => this.events.emit('progress', e));
    if (this.opts.autoBackup) {
      autoBackup(core.db, this.dataDir, { backupDir: this.backupDir }).catch((e: unknown) => console.error('Automatic backup failed', e));
    }
  }

  /** The open core; throws while the file is damaged (use callRaw, which answers recovery calls then). */
  get core(): Core {
    if (!this.current) throw new AppError('refused', this.damage ?? 'The company file is not open.');
    return this.current;
  }

  get damaged(): string | null {
    return this.damage;
  }

  onProgress(listener: (e: ProgressEvent) => void): () => void {
    this.events.on('progress', listener);
    return () => this.events.off('progress', listener);
  }

  /** What every transport calls: waits while a restore swaps the file; in recovery mode answers recovery calls. */
  async callRaw(name: string, arg: unknown, session?: string): Promise<ApiResponse<unknown>> {
    await this.busy.catch(() => undefined);
    if (this.current) return this.current.callRaw(name, arg, session);
    if (!RECOVERY_CALLS.has(name)) {
      return { ok: false, error: { code: 'refused', message: `${this.damage ?? 'The company file is not open.'} Restore a backup first.` } };
    }
    const parsed = apiMap[name as 'backup.inspect'].arg.safeParse(arg === undefined ? {} : arg);
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      return { ok: false, error: { code: 'validation', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues } };
    }
    try {
      const a = parsed.data as { file: string };
      const value = name === 'recovery.status' ? this.recoveryStatus() : name === 'backup.inspect' ? inspectBackup(a.file) : await this.restore(a.file, true);
      return { ok: true, value };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toApiError() };
      return { ok: false, error: { code: 'internal', message: `Unexpected error in ${name}: ${(e as Error).message}` } };
    }
  }

  /** Damaged or not, and the backups on offer (the newest that passes the full check first). */
  recoveryStatus(): RecoveryStatus {
    // the chosen folder (e.g. a USB drive) and the default one beside the data, newest first
    const folders = [...new Set([this.backupDir, defaultBackupDir(this.dataDir)])];
    const backups = folders.flatMap((f) => listBackups(f)).sort((a, b) => (a.modifiedAt < b.modifiedAt ? 1 : a.modifiedAt > b.modifiedAt ? -1 : 0));
    let latest: BackupInfo | null = null;
    for (const b of backups) {
      if (b.problem) continue;
      try {
        latest = inspectBackup(b.file);
        break;
      } catch {
        // not this one: try the next older
      }
    }
    return { damaged: this.damage !== null, message: this.damage ?? '', companyFile: this.companyFile, backupFolder: this.backupDir, latest, backups };
  }

  /**
   * Close the core, replace the company file with the backup, open again. With `recovery` (a damaged file) the
   * damaged file is first renamed aside. A refused backup changes nothing and the old core is opened again.
   */
  restore(file: string, recovery: boolean): Promise<RestoreDone> {
    const run = async (): Promise<RestoreDone> => {
      if (recovery && this.damage === null) {
        throw new AppError('refused', 'The company file is not damaged: use "Restore from backup…" in Backups instead.');
      }
      const info = inspectBackup(file); // a refusal here changes nothing, the core stays open
      this.offProgress?.();
      this.current?.close();
      this.current = null;
      let keptAside: string | null = null;
      try {
        if (recovery) keptAside = this.putAside();
        const r = await restoreFrom(this.dataDir, info.file, { backupDir: this.backupDir });
        return { restored: r.restored, safetyBackup: r.safetyBackup, keptAside, check: checkSummary(r.check) };
      } finally {
        await this.openNow();
      }
    };
    const p = this.busy.then(run, run);
    this.busy = p;
    return p;
  }

  /** Rename the damaged company file (and its -wal/-shm) to company.sqlite.damaged-<stamp>: kept, never deleted. */
  private putAside(): string | null {
    if (!fs.existsSync(this.companyFile)) return null;
    const aside = `${this.companyFile}.damaged-${fileStamp(new Date())}`;
    fs.renameSync(this.companyFile, aside);
    for (const side of ['-wal', '-shm', '-journal']) {
      if (fs.existsSync(this.companyFile + side)) fs.renameSync(this.companyFile + side, aside + side);
    }
    return aside;
  }

  close(): void {
    this.offProgress?.();
    this.current?.close();
    this.current = null;
  }
}
