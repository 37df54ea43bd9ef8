/**
 * Where the orders area is, read from the address: #orders (sales list), #orders/purchase (purchase list),
 * #orders/12 (one order), #orders/new?kind=sales (a new order). A reload stays where the user was.
 */
import type { OrderKind } from '../../../../shared/trade';

export type OrdersRoute = { view: 'list'; kind: OrderKind } | { view: 'detail'; id: number } | { view: 'new'; kind: OrderKind };

export function parseRoute(hash: string): OrdersRoute {
  const rest = hash.replace(/^#\/?/, '').split('/').slice(1).join('/');
  const [path = '', query = ''] = rest.split('?');
  if (/^\d+$/.test(path)) return { view: 'detail', id: Number(path) };
  const kindParam = new URLSearchParams(query).get('kind');
  if (path === 'new') return { view: 'new', kind: kindParam === 'purchase' ? 'purchase' : 'sales' };
  return { view: 'list', kind: path === 'purchase' ? 'purchase' : 'sales' };
}

export function routeHash(r: OrdersRoute): string {
  if (r.view === 'detail') return `#orders/${r.id}`;
  if (r.view === 'new') return `#orders/new?kind=${r.kind}`;
  return r.kind === 'purchase' ? '#orders/purchase' : '#orders';
}

/** Go to a place in the orders area (the screen follows the hashchange). `replace` keeps the back history clean. */
export function goTo(r: OrdersRoute, replace = false): void {
  const hash = routeHash(r);
  if (replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
