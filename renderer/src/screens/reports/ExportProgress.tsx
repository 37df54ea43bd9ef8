/**
 * A running export: the ledger being written, rows done of all rows, the percentage, and Cancel. The export
 * runs in the core's worker thread, so the rest of the app stays usable meanwhile (the note says so).
 */
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Progress } from './exportJob';

interface Props {
  from: string;
  to: string;
  progress: Progress | null;
  cancelling: boolean;
  onCancel: () => void;
}

export const ExportProgress = forwardRef<HTMLElement, Props>(function ExportProgress({ from, to, progress, cancelling, onCancel }, ref) {
  const { t, i18n } = useTranslation();
  const count = new Intl.NumberFormat(i18n.language);
  const total = progress?.total ?? 0;
  const done = Math.min(progress?.done ?? 0, total);
  const percent = total > 0 ? Math.floor((done * 100) / total) : 0;
  return (
    <section ref={ref} tabIndex={-1} className="reports-progress" data-testid="export-progress" aria-labelledby="reports-progress-title">
      <div className="reports-progress-head">
        <h2 id="reports-progress-title">{t('reports.export.running', { from, to })}</h2>
        <button type="button" data-action="reports-cancel" disabled={cancelling} aria-busy={cancelling} onClick={onCancel}>
          {cancelling ? t('reports.export.cancelling') : t('reports.export.cancel')}
        </button>
      </div>
      <div
        className={`reports-bar${progress ? '' : ' reports-bar-waiting'}`}
        role="progressbar"
        aria-labelledby="reports-progress-title"
        aria-valuemin={0}
        aria-valuemax={total > 0 ? total : 100}
        aria-valuenow={progress ? done : undefined}
        aria-valuetext={progress ? t('reports.export.percent', { percent }) : t('reports.export.preparing')}
      >
        <div className="reports-bar-fill" style={{ width: progress ? `${percent}%` : undefined }} />
      </div>
      <div className="reports-progress-line" aria-live="polite">
        {progress ? (
          <>
            <span className="reports-progress-label" data-testid="progress-label">
              {progress.label}
            </span>
            <span className="num" data-testid="progress-count">
              {t('reports.export.count', { done: count.format(done), total: count.format(total) })}
            </span>
            <strong className="num" data-testid="progress-percent">
              {t('reports.export.percent', { percent })}
            </strong>
          </>
        ) : (
          <span className="reports-progress-label">{t('reports.export.preparing')}</span>
        )}
      </div>
      <p className="reports-note">{t('reports.export.background')}</p>
    </section>
  );
});
