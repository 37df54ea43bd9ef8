/**
 * The API calls of orders, payments, balances, exchange rates and trade settings. Arguments arrive parsed by
 * their zod schemas; the modules check what needs the database and write one transaction per call.
 */
import type { ApiName } from '../../../shared/api';
import { formatScaledTrim } from '../../../shared/decimal';
import { currencies } from '../../../shared/currency';
import type { HandlersFor } from '../context';
import type { DB } from '../db';
import { getSettings, lastRate, updateSettings } from './common';
import { listBalances } from './balances';
import {
  cancelOrder,
  closeOrder,
  confirmOrder,
  createOrder,
  deleteOrder,
  generatePurchase,
  getOrder,
  listOrders,
  receiveOrder,
  updateOrder,
} from './orders';
import { exportOrders } from './order-export';
import { pageOrders } from './order-page';
import { createPayment, deletePayment, getPayment, listPayments, updatePayment } from './payments';

type Names = 'currencies.list' | 'rates.last' | 'settings.get' | 'settings.update' | `orders.${string}` | `payments.${string}` | 'balances.list';

/** The rate last used for `currency` (6 decimals, trailing zeros trimmed); "1" for the base currency. */
function lastRateText(db: DB, currency: string): string | null {
  const company = db.prepare('SELECT base_currency FROM company WHERE id = 1').get() as { base_currency: string } | undefined;
  if (company?.base_currency === currency) return '1';
  const r = lastRate(db, currency);
  return r === null ? null : formatScaledTrim(r, 6);
}

export const orderHandlers: HandlersFor<Extract<ApiName, Names>> = {
  'currencies.list': () => currencies,
  'rates.last': ({ currency }, { db }) => lastRateText(db, currency),
  'settings.get': (_arg, { db }) => getSettings(db),
  'settings.update': (arg, { db, user }) => updateSettings(db, arg, user),

  'orders.list': (arg, { db }) => listOrders(db, arg),
  'orders.page': (arg, { db }) => pageOrders(db, arg),
  'orders.export': (arg, ctx) => exportOrders(ctx, arg),
  'orders.get': ({ id }, { db }) => getOrder(db, id),
  'orders.create': (arg, { db, user }) => createOrder(db, user, arg),
  'orders.update': (arg, { db, user }) => updateOrder(db, user, arg),
  'orders.confirm': ({ id }, { db, user }) => confirmOrder(db, user, id),
  'orders.cancel': ({ id, reason }, { db, user }) => cancelOrder(db, user, id, reason),
  'orders.close': ({ id }, { db, user }) => closeOrder(db, user, id),
  'orders.delete': ({ id }, { db, user }) => deleteOrder(db, user, id),
  'orders.generatePurchase': ({ salesOrderId }, { db, user }) => generatePurchase(db, user, salesOrderId),
  'orders.receive': (arg, { db, user }) => receiveOrder(db, user, arg),

  'payments.list': (arg, { db }) => listPayments(db, arg),
  'payments.get': ({ id }, { db }) => getPayment(db, id),
  'payments.create': (arg, { db, user }) => createPayment(db, user, arg),
  'payments.update': ({ id, payment }, { db, user }) => updatePayment(db, user, id, payment),
  'payments.delete': ({ id }, { db, user }) => deletePayment(db, user, id),

  // a clerk's balances leave purchases and payments out aside (electron/core/access/rules.ts narrows the argument)
  'balances.list': (arg, { db, role }) => listBalances(db, arg, { salesSideOnly: role === 'clerk' }),
};
