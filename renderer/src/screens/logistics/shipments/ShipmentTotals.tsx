/** The saved totals of a shipment: cartons, weights, volume and the amount per currency, as the core gives them. */
import { useTranslation } from 'react-i18next';
import type { Shipment } from '../../../../../shared/trade';
import { amountsText } from '../common/format';

export function ShipmentTotals({ shipment: s }: { shipment: Shipment | null }) {
  const { t } = useTranslation();
  if (!s) return null;
  const items: [string, string][] = [
    [t('shipments.fields.cartons'), String(s.cartons)],
    [t('shipments.fields.grossKg'), s.grossKg],
    [t('shipments.fields.netKg'), s.netKg],
    [t('shipments.fields.cbm'), s.cbm],
    [t('shipments.fields.amounts'), amountsText(s.amounts) || '—'],
  ];
  return (
    <section className="logi-card totals-card" aria-label={t('shipments.totals')}>
      <h3 className="form-section">{t('shipments.totals')}</h3>
      <dl className="totals" data-testid="shipment-totals">
        {items.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
