/**
 * Sheet layout: names, frozen header, autofilter, fitted column widths, A4 print setup, header and footer.
 */
import type ExcelJS from 'exceljs';

// ---------------------------------------------------------------------------------------------------------
// Sheet names

/** Characters Excel refuses in a sheet name, and the apostrophe (it quotes names in defined names). */
const BAD_NAME_CHARS = /[\\/?*[\]:']/g;
export const MAX_SHEET_NAME = 31;

/**
 * A valid, unique sheet name from `wanted`: bad characters replaced, at most 31 characters, and made unique
 * (case-insensitively, as Excel compares) against `used` with " (2)", " (3)" … The result is added to `used`.
 */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  let base = wanted.replace(BAD_NAME_CHARS, '_').replace(/\s+/g, ' ').trim();
  if (base === '' || base.toLowerCase() === 'history') base = 'Sheet';
  base = [...base].slice(0, MAX_SHEET_NAME).join('').trim();
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = [...base].slice(0, MAX_SHEET_NAME - suffix.length).join('').trimEnd() + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

// ---------------------------------------------------------------------------------------------------------
// Widths

/**
 * Display width of a text in Excel's character units (the width of "0"): CJK and full-width characters count
 * double, capital Latin letters 1.3 (they are wider than a digit in every font).
 */
export function textWidth(text: string): number {
  let widest = 0;
  for (const line of text.split(/\r?\n/)) {
    let w = 0;
    for (const ch of line) {
      const c = ch.codePointAt(0)!;
      const wide =
        (c >= 0x1100 && c <= 0x115f) ||
        (c >= 0x2e80 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) ||
        (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6) ||
        c >= 0x20000;
      w += wide ? 2 : c >= 0x41 && c <= 0x5a ? 1.3 : 1;
    }
    widest = Math.max(widest, w);
  }
  return Math.round(widest * 10) / 10;
}

/** What a date cell shows, for its width. */
export const SHOWN_DATE = '0000-00-00';

/** A number as its format shows it (for widths): thousands separators and fixed decimals. */
export function shownNumber(v: number, fmt: string): string {
  const m = /0\.(0+)/.exec(fmt);
  const decimals = m ? m[1]!.length : 0;
  const [whole = '', frac] = v.toFixed(decimals).split('.');
  const grouped = fmt.includes(',') ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function shownText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return shownNumber(v, cell.numFmt ?? '');
  if (v instanceof Date) return SHOWN_DATE;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

/**
 * Fit column widths to the text of rows `fromRow`..`toRow` (merged cells are skipped: they span columns).
 * Widths stay between `min` and `max`; a wrapped column may be capped lower with `maxByColumn`.
 */
export function fitColumns(
  ws: ExcelJS.Worksheet,
  opts: { fromRow: number; toRow?: number; min?: number; max?: number; padding?: number; maxByColumn?: Record<number, number>; minByColumn?: Record<number, number> },
): void {
  const min = opts.min ?? 6;
  const max = opts.max ?? 50;
  const pad = opts.padding ?? 2;
  const toRow = opts.toRow ?? ws.rowCount;
  const widths = new Map<number, number>();
  for (let r = opts.fromRow; r <= toRow; r++) {
    const row = ws.getRow(r);
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.isMerged) return;
      const bold = cell.font?.bold ? 1.1 : 1;
      const size = (cell.font?.size ?? 11) / 11;
      const w = textWidth(shownText(cell)) * bold * size + pad;
      widths.set(col, Math.max(widths.get(col) ?? 0, w));
    });
  }
  for (const [col, w] of widths) {
    const lo = opts.minByColumn?.[col] ?? min;
    const hi = opts.maxByColumn?.[col] ?? max;
    ws.getColumn(col).width = fittedWidth(w, lo, hi);
  }
}

/** A fitted width between `lo` and `hi`, to one decimal. */
export function fittedWidth(w: number, lo: number, hi: number): number {
  return Math.round(Math.min(hi, Math.max(lo, w)) * 10) / 10;
}

/** Sum of the widths of columns 1..n (default width 9). */
export function totalWidth(ws: ExcelJS.Worksheet, columns: number): number {
  let w = 0;
  for (let c = 1; c <= columns; c++) w += ws.getColumn(c).width ?? 9;
  return w;
}

// ---------------------------------------------------------------------------------------------------------
// Header row, print setup

/** Freeze everything above and including `headerRow` (and `leftColumns` columns). */
export function freezeAt(ws: ExcelJS.Worksheet, headerRow: number, leftColumns = 0): void {
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: leftColumns, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
}

export function autoFilter(ws: ExcelJS.Worksheet, headerRow: number, lastRow: number, columns: number): void {
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(lastRow, headerRow), column: columns } };
}

/** Escape text for an Excel header/footer: "&" starts a code there, so a literal one is "&&". */
export function headerText(text: string): string {
  return text.replace(/&/g, '&&').replace(/[\r\n]+/g, ' ');
}

export interface PrintOptions {
  /** columns printed: from 1 to this */
  columns: number;
  /** rows repeated at the top of every printed page, e.g. [5, 5] */
  repeatRows?: [number, number];
  /** 'auto' (default): landscape when the columns are wider than a portrait A4 page holds */
  orientation?: 'portrait' | 'landscape' | 'auto';
  /** header/footer: left, centre and right parts (plain text; escaped here) */
  header?: { left?: string; center?: string; right?: string };
  /** a DRAFT marking in the page header, big and bold */
  draft?: boolean;
  lastRow?: number;
}

/** Character units a portrait A4 page holds at 100 % with narrow margins; wider sheets go landscape. */
export const PORTRAIT_WIDTH = 100;

/** A4, fit to one page wide (as many pages tall as needed), header rows repeated, header and footer. */
export function printSetup(ws: ExcelJS.Worksheet, opts: PrintOptions): void {
  const orientation = opts.orientation === undefined || opts.orientation === 'auto' ? (totalWidth(ws, opts.columns) > PORTRAIT_WIDTH ? 'landscape' : 'portrait') : opts.orientation;
  const lastRow = opts.lastRow ?? ws.rowCount;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
    printArea: `A1:${columnLetter(opts.columns)}${Math.max(lastRow, 1)}`,
    ...(opts.repeatRows ? { printTitlesRow: `${opts.repeatRows[0]}:${opts.repeatRows[1]}` } : {}),
  };
  ws.headerFooter = pageHeaderFooter(ws.name, opts);
}

/** The printed page header (company, title, period or time; DRAFT) and footer (sheet name, page n / N). */
export function pageHeaderFooter(sheetName: string, opts: Pick<PrintOptions, 'header' | 'draft'>): { oddHeader: string; oddFooter: string } {
  const h = opts.header ?? {};
  // a font size code (&10) swallows digits that follow it: a space always separates it from the text
  const draft = opts.draft ? '&"-,Bold"&16&KFF0000草稿 DRAFT&K000000&"-,Regular"&10 ' : '';
  return {
    oddHeader: `&L&9 ${headerText(h.left ?? '')}&C${draft}&10 ${headerText(h.center ?? '')}&R&9 ${headerText(h.right ?? '')}`,
    oddFooter: `&L&8${headerText(sheetName)}&C&8&P / &N${opts.draft ? ' — 草稿 DRAFT' : ''}`,
  };
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Row heights for wrapped text, estimated from the text and the column widths (Excel does not grow a row for
 * wrapped text by itself when the file is opened). Merged cells count the width of their whole range
 * (`mergedWidths`: master address → width, as given by the caller who made the merge).
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, fromRow: number, toRow: number, opts: { lineHeight?: number; mergedWidths?: Map<string, number> } = {}): void {
  const lineHeight = opts.lineHeight ?? 14;
  for (let r = fromRow; r <= toRow; r++) {
    const row = ws.getRow(r);
    let lines = 1;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (!cell.alignment?.wrapText) return;
      if (cell.isMerged && cell.master !== cell) return;
      const width = opts.mergedWidths?.get(cell.address) ?? ws.getColumn(col).width ?? 9;
      const size = (cell.font?.size ?? 11) / 11;
      const bold = cell.font?.bold ? 1.1 : 1;
      lines = Math.max(lines, wrappedLines(shownText(cell), width, size, bold) * size);
    });
    const h = heightForLines(lines, lineHeight);
    if (h) row.height = Math.max(row.height ?? 0, h);
  }
}

/** Lines a wrapped text takes in a column `width` characters wide (font `size` relative to 11, `bold` 1.1 or 1). */
export function wrappedLines(text: string, width: number, size = 1, bold = 1): number {
  return text.split(/\r?\n/).reduce((s, part) => s + Math.max(1, Math.ceil((textWidth(part) * size * bold) / Math.max(1, width - 1.5))), 0);
}

/** A row's height (points) for `lines` lines of text; undefined for one line (the default height). */
export function heightForLines(lines: number, lineHeight = 14): number | undefined {
  return lines > 1 ? Math.ceil(lines * lineHeight + 6) : undefined;
}
