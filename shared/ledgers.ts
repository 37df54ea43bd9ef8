/**
 * The bookkeeper's ledgers workbook as the API shows it (the builders are in electron/core/ledgers, the
 * worker-thread job runner in electron/core/jobs).
 *
 * 'ledgers.export' { from, to, cancelToken? }
 *   Builds one workbook for the period from–to (dates YYYY-MM-DD, both included; a month, quarter or year is
 *   just such a range) in a worker thread with its own read connection, keeps a copy in the data folder's
 *   exports/ and returns it as bytes when it is complete. While it runs, progress events
 *   { jobId, label, done, total } arrive over the app's progress channel (IPC in the window, SSE in browser
 *   mode), jobId being the cancelToken when one was given.
 *   A cancelled export answers with error code 'refused' and the message "The export was cancelled." (no
 *   file is written, no temp file is left behind).
 *
 * 'jobs.cancel' { jobId } → { jobId, cancelled }
 *   Stops a running job: cancelled is false when no job of that id is running (it already ended).
 *
 * The UI makes up a cancelToken (e.g. crypto.randomUUID()), listens to progress events with that jobId,
 * calls 'ledgers.export', and calls 'jobs.cancel' { jobId: cancelToken } when the user presses Cancel.
 *
 * Money in counts/totals crosses the boundary as decimal strings in the currency's decimals (shared/decimal.ts).
 */
import { z } from 'zod';
import { isoDate } from './trade';

/** A job id the caller may choose: letters, digits, - and _, at most 64 characters. */
export const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a job id of 1–64 letters, digits, - or _');

export const LedgersExportSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    /** the job id the progress events carry and 'jobs.cancel' takes; made up by the runner when absent */
    cancelToken: jobId.optional(),
  })
  .strict()
  .refine((a) => a.from <= a.to, { message: 'the period ends before it begins', path: ['to'] });

export const JobCancelSchema = z.object({ jobId }).strict();

/**
 * The ledgers of the workbook, in the order of the summary sheet:
 *   sales / purchases   order lines of confirmed (partial, complete, closed) orders dated in the period
 *   exports             shipment lines of shipments whose ETD is in the period (planned ones left out)
 *   imports             import lines of imports that arrived in the period; the amount in the import's
 *                       currency is the customs value (CIF: goods + freight + insurance), its base amount
 *                       the customs value in base currency
 *   paymentsIn / Out    payments dated in the period
 *   receivables / payables  balances as of the period's last day (documents = parties)
 */
export const LEDGER_KEYS = ['sales', 'purchases', 'exports', 'imports', 'paymentsIn', 'paymentsOut', 'receivables', 'payables'] as const;
export type LedgerKey = (typeof LEDGER_KEYS)[number];

export interface LedgerCount {
  /** orders, shipments, imports, payments, or parties (balances) */
  documents: number;
  /** rows of the ledger's sheet (order lines, shipment lines, import lines, payments, balance rows) */
  lines: number;
}

export interface CurrencyTotal {
  currency: string;
  /** in `currency` */
  amount: string;
  /** the same lines in the base currency */
  baseAmount: string;
}

export interface LedgerTotal {
  /** one entry per currency, sorted by code; never a sum of different currencies */
  byCurrency: CurrencyTotal[];
  /** every line in the base currency */
  baseAmount: string;
}

export interface LedgersResult {
  from: string;
  to: string;
  baseCurrency: string;
  /** sheet names in workbook order (the summary first) */
  sheets: string[];
  counts: Record<LedgerKey, LedgerCount>;
  totals: Record<LedgerKey, LedgerTotal>;
  /** duty, import VAT and landed cost of the imports, in the base currency */
  importTaxes: { customsValue: string; duty: string; vat: string; landedCost: string };
}

export interface LedgersExport extends LedgersResult {
  jobId: string;
  fileName: string;
  /** the workbook, base64 */
  dataBase64: string;
}

export interface JobCancelResult {
  jobId: string;
  /** false: no job of that id is running (it had already ended, or never existed) */
  cancelled: boolean;
}
