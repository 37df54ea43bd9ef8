/**
 * Reports: the bookkeeper's month-end. Pick a period (last month by default, the usual case), export the
 * ledgers to one Excel workbook (a summary sheet, then one sheet per ledger), watch its progress or cancel
 * it, and see what was written: per ledger the documents, lines and totals per currency and in base currency.
 * The export runs in the core's worker; its state lives in exportJob.ts, so it carries on (and its workbook
 * is still saved) when the user goes to another screen meanwhile.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiCallError } from '../../api';
import { useNotify } from '../../components/Toasts';
import { describeError, issueText, translateMessage } from '../../lib/errors';
import { ExportProgress } from './ExportProgress';
import { cancelExport, clearOutcome, saveAgain, startExport, useExportJob } from './exportJob';
import { LedgerSummary } from './LedgerSummary';
import { FIELD_IDS, PeriodPicker } from './PeriodPicker';
import { initialPeriod, resolvePeriod, todayLocal, type PeriodField, type PeriodInput, type PeriodProblem } from './period';
import './reports.css';

const PROBLEM_KEYS: Record<PeriodProblem, string> = {
  monthRequired: 'reports.errors.monthRequired',
  dateRequired: 'reports.errors.dateRequired',
  yearInvalid: 'reports.errors.yearInvalid',
  date: 'reports.errors.date',
  endsBeforeBegins: 'reports.errors.endsBeforeBegins',
};

/** The core's messages about a period, in the UI language; anything else through the shared table. */
function coreMessage(t: TFunction, message: string): string {
  if (/^the period ends before it begins$/.test(message)) return t('reports.errors.endsBeforeBegins');
  if (/^a date as YYYY-MM-DD$|^not a real date$/.test(message)) return t('reports.errors.date');
  return translateMessage(t, message);
}

/** The period last chosen, kept while the app is open (coming back from another screen finds it as it was). */
let rememberedPeriod: PeriodInput | undefined;

export function ReportsScreen() {
  const { t } = useTranslation();
  const notify = useNotify();
  const job = useExportJob();
  const today = useMemo(todayLocal, []);
  const [period, setPeriod] = useState<PeriodInput>(() => rememberedPeriod ?? initialPeriod(today));
  const [attempted, setAttempted] = useState(false);
  const exportRef = useRef<HTMLButtonElement>(null);
  const progressRef = useRef<HTMLElement>(null);
  const resultRef = useRef<HTMLElement>(null);
  const shownPhase = useRef(job.phase);
  const resolved = resolvePeriod(period, today);
  const running = job.phase === 'running';

  // the usual case is the default period: Enter exports it
  useEffect(() => {
    if (!running) exportRef.current?.focus();
  }, []); // only when the screen opens

  // an export that finishes while the screen is open: its summary comes into view
  // and the cursor, lost with the progress panel, goes back to Export
  useEffect(() => {
    if (shownPhase.current === 'running' && job.phase !== 'running') {
      if (job.phase === 'done') resultRef.current?.scrollIntoView({ block: 'start' });
      if (document.activeElement === document.body || document.activeElement === null) exportRef.current?.focus({ preventScroll: true });
    }
    shownPhase.current = job.phase;
  }, [job.phase]);

  // field errors: the UI's own check (from after to at once, missing values once Export was pressed), then the core's
  const errors: Partial<Record<PeriodField, string>> = {};
  if (!resolved.ok && (attempted || resolved.problem === 'endsBeforeBegins')) errors[resolved.field] = t(PROBLEM_KEYS[resolved.problem]);
  let failure: string | undefined;
  if (job.phase === 'failed') {
    const e = job.error;
    const placed = e instanceof ApiCallError && period.kind === 'custom' ? e.issues.filter((i) => i.path === 'from' || i.path === 'to') : [];
    for (const i of placed) errors[i.path as PeriodField] ??= issueText(t, i, coreMessage);
    if (placed.length === 0) {
      const message = e instanceof ApiCallError && e.code !== 'transport' && e.code !== 'not_found' ? (e.issues.length > 0 ? e.issues.map((i) => issueText(t, i, coreMessage)).join('; ') : coreMessage(t, e.message)) : describeError(t, e);
      failure = t('reports.errors.failed', { message });
    }
  }

  function change(next: PeriodInput) {
    rememberedPeriod = next;
    setPeriod(next);
    clearOutcome();
  }

  function exportNow() {
    if (running) return;
    setAttempted(true);
    if (!resolved.ok) {
      document.getElementById(FIELD_IDS[resolved.field])?.focus();
      return;
    }
    void startExport(resolved.from, resolved.to);
    // the Export button is disabled while it runs: the focus goes to the progress (Tab reaches Cancel)
    window.setTimeout(() => progressRef.current?.focus(), 0);
  }

  async function cancel() {
    try {
      await cancelExport();
    } catch (e) {
      notify.error(t('reports.errors.cancelFailed', { message: describeError(t, e) }));
    }
  }

  // the core named a date it refuses: the cursor goes there
  const coreField = job.phase === 'failed' && job.error instanceof ApiCallError && period.kind === 'custom' ? job.error.issues.find((i) => i.path === 'from' || i.path === 'to')?.path : undefined;
  useEffect(() => {
    if (coreField) document.getElementById(FIELD_IDS[coreField as PeriodField])?.focus();
  }, [coreField]);

  return (
    <div className="screen reports-screen" data-screen="reports">
      <div className="toolbar">
        <h1>{t('reports.title')}</h1>
      </div>
      <form
        className="reports-card"
        aria-labelledby="reports-ledgers-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          exportNow();
        }}
      >
        <div className="reports-card-head">
          <h2 id="reports-ledgers-title">{t('reports.ledgers.title')}</h2>
          <p className="reports-note">{t('reports.ledgers.intro')}</p>
        </div>
        <PeriodPicker period={period} resolved={resolved} today={today} errors={errors} onChange={change} />
        <div className="reports-actions">
          <button ref={exportRef} type="submit" className="primary" data-action="reports-export" disabled={running} aria-busy={running}>
            {running ? t('reports.export.exporting') : t('reports.export.button')}
          </button>
          <span className="reports-note">{t('reports.export.hint')}</span>
        </div>
      </form>

      {job.phase === 'running' && <ExportProgress ref={progressRef} from={job.from} to={job.to} progress={job.progress} cancelling={job.cancelling} onCancel={() => void cancel()} />}

      {job.phase === 'cancelled' && (
        <div className="reports-card reports-outcome" role="status" data-testid="export-cancelled">
          <p className="reports-cancelled">{t('reports.export.cancelled', { from: job.from, to: job.to })}</p>
        </div>
      )}

      {failure && (
        <div className="panel-message error reports-failure" role="alert" data-testid="export-failed">
          {failure}
        </div>
      )}

      {job.phase === 'done' && (
        <section ref={resultRef} className="reports-card reports-outcome" aria-labelledby="reports-result-title" data-testid="export-done">
          <div className="reports-done" role="status">
            <h2 id="reports-result-title">{t('reports.summary.title', { from: job.result.from, to: job.result.to })}</h2>
            <span className="reports-file" data-testid="export-file">
              {t('reports.export.done', { file: job.result.fileName })}
            </span>
            <button type="button" className="link-button" data-action="reports-save-again" onClick={saveAgain}>
              {t('reports.export.saveAgain')}
            </button>
          </div>
          <LedgerSummary result={job.result} />
          <p className="reports-note">{t('reports.export.copyKept')}</p>
        </section>
      )}
    </div>
  );
}
