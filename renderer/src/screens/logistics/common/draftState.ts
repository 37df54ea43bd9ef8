/**
 * Draft state that a save can read at once. AG Grid hands cell edits to React a moment after the edit (its
 * events are queued), and a key like Ctrl+S can come in between: the save reads the draft from a ref that
 * every change updates straight away, after letting the grid finish an edit still open and deliver it.
 */
import { useCallback, useRef, useState } from 'react';

export function useSyncState<T>(initial: T | (() => T)) {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    const v = typeof next === 'function' ? (next as (prev: T) => T)(ref.current) : next;
    ref.current = v;
    setValue(v);
  }, []);
  return [value, set, ref] as const;
}

/** End a grid cell edit that is still open (it commits on blur) and wait for the grid's queued events. */
export async function settleGridEdits(): Promise<void> {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.closest('.ag-cell-inline-editing, .ag-popup-editor')) active.blur();
  for (let i = 0; i < 2; i++) await new Promise((r) => setTimeout(r, 0));
}
