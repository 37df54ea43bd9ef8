/**
 * "Export to Excel" of any grid: the renderer sends what the grid shows (visible columns in their order and
 * width, the rows after the grid's sort and filter, each value in raw form: decimal strings, ISO dates, text as
 * displayed), the core writes a workbook with real Excel types and a totals row (electron/core/excel/grid.ts).
 */
import { z } from 'zod';
import { jobId } from './ledgers';

/**
 * How a column is written:
 *  - text: a text cell as shown (codes such as HS codes and item numbers stay text, injection neutralised)
 *  - number: a decimal string as a number, with the decimals it has (or `decimals`)
 *  - quantity: like number, trailing zeros not shown ("12.500" → 12.5)
 *  - money: an amount in the currency of `currencyColumn` (that row's cell), with the currency's decimals;
 *    totalled per currency
 *  - date: an ISO date ("2026-03-15", optionally with a time) as an Excel date
 *  - percent: "12.5" meaning 12.5 %, written as 0.125 with a percent format
 */
export const GRID_COLUMN_KINDS = ['text', 'number', 'money', 'quantity', 'date', 'percent'] as const;
export type GridColumnKind = (typeof GRID_COLUMN_KINDS)[number];

export const GRID_EXPORT_MAX_ROWS = 200_000;
export const GRID_EXPORT_MAX_COLUMNS = 200;
/** Excel keeps at most 32,767 characters in a cell. */
export const GRID_EXPORT_MAX_CELL = 32_767;

export const GridExportColumnSchema = z
  .object({
    /** the header as the grid shows it */
    header: z.string().max(500),
    /** the column's width on screen in CSS pixels */
    widthPx: z.number().min(0).max(5000),
    kind: z.enum(GRID_COLUMN_KINDS),
    /** fixed decimals for number, quantity and percent (default: as each value has them) */
    decimals: z.number().int().min(0).max(10).optional(),
    /** money: index (in `columns`) of the column holding each row's currency code */
    currencyColumn: z.number().int().min(0).max(GRID_EXPORT_MAX_COLUMNS - 1).optional(),
    /** in the totals row? default: yes for number, quantity and money; no for the others */
    total: z.boolean().optional(),
  })
  .strict();
export type GridExportColumn = z.infer<typeof GridExportColumnSchema>;

/** Words of the totals rows, from the UI catalog: "{rows}" becomes the row count, "{currency}" the currency. */
export const GridExportLabelsSchema = z
  .object({
    total: z.string().max(100),
    currencyTotal: z.string().max(100),
  })
  .strict();

const MAX_ROW_ISSUES = 5;

export const GridExportSchema = z
  .object({
    /** the screen's title: the sheet name, the printed page header and the file name */
    title: z
      .string()
      .max(100)
      .transform((s) => s.trim())
      .refine((s) => s !== '', 'give the export a title'),
    columns: z.array(GridExportColumnSchema).min(1, 'no visible column to export').max(GRID_EXPORT_MAX_COLUMNS),
    /** the rows in the grid's order, one value per column (null: an empty cell) */
    rows: z
      .array(z.array(z.string().max(GRID_EXPORT_MAX_CELL).nullable()))
      .max(GRID_EXPORT_MAX_ROWS, `at most ${GRID_EXPORT_MAX_ROWS.toLocaleString('en')} rows can be exported at once: filter the grid first`),
    labels: GridExportLabelsSchema.optional(),
    /** which company name goes into the page header (default: Chinese, else English) */
    language: z.enum(['zh', 'en']).optional(),
    /** the export runs as a job: progress events carry this as their jobId, 'jobs.cancel' stops it */
    cancelToken: jobId.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const n = v.columns.length;
    v.columns.forEach((c, i) => {
      if (c.currencyColumn === undefined) return;
      if (c.kind !== 'money') {
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'currencyColumn'], message: 'only a money column has a currency column' });
      } else if (c.currencyColumn >= n || c.currencyColumn === i) {
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'currencyColumn'], message: `no column ${c.currencyColumn} holds the currency` });
      }
    });
    let issues = 0;
    for (let r = 0; r < v.rows.length && issues < MAX_ROW_ISSUES; r++) {
      const len = v.rows[r]!.length;
      if (len !== n) {
        issues++;
        ctx.addIssue({ code: 'custom', path: ['rows', r], message: `has ${len} values for ${n} columns` });
      }
    }
  });

export type GridExportArg = z.input<typeof GridExportSchema>;
export type GridExport = z.output<typeof GridExportSchema>;

export interface GridExportResult {
  fileName: string;
  /** the workbook, base64 */
  dataBase64: string;
  /** data rows written (without header and totals) */
  rows: number;
}
