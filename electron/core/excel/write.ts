/**
 * Writing a workbook file safely: the bytes go to a temp file in the same folder, are flushed to disk, and
 * the temp file is renamed to the chosen name only when complete. A failure (disk full, an exception while
 * building, a cancelled job) removes the temp file, so the chosen name either keeps its old content or gets
 * the whole new workbook — never half a file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { installQuotePrefix } from './quote-prefix';

/**
 * ExcelJS, loaded when the first in-memory workbook is made (the filing pack): the export worker, which writes with
 * xlsx-writer.ts, then never loads it (0.6 s of its start).
 */
const loadExcelJS = (): typeof ExcelJS => createRequire(__filename)('exceljs') as typeof ExcelJS;

/** A new workbook with the app as creator; quotePrefix support installed (see quote-prefix.ts). */
export function newWorkbook(opts: { creator?: string; title?: string; company?: string } = {}): ExcelJS.Workbook {
  installQuotePrefix();
  const wb = new (loadExcelJS().Workbook)();
  wb.creator = opts.creator ?? 'Trade Records';
  wb.lastModifiedBy = wb.creator;
  if (opts.title) wb.title = opts.title;
  if (opts.company) wb.company = opts.company;
  const now = new Date();
  wb.created = now;
  wb.modified = now;
  return wb;
}

/** The temp file name used while writing `file` (same folder, hidden, unique). */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
}

/** Write `bytes` to `file` through a temp file and a rename. */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new AppError('validation', `The folder ${dir} does not exist.`, [{ path: 'outFile', message: `the folder ${dir} does not exist` }]);
  const tmp = tempNameFor(target);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx');
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
  } catch (e) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  renameIntoPlace(tmp, target);
}

/**
 * Rename a complete temp file to the chosen name: the last step of every export, whether the file was held in
 * memory (writeFileAtomic) or streamed. On failure the temp file is removed and the chosen name keeps
 * whatever it had; a file open in Excel gets a message that says so.
 */
export function renameIntoPlace(tmp: string, target: string): void {
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new AppError('conflict', `${target} cannot be written (${code}): close it in Excel or choose another name.`, [
        { path: 'outFile', message: 'the file is open in another program or the folder is read-only' },
      ]);
    }
    throw e;
  }
}

/**
 * Give the cells whose styles are made of the same parts one shared style object. ExcelJS serialises every style
 * object it has not seen yet to find its style id (it remembers objects, not contents), and the cell writers give
 * each cell a fresh object (cells.ts applyStyle: ExcelJS would otherwise change the style of every cell sharing
 * one when a single cell's font or format is set). Done just before writing, when no style changes any more:
 * a 2,000-line filing pack spent 1.2 s of its 2 s in that serialising.
 */
export function shareStyles(wb: ExcelJS.Workbook): void {
  const ids = new WeakMap<object, number>();
  const id = (o: unknown): string | number => {
    if (o === undefined || o === null) return '';
    if (typeof o !== 'object') return String(o);
    let n = ids.get(o);
    if (n === undefined) ids.set(o, (n = ids.has(o) ? 0 : nextId++));
    return n;
  };
  let nextId = 1;
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const st = cell.style as (Partial<ExcelJS.Style> & { quotePrefix?: boolean }) | undefined;
        if (!st) return;
        // (ExcelJS gives a date cell without a number format a date format: such a cell keeps a style of its own kind)
        const fmt = st.numFmt ?? (cell.value instanceof Date ? '\u0000date' : '');
        const key = `${id(st.font)}|${id(st.alignment)}|${id(st.border)}|${id(st.fill)}|${id(st.protection)}|${st.quotePrefix ? 1 : 0}|${fmt}`;
        const seen = shared.get(key);
        if (seen) cell.style = seen;
        else shared.set(key, st);
      }),
    ),
  );
}

/** Serialise the workbook and write it with writeFileAtomic. */
export async function writeWorkbook(wb: ExcelJS.Workbook, file: string): Promise<string> {
  shareStyles(wb);
  // deflate level 1: a third of the default's time for a file a few per cent larger
  const buffer = await wb.xlsx.writeBuffer({ zip: { compressionOptions: { level: 1 } } } as ExcelJS.XlsxWriteOptions);
  const target = path.resolve(file);
  writeFileAtomic(target, Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer as ArrayBuffer));
  return target;
}
