/** Cancelling an order needs a reason (kept on the order and in the history). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/trade';
import { ApiCallError, call } from '../../api';
import { TextField } from '../../components/Field';
import { describeError, issueText } from '../../lib/errors';
import { Modal } from './Modal';
import { orderMessage } from './messages';

export function CancelDialog({ order, onDone, onClose }: { order: Order; onDone: (o: Order) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (reason.trim() === '') {
      setError(t('orders.msg.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      onDone(await call('orders.cancel', { id: order.id, reason }));
    } catch (e) {
      const issue = e instanceof ApiCallError ? e.issues.find((i) => i.path === 'reason') : undefined;
      if (issue) setError(issueText(t, issue, orderMessage));
      else setMessage(describeError(t, e));
      setBusy(false);
    }
  }

  return (
    <Modal title={t('orders.cancelTitle', { no: order.no })} submitLabel={t('orders.actions.cancelOrder')} danger busy={busy} message={message} onSubmit={() => void submit()} onClose={onClose} testId="cancel-dialog">
      <TextField
        id="cancel-reason"
        name="reason"
        label={t('orders.fields.cancelReason')}
        value={reason}
        required
        maxLength={500}
        error={error}
        onChange={(v) => {
          setReason(v);
          setError(undefined);
        }}
      />
    </Modal>
  );
}
