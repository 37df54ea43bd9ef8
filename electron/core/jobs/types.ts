/**
 * What the job runner and its worker thread say to each other.
 *
 *   parent → worker   workerData: { input, cancelFlag }   (cancelFlag: an Int32Array's SharedArrayBuffer; 1 = cancel)
 *   worker → parent   { type: 'progress', label, done, total }   any number of times
 *                     { type: 'done', result }                    once, after the output file is complete and closed
 *                     { type: 'error', error }                    once, instead of done
 */
import type { GridExport } from '../../../shared/gridExport';
import type { LedgersResult } from '../../../shared/ledgers';
import type { LedgerArgs, LedgerProgress } from '../ledgers/build';
import type { ImportJobInput, ImportJobResult } from '../import/run';
import type { OrdersExportInput } from '../trade/order-export';

/** A ledgers workbook of the company file `dbFile`, streamed into `tmpFile` (the runner renames it). */
export interface LedgersJobInput {
  kind: 'ledgers';
  dbFile: string;
  args: LedgerArgs;
  tmpFile: string;
  /** an Electron-ABI build of better-sqlite3 (a dev checkout running in Electron), else the default */
  nativeBinding?: string;
}

/** A grid's workbook (what 'grid.export' was given, structured-cloned), written into `tmpFile`. */
export interface GridJobInput {
  kind: 'grid';
  grid: Omit<GridExport, 'cancelToken'>;
  tmpFile: string;
  /** for the printed page header */
  companyName: string;
  now: Date;
}

/** The orders list's workbook: every order of the filter read from `dbFile` (electron/core/trade/order-export.ts). */
export interface OrdersJobInput {
  kind: 'orders';
  dbFile: string;
  orders: OrdersExportInput;
  tmpFile: string;
  companyName: string;
  now: Date;
  nativeBinding?: string;
}

export type JobInput = LedgersJobInput | GridJobInput | ImportJobInput | OrdersJobInput;

export interface JobResults {
  ledgers: LedgersResult;
  grid: { rows: number };
  /** an import's preview or result (electron/core/import/run.ts) */
  import: ImportJobResult;
  orders: { rows: number };
}

export interface WorkerData {
  input: JobInput;
  cancelFlag: SharedArrayBuffer;
}

/** An error as it crosses from the worker: an AppError keeps its code and issues; a cancel says so. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  issues?: { path: string; message: string }[];
  cancelled?: boolean;
  stack?: string;
}

export type WorkerMessage =
  | ({ type: 'progress' } & LedgerProgress)
  | { type: 'done'; result: JobResults[keyof JobResults] }
  | { type: 'error'; error: SerializedError };
