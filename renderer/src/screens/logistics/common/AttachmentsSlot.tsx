/** Where the attachments panel of a record goes (photos of goods, scans of vouchers). */
export function AttachmentsSlot(_props: { entity: 'shipment' | 'import' | 'claim'; entityId: number }) {
  return null;
}
