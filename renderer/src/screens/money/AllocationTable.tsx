/**
 * The open orders a payment can settle, each with what is still unpaid and an amount field; "oldest first"
 * fills them in date order up to the payment amount. Errors from the core show under the order they name.
 */
import { useTranslation } from 'react-i18next';
import type { Direction, OpenOrder } from './money';
import { formatDecimal } from '../../lib/format';

interface AllocationTableProps {
  direction: Direction;
  /** changing a saved payment: the unpaid column includes what it settled before */
  editing: boolean;
  currency: string;
  orders: OpenOrder[];
  /** open orders of this party in other currencies (they cannot take this payment) */
  otherCurrencies: string[];
  loading: boolean;
  partyChosen: boolean;
  values: Record<number, string>;
  errors: Record<string, string>;
  allocated: string | null;
  left: string | null;
  overAllocated: boolean;
  tableError: string | undefined;
  onChange: (orderId: number, text: string) => void;
  onOldestFirst: () => void;
  onClear: () => void;
}

export function AllocationTable(props: AllocationTableProps) {
  const { direction, currency, orders, otherCurrencies, loading, partyChosen, values, errors, allocated, left, overAllocated, tableError } = props;
  const { t } = useTranslation();
  const none = !loading && orders.length === 0;

  return (
    <div className={`alloc${tableError ? ' alloc-has-error' : ''}`} data-testid="allocations">
      <div className="alloc-head">
        <span className="alloc-intro">{t(direction === 'in' ? 'payments.alloc.introIn' : 'payments.alloc.introOut')}</span>
        <div className="alloc-buttons">
          <button type="button" data-action="oldest-first" disabled={orders.length === 0} onClick={props.onOldestFirst}>
            {t('payments.alloc.oldestFirst')}
          </button>
          <button type="button" data-action="clear-allocations" disabled={orders.length === 0} onClick={props.onClear}>
            {t('payments.alloc.clear')}
          </button>
        </div>
      </div>
      {loading && <p className="alloc-empty">{t('payments.alloc.loading')}</p>}
      {none && (
        <p className="alloc-empty">
          {!partyChosen
            ? t('payments.alloc.choosePartyFirst')
            : t(direction === 'in' ? 'payments.alloc.noneIn' : 'payments.alloc.noneOut', { currency })}
        </p>
      )}
      {orders.length > 0 && (
        <table className="alloc-table">
          <thead>
            <tr>
              <th>{t('payments.alloc.orderNo')}</th>
              <th>{t('payments.alloc.orderDate')}</th>
              <th className="num">{t('payments.alloc.total')}</th>
              <th className="num">{t(direction === 'in' ? 'payments.alloc.unpaidIn' : 'payments.alloc.unpaidOut')}</th>
              <th className="num">{t('payments.alloc.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => {
              const key = `alloc.${o.orderId}`;
              const error = errors[key];
              const id = `pay-alloc-${o.orderId}`;
              return (
                <tr key={o.orderId} data-order={o.orderNo} className={error ? 'row-error' : undefined}>
                  <td>{o.orderNo}</td>
                  <td>{o.orderDate}</td>
                  <td className="num">{formatDecimal(o.total)}</td>
                  <td className="num">{formatDecimal(o.available)}</td>
                  <td className="num alloc-input-cell">
                    <input
                      id={id}
                      name={key}
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      aria-label={t('payments.alloc.amountFor', { order: o.orderNo })}
                      aria-invalid={Boolean(error)}
                      aria-describedby={error ? `${id}-error` : undefined}
                      value={values[o.orderId] ?? ''}
                      onChange={(e) => props.onChange(o.orderId, e.target.value)}
                    />
                    {error && (
                      <div id={`${id}-error`} className="field-error" role="alert">
                        {error}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4}>{t('payments.alloc.allocated')}</td>
              <td className="num" data-testid="allocated-total">
                {allocated === null || allocated === undefined ? '—' : formatDecimal(allocated)}
              </td>
            </tr>
            <tr className={overAllocated ? 'alloc-over' : undefined}>
              <td colSpan={4}>{t(overAllocated ? 'payments.alloc.over' : direction === 'in' ? 'payments.alloc.onAccountIn' : 'payments.alloc.onAccountOut')}</td>
              <td className="num" data-testid="on-account">
                {left === null || left === undefined ? '—' : formatDecimal(left)}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
      {tableError && (
        <div id="pay-allocations-error" className="field-error" role="alert">
          {tableError}
        </div>
      )}
      {props.editing && orders.length > 0 && <p className="field-hint">{t('payments.alloc.editNote')}</p>}
      {otherCurrencies.length > 0 && <p className="field-hint">{t('payments.alloc.otherCurrencies', { currencies: otherCurrencies.join(', ') })}</p>}
    </div>
  );
}
