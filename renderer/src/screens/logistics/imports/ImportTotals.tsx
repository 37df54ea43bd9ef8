/** The saved totals of an import: value in its currency; customs value, duty, VAT and landed cost in the base currency. */
import { useTranslation } from 'react-i18next';
import type { ImportRecord } from '../../../../../shared/trade';
import { formatDecimal } from '../../../lib/format';

export function ImportTotals({ record: r, stale }: { record: ImportRecord | null; stale: boolean }) {
  const { t } = useTranslation();
  if (!r) return <section className="logi-card totals-card"><h3 className="form-section">{t('imports.totals')}</h3><p className="logi-note">{t('imports.hints.totalsAfterSave')}</p></section>;
  const items: [string, string, string][] = [
    ['amount', t('imports.totalsRows.amount', { currency: r.currency }), r.amount],
    ['customsValue', t('imports.totalsRows.customsValue', { currency: r.baseCurrency }), r.customsValue],
    ['duty', t('imports.totalsRows.duty', { currency: r.baseCurrency }), r.duty],
    ['vat', t('imports.totalsRows.vat', { currency: r.baseCurrency }), r.vat],
    ['landedCost', t('imports.totalsRows.landedCost', { currency: r.baseCurrency }), r.landedCost],
  ];
  return (
    <section className="logi-card totals-card" aria-label={t('imports.totals')}>
      <h3 className="form-section">{t('imports.totals')}</h3>
      <dl className="totals" data-testid="import-totals">
        {items.map(([k, name, v]) => (
          <div key={k} data-total={k}>
            <dt>{name}</dt>
            <dd>{formatDecimal(v)}</dd>
          </div>
        ))}
      </dl>
      {stale && <p className="logi-note">{t('imports.hints.saveToRecompute')}</p>}
    </section>
  );
}
