/**
 * The message area: short "Saved" confirmations that fade on their own, and errors that stay until the
 * user closes them (an error must never pass unnoticed).
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Kind = 'success' | 'error';
interface Toast {
  id: number;
  kind: Kind;
  text: string;
}

export interface Notify {
  success(text: string): void;
  error(text: string): void;
  /** drop every message (another user signs in: they must not read the last one's) */
  clear(): void;
}

const NotifyContext = createContext<Notify | null>(null);

const SUCCESS_MS = 3000;
const MAX_TOASTS = 4;

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);

  const push = useCallback(
    (kind: Kind, text: string) => {
      const id = nextId.current++;
      setToasts((list) => [...list.filter((x) => x.text !== text), { id, kind, text }].slice(-MAX_TOASTS));
      if (kind === 'success') setTimeout(() => dismiss(id), SUCCESS_MS);
    },
    [dismiss],
  );

  const notify = useMemo<Notify>(
    () => ({ success: (text) => push('success', text), error: (text) => push('error', text), clear: () => setToasts([]) }),
    [push],
  );

  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((x) => (
          <div key={x.id} className={`toast toast-${x.kind}`} role={x.kind === 'error' ? 'alert' : 'status'}>
            <span className="toast-text">{x.text}</span>
            <button type="button" className="toast-close" aria-label={t('common.dismiss')} title={t('common.dismiss')} onClick={() => dismiss(x.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  const n = useContext(NotifyContext);
  if (!n) throw new Error('useNotify outside ToastProvider');
  return n;
}
