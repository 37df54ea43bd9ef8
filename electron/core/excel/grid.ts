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
 *  - The sheet is written with ExcelJS's streaming writer (rows leave memory as they are committed, so
 *    200,000 rows stay within bounded memory) into a temp file that is renamed when complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { currencyDecimals, isCurrency } from '../../../shared/currency';
import { parseScaled } from '../../../shared/decimal';
import type { GridExport, GridExportColumn, GridExportResult } from '../../../shared/gridExport';
import { getCompany } from '../company';
import type { HandlerContext } from '../context';
import { safeFileName } from '../filing/api';
import { startFileJob, type StartOptions } from '../jobs';
import { CancelledError, type BuildHooks } from '../ledgers/build';
import { setMoney, setScaled, setText } from './cells';
import { installQuotePrefix } from './quote-prefix';
import { autoFilter, fitRowHeights, freezeAt, printSetup, uniqueSheetName } from './sheet';
import { renameIntoPlace, tempNameFor } from './write';

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

/** A number format on one cell (a fresh style object: ExcelJS shares them between cells otherwise). */
function setFormat(cell: ExcelJS.Cell, numFmt: string, extra: Style = {}): void {
  cell.style = { ...cell.style, ...extra, numFmt };
}

/** Dates sit on the left, as the grid shows them. */
const DATE_ALIGN: Style = { alignment: { horizontal: 'left' } };

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

/** Write one value of a column; returns the number it was written as (for the totals), if any. */
function writeValue(cell: ExcelJS.Cell, col: GridExportColumn, value: string | null, currency: string | undefined): Decimal | null {
  if (value === null || value === '') return null;
  switch (col.kind) {
    case 'text':
      setText(cell, value);
      return null;
    case 'date': {
      const d = parseIsoDate(value);
      if (!d) {
        setText(cell, value);
        return null;
      }
      cell.value = d.date;
      setFormat(cell, d.withTime ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd', DATE_ALIGN);
      return null;
    }
    default: {
      const v = parseDecimal(value);
      if (!v) {
        // not a number ("—", "n/a"): kept as the text the grid shows, out of the totals
        setText(cell, value, RIGHT);
        return null;
      }
      if (col.kind === 'money') {
        const cd = currency && isCurrency(currency) ? currencyDecimals(currency) : undefined;
        if (cd !== undefined && v.decimals <= cd) setMoney(cell, parseScaled(value.trim(), cd), currency!);
        // no known currency, or more decimals than it has: never rounded, shown with all its decimals
        else setScaled(cell, v.scaled, v.decimals, Math.max(v.decimals, col.decimals ?? cd ?? 0));
      } else if (col.kind === 'quantity') {
        setScaled(cell, v.scaled, v.decimals, col.decimals ?? 'trim');
      } else if (col.kind === 'percent') {
        // "12.5" (%) is 0.125: the same digits two places on, exactly
        setScaled(cell, v.scaled, v.decimals + 2, v.decimals + 2);
        setFormat(cell, percentFormat(col.decimals ?? v.decimals));
      } else {
        setScaled(cell, v.scaled, v.decimals, col.decimals ?? v.decimals);
      }
      return v;
    }
  }
}

/** Write a total (a decimal string) into a totals cell with the column's format. */
function writeTotal(cell: ExcelJS.Cell, col: GridExportColumn, sum: Sum, currency: string | undefined): void {
  let decimals = sum.decimals;
  if (col.kind === 'money' && currency && isCurrency(currency)) decimals = Math.max(decimals, currencyDecimals(currency));
  else if (col.kind !== 'quantity' && col.decimals !== undefined) decimals = Math.max(decimals, col.decimals);
  const text = sum.text(decimals);
  const v = parseDecimal(text);
  if (!v) {
    // beyond what a number cell holds exactly: the exact figure as text
    setText(cell, text, RIGHT);
    return;
  }
  if (col.kind === 'quantity') setScaled(cell, v.scaled, v.decimals, col.decimals ?? 'trim');
  else if (col.kind === 'percent') {
    setScaled(cell, v.scaled, v.decimals + 2, v.decimals + 2);
    setFormat(cell, percentFormat(col.decimals ?? sum.decimals));
  } else setScaled(cell, v.scaled, v.decimals, col.kind === 'money' ? v.decimals : (col.decimals ?? v.decimals));
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

/** Stop a streaming workbook after an error or a cancel: detach and abort its zip, close its file. */
async function abortWorkbook(wb: ExcelJS.stream.xlsx.WorkbookWriter): Promise<void> {
  const w = wb as unknown as { zip?: NodeJS.EventEmitter & { unpipe?(d: unknown): void; abort?(): void }; stream?: fs.WriteStream };
  if (w.zip) {
    w.zip.on('error', () => {});
    w.zip.unpipe?.(w.stream);
    w.zip.abort?.();
  }
  const out = w.stream;
  if (out && !out.closed) {
    // ended, not destroyed: a write the zip already started finishes first (no write after destroy)
    out.on('error', () => {});
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        out.destroy();
        resolve();
      }, 2000);
      out.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      out.end();
    });
  }
}

/**
 * Write the grid's workbook to `file` (through a temp file renamed when complete). Returns the number of data
 * rows written.
 */
export async function writeGridWorkbook(grid: GridExport, file: string, opts: GridSheetOptions = {}): Promise<{ file: string; rows: number }> {
  installQuotePrefix();
  const target = path.resolve(file);
  const tmp = tempNameFor(target);
  const now = opts.now ?? new Date();
  const { columns, rows } = grid;
  const n = columns.length;
  const labels = grid.labels ?? { total: 'Total ({rows})', currencyTotal: 'Total {currency} ({rows})' };

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: true });
  wb.creator = 'Trade Records';
  wb.lastModifiedBy = wb.creator;
  wb.created = now;
  wb.modified = now;
  (wb as unknown as { title: string }).title = grid.title;

  try {
    // the streaming writer takes its views (the frozen header) when the sheet is added
    const frozen = { views: [] } as unknown as ExcelJS.Worksheet;
    freezeAt(frozen, 1);
    // … and its fit-to-page flag (the rest of the print setup is written at the end)
    const ws = wb.addWorksheet(uniqueSheetName(grid.title, new Set()), { views: frozen.views, pageSetup: { fitToWidth: 1, fitToHeight: 0 } });
    // widths go before the first row: the streaming writer writes them first
    columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = excelWidth(c.widthPx);
    });

    const header = ws.getRow(1);
    columns.forEach((c, i) => {
      const numeric = c.kind !== 'text' && c.kind !== 'date';
      setText(header.getCell(i + 1), c.header, numeric ? { ...HEADER_STYLE, alignment: { ...HEADER_STYLE.alignment, horizontal: 'right' } } : HEADER_STYLE);
    });
    // a header longer than its column wraps: give the row the lines it needs
    fitRowHeights(ws, 1, 1);
    header.commit();

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
        // let a cancel (inline mode: an API call on this thread) and the file stream get a turn
        if (r > 0) await new Promise((resolve) => setImmediate(resolve));
      }
      const values = rows[r]!;
      const row = ws.getRow(r + 2);
      const seen = new Set<string>();
      for (let c = 0; c < n; c++) {
        const col = columns[c]!;
        const currency = col.currencyColumn !== undefined ? (values[col.currencyColumn] ?? '').trim() : undefined;
        const v = writeValue(row.getCell(c + 1), col, values[c] ?? null, currency);
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
      row.commit();
    }
    const lastDataRow = rows.length + 1;

    // totals: one row for everything when there is at most one currency; else the other columns, then one
    // row per currency for the money columns
    const currencies = [...byCurrency.keys()].sort();
    const single = currencies.length <= 1;
    // the words go into the first column that has no total and no currency of one
    const labelCol = columns.findIndex((_, c) => !totalled[c] && !columns.some((m) => m.currencyColumn === c));
    let next = lastDataRow + 1;
    const totalRow = (text: string): ExcelJS.Row => {
      const row = ws.getRow(next++);
      for (let c = 1; c <= n; c++) row.getCell(c).style = { ...TOTAL_STYLE };
      if (labelCol >= 0) setText(row.getCell(labelCol + 1), text, TOTAL_STYLE);
      return row;
    };

    // (an empty grid has nothing to total)
    const main = rows.length > 0 ? totalRow(label(labels.total, rows.length)) : null;
    columns.forEach((col, c) => {
      if (!main || !totalled[c]) return;
      if (!isMoney[c]) {
        if (sums[c]!.count > 0) writeTotal(main.getCell(c + 1), col, sums[c]!, undefined);
      } else if (single && currencies.length === 1) {
        const cur = currencies[0]!;
        const s = byCurrency.get(cur)!.sums.get(c);
        if (s) writeTotal(main.getCell(c + 1), col, s, cur);
        if (cur !== '') setText(main.getCell(col.currencyColumn! + 1), cur, TOTAL_STYLE);
      }
    });
    main?.commit();
    if (!single) {
      for (const cur of currencies) {
        const g = byCurrency.get(cur)!;
        const row = totalRow(label(labels.currencyTotal, g.rows, cur || '—'));
        for (const c of moneyCols) {
          const s = g.sums.get(c);
          if (s) writeTotal(row.getCell(c + 1), columns[c]!, s, cur);
          if (cur !== '') setText(row.getCell(columns[c]!.currencyColumn! + 1), cur, TOTAL_STYLE);
        }
        row.commit();
      }
    }
    const lastRow = next - 1;

    // the filter covers the data rows only: sorting in Excel leaves the totals at the bottom
    autoFilter(ws, 1, lastDataRow, n);
    printSetup(ws, {
      columns: n,
      repeatRows: [1, 1],
      lastRow,
      header: { left: opts.companyName ?? '', center: grid.title, right: shownTime(now) },
    });
    ws.commit();
    await wb.commit();

    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    renameIntoPlace(tmp, target);
  } catch (e) {
    await abortWorkbook(wb).catch(() => {});
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
 * The API call: a job of the runner (electron/core/jobs, kind 'grid': a worker thread when the built entry is
 * there), with progress events under the cancelToken; written into the data folder's exports/ (a copy stays
 * there) and returned as bytes.
 */
export async function exportGrid(
  ctx: Pick<HandlerContext, 'db' | 'dataDir' | 'progress'>,
  arg: GridExport,
  opts: Pick<StartOptions, 'workerScript'> & { now?: Date } = {},
): Promise<GridExportResult> {
  const { cancelToken, ...grid } = arg;
  const now = opts.now ?? new Date();
  const company = getCompany(ctx.db);
  const companyName = company ? (grid.language === 'en' ? company.nameEn || company.nameZh : company.nameZh || company.nameEn) : '';
  const dir = path.join(ctx.dataDir, 'exports');
  fs.mkdirSync(dir, { recursive: true });
  const fileName = gridFileName(grid.title, now);
  const job = startFileJob((tmpFile) => ({ kind: 'grid', grid, tmpFile, companyName, now }), path.join(dir, fileName), {
    ...(cancelToken ? { jobId: cancelToken } : {}),
    ...(opts.workerScript ? { workerScript: opts.workerScript } : {}),
    onProgress: (e) => ctx.progress(e),
  });
  const { file, rows } = await job.result;
  return { fileName, dataBase64: fs.readFileSync(file).toString('base64'), rows };
}
