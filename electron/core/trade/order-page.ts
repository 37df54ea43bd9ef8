/**
 * The orders list one block at a time (issue 7: server-side paging for AG Grid's infinite row model).
 *
 * The filter is the one of orders.list (kind, status, party, dates, free text). Per call:
 *   1. the ids of the block: ORDER BY <sort column> <dir>, id <dir> LIMIT/OFFSET on trade_order alone (the party
 *      is joined only for free text or a sort by party name) — the id tiebreak makes blocks stable and
 *      disjoint, so blocks concatenate to exactly the orders.list result under the same order;
 *   2. the per-order aggregates (lines, weights, paid, credits) for those ids only, with orders.ts's SELECT;
 *   3. the count and per-currency totals of the WHOLE filter from stored order totals, payment allocations and
 *      settled claims — never from order lines — so the footer of the grid does not depend on what is loaded.
 *
 * 'amount' sorts by the base-currency amount: order amounts in different currencies are not comparable.
 */
import type { ApiParsedArg } from '../../../shared/api';
import type { OrderCurrencyTotals, OrderPage, OrderSortField } from '../../../shared/trade';
import type { DB } from '../db';
import { formatAmount } from '../money';
import { baseCurrency, PARTY_NAME_SQL } from './common';
import { orderFilter, SUMMARY_SELECT, toSummary, type SummaryRow } from './orders';

type PageArg = ApiParsedArg<'orders.page'>;

const SORT_SQL: Record<OrderSortField, string> = {
  orderDate: 'o.order_date',
  no: 'o.no',
  partyName: PARTY_NAME_SQL('p'),
  amount: 'o.base_total_minor',
  status: 'o.status',
};

interface Filter {
  /** '' or the join of party p, when the filter or the sort needs it */
  party: string;
  where: string;
  params: unknown[];
}

/** The WHERE of orders.list (the same function), with the party join when the filter or the sort needs it. */
function filterOf(q: PageArg, needParty: boolean): Filter {
  const { where, params } = orderFilter(q);
  const party = needParty || !!q.search;
  return { party: party ? 'JOIN party p ON p.id = o.party_id' : '', where: where.join(' AND '), params };
}

function safeSum(v: number | bigint | null): number {
  const n = v === null ? 0 : Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`a total of ${String(v)} minor units is beyond exact arithmetic`);
  return n;
}

export function pageOrders(db: DB, q: PageArg): OrderPage {
  const field = q.sort?.field ?? 'orderDate';
  const dir = q.sort?.dir === 'asc' ? 'ASC' : 'DESC';
  const f = filterOf(q, field === 'partyName');
  const base = baseCurrency(db);

  // 1. the block's ids
  const ids = db
    .prepare(`SELECT o.id FROM trade_order o ${f.party} WHERE ${f.where} ORDER BY ${SORT_SQL[field]} ${dir}, o.id ${dir} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...f.params, q.limit, q.offset) as number[];

  // 2. aggregates for those orders only, put back in block order
  let rows: OrderPage['rows'] = [];
  if (ids.length > 0) {
    const got = db
      .prepare(`${SUMMARY_SELECT} WHERE o.id IN (SELECT value FROM json_each(?)) GROUP BY o.id`)
      .all(JSON.stringify(ids)) as SummaryRow[];
    const byId = new Map(got.map((r) => [r.id, r]));
    rows = ids.map((id) => toSummary(byId.get(id)!, base));
  }

  // 3. count and totals of the whole filter
  const t = filterOf(q, false);
  const orders = db
    .prepare(
      `SELECT o.currency AS currency, count(*) AS n, sum(o.total_minor) AS amount, sum(o.base_total_minor) AS base,
              sum(CASE WHEN o.status <> 'cancelled' THEN o.total_minor ELSE 0 END) AS owed
       FROM trade_order o ${t.party} WHERE ${t.where} GROUP BY o.currency ORDER BY o.currency`,
    )
    .all(...t.params) as { currency: string; n: number; amount: number; base: number; owed: number }[];
  const paid = new Map(
    (
      db
        .prepare(
          `SELECT o.currency AS currency, sum(pa.amount_minor) AS paid,
                  sum(CASE WHEN o.status <> 'cancelled' THEN pa.amount_minor ELSE 0 END) AS paid_open
           FROM payment_allocation pa JOIN trade_order o ON o.id = pa.order_id ${t.party} WHERE ${t.where} GROUP BY o.currency`,
        )
        .all(...t.params) as { currency: string; paid: number; paid_open: number }[]
    ).map((r) => [r.currency, r]),
  );
  const credit = new Map(
    (
      db
        .prepare(
          `SELECT o.currency AS currency, sum(c.amount_minor) AS credit
           FROM claim c JOIN shipment_line csl ON csl.id = c.shipment_line_id JOIN order_line col ON col.id = csl.order_line_id
           JOIN trade_order o ON o.id = col.order_id ${t.party}
           WHERE c.settlement IN ('credit', 'refund') AND c.status = 'settled' AND o.status <> 'cancelled' AND ${t.where}
           GROUP BY o.currency`,
        )
        .all(...t.params) as { currency: string; credit: number }[]
    ).map((r) => [r.currency, r.credit]),
  );
  let total = 0;
  let baseSum = 0;
  const currencies: OrderCurrencyTotals[] = orders.map((r) => {
    const p = paid.get(r.currency);
    total += r.n;
    baseSum = safeSum(baseSum + safeSum(r.base));
    return {
      currency: r.currency,
      count: r.n,
      amount: formatAmount(safeSum(r.amount), r.currency),
      paid: formatAmount(safeSum(p?.paid ?? 0), r.currency),
      unpaid: formatAmount(safeSum(r.owed) - safeSum(p?.paid_open ?? 0) - safeSum(credit.get(r.currency) ?? 0), r.currency),
      baseAmount: formatAmount(safeSum(r.base), base),
    };
  });
  return { rows, total, totals: { baseCurrency: base, baseAmount: formatAmount(baseSum, base), currencies } };
}
