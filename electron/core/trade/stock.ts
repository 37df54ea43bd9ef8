/**
 * Stock: quantity on hand per product = stock_move (receipts, adjustments, returned claim goods) − shipped
 * (shipment lines of sales lines with that product); see stock-query.ts. Committed = ordered on confirmed or
 * partly shipped sales orders and not yet shipped.
 */
import type { ApiParsedArg } from '../../../shared/api';
import { formatScaledTrim } from '../../../shared/decimal';
import type { StockMove, StockRow } from '../../../shared/trade';
import { nowIso, type DB } from '../db';
import { invalid } from '../errors';
import { QTY_SCALE, parseField } from '../money';
import { likePattern } from '../sql';
import { audit } from './common';
import { COMMITTED_BY_PRODUCT_SQL, ON_HAND_SQL, onHandE3 } from './stock-query';

const qty = (e3: number) => formatScaledTrim(e3, QTY_SCALE);

/**
 * Stock per product. `warningsOnly` (the home screen): only the products whose confirmed sales ask for more than is
 * on hand, or whose stock went below zero — chosen in SQL rather than formatting every product to drop most.
 */
export function listStock(db: DB, q: ApiParsedArg<'stock.list'>, opts: { warningsOnly?: boolean } = {}): StockRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.productId !== undefined) {
    where.push('id = ?');
    params.push(q.productId);
  }
  if (q.search) {
    const p = likePattern(q.search);
    where.push(`(item_no LIKE ? ESCAPE '\\' OR name_zh LIKE ? ESCAPE '\\' OR name_en LIKE ? ESCAPE '\\')`);
    params.push(p, p, p);
  }
  // archived products are listed only while they still have stock
  where.push('(archived = 0 OR on_hand <> 0)');
  if (opts.warningsOnly) where.push('(on_hand < 0 OR committed > on_hand)');
  const rows = db
    .prepare(
      `WITH committed AS (${COMMITTED_BY_PRODUCT_SQL})
       SELECT * FROM (SELECT p.id, p.item_no, p.name_zh, p.name_en, p.customs_unit, p.archived,
                             ${ON_HAND_SQL} AS on_hand, coalesce(c.committed, 0) AS committed
                      FROM product p LEFT JOIN committed c ON c.product_id = p.id)
       WHERE ${where.join(' AND ')}
       ORDER BY item_no COLLATE NOCASE`,
    )
    .all(...params) as { id: number; item_no: string; name_zh: string; name_en: string; customs_unit: string; on_hand: number; committed: number }[];
  return rows.map((r) => ({
    productId: r.id,
    itemNo: r.item_no,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    unit: r.customs_unit,
    onHand: qty(r.on_hand),
    committed: qty(r.committed),
  }));
}

interface MoveRow {
  id: number;
  product_id: number;
  date: string;
  kind: StockMove['kind'];
  qty_e3: number;
  reference: string | null;
  reason: string;
}

/**
 * Stock moves of a product by date: its stock_move rows, and its shipment lines as 'sales_shipment' with a
 * negative quantity (dated by the shipment's ETD, else the day it was entered). A shipment row's id is the
 * shipment line's id negated, so ids stay unique in one list.
 */
export function listMoves(db: DB, productId: number): StockMove[] {
  if (!db.prepare('SELECT 1 FROM product WHERE id = ?').get(productId)) throw invalid('productId', `product ${productId} does not exist`);
  const rows = db
    .prepare(
      `SELECT sm.id AS id, sm.product_id AS product_id, sm.move_date AS date, sm.kind AS kind, sm.qty_e3 AS qty_e3, sm.reason AS reason,
              coalesce(ir.no, c.no, o.no, '') AS reference
       FROM stock_move sm
       LEFT JOIN import_line il ON il.id = sm.import_line_id LEFT JOIN import_record ir ON ir.id = il.import_id
       LEFT JOIN claim c ON c.id = sm.claim_id
       LEFT JOIN order_line ol ON ol.id = sm.order_line_id LEFT JOIN trade_order o ON o.id = ol.order_id
       WHERE sm.product_id = ?
       UNION ALL
       SELECT -sl.id, ol.product_id, CASE WHEN s.etd <> '' THEN s.etd ELSE substr(s.created_at, 1, 10) END, 'sales_shipment',
              -sl.qty_e3, '', s.no || ' / ' || o.no
       FROM shipment_line sl JOIN shipment s ON s.id = sl.shipment_id
       JOIN order_line ol ON ol.id = sl.order_line_id JOIN trade_order o ON o.id = ol.order_id
       WHERE ol.product_id = ?
       ORDER BY date, id`,
    )
    .all(productId, productId) as MoveRow[];
  return rows.map((r) => ({
    id: r.id,
    productId: r.product_id,
    date: r.date,
    kind: r.kind,
    quantity: qty(r.qty_e3),
    reference: r.reference ?? '',
    reason: r.reason,
  }));
}

/** A manual correction (count, breakage, samples). Refused when it would leave less than nothing on hand. */
export function adjustStock(db: DB, user: string, arg: ApiParsedArg<'stock.adjust'>): StockMove {
  return db.transaction(() => {
    const p = db.prepare('SELECT id, item_no FROM product WHERE id = ?').get(arg.productId) as { id: number; item_no: string } | undefined;
    if (!p) throw invalid('productId', `product ${arg.productId} does not exist`);
    const q = parseField(arg.quantity, QTY_SCALE, 'quantity');
    const onHand = onHandE3(db, p.id);
    if (onHand + q < 0) {
      throw invalid('quantity', `${p.item_no} has ${qty(onHand)} on hand; removing ${qty(-q)} would leave ${qty(onHand + q)}`);
    }
    const info = db
      .prepare(`INSERT INTO stock_move (product_id, move_date, kind, qty_e3, reason, created_at) VALUES (?, ?, 'adjustment', ?, ?, ?)`)
      .run(p.id, arg.date, q, arg.reason, nowIso());
    const id = Number(info.lastInsertRowid);
    audit(db, user, 'stock_move', id, 'adjust', { productId: p.id, itemNo: p.item_no, date: arg.date, quantity: qty(q), reason: arg.reason, onHandBefore: qty(onHand) });
    return { id, productId: p.id, date: arg.date, kind: 'adjustment' as const, quantity: qty(q), reference: '', reason: arg.reason };
  })();
}
