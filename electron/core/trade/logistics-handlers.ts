// PLACEHOLDER — being implemented (shipments, imports, stock, claims, attachments, dashboard).
import type { ApiName } from '../../../shared/api';
import type { HandlersFor } from '../context';
import { AppError } from '../errors';

type Names = `shipments.${string}` | `imports.${string}` | `stock.${string}` | `claims.${string}` | `attachments.${string}`;
const todo = () => {
  throw new AppError('internal', 'not implemented yet');
};
export const logisticsHandlers: HandlersFor<Extract<ApiName, Names>> = {
  'shipments.list': todo,
  'shipments.get': todo,
  'shipments.shippable': todo,
  'shipments.create': todo,
  'shipments.update': todo,
  'shipments.setStatus': todo,
  'shipments.delete': todo,
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
