/**
 * The API calls of shipments (exports), imports, stock, claims and attachments, bound to their modules.
 */
import type { ApiName } from '../../../shared/api';
import type { HandlersFor } from '../context';
import { addAttachment, deleteAttachment, getAttachment, listAttachments } from './attachments';
import { createClaim, listClaims, settleClaim } from './claims';
import { createImport, deleteImport, getImport, listImports, receiveImport, updateImport } from './imports';
import { createShipment, deleteShipment, getShipment, listShipments, setShipmentStatus, shippableLines, updateShipment } from './shipments';
import { adjustStock, listMoves, listStock } from './stock';

type Names = `shipments.${string}` | `imports.${string}` | `stock.${string}` | `claims.${string}` | `attachments.${string}`;

export const logisticsHandlers: HandlersFor<Extract<ApiName, Names>> = {
  'shipments.list': (arg, { db }) => listShipments(db, arg),
  'shipments.get': ({ id }, { db }) => getShipment(db, id),
  'shipments.shippable': ({ consigneeId }, { db }) => shippableLines(db, consigneeId),
  'shipments.create': (arg, { db, user }) => createShipment(db, user, arg),
  'shipments.update': (arg, { db, user }) => updateShipment(db, user, arg),
  'shipments.setStatus': ({ id, status }, { db, user }) => setShipmentStatus(db, user, id, status),
  'shipments.delete': ({ id }, { db, user }) => deleteShipment(db, user, id),

  'imports.list': (arg, { db }) => listImports(db, arg),
  'imports.get': ({ id }, { db }) => getImport(db, id),
  'imports.create': (arg, { db, user }) => createImport(db, user, arg),
  'imports.update': (arg, { db, user }) => updateImport(db, user, arg),
  'imports.receive': ({ id, date }, { db, user }) => receiveImport(db, user, id, date),
  'imports.delete': ({ id }, { db, user }) => deleteImport(db, user, id),

  'stock.list': (arg, { db }) => listStock(db, arg),
  'stock.moves': ({ productId }, { db }) => listMoves(db, productId),
  'stock.adjust': (arg, { db, user }) => adjustStock(db, user, arg),

  'claims.list': (arg, { db }) => listClaims(db, arg),
  'claims.create': (arg, { db, user }) => createClaim(db, user, arg),
  'claims.settle': (arg, { db, user }) => settleClaim(db, user, arg),

  'attachments.list': ({ entity, entityId }, { db }) => listAttachments(db, entity, entityId),
  'attachments.add': (arg, { db, user }) => addAttachment(db, user, arg),
  'attachments.get': ({ id }, { db }) => getAttachment(db, id),
  'attachments.delete': ({ id }, { db, user }) => deleteAttachment(db, user, id),
};
