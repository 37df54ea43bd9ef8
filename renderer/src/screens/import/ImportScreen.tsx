/**
 * Import (导入): products, parties or order lines from the Excel / CSV files traders have (issue 5).
 *
 *   1. pick what to import and the file (the party of the order, the role of parties without one);
 *   2. the core reads and checks EVERY row (a job with progress and Cancel) and shows: the sheet and encoding
 *      (changeable), the header row, a mapping table with a field per column, the first rows as they will
 *      be stored (new / changed with old → new), and the rejected rows (row in the file, column, reason) and
 *      the skipped ones (blank, totals, repeated header);
 *   3. Import — or, when rows were rejected, "Import the N valid rows" after seeing the list — in one
 *      transaction (progress, Cancel: nothing is written);
 *   4. the result, with links to what was written.
 * A mapping can be saved by name and chosen for the next file from the same source.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ApiArg, Party } from '../../../../shared/api';
import { IMPORT_ENCODINGS, IMPORT_FIELDS, IMPORT_MAX_UPLOAD_BYTES, type ImportKind, type ImportMapping, type ImportPreview, type ImportResult } from '../../../../shared/import';
import { ApiCallError, call, onProgress, progressConnected } from '../../api';
import { useNotify } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { partyName } from '../../lib/names';
import { useAppState } from '../../context';
import { codeLabel } from '../../lib/codes';
import type { UiLanguage } from '../../../../shared/i18n';
import { importReason } from './reasons';
import './import.css';

type Progress = { label: string; done: number; total: number };
type Phase =
  | { step: 'choose' }
  | { step: 'working'; what: 'preview' | 'run'; jobId: string; progress: Progress | null; cancelling: boolean }
  | { step: 'preview' }
  | { step: 'done'; result: ImportResult }
  | { step: 'cancelled' };

const KINDS: ImportKind[] = ['products', 'parties', 'order-lines'];
const ROLES = ['customer', 'supplier', 'agent', 'forwarder', 'broker'] as const;

function kindFromHash(): ImportKind {
  const k = window.location.hash.replace(/^#\/?/, '').split('/')[1];
  return KINDS.includes(k as ImportKind) ? (k as ImportKind) : 'products';
}

function newJobId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A file's bytes as base64, in chunks (a 20 MB file in one String.fromCharCode call would overflow the stack). */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const fieldLabel = (t: TFunction, f: string, kind?: ImportKind) =>
  kind === 'parties' && (f === 'nameZh' || f === 'nameEn') ? t(`import.partyFields.${f}`) : t(`import.fields.${f}`, { defaultValue: f });

/** A stored value as the user reads it: codes with their names, roles in words. */
function shownValue(t: TFunction, lang: UiLanguage, field: string, value: string): string {
  if (value === '') return '';
  if (field === 'customsUnit' || field === 'unit') return codeLabel('units', value, lang);
  if (field === 'country' || field === 'nationality') return codeLabel('countries', value, lang);
  if (field === 'roles') return value.split(', ').map((r) => t(`party.roles.${r}`, { defaultValue: r })).join(t('import.listSeparator'));
  return value;
}

export function ImportScreen() {
  const { t, i18n } = useTranslation();
  const notify = useNotify();
  const { language } = useAppState();
  const [kind, setKind] = useState<ImportKind>(kindFromHash);
  const [file, setFile] = useState<{ name: string; dataBase64: string; size: number } | null>(null);
  const [role, setRole] = useState<(typeof ROLES)[number]>('customer');
  const [parties, setParties] = useState<Party[]>([]);
  const [partyId, setPartyId] = useState<number | ''>('');
  const [mappings, setMappings] = useState<ImportMapping[]>([]);
  const [mappingName, setMappingName] = useState('');
  const [sheet, setSheet] = useState<string | undefined>();
  const [encoding, setEncoding] = useState<(typeof IMPORT_ENCODINGS)[number] | undefined>();
  const [headerRow, setHeaderRow] = useState<number | undefined>();
  const [columns, setColumns] = useState<string[] | undefined>();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const [saveName, setSaveName] = useState('');
  const kindRef = useRef(kind);
  kindRef.current = kind;
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const fileInput = useRef<HTMLInputElement>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  const count = new Intl.NumberFormat(i18n.language);

  useEffect(() => {
    // another kind (a link from Products or Parties): a fresh start, the mappings of that kind
    const onHash = () => {
      if (!window.location.hash.replace(/^#\/?/, '').startsWith('import')) return;
      const next = kindFromHash();
      if (next === kindRef.current) return;
      setKind(next);
      setMappingName('');
      resetFile();
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    call('import.mappings.list', { kind }).then(setMappings, () => setMappings([]));
    if (kind === 'order-lines') call('parties.list', {}).then((ps) => setParties(ps.filter((p) => p.roles.includes('customer') || p.roles.includes('supplier'))), () => setParties([]));
  }, [kind]);

  function resetFile() {
    setFile(null);
    setPreview(null);
    setSheet(undefined);
    setEncoding(undefined);
    setHeaderRow(undefined);
    setColumns(undefined);
    setError(null);
    setSaveName('');
    setPhase({ step: 'choose' });
    if (fileInput.current) fileInput.current.value = '';
  }

  function baseArg(over: Partial<ApiArg<'import.preview'>> = {}, f = file): ApiArg<'import.preview'> | null {
    if (!f) return null;
    const arg: ApiArg<'import.preview'> = { kind, file: { name: f.name, dataBase64: f.dataBase64 } };
    const s = over.sheet ?? sheet;
    const enc = over.encoding ?? encoding;
    const h = over.headerRow ?? headerRow;
    const cols = 'columns' in over ? over.columns : columns;
    const m = over.mappingName ?? mappingName;
    if (s !== undefined) arg.sheet = s;
    if (enc !== undefined) arg.encoding = enc;
    if (h !== undefined) arg.headerRow = h;
    if (cols !== undefined) arg.columns = cols;
    else if (m) arg.mappingName = m;
    if (kind === 'parties') arg.role = role;
    if (kind === 'order-lines' && partyId !== '') arg.partyId = partyId;
    return arg;
  }

  /** Run a preview or an import as a job: progress events with its id, Cancel through jobs.cancel. */
  async function job<R>(what: 'preview' | 'run', start: (jobId: string) => Promise<R>): Promise<R | null> {
    const jobId = newJobId();
    setError(null);
    setPhase({ step: 'working', what, jobId, progress: null, cancelling: false });
    const stop = onProgress((e) => {
      const p = phaseRef.current;
      if (e.jobId !== jobId || p.step !== 'working') return;
      setPhase({ ...p, progress: { label: e.label, done: e.done, total: e.total } });
    });
    try {
      await progressConnected();
      return await start(jobId);
    } catch (e) {
      const p = phaseRef.current;
      if (p.step === 'working' && p.cancelling) setPhase({ step: 'cancelled' });
      else {
        setPhase(what === 'run' || preview ? { step: 'preview' } : { step: 'choose' });
        setError(e instanceof ApiCallError && e.code !== 'transport' ? [e.message, ...e.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`)].filter((x, i, a) => a.indexOf(x) === i).join('\n') : describeError(t, e));
      }
      return null;
    } finally {
      stop();
    }
  }

  async function runPreview(over: Partial<ApiArg<'import.preview'>> = {}, f = file) {
    const arg = baseArg(over, f);
    if (!arg) return;
    const p = await job('preview', (jobId) => call('import.preview', { ...arg, cancelToken: jobId }));
    if (p) {
      setPreview(p);
      setSheet(p.sheet);
      setPhase({ step: 'preview' });
      window.setTimeout(() => runButton.current?.focus(), 0);
    }
  }

  async function chooseFile(f: File | undefined) {
    if (!f) return;
    if (f.size > IMPORT_MAX_UPLOAD_BYTES) {
      setError(t('import.errors.tooBig', { size: Math.round(f.size / 1024 / 1024), max: IMPORT_MAX_UPLOAD_BYTES / 1024 / 1024 }));
      return;
    }
    const chosen = { name: f.name, dataBase64: await toBase64(f), size: f.size };
    setFile(chosen);
    setSheet(undefined);
    setEncoding(undefined);
    setHeaderRow(undefined);
    setColumns(undefined);
    setPreview(null);
    await runPreview({}, chosen);
  }

  async function runImport(onlyValid: boolean) {
    const arg = baseArg();
    if (!arg || !preview) return;
    const columnsNow = preview.columns.map((c) => c.field ?? '');
    const r = await job('run', (jobId) => call('import.run', { ...arg, columns: columnsNow, ...(onlyValid ? { onlyValid: true } : {}), cancelToken: jobId }));
    if (r) setPhase({ step: 'done', result: r });
  }

  async function cancelJob() {
    const p = phaseRef.current;
    if (p.step !== 'working' || p.cancelling) return;
    setPhase({ ...p, cancelling: true });
    try {
      await call('jobs.cancel', { jobId: p.jobId });
    } catch (e) {
      notify.error(describeError(t, e));
    }
  }

  function mapColumn(index: number, field: string) {
    if (!preview) return;
    const next = preview.columns.map((c) => (c.index === index ? field : c.field === field && field !== '' ? '' : (c.field ?? '')));
    setColumns(next);
    void runPreview({ columns: next });
  }

  async function saveMapping() {
    if (!preview || saveName.trim() === '') return;
    try {
      const saved = await call('import.mappings.save', { name: saveName.trim(), kind, columns: preview.columns.filter((c) => c.header !== '').map((c) => ({ header: c.header, field: c.field ?? '' })) });
      setMappings((ms) => [...ms.filter((m) => m.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name)));
      setMappingName(saved.name);
      notify.success(t('import.mapping.saved', { name: saved.name }));
    } catch (e) {
      notify.error(describeError(t, e));
    }
  }

  const fields = IMPORT_FIELDS[kind] as readonly string[];
  const shownFields = useMemo(() => {
    if (!preview) return [];
    const used = new Set<string>();
    for (const r of preview.rows) for (const k of Object.keys(r.values)) used.add(k);
    return [...used].sort((a, b) => fields.indexOf(a) - fields.indexOf(b));
  }, [preview, fields]);

  const working = phase.step === 'working';
  const orderNeedsParty = kind === 'order-lines' && partyId === '';
  const counts = preview?.counts;

  return (
    <section className="screen import-screen" aria-labelledby="import-title" data-screen="import">
      <div className="toolbar">
        <h1 id="import-title">{t('import.title')}</h1>
      </div>

      <form className="import-card" aria-label={t('import.choose.title')} onSubmit={(e) => e.preventDefault()}>
        <div className="import-row">
          <label className="field">
            <span className="field-label">{t('import.choose.kind')}</span>
            <select data-testid="import-kind" value={kind} disabled={working} onChange={(e) => { setKind(e.target.value as ImportKind); setMappingName(''); window.location.hash = `#import/${e.target.value}`; resetFile(); }}>
              {KINDS.map((k) => (
                <option key={k} value={k}>{t(`import.kinds.${k}`)}</option>
              ))}
            </select>
          </label>
          {kind === 'parties' && (
            <label className="field">
              <span className="field-label">{t('import.choose.role')}</span>
              <select data-testid="import-role" value={role} disabled={working} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>{t(`party.roles.${r}`, { defaultValue: r })}</option>
                ))}
              </select>
            </label>
          )}
          {kind === 'order-lines' && (
            <label className="field">
              <span className="field-label">{t('import.choose.party')}</span>
              <select data-testid="import-party" value={partyId} disabled={working} onChange={(e) => { const v = e.target.value === '' ? '' : Number(e.target.value); setPartyId(v); if (file) void runPreview(v === '' ? {} : { partyId: v }); }}>
                <option value="">{t('import.choose.partyPick')}</option>
                {parties.map((p) => (
                  <option key={p.id} value={p.id}>{partyName(p, language)}</option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span className="field-label">{t('import.mapping.use')}</span>
            <select data-testid="import-mapping" value={mappingName} disabled={working} onChange={(e) => { setMappingName(e.target.value); setColumns(undefined); if (file) void runPreview({ columns: undefined, ...(e.target.value ? { mappingName: e.target.value } : {}) }); }}>
              <option value="">{t('import.mapping.auto')}</option>
              {mappings.map((m) => (
                <option key={m.name} value={m.name}>{m.name}</option>
              ))}
            </select>
          </label>
        </div>
        <div className="import-row">
          <input ref={fileInput} id="import-file" data-testid="import-file" type="file" accept=".xlsx,.xlsm,.xls,.csv,.tsv,.txt" disabled={working} onChange={(e) => void chooseFile(e.target.files?.[0])} />
          <span className="import-note">{t('import.choose.hint', { max: IMPORT_MAX_UPLOAD_BYTES / 1024 / 1024 })}</span>
        </div>
      </form>

      {error && (
        <div className="panel-message error import-error" role="alert" data-testid="import-error">
          {error}
        </div>
      )}

      {phase.step === 'working' && (
        <section className="import-card" data-testid="import-progress" aria-live="polite">
          <div className="import-row">
            <strong>{t(phase.what === 'run' ? 'import.progress.running' : 'import.progress.checking', { file: file?.name ?? '' })}</strong>
            <button type="button" data-action="import-cancel" disabled={phase.cancelling} onClick={() => void cancelJob()}>
              {phase.cancelling ? t('import.progress.cancelling') : t('common.cancel')}
            </button>
          </div>
          <div className="import-bar" role="progressbar" aria-valuemin={0} aria-valuemax={phase.progress?.total || 100} aria-valuenow={phase.progress?.total ? phase.progress.done : undefined}>
            <div className="import-bar-fill" style={{ width: phase.progress?.total ? `${Math.floor((phase.progress.done * 100) / phase.progress.total)}%` : '5%' }} />
          </div>
          <span className="import-note">
            {phase.progress ? t(`import.progress.${phase.progress.label}`, { done: count.format(phase.progress.done), total: count.format(phase.progress.total) }) : t('import.progress.starting')}
          </span>
        </section>
      )}

      {phase.step === 'cancelled' && (
        <div className="import-card" role="status" data-testid="import-cancelled">
          <p>{t('import.cancelled')}</p>
        </div>
      )}

      {preview && (phase.step === 'preview' || (phase.step === 'working' && phase.what === 'preview')) && (
        <>
          <section className="import-card" aria-labelledby="import-source-title" data-testid="import-source">
            <h2 id="import-source-title">{t('import.source.title', { file: preview.fileName })}</h2>
            <div className="import-row">
              {preview.format === 'xlsx' ? (
                <label className="field">
                  <span className="field-label">{t('import.source.sheet')}</span>
                  <select data-testid="import-sheet" value={preview.sheet} disabled={working} onChange={(e) => { setSheet(e.target.value); setHeaderRow(undefined); setColumns(undefined); void runPreview({ sheet: e.target.value, columns: undefined }); }}>
                    {preview.sheets.map((s) => (
                      <option key={s} value={s}>{s}</option>
                    ))}
                  </select>
                </label>
              ) : (
                <label className="field">
                  <span className="field-label">{t('import.source.encoding')}</span>
                  <select data-testid="import-encoding" value={preview.encoding ?? ''} disabled={working} onChange={(e) => { const enc = e.target.value as (typeof IMPORT_ENCODINGS)[number]; setEncoding(enc); void runPreview({ encoding: enc }); }}>
                    {IMPORT_ENCODINGS.map((enc) => (
                      <option key={enc} value={enc}>{t(`import.encodings.${enc}`)}{enc === preview.detectedEncoding ? ` (${t('import.source.detected')})` : ''}</option>
                    ))}
                  </select>
                </label>
              )}
              <label className="field">
                <span className="field-label">{t('import.source.headerRow')}</span>
                <input type="number" data-testid="import-header-row" min={1} className="import-num" disabled={working} defaultValue={preview.headerRows[0]} key={preview.headerRows.join('-')} onBlur={(e) => { const n = Number(e.target.value); if (n >= 1 && n !== preview.headerRows[0]) { setHeaderRow(n); setColumns(undefined); void runPreview({ headerRow: n, columns: undefined }); } }} />
              </label>
              <span className="import-note">{preview.headerRows.length > 1 ? t('import.source.twoRows', { from: preview.headerRows[0], to: preview.headerRows[1] }) : ''}</span>
            </div>
            {preview.notes.map((n) => (
              <p key={n} className="import-note">{n}</p>
            ))}
          </section>

          <section className="import-card" aria-labelledby="import-mapping-title" data-testid="import-mapping-table">
            <h2 id="import-mapping-title">{t('import.mapping.title')}</h2>
            {preview.missing.length > 0 && (
              <p className="field-error" role="alert" data-testid="import-missing">
                {t('import.mapping.missing', { fields: preview.missing.map((f) => fieldLabel(t, f, kind)).join(t('import.listSeparator')) })}
              </p>
            )}
            <div className="import-table-wrap">
              <table className="import-table">
                <thead>
                  <tr>
                    <th>{t('import.mapping.column')}</th>
                    <th>{t('import.mapping.header')}</th>
                    <th>{t('import.mapping.field')}</th>
                    <th>{t('import.mapping.samples')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.columns.map((c) => (
                    <tr key={c.index} className={c.field ? '' : 'import-unmapped'}>
                      <td className="num">{c.letter}</td>
                      <td>{c.header}</td>
                      <td>
                        <select aria-label={t('import.mapping.fieldOf', { column: c.letter })} data-col={c.letter} value={c.field ?? ''} disabled={working} onChange={(e) => mapColumn(c.index, e.target.value)}>
                          <option value="">{t('import.mapping.ignore')}</option>
                          {fields.map((f) => (
                            <option key={f} value={f}>{fieldLabel(t, f, kind)}</option>
                          ))}
                        </select>
                      </td>
                      <td className="import-samples">{c.samples.filter(Boolean).join(' · ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="import-row">
               <input type="text" className="import-mapping-name" data-testid="import-mapping-name" placeholder={t('import.mapping.namePlaceholder')} value={saveName} maxLength={100} onChange={(e) => setSaveName(e.target.value)} />
              <button type="button" data-action="import-save-mapping" disabled={saveName.trim() === '' || working} onClick={() => void saveMapping()}>
                {t('import.mapping.save')}
              </button>
            </div>
          </section>

          <section className="import-card" aria-labelledby="import-rows-title" data-testid="import-preview-rows">
            <h2 id="import-rows-title">{t('import.rows.title', { n: preview.rows.length })}</h2>
            <div className="import-table-wrap">
              <table className="import-table">
                <thead>
                  <tr>
                    <th>{t('import.rows.row')}</th>
                    <th>{t('import.rows.action')}</th>
                    {shownFields.map((f) => (
                      <th key={f}>{fieldLabel(t, f, kind)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.row} data-row={r.row}>
                      <td className="num">{r.row}</td>
                      <td><span className={`import-action import-action-${r.action}`}>{t(`import.actions.${r.action}`)}</span></td>
                      {shownFields.map((f) => {
                        const ch = r.changes?.[f];
                        return (
                          <td key={f} className={ch ? 'import-changed' : ''} title={ch ? `${ch[0] || '—'} → ${ch[1]}` : undefined}>
                            {ch ? (
                              <>
                                <s>{shownValue(t, language, f, ch[0]) || '—'}</s> {shownValue(t, language, f, ch[1])}
                              </>
                            ) : (
                              shownValue(t, language, f, r.values[f] ?? '')
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="import-card" aria-labelledby="import-report-title" data-testid="import-report">
            <h2 id="import-report-title">{t('import.report.title')}</h2>
            {counts && (
              <p data-testid="import-counts">
                {t(kind === 'order-lines' ? 'import.report.countsLines' : 'import.report.counts', {
                  rows: count.format(counts.rows), valid: count.format(counts.valid), create: count.format(counts.create), update: count.format(counts.update),
                  unchanged: count.format(counts.unchanged), rejected: count.format(counts.rejected), skipped: count.format(counts.skipped),
                })}
              </p>
            )}
            {preview.rejected.length > 0 && (
              <div className="import-table-wrap">
                <table className="import-table import-rejected" data-testid="import-rejected">
                  <caption>{t('import.report.rejected', { n: count.format(counts?.rejected ?? 0) })}</caption>
                  <thead>
                    <tr>
                      <th>{t('import.rows.row')}</th>
                      <th>{t('import.mapping.column')}</th>
                      <th>{t('import.report.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rejected.map((x, i) => (
                      <tr key={`${x.row}-${x.field}-${i}`}>
                        <td className="num">{x.row}</td>
                        <td>{x.column}</td>
                        <td>{importReason(t, x.message)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {preview.skipped.length > 0 && (
              <p className="import-note" data-testid="import-skipped">
                {t('import.report.skipped')}{' '}
                {preview.skipped.map((s) => t(`import.skip.${s.reason}`, { row: s.row })).join(t('import.listSeparator'))}
              </p>
            )}
            {preview.truncated && <p className="import-note">{t('import.report.truncated')}</p>}
            <div className="import-row">
              {counts && counts.rejected === 0 ? (
                <button ref={runButton} type="button" className="primary" data-action="import-run" disabled={working || counts.valid === 0 || preview.missing.length > 0 || orderNeedsParty} onClick={() => void runImport(false)}>
                  {t('import.run', { n: count.format(counts.valid) })}
                </button>
              ) : (
                <button ref={runButton} type="button" className="primary" data-action="import-run-valid" disabled={working || !counts || counts.valid === 0 || preview.missing.length > 0 || orderNeedsParty} onClick={() => void runImport(true)}>
                  {t('import.runValid', { n: count.format(counts?.valid ?? 0), rejected: count.format(counts?.rejected ?? 0) })}
                </button>
              )}
              <button type="button" data-action="import-discard" disabled={working} onClick={resetFile}>
                {t('import.discard')}
              </button>
              {orderNeedsParty && <span className="field-error">{t('import.choose.partyFirst')}</span>}
            </div>
          </section>
        </>
      )}

      {phase.step === 'done' && (
        <section className="import-card" role="status" data-testid="import-result">
          <h2>{t('import.result.title')}</h2>
          <p data-testid="import-written">
            {phase.result.order
              ? t('import.result.order', { no: phase.result.order.no, lines: count.format(phase.result.written.lines) })
              : t('import.result.written', { created: count.format(phase.result.written.created), updated: count.format(phase.result.written.updated), unchanged: count.format(phase.result.written.unchanged) })}
          </p>
          {phase.result.counts.rejected > 0 && <p className="import-note">{t('import.result.leftOut', { n: count.format(phase.result.counts.rejected) })}</p>}
          <div className="import-row">
            {phase.result.order ? (
              <a href={`#orders/${phase.result.order.id}`} data-action="import-open-order">{t('import.result.openOrder', { no: phase.result.order.no })}</a>
            ) : (
              <a href={kind === 'parties' ? '#parties' : '#products'} data-action="import-open-list">{t(kind === 'parties' ? 'import.result.openParties' : 'import.result.openProducts')}</a>
            )}
            <button type="button" onClick={resetFile} data-action="import-another">{t('import.result.another')}</button>
          </div>
        </section>
      )}
    </section>
  );
}
