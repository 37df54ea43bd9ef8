/**
 * The side form for adding and editing a record. Esc closes it (a second Esc when there are unsaved
 * changes, so one stray key does not throw away typing); Ctrl+S or Ctrl+Enter saves.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberFocus, trapTab } from './dialogKeys';

interface SidePanelProps {
  title: string;
  dirty: boolean;
  saving: boolean;
  /** shown above the buttons, e.g. "2 fields need attention" */
  message?: string | undefined;
  onSave: () => void;
  onClose: () => void;
  children: ReactNode;
}

export function SidePanel({ title, dirty, saving, message, onSave, onClose, children }: SidePanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const [armed, setArmed] = useState(false);

  useEffect(() => {
    const restore = rememberFocus();
    const first = rootRef.current?.querySelector<HTMLElement>('.panel-body input:not([readonly]), .panel-body select, .panel-body textarea');
    first?.focus();
    return restore;
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') {
      if (e.defaultPrevented) return;
      e.preventDefault();
      if (dirty && !armed) setArmed(true);
      else onClose();
      return;
    }
    if (armed) setArmed(false);
    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S' || e.key === 'Enter')) {
      e.preventDefault();
      if (!saving) onSave();
      return;
    }
    trapTab(e, rootRef.current);
  }

  return (
    <div className="panel-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !dirty && onClose()}>
      <div className="panel" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={rootRef} onKeyDown={onKeyDown}>
        <header className="panel-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label={t('common.close')} title={`${t('common.close')} (Esc)`} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="panel-body">{children}</div>
        <footer className="panel-footer">
          {armed && (
            <div className="panel-message warn" role="alert">
              {t('common.unsavedEsc')}
            </div>
          )}
          {!armed && message && (
            <div className="panel-message error" role="alert">
              {message}
            </div>
          )}
          <div className="panel-buttons">
            <button type="button" className="primary" disabled={saving} onClick={onSave} title="Ctrl+S">
              {saving ? t('common.saving') : t('common.save')}
            </button>
            <button type="button" onClick={onClose} title="Esc">
              {t('common.cancel')}
            </button>
          </div>
        </footer>
      </div>
    </div>
  );
}
