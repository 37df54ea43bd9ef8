/** The header of a shipment: transport, parties, container and documents, dates and marks. */
import { useTranslation } from 'react-i18next';
import { CONTAINER_TYPES, EXPORT_TRADE_MODES, SHIPMENT_MODES } from '../../../../../shared/trade';
import { ComboField, SelectField, TextField } from '../../../components/Field';
import { codeOptions, type Option } from '../../../lib/codes';
import { DateField } from '../common/DateField';
import { checkContainerNo, type HeaderDraft, type HeaderField } from './draft';

export interface PartyPickers {
  consignee: Option[];
  exporter: Option[];
  forwarder: Option[];
  broker: Option[];
}

interface Props {
  header: HeaderDraft;
  errors: Partial<Record<HeaderField, string>>;
  set: (field: HeaderField, value: string) => void;
  pickers: PartyPickers;
  /** lines are on the shipment: the consignee stays (its orders are on it) */
  consigneeLocked: boolean;
}

function useContainerMessage(value: string, coreError: string | undefined): { error?: string; hint?: string } {
  const { t } = useTranslation();
  const check = checkContainerNo(value);
  if (check.state === 'format') return { error: t('shipments.container.format') };
  if (check.state === 'checkDigit') return { error: t('shipments.container.checkDigit', { digit: check.digit }) };
  if (coreError) return { error: coreError };
  if (check.state === 'ok') return { hint: t('shipments.container.ok') };
  return { hint: t('shipments.container.hint') };
}

export function ShipmentHeader({ header: h, errors, set, pickers, consigneeLocked }: Props) {
  const { t } = useTranslation();
  const container = useContainerMessage(h.containerNo, errors.containerNo);
  const declDigits = h.declarationNo.replace(/\s/g, '').length;
  const L = (f: HeaderField) => t(`shipments.fields.${f}`);
  const text = (f: HeaderField, extra: { hint?: string | undefined; error?: string | undefined; wide?: boolean; multiline?: boolean; inputMode?: 'numeric'; maxLength?: number; placeholder?: string } = {}) => (
    <TextField id={`shipment-${f}`} name={f} label={L(f)} value={h[f]} onChange={(x) => set(f, x)} error={errors[f]} {...extra} />
  );
  const party = (f: HeaderField, options: Option[], extra: { required?: boolean; hint?: string } = {}) => (
    <ComboField id={`shipment-${f}`} name={f} label={L(f)} value={h[f]} options={options} onChange={(x) => set(f, x)} error={errors[f]} {...extra} />
  );
  const modes: Option[] = SHIPMENT_MODES.map((m) => ({ value: m, label: t(`shipments.modes.${m}`) }));
  const tradeModes: Option[] = EXPORT_TRADE_MODES.map((m) => ({ value: m, label: t(`shipments.tradeModes.${m}`) }));
  const types: Option[] = CONTAINER_TYPES.map((c) => ({ value: c, label: c }));

  return (
    <div className="logi-form">
      <h3 className="form-section">{t('shipments.sections.transport')}</h3>
      <div className="form-grid logi-form-grid">
        <SelectField id="shipment-mode" name="mode" label={L('mode')} value={h.mode} options={modes} onChange={(x) => set('mode', x)} error={errors.mode} />
        <SelectField id="shipment-tradeMode" name="tradeMode" label={L('tradeMode')} value={h.tradeMode} options={tradeModes} onChange={(x) => set('tradeMode', x)} error={errors.tradeMode} />
        {consigneeLocked ? (
          <TextField
            id="shipment-consigneeId"
            name="consigneeId"
            label={L('consigneeId')}
            value={pickers.consignee.find((o) => o.value === h.consigneeId)?.label ?? ''}
            onChange={() => undefined}
            readOnly
            hint={t('shipments.hints.consigneeLocked')}
            error={errors.consigneeId}
          />
        ) : (
          party('consigneeId', pickers.consignee, { required: true, hint: t('shipments.hints.consignee') })
        )}
        {party('exporterId', pickers.exporter, { hint: t('shipments.hints.exporter') })}
        <ComboField id="shipment-destCountry" name="destCountry" label={L('destCountry')} value={h.destCountry} options={codeOptions('countries')} onChange={(x) => set('destCountry', x)} error={errors.destCountry} />
        {text('destPort')}
        {text('loadingPort')}
        {text('vesselVoyage')}
        <DateField id="shipment-etd" name="etd" label={L('etd')} value={h.etd} onChange={(x) => set('etd', x)} error={errors.etd} />
        <DateField id="shipment-eta" name="eta" label={L('eta')} value={h.eta} onChange={(x) => set('eta', x)} error={errors.eta} />
        {party('forwarderId', pickers.forwarder)}
        {party('brokerId', pickers.broker)}
      </div>
      <h3 className="form-section">{t('shipments.sections.container')}</h3>
      <div className="form-grid logi-form-grid">
        {text('containerNo', { ...container, maxLength: 20, placeholder: 'CSQU3054383' })}
        <SelectField id="shipment-containerType" name="containerType" label={L('containerType')} value={h.containerType} options={types} emptyLabel={t('common.none')} onChange={(x) => set('containerType', x)} error={errors.containerType} />
        {text('sealNo')}
        {text('blNo')}
        {text('declarationNo', { inputMode: 'numeric', maxLength: 30, hint: declDigits > 0 && declDigits !== 18 ? t('shipments.hints.declarationCount', { count: declDigits }) : t('shipments.hints.declaration') })}
        {text('marks', { multiline: true, wide: false })}
        {text('notes', { multiline: true, wide: false })}
      </div>
    </div>
  );
}
