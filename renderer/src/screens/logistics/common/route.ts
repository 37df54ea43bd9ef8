/**
 * The part of the address after the screen: #shipments (the list), #shipments/new, #shipments/12. The App
 * shell only looks at the screen name; each logistics screen reads the rest itself and follows the hash.
 */
import { useCallback, useEffect, useState } from 'react';

export type Route = { kind: 'list' } | { kind: 'new' } | { kind: 'detail'; id: number };

export function routeOf(screen: string): Route {
  const [s, rest] = window.location.hash.replace(/^#\/?/, '').split('/');
  if (s !== screen || !rest) return { kind: 'list' };
  if (rest === 'new') return { kind: 'new' };
  const id = Number(rest);
  return Number.isSafeInteger(id) && id > 0 ? { kind: 'detail', id } : { kind: 'list' };
}

export function hashOf(screen: string, route: Route): string {
  return route.kind === 'list' ? `#${screen}` : route.kind === 'new' ? `#${screen}/new` : `#${screen}/${route.id}`;
}

/**
 * The current route of `screen` and a way to go elsewhere. `replace` swaps the address without a new
 * history entry (a new record that was just saved gets its id in the address, Back still goes to the list).
 */
export function useRoute(screen: string): [Route, (to: Route, replace?: boolean) => void] {
  const [route, setRoute] = useState<Route>(() => routeOf(screen));
  useEffect(() => {
    const onHash = () => setRoute(routeOf(screen));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [screen]);
  const go = useCallback(
    (to: Route, replace = false) => {
      if (replace) window.history.replaceState(null, '', hashOf(screen, to));
      else window.history.pushState(null, '', hashOf(screen, to));
      setRoute(to);
    },
    [screen],
  );
  return [route, go];
}

/** Today on this PC as YYYY-MM-DD (the trader's local day). */
export function todayLocal(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Which detail view to show for a route. A record created in the "new" view keeps that view (its state and
 * the focus) when the address changes to its id; opening any record otherwise starts a fresh view.
 */
export function useDetailKey(route: Route): { key: string; id: number | null; created: (id: number) => void } {
  const [createdId, setCreatedId] = useState<number | null>(null);
  useEffect(() => {
    if (route.kind !== 'detail' || route.id !== createdId) setCreatedId(null);
  }, [route]);
  const id = route.kind === 'detail' ? route.id : null;
  const fromNew = id !== null && id === createdId;
  return { key: fromNew || id === null ? 'new' : String(id), id: fromNew ? null : id, created: setCreatedId };
}
