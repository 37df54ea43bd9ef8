/**
 * The API calls of shipments (exports), imports, stock, claims and attachments, bound to their modules.
 */
import type { ApiName } from '../../../shared/api';
import type { HandlersFor } from '../context';
import { AppError } from '../errors';
import { createShipment, deleteShipment, getShipment, listShipments, setShipmentStatus, shippableLines, updateShipment } from './shipments';

type Names = `shipments.${string}` | `imports.${string}` | `stock.${string}` | `claims.${string}` | `attachments.${string}`;

const todo = () => {
  throw new AppError('internal', 'not implemented yet');
};

export const logisticsHandlers: HandlersFor<Extract<ApiName, Names>> = {
  'shipments.list': (arg, { db }) => listShipments(db, arg),
  'shipments.get': ({ id }, { db }) => getShipment(db, id),
  'shipments.shippable': ({ consigneeId }, { db }) => shippableLines(db, consigneeId),
  'shipments.create': (arg, { db, user }) => createShipment(db, user, arg),
  'shipments.update': (arg, { db, user }) => updateShipment(db, user, arg),
  'shipments.setStatus': ({ id, status }, { db, user }) => setShipmentStatus(db, user, id, status),
  'shipments.delete': ({ id }, { db, user }) => deleteShipment(db, user, id),

  'imports.list': todo,
  'imports.get': todo,
  'imports.create': todo,
  'imports.update': todo,
  'imports.receive': todo,
  'imports.delete': todo,

  'stock.list': todo,
  'stock.moves': todo,
  'stock.adjust': todo,

  'claims.list': todo,
  'claims.create': todo,
  'claims.settle': todo,

  'attachments.list': todo,
  'attachments.add': todo,
  'attachments.get': todo,
  'attachments.delete': todo,
};
