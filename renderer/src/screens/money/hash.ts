/**
 * The rest of the address after the screen name, for the money screens:
 *   #payments/party/12          payments of one party (from the balances screen)
 *   #payments/new?direction=in  open the form for a new payment (from the home screen)
 *   #balances/payables          the payables tab
 */
export interface HashRoute {
  /** path parts after the screen name */
  parts: string[];
  params: URLSearchParams;
}

export function readHash(): HashRoute {
  const h = window.location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = h.split('?');
  return { parts: path.split('/').slice(1).filter(Boolean), params: new URLSearchParams(query) };
}

/** Change the address without a new history entry and without a hashchange event (filters, tabs). */
export function replaceHash(hash: string): void {
  const url = `${window.location.pathname}${window.location.search}#${hash}`;
  if (window.location.hash !== `#${hash}`) window.history.replaceState(window.history.state, '', url);
}

/** Go to another screen (or a record on it); the app shell follows the hashchange. */
export function go(hash: string): void {
  window.location.hash = hash;
}
