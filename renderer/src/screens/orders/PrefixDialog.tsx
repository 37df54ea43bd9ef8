/** Number prefixes of the series (SO-2026-0001, PO-…, PAY-…, SH-…, IM-…, CL-…): settings.get / settings.update. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TradeSettings } from '../../../../shared/trade';
import { call } from '../../api';
import { TextField } from '../../components/Field';
import { useNotify } from '../../components/Toasts';
import { describeError, issueField, issueText } from '../../lib/errors';
import { ApiCallError } from '../../api';
import { Modal } from './Modal';
import { orderMessage } from './messages';

type Prefixes = TradeSettings['prefixes'];
const SERIES: Array<keyof Prefixes> = ['sales', 'purchase', 'payment', 'shipment', 'import', 'claim'];

export function PrefixDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [values, setValues] = useState<Prefixes | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('settings.get', {})
      .then((s) => live && setValues(s.prefixes))
      .catch((e: unknown) => live && setMessage(t('errors.loadFailed', { message: describeError(t, e) })));
    return () => {
      live = false;
    };
  }, [t]);

  async function save() {
    if (!values) return;
    setBusy(true);
    setMessage(undefined);
    try {
      await call('settings.update', { prefixes: Object.fromEntries(SERIES.map((k) => [k, values[k].trim()])) });
      notify.success(t('orders.prefixes.saved'));
      onClose();
    } catch (e) {
      const fieldErrors: Record<string, string> = {};
      if (e instanceof ApiCallError && e.issues.length > 0) {
        for (const i of e.issues) {
          const key = i.path.split('.')[1] ?? issueField(i);
          fieldErrors[key] ??= issueText(t, i, orderMessage);
        }
      } else setMessage(t('errors.saveFailed', { message: describeError(t, e) }));
      setErrors(fieldErrors);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t('orders.prefixes.title')} submitLabel={t('common.save')} busy={busy || !values} message={message} onSubmit={() => void save()} onClose={onClose} testId="prefix-dialog">
      <p className="order-modal-intro">{t('orders.prefixes.intro')}</p>
      {values && (
        <div className="form-grid form-grid-3">
          {SERIES.map((k) => (
            <TextField
              key={k}
              id={`prefix-${k}`}
              name={k}
              label={t(`orders.prefixes.series.${k}`)}
              value={values[k]}
              maxLength={10}
              error={errors[k]}
              onChange={(v) => {
                setValues({ ...values, [k]: v.toUpperCase() });
                setErrors(({ [k]: _gone, ...rest }) => rest);
              }}
            />
          ))}
        </div>
      )}
    </Modal>
  );
}
