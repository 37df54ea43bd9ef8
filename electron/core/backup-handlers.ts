/**
 * Backups in the window (issue 6): the backup folder and retention, the list of backups with what each holds,
 * "Back up now", the full check of a file before restoring it, and the restore itself, which the holder of
 * the core performs (electron/core/holder.ts: close, swap, reopen).
 */
import path from 'node:path';
import type { BackupStatus } from '../../shared/api';
import { backupFolderOf, backupTo, defaultBackupDir, inspectBackup, KEEP_DAILY, KEEP_MONTHLY, listBackups, manualBackupName, noteBackupFolder, storeBackupFolder, usableFolder } from './backup';
import type { HandlerContext, HandlersFor } from './context';
import { AppError } from './errors';
import { audit } from './trade/common';

function status(ctx: HandlerContext): BackupStatus {
  const { folder, custom } = backupFolderOf(ctx.db, ctx.dataDir);
  return {
    folder,
    defaultFolder: defaultBackupDir(ctx.dataDir),
    custom,
    keepDaily: KEEP_DAILY,
    keepMonthly: KEEP_MONTHLY,
    companyFile: ctx.companyFile,
    backups: listBackups(folder),
  };
}

type BackupCall = 'backup.status' | 'backup.setFolder' | 'backup.now' | 'backup.inspect' | 'backup.restore' | 'recovery.status' | 'recovery.restore';

export const backupHandlers: HandlersFor<BackupCall> = {
  'backup.status': (_arg, ctx) => status(ctx),
  'backup.setFolder': ({ folder }, ctx) => {
    const next = folder === '' ? '' : usableFolder(folder);
    const before = backupFolderOf(ctx.db, ctx.dataDir);
    const after = next === '' ? defaultBackupDir(ctx.dataDir) : next;
    if (after !== before.folder || (next === '') === before.custom) {
      ctx.db.transaction(() => {
        storeBackupFolder(ctx.db, next === defaultBackupDir(ctx.dataDir) ? '' : next);
        audit(ctx.db, ctx.user, 'setting', 0, 'update', { backupFolder: [before.folder, after] });
      })();
      noteBackupFolder(ctx.dataDir, after);
    }
    return status(ctx);
  },
  'backup.now': async ({ folder }, ctx) => {
    const dir = folder ? usableFolder(folder) : backupFolderOf(ctx.db, ctx.dataDir).folder;
    return backupTo(ctx.db, path.join(dir, manualBackupName(new Date())));
  },
  'backup.inspect': ({ file }) => inspectBackup(file),
  'backup.restore': ({ file }, ctx) => {
    if (!ctx.restore) throw new AppError('refused', 'Restore from the window or from the command line: trade-records restore <file>.');
    return ctx.restore(file, false);
  },
  // answered here only while the file is fine; a damaged file is answered by the holder (electron/core/holder.ts)
  'recovery.status': (_arg, ctx) => ({
    damaged: false,
    message: '',
    companyFile: ctx.companyFile,
    backupFolder: backupFolderOf(ctx.db, ctx.dataDir).folder,
    latest: null,
    backups: [],
  }),
  'recovery.restore': () => {
    throw new AppError('refused', 'The company file is not damaged: use "Restore from backup…" in Backups instead.');
  },
};
