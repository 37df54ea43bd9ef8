/**
 * The orders list one block at a time (issue 7: server-side paging for AG Grid's infinite row model).
 *
 * The filter is the one of orders.list (kind, status, party, dates, free text). Per call:
 *   1. the ids of the block: ORDER BY <sort column> <dir>, id <dir> LIMIT/OFFSET on trade_order alone (the party
 *      is joined only to sort by its name: name, party id, date, id) — the tiebreak makes blocks stable and
 *      disjoint, so blocks concatenate to exactly the orders.list result under the same order;
 *   2. the per-order aggregates (lines, weights, paid, credits) for those ids only, with orders.ts's SELECT;
 *   3. unless `totals: false` (the later blocks of a scrolling grid, which has them from the first), the count
 *      and per-currency totals of the WHOLE filter from stored order totals, stored paid sums and settled
 *      claims — never from order lines — so the footer of the grid does not depend on what is loaded.
 *
 * 'amount' sorts by the base-currency amount: order amounts in different currencies are not comparable.
 */
import type { ApiParsedArg } from '../../../shared/api';
import type { OrderCurrencyTotals, OrderPage, OrderSortField, OrderSummary } from '../../../shared/trade';
import type { DB } from '../db';
import { formatAmount } from '../money';
import { baseCurrency, PARTY_NAME_SQL } from './common';
import { orderFilter, SUMMARY_SELECT, toSummary, type SummaryRow } from './orders';

type PageArg = ApiParsedArg<'orders.page'>;
/** The filter and sort of the list (no block). */
type ListQuery = ApiParsedArg<'orders.list'> & Pick<PageArg, 'sort'>;

const SORT_SQL: Record<OrderSortField, string> = {
  orderDate: 'o.order_date',
  no: 'o.no',
  partyName: PARTY_NAME_SQL('p'),
  amount: 'o.base_total_minor',
  status: 'o.status',
};

/** The block's ids: the WHERE of orders.list (the same function), the party joined only to sort by its name. */
function blockIds(db: DB, q: ListQuery, field: OrderSortField, dir: 'ASC' | 'DESC', offset: number, limit: number): number[] {
  const { where, params } = orderFilter(q);
  // by party: parties in name order, each one's orders by date through order_kind_party_date — no sort of the
  // whole filter (p.id breaks ties between parties of the same name)
  const order = field === 'partyName' ? `${SORT_SQL.partyName} ${dir}, p.id ${dir}, o.order_date ${dir}, o.id ${dir}` : `${SORT_SQL[field]} ${dir}, o.id ${dir}`;
  const from = field === 'partyName' ? 'party p CROSS JOIN trade_order o ON o.party_id = p.id' : 'trade_order o';
  return db
    .prepare(`SELECT o.id FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...params, limit, offset) as number[];
}

/** The summaries of `ids`, in that order (aggregates of those orders only). */
function summariesOf(db: DB, ids: number[], base: string): OrderSummary[] {
  if (ids.length === 0) return [];
  const got = db.prepare(`${SUMMARY_SELECT} WHERE o.id IN (SELECT value FROM json_each(?)) GROUP BY o.id`).all(JSON.stringify(ids)) as SummaryRow[];
  const byId = new Map(got.map((r) => [r.id, r]));
  return ids.map((id) => toSummary(byId.get(id)!, base));
}

const sortOf = (q: ListQuery) => ({ field: q.sort?.field ?? 'orderDate', dir: q.sort?.dir === 'asc' ? ('ASC' as const) : ('DESC' as const) });

/**
 * Every order of a filter in the list's sort, `chunk` summaries at a time (an export of the whole list): the
 * ids once, then the aggregates chunk by chunk.
 */
export function* allOrders(db: DB, q: ListQuery, chunk = 1000): Generator<OrderSummary[], void, undefined> {
  const { field, dir } = sortOf(q);
  const base = baseCurrency(db);
  const ids = blockIds(db, q, field, dir, 0, -1);
  for (let i = 0; i < ids.length; i += chunk) yield summariesOf(db, ids.slice(i, i + chunk), base);
}

function safeSum(v: number | bigint | null): number {
  const n = v === null ? 0 : Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`a total of ${String(v)} minor units is beyond exact arithmetic`);
  return n;
}

export function pageOrders(db: DB, q: PageArg): OrderPage {
  const { field, dir } = sortOf(q);
  const base = baseCurrency(db);
  // 1. the block's ids; 2. aggregates for those orders only, in block order
  const rows = summariesOf(db, blockIds(db, q, field, dir, q.offset, q.limit), base);
  if (!q.totals) return { rows, total: null, totals: null };
  return { rows, ...filterTotals(db, q, base) };
}

/**
 * The count and per-currency totals of the whole filter, from the stored order totals and paid sums
 * (trade_order.paid_total_minor, kept by triggers) and the settled claim credits — never from order lines.
 */
function filterTotals(db: DB, q: ListQuery, base: string): Pick<OrderPage, 'total' | 'totals'> & { total: number } {
  const t = orderFilter(q);
  const where = t.where.join(' AND ');
  const orders = db
    .prepare(
      `SELECT o.currency AS currency, count(*) AS n, sum(o.total_minor) AS amount, sum(o.base_total_minor) AS base,
              sum(CASE WHEN o.status <> 'cancelled' THEN o.total_minor ELSE 0 END) AS owed,
              sum(o.paid_total_minor) AS paid,
              sum(CASE WHEN o.status <> 'cancelled' THEN o.paid_total_minor ELSE 0 END) AS paid_open
       FROM trade_order o WHERE ${where} GROUP BY o.currency ORDER BY o.currency`,
    )
    .all(...t.params) as { currency: string; n: number; amount: number; base: number; owed: number; paid: number; paid_open: number }[];
  // claims are few: read from them to their orders (CROSS JOIN keeps that order), never from the orders down
  const credit = new Map(
    (
      db
        .prepare(
          `SELECT o.currency AS currency, sum(c.amount_minor) AS credit
           FROM claim c CROSS JOIN shipment_line csl ON csl.id = c.shipment_line_id CROSS JOIN order_line col ON col.id = csl.order_line_id
           CROSS JOIN trade_order o ON o.id = col.order_id
           WHERE c.settlement IN ('credit', 'refund') AND c.status = 'settled' AND o.status <> 'cancelled' AND ${where}
           GROUP BY o.currency`,
        )
        .all(...t.params) as { currency: string; credit: number }[]
    ).map((r) => [r.currency, r.credit]),
  );
  let total = 0;
  let baseSum = 0;
  const currencies: OrderCurrencyTotals[] = orders.map((r) => {
    total += r.n;
    baseSum = safeSum(baseSum + safeSum(r.base));
    return {
      currency: r.currency,
      count: r.n,
      amount: formatAmount(safeSum(r.amount), r.currency),
      activeAmount: formatAmount(safeSum(r.owed), r.currency),
      paid: formatAmount(safeSum(r.paid), r.currency),
      unpaid: formatAmount(safeSum(r.owed) - safeSum(r.paid_open) - safeSum(credit.get(r.currency) ?? 0), r.currency),
      baseAmount: formatAmount(safeSum(r.base), base),
    };
  });
  return { total, totals: { baseCurrency: base, baseAmount: formatAmount(baseSum, base), currencies } };
}
