/**
 * The core's implementation of the API map: one function per call, receiving the parsed argument.
 * The compiler checks that every name in shared/api.ts has a handler with the right types.
 */
import type { CodeEntry } from '../../shared/api';
import { codeTables } from '../../shared/codes';
import { listHistory, verifyAuditChain } from './audit';
import { getCompany, setupCompany, updateCompany } from './company';
import type { Handlers } from './context';
import { archiveParty, createParty, deleteParty, getParty, listParties, updateParty } from './parties';
import { archiveProduct, createProduct, deleteProduct, getProduct, listProducts, updateProduct } from './products';
import { dashboard } from './trade/dashboard';
import { validateFiling } from './filing';
import { exportFilingPack } from './filing/api';
import { cancelJob } from './jobs';
import { exportLedgers } from './ledgers/api';
import { exportGrid } from './excel/grid';
import { getUiState, setUiState } from './ui';
import { APP_VERSION } from './version';
import { AppError } from './errors';
import { backupHandlers } from './backup-handlers';
import type { UndoLog } from './undo';
import { orderHandlers } from './trade/order-handlers';
import { logisticsHandlers } from './trade/logistics-handlers';
import { accessHandlers } from './access/handlers';
import { documentHandlers } from './documents';
import { importHandlers } from './import/api';

export type { HandlerContext, Handlers } from './context';

export const handlers: Handlers = {
  'app.info': (_arg, ctx) => ({
    version: APP_VERSION,
    schemaVersion: ctx.schemaVersion,
    dataDir: ctx.dataDir,
    companyFile: ctx.companyFile,
    hasCompany: getCompany(ctx.db) !== null,
  }),
  'codes.list': ({ table }) =>
    codeTables[table].map((r): CodeEntry => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en ?? '' })),

  'company.get': (_arg, { db }) => getCompany(db),
  'company.setup': (arg, { db, user }) => setupCompany(db, arg, user),
  'company.update': (arg, { db, user }) => updateCompany(db, arg, user),

  'parties.list': (arg, { db }) => listParties(db, arg),
  'parties.get': ({ id }, { db }) => getParty(db, id),
  'parties.create': (arg, { db, user }) => createParty(db, arg, user),
  'parties.update': ({ id, patch }, { db, user }) => updateParty(db, id, patch, user),
  'parties.archive': ({ id, archived }, { db, user }) => archiveParty(db, id, archived, user),
  'parties.delete': ({ id }, { db, user }) => deleteParty(db, id, user),

  'products.list': (arg, { db }) => listProducts(db, arg),
  'products.get': ({ id }, { db }) => getProduct(db, id),
  'products.create': (arg, { db, user }) => createProduct(db, arg, user),
  'products.update': ({ id, patch }, { db, user }) => updateProduct(db, id, patch, user),
  'products.archive': ({ id, archived }, { db, user }) => archiveProduct(db, id, archived, user),
  'products.delete': ({ id }, { db, user }) => deleteProduct(db, id, user),

  'ui.get': ({ key }, { db, user }) => getUiState(db, user, key),
  'ui.set': ({ key, value }, { db, user }) => setUiState(db, user, key, value),

  ...accessHandlers,
  ...orderHandlers,
  ...logisticsHandlers,
  ...importHandlers,
  'filing.validate': ({ shipmentId, usdRate }, { db }) => validateFiling(db, shipmentId, usdRate !== undefined ? { usdRate } : {}),
  'filing.export': (arg, { db, dataDir }) => exportFilingPack(db, dataDir, arg),
  ...documentHandlers,
  'grid.export': (arg, ctx) => exportGrid(ctx, arg),
  'ledgers.export': (arg, ctx) => exportLedgers(ctx, arg),
  'jobs.cancel': ({ jobId }) => ({ jobId, cancelled: cancelJob(jobId) }),
  'history.list': (arg, { db }) => listHistory(db, arg),
  'history.verify': (_arg, { db }) => verifyAuditChain(db),
  'dashboard.summary': ({ today }, { db }) => dashboard(db, today),
  ...backupHandlers,
  'undo.state': (_arg, ctx) => undoOf(ctx.undo).state(),
  'undo.run': ({ expect }, ctx) => undoOf(ctx.undo).undo(ctx.user, expect),
};

function undoOf(undo: UndoLog | undefined): UndoLog {
  if (!undo) throw new AppError('refused', 'Undo is only available in the app window.');
  return undo;
}
