/**
 * Quantities done against order lines, and the order status that follows from them. Shared by orders
 * (receipts), shipments (sales) and imports (purchase lines received through an import).
 *
 *   sales line:    done = Σ shipment_line.qty_e3 on the line
 *   purchase line: done = Σ stock_move.qty_e3 on the line (purchase and import receipts)
 */
import type { DB } from '../db';

/** Done quantity (×1000) per order line of one order. */
export function doneByLine(db: DB, orderId: number): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT ol.id AS id,
              CASE o.kind
                WHEN 'sales' THEN (SELECT coalesce(sum(sl.qty_e3), 0) FROM shipment_line sl WHERE sl.order_line_id = ol.id)
                ELSE (SELECT coalesce(sum(sm.qty_e3), 0) FROM stock_move sm
                      WHERE sm.order_line_id = ol.id AND sm.kind IN ('purchase_receipt', 'import_receipt'))
              END AS done
       FROM order_line ol JOIN trade_order o ON o.id = ol.order_id
       WHERE ol.order_id = ?`,
    )
    .all(orderId) as { id: number; done: number }[];
  return new Map(rows.map((r) => [r.id, r.done]));
}

/** Done quantity (×1000) of one order line. */
export function doneOfLine(db: DB, orderLineId: number): number {
  const r = db
    .prepare(
      `SELECT CASE o.kind
                WHEN 'sales' THEN (SELECT coalesce(sum(sl.qty_e3), 0) FROM shipment_line sl WHERE sl.order_line_id = ol.id)
                ELSE (SELECT coalesce(sum(sm.qty_e3), 0) FROM stock_move sm
                      WHERE sm.order_line_id = ol.id AND sm.kind IN ('purchase_receipt', 'import_receipt'))
              END AS done
       FROM order_line ol JOIN trade_order o ON o.id = ol.order_id WHERE ol.id = ?`,
    )
    .get(orderLineId) as { done: number } | undefined;
  return r?.done ?? 0;
}

/**
 * Set confirmed / partial / complete from the done quantities. Draft, closed and cancelled orders keep their
 * status. Call in the transaction that changed a shipment, receipt or import. Returns the new status.
 */
export function refreshOrderStatus(db: DB, orderId: number): string {
  const o = db.prepare('SELECT status FROM trade_order WHERE id = ?').get(orderId) as { status: string } | undefined;
  if (!o) return '';
  if (!['confirmed', 'partial', 'complete'].includes(o.status)) return o.status;
  const lines = db.prepare('SELECT id, qty_e3 FROM order_line WHERE order_id = ?').all(orderId) as { id: number; qty_e3: number }[];
  const done = doneByLine(db, orderId);
  const anyDone = lines.some((l) => (done.get(l.id) ?? 0) > 0);
  const allDone = lines.length > 0 && lines.every((l) => (done.get(l.id) ?? 0) >= l.qty_e3);
  const status = allDone ? 'complete' : anyDone ? 'partial' : 'confirmed';
  if (status !== o.status) {
    db.prepare('UPDATE trade_order SET status = ?, updated_at = ? WHERE id = ?').run(status, new Date().toISOString(), orderId);
  }
  return status;
}
