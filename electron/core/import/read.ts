/**
 * From a file's bytes to rows of cells, whatever the file: .xlsx through xlsx.ts (after zip.ts has checked and
 * unpacked it), .csv/.tsv through text.ts. Hostile files are refused before any heavy work
 * (limits.ts); a sheet formatted down to its last row is read up to its last non-empty row.
 */
import { AppError } from '../errors';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_EMPTY_RUN, MAX_FILE_BYTES, MAX_ROWS, mb } from './limits';
import { decodeText, detectDelimiter, detectEncoding, parseDelimited, type Encoding } from './text';
import { dateStyles, readSheetRows, sharedStrings } from './xlsx';
import { checkXlsxZip, isZip } from './zip';

/** A cell as read: text, number, true/false, a date, empty, or text too long to keep (its length). */
export type Cell = string | number | boolean | Date | null | { tooLong: number };

export interface RawRow {
  /** the row number in the file, as Excel shows it */
  rowNo: number;
  /** cells by column, 0 = column A */
  cells: Cell[];
}

export interface ReadResult {
  format: 'xlsx' | 'csv';
  /** CSV: the encoding used (detected or chosen); xlsx: null */
  encoding: Encoding | null;
  /** CSV: the encoding the bytes suggest */
  detectedEncoding: Encoding | null;
  sheets: string[];
  sheet: string;
  rows: RawRow[];
  /** merged ranges of the sheet ("A1:H1") */
  merges: string[];
  /** what the reader did that the user should know (stopped at empty rows) */
  notes: string[];
}

export interface ReadOptions {
  sheet?: string;
  encoding?: Encoding;
  isCancelled?: () => boolean;
  onRows?: (n: number) => void;
}

const refused = (fileName: string, why: string) => new AppError('refused', `${fileName}: ${why}`, [{ path: 'file', message: why }]);

const isOle2 = (b: Uint8Array) => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1;

export class ImportCancelled extends AppError {
  readonly cancelled = true;
  constructor() {
    super('refused', 'The import was cancelled; nothing was changed.');
    this.name = 'CancelledError';
  }
}

export async function readSource(bytes: Buffer, fileName: string, opts: ReadOptions = {}): Promise<ReadResult> {
  if (bytes.length > MAX_FILE_BYTES) throw refused(fileName, `the file is ${mb(bytes.length)}; files up to ${mb(MAX_FILE_BYTES)} can be imported — split it into smaller files`);
  if (bytes.length === 0) throw refused(fileName, 'the file is empty');
  const ext = (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? '').toLowerCase();
  if (isOle2(bytes) || (ext === 'xls' && !isZip(bytes))) {
    throw refused(fileName, 'old Excel 97–2003 files (.xls) are not read: open it in Excel or WPS, Save As "Excel Workbook (.xlsx)", and import that');
  }
  if (isZip(bytes)) return readXlsx(bytes, fileName, opts);
  if (['xlsx', 'xlsm', 'xls', 'xlsb', 'ods'].includes(ext)) throw refused(fileName, `this is not an Excel workbook (its content is not .${ext}); save it as .xlsx or .csv`);
  return readCsv(bytes, fileName, ext, opts);
}

function checkCancel(opts: ReadOptions) {
  if (opts.isCancelled?.()) throw new ImportCancelled();
}

/** Tracks the rows of one sheet: caps, empty-row runs, long cells. */
class RowCollector {
  rows: RawRow[] = [];
  lastFilled = 0;
  stoppedAt: number | null = null;
  constructor(
    private readonly fileName: string,
    private readonly opts: ReadOptions,
  ) {}
  /** false: stop reading (the rest is empty) */
  add(rowNo: number, cells: Cell[]): boolean {
    const filled = cells.some((c) => c !== null && c !== '');
    if (!filled) {
      if (rowNo - this.lastFilled > MAX_EMPTY_RUN) {
        this.stoppedAt = rowNo;
        return false;
      }
      return true;
    }
    this.lastFilled = rowNo;
    if (this.rows.length >= MAX_ROWS) throw refused(this.fileName, `the sheet has more than ${MAX_ROWS.toLocaleString('en')} rows; split it into smaller files`);
    this.rows.push({ rowNo, cells: cells.length > MAX_COLUMNS ? cells.slice(0, MAX_COLUMNS) : cells });
    if ((this.rows.length & 1023) === 0) {
      checkCancel(this.opts);
      this.opts.onRows?.(this.rows.length);
    }
    return true;
  }
  notes(): string[] {
    return this.stoppedAt === null ? [] : [`Reading stopped at row ${this.stoppedAt}: more than ${MAX_EMPTY_RUN} empty rows follow row ${this.lastFilled}.`];
  }
}

function readXlsx(bytes: Buffer, fileName: string, opts: ReadOptions): ReadResult {
  const checked = checkXlsxZip(bytes, fileName, (sheets) => {
    if (sheets.length === 0) throw refused(fileName, 'the workbook has no worksheets');
    const chosen = opts.sheet === undefined ? sheets[0]! : sheets.find((s) => s.name === opts.sheet);
    if (!chosen) throw new AppError('validation', `${fileName} has no sheet named "${opts.sheet}" (it has ${sheets.map((s) => s.name).join(', ')})`, [{ path: 'sheet', message: 'no such sheet' }]);
    return chosen;
  });
  const collector = new RowCollector(fileName, opts);
  const context = {
    strings: sharedStrings(checked.sharedStringsXml),
    dates: dateStyles(checked.stylesXml),
    date1904: /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(checked.workbookXml),
  };
  readSheetRows(checked.sheetXml, context, (rowNo, cells) => collector.add(rowNo, cells));
  checkCancel(opts);
  return {
    format: 'xlsx',
    encoding: null,
    detectedEncoding: null,
    sheets: checked.sheets.map((s) => s.name),
    sheet: checked.chosen.name,
    rows: collector.rows,
    merges: checked.merges,
    notes: collector.notes(),
  };
}

function readCsv(bytes: Buffer, fileName: string, ext: string, opts: ReadOptions): ReadResult {
  const { text, encoding } = decodeText(bytes, fileName, opts.encoding);
  const delimiter = ext === 'tsv' || ext === 'tab' ? '\t' : detectDelimiter(text);
  const collector = new RowCollector(fileName, opts);
  for (const r of parseDelimited(text, delimiter, opts.isCancelled)) {
    const cells: Cell[] = r.cells.map((s, i) => (r.longCells?.has(i) ? { tooLong: r.longCells.get(i)! } : s));
    if (!collector.add(r.rowNo, cells)) break;
  }
  checkCancel(opts);
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'CSV';
  return { format: 'csv', encoding, detectedEncoding: detectEncoding(bytes).encoding, sheets: [name], sheet: name, rows: collector.rows, merges: [], notes: collector.notes() };
}
