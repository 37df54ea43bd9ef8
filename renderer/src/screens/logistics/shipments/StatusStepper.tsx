/**
 * planned → loading → declared → departed → arrived → delivered. Any later step can be chosen (the core
 * allows jumping forward); going back is one step at a time, to fix a mistake.
 */
import { useTranslation } from 'react-i18next';
import { SHIPMENT_STATUSES } from '../../../../../shared/trade';

export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

interface Props {
  status: ShipmentStatus | null;
  busy: boolean;
  onSet: (status: ShipmentStatus) => void;
}

export function StatusStepper({ status, busy, onSet }: Props) {
  const { t } = useTranslation();
  const at = status === null ? -1 : SHIPMENT_STATUSES.indexOf(status);
  const prev = at > 0 ? SHIPMENT_STATUSES[at - 1] : undefined;
  const next = at >= 0 && at < SHIPMENT_STATUSES.length - 1 ? SHIPMENT_STATUSES[at + 1] : undefined;
  return (
    <div className="stepper-row">
      <ol className="stepper" aria-label={t('shipments.fields.status')}>
        {SHIPMENT_STATUSES.map((s, i) => {
          const state = i < at ? 'done' : i === at ? 'current' : 'todo';
          return (
            <li key={s} className={`step step-${state}`} data-status={s} aria-current={i === at ? 'step' : undefined}>
              {i > at && at >= 0 ? (
                <button type="button" className="step-button" disabled={busy} title={t('shipments.status.setTo', { status: t(`shipments.statuses.${s}`) })} onClick={() => onSet(s)}>
                  <span className="step-no">{i + 1}</span> {t(`shipments.statuses.${s}`)}
                </button>
              ) : (
                <span className="step-label">
                  <span className="step-no">{i < at ? '✓' : i + 1}</span> {t(`shipments.statuses.${s}`)}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <div className="stepper-buttons">
        {prev && (
          <button type="button" data-action="status-back" disabled={busy} onClick={() => onSet(prev)}>
            ← {t('shipments.status.back', { status: t(`shipments.statuses.${prev}`) })}
          </button>
        )}
        {next && (
          <button type="button" className="primary" data-action="status-next" disabled={busy} onClick={() => onSet(next)}>
            {t('shipments.status.next', { status: t(`shipments.statuses.${next}`) })} →
          </button>
        )}
        {status === null && <span className="logi-note">{t('shipments.status.afterSave')}</span>}
      </div>
    </div>
  );
}
