/**
 * Goods of a purchase order received into stock: each line with what is still to come, the quantity received
 * now (empty: nothing of that line), the date (today by default). One orders.receive call for all lines.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayLocal } from './today';
import type { Order } from '../../../../shared/trade';
import { ApiCallError, call } from '../../api';
import { Field } from '../../components/Field';
import { useAppState } from '../../context';
import { codeLabel } from '../../lib/codes';
import { describeError, issueText } from '../../lib/errors';
import { normalizeDecimalInput } from '../../lib/numbers';
import { Modal } from './Modal';
import { orderMessage } from './messages';
import { scaled } from './lineModel';
import { productName } from '../../lib/names';

export function ReceiveDialog({ order, onDone, onClose }: { order: Order; onDone: (o: Order) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { language } = useAppState();
  const open = order.lines.filter((l) => (scaled(l.remainingQuantity, 3) ?? 0) > 0);
  const [date, setDate] = useState(todayLocal());
  const [qty, setQty] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    const lines = open
      .filter((l) => l.productId !== null && (qty[l.id] ?? '').trim() !== '')
      .map((l) => ({ orderLineId: l.id, quantity: normalizeDecimalInput(qty[l.id] ?? '') }));
    if (lines.length === 0) {
      setMessage(t('orders.receive.nothing'));
      return;
    }
    setBusy(true);
    setMessage(undefined);
    setErrors({});
    try {
      onDone(await call('orders.receive', { orderId: order.id, date, lines }));
    } catch (e) {
      const fieldErrors: Record<string, string> = {};
      const other: string[] = [];
      if (e instanceof ApiCallError && e.issues.length > 0) {
        for (const i of e.issues) {
          const m = /^lines\.(\d+)\./.exec(i.path);
          const line = m ? lines[Number(m[1])] : undefined;
          if (line) fieldErrors[String(line.orderLineId)] ??= issueText(t, i, orderMessage);
          else if (i.path === 'date') fieldErrors.date = issueText(t, i, orderMessage);
          else other.push(issueText(t, i, orderMessage));
        }
      } else other.push(describeError(t, e));
      setErrors(fieldErrors);
      setMessage(other.length > 0 ? other.join(' ') : undefined);
      setBusy(false);
    }
  }

  return (
    <Modal title={t('orders.receive.title', { no: order.no })} submitLabel={t('orders.receive.submit')} wide busy={busy} message={message} onSubmit={() => void submit()} onClose={onClose} testId="receive-dialog">
      <div className="receive-top">
        <Field id="receive-date" label={t('orders.receive.date')} error={errors.date} required>
          {(aria) => <input {...aria} type="date" name="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <button type="button" className="link-button" onClick={() => setQty(Object.fromEntries(open.filter((l) => l.productId !== null).map((l) => [l.id, l.remainingQuantity])))}>
          {t('orders.receive.fillAll')}
        </button>
      </div>
      <table className="receive-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('orders.lines.product')}</th>
            <th className="num">{t('orders.lines.quantity')}</th>
            <th className="num">{t('orders.lines.received')}</th>
            <th className="num">{t('orders.lines.remaining')}</th>
            <th className="num">{t('orders.receive.now')}</th>
          </tr>
        </thead>
        <tbody>
          {open.length === 0 && (
            <tr>
              <td colSpan={6} className="empty-hint">
                {t('orders.receive.allReceived')}
              </td>
            </tr>
          )}
          {open.map((l) => {
            const name = productName(l, language);
            const err = errors[String(l.id)];
            return (
              <tr key={l.id} data-line={l.lineNo}>
                <td>{l.lineNo}</td>
                <td>
                  {name}
                  {l.unit && <span className="muted"> · {codeLabel('units', l.unit, language)}</span>}
                  {l.productId === null && <div className="field-hint">{t('orders.receive.noProduct')}</div>}
                </td>
                <td className="num">{l.quantity}</td>
                <td className="num">{l.doneQuantity}</td>
                <td className="num" data-testid="receive-remaining">
                  {l.remainingQuantity}
                </td>
                <td className="num receive-input">
                  <input
                    type="text"
                    inputMode="decimal"
                    name={`receive-${l.lineNo}`}
                    aria-label={t('orders.receive.nowFor', { line: l.lineNo })}
                    aria-invalid={Boolean(err)}
                    aria-describedby={err ? `receive-${l.id}-error` : undefined}
                    disabled={l.productId === null}
                    value={qty[l.id] ?? ''}
                    onChange={(e) => {
                      setQty({ ...qty, [l.id]: e.target.value });
                      setErrors(({ [String(l.id)]: _gone, ...rest }) => rest);
                    }}
                  />
                  {err && (
                    <div id={`receive-${l.id}-error`} className="field-error" role="alert">
                      {err}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Modal>
  );
}
