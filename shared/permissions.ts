/**
 * Who may make each API call: one entry per call of shared/api.ts (the `satisfies` below makes the compiler
 * refuse a call without an entry, and test/access.test.ts checks the map against apiMap at run time too).
 * The core enforces it (electron/core/index.ts, electron/core/access/rules.ts); the UI reads it only to hide
 * what a clerk cannot use.
 *
 *  - 'public'   no sign-in needed (what the sign-in screen itself uses);
 *  - 'any'      every signed-in user, the same answer for all;
 *  - 'limited'  every signed-in user, but for a clerk the core applies a rule (electron/core/access/rules.ts):
 *               purchase prices, costs, margins and supplier balances are blanked or left out of the result,
 *               and some arguments (a purchase order, a payment out) are refused;
 *  - 'owner'    the owner only: a clerk gets a 'forbidden' error and nothing changes.
 *
 * While sign-in is not required (the owner has no PIN) every caller is the owner.
 */
import type { ApiName } from './api';
import type { UserRole } from './users';

export type Access = 'public' | 'any' | 'limited' | 'owner';

export const callAccess = {
  'app.info': 'public',
  'codes.list': 'any',
  'company.get': 'public',
  'company.setup': 'owner',
  'company.update': 'owner',

  'parties.list': 'any',
  'parties.get': 'any',
  'parties.create': 'any',
  'parties.update': 'any',
  'parties.archive': 'owner',
  'parties.delete': 'owner',

  'products.list': 'limited',
  'products.get': 'limited',
  'products.create': 'limited',
  'products.update': 'limited',
  'products.archive': 'owner',
  'products.delete': 'owner',

  'currencies.list': 'any',
  'rates.last': 'any',
  'settings.get': 'any',
  'settings.update': 'owner',

  'orders.list': 'limited',
  'orders.page': 'limited',
  'orders.export': 'limited',
  'orders.get': 'limited',
  'orders.create': 'limited',
  'orders.update': 'limited',
  'orders.confirm': 'limited',
  'orders.cancel': 'owner',
  'orders.close': 'limited',
  'orders.delete': 'owner',
  'orders.generatePurchase': 'owner',
  'orders.receive': 'limited',

  'payments.list': 'limited',
  'payments.get': 'limited',
  'payments.create': 'limited',
  'payments.update': 'limited',
  'payments.delete': 'owner',
  'balances.list': 'limited',

  'shipments.list': 'any',
  'shipments.get': 'any',
  'shipments.shippable': 'any',
  'shipments.create': 'any',
  'shipments.update': 'any',
  'shipments.setStatus': 'any',
  'shipments.delete': 'owner',

  'imports.list': 'owner',
  'imports.get': 'owner',
  'imports.create': 'owner',
  'imports.update': 'owner',
  'imports.receive': 'owner',
  'imports.delete': 'owner',

  'stock.list': 'any',
  'stock.moves': 'any',
  'stock.adjust': 'owner',

  'claims.list': 'any',
  'claims.create': 'any',
  'claims.settle': 'owner',

  'attachments.list': 'limited',
  'attachments.add': 'limited',
  'attachments.get': 'limited',
  'attachments.delete': 'owner',

  'filing.validate': 'any',
  'filing.export': 'any',
  // the contract shows a sales order's prices only; a statement can show purchase orders and payments out
  'documents.contract': 'any',
  'documents.statement': 'owner',
  'grid.export': 'any',
  'ledgers.export': 'owner',
  'jobs.cancel': 'any',

  // Spreadsheet in: a bulk change of products (prices), parties or an order — the owner's
  'import.preview': 'owner',
  'import.run': 'owner',
  'import.mappings.list': 'owner',
  'import.mappings.save': 'owner',
  'import.mappings.delete': 'owner',

  'history.list': 'owner',
  'history.verify': 'owner',
  'dashboard.summary': 'limited',

  // backups and restore: the owner's (a clerk cannot restore); recovery.status is what the window asks first
  'backup.status': 'owner',
  'backup.setFolder': 'owner',
  'backup.now': 'owner',
  'backup.inspect': 'owner',
  'backup.restore': 'owner',
  'recovery.status': 'public',
  'recovery.restore': 'owner',

  // undo may reverse a create (a delete) or any owner-only change: the owner's
  'undo.state': 'owner',
  'undo.run': 'owner',

  'ui.get': 'any',
  'ui.set': 'any',

  'auth.status': 'public',
  'auth.signIn': 'public',
  'auth.signOut': 'public',
  'auth.changePin': 'any',
  'users.list': 'owner',
  'users.create': 'owner',
  'users.update': 'owner',
  'users.setPin': 'owner',
  'users.setIdleMinutes': 'owner',
} as const satisfies Record<ApiName, Access>;

/** The calls whose clerk rule lives in electron/core/access/rules.ts. */
export type LimitedCall = { [N in ApiName]: (typeof callAccess)[N] extends 'limited' ? N : never }[ApiName];

/** May this role make this call at all? (A 'limited' call may still refuse some arguments.) */
export function mayCall(role: UserRole, name: ApiName): boolean {
  return role === 'owner' || callAccess[name] !== 'owner';
}
