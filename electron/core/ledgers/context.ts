/**
 * What the ledger sheet writers share while one workbook is built: the read connection, the streamed workbook,
 * the pace keeper (progress, cancel, yielding to the event loop), and the running totals that the summary
 * sheets are made of at the end.
 */
import type { LedgerKey } from '../../../shared/ledgers';
import type { DB } from '../db';
import type { StreamBook } from './stream';
import { Sums } from './sums';

export interface Pace {
  /** a new part of the work begins (the label of the progress events) */
  section(label: string): void;
  /** one row done; true when it is time to `breathe()` */
  tick(): boolean;
  /** report progress, check for cancel, let the file writing catch up */
  breathe(): Promise<void>;
}

/** Summary rows by a group (buyer, supplier, country, chapter, trade mode) and currency. */
export class Groups {
  readonly sums = new Sums(['amount', 'base'] as const);
  private readonly labelsByKey = new Map<string, string[]>();

  /** `labels`: the group's key columns; `doc`: the document the line belongs to (counted once). */
  add(labels: string[], currency: string, amount: number, base: number, doc: number): void {
    const key = `${labels.join('\u0001')}\u0001${currency}`;
    if (!this.labelsByKey.has(key)) this.labelsByKey.set(key, labels);
    this.sums.add(currency, { amount, base }, doc, key);
  }

  rows() {
    return this.sums.buckets().map((b) => ({ labels: this.labelsByKey.get(b.key) ?? [], ...b }));
  }
}

export type LedgerSums = Sums<'amount' | 'base'>;

export interface LedgerCtx {
  db: DB;
  book: StreamBook;
  base: string;
  from: string;
  to: string;
  companyName: string;
  pace: Pace;
  /** the lines under each sheet's title: company, period, base currency */
  subtitle: string[];
  /** per ledger, per currency: amount in the currency, base amount */
  ledgers: Record<LedgerKey, LedgerSums>;
  /** sheet name of each ledger (for the summary) */
  sheetOf: Partial<Record<LedgerKey, string>>;
  /** imports: per currency, in base currency */
  importTaxes: Sums<'customs' | 'duty' | 'vat' | 'landed'>;
  groups: { buyer: Groups; supplier: Groups; country: Groups; chapter: Groups; tradeMode: Groups };
}

/** Documents of different kinds in one group count apart: imports are numbered negative. */
export const importDoc = (id: number) => -id;
