/** The header of an import: supplier and origin, declaration, currency and rate, value basis and VAT. */
import { useTranslation } from 'react-i18next';
import { IMPORT_TRADE_MODES, VALUE_BASES } from '../../../../../shared/trade';
import { CheckboxField, ComboField, SelectField, TextField } from '../../../components/Field';
import { codeOptions, type Option } from '../../../lib/codes';
import { DateField } from '../common/DateField';
import type { ImportField, ImportHeaderDraft } from './draft';

interface Props {
  header: ImportHeaderDraft;
  errors: Partial<Record<ImportField, string>>;
  set: <K extends keyof ImportHeaderDraft>(field: K, value: ImportHeaderDraft[K]) => void;
  suppliers: Option[];
  baseCurrency: string;
  readOnly: boolean;
}

export function ImportHeader({ header: h, errors, set, suppliers, baseCurrency, readOnly }: Props) {
  const { t } = useTranslation();
  const L = (f: ImportField) => t(`imports.fields.${f}`);
  type TextKey = 'declarationNo' | 'rate' | 'freight' | 'insurance' | 'notes';
  const text = (f: TextKey, extra: { hint?: string; inputMode?: 'decimal' | 'numeric'; multiline?: boolean; maxLength?: number } = {}) => (
    <TextField id={`import-${f}`} name={f} label={L(f)} value={h[f]} onChange={(x) => set(f, x)} error={errors[f]} {...extra} />
  );
  const fob = h.valueBasis === 'FOB';
  return (
    <fieldset className="logi-form logi-readonly" disabled={readOnly}>
      <h3 className="form-section">{t('imports.sections.header')}</h3>
      <div className="form-grid logi-form-grid">
        <ComboField id="import-supplierId" name="supplierId" label={L('supplierId')} value={h.supplierId} options={suppliers} onChange={(x) => set('supplierId', x)} error={errors.supplierId} required hint={t('imports.hints.supplier')} />
        <ComboField id="import-originCountry" name="originCountry" label={L('originCountry')} value={h.originCountry} options={codeOptions('countries')} onChange={(x) => set('originCountry', x)} error={errors.originCountry} />
        <SelectField
          id="import-tradeMode"
          name="tradeMode"
          label={L('tradeMode')}
          value={h.tradeMode}
          options={IMPORT_TRADE_MODES.map((m) => ({ value: m, label: t(`imports.tradeModes.${m}`) }))}
          onChange={(x) => set('tradeMode', x)}
          error={errors.tradeMode}
        />
        {text('declarationNo', { inputMode: 'numeric', maxLength: 30, hint: t('shipments.hints.declaration') })}
        <DateField id="import-arrivalDate" name="arrivalDate" label={L('arrivalDate')} value={h.arrivalDate} onChange={(x) => set('arrivalDate', x)} error={errors.arrivalDate} />
        <ComboField id="import-currency" name="currency" label={L('currency')} value={h.currency} options={codeOptions('currencies')} onChange={(x) => set('currency', x)} error={errors.currency} allowEmpty={false} required />
        {text('rate', { inputMode: 'decimal', hint: t('imports.hints.rate', { currency: h.currency || '?', base: baseCurrency }) })}
        <SelectField
          id="import-valueBasis"
          name="valueBasis"
          label={L('valueBasis')}
          value={h.valueBasis}
          options={VALUE_BASES.map((b) => ({ value: b, label: t(`imports.bases.${b}`) }))}
          onChange={(x) => set('valueBasis', x as ImportHeaderDraft['valueBasis'])}
          error={errors.valueBasis}
        />
        {fob && text('freight', { inputMode: 'decimal', hint: t('imports.hints.inCurrency', { currency: h.currency }) })}
        {fob && text('insurance', { inputMode: 'decimal', hint: t('imports.hints.inCurrency', { currency: h.currency }) })}
        <div className="field-wide-2 vat-in-cost">
          <CheckboxField id="import-vatInCost" name="vatInCost" label={L('vatInCost')} checked={h.vatInCost} onChange={(x) => set('vatInCost', x)} error={errors.vatInCost} />
          <p className="field-hint">{t('imports.hints.vatInCost')}</p>
        </div>
        {text('notes', { multiline: true })}
      </div>
    </fieldset>
  );
}
