/**
 * A modal form for the logistics screens (add lines, receive, adjust stock, new claim, settle): a title,
 * the fields, a message line and OK / Cancel. Enter submits (not from a text area or an open picker, which
 * keep Enter for themselves), Esc cancels, Tab stays inside; the focus goes back where it was on close.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberFocus, trapTab } from '../../../components/dialogKeys';

interface DialogProps {
  title: string;
  submitLabel: string;
  busy?: boolean;
  /** a message for the whole form (an error without a field) */
  message?: string | undefined;
  /** disable the submit button (nothing to do yet) */
  canSubmit?: boolean;
  wide?: boolean;
  testId?: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}

export function Dialog({ title, submitLabel, busy, message, canSubmit = true, wide, testId, onSubmit, onCancel, children }: DialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const restore = rememberFocus();
    const first = rootRef.current?.querySelector<HTMLElement>('[data-autofocus], .dialog-body input:not([readonly]), .dialog-body select, .dialog-body textarea');
    // content that is still loading gets the focus when it comes (data-autofocus); Esc works meanwhile
    (first ?? rootRef.current)?.focus();
    return restore;
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') {
      if (e.defaultPrevented) return;
      e.preventDefault();
      onCancel();
      return;
    }
    if (e.key === 'Enter' && !e.defaultPrevented && !e.shiftKey) {
      const target = e.target as HTMLElement;
      if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON' || target.getAttribute('aria-expanded') === 'true') return;
      e.preventDefault();
      if (!busy && canSubmit) onSubmit();
      return;
    }
    trapTab(e, rootRef.current);
  }

  return (
    <div className="modal-backdrop">
      <div className={`modal logi-dialog${wide ? ' logi-dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} ref={rootRef} tabIndex={-1} onKeyDown={onKeyDown} data-testid={testId}>
        <header className="logi-dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label={t('common.close')} title={`${t('common.close')} (Esc)`} onClick={onCancel}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {message && (
          <div className="panel-message error" role="alert">
            {message}
          </div>
        )}
        <div className="modal-buttons">
          <button type="button" className="primary" disabled={busy || !canSubmit} onClick={onSubmit} title="Enter">
            {busy ? t('common.saving') : submitLabel}
          </button>
          <button type="button" onClick={onCancel} title="Esc">
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
