/**
 * "Restore from backup…": a backup file (typed, picked from the list, or chosen with the native dialog in the
 * desktop window), the full check of what it holds (company, counts, last change, versions) and, after a
 * confirmation, the restore itself. The core refuses a damaged or foreign file with the reason; after a
 * restore the page reloads on the restored file. The Backups screen and the recovery screen both use it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntry, BackupInfo } from '../../../../shared/api';
import type { TFunction } from 'i18next';
import { ApiCallError, call } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useNotify } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { localTime } from '../history/changes';
import { pickPath } from './pick';

export function BackupFacts({ info }: { info: Omit<BackupInfo, 'file' | 'bytes'> & { bytes?: number } }) {
  const { t } = useTranslation();
  const c = info.counts;
  return (
    <dl className="backup-facts" data-testid="backup-facts">
      <dt>{t('safety.backup.company')}</dt>
      <dd data-fact="company">{info.company ?? t('safety.backup.noCompany')}</dd>
      <dt>{t('safety.backup.records')}</dt>
      <dd data-fact="counts">
        {t('safety.backup.counts', { parties: c.parties, products: c.products, orders: c.orders, payments: c.payments, shipments: c.shipments })}
      </dd>
      <dt>{t('safety.backup.lastChange')}</dt>
      <dd data-fact="lastChange">{info.lastChange ? localTime(info.lastChange) : t('safety.backup.none')}</dd>
      <dt>{t('safety.backup.version')}</dt>
      <dd data-fact="version">
        {info.schemaVersion < info.latestSchemaVersion
          ? t('safety.backup.olderVersion', { version: info.schemaVersion, latest: info.latestSchemaVersion })
          : t('safety.backup.sameVersion', { version: info.schemaVersion })}
      </dd>
    </dl>
  );
}

/** The core's refusals of a backup file (English) in the UI language; the details stay as the core wrote them. */
export function refusalText(t: TFunction, e: unknown): string {
  const message = e instanceof ApiCallError ? e.message : '';
  const rules: [RegExp, string][] = [
    [/is damaged and cannot be restored \((.*)\)/, 'safety.refused.damaged'],
    [/not a SQLite database file|too short to be a database|: it is empty/, 'safety.refused.notDatabase'],
    [/is a SQLite database but not a Trade Records file/, 'safety.refused.foreign'],
    [/newer version of Trade Records/, 'safety.refused.newer'],
    [/does not exist|is not a file/, 'safety.refused.missing'],
    [/is the company file itself/, 'safety.refused.itself'],
  ];
  for (const [re, key] of rules) {
    const m = re.exec(message);
    if (m) return t(key, { why: m[1] ?? '' });
  }
  return describeError(t, e);
}

const KIND_KEYS = ['daily', 'monthly', 'manual', 'before-restore', 'other'] as const;

/** The files of a backup folder, newest first, with what each holds and a "Restore…" per row. */
export function BackupList({ backups, onPick }: { backups: BackupEntry[]; onPick: (file: string) => void }) {
  const { t } = useTranslation();
  if (backups.length === 0) return <p className="backup-empty" data-testid="backup-empty">{t('safety.backup.noBackups')}</p>;
  return (
    <table className="backup-list" data-testid="backup-list">
      <thead>
        <tr>
          <th>{t('safety.backup.columns.time')}</th>
          <th>{t('safety.backup.columns.kind')}</th>
          <th>{t('safety.backup.columns.holds')}</th>
          <th>{t('safety.backup.columns.lastChange')}</th>
          <th className="num">{t('safety.backup.columns.size')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {backups.map((b) => (
          <tr key={b.file} data-backup={b.name} title={b.file}>
            <td>{localTime(b.modifiedAt)}</td>
            <td>{t(`safety.backup.kinds.${KIND_KEYS.includes(b.kind) ? b.kind : 'other'}`)}</td>
            <td>
              {b.info
                ? `${b.info.company ?? t('safety.backup.noCompany')} · ${t('safety.backup.counts', { ...b.info.counts })}`
                : t('safety.backup.unreadable', { problem: b.problem ?? '' })}
            </td>
            <td>{b.info?.lastChange ? localTime(b.info.lastChange) : ''}</td>
            <td className="num">{t('safety.backup.megabytes', { mb: (b.bytes / 1024 / 1024).toFixed(1) })}</td>
            <td>
              <button type="button" data-action="restore-this" disabled={!b.info} onClick={() => onPick(b.file)}>
                {t('safety.restore.this')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface RestorePanelProps {
  /** the call that restores: the normal one, or recovery.restore over a damaged file */
  via: 'backup.restore' | 'recovery.restore';
  /** a file to check at once (picked from a list) */
  file?: string;
  /** bumped with `file` so the same file picked twice is checked again */
  pickNo?: number;
}

export function RestorePanel({ via, file: given, pickNo }: RestorePanelProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [file, setFile] = useState(given ?? '');
  const [info, setInfo] = useState<BackupInfo | null>(null);
  const [refusal, setRefusal] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function inspect(path: string) {
    setInfo(null);
    setRefusal('');
    if (path.trim() === '') return;
    setBusy(true);
    try {
      setInfo(await call('backup.inspect', { file: path }));
    } catch (e) {
      setRefusal(refusalText(t, e));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (given) {
      setFile(given);
      void inspect(given);
    }
    // a new pick from the list checks that file
  }, [given, pickNo]);

  async function restore() {
    if (!info) return;
    setConfirming(false);
    setBusy(true);
    try {
      const r = await call(via, { file: info.file });
      notify.success(t('safety.restore.done', { file: r.restored.file }));
      if (!r.check.ok) notify.error(t('safety.restore.checkProblems', { problems: r.check.problems.join('; ') }));
      // the window starts over on the restored file (a new session: undo list and sign-in start empty)
      setTimeout(() => window.location.reload(), 1200);
    } catch (e) {
      setRefusal(refusalText(t, e));
      setBusy(false);
    }
  }

  return (
    <div className="restore-panel" data-testid="restore-panel">
      <div className="backup-row">
        <PathField id={`restore-file-${via}`} label={t('safety.restore.file')} value={file} placeholder={t('safety.restore.filePlaceholder')} onChange={setFile} onEnter={() => void inspect(file)} />
        <PickButton
          kind="backup-file"
          onPicked={(p) => {
            setFile(p);
            void inspect(p);
          }}
        />
        <button type="button" data-action="inspect" disabled={busy || file.trim() === ''} onClick={() => void inspect(file)}>
          {t('safety.restore.inspect')}
        </button>
      </div>
      {refusal && (
        <p className="field-error" role="alert" data-testid="restore-refusal">
          {refusal}
        </p>
      )}
      {info && (
        <div className="restore-info">
          <BackupFacts info={info} />
          <p className="restore-note">{via === 'recovery.restore' ? t('safety.recovery.keepNote') : t('safety.restore.safetyNote')}</p>
          <button type="button" className="primary" data-action="restore" disabled={busy} onClick={() => setConfirming(true)}>
            {busy ? t('safety.restore.restoring') : t('safety.restore.button')}
          </button>
        </div>
      )}
      {confirming && info && (
        <ConfirmDialog
          text={t('safety.restore.confirm', { company: info.company ?? '', file: info.file })}
          confirmLabel={t('safety.restore.button')}
          danger
          onConfirm={() => void restore()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

/** A full path typed in (a folder or a backup file): Enter acts, the field is marked when refused. */
export function PathField(props: { id: string; label: string; value: string; onChange: (v: string) => void; onEnter: () => void; placeholder?: string; invalid?: boolean }) {
  return (
    <label className="backup-path">
      <span>{props.label}</span>
      <input
        id={props.id}
        value={props.value}
        spellCheck={false}
        placeholder={props.placeholder}
        aria-invalid={props.invalid ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && props.value.trim() !== '') props.onEnter();
        }}
      />
    </label>
  );
}

/** "Choose…": the native dialog in the desktop window; in browser mode the path is typed (the server's disk). */
export function PickButton({ kind, onPicked }: { kind: 'folder' | 'backup-file'; onPicked: (path: string) => void }) {
  const { t } = useTranslation();
  const [available] = useState(() => pickPath.available());
  if (!available) return null;
  return (
    <button
      type="button"
      data-action={`pick-${kind}`}
      onClick={() => {
        void pickPath.pick(kind).then((p) => p && onPicked(p));
      }}
    >
      {t('safety.backup.choose')}
    </button>
  );
}
