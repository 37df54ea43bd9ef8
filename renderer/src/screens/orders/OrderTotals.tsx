/**
 * Totals under the lines: cartons, quantity, G.W., N.W., CBM, amount in the order currency and in the base
 * currency, written the UI language's way (lib/format). Saved: the core's figures. While lines or header are changed: the exact preview, marked unsaved.
 */
import { useTranslation } from 'react-i18next';
import type { DraftTotals } from './lineModel';
import { formatDecimal, formatMoney } from '../../lib/format';

interface OrderTotalsProps {
  totals: DraftTotals;
  currency: string;
  baseCurrency: string;
  unsaved: boolean;
}

export function OrderTotals({ totals, currency, baseCurrency, unsaved }: OrderTotalsProps) {
  const { t } = useTranslation();
  const item = (key: string, label: string, value: string, strong = false) => (
    <div className={`total-item${strong ? ' total-strong' : ''}`} data-total={key}>
      <span className="total-label">{label}</span>
      <span className="total-value num">{value || '—'}</span>
    </div>
  );
  return (
    <div className={`order-totals${unsaved ? ' is-unsaved' : ''}`} data-testid="order-totals" aria-live="polite">
      {item('cartons', t('orders.totals.cartons'), formatDecimal(totals.cartons))}
      {item('quantity', t('orders.totals.quantity'), formatDecimal(totals.quantity))}
      {item('grossKg', t('orders.totals.grossKg'), formatDecimal(totals.grossKg))}
      {item('netKg', t('orders.totals.netKg'), formatDecimal(totals.netKg))}
      {item('cbm', t('orders.totals.cbm'), formatDecimal(totals.cbm))}
      {item('amount', t('orders.totals.amount', { currency }), formatMoney(totals.amount, currency), true)}
      {currency !== baseCurrency && item('baseAmount', t('orders.totals.baseAmount', { currency: baseCurrency }), formatMoney(totals.baseAmount, baseCurrency))}
      <span className={unsaved ? 'unsaved-badge' : 'saved-badge'} data-testid="save-state">
        {unsaved ? t('orders.unsaved') : t('orders.savedState')}
      </span>
    </div>
  );
}
