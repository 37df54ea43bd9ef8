/** Adjust the stock of one product: date, a signed quantity (−5 takes five out), and why. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockMove, StockRow } from '../../../../../shared/trade';
import { call } from '../../../api';
import { TextField } from '../../../components/Field';
import { normalizeDecimalInput } from '../../../lib/numbers';
import { DateField } from '../common/DateField';
import { Dialog } from '../common/Dialog';
import { sortIssues } from '../common/messages';
import { todayLocal } from '../common/route';

const FIELDS = ['date', 'quantity', 'reason'] as const;
type Field = (typeof FIELDS)[number];

interface Props {
  product: StockRow;
  productLabel: string;
  onDone: (move: StockMove) => void;
  onCancel: () => void;
}

export function AdjustDialog({ product, productLabel, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>({ date: todayLocal(), quantity: '', reason: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const set = (f: Field, v: string) => {
    setValues((x) => ({ ...x, [f]: v }));
    setErrors((e) => ({ ...e, [f]: undefined }));
  };

  async function submit() {
    const clientErrors: Partial<Record<Field, string>> = {};
    if (values.reason.trim() === '') clientErrors.reason = t('stock.core.reasonRequired');
    if (normalizeDecimalInput(values.quantity).replace(/^[-−]/, '') === '') clientErrors.quantity = t('stock.adjust.quantityHint');
    if (Object.keys(clientErrors).length > 0) {
      setErrors(clientErrors);
      return;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      const quantity = normalizeDecimalInput(values.quantity).replace(/^[−]/, '-');
      onDone(await call('stock.adjust', { productId: product.productId, date: values.date, quantity, reason: values.reason }));
    } catch (e) {
      const sorted = sortIssues(t, e, (f) => (FIELDS as readonly string[]).includes(f), (f) => t(`stock.adjust.${f}`, { defaultValue: f }));
      setErrors(sorted.fields);
      setMessage(sorted.other.length > 0 ? sorted.other.join(' ') : undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('stock.adjust.title', { product: productLabel })} submitLabel={t('stock.adjust.submit')} busy={busy} message={message} testId="adjust-stock" onSubmit={() => void submit()} onCancel={onCancel}>
      <p className="logi-note">{t('stock.adjust.onHand', { onHand: product.onHand })}</p>
      <div className="form-grid">
        <TextField id="adjust-quantity" name="quantity" label={t('stock.adjust.quantity')} value={values.quantity} onChange={(v) => set('quantity', v)} error={errors.quantity} hint={t('stock.adjust.quantityHint')} inputMode="decimal" required />
        <DateField id="adjust-date" name="date" label={t('stock.adjust.date')} value={values.date} onChange={(v) => set('date', v)} error={errors.date} required />
        <TextField id="adjust-reason" name="reason" label={t('stock.adjust.reason')} value={values.reason} onChange={(v) => set('reason', v)} error={errors.reason} hint={t('stock.adjust.reasonHint')} wide required />
      </div>
    </Dialog>
  );
}
