/**
 * A streaming variant of the workbook utilities in ../excel, for sheets too long to hold in memory.
 *
 * ExcelJS's WorkbookWriter (exceljs.stream.xlsx.WorkbookWriter) writes each row's XML into the zip as soon as
 * the row is committed, so memory stays bounded by the rows not yet committed. Every cell still goes through
 * the cell writers of ../excel/cells.ts (text stays text with quotePrefix against formula injection, codes stay
 * text, numbers get the format of their decimals, money the currency's decimals); layout reuses
 * ../excel/sheet.ts (sheet names, widths, autofilter, A4 print setup with header and footer). What streaming
 * changes is only the order things must happen in:
 *
 *  - the frozen header (sheet views) and fit-to-page (sheetPr) are written when the sheet is created, so they
 *    are passed as options to addWorksheet;
 *  - column widths are written before the first committed row: the first BUFFER_ROWS rows stay uncommitted,
 *    the widths are fitted to them (fitColumns), then they are committed;
 *  - a sheet's XML is a zip entry that must be finished before the next sheet's entry is read, so sheets are
 *    written one after another, and the summary sheet, whose figures are known only at the end, is written
 *    last and then moved to the front of the workbook (moveSheetFirst).
 *
 * The file is written to the path given (a temp name chosen by the caller: build.ts / the job runner), flushed
 * to disk with fsync and closed; the caller renames it when complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { autoFilter, fitColumns, freezeAt, installQuotePrefix, printSetup, setCode, setInt, setMoney, setPrice, setScaled, setText, uniqueSheetName } from '../excel';
import { PERCENT_SCALE, QTY_SCALE, RATE_SCALE } from '../money';

/** Rows kept uncommitted at the top of a sheet to fit the column widths to. */
export const BUFFER_ROWS = 300;

/** Excel's last row: a sheet holds at most this many rows. */
export const MAX_SHEET_ROWS = 1_048_576;

export const DATE_FORMAT = 'yyyy-mm-dd';

type Style = Partial<ExcelJS.Style>;

/** A calendar date (YYYY-MM-DD) as a real Excel date (a serial day number shown as yyyy-mm-dd); '' leaves the cell empty. */
export function setDate(cell: ExcelJS.Cell, iso: string | null | undefined, style?: Style): void {
  if (style) cell.style = { ...cell.style, ...style };
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) {
    // not a date: shown as the text it is (never silently dropped)
    setText(cell, iso ?? '');
    return;
  }
  // UTC midnight: ExcelJS converts a Date to a serial number from its UTC time, so the day is exact
  cell.value = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  cell.style = { ...cell.style, numFmt: DATE_FORMAT };
}

// ---------------------------------------------------------------------------------------------------------
// Cell kinds

/** Money in minor units of its currency. */
export interface Money {
  minor: number;
  currency: string;
}

/**
 *  text    free text (names, descriptions): string
 *  code    text that must stay text (item no., HS code, document no., trade mode): string
 *  center  short text, centred (currency, unit, status): string
 *  date    YYYY-MM-DD: string
 *  int     count: number
 *  qty     quantity ×1000, shown with the decimals it uses: number
 *  price   unit price ×10^4, 2–4 decimals: number
 *  rate    exchange rate ×10^6, shown with the decimals it uses: number
 *  pct     percentage ×100 ("6.5" → 650), shown with the decimals it uses: number
 *  money   minor units in a currency: Money
 */
export type Kind = 'text' | 'code' | 'center' | 'date' | 'int' | 'qty' | 'price' | 'rate' | 'pct' | 'money';
export type Value = string | number | Money | null | undefined;

export interface ColumnDef {
  /** "中文\nEnglish": two lines in the header row */
  header: string;
  kind: Kind;
  /** width limits in characters */
  min?: number;
  max?: number;
}

const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };

export const LEDGER_STYLE = {
  title: { font: { size: 14, bold: true } },
  subtitle: { font: { size: 10, color: { argb: 'FF404040' } } },
  th: {
    font: { bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } },
    border: { top: thin, bottom: thin, left: thin, right: thin },
  },
  center: { alignment: { horizontal: 'center' } },
  label: { font: { bold: true } },
  left: { alignment: { horizontal: 'left' } },
  total: { font: { bold: true }, border: { top: thin } },
} satisfies Record<string, Style>;

const styleTags = new WeakMap<object, number>();
let lastStyleTag = 0;
/** A small number for a row style object (the intern key of the cells written with it). */
function styleTag(style: Style): number {
  let t = styleTags.get(style);
  if (t === undefined) styleTags.set(style, (t = ++lastStyleTag));
  return t;
}

/** Write one value into a cell by its column kind (always through the ../excel cell writers). */
export function writeValue(cell: ExcelJS.Cell, kind: Kind, v: Value, style?: Style): void {
  if (v === null || v === undefined) {
    if (style) cell.style = { ...cell.style, ...style };
    return;
  }
  switch (kind) {
    case 'text':
      return setText(cell, String(v), style);
    case 'code':
      return setCode(cell, String(v), style);
    case 'center':
      return setText(cell, String(v), style ? { ...LEDGER_STYLE.center, ...style } : LEDGER_STYLE.center);
    case 'date':
      return setDate(cell, String(v), style);
    case 'int':
      return setInt(cell, v as number, style);
    case 'qty':
      return setScaled(cell, v as number, QTY_SCALE, 'trim', style);
    case 'price':
      return setPrice(cell, v as number, style);
    case 'rate':
      return setScaled(cell, v as number, RATE_SCALE, 'trim', style);
    case 'pct':
      return setScaled(cell, v as number, PERCENT_SCALE, 'trim', style);
    case 'money': {
      const m = v as Money;
      return setMoney(cell, m.minor, m.currency, style);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Workbook

export interface SheetOptions {
  /** the first row, big and bold */
  title: string;
  /** lines of text under the title and fields (company, period, base currency, notes) */
  subtitle: string[];
  /** labelled values under the title (a label in column 1, typed values from column 2) */
  fields?: { label: string; values: { kind: Kind; value: Value }[] }[];
}

export interface BookMeta {
  title: string;
  companyName: string;
  /** "2026-01-01 – 2026-03-31": the right part of every page header */
  period: string;
}

type WriterInternals = { _worksheets?: unknown[] };

/**
 * Put `ws` first among the workbook's sheets (tab order and workbook.xml), keeping every sheet's own file.
 * ExcelJS 4.4's WorkbookWriter keeps its sheets in `_worksheets` indexed by sheet id from 1 and writes the
 * workbook in that array's order; the sheet files are named by id, so reordering the array moves the tab only.
 * Throws if a later ExcelJS keeps its sheets otherwise (test/ledgers.test.ts checks the first sheet).
 */
export function moveSheetFirst(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet): void {
  const internal = wb as unknown as WriterInternals;
  const list = internal._worksheets;
  if (!Array.isArray(list) || !list.includes(ws)) throw new Error('This ExcelJS version keeps its streamed sheets differently: the summary sheet cannot be put first');
  const rest = list.filter((w) => w !== undefined && w !== null && w !== ws);
  // a sparse array from index 1, as ExcelJS makes it (its commit maps over the array and skips holes only)
  const reordered: unknown[] = [];
  [ws, ...rest].forEach((w, i) => {
    reordered[i + 1] = w;
  });
  internal._worksheets = reordered;
}

export class StreamBook {
  readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  readonly usedNames = new Set<string>();
  /** sheet names in the order added */
  readonly sheetNames: string[] = [];
  private readonly out: fs.WriteStream;
  private readonly fd: Promise<number>;

  constructor(
    readonly file: string,
    readonly meta: BookMeta,
  ) {
    installQuotePrefix();
    // 'wx': the temp name is new; never write over something that is there. autoClose off: the file is
    // flushed to disk (fsync) after the zip ends and before it is closed (finish / abort close it)
    this.out = fs.createWriteStream(file, { flags: 'wx', autoClose: false });
    this.fd = new Promise((resolve, reject) => {
      this.out.once('open', resolve);
      this.out.once('error', reject);
    });
    this.fd.catch(() => {});
    // a write error (disk full …) is kept and raised at the next breath of the builder, or by finish()
    this.out.on('error', (e) => {
      this.failure ??= e;
    });
    this.wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.out, useStyles: true, useSharedStrings: false });
    const now = new Date();
    Object.assign(this.wb, { creator: 'Trade Records', lastModifiedBy: 'Trade Records', created: now, modified: now, title: meta.title, company: meta.companyName });
  }

  /** The first error of the file stream, if any. */
  failure: Error | null = null;

  /** Resolves when the file is open (rejects when it cannot be created). */
  async ready(): Promise<void> {
    await this.fd;
  }

  /**
   * Bytes of sheet XML written and not yet compressed and on disk: the builder waits while this is large, so
   * memory stays bounded however long the sheet. ExcelJS's sheet stream (a StreamBuf) ignores backpressure:
   * it keeps what no zip entry reads yet in `buffers` and writes full chunks into the entry's deflate stream
   * (`pipes`) without waiting, where they queue (writableLength). Both are counted, with the file stream's
   * own queue. (ExcelJS 4.4 internals; without them only the file stream's queue is counted.)
   */
  get pending(): number {
    let n = this.out.writableLength;
    for (const sheet of this.sheets) {
      if (sheet.committed) continue;
      const s = (sheet.ws as unknown as { stream?: { buffers?: { length?: number }[]; pipes?: { writableLength?: number }[] } }).stream;
      for (const b of s?.buffers ?? []) n += b.length ?? 0;
      for (const p of s?.pipes ?? []) n += p.writableLength ?? 0;
    }
    return n;
  }

  private readonly sheets: StreamSheet[] = [];

  addSheet(name: string, columns: ColumnDef[], opts: SheetOptions): StreamSheet {
    const unique = uniqueSheetName(name, this.usedNames);
    this.sheetNames.push(unique);
    const sheet = new StreamSheet(this, unique, columns, opts);
    this.sheets.push(sheet);
    return sheet;
  }

  /** Commit every sheet (the `first` one moved to the front), finish the zip, flush it to disk and close the file. */
  async finish(first?: StreamSheet): Promise<void> {
    const fd = await this.fd;
    if (first) moveSheetFirst(this.wb, first.ws);
    await this.wb.commit();
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => fs.fsync(fd, (e) => (e ? reject(e) : resolve())));
    await this.close();
  }

  private async close(): Promise<void> {
    if (this.out.closed) return;
    await new Promise<void>((resolve) => {
      this.out.once('close', () => resolve());
      this.out.destroy();
    });
  }

  /**
   * Stop after an error or a cancel: the zip (ExcelJS's archiver, `zip`) is detached from the file and
   * aborted, so nothing more is written and nothing it still had raises an unhandled error; then the file
   * is closed. The caller removes it.
   */
  async abort(): Promise<void> {
    const zip = (this.wb as unknown as { zip?: NodeJS.EventEmitter & { unpipe?(d: unknown): void; abort?(): void } }).zip;
    if (zip) {
      zip.on('error', () => {});
      zip.unpipe?.(this.out);
      zip.abort?.();
    }
    await this.close();
  }
}

/**
 * One streamed sheet: title lines, a header row (frozen, filtered, repeated on every printed page), data rows,
 * totals rows. Rows are numbered from 1; `row()` returns the row number written.
 */
export class StreamSheet {
  readonly ws: ExcelJS.Worksheet;
  readonly headerRow: number;
  readonly title: string;
  private nextRow = 1;
  private lastDataRow: number;
  private widthsFixed = false;

  constructor(
    readonly book: StreamBook,
    readonly name: string,
    readonly columns: ColumnDef[],
    opts: SheetOptions,
  ) {
    this.headerRow = 2 + opts.subtitle.length + (opts.fields?.length ?? 0);
    this.lastDataRow = this.headerRow;
    // views and fit-to-page are written when the sheet is created (see the module comment)
    const frozen = {} as ExcelJS.Worksheet;
    freezeAt(frozen, this.headerRow);
    this.ws = book.wb.addWorksheet(name, {
      views: frozen.views,
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    this.title = opts.title;
    setText(this.ws.getCell(this.nextRow++, 1), opts.title, LEDGER_STYLE.title);
    for (const f of opts.fields ?? []) {
      const r = this.nextRow++;
      setText(this.ws.getCell(r, 1), f.label, LEDGER_STYLE.label);
      f.values.forEach((v, i) => writeValue(this.ws.getCell(r, i + 2), v.kind, v.value, LEDGER_STYLE.left));
    }
    for (const s of opts.subtitle) setText(this.ws.getCell(this.nextRow++, 1), s, LEDGER_STYLE.subtitle);
    const h = this.nextRow++;
    columns.forEach((c, i) => setText(this.ws.getCell(h, i + 1), c.header, LEDGER_STYLE.th));
    this.ws.getRow(h).height = 30;
  }

  /** The number the next row will get. */
  get rowNumber(): number {
    return this.nextRow;
  }

  /** A data row: one value per column (`style` for a subtotal row inside the data, e.g. bold). */
  row(values: Value[], style?: Style): number {
    const r = this.write(values, style);
    this.lastDataRow = r;
    if (this.widthsFixed) this.ws.getRow(r).commit();
    else if (r - this.headerRow >= BUFFER_ROWS) this.fixWidths();
    return r;
  }

  /** A totals row (bold, a rule above): after the data, outside the autofilter range. */
  total(values: Value[]): number {
    const r = this.write(values, LEDGER_STYLE.total, true);
    if (this.widthsFixed) this.ws.getRow(r).commit();
    return r;
  }

  /** An empty row. */
  blank(): void {
    this.nextRow++;
  }

  private write(values: Value[], style?: Style, totals = false): number {
    if (this.nextRow > MAX_SHEET_ROWS) throw new Error(`${this.name}: more than ${MAX_SHEET_ROWS} rows do not fit in one Excel sheet`);
    const r = this.nextRow++;
    const row = this.ws.getRow(r);
    const tag = style ? styleTag(style) : 0;
    this.columns.forEach((c, i) => {
      const v = values[i];
      // a label in a number column of a totals row ("合计 Total") is text
      // (and a totals row's label, left-aligned so that it spills over the empty cells to its right)
      const kind =
        typeof v === 'string' && ((totals && i === 0) || (c.kind !== 'text' && c.kind !== 'code' && c.kind !== 'center' && c.kind !== 'date')) ? 'text' : c.kind;
      const cell = row.getCell(i + 1);
      writeValue(cell, kind, v, style);
      this.intern(cell, `${i}|${kind}|${tag}`);
    });
    return r;
  }

  private readonly styles = new Map<string, Style>();

  /**
   * Give the cell the same style object as every earlier cell of its column, kind and row style with the same
   * number format and quotePrefix (the only style attributes the cell writers vary within a column). ExcelJS
   * recognises a style object it has seen (a WeakMap) instead of serialising it again for every cell, which
   * is most of the time a streamed sheet takes. Safe because no cell's style is changed in place afterwards.
   */
  private intern(cell: ExcelJS.Cell, key: string): void {
    const st = cell.style as Style & { quotePrefix?: boolean };
    const full = `${key}|${st.numFmt ?? ''}|${st.quotePrefix ? 1 : 0}`;
    const seen = this.styles.get(full);
    if (seen) cell.style = seen;
    else this.styles.set(full, st);
  }

  /** Fit the widths to the rows so far (header and the first data rows), then commit those rows. */
  private fixWidths(): void {
    const minByColumn: Record<number, number> = {};
    const maxByColumn: Record<number, number> = {};
    this.columns.forEach((c, i) => {
      // totals are wider than the lines they add up: money and counts get room for them
      minByColumn[i + 1] = c.min ?? (c.kind === 'money' ? 14 : c.kind === 'date' ? 11 : 6);
      maxByColumn[i + 1] = c.max ?? (c.kind === 'text' ? 40 : 24);
    });
    // the header and data rows only: a totals label spills into the empty cells beside it
    fitColumns(this.ws, { fromRow: this.headerRow, toRow: this.lastDataRow, minByColumn, maxByColumn });
    this.widthsFixed = true;
    if (this.nextRow > 1) this.ws.getRow(this.nextRow - 1).commit();
  }

  /** Autofilter over the header and data rows, A4 landscape print setup, commit the sheet. */
  finish(): void {
    if (!this.widthsFixed) this.fixWidths();
    autoFilter(this.ws, this.headerRow, this.lastDataRow, this.columns.length);
    printSetup(this.ws, {
      columns: this.columns.length,
      repeatRows: [this.headerRow, this.headerRow],
      orientation: 'landscape',
      header: { left: this.book.meta.companyName, center: this.title, right: this.book.meta.period },
      lastRow: Math.max(this.nextRow - 1, this.headerRow),
    });
    (this.ws as unknown as { commit(): void }).commit();
    // its XML is complete; the zip reads it as soon as the entries before it are done
    (this.ws as unknown as { stream: NodeJS.EventEmitter }).stream.once('zipped', () => {
      this.committed = true;
    });
  }

  /** True once the sheet's XML is all in the zip. */
  committed = false;
}

// ---------------------------------------------------------------------------------------------------------
// The chosen name

/** The folder of `target` must exist (the same check and message as ../excel/write.ts). */
export function checkTargetFolder(target: string): void {
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new AppError('validation', `The folder ${dir} does not exist.`, [{ path: 'outFile', message: `the folder ${dir} does not exist` }]);
}

export { renameIntoPlace } from '../excel/write';
