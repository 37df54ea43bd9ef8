/**
 * Keys of a detail view, wherever the focus is (also after a dialog closed and its button is gone): Ctrl+S
 * saves, Esc goes back to the list. Not while a dialog is open, a picker list is open (it keeps Esc for
 * itself) or an input method is composing; Esc inside a grid belongs to the grid (it cancels an edit).
 */
import { useEffect, useRef } from 'react';

export function useDetailKeys(handlers: { onSave: () => void; onBack: () => void }): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.isComposing || e.defaultPrevented || document.querySelector('.modal-backdrop, .panel-backdrop')) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        latest.current.onSave();
      } else if (e.key === 'Escape' && !(e.target instanceof HTMLElement && e.target.closest('.ag-root, [aria-expanded="true"]'))) {
        e.preventDefault();
        latest.current.onBack();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
