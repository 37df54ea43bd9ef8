/** The attachments panel of a shipment, import or claim (photos of goods, scans of vouchers), from the orders area. */
import { Attachments } from '../../orders/Attachments';

export function AttachmentsSlot({ entity, entityId }: { entity: 'shipment' | 'import' | 'claim'; entityId: number }) {
  return (
    <div className="logi-attachments">
      <Attachments entity={entity} entityId={entityId} />
    </div>
  );
}
