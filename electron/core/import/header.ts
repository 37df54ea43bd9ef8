/**
 * Finding the header row and proposing the column mapping. Real files have a company name, a title and a
 * date above the header, merged cells (a title across the sheet, a group header "重量 Weight" over
 * "毛重 G.W. | 净重 N.W."), headers in Chinese, English or both in one cell.
 *
 * The header row is the row among the first ones whose cells name the most fields of the import kind. When a
 * merged cell starting in that row spans several columns or reaches into the next row, the next row is a
 * second header row: a column's header is then its own sub-header when that names a field, else the group
 * header above it.
 */
import type { ImportKind } from '../../../shared/import';
import { fieldsOf } from './fields';
import { HEADER_SEARCH_ROWS } from './limits';
import { cellText, headerKey } from './normalise';
import type { Cell, RawRow } from './read';

export const columnLetter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : columnLetter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

function decodeRef(ref: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col: col - 1 };
}

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
export const parseMerges = (refs: string[]): Merge[] =>
  refs.map((r) => {
    const [a, b] = r.split(':') as [string, string];
    const s = decodeRef(a);
    const e = decodeRef(b);
    return { top: s.row, left: s.col, bottom: e.row, right: e.col };
  });

const isCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/** How well a header text names a field: exact > prefix/contains, longer synonym > shorter; 0 = not. */
function synonymScore(key: string, synonym: string): number {
  const s = headerKey(synonym);
  if (s === '' || key === '') return 0;
  if (key === s) return 1000 + s.length;
  if (isCjk(s) ? s.length >= 2 && key.includes(s) : s.length >= 2 && key.startsWith(s)) return s.length;
  if (!isCjk(s) && s.length >= 4 && key.includes(s)) return s.length;
  return 0;
}

/** The field a header names, with its score; null when it names none. */
export function matchField(kind: ImportKind, header: string): { field: string; score: number } | null {
  const key = headerKey(header);
  let best: { field: string; score: number } | null = null;
  for (const f of fieldsOf(kind)) {
    for (const syn of f.synonyms) {
      const score = synonymScore(key, syn);
      if (score > 0 && (!best || score > best.score)) best = { field: f.key, score };
    }
  }
  return best;
}

/** The cells of a row with merged ranges filled from their top-left cell (for header rows). */
function filledTexts(row: RawRow, rowsByNo: Map<number, RawRow>, merges: Merge[]): string[] {
  const texts = row.cells.map((c) => (typeof c === 'string' ? c.replace(/\s+/g, ' ').trim() : ''));
  for (const m of merges) {
    if (row.rowNo < m.top || row.rowNo > m.bottom) continue;
    const master = rowsByNo.get(m.top)?.cells[m.left];
    const t = typeof master === 'string' ? master.replace(/\s+/g, ' ').trim() : '';
    for (let c = m.left; c <= m.right; c++) texts[c] = t;
  }
  return texts;
}

function rowScore(kind: ImportKind, texts: string[]): number {
  const fields = new Set<string>();
  for (const t of texts) {
    const m = t ? matchField(kind, t) : null;
    if (m) fields.add(m.field);
  }
  return fields.size;
}

export interface HeaderInfo {
  /** index in rows of the last header row (data starts after it) */
  lastIndex: number;
  headerRows: number[];
  /** header text per column (the sub-header, or the group header above it) */
  headers: string[];
  /** the header text used for matching per column (sub-header first) */
  matchTexts: string[][];
}

export function detectHeader(kind: ImportKind, rows: RawRow[], mergeRefs: string[], forcedRow?: number): HeaderInfo {
  const merges = parseMerges(mergeRefs);
  const rowsByNo = new Map(rows.slice(0, HEADER_SEARCH_ROWS + 2).map((r) => [r.rowNo, r]));
  let index = -1;
  if (forcedRow !== undefined) {
    index = rows.findIndex((r) => r.rowNo === forcedRow);
    if (index < 0) index = rows.findIndex((r) => r.rowNo > forcedRow) - 1;
  } else {
    let best = 0;
    for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
      const s = rowScore(kind, filledTexts(rows[i]!, rowsByNo, merges));
      if (s > best) {
        best = s;
        index = i;
      }
    }
    if (index < 0) index = rows.findIndex((r, i) => i < HEADER_SEARCH_ROWS && r.cells.filter((c) => typeof c === 'string' && c.trim() !== '').length >= 2);
  }
  if (index < 0) return { lastIndex: -1, headerRows: [], headers: [], matchTexts: [] };
  let first = index;
  let last = index;
  const head = rows[index]!;
  // a cell merged down into the header row from the row above: that row is the group header
  const prev = rows[index - 1];
  if (forcedRow === undefined && prev && prev.rowNo === head.rowNo - 1 && merges.some((m) => m.top === prev.rowNo && m.bottom >= head.rowNo)) first = index - 1;
  // a group header merged across columns or down into the next row: the next row holds the sub-headers
  const next = rows[index + 1];
  if (
    forcedRow === undefined &&
    first === index &&
    next &&
    next.rowNo === head.rowNo + 1 &&
    merges.some((m) => m.top === head.rowNo && (m.right > m.left || m.bottom > m.top)) &&
    !next.cells.some((c) => typeof c === 'number') &&
    rowScore(kind, filledTexts(next, rowsByNo, merges)) >= 1
  ) {
    last = index + 1;
  }
  const top = filledTexts(rows[first]!, rowsByNo, merges);
  const sub = last > first ? filledTexts(rows[last]!, rowsByNo, merges) : null;
  const width = Math.max(top.length, sub?.length ?? 0);
  const headers: string[] = [];
  const matchTexts: string[][] = [];
  for (let c = 0; c < width; c++) {
    const a = top[c] ?? '';
    const b = sub?.[c] ?? '';
    headers.push(b && b !== a ? (a ? `${a} / ${b}` : b) : a);
    matchTexts.push([b, a].filter((t) => t !== ''));
  }
  return { lastIndex: last, headerRows: rows.slice(first, last + 1).map((r) => r.rowNo), headers, matchTexts };
}

/** One field per column at most, one column per field: the best-scoring pairs first. */
export function proposeMapping(kind: ImportKind, info: HeaderInfo): (string | null)[] {
  const candidates: { col: number; field: string; score: number }[] = [];
  info.matchTexts.forEach((texts, col) => {
    // the sub-header decides when it names a field; the group header only otherwise
    for (const [i, t] of texts.entries()) {
      const m = matchField(kind, t);
      if (m) {
        candidates.push({ col, field: m.field, score: m.score + (i === 0 ? 10_000 : 0) });
        break;
      }
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);
  const out: (string | null)[] = info.headers.map(() => null);
  const used = new Set<string>();
  for (const c of candidates) {
    if (used.has(c.field) || out[c.col] !== null) continue;
    out[c.col] = c.field;
    used.add(c.field);
  }
  return out;
}

/** A saved mapping (header → field) applied to this file's headers; columns it does not name are not imported. */
export function applySaved(info: HeaderInfo, saved: { header: string; field: string }[]): (string | null)[] {
  const byKey = new Map(saved.map((s) => [headerKey(s.header), s.field]));
  const used = new Set<string>();
  return info.headers.map((h) => {
    const f = byKey.get(headerKey(h));
    if (!f || used.has(f)) return null;
    used.add(f);
    return f;
  });
}

export const rowIsBlank = (cells: Cell[]) => cells.every((c) => c === null || cellText(c) === '');
