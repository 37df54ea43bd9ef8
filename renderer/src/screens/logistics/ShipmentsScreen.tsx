/** Shipments (exports): the list at #shipments, one shipment at #shipments/<id>, a new one at #shipments/new. */
import { useDetailKey, useRoute } from './common/route';
import { ShipmentDetail } from './shipments/ShipmentDetail';
import { ShipmentList } from './shipments/ShipmentList';
import './logistics.css';

export function ShipmentsScreen() {
  const [route, go] = useRoute('shipments');
  const detail = useDetailKey(route);
  if (route.kind === 'list') {
    return <ShipmentList onOpen={(id) => go({ kind: 'detail', id })} onNew={() => go({ kind: 'new' })} />;
  }
  return (
    <ShipmentDetail
      key={detail.key}
      id={detail.id}
      onCreated={(id) => {
        detail.created(id);
        go({ kind: 'detail', id }, true);
      }}
      onBack={() => go({ kind: 'list' })}
    />
  );
}
