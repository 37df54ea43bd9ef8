/**
 * Text files (.csv, .tsv): which encoding, and the rows. Encodings traders' files come in: UTF-8 with or
 * without BOM (WPS, Google Sheets, other programs), GB18030/GBK (Excel "CSV" on a Chinese Windows), UTF-16
 * LE/BE with BOM (Excel "Unicode Text"). Node's TextDecoder (full ICU) decodes all of them; no library needed.
 */
import { AppError } from '../errors';
import { MAX_CELL_CHARS } from './limits';

export const ENCODINGS = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** The encoding of a text file: its BOM, else UTF-8 if it is valid UTF-8, else UTF-16 by its zero bytes, else GB18030. */
export function detectEncoding(b: Uint8Array): { encoding: Encoding; bom: number } {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const sample = b.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 === 0 ? evenZeros++ : oddZeros++);
  if (oddZeros > sample.length / 8 && evenZeros === 0) return { encoding: 'utf-16le', bom: 0 };
  if (evenZeros > sample.length / 8 && oddZeros === 0) return { encoding: 'utf-16be', bom: 0 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'gb18030', bom: 0 };
  }
}

/** Decode with the detected encoding or the user's choice; a BOM of the chosen encoding is dropped. */
export function decodeText(b: Uint8Array, fileName: string, override?: Encoding): { text: string; encoding: Encoding } {
  const detected = detectEncoding(b);
  const encoding = override ?? detected.encoding;
  const bom = override === undefined || override === detected.encoding ? detected.bom : 0;
  const text = new TextDecoder(encoding).decode(b.subarray(bom));
  if (/\u0000/.test(text.slice(0, 100_000))) {
    const why = 'this is not a text (CSV) file nor an Excel workbook; save it as .xlsx or .csv';
    throw new AppError('refused', `${fileName}: ${why}`, [{ path: 'file', message: why }]);
  }
  return { text, encoding };
}

/** Comma, semicolon or tab: the one the first lines use most (outside quotes). */
export function detectDelimiter(text: string): string {
  const head = text.slice(0, 20_000).split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 10);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = head.reduce((n, l) => n + l.replace(/"[^"]*"/g, '').split(d).length - 1, 0);
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export interface TextRow {
  /** the row number Excel shows for this record: records, not lines (a quoted cell may span lines) */
  rowNo: number;
  cells: string[];
}

/**
 * RFC 4180 rows: quoted cells may hold the delimiter, "" for a quote, and line breaks; \r\n, \n or \r end a
 * row. A quote inside an unquoted cell is kept as text (as Excel does). A cell longer than Excel's limit is
 * kept cut at the limit + 1 character, so the row can be rejected with its length named.
 */
export function* parseDelimited(text: string, delimiter: string, isCancelled?: () => boolean): Generator<TextRow & { longCells?: Map<number, number> }> {
  let rowNo = 1;
  let cells: string[] = [];
  let long: Map<number, number> | undefined;
  let i = 0;
  const n = text.length;
  const pushCell = (s: string) => {
    if (s.length > MAX_CELL_CHARS) {
      (long ??= new Map()).set(cells.length, s.length);
      s = s.slice(0, MAX_CELL_CHARS + 1);
    }
    cells.push(s);
  };
  while (i <= n) {
    if ((rowNo & 1023) === 0 && isCancelled?.()) return;
    let cell: string;
    if (text[i] === '"') {
      // quoted cell
      let out = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          out += text.slice(j);
          j = n;
          break;
        }
        out += text.slice(j, q);
        if (text[q + 1] === '"') {
          out += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // anything after the closing quote up to the delimiter is kept (lenient, like Excel)
      let k = j;
      while (k < n && text[k] !== delimiter && text[k] !== '\n' && text[k] !== '\r') k++;
      cell = out + text.slice(j, k);
      i = k;
    } else {
      let k = i;
      while (k < n && text[k] !== delimiter && text[k] !== '\n' && text[k] !== '\r') k++;
      cell = text.slice(i, k);
      i = k;
    }
    pushCell(cell);
    if (i < n && text[i] === delimiter) {
      i++;
      continue;
    }
    // end of row (or of text)
    if (!(i >= n && cells.length === 1 && cells[0] === '')) yield long ? { rowNo, cells, longCells: long } : { rowNo, cells };
    rowNo++;
    cells = [];
    long = undefined;
    if (i >= n) break;
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else i++;
  }
}
