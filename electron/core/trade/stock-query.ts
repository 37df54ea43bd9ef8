/**
 * Quantity on hand (×1000) of products: receipts, adjustments and returned claim goods (stock_move) less what
 * shipments took (shipment_line of sales lines with that product). Shipments are not copied into stock_move,
 * so nothing is counted twice and deleting a shipment line gives the goods back by itself.
 */
import type { DB } from '../db';

export const ON_HAND_SQL = `
  (SELECT coalesce(sum(sm.qty_e3), 0) FROM stock_move sm WHERE sm.product_id = p.id)
  - (SELECT coalesce(sum(sl.qty_e3), 0) FROM shipment_line sl JOIN order_line ol ON ol.id = sl.order_line_id
     WHERE ol.product_id = p.id)`;

/** Ordered on confirmed / partly shipped sales orders and not yet shipped. */
export const COMMITTED_SQL = `
  (SELECT coalesce(sum(max(ol.qty_e3 - (SELECT coalesce(sum(sl.qty_e3), 0) FROM shipment_line sl WHERE sl.order_line_id = ol.id), 0)), 0)
   FROM order_line ol JOIN trade_order o ON o.id = ol.order_id
   WHERE ol.product_id = p.id AND o.kind = 'sales' AND o.status IN ('confirmed', 'partial'))`;

export function onHandE3(db: DB, productId: number): number {
  const r = db.prepare(`SELECT ${ON_HAND_SQL} AS q FROM product p WHERE p.id = ?`).get(productId) as { q: number } | undefined;
  return r?.q ?? 0;
}
