/**
 * The header of an order: party (customers for a sales order, suppliers for a purchase order), date, currency
 * and rate (the last rate used for that currency is offered; the base currency's rate is 1), incoterm and
 * place, payment terms, delivery address / warehouse, notes. Errors from the core show under each field.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../../shared/api';
import type { CurrencyInfo } from '../../../../shared/currency';
import type { Order, OrderKind } from '../../../../shared/trade';
import { ComboField, Field, TextField } from '../../components/Field';
import { useAppState } from '../../context';
import { codeOptions } from '../../lib/codes';
import { partyName } from '../../lib/names';

export interface HeaderDraft {
  partyId: string;
  orderDate: string;
  currency: string;
  rate: string;
  incoterm: string;
  incotermPlace: string;
  paymentTerms: string;
  deliveryAddress: string;
  warehouse: string;
  notes: string;
}

export const HEADER_FIELDS = ['partyId', 'orderDate', 'currency', 'rate', 'incoterm', 'incotermPlace', 'paymentTerms', 'deliveryAddress', 'warehouse', 'notes'] as const;

export function headerOf(o: Order): HeaderDraft {
  return {
    partyId: String(o.partyId),
    orderDate: o.orderDate,
    currency: o.currency,
    rate: o.rate,
    incoterm: o.incoterm,
    incotermPlace: o.incotermPlace,
    paymentTerms: o.paymentTerms,
    deliveryAddress: o.deliveryAddress,
    warehouse: o.warehouse,
    notes: o.notes,
  };
}

interface OrderHeaderProps {
  kind: OrderKind;
  value: HeaderDraft;
  errors: Record<string, string>;
  parties: Party[];
  currencies: CurrencyInfo[];
  baseCurrency: string;
  readOnly: boolean;
  onChange: <K extends keyof HeaderDraft>(key: K, value: HeaderDraft[K]) => void;
}

export function OrderHeader({ kind, value: v, errors, parties, currencies, baseCurrency, readOnly, onChange }: OrderHeaderProps) {
  const { t } = useTranslation();
  const { language } = useAppState();
  const partyOptions = useMemo(
    () =>
      parties
        .filter((p) => !p.archived || String(p.id) === v.partyId)
        .map((p) => ({ value: String(p.id), label: [partyName(p, language), p.booth || p.country].filter(Boolean).join(' · ') })),
    [parties, language, v.partyId],
  );
  const currencyOptions = useMemo(() => currencies.map((c) => ({ value: c.code, label: [c.code, c.nameZh, c.nameEn].filter(Boolean).join(' ') })), [currencies]);
  const isBase = v.currency === baseCurrency;
  const text = (key: keyof HeaderDraft, extra: { multiline?: boolean; wide?: boolean; inputMode?: 'decimal'; hint?: string; required?: boolean; readOnly?: boolean } = {}) => (
    <TextField
      id={`order-${key}`}
      name={key}
      label={t(`orders.fields.${key}`)}
      value={v[key]}
      error={errors[key]}
      onChange={(x) => onChange(key, x)}
      {...extra}
      readOnly={readOnly || extra.readOnly === true}
      wide={false}
    />
  );

  return (
    <fieldset className="order-header" disabled={readOnly}>
      <div className="order-header-grid">
        <div className="span-2">
          <ComboField
            id="order-partyId"
            name="partyId"
            label={kind === 'sales' ? t('orders.fields.customer') : t('orders.fields.supplier')}
            value={v.partyId}
            options={partyOptions}
            allowEmpty={false}
            required
            error={errors.partyId}
            hint={partyOptions.length === 0 ? (kind === 'sales' ? t('orders.hints.noCustomers') : t('orders.hints.noSuppliers')) : undefined}
            onChange={(x) => onChange('partyId', x)}
          />
        </div>
        <Field id="order-orderDate" label={t('orders.fields.orderDate')} error={errors.orderDate} required>
          {(aria) => <input {...aria} type="date" name="orderDate" value={v.orderDate} readOnly={readOnly} onChange={(e) => onChange('orderDate', e.target.value)} />}
        </Field>
        <ComboField
          id="order-currency"
          name="currency"
          label={t('orders.fields.currency')}
          value={v.currency}
          options={currencyOptions}
          allowEmpty={false}
          required
          error={errors.currency}
          onChange={(x) => onChange('currency', x)}
        />
        {text('rate', {
          inputMode: 'decimal',
          required: true,
          readOnly: isBase,
          hint: isBase
            ? t('orders.hints.baseRate')
            : v.rate.trim() !== ''
              ? t('orders.hints.rateIs', { currency: v.currency, rate: v.rate.trim(), base: baseCurrency })
              : t('orders.hints.rate', { currency: v.currency, base: baseCurrency }),
        })}
        <ComboField
          id="order-incoterm"
          name="incoterm"
          label={t('orders.fields.incoterm')}
          value={v.incoterm}
          options={codeOptions('incoterms')}
          error={errors.incoterm}
          onChange={(x) => onChange('incoterm', x)}
        />
        {text('incotermPlace')}
        <div className="span-2">{text('paymentTerms')}</div>
        <div className="span-2">{text('deliveryAddress')}</div>
        {text('warehouse')}
        <div className="span-3">{text('notes')}</div>
      </div>
    </fieldset>
  );
}
