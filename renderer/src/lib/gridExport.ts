/**
 * "Export to Excel" for any AG Grid: reads what the grid shows — the displayed columns in their order and
 * width, the header names as shown, the rows after the grid's filter and sort — and sends it to the core
 * (grid.export), which writes the workbook; the bytes are then saved as a download.
 *
 * Values are sent raw where Excel needs the raw value (decimal strings for numbers, ISO dates for dates) and as
 * shown for text (status words, code names, yes/no).
 *
 * The kind of a column (how the core writes it):
 *  1. colDef.context.excel, when the screen says it:
 *     `context: { excel: { kind: 'money', currencyColumn: 'currency' } }` (currencyColumn: the colId of the
 *     column holding each row's currency; `total: false` to leave a column out of the totals row).
 *  2. Otherwise from the column definition: cellDataType 'number', a right-aligned type or cell class, or a
 *     number filter → a number; cellDataType date or a date filter → a date; anything else → text. A number
 *     column named like an amount (amount, paid, unpaid, balance, unallocated, unapplied) is money when a
 *     currency column is shown; one named quantity is a quantity. A text column named like a date
 *     (…Date, date, etd, eta) whose values are all ISO dates is a date.
 *  3. Figures per unit (prices, rates, unit costs, per-carton sizes and weights) have no total.
 */
import type { Column, ColDef, GridApi, IRowNode } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { GridColumnKind, GridExportColumn, GridExportResult } from '../../../shared/gridExport';
import { ApiCallError, call, onProgress, progressConnected } from '../api';
import { saveWorkbook } from './saveWorkbook';

/** What a screen may put in colDef.context.excel. */
export interface ExcelColumnHint {
  kind?: GridColumnKind;
  decimals?: number;
  /** money: the colId of the column holding each row's currency (default: a column with colId "currency") */
  currencyColumn?: string;
  total?: boolean;
  /** leave the column out of the export (a column of marks or buttons) */
  skip?: boolean;
}


const MONEY_NAME = /^(amount|paid|unpaid|balance|unallocated|unapplied)$/i;
const QUANTITY_NAME = /^(quantity|qty)$/i;
/** Figures per unit (unitPrice, dutyRate, landedUnitCost, pcsPerCarton, cartonLengthCm): a sum of them means nothing. */
const isPerUnit = (name: string) => /price|rate|unit/i.test(name) || /[pP]er[A-Z_]/.test(name) || /(Cm|Mm)$/.test(name);
const DATE_NAME = /(date|Date)$|^(etd|eta)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?/;
/** What a grid shows for "no value". */
const SHOWN_EMPTY = new Set(['', '—', '-', '–']);

function hint(def: ColDef): ExcelColumnHint {
  const ctx = def.context as { excel?: ExcelColumnHint } | undefined;
  return ctx?.excel ?? {};
}

function nameOf(col: Column): string {
  const def = col.getColDef();
  return typeof def.field === 'string' ? def.field : col.getColId();
}

function classes(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function types(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The kind a column definition implies, before looking at the values. */
export function kindOfColumn(def: ColDef, name: string, hasCurrencyColumn: boolean): GridColumnKind {
  const given = hint(def).kind;
  if (given) return given;
  const dataType = def.cellDataType;
  if (dataType === 'date' || dataType === 'dateString' || dataType === 'dateTime' || dataType === 'dateTimeString' || def.filter === 'agDateColumnFilter') return 'date';
  if (dataType === 'boolean') return 'text';
  const numeric =
    dataType === 'number' ||
    def.filter === 'agNumberColumnFilter' ||
    types(def.type).some((t) => t === 'rightAligned' || t === 'numericColumn') ||
    classes(def.cellClass).includes('ag-right-aligned-cell');
  if (!numeric) return 'text';
  if (MONEY_NAME.test(name) && hasCurrencyColumn) return 'money';
  if (QUANTITY_NAME.test(name)) return 'quantity';
  return 'number';
}

function isEmpty(v: string | null): boolean {
  return v === null || v === '';
}

/** A raw number or decimal string as the decimal string the core reads; null when there is none. */
function decimalText(v: unknown): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'bigint') return v.toString();
  return null;
}

/** The text a cell shows. */
function shownText(api: GridApi, node: IRowNode, col: Column, yesNo: [string, string]): string | null {
  const def = col.getColDef();
  const raw: unknown = api.getCellValue({ rowNode: node, colKey: col });
  const v: unknown = def.valueFormatter ? api.getCellValue({ rowNode: node, colKey: col, useFormatter: true }) : raw;
  // a check box (AG Grid's own formatter says "true"/"false"): the words yes and no
  if (typeof raw === 'boolean' && (v === raw || v === String(raw))) return raw ? yesNo[0] : yesNo[1];
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? yesNo[0] : yesNo[1];
  if (Array.isArray(v)) return v.map(String).join(', ');
  return null;
}

export interface GridSnapshot {
  columns: GridExportColumn[];
  rows: (string | null)[][];
}

/** The columns the grid shows, as grid.export takes them, each with the field (or colId) it shows. */
export function exportColumnsOf(api: GridApi): { columns: GridExportColumn[]; names: string[]; cols: Column[] } {
  const cols = api.getAllDisplayedColumns().filter((c) => !hint(c.getColDef()).skip);
  const names = cols.map(nameOf);
  const ids = cols.map((c) => c.getColId());
  const currencyIndex = (h: ExcelColumnHint): number => {
    const wanted = h.currencyColumn ?? 'currency';
    const i = ids.indexOf(wanted);
    return i >= 0 ? i : names.indexOf(wanted);
  };
  const columns = cols.map((col, i): GridExportColumn => {
    const def = col.getColDef();
    const h = hint(def);
    const c = currencyIndex(h);
    const kind = kindOfColumn(def, names[i]!, c >= 0 && c !== i);
    const column: GridExportColumn = {
      header: api.getDisplayNameForColumn(col, 'header') || def.headerName || '',
      widthPx: Math.round(col.getActualWidth()),
      kind,
    };
    if (h.decimals !== undefined) column.decimals = h.decimals;
    if (kind === 'money' && c >= 0 && c !== i) column.currencyColumn = c;
    if (h.total !== undefined) column.total = h.total;
    else if (kind !== 'text' && kind !== 'date' && isPerUnit(names[i]!)) column.total = false;
    return column;
  });
  return { columns, names, cols };
}

/** What the grid shows, as grid.export takes it. */
export function snapshotGrid(api: GridApi, t: TFunction, opts: { skipRow?: (data: unknown) => boolean } = {}): GridSnapshot {
  const { columns, names, cols } = exportColumnsOf(api);
  const kinds = columns.map((c) => c.kind);
  const yesNo: [string, string] = [t('common.yes'), t('common.no')];

  const rows: (string | null)[][] = [];
  api.forEachNodeAfterFilterAndSort((node) => {
    if (node.group || !node.data || opts.skipRow?.(node.data)) return;
    rows.push(
      cols.map((col, i) => {
        const kind = kinds[i]!;
        if (kind === 'text') return shownText(api, node, col, yesNo);
        const def = col.getColDef();
        // a cell that shows nothing (a formatter's "—") exports nothing, whatever its raw value
        if (def.valueFormatter) {
          const shown = api.getCellValue({ rowNode: node, colKey: col, useFormatter: true }) as unknown;
          if (shown === null || shown === undefined || (typeof shown === 'string' && SHOWN_EMPTY.has(shown.trim()))) return null;
        }
        const raw: unknown = api.getCellValue({ rowNode: node, colKey: col });
        if (kind === 'date') return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null;
        const text = decimalText(raw);
        return text === null || SHOWN_EMPTY.has(text) ? null : text;
      }),
    );
  });

  // a text column named like a date whose values are all ISO dates is a date
  columns.forEach((column, i) => {
    const def = cols[i]!.getColDef();
    if (column.kind !== 'text' || hint(def).kind || def.valueFormatter || !DATE_NAME.test(names[i]!)) return;
    const values = rows.map((r) => r[i]!).filter((v) => !isEmpty(v));
    if (values.length > 0 && values.every((v) => ISO_DATE.test(v!))) column.kind = 'date';
  });
  return { columns, rows };
}

/** A job id for the export's cancelToken (the core's jobId: letters, digits, - and _). */
export function newExportJobId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `grid-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Did the export fail because the user cancelled it ('jobs.cancel')? */
export function isExportCancelled(e: unknown): boolean {
  return e instanceof ApiCallError && e.code === 'refused' && /cancelled/i.test(e.message);
}

/** Stop a running export by its job id (the call of exportGridToExcel then fails with a cancel). */
export async function cancelGridExport(jobId: string): Promise<void> {
  await call('jobs.cancel', { jobId });
}

export interface ExportOptions {
  title: string;
  t: TFunction;
  language: 'zh' | 'en';
  jobId?: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Run an export call of the core as a job under a job id (cancelGridExport stops it), with its progress events
 * handed to `onProgress`, and save the workbook it returns.
 */
export async function runExportJob(
  opts: Pick<ExportOptions, 'jobId' | 'onProgress'>,
  send: (jobId: string) => Promise<GridExportResult>,
): Promise<GridExportResult> {
  const jobId = opts.jobId ?? newExportJobId();
  const listener = opts.onProgress;
  const stop = listener ? onProgress((e) => e.jobId === jobId && listener(e.done, e.total)) : null;
  try {
    // listening before the call starts, so no event is missed
    if (stop) await progressConnected();
    const result = await send(jobId);
    saveWorkbook(result.fileName, result.dataBase64);
    return result;
  } finally {
    stop?.();
  }
}

/** The words of the totals rows, from the UI catalog. */
export const exportLabels = (t: TFunction) => ({ total: t('common.exportExcelTotal'), currencyTotal: t('common.exportExcelCurrencyTotal') });

/**
 * Export what the grid shows to Excel and save the file; returns what the core wrote. The core runs it as a
 * job under `jobId` (cancelGridExport stops it); `onProgress` gets its rows written / total.
 */
export async function exportGridToExcel(
  api: GridApi,
  opts: ExportOptions & {
    /** rows not to export (e.g. the empty line waiting at the end of an entry grid) */
    skipRow?: (data: unknown) => boolean;
  },
): Promise<GridExportResult> {
  const { columns, rows } = snapshotGrid(api, opts.t, opts.skipRow ? { skipRow: opts.skipRow } : {});
  return runExportJob(opts, (jobId) =>
    call('grid.export', { title: opts.title.slice(0, 100), columns, rows, labels: exportLabels(opts.t), language: opts.language, cancelToken: jobId }),
  );
}

const words = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/**
 * A title for a grid's export from the page: the headings of the sections around the grid, outermost first,
 * each with the switch chosen in its toolbar ("订单 · 销售订单", "出货 SH-2026-0001 · 货物明细"); the
 * document title when there is none.
 */
export function titleAround(el: Element | null): string {
  const parts: string[] = [];
  for (let s = el?.closest('section') ?? null; s; s = s.parentElement?.closest('section') ?? null) {
    const own = (e: Element) => e.closest('section') === s;
    const id = s.getAttribute('aria-labelledby');
    const heading = (id ? document.getElementById(id) : null) ?? [...s.querySelectorAll('h1, h2')].find(own);
    const chosen = [...s.querySelectorAll('[role=group] [aria-pressed=true], [role=tablist] [aria-selected=true]')].filter(own).map(words);
    const h = words(heading);
    const text = [h, ...chosen.filter((w) => w !== h)].filter((w) => w !== '');
    if (text.length > 0) parts.unshift(text.join(' · '));
  }
  return parts.join(' · ') || document.title || 'Export';
}
