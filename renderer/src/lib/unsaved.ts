/**
 * Unsaved changes on the screen being left. A detail screen with a draft calls useUnsavedGuard(dirty); the
 * shell asks before switching screens, and the browser asks before a reload or closing the window.
 */
import { useEffect, useRef } from 'react';

const guards = new Set<() => boolean>();

export function hasUnsavedChanges(): boolean {
  for (const g of guards) if (g()) return true;
  return false;
}

export function useUnsavedGuard(dirty: boolean): void {
  const ref = useRef(dirty);
  ref.current = dirty;
  useEffect(() => {
    const guard = () => ref.current;
    guards.add(guard);
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (ref.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      guards.delete(guard);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);
}
