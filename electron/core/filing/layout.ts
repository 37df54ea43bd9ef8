/**
 * Shared look of the filing sheets: fonts, borders, the DRAFT banner, titles, label/value fields and table
 * cells. Values always go through the excel/ cell writers (text stays text, numbers get formats).
 */
import type ExcelJS from 'exceljs';
import { setInt, setMoney, setPrice, setScaled, setText, uniqueSheetName, printSetup, fitRowHeights, columnLetter } from '../excel';
import { CBM_SCALE, KG_SCALE, QTY_SCALE } from '../money';

/** A CJK font every Chinese Windows has; elsewhere the system substitutes its CJK font. */
export const FONT = 'SimSun';

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

const font = (size: number, bold = false, color?: string): Partial<ExcelJS.Font> => ({ name: FONT, size, bold, ...(color ? { color: { argb: color } } : {}) });

export const STYLE = {
  title: { font: font(16, true), alignment: { horizontal: 'center', vertical: 'middle' } },
  subtitle: { font: font(10), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  label: { font: font(10, true), alignment: { vertical: 'middle', wrapText: true } },
  value: { font: font(10), alignment: { vertical: 'middle', wrapText: true } },
  note: { font: font(9), alignment: { vertical: 'top', wrapText: true } },
  th: {
    font: font(10, true),
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } },
  },
  td: { font: font(10), alignment: { vertical: 'middle', wrapText: true }, border: BORDER },
  /** short codes and units: centred */
  tdc: { font: font(10), alignment: { vertical: 'middle', horizontal: 'center', wrapText: true }, border: BORDER },
  num: { font: font(10), alignment: { vertical: 'middle', horizontal: 'right' }, border: BORDER },
  numc: { font: font(10), alignment: { vertical: 'middle', horizontal: 'center' }, border: BORDER },
  total: { font: font(10, true), alignment: { vertical: 'middle', wrapText: true }, border: BORDER },
  totalNum: { font: font(10, true), alignment: { vertical: 'middle', horizontal: 'right' }, border: BORDER },
  draft: {
    font: font(20, true, 'FFC00000'),
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } },
    border: { top: { style: 'medium', color: { argb: 'FFC00000' } }, bottom: { style: 'medium', color: { argb: 'FFC00000' } }, left: { style: 'medium', color: { argb: 'FFC00000' } }, right: { style: 'medium', color: { argb: 'FFC00000' } } },
  },
} satisfies Record<string, Partial<ExcelJS.Style>>;

export const DRAFT_TEXT = '草稿 DRAFT — 不得用于申报 / not for filing';

/** Context of one workbook being built. */
export interface PackContext {
  wb: ExcelJS.Workbook;
  usedNames: Set<string>;
  draft: boolean;
  companyName: string;
  shipmentNo: string;
}

/** A sheet being laid out: the next free row and the width of merged ranges (for row heights). */
export class Sheet {
  row = 1;
  readonly mergedWidths = new Map<string, number>();
  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly columns: number,
    readonly ctx: PackContext,
  ) {}

  private readonly merges: { address: string; c1: number; c2: number }[] = [];

  /** Merge columns c1..c2 of row r (no-op for one column); returns the (master) cell. */
  merge(r: number, c1: number, c2: number): ExcelJS.Cell {
    const cell = this.ws.getCell(r, c1);
    if (c2 > c1) {
      this.ws.mergeCells(r, c1, r, c2);
      this.merges.push({ address: cell.address, c1, c2 });
    }
    return cell;
  }

  /** Widths of merged ranges: call after the column widths are final, before fitting row heights. */
  measureMerges(): void {
    for (const m of this.merges) {
      let w = 0;
      for (let c = m.c1; c <= m.c2; c++) w += this.ws.getColumn(c).width ?? 9;
      this.mergedWidths.set(m.address, w);
    }
  }

  /** A full-width line of text (title, banner, note) on the next row. */
  line(text: string, style: Partial<ExcelJS.Style>, height?: number): number {
    const r = this.row++;
    setText(this.merge(r, 1, this.columns), text, style);
    if (height) this.ws.getRow(r).height = height;
    return r;
  }

  /** Labelled fields on the next row: [label, value, labelFrom, labelTo, valueFrom, valueTo] (columns). */
  fields(items: [label: string, value: string, labelFrom: number, labelTo: number, valueFrom: number, valueTo: number][]): number {
    const r = this.row++;
    for (const [label, value, lf, lt, vf, vt] of items) {
      setText(this.merge(r, lf, lt), label, STYLE.label);
      setText(this.merge(r, vf, vt), value, STYLE.value);
    }
    return r;
  }

  /** A header row of a table. */
  header(titles: string[]): number {
    const r = this.row++;
    titles.forEach((t, i) => setText(this.ws.getCell(r, i + 1), t, STYLE.th));
    return r;
  }

  blank(): void {
    this.row++;
  }
}

/** A new sheet named `name` (made valid and unique), with the DRAFT banner as its first row when drafting. */
export function addSheet(ctx: PackContext, name: string, columns: number): Sheet {
  const ws = ctx.wb.addWorksheet(uniqueSheetName(name, ctx.usedNames));
  const s = new Sheet(ws, columns, ctx);
  if (ctx.draft) s.line(DRAFT_TEXT, STYLE.draft, 34);
  return s;
}

/** Print setup and row heights once a sheet is complete. */
export function finishSheet(s: Sheet, opts: { title: string; right?: string; repeatRows?: [number, number]; orientation?: 'portrait' | 'landscape' | 'auto'; heightsFrom?: number }): void {
  s.measureMerges();
  fitRowHeights(s.ws, opts.heightsFrom ?? 1, s.ws.rowCount, { mergedWidths: s.mergedWidths });
  printSetup(s.ws, {
    columns: s.columns,
    repeatRows: opts.repeatRows,
    orientation: opts.orientation ?? 'auto',
    header: { left: s.ctx.companyName, center: opts.title, right: opts.right ?? s.ctx.shipmentNo },
    draft: s.ctx.draft,
    lastRow: s.ws.rowCount,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Table cells

export type Style = Partial<ExcelJS.Style>;

export const td = {
  text: (c: ExcelJS.Cell, v: string, st: Style = STYLE.td) => setText(c, v, st),
  center: (c: ExcelJS.Cell, v: string) => setText(c, v, STYLE.tdc),
  int: (c: ExcelJS.Cell, v: number | null, st: Style = STYLE.num) => setInt(c, v, st),
  qty: (c: ExcelJS.Cell, v: number | null, st: Style = STYLE.num) => setScaled(c, v, QTY_SCALE, 'trim', st),
  price: (c: ExcelJS.Cell, v: number | null, st: Style = STYLE.num) => setPrice(c, v, st),
  money: (c: ExcelJS.Cell, v: number | null, currency: string, st: Style = STYLE.num) => setMoney(c, v, currency, st),
  kg: (c: ExcelJS.Cell, v: number | null, st: Style = STYLE.num) => setScaled(c, v, KG_SCALE, KG_SCALE, st),
  cbm: (c: ExcelJS.Cell, v: number | null, st: Style = STYLE.num) => setScaled(c, v, CBM_SCALE, CBM_SCALE, st),
};

/** Border every cell of row r from column 1 to `columns` (empty cells of a table row keep the grid). */
export function borderRow(ws: ExcelJS.Worksheet, r: number, columns: number, style: Style = STYLE.td): void {
  for (let c = 1; c <= columns; c++) {
    const cell = ws.getCell(r, c);
    if (cell.value === null || cell.value === undefined) cell.style = { ...style, ...(cell.style ?? {}), border: BORDER };
  }
}

export { columnLetter };
