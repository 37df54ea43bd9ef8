/**
 * Reading workbooks back in tests: ExcelJS for values and types, the raw XML (JSZip, which ExcelJS depends on)
 * for what ExcelJS does not read back, such as the quotePrefix style attribute.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';

export async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet "${name}" in ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

/** The first cell whose (string) value is `text`, scanning rows top-down. */
export function findCell(ws: ExcelJS.Worksheet, text: string | RegExp): ExcelJS.Cell | undefined {
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master !== cell) continue;
      const v = cell.value;
      if (typeof v === 'string' && (typeof text === 'string' ? v === text : text.test(v))) return cell;
    }
  }
  return undefined;
}

/** The value of the first cell right of the label (outside the label's merged range). */
export function valueAfter(ws: ExcelJS.Worksheet, label: string): unknown {
  const cell = findCell(ws, label);
  if (!cell) throw new Error(`no label "${label}" on ${ws.name}`);
  const row = ws.getRow(Number(cell.row));
  for (let c = Number(cell.col) + 1; c <= ws.columnCount; c++) {
    const next = row.getCell(c);
    if (next.isMerged && next.master === cell) continue;
    return next.value;
  }
  return undefined;
}

/** Values of columns 1..n of row r (null for empty cells). */
export function rowValues(ws: ExcelJS.Worksheet, r: number, n = ws.columnCount): unknown[] {
  const row = ws.getRow(r);
  return Array.from({ length: n }, (_, i) => {
    const v = row.getCell(i + 1).value;
    return v === undefined ? null : v;
  });
}

/**
 * A table: its header row is the row of the cell `firstHeader` (in column 1); its rows run until a row whose
 * first cell begins with 合计 (returned as `total`) or an empty first cell.
 */
export function table(ws: ExcelJS.Worksheet, firstHeader: string, n?: number): { headerRow: number; header: unknown[]; rows: unknown[][]; total: unknown[] | null } {
  const h = findCell(ws, firstHeader);
  if (!h) throw new Error(`no table "${firstHeader}" on ${ws.name}`);
  const headerRow = Number(h.row);
  const width = n ?? ws.columnCount;
  const rows: unknown[][] = [];
  let total: unknown[] | null = null;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const first = ws.getRow(r).getCell(1).value;
    if (typeof first === 'string' && first.startsWith('合计')) {
      total = rowValues(ws, r, width);
      break;
    }
    if (first === null || first === undefined || first === '') break;
    rows.push(rowValues(ws, r, width));
  }
  return { headerRow, header: rowValues(ws, headerRow, width), rows, total };
}

/** Addresses of the cells of sheet `name` whose style has quotePrefix="1", from the file's XML. */
export async function quotePrefixedCells(file: string, name: string): Promise<Set<string>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const styles = await zip.file('xl/styles.xml')!.async('string');
  const xmlName = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const sheetTag = [...workbook.matchAll(/<sheet [^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`name="${xmlName}"`));
  if (!sheetTag) throw new Error(`no sheet ${name}`);
  const rid = /r:id="([^"]+)"/.exec(sheetTag)![1]!;
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*>`).exec(rels)![0];
  const path = `xl/${/Target="([^"]+)"/.exec(target)![1]!.replace(/^\/?xl\//, '')}`;
  const xml = await zip.file(path)!.async('string');
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!;
  const xfs = [...cellXfs.matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
  const out = new Set<string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>/g)) {
    const s = /\bs="(\d+)"/.exec(m[2]!);
    if (s && xfs[Number(s[1])]?.includes('quotePrefix="1"')) out.add(m[1]!);
  }
  return out;
}
