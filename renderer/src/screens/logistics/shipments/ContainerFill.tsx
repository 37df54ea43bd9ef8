/** How full the container is: volume and gross weight against its usable capacity, as two bars. */
import { useTranslation } from 'react-i18next';
import type { ContainerFill as Fill } from '../../../../../shared/trade';
import { trimDecimal } from '../common/format';

function Bar({ kind, label, used, capacity, unit, percent }: { kind: string; label: string; used: string; capacity: string; unit: string; percent: number }) {
  const { t } = useTranslation();
  const over = percent > 100;
  return (
    <div className={`fill-row${over ? ' fill-over' : ''}`} data-fill={kind}>
      <div className="fill-label">
        <span>{label}</span>
        <span className="fill-numbers" data-testid={`fill-${kind}`}>
          {used} / {capacity} {unit} · {percent.toFixed(1)}%
        </span>
      </div>
      <div
        className="fill-bar"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(percent, 100)}
        aria-valuetext={`${percent.toFixed(1)}%`}
      >
        <div className="fill-value" style={{ width: `${Math.min(percent, 100)}%` }} />
      </div>
      {over && (
        <div className="field-error" role="alert">
          {t('shipments.fill.over')}
        </div>
      )}
    </div>
  );
}

export function ContainerFill({ fill, typeChanged }: { fill: Fill | null; typeChanged: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="logi-card fill-card" aria-label={t('shipments.fill.title')}>
      <h3 className="form-section">{fill ? t('shipments.fill.titleType', { type: fill.containerType }) : t('shipments.fill.title')}</h3>
      {fill ? (
        <>
          <Bar kind="cbm" label={t('shipments.fill.volume')} used={fill.cbm} capacity={trimDecimal(fill.capacityCbm, 4)} unit="m³" percent={fill.cbmPercent} />
          <Bar kind="weight" label={t('shipments.fill.weight')} used={fill.grossKg} capacity={trimDecimal(fill.capacityKg, 3)} unit="kg" percent={fill.weightPercent} />
          <p className="logi-note">{typeChanged ? t('shipments.fill.saveToUpdate') : t('shipments.fill.guide')}</p>
        </>
      ) : (
        <p className="logi-note">{typeChanged ? t('shipments.fill.saveToUpdate') : t('shipments.fill.noType')}</p>
      )}
    </section>
  );
}
