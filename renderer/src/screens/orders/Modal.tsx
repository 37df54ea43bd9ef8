/**
 * A small form dialog of the orders area (cancel reason, receive goods, number prefixes): the first field has
 * the focus, Enter submits, Esc closes, Tab stays inside, the focus goes back where it was on close.
 */
import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberFocus, trapTab } from '../../components/dialogKeys';

interface ModalProps {
  title: string;
  submitLabel: string;
  /** the submit button's text while busy (default: Saving…) */
  busyLabel?: string;
  busy: boolean;
  danger?: boolean;
  wide?: boolean;
  /** a message about the whole form (the core's answer), shown above the buttons */
  message?: string | undefined;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

export function Modal({ title, submitLabel, busyLabel, busy, danger, wide, message, onSubmit, onClose, children, testId }: ModalProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const rootRef = useRef<HTMLFormElement>(null);

  useEffect(() => rememberFocus(), []);

  // the first field gets the focus, also when the fields appear after loading
  useEffect(() => {
    const root = rootRef.current;
    if (!root || root.contains(document.activeElement) && document.activeElement !== root) return;
    const first = root.querySelector<HTMLElement>('input:not([readonly]):not([type=hidden]):not([disabled]), select, textarea');
    (first ?? root).focus();
  });

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onClose();
      return;
    }
    trapTab(e, rootRef.current);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!busy) onSubmit();
  }

  return (
    <div className="modal-backdrop">
      <form
        className={`modal order-modal${wide ? ' order-modal-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={rootRef}
        onKeyDown={onKeyDown}
        onSubmit={submit}
        tabIndex={-1}
        data-testid={testId}
      >
        <h2 id={titleId} className="order-modal-title">
          {title}
        </h2>
        <div className="order-modal-body">{children}</div>
        {message && (
          <div className="panel-message error" role="alert">
            {message}
          </div>
        )}
        <div className="modal-buttons">
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
            {busy ? (busyLabel ?? t('common.saving')) : submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
