/**
 * The ledgers workbook's sheets, streamed through the fast xlsx writer (../excel/xlsx-writer.ts): sheet XML written
 * by hand and deflated into the file as the rows come, so memory stays bounded however long the sheet.
 *
 * Every cell follows the rules of the Excel helpers (../excel/cells.ts): text stays text with quotePrefix against
 * formula injection, codes stay text, numbers get the format of their decimals, money the currency's decimals,
 * dates are real dates. Layout as ../excel/sheet.ts gives every sheet: unique sheet names, widths fitted to the
 * header and the first BUFFER_ROWS data rows (those rows are kept until then), frozen header, autofilter over
 * header and data, A4 landscape one page wide with the header row repeated, page header and footer.
 *
 * Sheets are written one after another (each is one zip entry); the summary sheet, whose figures are known only
 * at the end, is written last and put first in the workbook (finish(first)).
 *
 * The file is written to the path given (a temp name chosen by the caller: build.ts / the job runner), flushed to
 * disk with fsync and closed; the caller renames it when complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { currencyDecimals } from '../../../shared/currency';
import { AppError } from '../errors';
import { colName, decimalText, fittedWidth, numberFormat, serialDay, shownNumber, SHOWN_DATE, textWidth, uniqueSheetName, usedDecimals, XlsxWriter, type XlsxSheet } from '../excel';
import { PERCENT_SCALE, QTY_SCALE, RATE_SCALE } from '../money';

/** Rows kept at the top of a sheet to fit the column widths to. */
export const BUFFER_ROWS = 300;

/** Excel's last row: a sheet holds at most this many rows. */
export const MAX_SHEET_ROWS = 1_048_576;

export const DATE_FORMAT = 'yyyy-mm-dd';

type Style = Partial<ExcelJS.Style>;

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

/** `style` centred (one object per row style, so the writer's style cache keeps hitting). */
const centred = new WeakMap<Style, Style>();
function centre(style: Style | undefined): Style {
  if (!style) return LEDGER_STYLE.center;
  let c = centred.get(style);
  if (!c) centred.set(style, (c = { ...LEDGER_STYLE.center, ...style }));
  return c;
}

/** A number value of a kind: its decimal text and number format. */
function numeric(kind: Kind, v: Value): [string, string] {
  switch (kind) {
    case 'int':
      return [decimalText(v as number, 0), numberFormat(0)];
    case 'qty':
      return [decimalText(v as number, QTY_SCALE), numberFormat(usedDecimals(v as number, QTY_SCALE))];
    case 'price':
      return [decimalText(v as number, 4), numberFormat(Math.max(2, usedDecimals(v as number, 4)))];
    case 'rate':
      return [decimalText(v as number, RATE_SCALE), numberFormat(usedDecimals(v as number, RATE_SCALE))];
    case 'pct':
      return [decimalText(v as number, PERCENT_SCALE), numberFormat(usedDecimals(v as number, PERCENT_SCALE))];
    default: {
      const m = v as Money;
      const d = currencyDecimals(m.currency);
      return [decimalText(m.minor, d), numberFormat(d)];
    }
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const serials = new Map<string, number>();
/** The serial day of a YYYY-MM-DD date, or null when it is not one. */
function dateSerial(iso: string): number | null {
  let n = serials.get(iso);
  if (n === undefined) {
    const m = DATE_RE.exec(iso);
    if (!m) return null;
    n = serialDay(Number(m[1]), Number(m[2]), Number(m[3]));
    if (serials.size < 10_000) serials.set(iso, n);
  }
  return n;
}

/**
 * One value into a cell's XML by its column kind; with `shown`, also what the cell shows (for widths).
 * null / undefined leave the cell empty (styled when there is a row style).
 */
export function cellXml(sheet: XlsxSheet, ref: string, kind: Kind, v: Value, style: Style | undefined, shown?: (text: string) => void): string {
  if (v === null || v === undefined) return sheet.blank(ref, style);
  switch (kind) {
    case 'text':
    case 'code':
    case 'center': {
      const s = String(v);
      shown?.(s);
      return sheet.text(ref, s, kind === 'center' ? centre(style) : style);
    }
    case 'date': {
      const s = String(v);
      const serial = dateSerial(s);
      // not a date: shown as the text it is (never silently dropped)
      if (serial === null) {
        shown?.(s);
        return sheet.text(ref, s, style);
      }
      shown?.(SHOWN_DATE);
      return sheet.number(ref, serial, style, DATE_FORMAT);
    }
    default: {
      const [text, fmt] = numeric(kind, v);
      shown?.(shownNumber(Number(text), fmt));
      return sheet.number(ref, text, style, fmt);
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

export class StreamBook {
  readonly writer: XlsxWriter;
  readonly usedNames = new Set<string>();
  /** sheet names in the order added */
  readonly sheetNames: string[] = [];

  constructor(
    readonly file: string,
    readonly meta: BookMeta,
  ) {
    this.writer = new XlsxWriter(file, { title: meta.title, company: meta.companyName });
  }

  /** Throws the first write error (disk full …), if any. */
  check(): void {
    this.writer.check();
  }

  addSheet(name: string, columns: ColumnDef[], opts: SheetOptions): StreamSheet {
    const unique = uniqueSheetName(name, this.usedNames);
    this.sheetNames.push(unique);
    return new StreamSheet(this, unique, columns, opts);
  }

  /** Write the workbook with the `first` sheet in front, flush it to disk and close the file. */
  finish(first?: StreamSheet): void {
    this.writer.finish(first ? [first.name, ...this.sheetNames.filter((n) => n !== first.name)] : undefined);
  }

  /** Stop after an error or a cancel: the file is closed; the caller removes it. */
  abort(): void {
    this.writer.abort();
  }
}

/**
 * One streamed sheet: title lines, a header row (frozen, filtered, repeated on every printed page), data rows,
 * totals rows. Rows are numbered from 1; `row()` returns the row number written.
 */
export class StreamSheet {
  readonly headerRow: number;
  readonly title: string;
  private readonly xs: XlsxSheet;
  private nextRow = 1;
  private lastDataRow: number;
  /** widest shown text per column, while the widths are being fitted (null once fixed) */
  private widths: number[] | null;

  constructor(
    readonly book: StreamBook,
    readonly name: string,
    readonly columns: ColumnDef[],
    opts: SheetOptions,
  ) {
    this.headerRow = 2 + opts.subtitle.length + (opts.fields?.length ?? 0);
    this.lastDataRow = this.headerRow;
    this.widths = columns.map(() => 0);
    this.xs = book.writer.addSheet(name, { frozenRows: this.headerRow });
    this.title = opts.title;
    const xs = this.xs;
    const line = (text: string, style: Style) => {
      const r = this.nextRow++;
      xs.row(r, xs.text(`A${r}`, text, style));
    };
    line(opts.title, LEDGER_STYLE.title);
    for (const f of opts.fields ?? []) {
      const r = this.nextRow++;
      xs.row(r, xs.text(`A${r}`, f.label, LEDGER_STYLE.label) + f.values.map((v, i) => cellXml(xs, `${colName(i + 1)}${r}`, v.kind, v.value, LEDGER_STYLE.left)).join(''));
    }
    for (const s of opts.subtitle) line(s, LEDGER_STYLE.subtitle);
    const h = this.nextRow++;
    const bold = 1.1;
    xs.row(
      h,
      columns
        .map((c, i) => {
          this.measure(i, c.header, bold);
          return xs.text(`${colName(i)}${h}`, c.header, LEDGER_STYLE.th);
        })
        .join(''),
      { height: 30 },
    );
  }

  /** The number the next row will get. */
  get rowNumber(): number {
    return this.nextRow;
  }

  /** A data row: one value per column (`style` for a subtotal row inside the data, e.g. bold). */
  row(values: Value[], style?: Style): number {
    const r = this.write(values, style, false, this.widths !== null);
    this.lastDataRow = r;
    if (this.widths && r - this.headerRow >= BUFFER_ROWS) this.fixWidths();
    return r;
  }

  /** A totals row (bold, a rule above): after the data, outside the autofilter range. */
  total(values: Value[]): number {
    return this.write(values, LEDGER_STYLE.total, true, false);
  }

  /** An empty row. */
  blank(): void {
    this.nextRow++;
  }

  private measure(i: number, text: string, factor: number): void {
    const w = textWidth(text) * factor + 2;
    if (w > this.widths![i]!) this.widths![i] = w;
  }

  private write(values: Value[], style: Style | undefined, totals: boolean, measure: boolean): number {
    if (this.nextRow > MAX_SHEET_ROWS) throw new Error(`${this.name}: more than ${MAX_SHEET_ROWS} rows do not fit in one Excel sheet`);
    const r = this.nextRow++;
    const bold = style?.font?.bold ? 1.1 : 1;
    let xml = '';
    const cols = this.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const v = values[i];
      // a label in a number column of a totals row ("合计 Total") is text
      // (and a totals row's label, left-aligned so that it spills over the empty cells to its right)
      const kind = typeof v === 'string' && ((totals && i === 0) || (c.kind !== 'text' && c.kind !== 'code' && c.kind !== 'center' && c.kind !== 'date')) ? 'text' : c.kind;
      xml += cellXml(this.xs, colName(i) + r, kind, v, style, measure ? (t) => this.measure(i, t, bold) : undefined);
    }
    this.xs.row(r, xml);
    return r;
  }

  /** Fit the widths to the header and the first data rows; the rows kept so far are then written. */
  private fixWidths(): void {
    const widths = this.columns.map((c, i) => {
      // totals are wider than the lines they add up: money and counts get room for them
      const lo = c.min ?? (c.kind === 'money' ? 14 : c.kind === 'date' ? 11 : 6);
      const hi = c.max ?? (c.kind === 'text' ? 40 : 24);
      return fittedWidth(this.widths![i]!, lo, hi);
    });
    this.widths = null;
    this.xs.columns(widths);
  }

  /** Autofilter over the header and data rows, A4 landscape print setup; the sheet's XML is then complete. */
  finish(): void {
    if (this.widths) this.fixWidths();
    this.xs.end({
      autoFilter: { headerRow: this.headerRow, lastRow: this.lastDataRow, columns: this.columns.length },
      print: {
        columns: this.columns.length,
        repeatRows: [this.headerRow, this.headerRow],
        orientation: 'landscape',
        header: { left: this.book.meta.companyName, center: this.title, right: this.book.meta.period },
        lastRow: Math.max(this.nextRow - 1, this.headerRow),
      },
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// The chosen name

/** The folder of `target` must exist (the same check and message as ../excel/write.ts). */
export function checkTargetFolder(target: string): void {
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new AppError('validation', `The folder ${dir} does not exist.`, [{ path: 'outFile', message: `the folder ${dir} does not exist` }]);
}

export { renameIntoPlace } from '../excel/write';
