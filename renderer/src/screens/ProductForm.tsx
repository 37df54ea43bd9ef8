/** The side form of one product, in four groups: basics, customs, packing per carton, price and supplier. */
import { useAccess } from '../access';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiArg, Product } from '../../../shared/api';
import { BRAND_TYPES } from '../../../shared/codes';
import { call } from '../api';
import { CheckboxField, ComboField, SelectField, TextField } from '../components/Field';
import type { FormArgs } from '../components/RecordScreen';
import { SidePanel } from '../components/SidePanel';
import { useNotify } from '../components/Toasts';
import { useAppState } from '../context';
import { useRecordForm } from '../hooks/useRecordForm';
import { codeOptions, type Option } from '../lib/codes';
import { describeError, type FieldErrors } from '../lib/errors';
import { partyName, productName } from '../lib/names';
import { normalizeDecimalInput, parsePositiveInt, previewCbm } from '../lib/numbers';
import { Attachments } from './orders/Attachments';

type TextKey =
  | 'itemNo'
  | 'nameZh'
  | 'nameEn'
  | 'spec'
  | 'hsCode'
  | 'declElements'
  | 'brand'
  | 'brandType'
  | 'customsUnit'
  | 'pcsPerCarton'
  | 'cartonLengthCm'
  | 'cartonWidthCm'
  | 'cartonHeightCm'
  | 'grossKgPerCarton'
  | 'netKgPerCarton'
  | 'defaultPrice'
  | 'currency'
  | 'supplierId'
  | 'importDutyRate'
  | 'importVatRate'
  | 'notes';
type Draft = Record<TextKey, string> & { inspection: boolean; taxable: boolean };
type ProductInput = ApiArg<'products.create'>;

const DECIMAL_KEYS = ['cartonLengthCm', 'cartonWidthCm', 'cartonHeightCm', 'grossKgPerCarton', 'netKgPerCarton', 'defaultPrice', 'importDutyRate', 'importVatRate'] as const;

function draftOf(p: Product | null, baseCurrency: string): Draft {
  return {
    itemNo: p?.itemNo ?? '',
    nameZh: p?.nameZh ?? '',
    nameEn: p?.nameEn ?? '',
    spec: p?.spec ?? '',
    hsCode: p?.hsCode ?? '',
    declElements: p?.declElements ?? '',
    brand: p?.brand ?? '',
    brandType: p?.brandType ?? '',
    customsUnit: p?.customsUnit ?? '',
    pcsPerCarton: p?.pcsPerCarton == null ? '' : String(p.pcsPerCarton),
    cartonLengthCm: p?.cartonLengthCm ?? '',
    cartonWidthCm: p?.cartonWidthCm ?? '',
    cartonHeightCm: p?.cartonHeightCm ?? '',
    grossKgPerCarton: p?.grossKgPerCarton ?? '',
    netKgPerCarton: p?.netKgPerCarton ?? '',
    defaultPrice: p?.defaultPrice ?? '',
    currency: p ? p.currency : baseCurrency,
    supplierId: p?.supplierId == null ? '' : String(p.supplierId),
    importDutyRate: p?.importDutyRate ?? '',
    importVatRate: p?.importVatRate ?? '',
    inspection: p?.inspection ?? false,
    taxable: p?.taxable ?? false,
    notes: p?.notes ?? '',
  };
}

/** The API form of the draft: numbers as decimal strings ("12.5"), pieces per carton as a whole number. */
function inputOf(d: Draft): ProductInput {
  const pcs = parsePositiveInt(d.pcsPerCarton);
  const out: ProductInput = {
    ...d,
    pcsPerCarton: pcs === 'invalid' ? null : pcs,
    supplierId: d.supplierId === '' ? null : Number(d.supplierId),
    hsCode: d.hsCode.trim(),
    brandType: d.brandType as ProductInput['brandType'],
  };
  for (const k of DECIMAL_KEYS) out[k] = normalizeDecimalInput(d[k]);
  return out;
}

/** Suppliers to choose from: parties with the supplier role; an archived one only when it is the current choice. */
function useSupplierOptions(currentId: string): Option[] {
  const { t } = useTranslation();
  const notify = useNotify();
  const { language } = useAppState();
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    let live = true;
    call('parties.list', { role: 'supplier', includeArchived: true })
      .then((list) => {
        if (!live) return;
        setOptions(
          list
            .filter((p) => !p.archived || String(p.id) === currentId)
            .map((p) => ({ value: String(p.id), label: [partyName(p, language), p.booth].filter(Boolean).join(' · ') })),
        );
      })
      .catch((e: unknown) => live && notify.error(t('errors.loadFailed', { message: describeError(t, e) })));
    return () => {
      live = false;
    };
    // the list is read once when the form opens
  }, []);
  return options;
}

interface ProductFormProps extends FormArgs<Product> {
  fieldLabel: (field: string) => string | undefined;
}

export function ProductForm({ record, onSaved, onClose, fieldLabel }: ProductFormProps) {
  const { t } = useTranslation();
  const { company, language } = useAppState();
  const { isClerk } = useAccess();
  const form = useRecordForm<Draft>(draftOf(record, company.baseCurrency), fieldLabel);
  const { values: v, set, errors } = form;
  const suppliers = useSupplierOptions(v.supplierId);
  const units = codeOptions('units');
  const currencies = codeOptions('currencies');
  const brandTypes = useMemo(() => BRAND_TYPES.map((b) => ({ value: b.code, label: `${b.code} ${language === 'zh' ? b.name_zh : b.name_en}` })), [language]);
  const cbm = previewCbm(v.cartonLengthCm, v.cartonWidthCm, v.cartonHeightCm);

  async function save() {
    if (record && !form.dirty) {
      onClose();
      return;
    }
    const clientErrors: FieldErrors = {};
    if (parsePositiveInt(v.pcsPerCarton) === 'invalid') clientErrors.pcsPerCarton = t('errors.wholeNumber');
    await form.submit(async (values) => {
      const input = inputOf(values);
      if (record) {
        const patch = Object.fromEntries(form.changed.map((k) => [k, input[k]]));
        onSaved(await call('products.update', { id: record.id, patch }), false);
      } else {
        onSaved(await call('products.create', input), true);
      }
    }, clientErrors);
  }

  const text = (
    key: TextKey,
    extra: { hint?: string; required?: boolean; multiline?: boolean; inputMode?: 'numeric' | 'decimal'; maxLength?: number; wide?: boolean } = {},
  ) => <TextField id={`product-${key}`} name={key} label={t(`product.fields.${key}`)} value={v[key]} onChange={(x) => set(key, x)} error={errors[key]} {...extra} />;

  return (
    <SidePanel
      title={record ? t('product.editTitle', { name: productName(record, language) }) : t('product.addTitle')}
      dirty={form.dirty}
      saving={form.saving}
      message={form.message}
      onSave={() => void save()}
      onClose={onClose}
    >
      <h3 className="form-section">{t('product.sections.basic')}</h3>
      <div className="form-grid">
        {text('itemNo', { required: true })}
        {text('spec')}
        {text('nameZh', { hint: t('product.hints.name') })}
        {text('nameEn')}
      </div>
      <h3 className="form-section">{t('product.sections.customs')}</h3>
      <div className="form-grid">
        {text('hsCode', { inputMode: 'numeric', maxLength: 13, hint: t('product.hints.hsCode') })}
        <ComboField id="product-customsUnit" name="customsUnit" label={t('product.fields.customsUnit')} value={v.customsUnit} options={units} onChange={(x) => set('customsUnit', x)} error={errors.customsUnit} />
        {text('brand')}
        <SelectField
          id="product-brandType"
          name="brandType"
          label={t('product.fields.brandType')}
          value={v.brandType}
          options={brandTypes}
          emptyLabel={t('common.none')}
          onChange={(x) => set('brandType', x)}
          error={errors.brandType}
        />
        {text('declElements', { multiline: true })}
        <CheckboxField id="product-inspection" name="inspection" label={t('product.fields.inspection')} checked={v.inspection} onChange={(x) => set('inspection', x)} error={errors.inspection} />
        <CheckboxField id="product-taxable" name="taxable" label={t('product.fields.taxable')} checked={v.taxable} onChange={(x) => set('taxable', x)} error={errors.taxable} />
      </div>
      <h3 className="form-section">{t('product.sections.packing')}</h3>
      <div className="form-grid form-grid-3">
        {text('cartonLengthCm', { inputMode: 'decimal' })}
        {text('cartonWidthCm', { inputMode: 'decimal' })}
        {text('cartonHeightCm', { inputMode: 'decimal' })}
        <TextField
          id="product-cbmPerCarton"
          name="cbmPerCarton"
          label={t('product.fields.cbmPerCarton')}
          value={cbm}
          onChange={() => undefined}
          readOnly
          hint={t('product.hints.cbm')}
        />
        {text('pcsPerCarton', { inputMode: 'numeric' })}
        <span />
        {text('grossKgPerCarton', { inputMode: 'decimal' })}
        {text('netKgPerCarton', { inputMode: 'decimal' })}
      </div>
      <h3 className="form-section">{t('product.sections.trade')}</h3>
      <div className="form-grid">
        {!isClerk && text('defaultPrice', { inputMode: 'decimal', hint: t('product.hints.price') })}
        <ComboField id="product-currency" name="currency" label={t('product.fields.currency')} value={v.currency} options={currencies} onChange={(x) => set('currency', x)} error={errors.currency} />
        <ComboField
          id="product-supplierId"
          name="supplierId"
          label={t('product.fields.supplierId')}
          value={v.supplierId}
          options={suppliers}
          onChange={(x) => set('supplierId', x)}
          error={errors.supplierId}
          hint={t('product.hints.supplier')}
          wide
        />
        {text('importDutyRate', { inputMode: 'decimal', hint: t('product.hints.importRates') })}
        {text('importVatRate', { inputMode: 'decimal' })}
        {text('notes', { multiline: true })}
      </div>
      {record && (
        <>
          <h3 className="form-section">{t('product.sections.attachments')}</h3>
          <Attachments entity="product" entityId={record.id} />
        </>
      )}
    </SidePanel>
  );
}
