/**
 * The window's start on a damaged company file (cut short, garbage bytes): what happened, the latest backup
 * that passed the full check with what it holds and one button to restore it, or another backup file. The
 * damaged file is renamed aside by the core, never deleted (electron/core/holder.ts).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryStatus } from '../../../../shared/api';
import { BackupList, RestorePanel } from './RestorePanel';
import './safety.css';

export function RecoveryScreen({ status }: { status: RecoveryStatus }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<{ file: string; no: number } | null>(status.latest ? { file: status.latest.file, no: 0 } : null);
  return (
    <div className="recovery-screen" data-screen="recovery" role="main">
      <h1>{t('safety.recovery.title')}</h1>
      <div className="panel-message error" role="alert" data-testid="recovery-message">
        <p>{t('safety.recovery.what', { file: status.companyFile })}</p>
        <p className="recovery-detail">{status.message}</p>
      </div>
      <section className="settings-card" aria-labelledby="recovery-latest-title">
        <h2 id="recovery-latest-title">{t('safety.recovery.latestTitle')}</h2>
        {status.latest ? (
          <p className="restore-file" data-testid="recovery-latest">
            {status.latest.file}
          </p>
        ) : (
          <p data-testid="recovery-none">{t('safety.recovery.none', { folder: status.backupFolder })}</p>
        )}
        <RestorePanel via="recovery.restore" file={picked?.file} pickNo={picked?.no} />
      </section>
      {status.backups.length > 0 && (
        <section className="settings-card" aria-labelledby="recovery-list-title">
          <h2 id="recovery-list-title">{t('safety.recovery.listTitle', { folder: status.backupFolder })}</h2>
          <BackupList backups={status.backups} onPick={(file) => setPicked((p) => ({ file, no: (p?.no ?? 0) + 1 }))} />
        </section>
      )}
    </div>
  );
}
