/**
 * Backups (备份与恢复): where backups go (the default beside the data, or a folder the user picks, e.g. a USB
 * drive) and how many are kept, "Back up now", the list of backups with what each holds, and "Restore from
 * backup…" (electron/core/backup-handlers.ts; the restore itself is done by whoever holds the core).
 */
import { useCallback, useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../../shared/api';
import { call } from '../../api';
import { useNotify } from '../../components/Toasts';
import { describeError, fieldErrorsOf } from '../../lib/errors';
import { BackupList, PathField, PickButton, RestorePanel } from './RestorePanel';
import './safety.css';

/** The core's folder refusals (English) in the UI language. */
function folderProblem(t: TFunction, message: string): string {
  if (/^give the full path of a folder/.test(message)) return t('safety.backup.errors.relative');
  const m = /^cannot write into (.*): (.*)$/.exec(message);
  if (m) return t('safety.backup.errors.unwritable', { folder: m[1] ?? '', code: m[2] ?? '' });
  return message;
}

export function BackupScreen() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState('');
  const [busy, setBusy] = useState(false);
  /** "Back up to another folder": a one-off copy, e.g. onto a USB drive, without changing the setting */
  const [other, setOther] = useState('');
  const [otherError, setOtherError] = useState('');
  const [picked, setPicked] = useState<{ file: string; no: number } | null>(null);

  const load = useCallback(() => {
    call('backup.status', {})
      .then((s) => {
        setStatus(s);
        setFolder(s.custom ? s.folder : '');
      })
      .catch((e: unknown) => notify.error(t('errors.loadFailed', { message: describeError(t, e) })));
  }, [notify, t]);

  useEffect(load, [load]);

  async function saveFolder(next: string) {
    setFolderError('');
    try {
      const s = await call('backup.setFolder', { folder: next });
      setStatus(s);
      setFolder(s.custom ? s.folder : '');
      notify.success(t('safety.backup.folderSaved', { folder: s.folder }));
    } catch (e) {
      const field = fieldErrorsOf(t, e).folder;
      setFolderError(field ? folderProblem(t, field) : describeError(t, e));
    }
  }

  async function backupNow(to?: string) {
    setBusy(true);
    setOtherError('');
    try {
      const r = await call('backup.now', to ? { folder: to } : {});
      notify.success(t('safety.backup.done', { file: r.file }));
      load();
    } catch (e) {
      const field = fieldErrorsOf(t, e).folder;
      if (to && field) setOtherError(folderProblem(t, field));
      else notify.error(t('safety.backup.failed', { message: describeError(t, e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="screen settings-screen backup-screen" data-screen="backup">
      <div className="screen-header">
        <h1>{t('safety.backup.title')}</h1>
      </div>

      <section className="settings-card" aria-labelledby="backup-now-title">
        <h2 id="backup-now-title">{t('safety.backup.nowTitle')}</h2>
        <p className="backup-retention" data-testid="backup-retention">
          {t('safety.backup.retention', { daily: status?.keepDaily ?? 30, monthly: status?.keepMonthly ?? 12 })}
        </p>
        <button type="button" className="primary" data-action="backup-now" disabled={busy || !status} onClick={() => void backupNow()}>
          {busy ? t('safety.backup.working') : t('safety.backup.now')}
        </button>
        <div className="backup-row backup-other">
          <PathField id="backup-other-input" label={t('safety.backup.otherLabel')} value={other} invalid={otherError !== ''} onChange={setOther} onEnter={() => void backupNow(other.trim())} />
          <PickButton kind="folder" onPicked={(p) => (setOther(p), void backupNow(p))} />
          <button type="button" data-action="backup-other" disabled={busy || other.trim() === ''} onClick={() => void backupNow(other.trim())}>
            {t('safety.backup.otherButton')}
          </button>
        </div>
        {otherError && (
          <p className="field-error" role="alert" data-testid="other-error">
            {otherError}
          </p>
        )}
      </section>

      <section className="settings-card" aria-labelledby="backup-folder-title">
        <h2 id="backup-folder-title">{t('safety.backup.folderTitle')}</h2>
        <p>
          {t('safety.backup.folderNow')} <code data-testid="backup-folder">{status?.folder ?? ''}</code>
        </p>
        <div className="backup-row">
          <PathField
            id="backup-folder-input"
            label={t('safety.backup.folderLabel')}
            value={folder}
            placeholder={status?.defaultFolder ?? ''}
            invalid={folderError !== ''}
            onChange={setFolder}
            onEnter={() => void saveFolder(folder.trim())}
          />
          <PickButton kind="folder" onPicked={(p) => (setFolder(p), void saveFolder(p))} />
          <button type="button" data-action="save-folder" onClick={() => void saveFolder(folder.trim())}>
            {t('common.save')}
          </button>
          {status?.custom && (
            <button type="button" data-action="default-folder" onClick={() => void saveFolder('')}>
              {t('safety.backup.useDefault')}
            </button>
          )}
        </div>
        {folderError && (
          <p className="field-error" role="alert" data-testid="folder-error">
            {folderError}
          </p>
        )}
        <p className="backup-hint">{t('safety.backup.folderHint')}</p>
      </section>

      <section className="settings-card" aria-labelledby="backup-list-title">
        <h2 id="backup-list-title">{t('safety.backup.listTitle')}</h2>
        {status && <BackupList backups={status.backups} onPick={(file) => setPicked((p) => ({ file, no: (p?.no ?? 0) + 1 }))} />}
      </section>

      <section className="settings-card" aria-labelledby="restore-title">
        <h2 id="restore-title">{t('safety.restore.title')}</h2>
        <p className="backup-hint">{t('safety.restore.hint')}</p>
        <RestorePanel via="backup.restore" file={picked?.file} pickNo={picked?.no} />
      </section>
    </div>
  );
}
