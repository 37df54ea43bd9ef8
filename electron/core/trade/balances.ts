/**
 * Receivables and payables: one row per party and currency, as of a date (default today).
 *
 * Only records dated on or before asOf count: orders by order date, payments (and so their allocations) by
 * payment date, claim credits by claim date. Orders count when confirmed, partial, complete or closed (not
 * draft, not cancelled).
 *
 *   open(order)  = total − Σ allocations from payments dated ≤ asOf − Σ settled claim credits/refunds on its lines
 *   unallocated(payment) = amount − Σ its allocations to orders dated ≤ asOf
 *
 *   balance      =   Σ open(sales orders of the party)
 *                  − Σ open(purchase orders of the party)
 *                  − Σ unallocated(payments in from the party)
 *                  + Σ unallocated(payments out to the party)
 *   > 0: the party owes us (receivable); < 0: we owe the party (payable).
 *
 *   baseBalance  = the same sum with each piece converted to the base currency at its own record's rate
 *                  (an order's open amount at the order rate, a payment's unallocated amount at the payment rate)
 *
 *   aging        = the open amounts of the orders on the side of the balance's sign (sales orders when the
 *                  balance is > 0, purchase orders when < 0), bucketed by the order date's age in days at
 *                  asOf: 0–30, 31–60, 61–90, more than 90; signed like the balance
 *   unapplied    = − Σ unallocated payments in + Σ unallocated payments out (money in reduces what they owe)
 *
 * Note: when a party has both sales and purchase orders, aging + unapplied ≠ balance (the other side's
 * orders are in the balance but not aged).
 *
 * kind 'sales' returns rows with balance > 0 only, 'purchase' rows with balance < 0 only, none: every row
 * with a balance ≠ 0. Sorted by |baseBalance|, largest first.
 */
import type { ApiParsedArg } from '../../../shared/api';
import type { BalanceRow } from '../../../shared/trade';
import type { DB } from '../db';
import { convert, formatAmount } from '../money';
import { baseCurrency, PARTY_NAME_SQL } from './common';
import { OPEN_STATUSES, todayIso } from './orders';

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

type Bucket = 'd0_30' | 'd31_60' | 'd61_90' | 'd90plus';
export function agingBucket(days: number): Bucket {
  return days <= 30 ? 'd0_30' : days <= 60 ? 'd31_60' : days <= 90 ? 'd61_90' : 'd90plus';
}

interface Acc {
  partyId: number;
  currency: string;
  balance: number;
  base: number;
  /** open amounts of the sales / purchase orders, by bucket (unsigned as stored: amounts they / we owe) */
  sales: Record<Bucket, number>;
  purchase: Record<Bucket, number>;
  unapplied: number;
}

const zeroBuckets = (): Record<Bucket, number> => ({ d0_30: 0, d31_60: 0, d61_90: 0, d90plus: 0 });

/**
 * `salesSideOnly` (a clerk's view): only sales orders and money received count, so a party that is both buyer
 * and supplier does not show a receivable net of what we owe them (which would give the payable away).
 */
export function listBalances(db: DB, q: ApiParsedArg<'balances.list'>, opts: { salesSideOnly?: boolean } = {}): BalanceRow[] {
  const asOf = q.asOf ?? todayIso();
  const base = baseCurrency(db);
  const acc = new Map<string, Acc>();
  const get = (partyId: number, currency: string): Acc => {
    const key = `${partyId}|${currency}`;
    let a = acc.get(key);
    if (!a) {
      a = { partyId, currency, balance: 0, base: 0, sales: zeroBuckets(), purchase: zeroBuckets(), unapplied: 0 };
      acc.set(key, a);
    }
    return a;
  };

  // open = total − allocations from payments dated ≤ asOf − settled claims dated ≤ asOf; the allocations come from
  // the stored paid sum (trade_order.paid_total_minor, kept by triggers: migration 7) less those of payments dated
  // after asOf, so no order needs a look at its allocations (1M lines: 45,000 orders)
  const orders = db
    .prepare(
      `SELECT * FROM (
         SELECT o.kind, o.party_id, o.order_date, o.currency, o.rate_e6,
                o.total_minor - o.paid_total_minor + coalesce(later.amount, 0) - coalesce(claimed.amount, 0) AS open_minor
         FROM trade_order o
         LEFT JOIN (SELECT pa.order_id, sum(pa.amount_minor) AS amount FROM payment pm JOIN payment_allocation pa ON pa.payment_id = pm.id
                    WHERE pm.pay_date > @asOf GROUP BY pa.order_id) later ON later.order_id = o.id
         LEFT JOIN (SELECT ol.order_id, sum(c.amount_minor) AS amount FROM claim c
                    JOIN shipment_line sl ON sl.id = c.shipment_line_id
                    JOIN order_line ol ON ol.id = sl.order_line_id
                    WHERE c.settlement IN ('credit', 'refund') AND c.status = 'settled' AND c.claim_date <= @asOf
                    GROUP BY ol.order_id) claimed ON claimed.order_id = o.id
         WHERE o.status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')}) AND o.order_date <= @asOf)
       WHERE open_minor <> 0`,
    )
    .all({ asOf }) as { kind: 'sales' | 'purchase'; party_id: number; order_date: string; currency: string; rate_e6: number; open_minor: number }[];
  for (const o of orders) {
    if (o.open_minor === 0 || (opts.salesSideOnly && o.kind === 'purchase')) continue;
    const a = get(o.party_id, o.currency);
    const sign = o.kind === 'sales' ? 1 : -1;
    a.balance += sign * o.open_minor;
    a.base += sign * convert(o.open_minor, o.currency, o.rate_e6, base);
    a[o.kind][agingBucket(daysBetween(o.order_date, asOf))] += o.open_minor;
  }

  const payments = db
    .prepare(
      // unallocated = amount − allocations to orders dated ≤ asOf = amount − the stored allocated sum (payment.
      // allocated_minor, kept by triggers: migration 11) + allocations to orders dated after asOf
      `SELECT * FROM (
         SELECT pm.direction, pm.party_id, pm.currency, pm.rate_e6,
                pm.amount_minor - pm.allocated_minor + coalesce(later.amount, 0) AS unallocated
         FROM payment pm
         LEFT JOIN (SELECT pa.payment_id, sum(pa.amount_minor) AS amount FROM trade_order o JOIN payment_allocation pa ON pa.order_id = o.id
                    WHERE o.order_date > @asOf GROUP BY pa.payment_id) later ON later.payment_id = pm.id
         WHERE pm.pay_date <= @asOf)
       WHERE unallocated <> 0`,
    )
    .all({ asOf }) as { direction: 'in' | 'out'; party_id: number; currency: string; rate_e6: number; unallocated: number }[];
  for (const p of payments) {
    if (p.unallocated === 0 || (opts.salesSideOnly && p.direction === 'out')) continue;
    const a = get(p.party_id, p.currency);
    const sign = p.direction === 'in' ? -1 : 1;
    a.balance += sign * p.unallocated;
    a.base += sign * convert(p.unallocated, p.currency, p.rate_e6, base);
    a.unapplied += sign * p.unallocated;
  }

  const nameQ = db.prepare(`SELECT ${PARTY_NAME_SQL('party')} AS name FROM party WHERE id = ?`);
  const rows = [...acc.values()]
    .filter((a) => (q.kind === 'sales' ? a.balance > 0 : q.kind === 'purchase' ? a.balance < 0 : a.balance !== 0))
    .map((a) => {
      const side = a.balance > 0 ? a.sales : a.purchase;
      const sign = a.balance > 0 ? 1 : -1;
      const f = (minor: number) => formatAmount(minor, a.currency);
      return {
        sortKey: Math.abs(a.base),
        row: {
          partyId: a.partyId,
          partyName: (nameQ.get(a.partyId) as { name: string } | undefined)?.name ?? '',
          currency: a.currency,
          balance: f(a.balance),
          baseBalance: formatAmount(a.base, base),
          aging: {
            d0_30: f(sign * side.d0_30),
            d31_60: f(sign * side.d31_60),
            d61_90: f(sign * side.d61_90),
            d90plus: f(sign * side.d90plus),
          },
          unapplied: f(a.unapplied),
        } satisfies BalanceRow,
      };
    });
  rows.sort(
    (x, y) =>
      y.sortKey - x.sortKey || x.row.partyName.localeCompare(y.row.partyName) || x.row.currency.localeCompare(y.row.currency),
  );
  return rows.map((r) => r.row);
}
