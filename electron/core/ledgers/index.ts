/** The bookkeeper's ledgers workbook (see build.ts). */
export { buildLedgers, writeLedgers, openReadConnection, CancelledError, CANCELLED_MESSAGE, type BuildHooks, type LedgerArgs, type LedgerProgress } from './build';
export { exportLedgers } from './api';
