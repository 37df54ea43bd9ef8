/**
 * State of a side form: the values, the field errors the core sent back, saving, and what changed.
 * Both record forms use it; they only describe their fields and how to turn values into an API call.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api';
import { describeError, issueField, issueText, type FieldErrors } from '../lib/errors';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function useRecordForm<V extends Record<string, unknown>>(initial: V, fieldLabel: (field: string) => string | undefined) {
  const { t } = useTranslation();
  const [start] = useState(initial);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key as string]: _gone, ...rest } = e;
      return rest;
    });
  }, []);

  /** The fields whose value differs from the start. */
  const changed = useMemo(() => (Object.keys(values) as Array<keyof V>).filter((k) => !same(values[k], start[k])), [values, start]);

  function showErrors(fieldErrors: FieldErrors, other: string[]) {
    setErrors(fieldErrors);
    const n = Object.keys(fieldErrors).length;
    const parts = [...(n > 0 ? [t('common.formHasErrors', { count: n })] : []), ...other];
    setMessage(parts.length > 0 ? parts.join(' ') : undefined);
    // take the keyboard to the first field that needs attention
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.panel [aria-invalid="true"], .setup [aria-invalid="true"]')?.focus());
  }

  /**
   * Run a save. Client-side errors (checked before calling) and the core's field issues are shown next to
   * the fields of this form; anything else (a message without a field, or a field the form does not show)
   * goes to the message line. Returns whether the save went through.
   */
  async function submit(run: (values: V) => Promise<void>, clientErrors: FieldErrors = {}): Promise<boolean> {
    if (Object.keys(clientErrors).length > 0) {
      showErrors(clientErrors, []);
      return false;
    }
    setSaving(true);
    setMessage(undefined);
    try {
      await run(values);
      setErrors({});
      return true;
    } catch (e) {
      const fieldErrors: FieldErrors = {};
      const other: string[] = [];
      if (e instanceof ApiCallError && e.issues.length > 0) {
        for (const issue of e.issues) {
          const field = issueField(issue);
          const text = issueText(t, issue);
          if (field in values) fieldErrors[field] ??= text;
          else other.push(t('errors.fieldError', { field: fieldLabel(field) ?? field, message: text }));
        }
      } else {
        other.push(t('errors.saveFailed', { message: describeError(t, e, fieldLabel) }));
      }
      showErrors(fieldErrors, other);
      return false;
    } finally {
      setSaving(false);
    }
  }

  return { values, set, errors, message, saving, changed, dirty: changed.length > 0, submit };
}
