/**
 * buildLedgers: the bookkeeper's workbook for a period, streamed to disk.
 *
 *   汇总 Summary                      company, period, base currency; per ledger and currency: documents, lines,
 *                                     amount, base amount; per ledger the base total (written last, put first)
 *   销售 Sales / 采购 Purchases        order lines
 *   出口 Exports                       shipment lines, by shipment (ETD)
 *   进口 Imports                       import lines with customs value, duty, VAT, landed cost
 *   收付款 Payments                    payments in and out with their allocations
 *   应收应付 Receivables & Payables     balances with aging as of the period's last day
 *   按客户 / 按供应商 / 按目的国 / 按HS章 / 按监管方式   summaries
 *
 * Everything is read in one read transaction, so every sheet shows the same moment even while the window keeps
 * writing to the company file (WAL lets a second connection read while the first writes).
 *
 * Two entry points:
 *  - writeLedgers(db, args, file, hooks): streams the workbook into `file` (a temp name) on a connection of its
 *    own (it holds a read transaction and iterates across awaits, so it must not share the app's connection);
 *    the job worker (../jobs/worker.ts) runs this.
 *  - buildLedgers(dbFile, args, outFile, hooks): opens that read connection, writes to a temp name beside
 *    outFile and renames it when complete; on error or cancel the temp file is removed and outFile untouched.
 *
 * hooks.onProgress gets { label, done, total } (rows written of all rows, at most every 100 ms);
 * hooks.isCancelled is asked every few hundred rows: when it says true the build stops with CancelledError.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LEDGER_KEYS, type LedgerCount, type LedgerKey, type LedgerTotal, type LedgersResult } from '../../../shared/ledgers';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, type DB } from '../db';
import { AppError } from '../errors';
import { tempNameFor } from '../excel';
import { formatAmount } from '../money';
import { listBalances } from '../trade/balances';
import { Groups, type LedgerCtx, type Pace } from './context';
import { countRows, writeBalanceLedger, writeExportLedger, writeImportLedger, writeOrderLedger, writePaymentLedger } from './sheets';
import { checkTargetFolder, MAX_SHEET_ROWS, renameIntoPlace, StreamBook } from './stream';
import { Sums } from './sums';
import { writeGroupSheets, writeSummarySheet } from './summaries';

export interface LedgerArgs {
  from: string;
  to: string;
}

export interface LedgerProgress {
  label: string;
  done: number;
  total: number;
}

export interface BuildHooks {
  onProgress?: (p: LedgerProgress) => void;
  isCancelled?: () => boolean;
}

export const CANCELLED_MESSAGE = 'The export was cancelled.';

/** The export was cancelled: nothing was written under the chosen name. */
export class CancelledError extends AppError {
  readonly cancelled = true;
  constructor() {
    super('refused', CANCELLED_MESSAGE);
    this.name = 'CancelledError';
  }
}

/** Rows between two checks for cancel / progress reports / yields to the event loop. */
const ROWS_PER_BREATH = 250;

class Pacer implements Pace {
  done = 0;
  private label = '';
  private lastReport = 0;

  constructor(
    private readonly total: number,
    private readonly book: StreamBook,
    private readonly hooks: BuildHooks,
  ) {}

  section(label: string): void {
    this.label = label;
    this.report(true);
  }

  tick(): boolean {
    this.done += 1;
    return this.done % ROWS_PER_BREATH === 0;
  }

  async breathe(): Promise<void> {
    this.checkCancel();
    this.report(false);
    // let a cancel arrive (inline mode: an API call on this thread); the file is written synchronously
    await new Promise((resolve) => setImmediate(resolve));
  }

  checkCancel(): void {
    if (this.hooks.isCancelled?.()) throw new CancelledError();
    this.book.check();
  }

  report(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastReport < 100) return;
    this.lastReport = now;
    this.hooks.onProgress?.({ label: this.label, done: Math.min(this.done, this.total), total: this.total });
  }

  end(label: string): void {
    this.done = this.total;
    this.label = label;
    this.report(true);
  }
}

/** A read-only connection to a company file of this app's schema (for a worker or an export). */
export function openReadConnection(file: string, nativeBinding?: string): DB {
  if (!fs.existsSync(file)) throw new AppError('not_found', `The company file ${file} does not exist.`);
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('busy_timeout = 5000');
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new AppError('refused', `${file} is not a Trade Records company file.`);
    if (version !== LATEST_SCHEMA_VERSION) throw new AppError('refused', `${file} is at schema ${version}, this app at ${LATEST_SCHEMA_VERSION}: open it in the app first.`);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function emptyLedgers(): Record<LedgerKey, Sums<'amount' | 'base'>> {
  return Object.fromEntries(LEDGER_KEYS.map((k) => [k, new Sums(['amount', 'base'] as const)])) as Record<LedgerKey, Sums<'amount' | 'base'>>;
}

/** Stream the ledgers workbook into `file` (which must not exist yet). See the module comment. */
export async function writeLedgers(db: DB, args: LedgerArgs, file: string, hooks: BuildHooks = {}): Promise<LedgersResult> {
  const company = db.prepare('SELECT name_zh, name_en, base_currency FROM company WHERE id = 1').get() as
    | { name_zh: string; name_en: string; base_currency: string }
    | undefined;
  if (!company) throw new AppError('refused', 'Set up the company first (name and base currency).');
  if (args.from > args.to) throw new AppError('validation', `The period ends (${args.to}) before it begins (${args.from}).`, [{ path: 'to', message: 'the period ends before it begins' }]);
  const base = company.base_currency;
  const companyName = company.name_zh || company.name_en;
  const period = `${args.from} – ${args.to}`;

  db.exec('BEGIN');
  let book: StreamBook | null = null;
  try {
    const counts = countRows({ db, from: args.from, to: args.to });
    for (const [what, n] of Object.entries(counts)) {
      if (n > MAX_SHEET_ROWS - 1000) {
        throw new AppError('validation', `${n} ${what} lines do not fit in one Excel sheet (at most ${MAX_SHEET_ROWS} rows): choose a shorter period.`, [
          { path: 'to', message: 'choose a shorter period' },
        ]);
      }
    }
    const balances = listBalances(db, { asOf: args.to });
    const total = Object.values(counts).reduce((a, b) => a + b, 0) + balances.length;

    book = new StreamBook(file, { title: `台账 Ledgers ${period}`, companyName, period });
    const pace = new Pacer(total, book, hooks);
    const ctx: LedgerCtx = {
      db,
      book,
      base,
      from: args.from,
      to: args.to,
      companyName,
      pace,
      subtitle: [`${companyName} · 期间 Period ${period} · 本位币 Base currency ${base}`],
      ledgers: emptyLedgers(),
      sheetOf: {},
      importTaxes: new Sums(['customs', 'duty', 'vat', 'landed'] as const),
      groups: { buyer: new Groups(), supplier: new Groups(), country: new Groups(), chapter: new Groups(), tradeMode: new Groups() },
    };
    pace.section('');
    await writeOrderLedger(ctx, 'sales');
    await writeOrderLedger(ctx, 'purchase');
    await writeExportLedger(ctx);
    await writeImportLedger(ctx);
    await writePaymentLedger(ctx);
    await writeBalanceLedger(ctx, balances);
    pace.section('汇总 Summaries');
    writeGroupSheets(ctx);
    const summary = writeSummarySheet(ctx, new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'));
    pace.checkCancel();
    pace.section('写入文件 Writing the file');
    book.finish(summary);
    pace.end('完成 Done');
    return toResult(ctx, [summary.name, ...book.sheetNames.filter((n) => n !== summary.name)]);
  } catch (e) {
    book?.abort();
    throw e;
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

function toResult(ctx: LedgerCtx, sheets: string[]): LedgersResult {
  const base = ctx.base;
  const counts = {} as Record<LedgerKey, LedgerCount>;
  const totals = {} as Record<LedgerKey, LedgerTotal>;
  for (const k of LEDGER_KEYS) {
    const s = ctx.ledgers[k];
    counts[k] = { documents: s.documents, lines: s.lines };
    totals[k] = {
      byCurrency: s.buckets().map((b) => ({ currency: b.currency, amount: formatAmount(b.sums.amount, b.currency), baseAmount: formatAmount(b.sums.base, base) })),
      baseAmount: formatAmount(s.total('base'), base),
    };
  }
  const t = ctx.importTaxes;
  return {
    from: ctx.from,
    to: ctx.to,
    baseCurrency: base,
    sheets,
    counts,
    totals,
    importTaxes: {
      customsValue: formatAmount(t.total('customs'), base),
      duty: formatAmount(t.total('duty'), base),
      vat: formatAmount(t.total('vat'), base),
      landedCost: formatAmount(t.total('landed'), base),
    },
  };
}

/**
 * Build the workbook of the company file `dbFile` into `outFile`, in this thread (tests, and the job runner's
 * inline mode). Temp name, rename when complete; nothing under outFile on error or cancel.
 */
export async function buildLedgers(
  dbFile: string,
  args: LedgerArgs,
  outFile: string,
  hooks: BuildHooks = {},
  opts: { nativeBinding?: string } = {},
): Promise<LedgersResult & { file: string }> {
  const target = path.resolve(outFile);
  checkTargetFolder(target);
  const tmp = tempNameFor(target);
  const db = openReadConnection(dbFile, opts.nativeBinding);
  try {
    const result = await writeLedgers(db, args, tmp, hooks);
    renameIntoPlace(tmp, target);
    return { ...result, file: target };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    db.close();
  }
}
