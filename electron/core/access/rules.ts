/**
 * What a clerk may see and do in the calls marked 'limited' in shared/permissions.ts. One rule per such call
 * (the type below makes the compiler ask for every one): `arg` runs after the argument is parsed and before
 * the handler (it may refuse with 'forbidden', so nothing changes, or narrow the argument); `view` runs on the
 * handler's result and blanks or drops what a clerk must not see.
 *
 * What a clerk must not see: purchase prices and amounts (purchase orders, a product's default price, which in
 * a Yiwu shop is the stall price), what we paid suppliers (payments out), supplier balances and payables, and
 * the attachments of purchase orders and imports (the stall's invoice). Blanked numbers are '' — the UI shows
 * an empty cell. Imports, ledgers and the history are owner-only calls (no rule needed).
 */
import type { ApiParsedArg, ApiResult, Product } from '../../../shared/api';
import type { LimitedCall } from '../../../shared/permissions';
import type { Order, OrderLine, OrderSummary, Payment } from '../../../shared/trade';
import type { HandlerContext } from '../context';
import type { DB } from '../db';
import { AppError } from '../errors';

export interface ClerkRule<N extends LimitedCall> {
  arg?(arg: ApiParsedArg<N>, ctx: HandlerContext): ApiParsedArg<N>;
  view?(result: ApiResult<N>, ctx: HandlerContext, arg: ApiParsedArg<N>): ApiResult<N>;
}

export const forbidden = (message: string, path?: string) =>
  new AppError('forbidden', message, path === undefined ? undefined : [{ path, message }]);

const NO_PURCHASE_ORDERS = 'Purchase orders are the owner’s: a clerk cannot write them.';
const NO_PAYMENTS_OUT = 'Payments to suppliers are the owner’s: a clerk sees and records money received only.';
const NO_PRODUCT_PRICE = 'A product’s default price is the owner’s: a clerk cannot see or change it.';

function blankSummary<T extends OrderSummary>(o: T): T {
  if (o.kind !== 'purchase') return o;
  return { ...o, amount: '', baseAmount: '', paid: '', unpaid: '' };
}

const blankLine = (l: OrderLine): OrderLine => ({ ...l, unitPrice: '', amount: '' });

function blankOrder(o: Order): Order {
  return o.kind === 'purchase' ? { ...blankSummary(o), lines: o.lines.map(blankLine) } : o;
}

const blankProduct = (p: Product): Product => ({ ...p, defaultPrice: '' });

function orderKind(db: DB, id: number): string | undefined {
  return (db.prepare('SELECT kind FROM trade_order WHERE id = ?').get(id) as { kind: string } | undefined)?.kind;
}

function paymentDirection(db: DB, id: number): string | undefined {
  return (db.prepare('SELECT direction FROM payment WHERE id = ?').get(id) as { direction: string } | undefined)?.direction;
}

function refusePaymentOut(p: Pick<Payment, 'direction'>): void {
  if (p.direction === 'out') throw forbidden(NO_PAYMENTS_OUT, 'direction');
}

/** Attachments of imports and purchase orders show what was paid for the goods. */
function checkAttachmentOwner(db: DB, entity: string, entityId: number): void {
  if (entity === 'import') throw forbidden('Imports are the owner’s: a clerk cannot open their attachments.', 'entity');
  if (entity === 'order' && orderKind(db, entityId) === 'purchase') throw forbidden('Purchase orders are the owner’s: a clerk cannot open their attachments.', 'entity');
}

export const clerkRules: { [N in LimitedCall]: ClerkRule<N> } = {
  'products.list': { view: (rows) => rows.map(blankProduct) },
  'products.get': { view: blankProduct },
  'products.create': {
    arg: (a) => {
      if (a.defaultPrice !== undefined && a.defaultPrice !== '') throw forbidden(NO_PRODUCT_PRICE, 'defaultPrice');
      return a;
    },
    view: blankProduct,
  },
  'products.update': {
    arg: (a) => {
      if (a.patch.defaultPrice !== undefined) throw forbidden(NO_PRODUCT_PRICE, 'patch.defaultPrice');
      return a;
    },
    view: blankProduct,
  },

  'orders.list': { view: (rows) => rows.map(blankSummary) },
  'orders.page': {
    arg: (a) => {
      if (a.kind === 'purchase' && a.sort?.field === 'amount') throw forbidden('A clerk cannot sort purchase orders by amount.', 'sort.field');
      return a;
    },
    view: (page, _ctx, a) => {
      if (a.kind !== 'purchase') return page;
      return {
        ...page,
        rows: page.rows.map(blankSummary),
        totals: page.totals && {
          ...page.totals,
          baseAmount: '',
          currencies: page.totals.currencies.map((c) => ({ ...c, amount: '', activeAmount: '', paid: '', unpaid: '', baseAmount: '' })),
        },
      };
    },
  },
  'orders.export': {
    // the workbook is written from the file, past any view rule: a clerk exports sales orders only
    arg: (a) => {
      if (a.query.kind === 'purchase') throw forbidden('Purchase orders’ amounts are the owner’s: a clerk cannot export them.', 'query.kind');
      return a;
    },
  },
  'orders.get': { view: blankOrder },
  'orders.create': {
    arg: (a) => {
      if (a.kind === 'purchase') throw forbidden(NO_PURCHASE_ORDERS, 'kind');
      return a;
    },
    view: blankOrder,
  },
  'orders.update': {
    arg: (a, { db }) => {
      if (orderKind(db, a.id) === 'purchase') throw forbidden(NO_PURCHASE_ORDERS, 'id');
      return a;
    },
    view: blankOrder,
  },
  'orders.confirm': { view: blankOrder },
  'orders.close': { view: blankOrder },
  'orders.receive': { view: blankOrder },

  'payments.list': {
    arg: (a) => {
      refusePaymentOut({ direction: a.direction ?? 'in' });
      return a;
    },
    view: (rows) => rows.filter((p) => p.direction !== 'out'),
  },
  'payments.get': {
    view: (p) => {
      refusePaymentOut(p);
      return p;
    },
  },
  'payments.create': {
    arg: (a) => {
      refusePaymentOut(a);
      return a;
    },
  },
  'payments.update': {
    arg: (a, { db }) => {
      refusePaymentOut({ direction: paymentDirection(db, a.id) === 'out' ? 'out' : 'in' });
      refusePaymentOut(a.payment);
      return a;
    },
  },
  'balances.list': {
    arg: (a) => {
      if (a.kind === 'purchase') throw forbidden('Supplier balances are the owner’s: a clerk sees customers’ balances only.', 'kind');
      return { ...a, kind: 'sales' };
    },
  },

  'attachments.list': {
    arg: (a, { db }) => {
      checkAttachmentOwner(db, a.entity, a.entityId);
      return a;
    },
  },
  'attachments.add': {
    arg: (a, { db }) => {
      checkAttachmentOwner(db, a.entity, a.entityId);
      return a;
    },
  },
  'attachments.get': {
    view: (a, { db }) => {
      checkAttachmentOwner(db, a.entity, a.entityId);
      return a;
    },
  },

  'dashboard.summary': {
    view: (d) => ({ ...d, payables: [], todaysOrders: d.todaysOrders.map(blankSummary) }),
  },
};
