/**
 * The side form of one payment: who, when, how much in which currency at which rate, how it was paid, and
 * which open orders it settles (the rest stays on the party's account). The core checks everything again;
 * its messages show next to the field or the order line they name.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../../shared/trade';
import { ApiCallError, call } from '../../api';
import { ComboField, Field, SelectField, TextField } from '../../components/Field';
import { SidePanel } from '../../components/SidePanel';
import { useAppState } from '../../context';
import { describeError, issueText } from '../../lib/errors';
import { normalizeDecimalInput } from '../../lib/numbers';
import { AllocationTable } from './AllocationTable';
import { paymentMessage } from './messages';
import { allocateOldestFirst, convertPreview, fromMinor, PAYMENT_METHODS, sumAmounts, todayLocal, toMinor, type Direction, type Method } from './money';
import { useCurrencyOptions, useParties, usePartyOptions } from './useLookups';
import { openOrdersKey, useOpenOrders } from './useOpenOrders';

interface Draft {
  direction: Direction;
  partyId: string;
  payDate: string;
  amount: string;
  currency: string;
  rate: string;
  method: Method;
  reference: string;
  notes: string;
  /** amount text per order id */
  alloc: Record<number, string>;
}

type Errors = Record<string, string>;

function draftOf(record: Payment | null, direction: Direction, partyId: string, base: string): Draft {
  if (record) {
    return {
      direction: record.direction,
      partyId: String(record.partyId),
      payDate: record.payDate,
      amount: record.amount,
      currency: record.currency,
      rate: record.rate,
      method: record.method,
      reference: record.reference,
      notes: record.notes,
      alloc: Object.fromEntries(record.allocations.map((a) => [a.orderId, a.amount])),
    };
  }
  return {
    direction,
    partyId,
    payDate: todayLocal(),
    amount: '',
    currency: base,
    rate: '1',
    method: direction === 'in' ? 'tt' : 'bank',
    reference: '',
    notes: '',
    alloc: {},
  };
}

/** Enter in a one-line field moves to the next field, as Tab does (the pickers keep Enter while their list is open). */
function enterMovesOn(e: KeyboardEvent<HTMLDivElement>) {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || e.defaultPrevented) return;
  const el = e.target;
  if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) return;
  const items = Array.from(e.currentTarget.closest('.panel')?.querySelectorAll<HTMLElement>('.panel-body input:not([readonly]), .panel-body select, .panel-body textarea, .panel-footer button.primary') ?? []);
  const next = items[items.indexOf(el) + 1];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

export interface PaymentFormProps {
  /** null: a new payment */
  record: Payment | null;
  /** for a new payment: money in or out, and a party to start with ('' for none) */
  direction: Direction;
  partyId: string;
  onSaved: (payment: Payment, created: boolean) => void;
  onClose: () => void;
}

export function PaymentForm({ record, direction: newDirection, partyId: newPartyId, onSaved, onClose }: PaymentFormProps) {
  const { t } = useTranslation();
  const { company } = useAppState();
  const base = company.baseCurrency;
  const [start] = useState(() => draftOf(record, newDirection, newPartyId, base));
  const [v, setV] = useState<Draft>(start);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const parties = useParties();
  const partyOptions = usePartyOptions(parties, v.partyId, v.direction);
  const currencyOptions = useCurrencyOptions();
  const open = useOpenOrders(v.partyId, v.direction, record);
  const pickCurrency = useRef(record === null && newPartyId !== '');
  const rateRequest = useRef(0);

  const dirty = JSON.stringify(v) !== JSON.stringify(start);
  const current = open.key === openOrdersKey(v.partyId, v.direction);
  const shown = useMemo(() => (current ? open.orders.filter((o) => o.currency === v.currency) : []), [current, open.orders, v.currency]);
  const otherCurrencies = useMemo(
    () => (current ? [...new Set(open.orders.filter((o) => o.currency !== v.currency).map((o) => o.currency))] : []),
    [current, open.orders, v.currency],
  );

  function clearError(...keys: string[]) {
    setErrors((e) => {
      if (!keys.some((k) => k in e)) return e;
      const rest = { ...e };
      for (const k of keys) delete rest[k];
      return rest;
    });
  }

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setV((d) => ({ ...d, [key]: value }));
    clearError(String(key));
  }

  /** A new currency brings its last rate (1 for the base currency). */
  function changeCurrency(currency: string) {
    const no = ++rateRequest.current;
    setV((d) => ({ ...d, currency, rate: currency === base ? '1' : '' }));
    clearError('currency', 'rate', 'allocations');
    if (currency === base || currency === '') return;
    call('rates.last', { currency })
      .then((rate) => {
        if (no === rateRequest.current && rate) setV((d) => (d.currency === currency && d.rate === '' ? { ...d, rate } : d));
      })
      .catch(() => undefined); // no rate offered: the user types it
  }

  // After a party is picked, the currency follows its oldest open order (else the base currency).
  useEffect(() => {
    if (!pickCurrency.current || !current || open.loading) return;
    pickCurrency.current = false;
    const currency = open.orders[0]?.currency ?? base;
    if (currency !== v.currency) changeCurrency(currency);
  }, [current, open.loading, open.orders]);

  function changeParty(partyId: string) {
    setV((d) => ({ ...d, partyId, alloc: {} }));
    clearError('partyId', 'allocations');
    pickCurrency.current = partyId !== '';
  }

  function changeDirection(direction: Direction) {
    if (direction === v.direction) return;
    setV((d) => ({ ...d, direction, alloc: {} }));
    clearError('direction', 'allocations');
    pickCurrency.current = v.partyId !== '';
  }

  function setAlloc(orderId: number, text: string) {
    setV((d) => ({ ...d, alloc: { ...d.alloc, [orderId]: text } }));
    clearError(`alloc.${orderId}`, 'allocations');
  }

  function oldestFirst() {
    const minor = toMinor(v.amount, v.currency);
    if (minor === null || minor <= 0) {
      setErrors((e) => ({ ...e, amount: t('payments.errors.amountFirst') }));
      document.getElementById('pay-amount')?.focus();
      return;
    }
    setV((d) => ({ ...d, alloc: allocateOldestFirst(minor, shown, d.currency) }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('alloc') && k !== 'amount')));
  }

  function clearAllocations() {
    setV((d) => ({ ...d, alloc: {} }));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('alloc'))));
  }

  // the allocations that will be sent: the shown orders with an amount typed
  const sent = shown.filter((o) => (v.alloc[o.orderId] ?? '').trim() !== '');
  const allocated = sumAmounts(
    sent.map((o) => v.alloc[o.orderId] ?? ''),
    v.currency,
  );
  const amountMinor = toMinor(v.amount, v.currency);
  const allocatedMinor = allocated === null ? null : toMinor(allocated, v.currency);
  const leftMinor = amountMinor !== null && allocatedMinor !== null ? amountMinor - allocatedMinor : null;
  const left = leftMinor === null ? null : fromMinor(Math.abs(leftMinor), v.currency);
  const preview = v.currency !== base ? convertPreview(v.amount, v.currency, v.rate, base) : null;

  function fieldLabel(field: string): string {
    return i18nLabel(t, field);
  }

  function showErrors(next: Errors, other: string[]) {
    setErrors(next);
    const n = Object.keys(next).length;
    const parts = [...(n > 0 ? [t('common.formHasErrors', { count: n })] : []), ...other];
    setMessage(parts.length > 0 ? parts.join(' ') : undefined);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.panel [aria-invalid="true"]')?.focus());
  }

  async function save() {
    if (record && !dirty) {
      onClose();
      return;
    }
    const client: Errors = {};
    if (v.partyId === '') client.partyId = t('payments.errors.partyRequired');
    if (v.amount.trim() === '') client.amount = t('payments.errors.amountRequired');
    if (v.rate.trim() === '') client.rate = t('payments.errors.rateRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.payDate)) client.payDate = t('payments.errors.date');
    if (Object.keys(client).length > 0) {
      showErrors(client, []);
      return;
    }
    const input = {
      direction: v.direction,
      partyId: Number(v.partyId),
      payDate: v.payDate,
      amount: normalizeDecimalInput(v.amount),
      currency: v.currency,
      rate: normalizeDecimalInput(v.rate),
      method: v.method,
      reference: v.reference,
      notes: v.notes,
      allocations: sent.map((o) => ({ orderId: o.orderId, amount: normalizeDecimalInput(v.alloc[o.orderId] ?? '') })),
    };
    setSaving(true);
    setMessage(undefined);
    try {
      const saved = record ? await call('payments.update', { id: record.id, payment: input }) : await call('payments.create', input);
      onSaved(saved, record === null);
    } catch (e) {
      const next: Errors = {};
      const other: string[] = [];
      if (e instanceof ApiCallError && e.issues.length > 0) {
        for (const issue of e.issues) {
          const path = issue.path.replace(/^payment\./, '');
          const text = issueText(t, issue, paymentMessage);
          const m = /^allocations\.(\d+)\.(amount|orderId)$/.exec(path);
          const order = m ? sent[Number(m[1])] : undefined;
          if (order) next[`alloc.${order.orderId}`] ??= text;
          else if (path === 'allocations' || path.startsWith('allocations.')) next.allocations ??= text;
          else if (path in v && path !== 'alloc') next[path] ??= text;
          else other.push(t('errors.fieldError', { field: fieldLabel(path), message: text }));
        }
      } else {
        other.push(t('errors.saveFailed', { message: describeError(t, e, fieldLabel) }));
      }
      showErrors(next, other);
    } finally {
      setSaving(false);
    }
  }

  const methodOptions = PAYMENT_METHODS.map((m) => ({ value: m, label: t(`payments.methods.${m}`) }));
  const title = record
    ? t('payments.editTitle', { no: record.no })
    : t(v.direction === 'in' ? 'payments.newInTitle' : 'payments.newOutTitle');

  return (
    <SidePanel title={title} dirty={dirty} saving={saving} message={message} onSave={() => void save()} onClose={onClose}>
      <div className="pay-form" onKeyDown={enterMovesOn}>
        <div className="form-grid">
          <div className="field field-wide">
            <span className="field-label">{t('payments.fields.direction')}</span>
            <div className="segmented pay-direction" role="group" aria-label={t('payments.fields.direction')}>
              {(['in', 'out'] as const).map((d) => (
                <button key={d} type="button" data-direction={d} aria-pressed={v.direction === d} onClick={() => changeDirection(d)}>
                  {t(`payments.direction.${d}`)}
                </button>
              ))}
            </div>
          </div>
          <ComboField
            id="pay-partyId"
            name="partyId"
            label={t('payments.fields.party')}
            value={v.partyId}
            options={partyOptions}
            onChange={changeParty}
            error={errors.partyId}
            required
            allowEmpty={false}
            wide
          />
          <TextField
            id="pay-amount"
            name="amount"
            label={t('payments.fields.amount')}
            value={v.amount}
            onChange={(x) => set('amount', x)}
            error={errors.amount}
            inputMode="decimal"
            required
          />
          <ComboField
            id="pay-currency"
            name="currency"
            label={t('payments.fields.currency')}
            value={v.currency}
            options={currencyOptions}
            onChange={changeCurrency}
            error={errors.currency}
            allowEmpty={false}
            required
          />
          <TextField
            id="pay-rate"
            name="rate"
            label={t('payments.fields.rate')}
            value={v.rate}
            onChange={(x) => set('rate', x)}
            error={errors.rate}
            inputMode="decimal"
            readOnly={v.currency === base}
            required
            hint={
              v.currency === base
                ? t('payments.hints.baseRate', { base })
                : preview !== null
                  ? t('payments.hints.basePreview', { currency: v.currency, rate: normalizeDecimalInput(v.rate), base, amount: preview })
                  : t('payments.hints.rate', { currency: v.currency, base })
            }
          />
          <Field id="pay-payDate" label={t('payments.fields.payDate')} error={errors.payDate} required>
            {(aria) => <input {...aria} name="payDate" type="date" value={v.payDate} onChange={(e) => set('payDate', e.target.value)} />}
          </Field>
          <SelectField
            id="pay-method"
            name="method"
            label={t('payments.fields.method')}
            value={v.method}
            options={methodOptions}
            onChange={(x) => set('method', x as Method)}
            error={errors.method}
            hint={v.method === 'cash' && v.direction === 'in' ? t('payments.hints.cash1039') : undefined}
          />
          <TextField id="pay-reference" name="reference" label={t('payments.fields.reference')} value={v.reference} onChange={(x) => set('reference', x)} error={errors.reference} hint={t('payments.hints.reference')} maxLength={200} />
        </div>
        <h3 className="form-section">{t('payments.alloc.title')}</h3>
        <AllocationTable
          direction={v.direction}
          editing={record !== null}
          currency={v.currency}
          orders={shown}
          otherCurrencies={otherCurrencies}
          loading={open.loading || (!current && v.partyId !== '')}
          partyChosen={v.partyId !== ''}
          values={v.alloc}
          errors={errors}
          allocated={allocated}
          left={left}
          overAllocated={leftMinor !== null && leftMinor < 0}
          tableError={errors.allocations}
          onChange={setAlloc}
          onOldestFirst={oldestFirst}
          onClear={clearAllocations}
        />
        <div className="form-grid form-grid-1">
          <TextField id="pay-notes" name="notes" label={t('payments.fields.notes')} value={v.notes} onChange={(x) => set('notes', x)} error={errors.notes} multiline maxLength={2000} />
        </div>
      </div>
    </SidePanel>
  );
}

function i18nLabel(t: ReturnType<typeof useTranslation>['t'], field: string): string {
  const known: Record<string, string> = {
    direction: 'payments.fields.direction',
    partyId: 'payments.fields.party',
    payDate: 'payments.fields.payDate',
    amount: 'payments.fields.amount',
    currency: 'payments.fields.currency',
    rate: 'payments.fields.rate',
    method: 'payments.fields.method',
    reference: 'payments.fields.reference',
    notes: 'payments.fields.notes',
    allocations: 'payments.alloc.title',
  };
  const key = known[field];
  return key ? t(key) : field;
}
