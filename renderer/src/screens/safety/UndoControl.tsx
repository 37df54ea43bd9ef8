/**
 * The Undo control in the header: shows what the next undo reverses ("Undo: edit customer/supplier 义乌某某"),
 * runs it on click or on Ctrl+Z (⌘Z) outside text fields, says what was undone in a toast and asks the shell to reload the screen. The core keeps the list for this session only (electron/core/undo.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UndoState, UndoTarget } from '../../../../shared/api';
import { call, onMaybeChanged } from '../../api';
import { useNotify } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { hasUnsavedChanges } from '../../lib/unsaved';

/** Where Ctrl+Z belongs to the field (its own text undo), not to the app. */
function typingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el.closest('input, textarea, select, [role="dialog"], .ag-cell-inline-editing')) return true;
  return false;
}

/**
 * The words of an undo, one catalog message per action with the kind of record and its name as variables, so
 * each language orders and declines them itself ("Отменить изменение заказа SO-1", "تراجع عن تعديل الطلب SO-1").
 * `what` is the phrase for the toast and the refusals, `label` the button's text. Actions without their own
 * message (and a change that is gone) fall back to the history's words.
 */
export function useUndoText() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (u: UndoTarget, form: 'what' | 'label' = 'what') => {
      // settings have no name and no number (entity id 0): "Changed setting"
      const name = u.name || (u.entityId > 0 ? `#${u.entityId}` : '');
      const own = u.action !== '' && i18n.exists(`safety.undo.what.${u.action}`);
      const entity = own
        ? t(`safety.undo.entity.${u.entity}`, { defaultValue: u.entity })
        : t(`history.entities.${u.entity}`, { defaultValue: u.entity });
      const vars = { entity, name };
      const tidy = (s: string) => s.replace(/\s+/g, ' ').trim();
      let text: string;
      if (own) text = tidy(form === 'label' ? t(`safety.undo.label.${u.action}`, vars) : t(`safety.undo.what.${u.action}`, vars));
      else {
        const action = u.action ? t(`history.actions.${u.action}`, { defaultValue: u.action }) : '';
        const what = tidy(t('safety.undo.what.other', { ...vars, action }));
        text = form === 'label' ? t('safety.undo.label.other', { what }) : what;
      }
      return u.more > 0 ? t('safety.undo.andMore', { what: text, count: u.more }) : text;
    },
    [t, i18n],
  );
}

export function UndoControl({ onUndone }: { onUndone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const text = useUndoText();
  const [state, setState] = useState<UndoState | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refresh = useCallback(() => {
    call('undo.state', {})
      .then(setState)
      .catch(() => setState(null));
  }, []);

  useEffect(() => {
    refresh();
    const off = onMaybeChanged((name) => {
      if (name === 'undo.run') return;
      clearTimeout(timer.current);
      timer.current = setTimeout(refresh, 150);
    });
    // another window or tab may have changed the file: look again when the user comes back or moves on
    window.addEventListener('focus', refresh);
    window.addEventListener('hashchange', refresh);
    return () => {
      off();
      clearTimeout(timer.current);
      window.removeEventListener('focus', refresh);
      window.removeEventListener('hashchange', refresh);
    };
  }, [refresh]);

  const next = state?.next ?? null;

  const run = useCallback(async () => {
    if (!next || busy) return;
    if (next.blocked) {
      notify.error(t(`safety.undo.blocked.${next.blocked}`, { what: text(next) }));
      return;
    }
    if (hasUnsavedChanges()) {
      notify.error(t('safety.undo.unsaved'));
      return;
    }
    setBusy(true);
    try {
      const r = await call('undo.run', { expect: next.auditIds });
      setState(r.state);
      notify.success(t('safety.undo.done', { what: text(r.undone) }));
      onUndone();
    } catch (e) {
      notify.error(t('safety.undo.failed', { message: describeError(t, e) }));
      refresh();
    } finally {
      setBusy(false);
    }
  }, [next, busy, notify, t, text, onUndone, refresh]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
      if (typingTarget(e.target)) return;
      e.preventDefault();
      void run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  // a clerk may not undo (the core says 'forbidden'): no control at all
  if (state === null) return null;
  const label = next ? text(next, 'label') : t('safety.undo.nothing');
  const title = next?.blocked
    ? t(`safety.undo.blocked.${next.blocked}`, { what: text(next) })
    : t('safety.undo.hint', { count: state.available, depth: state.depth });
  return (
    <button
      type="button"
      className="undo-control"
      data-action="undo"
      disabled={!next || busy}
      aria-keyshortcuts="Control+Z"
      title={title}
      data-blocked={next?.blocked}
      onClick={() => void run()}
    >
      <span aria-hidden="true">↶ </span>
      <span className="undo-label">{label}</span>
    </button>
  );
}
