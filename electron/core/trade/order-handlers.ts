// PLACEHOLDER — being implemented (orders, payments, balances, settings, rates).
import type { HandlersFor } from '../context';
import { AppError } from '../errors';

type Names = 'currencies.list' | 'rates.last' | 'settings.get' | 'settings.update' | `orders.${string}` | `payments.${string}` | 'balances.list';
const todo = () => {
  throw new AppError('internal', 'not implemented yet');
};
export const orderHandlers: HandlersFor<Extract<import('../../../shared/api').ApiName, Names>> = {
  'currencies.list': todo,
  'rates.last': todo,
  'settings.get': todo,
  'settings.update': todo,
  'orders.list': todo,
  'orders.get': todo,
  'orders.create': todo,
  'orders.update': todo,
  'orders.confirm': todo,
  'orders.cancel': todo,
  'orders.close': todo,
  'orders.delete': todo,
  'orders.generatePurchase': todo,
  'orders.receive': todo,
  'payments.list': todo,
  'payments.get': todo,
  'payments.create': todo,
  'payments.update': todo,
  'payments.delete': todo,
  'balances.list': todo,
};
