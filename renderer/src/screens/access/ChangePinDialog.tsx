/** A signed-in user changes their own PIN: the current one, then the new one twice. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PIN_RE } from '../../../../shared/users';
import { call } from '../../api';
import { Modal } from '../orders/Modal';
import { TextField } from '../../components/Field';
import { useNotify } from '../../components/Toasts';
import { fieldErrorsOf, describeError, type FieldErrors } from '../../lib/errors';

export function ChangePinDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [v, setV] = useState({ currentPin: '', newPin: '', again: '' });
  const { errors, busy, run } = usePinForm();
  const set = (k: keyof typeof v) => (x: string) => setV({ ...v, [k]: digits(x) });

  const save = () =>
    run(pinErrors(t, v.newPin, v.again, 'newPin'), async () => {
      await call('auth.changePin', { currentPin: v.currentPin, newPin: v.newPin });
      notify.success(t('access.pinChanged'));
      onClose();
    });

  return (
    <Modal title={t('access.changePin')} onClose={onClose} onSubmit={() => void save()} busy={busy} submitLabel={t('common.save')} testId="change-pin-dialog">
      <PinField id="own-current" label={t('access.currentPin')} value={v.currentPin} onChange={set('currentPin')} error={errors.currentPin} />
      <PinField id="own-new" label={t('access.newPin')} value={v.newPin} onChange={set('newPin')} error={errors.newPin} hint={t('access.pinHint')} />
      <PinField id="own-again" label={t('access.pinAgain')} value={v.again} onChange={set('again')} error={errors.again} />
    </Modal>
  );
}

/** Only digits, at most 8. */
export const digits = (x: string) => x.replace(/\D/g, '').slice(0, 8);

/** A new PIN typed twice: its errors, on `field` and 'again'. */
export function pinErrors(t: (k: string) => string, pin: string, again: string, field = 'pin'): FieldErrors {
  if (!PIN_RE.test(pin)) return { [field]: t('access.errors.pinFormat') };
  if (again !== pin) return { again: t('access.errors.pinMismatch') };
  return {};
}

/**
 * The PIN dialogs' submit: the errors found before calling stop it; the core's field errors go next to their
 * fields; any other error becomes a message.
 */
export function usePinForm() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  async function run(found: FieldErrors, work: () => Promise<void>) {
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await work();
    } catch (err) {
      const fe = fieldErrorsOf(t, err);
      setErrors(fe);
      if (Object.keys(fe).length === 0) notify.error(describeError(t, err));
    } finally {
      setBusy(false);
    }
  }
  return { errors, busy, run };
}

export function PinField(p: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string | undefined; hint?: string }) {
  return <TextField id={p.id} name={p.id} label={p.label} value={p.value} onChange={p.onChange} error={p.error} hint={p.hint} inputMode="numeric" maxLength={8} type="password" />;
}
