/** Receive an import into stock on a date: its goods enter stock at their landed unit cost. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../common/DateField';
import { Dialog } from '../common/Dialog';
import { todayLocal } from '../common/route';

interface Props {
  no: string;
  /** lines without a product do not enter stock */
  linesWithoutProduct: number;
  busy: boolean;
  error?: string | undefined;
  onReceive: (date: string) => void;
  onCancel: () => void;
}

export function ReceiveDialog({ no, linesWithoutProduct, busy, error, onReceive, onCancel }: Props) {
  const { t } = useTranslation();
  const [date, setDate] = useState(todayLocal());
  return (
    <Dialog title={t('imports.receive.title', { no })} submitLabel={t('imports.receive.submit')} busy={busy} message={error} testId="receive-import" onSubmit={() => onReceive(date)} onCancel={onCancel}>
      <p className="logi-note">{t('imports.receive.explain')}</p>
      <DateField id="receive-date" name="date" label={t('imports.receive.date')} value={date} onChange={setDate} required />
      {linesWithoutProduct > 0 && <p className="panel-message warn">{t('imports.receive.noProduct', { count: linesWithoutProduct })}</p>}
    </Dialog>
  );
}
