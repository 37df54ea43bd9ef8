/**
 * The rows of one worksheet of an .xlsx, read by hand from the parts zip.ts has already checked and unpacked:
 * the shared strings (rich-text runs joined), the styles (only to tell dates from numbers) and the sheet XML,
 * scanned forward once with indexOf, a few MB of text at a time (no DOM, no copy of the whole sheet as text).
 *
 * A cell comes out as ExcelJS's reader gave it before: text, number, true/false, a Date for a number with a
 * date format (UTC, as Excel's serial day), the error text (#N/A) for an error, the cached result of a formula
 * (nothing when there is none).
 */
import type { Cell } from './read';
import { MAX_CELL_CHARS, MAX_COLUMNS } from './limits';

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** XML text: entities decoded. */
export function xmlText(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_m, g: string) =>
    g === 'lt' ? '<' : g === 'gt' ? '>' : g === 'amp' ? '&' : g === 'quot' ? '"' : g === 'apos' ? "'" : String.fromCodePoint(g[1] === 'x' ? parseInt(g.slice(2), 16) : parseInt(g.slice(1), 10)),
  );
}

/** Cell text: entities, then Excel's own _xHHHH_ escapes (a line break saved as _x000D_, _x005F_ for "_"). */
function cellText(s: string): string {
  const t = xmlText(s);
  return t.indexOf('_x') < 0 ? t : t.replace(ESCAPE, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const spaced = new Map<string, RegExp>();

/** The value of attribute `name` in an opening tag's text, or null. */
function attr(tag: string, name: string): string | null {
  const key = ` ${name}="`;
  let at = tag.indexOf(key);
  if (at < 0) {
    // attributes may also be separated by tabs or newlines
    if (!/[\t\n\r]/.test(tag)) return null;
    let re = spaced.get(name);
    if (!re) spaced.set(name, (re = new RegExp(`\\s${name}="`)));
    const m = re.exec(tag);
    if (!m) return null;
    at = m.index;
  }
  const from = at + key.length;
  const to = tag.indexOf('"', from);
  return to < 0 ? null : tag.slice(from, to);
}

/**
 * Where the text being scanned came from: the scan runs on a latin1 view of the bytes (one char per byte, so
 * a position in the view is a position in the bytes; the markup is ASCII), and each text value is decoded as
 * UTF-8 from the bytes on its own — a fresh string, not a slice that would keep the whole piece alive.
 */
interface Source {
  buf: Buffer;
  /** byte offset of the scanned string's first char */
  base: number;
}

const utf8 = (src: Source, at: number, from: number, to: number) => src.buf.toString('utf8', src.base + at + from, src.base + at + to);

/** The text of an <si> or <is> (`x`, found at `at` in the source): its <t>s joined (rich-text runs), phonetic runs (<rPh>) left out. */
function runsText(x: string, src: Source, at: number): string {
  let out = '';
  let i = 0;
  for (;;) {
    const t = x.indexOf('<t', i);
    if (t < 0) break;
    const c = x.charCodeAt(t + 2);
    const end = x.indexOf('>', t);
    if (end < 0) break;
    if (c !== 62 /* > */ && c !== 32 && c !== 47 /* / */ && c !== 9 && c !== 10 && c !== 13) {
      i = end + 1;
      continue;
    }
    if (x.charCodeAt(end - 1) === 47) {
      i = end + 1;
      continue;
    }
    const close = x.indexOf('</t>', end);
    if (close < 0) break;
    const ph = x.lastIndexOf('<rPh', t);
    if (ph < 0 || x.lastIndexOf('</rPh>', t) > ph) out += utf8(src, at, end + 1, close);
    i = close + 4;
  }
  return cellText(out);
}

/** The shared strings table. */
export function sharedStrings(bytes: Buffer): string[] {
  const xml = bytes.toString('latin1');
  const src = { buf: bytes, base: 0 };
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const s = xml.indexOf('<si', i);
    if (s < 0) break;
    const open = xml.indexOf('>', s);
    if (open < 0) break;
    if (xml.charCodeAt(open - 1) === 47) {
      out.push('');
      i = open + 1;
      continue;
    }
    const end = xml.indexOf('</si>', open);
    if (end < 0) break;
    out.push(runsText(xml.slice(open + 1, end), src, open + 1));
    i = end + 5;
  }
  return out;
}

/** Built-in number formats that are dates or times (14–22, 45–47; 27–36 and 50–58 are the CJK date formats). */
const DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format code that shows a date or time (what is in [] or quotes does not count), as ExcelJS decides. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style index (s="…"): whether its number format is a date. */
export function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, boolean>();
  for (const m of xml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = attr(m[0], 'formatCode');
    if (Number.isInteger(id) && code !== null) custom.set(id, isDateFormat(xmlText(code)));
  }
  const from = xml.indexOf('<cellXfs');
  if (from < 0) return [];
  const to = xml.indexOf('</cellXfs>', from);
  const xfs = xml.slice(from, to < 0 ? xml.length : to);
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    out.push(custom.get(id) ?? DATE_IDS.has(id));
  }
  return out;
}

/** Column number (0 = A) of a cell reference "BC12"; -1 when it has no letters. */
function colOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return i === 0 ? -1 : n - 1;
}

export interface SheetContext {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
}

const asText = (s: string): Cell => (s.length > MAX_CELL_CHARS ? { tooLong: s.length } : s);

/** One <c> as a Cell: `tag` is its opening tag, `body` what is between it and </c> ('' when self-closed), found at `at`. */
function cellValue(tag: string, body: string, at: number, x: SheetContext, src: Source): Cell {
  const t = attr(tag, 't');
  if (t === 'inlineStr') {
    const is = body.indexOf('<is');
    return is < 0 ? null : asText(runsText(body.slice(is), src, at + is));
  }
  const v0 = body.indexOf('<v');
  let v: string | null = null;
  let vFrom = 0;
  let vTo = 0;
  if (v0 >= 0) {
    const open = body.indexOf('>', v0);
    if (body.charCodeAt(open - 1) === 47) v = '';
    else {
      const close = body.indexOf('</v>', open);
      vFrom = open + 1;
      vTo = close < 0 ? body.length : close;
      v = body.slice(vFrom, vTo);
    }
  }
  if (v === null) return null; // empty, or a formula never calculated
  switch (t) {
    case 's': {
      const s = x.strings[Number(v)];
      return s === undefined ? null : asText(s);
    }
    case 'str':
      return asText(cellText(utf8(src, at, vFrom, vTo)));
    case 'e':
      return xmlText(v);
    case 'b':
      return v.trim() === '1' || v.trim() === 'true';
    case 'd': {
      const d = new Date(xmlText(v));
      return Number.isNaN(d.getTime()) ? asText(xmlText(v)) : d;
    }
    default: {
      if (v.trim() === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n)) return null;
      const s = attr(tag, 's');
      if (s !== null && x.dates[Number(s)]) return new Date(Math.round((n - 25569 + (x.date1904 ? 1462 : 0)) * 86_400_000));
      return n;
    }
  }
}

/** The rows of a <sheetData> piece that holds whole rows: calls `row` for each (false stops). */
function scanRows(s: string, src: Source, x: SheetContext, state: { rowNo: number }, row: (rowNo: number, cells: Cell[]) => boolean): boolean {
  let i = 0;
  for (;;) {
    const r = s.indexOf('<row', i);
    if (r < 0) return true;
    const rc = s.charCodeAt(r + 4);
    const tagEnd = s.indexOf('>', r);
    if (tagEnd < 0) return true;
    if (rc !== 32 && rc !== 62 && rc !== 47 && rc !== 9 && rc !== 10 && rc !== 13) {
      i = tagEnd + 1;
      continue;
    }
    const rowTag = s.slice(r, tagEnd);
    const rAttr = attr(rowTag, 'r');
    state.rowNo = rAttr === null ? state.rowNo + 1 : Number(rAttr);
    const cells: Cell[] = [];
    if (s.charCodeAt(tagEnd - 1) === 47) {
      i = tagEnd + 1;
    } else {
      let end = s.indexOf('</row>', tagEnd);
      if (end < 0) end = s.length;
      let j = tagEnd + 1;
      let col = -1;
      for (;;) {
        const c = s.indexOf('<c', j);
        if (c < 0 || c >= end) break;
        const cc = s.charCodeAt(c + 2);
        const cEnd = s.indexOf('>', c);
        if (cc !== 32 && cc !== 62 && cc !== 47 && cc !== 9 && cc !== 10 && cc !== 13) {
          j = cEnd + 1;
          continue;
        }
        const tag = s.slice(c, cEnd);
        const ref = attr(tag, 'r');
        const at = ref === null ? -1 : colOf(ref);
        col = at < 0 ? col + 1 : at;
        let body = '';
        if (s.charCodeAt(cEnd - 1) === 47) j = cEnd + 1;
        else {
          const close = s.indexOf('</c>', cEnd);
          const stop = close < 0 || close > end ? end : close;
          body = s.slice(cEnd + 1, stop);
          j = stop + 4;
        }
        if (col >= MAX_COLUMNS) continue;
        const v = cellValue(tag, body, cEnd + 1, x, src);
        if (v === null) continue;
        while (cells.length < col) cells.push(null);
        cells[col] = v;
      }
      i = end + 6;
    }
    if (!row(state.rowNo, cells)) return false;
  }
}

/** Every row of the sheet XML (as unpacked bytes), piece by piece; `row` returning false stops the reading. */
export function readSheetRows(xml: Buffer, x: SheetContext, row: (rowNo: number, cells: Cell[]) => boolean, pieceBytes = 4 * 1024 * 1024): void {
  const open = xml.indexOf('<sheetData');
  if (open < 0) return;
  const openEnd = xml.indexOf('>', open);
  if (openEnd < 0 || xml[openEnd - 1] === 0x2f) return;
  let end = xml.lastIndexOf('</sheetData>');
  if (end < openEnd) end = xml.length;
  const state = { rowNo: 0 };
  let from = openEnd + 1;
  while (from < end) {
    let to = end;
    if (from + pieceBytes < end) {
      // cut just before the last row that starts inside the window (rows are never split across pieces)
      let cut = xml.lastIndexOf('<row', from + pieceBytes);
      if (cut <= from) cut = xml.indexOf('<row', from + pieceBytes);
      if (cut > from && cut < end) to = cut;
    }
    if (!scanRows(xml.toString('latin1', from, to), { buf: xml, base: from }, x, state, row)) return;
    from = to;
  }
}
