/**
 * Claims: goods of a shipment line that the buyer reports short, damaged, wrong or of poor quality. A claim
 * carries the buyer, the order, the stall and the item of its shipment line, so the agent can pass it back to
 * the stall that sold the goods.
 *
 * Settling: a credit or refund (an amount in the order's currency, at most the line's amount less what other
 * settled claims on the line already gave back), or a replacement (no amount). Returned goods go back into
 * stock (stock_move 'claim_return'). The balances module reads settled credits and refunds from the claim rows
 * as reducing what the buyer owes.
 */
import type { ApiParsedArg } from '../../../shared/api';
import { formatScaledTrim } from '../../../shared/decimal';
import type { Claim } from '../../../shared/trade';
import { nowIso, type DB } from '../db';
import { AppError, invalid, notFound } from '../errors';
import { QTY_SCALE, formatAmount, parseAmount, parseField } from '../money';
import { audit, nextNumber, PARTY_NAME_SQL } from './common';
import { todayLocal } from './shipments';

type CreateArg = ApiParsedArg<'claims.create'>;
type SettleArg = ApiParsedArg<'claims.settle'>;

const qty = (e3: number) => formatScaledTrim(e3, QTY_SCALE);

interface ClaimRow {
  id: number;
  no: string;
  shipment_line_id: number;
  claim_date: string;
  kind: Claim['kind'];
  cartons: number | null;
  qty_e3: number;
  reason: string;
  settlement: Claim['settlement'];
  amount_minor: number;
  goods_returned: number;
  status: Claim['status'];
  shipment_no: string;
  order_no: string;
  party_id: number;
  party_name: string;
  stall_id: number | null;
  stall_name: string | null;
  item_no: string;
  currency: string;
}

const SELECT = `
  SELECT c.*, s.no AS shipment_no, o.no AS order_no, o.party_id, ${PARTY_NAME_SQL('pa')} AS party_name,
         ol.stall_id, ${PARTY_NAME_SQL('st')} AS stall_name,
         CASE WHEN ol.item_no <> '' THEN ol.item_no ELSE coalesce(p.item_no, '') END AS item_no, o.currency
  FROM claim c
  JOIN shipment_line sl ON sl.id = c.shipment_line_id
  JOIN shipment s ON s.id = sl.shipment_id
  JOIN order_line ol ON ol.id = sl.order_line_id
  JOIN trade_order o ON o.id = ol.order_id
  JOIN party pa ON pa.id = o.party_id
  LEFT JOIN party st ON st.id = ol.stall_id
  LEFT JOIN product p ON p.id = ol.product_id`;

function toClaim(r: ClaimRow): Claim {
  return {
    id: r.id,
    no: r.no,
    shipmentLineId: r.shipment_line_id,
    shipmentNo: r.shipment_no,
    orderNo: r.order_no,
    partyId: r.party_id,
    partyName: r.party_name,
    stallId: r.stall_id,
    stallName: r.stall_name ?? '',
    itemNo: r.item_no,
    claimDate: r.claim_date,
    kind: r.kind,
    cartons: r.cartons,
    quantity: qty(r.qty_e3),
    reason: r.reason,
    settlement: r.settlement,
    amount: formatAmount(r.amount_minor, r.currency),
    currency: r.currency,
    goodsReturned: r.goods_returned === 1,
    status: r.status,
  };
}

export function getClaim(db: DB, id: number): Claim {
  const r = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as ClaimRow | undefined;
  if (!r) throw notFound('Claim', id);
  return toClaim(r);
}

export function listClaims(db: DB, q: ApiParsedArg<'claims.list'>): Claim[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.partyId !== undefined) {
    where.push('o.party_id = ?');
    params.push(q.partyId);
  }
  if (q.shipmentId !== undefined) {
    where.push('sl.shipment_id = ?');
    params.push(q.shipmentId);
  }
  const sql = `${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY c.claim_date DESC, c.id DESC`;
  return (db.prepare(sql).all(...params) as ClaimRow[]).map(toClaim);
}

/** Check and apply a settlement to open claim `id`, in the caller's transaction. */
function applySettlement(
  db: DB,
  user: string,
  id: number,
  s: { settlement: NonNullable<Claim['settlement']>; amount?: string | undefined; goodsReturned?: boolean | undefined },
): void {
  const c = db
    .prepare(
      `SELECT c.no, c.qty_e3, c.shipment_line_id, sl.amount_minor AS line_amount, o.currency, ol.product_id
       FROM claim c JOIN shipment_line sl ON sl.id = c.shipment_line_id JOIN order_line ol ON ol.id = sl.order_line_id
       JOIN trade_order o ON o.id = ol.order_id WHERE c.id = ?`,
    )
    .get(id) as { no: string; qty_e3: number; shipment_line_id: number; line_amount: number; currency: string; product_id: number | null };
  let amount = 0;
  if (s.settlement === 'replacement') {
    if (s.amount !== undefined && parseAmount(s.amount, c.currency, 'amount') !== 0) {
      throw invalid('amount', 'a replacement has no amount: the goods are sent again');
    }
  } else {
    if (s.amount === undefined) throw invalid('amount', `a ${s.settlement} needs an amount in ${c.currency}`);
    amount = parseAmount(s.amount, c.currency, 'amount');
    if (amount <= 0) throw invalid('amount', `a ${s.settlement} needs an amount more than 0`);
    const given = (
      db
        .prepare(
          `SELECT coalesce(sum(amount_minor), 0) AS a FROM claim
           WHERE shipment_line_id = ? AND id <> ? AND status = 'settled' AND settlement IN ('credit', 'refund')`,
        )
        .get(c.shipment_line_id, id) as { a: number }
    ).a;
    const max = c.line_amount - given;
    if (amount > max) {
      throw invalid(
        'amount',
        given > 0
          ? `at most ${formatAmount(max, c.currency)} ${c.currency}: the line's amount is ${formatAmount(c.line_amount, c.currency)}, of which other claims already gave back ${formatAmount(given, c.currency)}`
          : `at most ${formatAmount(max, c.currency)} ${c.currency}, the amount of the shipment line`,
      );
    }
  }
  const returned = s.goodsReturned === true;
  db.prepare("UPDATE claim SET settlement = ?, amount_minor = ?, goods_returned = ?, status = 'settled', updated_at = ? WHERE id = ?").run(
    s.settlement,
    amount,
    returned ? 1 : 0,
    nowIso(),
    id,
  );
  if (returned && c.product_id !== null) {
    db.prepare(
      `INSERT INTO stock_move (product_id, move_date, kind, qty_e3, claim_id, reason, created_at) VALUES (?, ?, 'claim_return', ?, ?, ?, ?)`,
    ).run(c.product_id, todayLocal(), c.qty_e3, id, `goods returned on claim ${c.no}`, nowIso());
  }
  audit(db, user, 'claim', id, 'settle', {
    status: ['open', 'settled'],
    settlement: s.settlement,
    amount: formatAmount(amount, c.currency),
    currency: c.currency,
    goodsReturned: returned,
  });
}

export function createClaim(db: DB, user: string, arg: CreateArg): Claim {
  return db.transaction(() => {
    const line = db.prepare('SELECT id, qty_e3 FROM shipment_line WHERE id = ?').get(arg.shipmentLineId) as { id: number; qty_e3: number } | undefined;
    if (!line) throw invalid('shipmentLineId', `shipment line ${arg.shipmentLineId} does not exist`);
    if ((arg.amount !== undefined || arg.goodsReturned !== undefined) && !arg.settlement) {
      throw invalid('settlement', 'choose credit, replacement or refund to give an amount or return goods');
    }
    const q = parseField(arg.quantity, QTY_SCALE, 'quantity');
    const claimed = (db.prepare('SELECT coalesce(sum(qty_e3), 0) AS q FROM claim WHERE shipment_line_id = ?').get(line.id) as { q: number }).q;
    const left = line.qty_e3 - claimed;
    if (q > left) {
      throw invalid(
        'quantity',
        claimed > 0
          ? `at most ${qty(Math.max(left, 0))}: ${qty(line.qty_e3)} were shipped on this line and other claims cover ${qty(claimed)}`
          : `at most ${qty(line.qty_e3)}, the quantity shipped on this line`,
      );
    }
    const no = nextNumber(db, 'claim', arg.claimDate);
    const now = nowIso();
    const info = db
      .prepare(
        `INSERT INTO claim (no, shipment_line_id, claim_date, kind, cartons, qty_e3, reason, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      )
      .run(no, line.id, arg.claimDate, arg.kind, arg.cartons ?? null, q, arg.reason ?? '', now, now);
    const id = Number(info.lastInsertRowid);
    audit(db, user, 'claim', id, 'create', {
      no,
      shipmentLineId: line.id,
      claimDate: arg.claimDate,
      kind: arg.kind,
      cartons: arg.cartons ?? null,
      quantity: qty(q),
      reason: arg.reason ?? '',
    });
    if (arg.settlement) applySettlement(db, user, id, { settlement: arg.settlement, amount: arg.amount, goodsReturned: arg.goodsReturned });
    return getClaim(db, id);
  })();
}

export function settleClaim(db: DB, user: string, arg: SettleArg): Claim {
  return db.transaction(() => {
    const c = getClaim(db, arg.id);
    if (c.status === 'settled') throw new AppError('conflict', `Claim ${c.no} is already settled (${c.settlement}).`);
    applySettlement(db, user, arg.id, arg);
    return getClaim(db, arg.id);
  })();
}
