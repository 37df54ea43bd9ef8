/**
 * "Export to Excel" of the orders list (issue 7): the grid pages through orders.page and holds only the blocks
 * it has loaded, so the workbook is made here from every order of the filter, in the grid's sort, with the
 * columns the grid shows (their headers, widths and kinds come from the screen, as for grid.export). It runs
 * as a job (kind 'orders'): a worker thread with its own read connection reads the orders and writes the sheet
 * through the same writer as grid.export (typed cells, totals per currency, temp file renamed when complete).
 */
import { GRID_EXPORT_MAX_ROWS, type GridExport, type GridExportResult } from '../../../shared/gridExport';
import type { OrdersExport } from '../../../shared/ordersExport';
import type { OrderSummary } from '../../../shared/trade';
import type { HandlerContext } from '../context';
import type { DB } from '../db';
import { AppError } from '../errors';
import { runSheetExport, writeGridWorkbook, type GridSheetOptions } from '../excel/grid';
import { jobNativeBinding, type StartOptions } from '../jobs';
import { CancelledError, type BuildHooks } from '../ledgers/build';
import { allOrders } from './order-page';

/** What the job needs besides the file: the export as the API took it, without its cancel token. */
export type OrdersExportInput = Omit<OrdersExport, 'cancelToken'>;

/** One cell of an order row as grid.export takes it: decimal strings and ISO dates raw, the status in words. */
function cellOf(o: OrderSummary, field: OrdersExport['columns'][number]['field'], words: OrdersExport['statusWords']): string | null {
  if (field === 'status') return words[o.status] || o.status;
  const v = o[field];
  return typeof v === 'number' ? String(v) : v === '' ? null : v;
}

/** The grid of the export: its columns and every order of the filter as rows (progress while reading). */
export function ordersGrid(db: DB, arg: OrdersExportInput, hooks: BuildHooks = {}): Omit<GridExport, 'cancelToken'> {
  const rows: (string | null)[][] = [];
  const fields = arg.columns.map((c) => c.field);
  for (const block of allOrders(db, arg.query)) {
    if (hooks.isCancelled?.()) throw new CancelledError();
    for (const o of block) rows.push(fields.map((f) => cellOf(o, f, arg.statusWords)));
    if (rows.length > GRID_EXPORT_MAX_ROWS) {
      throw new AppError('validation', `at most ${GRID_EXPORT_MAX_ROWS.toLocaleString('en')} rows can be exported at once: filter the list first`, [
        { path: 'query', message: `more than ${GRID_EXPORT_MAX_ROWS.toLocaleString('en')} orders: filter the list first` },
      ]);
    }
  }
  const columns = arg.columns.map(({ field: _field, ...c }) => c);
  return { title: arg.title, columns, rows, ...(arg.labels ? { labels: arg.labels } : {}), ...(arg.language ? { language: arg.language } : {}) };
}

/** The job's work (worker or inline): read the orders, then write the workbook into `tmpFile`. */
export async function writeOrdersWorkbook(db: DB, arg: OrdersExportInput, tmpFile: string, opts: GridSheetOptions): Promise<{ rows: number }> {
  const grid = ordersGrid(db, arg, opts.hooks);
  const { rows } = await writeGridWorkbook(grid, tmpFile, opts);
  return { rows };
}

/** The API call 'orders.export': a job of kind 'orders' with progress under the cancelToken (see runSheetExport). */
export async function exportOrders(
  ctx: Pick<HandlerContext, 'db' | 'dataDir' | 'companyFile' | 'progress'>,
  arg: OrdersExport,
  opts: Pick<StartOptions, 'workerScript'> & { now?: Date } = {},
): Promise<GridExportResult> {
  const { cancelToken: _token, ...orders } = arg;
  const nativeBinding = jobNativeBinding();
  return runSheetExport(
    ctx,
    arg,
    (tmpFile, companyName, now) => ({ kind: 'orders', dbFile: ctx.companyFile, orders, tmpFile, companyName, now, ...(nativeBinding ? { nativeBinding } : {}) }),
    opts,
  );
}
