import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** Keep Tab inside a dialog: from the last focusable element back to the first, and the other way. */
export function trapTab(e: KeyboardEvent | ReactKeyboardEvent, root: HTMLElement | null): void {
  if (e.key !== 'Tab' || !root) return;
  const items = Array.from(
    root.querySelectorAll<HTMLElement>('input:not([disabled]):not([tabindex="-1"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]):not([tabindex="-1"]), [tabindex="0"]'),
  ).filter((el) => el.offsetParent !== null);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/** Remember what had the focus, to give it back when a dialog closes. */
export function rememberFocus(): () => void {
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  return () => {
    if (before && before.isConnected) before.focus();
  };
}
