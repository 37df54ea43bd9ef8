/**
 * The orders area: the list of sales or purchase orders (#orders, #orders/purchase), one order
 * (#orders/12) or a new one (#orders/new?kind=sales). Follows the address, so Back and reload work.
 */
import { useEffect, useState } from 'react';
import { OrderDetail } from './OrderDetail';
import { OrderList } from './OrderList';
import { parseRoute, type OrdersRoute } from './route';

export function OrdersScreen() {
  const [route, setRoute] = useState<OrdersRoute>(() => parseRoute(window.location.hash));

  useEffect(() => {
    const onHash = () => {
      if (window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] === 'orders') setRoute(parseRoute(window.location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  if (route.view === 'list') return <OrderList key={route.kind} kind={route.kind} />;
  if (route.view === 'new') return <OrderDetail key={`new-${route.kind}`} id={null} newKind={route.kind} />;
  return <OrderDetail key={route.id} id={route.id} newKind="sales" />;
}
