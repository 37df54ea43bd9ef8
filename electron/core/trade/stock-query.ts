/**
 * Quantity on hand (×1000) of products: receipts, adjustments and returned claim goods (stock_move) less what
 * shipments took (shipment_line of sales lines with that product). Shipments are not copied into stock_move,
 * so nothing is counted twice and deleting a shipment line gives the goods back by itself.
 *
 * The sum is kept per product in product_stock by triggers on those rows (migration 10), so reading it costs one
 * row per product; ON_HAND_COUNTED_SQL sums the rows themselves (the check and the tests compare the two).
 */
import type { DB } from '../db';

/** On hand of product `p`, as kept by the triggers. */
export const ON_HAND_SQL = `coalesce((SELECT ps.on_hand_e3 FROM product_stock ps WHERE ps.product_id = p.id), 0)`;

/** On hand of product `p`, summed from the stock moves and shipment lines. */
export const ON_HAND_COUNTED_SQL = `
  (SELECT coalesce(sum(sm.qty_e3), 0) FROM stock_move sm WHERE sm.product_id = p.id)
  - (SELECT coalesce(sum(sl.qty_e3), 0) FROM shipment_line sl JOIN order_line ol ON ol.id = sl.order_line_id
     WHERE ol.product_id = p.id)`;

/**
 * Ordered on confirmed / partly shipped sales orders and not yet shipped, per product (product_id, committed):
 * read from the open orders (an index on kind and status), not from every line of every product.
 */
export const COMMITTED_BY_PRODUCT_SQL = `
  SELECT ol.product_id AS product_id,
         sum(max(ol.qty_e3 - (SELECT coalesce(sum(sl.qty_e3), 0) FROM shipment_line sl WHERE sl.order_line_id = ol.id), 0)) AS committed
  FROM trade_order o JOIN order_line ol ON ol.order_id = o.id
  WHERE o.kind = 'sales' AND o.status IN ('confirmed', 'partial') AND ol.product_id IS NOT NULL
  GROUP BY ol.product_id`;

export function onHandE3(db: DB, productId: number): number {
  const r = db.prepare(`SELECT ${ON_HAND_SQL} AS q FROM product p WHERE p.id = ?`).get(productId) as { q: number } | undefined;
  return r?.q ?? 0;
}

/** Products whose kept on-hand figure differs from the sum of their rows (none, unless the file was edited by hand). */
export function stockMismatches(db: DB): { productId: number; kept: number; counted: number }[] {
  return db
    .prepare(`SELECT * FROM (SELECT p.id AS productId, ${ON_HAND_SQL} AS kept, ${ON_HAND_COUNTED_SQL} AS counted FROM product p) WHERE kept <> counted`)
    .all() as { productId: number; kept: number; counted: number }[];
}
