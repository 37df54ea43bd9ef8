/**
 * Payments in (from buyers) and out (to stalls and factories), with their allocations to orders.
 *
 *   base amount  = convert(amount, currency, rate, base)
 *   unallocated  = amount − Σ allocations   (stays on the party's account; see balances.ts)
 *
 * An allocation settles an order of the payment's party, in the payment's currency: a sales order for a
 * payment in, a purchase order for a payment out, neither draft nor cancelled, for at most what is unpaid on
 * it (total − other allocations − settled claim credits). Σ allocations ≤ the payment amount.
 */
import type { ApiParsedArg } from '../../../shared/api';
import { formatScaledTrim } from '../../../shared/decimal';
import type { Payment } from '../../../shared/trade';
import { nowIso, type DB } from '../db';
import { invalid, notFound } from '../errors';
import { convert, formatAmount, parseAmount, parseField } from '../money';
import { audit, baseCurrency, diff, nextNumber, PARTY_NAME_SQL, rememberRate, requireParty } from './common';
import { CREDIT_SQL, PAID_SQL, unpaidMinor } from './orders';

type PaymentInput = ApiParsedArg<'payments.create'>;

interface PaymentRow {
  id: number;
  no: string;
  direction: 'in' | 'out';
  party_id: number;
  party_name: string;
  pay_date: string;
  amount_minor: number;
  currency: string;
  rate_e6: number;
  method: Payment['method'];
  reference: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT pm.*, ${PARTY_NAME_SQL('p')} AS party_name FROM payment pm JOIN party p ON p.id = pm.party_id`;

function toPayment(db: DB, r: PaymentRow, base: string): Payment {
  const allocations = db
    .prepare(
      `SELECT pa.order_id AS orderId, o.no AS orderNo, pa.amount_minor AS amount
       FROM payment_allocation pa JOIN trade_order o ON o.id = pa.order_id
       WHERE pa.payment_id = ? ORDER BY o.order_date, o.id`,
    )
    .all(r.id) as { orderId: number; orderNo: string; amount: number }[];
  const allocated = allocations.reduce((a, x) => a + x.amount, 0);
  return {
    id: r.id,
    no: r.no,
    direction: r.direction,
    partyId: r.party_id,
    partyName: r.party_name,
    payDate: r.pay_date,
    amount: formatAmount(r.amount_minor, r.currency),
    currency: r.currency,
    rate: formatScaledTrim(r.rate_e6, 6),
    baseAmount: formatAmount(convert(r.amount_minor, r.currency, r.rate_e6, base), base),
    method: r.method,
    reference: r.reference,
    notes: r.notes,
    allocations: allocations.map((a) => ({ orderId: a.orderId, orderNo: a.orderNo, amount: formatAmount(a.amount, r.currency) })),
    unallocated: formatAmount(r.amount_minor - allocated, r.currency),
    createdAt: r.created_at,
  };
}

export function getPayment(db: DB, id: number): Payment {
  const r = db.prepare(`${SELECT} WHERE pm.id = ?`).get(id) as PaymentRow | undefined;
  if (!r) throw notFound('Payment', id);
  return toPayment(db, r, baseCurrency(db));
}

export function listPayments(db: DB, q: ApiParsedArg<'payments.list'>): Payment[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.partyId !== undefined) {
    where.push('pm.party_id = ?');
    params.push(q.partyId);
  }
  if (q.direction) {
    where.push('pm.direction = ?');
    params.push(q.direction);
  }
  if (q.orderId !== undefined) {
    where.push('EXISTS (SELECT 1 FROM payment_allocation pa WHERE pa.payment_id = pm.id AND pa.order_id = ?)');
    params.push(q.orderId);
  }
  if (q.from) {
    where.push('pm.pay_date >= ?');
    params.push(q.from);
  }
  if (q.to) {
    where.push('pm.pay_date <= ?');
    params.push(q.to);
  }
  const rows = db
    .prepare(`${SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY pm.pay_date DESC, pm.id DESC`)
    .all(...params) as PaymentRow[];
  const base = baseCurrency(db);
  return rows.map((r) => toPayment(db, r, base));
}

interface Checked {
  amount: number;
  rate: number;
  allocations: { orderId: number; amount: number }[];
}

/**
 * Validate a payment and its allocations. Call inside the transaction, after removing the payment's own
 * previous allocations (an update), so that what it paid before counts as unpaid again.
 */
function check(db: DB, input: PaymentInput, prefix: string): Checked {
  requireParty(db, input.partyId, [], `${prefix}partyId`);
  const amount = parseAmount(input.amount, input.currency, `${prefix}amount`);
  if (amount <= 0) throw invalid(`${prefix}amount`, 'must be more than 0');
  const rate = parseField(input.rate, 6, `${prefix}rate`);
  if (rate <= 0) throw invalid(`${prefix}rate`, 'must be more than 0');
  if (input.currency === baseCurrency(db) && rate !== 1_000_000) {
    throw invalid(`${prefix}rate`, `${input.currency} is the base currency: its rate is 1`);
  }
  const kind = input.direction === 'in' ? 'sales' : 'purchase';
  const orderQ = db.prepare(
    `SELECT o.id, o.no, o.kind, o.party_id, o.currency, o.status, o.total_minor,
            ${PAID_SQL('o')} AS paid_minor, ${CREDIT_SQL('o')} AS credit_minor
     FROM trade_order o WHERE o.id = ?`,
  );
  const seen = new Set<number>();
  let sum = 0;
  const allocations = (input.allocations ?? []).map((a, i) => {
    const p = `${prefix}allocations.${i}`;
    const o = orderQ.get(a.orderId) as
      | { id: number; no: string; kind: string; party_id: number; currency: string; status: string; total_minor: number; paid_minor: number; credit_minor: number }
      | undefined;
    if (!o) throw invalid(`${p}.orderId`, `order ${a.orderId} does not exist`);
    if (seen.has(o.id)) throw invalid(`${p}.orderId`, `${o.no} is listed twice`);
    seen.add(o.id);
    if (o.party_id !== input.partyId) throw invalid(`${p}.orderId`, `${o.no} is not an order of this party`);
    if (o.kind !== kind) {
      throw invalid(`${p}.orderId`, input.direction === 'in' ? `${o.no} is a purchase order: money in settles sales orders` : `${o.no} is a sales order: money out settles purchase orders`);
    }
    if (o.currency !== input.currency) throw invalid(`${p}.orderId`, `${o.no} is in ${o.currency}, the payment in ${input.currency}`);
    if (o.status === 'draft') throw invalid(`${p}.orderId`, `${o.no} is a draft: confirm it before allocating payments to it`);
    if (o.status === 'cancelled') throw invalid(`${p}.orderId`, `${o.no} is cancelled`);
    const value = parseAmount(a.amount, input.currency, `${p}.amount`);
    if (value <= 0) throw invalid(`${p}.amount`, 'must be more than 0 (leave the order out instead)');
    const unpaid = unpaidMinor(o);
    if (value > unpaid) {
      throw invalid(`${p}.amount`, `${o.no} has only ${formatAmount(Math.max(unpaid, 0), o.currency)} ${o.currency} unpaid`);
    }
    sum += value;
    return { orderId: o.id, amount: value };
  });
  if (sum > amount) {
    throw invalid(
      `${prefix}allocations`,
      `the allocations add up to ${formatAmount(sum, input.currency)}, more than the payment of ${formatAmount(amount, input.currency)}`,
    );
  }
  return { amount, rate, allocations };
}

function writeAllocations(db: DB, paymentId: number, allocations: Checked['allocations']): void {
  const ins = db.prepare('INSERT INTO payment_allocation (payment_id, order_id, amount_minor) VALUES (?, ?, ?)');
  for (const a of allocations) ins.run(paymentId, a.orderId, a.amount);
}

/** A payment as the audit log shows it. */
function view(p: Payment): Record<string, unknown> {
  return {
    direction: p.direction,
    partyId: p.partyId,
    payDate: p.payDate,
    amount: p.amount,
    currency: p.currency,
    rate: p.rate,
    method: p.method,
    reference: p.reference,
    notes: p.notes,
    allocations: p.allocations.map((a) => `${a.orderNo}: ${a.amount}`).join('; '),
  };
}

export function createPayment(db: DB, user: string, input: PaymentInput): Payment {
  return db.transaction(() => {
    const c = check(db, input, '');
    const no = nextNumber(db, 'payment', input.payDate);
    const now = nowIso();
    const info = db
      .prepare(
        `INSERT INTO payment (no, direction, party_id, pay_date, amount_minor, currency, rate_e6, method, reference, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(no, input.direction, input.partyId, input.payDate, c.amount, input.currency, c.rate, input.method, input.reference ?? '', input.notes ?? '', now, now);
    const id = Number(info.lastInsertRowid);
    writeAllocations(db, id, c.allocations);
    rememberRate(db, input.currency, c.rate);
    const p = getPayment(db, id);
    audit(db, user, 'payment', id, 'create', { no, ...view(p) });
    return p;
  })();
}

export function updatePayment(db: DB, user: string, id: number, input: PaymentInput): Payment {
  return db.transaction(() => {
    const before = getPayment(db, id);
    db.prepare('DELETE FROM payment_allocation WHERE payment_id = ?').run(id);
    const c = check(db, input, 'payment.');
    db.prepare(
      `UPDATE payment SET direction = ?, party_id = ?, pay_date = ?, amount_minor = ?, currency = ?, rate_e6 = ?, method = ?,
         reference = ?, notes = ?, updated_at = ? WHERE id = ?`,
    ).run(input.direction, input.partyId, input.payDate, c.amount, input.currency, c.rate, input.method, input.reference ?? '', input.notes ?? '', nowIso(), id);
    writeAllocations(db, id, c.allocations);
    rememberRate(db, input.currency, c.rate);
    const after = getPayment(db, id);
    audit(db, user, 'payment', id, 'update', diff(view(before), view(after)));
    return after;
  })();
}

export function deletePayment(db: DB, user: string, id: number): { id: number } {
  return db.transaction(() => {
    const before = getPayment(db, id);
    db.prepare('DELETE FROM payment WHERE id = ?').run(id);
    audit(db, user, 'payment', id, 'delete', { no: before.no, ...view(before) });
    return { id };
  })();
}
