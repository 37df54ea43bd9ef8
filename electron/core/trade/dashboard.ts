/**
 * The home screen: today's orders, the largest open balances both ways, shipments on their way, and products
 * whose confirmed sales ask for more than is on hand (or whose stock went below zero).
 */
import type { Dashboard } from '../../../shared/trade';
import type { DB } from '../db';
import { listBalances } from './balances';
import { baseCurrency, todayLocal } from './common';
import { listOrders } from './orders';
import { listShipments } from './shipments';
import { listStock } from './stock';

const TOP = 10;

export function dashboard(db: DB, today: string = todayLocal()): Dashboard {
  const todaysOrders = [
    ...listOrders(db, { kind: 'sales', from: today, to: today }),
    ...listOrders(db, { kind: 'purchase', from: today, to: today }),
  ];
  const inTransit = [...listShipments(db, { status: 'departed' }), ...listShipments(db, { status: 'arrived' })];
  // products whose confirmed sales ask for more than is on hand, or whose stock went below zero
  const stockWarnings = listStock(db, {}, { warningsOnly: true });
  const balances = listBalances(db, { asOf: today });
  return {
    today,
    baseCurrency: baseCurrency(db),
    todaysOrders,
    // one pass for both sides (each is the other's rows with the other sign, in the same order)
    receivables: balances.filter((b) => !b.balance.startsWith('-')).slice(0, TOP),
    payables: balances.filter((b) => b.balance.startsWith('-')).slice(0, TOP),
    inTransit,
    stockWarnings,
  };
}
