/**
 * Any grid to Excel: one sheet with the grid's header, its rows as the user sees them (order, sort, filter
 * done by the renderer) and a totals row.
 *
 *  - Values go through the cell writers of cells.ts: text is text (HS codes, item numbers, injection-looking
 *    text with quotePrefix), numbers are numbers with the format of their decimals, money has its currency's
 *    decimals, dates are dates.
 *  - Totals are exact: decimal strings are summed as scaled integers (BigInt, no floating point), money per
 *    currency. With one currency there is one totals row; with several there is a totals row for the other
 *    columns and one row per currency for the money columns.
 *  - The sheet is written with the fast streaming writer (xlsx-writer.ts: rows are deflated into the file as they
 *    come, so 200,000 rows stay within bounded memory) into a temp file that is renamed when complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { currencyDecimals, isCurrency } from '../../../shared/currency';
import { parseScaled } from '../../../shared/decimal';
import type { GridExport, GridExportColumn, GridExportResult } from '../../../shared/gridExport';
import { getCompany } from '../company';
import type { HandlerContext } from '../context';
import { safeFileName } from '../filing/api';
import { startFileJob, type StartOptions } from '../jobs';
import type { JobInput } from '../jobs/types';
import { CancelledError, type BuildHooks } from '../ledgers/build';
import { heightForLines, uniqueSheetName, wrappedLines } from './sheet';
import { renameIntoPlace, tempNameFor } from './write';
import { decimalText } from './cells';
import { colName, serialDay, XlsxWriter, type XlsxSheet } from './xlsx-writer';

type Style = Partial<ExcelJS.Style>;

/** The workbook's default font, named: a bold font without a name prints in a serif fallback elsewhere. */
const BOLD: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, bold: true };

const HEADER_STYLE: Style = {
  font: BOLD,
  alignment: { vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } },
  border: { bottom: { style: 'thin', color: { argb: 'FF8A94A6' } } },
};
const TOTAL_STYLE: Style = {
  font: BOLD,
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F5F8' } },
  border: { top: { style: 'thin', color: { argb: 'FF8A94A6' } } },
};
const RIGHT: Style = { alignment: { horizontal: 'right', vertical: 'middle', wrapText: true } };

/** The most decimals a value may have to be written as a number (more: it is written as the text it is). */
const MAX_DECIMALS = 10;
const SUM_SCALE = BigInt(MAX_DECIMALS);
const TEN = 10n;

// ---------------------------------------------------------------------------------------------------------
// Values

interface Decimal {
  /** the value × 10^decimals */
  scaled: number;
  decimals: number;
}

const DECIMAL_TEXT = /^-?\d+(?:\.(\d+))?$/;

/** A decimal string ("1250.5", "-3", "0.0125") as a scaled integer; null when it is not one (or too long). */
export function parseDecimal(text: string): Decimal | null {
  const s = text.trim();
  const m = DECIMAL_TEXT.exec(s);
  if (!m) return null;
  const decimals = m[1]?.length ?? 0;
  if (decimals > MAX_DECIMALS) return null;
  try {
    return { scaled: parseScaled(s, decimals), decimals };
  } catch {
    return null;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO date (or date and time) as the Date ExcelJS writes (UTC = the wall-clock value); null when not one. */
export function parseIsoDate(text: string): { date: Date; withTime: boolean } | null {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // no 2026-02-30, no 25:00
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || date.getUTCHours() !== h || date.getUTCMinutes() !== mi || s > 59) return null;
  return { date, withTime: m[4] !== undefined };
}

function percentFormat(decimals: number): string {
  return decimals <= 0 ? '0%' : `0.${'0'.repeat(decimals)}%`;
}

/** Dates sit on the left, as the grid shows them. */
const DATE_ALIGN: Style = { alignment: { horizontal: 'left' } };
/** Totals that are text (too large for a number cell) sit on the right, as numbers do. */
const TOTAL_RIGHT: Style = { ...TOTAL_STYLE, ...RIGHT };

/** Excel's column width (in widths of "0" of the default font, ~7 px) for a width on screen in pixels. */
export function excelWidth(px: number): number {
  return Math.round(Math.max(2, Math.min(255, (px - 5) / 7)) * 10) / 10;
}

// ---------------------------------------------------------------------------------------------------------
// Totals

/** An exact running sum: at the largest scale any value can have, and the most decimals seen. */
class Sum {
  total = 0n;
  decimals = 0;
  count = 0;
  add(v: Decimal): void {
    this.total += BigInt(v.scaled) * TEN ** (SUM_SCALE - BigInt(v.decimals));
    this.decimals = Math.max(this.decimals, v.decimals);
    this.count++;
  }
  /** The sum as a decimal string with `decimals` decimals (at least those of the values). */
  text(decimals = this.decimals): string {
    const d = Math.max(decimals, this.decimals);
    const scaled = this.total / TEN ** (SUM_SCALE - BigInt(d)); // exact: no value had more decimals than d
    const neg = scaled < 0n;
    const digits = (neg ? -scaled : scaled).toString().padStart(d + 1, '0');
    const whole = digits.slice(0, digits.length - d);
    return (neg ? '-' : '') + (d > 0 ? `${whole}.${digits.slice(digits.length - d)}` : whole);
  }
}

/** Does the column go into the totals row? */
export function isTotalled(c: GridExportColumn): boolean {
  if (c.kind === 'number' || c.kind === 'quantity' || c.kind === 'money') return c.total !== false;
  return c.kind === 'percent' && c.total === true;
}

// ---------------------------------------------------------------------------------------------------------
// Cells

/** A date cell's serial number (days since 1899-12-30, the time as a fraction) and format. */
function dateCell(d: { date: Date; withTime: boolean }): [number, string] {
  const t = d.date;
  const day = serialDay(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  const secs = t.getUTCHours() * 3600 + t.getUTCMinutes() * 60 + t.getUTCSeconds();
  return [secs ? day + secs / 86_400 : day, d.withTime ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd'];
}

/** One value of a column as cell XML; `v` is the number it was written as (for the totals), if any. */
function writeValue(sheet: XlsxSheet, ref: string, col: GridExportColumn, value: string | null, currency: string | undefined): { xml: string; v: Decimal | null } {
  if (value === null || value === '') return { xml: '', v: null };
  switch (col.kind) {
    case 'text':
      return { xml: sheet.text(ref, value), v: null };
    case 'date': {
      const d = parseIsoDate(value);
      if (!d) return { xml: sheet.text(ref, value), v: null };
      const [serial, fmt] = dateCell(d);
      return { xml: sheet.number(ref, serial, DATE_ALIGN, fmt), v: null };
    }
    default: {
      const v = parseDecimal(value);
      // not a number ("—", "n/a"): kept as the text the grid shows, out of the totals
      if (!v) return { xml: sheet.text(ref, value, RIGHT), v: null };
      return { xml: numberXml(sheet, ref, col, v, currency, col.decimals ?? v.decimals), v };
    }
  }
}

/**
 * A number of a column: money with its currency's decimals (never rounded: a value with more decimals shows them
 * all), quantities with the decimals they use, percent as a fraction ("12.5" → 0.125, the same digits two places
 * on), other numbers with `decimals` (the column's, else the value's).
 */
function numberXml(sheet: XlsxSheet, ref: string, col: GridExportColumn, v: Decimal, currency: string | undefined, decimals: number, style?: Style): string {
  switch (col.kind) {
    case 'money': {
      const cd = currency && isCurrency(currency) ? currencyDecimals(currency) : undefined;
      if (cd !== undefined && v.decimals <= cd) return sheet.scaled(ref, v.scaled * 10 ** (cd - v.decimals), cd, cd, style);
      return sheet.scaled(ref, v.scaled, v.decimals, Math.max(v.decimals, col.decimals ?? cd ?? 0), style);
    }
    case 'quantity':
      return sheet.scaled(ref, v.scaled, v.decimals, col.decimals ?? 'trim', style);
    case 'percent':
      return sheet.number(ref, decimalText(v.scaled, v.decimals + 2), style, percentFormat(col.decimals ?? v.decimals));
    default:
      return sheet.scaled(ref, v.scaled, v.decimals, decimals, style);
  }
}

/** A total (a decimal string) as a totals cell with the column's format. */
function totalXml(sheet: XlsxSheet, ref: string, col: GridExportColumn, sum: Sum, currency: string | undefined): string {
  let decimals = sum.decimals;
  if (col.kind === 'money' && currency && isCurrency(currency)) decimals = Math.max(decimals, currencyDecimals(currency));
  else if (col.kind !== 'quantity' && col.decimals !== undefined) decimals = Math.max(decimals, col.decimals);
  const text = sum.text(decimals);
  const v = parseDecimal(text);
  // beyond what a number cell holds exactly: the exact figure as text
  if (!v) return sheet.text(ref, text, TOTAL_RIGHT);
  // money: the decimals of its sum, at least the currency's
  if (col.kind === 'money') return sheet.scaled(ref, v.scaled, v.decimals, v.decimals, TOTAL_STYLE);
  return numberXml(sheet, ref, col, v, undefined, col.decimals ?? v.decimals, TOTAL_STYLE);
}

// ---------------------------------------------------------------------------------------------------------
// The sheet

export interface GridSheetOptions {
  /** the company name for the printed page header */
  companyName?: string;
  /** the export time, printed in the page header */
  now?: Date;
  /** progress (rows written, label = the title) and cancel, looked at every ROWS_PER_CHECK rows */
  hooks?: BuildHooks;
}

function stamp(d: Date, sep = '-'): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}${sep}${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function shownTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function label(template: string, rows: number, currency = ''): string {
  return template.replace(/\{rows\}/g, rows.toLocaleString('en')).replace(/\{currency\}/g, currency).replace(/\s+/g, ' ').trim();
}

/** Rows between two progress reports / cancel checks / yields to the event loop. */
const ROWS_PER_CHECK = 1000;

/**
 * Write the grid's workbook to `file` (through a temp file renamed when complete). Returns the number of data
 * rows written.
 */
export async function writeGridWorkbook(grid: GridExport, file: string, opts: GridSheetOptions = {}): Promise<{ file: string; rows: number }> {
  const target = path.resolve(file);
  const tmp = tempNameFor(target);
  const now = opts.now ?? new Date();
  const { columns, rows } = grid;
  const n = columns.length;
  const labels = grid.labels ?? { total: 'Total ({rows})', currencyTotal: 'Total {currency} ({rows})' };

  const book = new XlsxWriter(tmp, { title: grid.title, created: now });
  try {
    const ws = book.addSheet(uniqueSheetName(grid.title, new Set()), { frozenRows: 1 });
    const widths = columns.map((c) => excelWidth(c.widthPx));
    ws.columns(widths);

    // the header; a header longer than its column wraps: the row gets the lines it needs
    const RIGHT_HEADER: Style = { ...HEADER_STYLE, alignment: { ...HEADER_STYLE.alignment, horizontal: 'right' } };
    let headerLines = 1;
    const header = columns.map((c, i) => {
      headerLines = Math.max(headerLines, wrappedLines(c.header, widths[i]!, 1, 1.1));
      return ws.text(`${colName(i)}1`, c.header, c.kind !== 'text' && c.kind !== 'date' ? RIGHT_HEADER : HEADER_STYLE);
    });
    const height = heightForLines(headerLines);
    ws.row(1, header.join(''), height ? { height } : {});

    const totalled = columns.map(isTotalled);
    const moneyCols = columns.map((c, i) => (c.kind === 'money' && c.currencyColumn !== undefined ? i : -1)).filter((i) => i >= 0);
    const isMoney = columns.map((c) => c.kind === 'money' && c.currencyColumn !== undefined);
    /** all rows, per column (the non-money columns) */
    const sums = columns.map(() => new Sum());
    /** per currency, per column (the money columns); also the rows of each currency */
    const byCurrency = new Map<string, { sums: Map<number, Sum>; rows: number }>();

    const hooks = opts.hooks ?? {};
    for (let r = 0; r < rows.length; r++) {
      if (r % ROWS_PER_CHECK === 0 && (hooks.onProgress || hooks.isCancelled)) {
        if (hooks.isCancelled?.()) throw new CancelledError();
        hooks.onProgress?.({ label: grid.title, done: r, total: rows.length });
        // let a cancel (inline mode: an API call on this thread) get a turn
        if (r > 0) await new Promise((resolve) => setImmediate(resolve));
      }
      const values = rows[r]!;
      const rowNo = r + 2;
      let xml = '';
      const seen = new Set<string>();
      for (let c = 0; c < n; c++) {
        const col = columns[c]!;
        const currency = col.currencyColumn !== undefined ? (values[col.currencyColumn] ?? '').trim() : undefined;
        const cell = writeValue(ws, colName(c) + rowNo, col, values[c] ?? null, currency);
        xml += cell.xml;
        const v = cell.v;
        if (!v || !totalled[c]) continue;
        if (isMoney[c]) {
          const key = currency ?? '';
          let g = byCurrency.get(key);
          if (!g) byCurrency.set(key, (g = { sums: new Map(), rows: 0 }));
          if (!seen.has(key)) {
            seen.add(key);
            g.rows++;
          }
          let s = g.sums.get(c);
          if (!s) g.sums.set(c, (s = new Sum()));
          s.add(v);
        } else {
          sums[c]!.add(v);
        }
      }
      ws.row(rowNo, xml);
    }
    const lastDataRow = rows.length + 1;

    // totals: one row for everything when there is at most one currency; else the other columns, then one
    // row per currency for the money columns
    const currencies = [...byCurrency.keys()].sort();
    const single = currencies.length <= 1;
    // the words go into the first column that has no total and no currency of one
    const labelCol = columns.findIndex((_, c) => !totalled[c] && !columns.some((m) => m.currencyColumn === c));
    let next = lastDataRow + 1;
    /** a totals row: every cell in the totals style, the words in the label column, `cells` by column */
    const totalRow = (text: string, cells: Map<number, string>): void => {
      const r = next++;
      let xml = '';
      for (let c = 0; c < n; c++) {
        const ref = colName(c) + r;
        xml += cells.get(c) ?? (c === labelCol ? ws.text(ref, text, TOTAL_STYLE) : ws.blank(ref, TOTAL_STYLE));
      }
      ws.row(r, xml);
    };

    // (an empty grid has nothing to total)
    if (rows.length > 0) {
      const cells = new Map<number, string>();
      const r = next;
      columns.forEach((col, c) => {
        if (!totalled[c]) return;
        if (!isMoney[c]) {
          if (sums[c]!.count > 0) cells.set(c, totalXml(ws, colName(c) + r, col, sums[c]!, undefined));
        } else if (single && currencies.length === 1) {
          const cur = currencies[0]!;
          const s = byCurrency.get(cur)!.sums.get(c);
          if (s) cells.set(c, totalXml(ws, colName(c) + r, col, s, cur));
          if (cur !== '') cells.set(col.currencyColumn!, ws.text(colName(col.currencyColumn!) + r, cur, TOTAL_STYLE));
        }
      });
      totalRow(label(labels.total, rows.length), cells);
    }
    if (!single) {
      for (const cur of currencies) {
        const g = byCurrency.get(cur)!;
        const cells = new Map<number, string>();
        const r = next;
        for (const c of moneyCols) {
          const s = g.sums.get(c);
          if (s) cells.set(c, totalXml(ws, colName(c) + r, columns[c]!, s, cur));
          if (cur !== '') cells.set(columns[c]!.currencyColumn!, ws.text(colName(columns[c]!.currencyColumn!) + r, cur, TOTAL_STYLE));
        }
        totalRow(label(labels.currencyTotal, g.rows, cur || '—'), cells);
      }
    }
    const lastRow = next - 1;

    // the filter covers the data rows only: sorting in Excel leaves the totals at the bottom
    ws.end({
      autoFilter: { headerRow: 1, lastRow: lastDataRow, columns: n },
      print: { columns: n, repeatRows: [1, 1], lastRow, header: { left: opts.companyName ?? '', center: grid.title, right: shownTime(now) } },
    });
    book.finish();
    renameIntoPlace(tmp, target);
  } catch (e) {
    book.abort();
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  opts.hooks?.onProgress?.({ label: grid.title, done: rows.length, total: rows.length });
  return { file: target, rows: rows.length };
}

/** The file name of an export: the title and the time, safe on every OS. */
export function gridFileName(title: string, now: Date): string {
  return `${safeFileName(title.trim()) || 'export'}-${stamp(now)}.xlsx`;
}

/**
 * Run a sheet export as a job of the runner (electron/core/jobs: a worker thread when the built entry is there)
 * with progress events under the cancelToken; written into the data folder's exports/ (a copy stays there) and
 * returned as bytes. `input` makes the job's input from the temp file, the company name (for the printed page
 * header, in the export's language) and the time.
 */
export async function runSheetExport(
  ctx: Pick<HandlerContext, 'db' | 'dataDir' | 'progress'>,
  arg: { title: string; language?: 'zh' | 'en' | undefined; cancelToken?: string | undefined },
  input: (tmpFile: string, companyName: string, now: Date) => JobInput,
  opts: Pick<StartOptions, 'workerScript'> & { now?: Date } = {},
): Promise<GridExportResult> {
  const now = opts.now ?? new Date();
  const company = getCompany(ctx.db);
  const companyName = company ? (arg.language === 'en' ? company.nameEn || company.nameZh : company.nameZh || company.nameEn) : '';
  const dir = path.join(ctx.dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  const fileName = gridFileName(arg.title, now);
  const job = startFileJob((tmpFile) => input(tmpFile, companyName, now), path.join(dir, fileName), {
    ...(arg.cancelToken ? { jobId: arg.cancelToken } : {}),
    ...(opts.workerScript ? { workerScript: opts.workerScript } : {}),
    onProgress: (e) => ctx.progress(e),
  });
  const { file, rows } = (await job.result) as { file: string; rows: number };
  return { fileName, dataBase64: fs.readFileSync(file).toString('base64'), rows };
}

/** The API call grid.export: a job of kind 'grid' (see runSheetExport). */
export async function exportGrid(
  ctx: Pick<HandlerContext, 'db' | 'dataDir' | 'progress'>,
  arg: GridExport,
  opts: Pick<StartOptions, 'workerScript'> & { now?: Date } = {},
): Promise<GridExportResult> {
  const { cancelToken: _token, ...grid } = arg;
  return runSheetExport(ctx, arg, (tmpFile, companyName, now) => ({ kind: 'grid', grid, tmpFile, companyName, now }), opts);
}
