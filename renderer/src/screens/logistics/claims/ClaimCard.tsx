/** The selected claim: who bought, which stall sold it (to pass the claim back), what and how it was settled. */
import { useTranslation } from 'react-i18next';
import { HistoryButton } from '../../safety/HistoryButton';
import type { Claim } from '../../../../../shared/trade';
import { AttachmentsSlot } from '../common/AttachmentsSlot';
import { moneyText } from '../../../lib/format';

export function ClaimCard({ claim: c }: { claim: Claim }) {
  const { t } = useTranslation();
  const items: [string, string][] = [
    [t('claims.fields.partyName'), c.partyName],
    [t('claims.fields.stallName'), c.stallName || '—'],
    [t('claims.fields.shipmentNo'), `${c.shipmentNo} / ${c.orderNo}`],
    [t('claims.fields.itemNo'), c.itemNo],
    [t('claims.fields.kind'), t(`claims.kinds.${c.kind}`)],
    [t('claims.fields.quantity'), c.cartons == null ? c.quantity : t('claims.card.qtyCartons', { quantity: c.quantity, cartons: c.cartons })],
    [t('claims.fields.settlement'), c.settlement ? `${t(`claims.settlements.${c.settlement}`)}${c.settlement === 'replacement' ? '' : ` ${moneyText(c.amount, c.currency)}`}${c.goodsReturned ? ` · ${t('claims.card.returned')}` : ''}` : t('claims.statuses.open')],
    [t('claims.fields.reason'), c.reason || '—'],
  ];
  return (
    <section className="logi-card claim-card" aria-label={t('claims.card.title', { no: c.no })} data-testid="claim-card">
      <h3 className="form-section">
        {t('claims.card.title', { no: c.no })} <span className={`badge badge-${c.status}`}>{t(`claims.statuses.${c.status}`)}</span>{' '}
        <HistoryButton entity="claim" id={c.id} />
      </h3>
      <dl className="claim-facts">
        {items.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {c.stallName && <p className="logi-note">{t('claims.card.passBack', { stall: c.stallName })}</p>}
      <AttachmentsSlot entity="claim" entityId={c.id} />
    </section>
  );
}
