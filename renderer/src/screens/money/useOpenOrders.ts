/**
 * The orders a payment of one party can settle: sales orders for money in, purchase orders for money out,
 * neither draft nor cancelled, with something unpaid. When editing a payment, what it already gave an order
 * counts as unpaid again (the core removes the payment's own allocations before it checks the new ones).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../../shared/trade';
import { call } from '../../api';
import { useNotify } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { fromMinor, toMinor, type Direction, type OpenOrder } from './money';

export interface PartyOrder extends OpenOrder {
  currency: string;
}

export interface OpenOrders {
  /** the party and direction the list belongs to ('' while nothing is chosen) */
  key: string;
  orders: PartyOrder[];
  loading: boolean;
}

export const openOrdersKey = (partyId: string, direction: Direction) => (partyId === '' ? '' : `${partyId}|${direction}`);

export function useOpenOrders(partyId: string, direction: Direction, record: Payment | null): OpenOrders {
  const { t } = useTranslation();
  const notify = useNotify();
  const key = openOrdersKey(partyId, direction);
  const [state, setState] = useState<OpenOrders>({ key: '', orders: [], loading: false });

  useEffect(() => {
    if (key === '') {
      setState({ key, orders: [], loading: false });
      return;
    }
    let live = true;
    setState({ key, orders: [], loading: true });
    // what the payment being edited gave each order (only when it is still the same party and direction)
    const own = new Map<number, string>();
    if (record && String(record.partyId) === partyId && record.direction === direction) {
      for (const a of record.allocations) own.set(a.orderId, a.amount);
    }
    call('orders.list', { kind: direction === 'in' ? 'sales' : 'purchase', partyId: Number(partyId) })
      .then((list) => {
        if (!live) return;
        const orders: PartyOrder[] = [];
        for (const o of list) {
          if (o.status === 'draft' || o.status === 'cancelled') continue;
          const unpaid = toMinor(o.unpaid, o.currency) ?? 0;
          const mine = toMinor(own.get(o.id) ?? '0', o.currency) ?? 0;
          const available = unpaid + mine;
          if (available <= 0) continue;
          orders.push({ orderId: o.id, orderNo: o.no, orderDate: o.orderDate, total: o.amount, available: fromMinor(available, o.currency), currency: o.currency });
        }
        orders.sort((a, b) => a.orderDate.localeCompare(b.orderDate) || a.orderNo.localeCompare(b.orderNo));
        setState({ key, orders, loading: false });
      })
      .catch((e: unknown) => {
        if (!live) return;
        setState({ key, orders: [], loading: false });
        notify.error(t('errors.loadFailed', { message: describeError(t, e) }));
      });
    return () => {
      live = false;
    };
    // record is fixed for the life of the form
  }, [key]);

  return state;
}
