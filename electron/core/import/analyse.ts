/**
 * Every row checked before anything is written: the header found, the mapping applied, each cell normalised
 * (normalise.ts) and each record validated with the same zod schemas and core rules the API uses
 * (ProductInputSchema, PartyInputSchema, OrderLineInputSchema + checkOrderLine). A rejected row is reported
 * with its row number in the file, the column's header and the reason; blank, totals and repeated header rows
 * are skipped and listed. The result is the preview and the plan the writer (write.ts) carries out.
 */
import type { z } from 'zod';
import { PartyInputSchema, PartyPatchSchema, ProductInputSchema, ProductPatchSchema, type Party, type PartyRole, type Product } from '../../../shared/api';
import { OrderLineInputSchema, type OrderKind } from '../../../shared/trade';
import type { ImportColumn, ImportCounts, ImportIssue, ImportKind, ImportPreview, ImportPreviewRow, ImportSkip } from '../../../shared/import';
import type { DB } from '../db';
import { AppError } from '../errors';
import { listParties } from '../parties';
import { listProducts } from '../products';
import { checkOrderLine } from '../trade/orders';
import { fieldsOf, TOTAL_WORDS, type FieldSpec } from './fields';
import { applySaved, columnLetter, detectHeader, proposeMapping } from './header';
import { MAX_CELL_CHARS, MAX_REPORTED, PREVIEW_ROWS } from './limits';
import { cellText, hasCjk, headerKey } from './normalise';
import { ImportCancelled, type Cell, type RawRow, type ReadResult } from './read';

export interface AnalyseOptions {
  kind: ImportKind;
  columns?: string[];
  headerRow?: number;
  saved?: { name: string; columns: { header: string; field: string }[] } | null;
  role?: PartyRole;
  /** order lines */
  order?: { kind: OrderKind; currency: string };
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

export type PlannedRecord =
  | { row: number; type: 'product'; id: number | null; data: Record<string, unknown> }
  | { row: number; type: 'party'; id: number | null; data: Record<string, unknown> }
  | { row: number; type: 'line'; data: Record<string, unknown> };

export type Analysis = Omit<ImportPreview, 'jobId' | 'fileName' | 'kind'> & { records: PlannedRecord[] };

const REQUIRED: Record<ImportKind, string[][]> = {
  // each inner list: at least one of these fields must be mapped
  products: [['itemNo']],
  parties: [['nameZh', 'nameEn']],
  'order-lines': [['itemNo', 'nameZh', 'nameEn'], ['quantity', 'cartons'], ['unitPrice']],
};

/** Values for the preview table: text as stored. */
function display(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

const displayAll = (v: Record<string, unknown>): Record<string, string> => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, display(x)]));

export function analyse(db: DB, read: ReadResult, o: AnalyseOptions): Analysis {
  const kind = o.kind;
  const fields = fieldsOf(kind);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const info = detectHeader(kind, read.rows, read.merges, o.headerRow);
  if (info.lastIndex < 0) throw new AppError('refused', `${read.sheet}: no header row found — the sheet is empty or has no text row`, [{ path: 'headerRow', message: 'no header row found' }]);

  let mapping: (string | null)[];
  if (o.columns) mapping = info.headers.map((_h, i) => (o.columns![i] ? o.columns![i]! : null));
  else if (o.saved) mapping = applySaved(info, o.saved.columns);
  else mapping = proposeMapping(kind, info);
  // a field mapped twice or foreign to the kind is an argument error
  const seen = new Map<string, number>();
  mapping.forEach((f, i) => {
    if (f === null) return;
    if (!byKey.has(f)) throw new AppError('validation', `column ${columnLetter(i)}: ${f} is not a field of a ${kind} import`, [{ path: `columns.${i}`, message: `not a field of ${kind}` }]);
    if (seen.has(f)) throw new AppError('validation', `columns ${columnLetter(seen.get(f)!)} and ${columnLetter(i)} are both mapped to ${f}`, [{ path: `columns.${i}`, message: `${f} is already mapped to column ${columnLetter(seen.get(f)!)}` }]);
    seen.set(f, i);
  });
  const colOf = new Map<string, number>();
  mapping.forEach((f, i) => f !== null && colOf.set(f, i));
  const missing = REQUIRED[kind].filter((alts) => !alts.some((f) => colOf.has(f))).map((alts) => alts[0]!);

  const columnName = (field: string): string => {
    const c = colOf.get(field === 'supplierId' ? 'supplier' : field === 'stallId' ? 'stall' : field);
    return c !== undefined ? info.headers[c] || columnLetter(c) : (byKey.get(field)?.label ?? field);
  };

  const dataRows = read.rows.slice(info.lastIndex + 1);
  const rejected: ImportIssue[] = [];
  const skipped: ImportSkip[] = [];
  const counts: ImportCounts = { rows: 0, valid: 0, rejected: 0, skipped: 0, create: 0, update: 0, unchanged: 0 };
  const previewRows: ImportPreviewRow[] = [];
  const records: PlannedRecord[] = [];
  const skip = (s: ImportSkip) => {
    counts.skipped++;
    if (skipped.length < MAX_REPORTED) skipped.push(s);
  };

  const ctx = makeContext(db, kind, o);
  const identity = ['itemNo', 'nameZh', 'nameEn'].filter((f) => colOf.has(f));
  const hasIdentity = (r: RawRow) => identity.some((f) => cellText(r.cells[colOf.get(f)!] ?? null) !== '');
  let lastIdentity = -1;
  dataRows.forEach((r, i) => {
    if (hasIdentity(r)) lastIdentity = i;
  });

  // a repeated header row (a long list printed page by page) repeats the header's texts
  const plainLower = (t: string) => t.replace(/\s+/g, ' ').trim().toLowerCase();
  const headerLower = mapping.map((_f, c) => {
    const h = read.rows[info.lastIndex]?.cells[c];
    return typeof h === 'string' ? plainLower(h) : '';
  });
  const lastHeaderRow = info.headerRows[info.headerRows.length - 1]!;
  let prevRowNo = lastHeaderRow;
  for (let i = 0; i < dataRows.length; i++) {
    const r = dataRows[i]!;
    if ((i & 511) === 0) {
      if (o.isCancelled?.()) throw new ImportCancelled();
      o.onProgress?.(i, dataRows.length);
    }
    for (let gap = prevRowNo + 1; gap < r.rowNo; gap++) skip({ row: gap, reason: 'blank' });
    counts.rows += r.rowNo - prevRowNo - 1 + 1;
    prevRowNo = r.rowNo;

    const total = r.cells.slice(0, 12).find((c) => typeof c === 'string' && MAY_BE_TOTAL.test(c) && TOTAL_WORDS.test(headerKey(c)));
    if (total !== undefined) {
      skip({ row: r.rowNo, reason: 'totals', text: cellText(total) });
      continue;
    }
    if (kind !== 'parties' && identity.length > 0 && i > lastIdentity && r.cells.some((c) => typeof c === 'number' || /\d/.test(cellText(c)))) {
      // numbers under the last item with neither item no. nor name: a totals row without the word
      skip({ row: r.rowNo, reason: 'totals' });
      continue;
    }
    if (mapping.every((f, c) => f === null || cellText(r.cells[c] ?? null) === '')) {
      // nothing in the imported columns (a spacer row, or a note in a column not imported)
      skip({ row: r.rowNo, reason: 'blank' });
      continue;
    }
    const sameAsHeader = mapping.filter((f, c) => f !== null && headerLower[c] !== '' && typeof r.cells[c] === 'string' && plainLower(r.cells[c] as string) === headerLower[c]).length;
    if (sameAsHeader >= 2) {
      skip({ row: r.rowNo, reason: 'header' });
      continue;
    }

    const issues: ImportIssue[] = [];
    const issue = (field: string, message: string) => issues.push({ row: r.rowNo, column: columnName(field), field, message });
    const values: Record<string, unknown> = {};
    let currencyHint: string | null = null;
    mapping.forEach((f, c) => {
      if (f === null) return;
      const cell: Cell = r.cells[c] ?? null;
      if (cell !== null && typeof cell === 'object' && 'tooLong' in cell) {
        issue(f, `text of ${cell.tooLong.toLocaleString('en')} characters, longer than ${MAX_CELL_CHARS.toLocaleString('en')} (the most a cell holds)`);
        return;
      }
      if (cellText(cell) === '') return;
      const spec = byKey.get(f) as FieldSpec;
      const p = spec.parse(cell);
      if (!p.ok) issue(f, p.message);
      else {
        values[f] = p.value;
        if (p.currency) currencyHint = p.currency;
      }
    });
    if (issues.length === 0) ctx.check(r.rowNo, values, currencyHint, issue, (rec, preview, action) => {
      records.push(rec);
      if (action === 'create') counts.create++;
      else if (action === 'update') counts.update++;
      else if (action === 'unchanged') counts.unchanged++;
      if (previewRows.length < PREVIEW_ROWS) previewRows.push(preview());
    });
    if (issues.length > 0) {
      counts.rejected++;
      for (const x of issues) if (rejected.length < MAX_REPORTED) rejected.push(x);
    } else counts.valid++;
  }
  o.onProgress?.(dataRows.length, dataRows.length);

  const columns: ImportColumn[] = info.headers.map((header, index) => ({
    index,
    letter: columnLetter(index),
    header,
    field: mapping[index] ?? null,
    samples: dataRows.slice(0, 3).map((r) => cellText(r.cells[index] ?? null).slice(0, 100)),
  }));
  // columns with data but no header (a wider data area)
  const width = Math.min(200, Math.max(info.headers.length, ...dataRows.slice(0, 50).map((r) => r.cells.length)));
  for (let index = info.headers.length; index < width; index++) {
    columns.push({ index, letter: columnLetter(index), header: '', field: null, samples: dataRows.slice(0, 3).map((r) => cellText(r.cells[index] ?? null).slice(0, 100)) });
  }

  return {
    format: read.format,
    encoding: read.encoding,
    detectedEncoding: read.detectedEncoding,
    sheets: read.sheets,
    sheet: read.sheet,
    headerRows: info.headerRows,
    columns,
    missing,
    rows: previewRows,
    rejected,
    skipped,
    counts,
    truncated: rejected.length < counts.rejected || skipped.length < counts.skipped,
    notes: read.notes,
    mappingName: o.saved?.name ?? null,
    records,
  };
}

type Issue = (field: string, message: string) => void;
type Accept = (rec: PlannedRecord, preview: () => ImportPreviewRow, action: ImportPreviewRow['action']) => void;

interface KindContext {
  check(row: number, values: Record<string, unknown>, currencyHint: string | null, issue: Issue, accept: Accept): void;
}

/** zod issues of a record → report lines, by the record field they name. */
function zodIssues(error: z.ZodError, issue: Issue): void {
  for (const i of error.issues) issue(String(i.path[0] ?? 'row'), i.message);
}

/** "net weight more than gross" and names in the wrong language column. */
function tidyNames(v: Record<string, unknown>): void {
  const zh = (v.nameZh as string | undefined) ?? '';
  const en = (v.nameEn as string | undefined) ?? '';
  if (zh === '' && en !== '' && hasCjk(en)) {
    v.nameZh = en;
    delete v.nameEn;
  } else if (en === '' && zh !== '' && !hasCjk(zh)) {
    v.nameEn = zh;
    delete v.nameZh;
  }
}

const lower = (s: string) => s.trim().toLowerCase();
/** cheap test before the full one: a cell that can start with a totals word */
const MAY_BE_TOTAL = /^[\s\u3000]*[合总小共TtSsＴｔＳｓ]/;

/** Supplier parties by name (Chinese or English) and by 商户号. */
function supplierIndex(db: DB): (text: string) => { id: number } | { error: string } {
  const suppliers = listParties(db, { role: 'supplier' });
  const index = new Map<string, Party[]>();
  for (const p of suppliers) {
    for (const k of [p.nameZh, p.nameEn, p.stallRegNo]) {
      if (k === '') continue;
      const list = index.get(lower(k)) ?? [];
      if (!list.includes(p)) list.push(p);
      index.set(lower(k), list);
    }
  }
  return (text) => {
    const list = index.get(lower(text)) ?? [];
    if (list.length === 1) return { id: list[0]!.id };
    if (list.length > 1) return { error: `${text} names ${list.length} suppliers; use the 商户号 (stall no.)` };
    return { error: `no supplier named ${text} (add the stall under Parties first, or import the suppliers first)` };
  };
}

function makeContext(db: DB, kind: ImportKind, o: AnalyseOptions): KindContext {
  if (kind === 'products') return productContext(db);
  if (kind === 'parties') return partyContext(db, o.role ?? 'customer');
  if (!o.order) throw new AppError('validation', 'choose the party the order lines are for', [{ path: 'partyId', message: 'choose a party' }]);
  return lineContext(db, o.order.kind, o.order.currency);
}

const PRODUCT_COMPARE = [
  'nameZh', 'nameEn', 'spec', 'hsCode', 'declElements', 'brand', 'customsUnit', 'pcsPerCarton', 'cartonLengthCm', 'cartonWidthCm', 'cartonHeightCm',
  'grossKgPerCarton', 'netKgPerCarton', 'defaultPrice', 'currency', 'supplierId', 'importDutyRate', 'importVatRate', 'notes',
] as const;

const sameDecimal = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' && a !== '' && b !== '' && /^[\d.]+$/.test(a) && /^[\d.]+$/.test(b) ? Number(a) === Number(b) : a === b);

function productContext(db: DB): KindContext {
  const existing = new Map<string, Product>();
  for (const p of listProducts(db, { includeArchived: true })) existing.set(lower(p.itemNo), p);
  const supplier = supplierIndex(db);
  const inFile = new Map<string, number>();
  return {
    check(row, v, currencyHint, issue, accept) {
      tidyNames(v);
      if (v.cartonSize) {
        const [l, w, h] = v.cartonSize as [string, string, string];
        v.cartonLengthCm ??= l;
        v.cartonWidthCm ??= w;
        v.cartonHeightCm ??= h;
        delete v.cartonSize;
      }
      if (currencyHint && v.currency === undefined && v.defaultPrice !== undefined) v.currency = currencyHint;
      if (typeof v.supplier === 'string') {
        const s = supplier(v.supplier);
        if ('error' in s) return issue('supplier', s.error);
        v.supplierId = s.id;
        delete v.supplier;
      }
      const itemNo = (v.itemNo as string | undefined) ?? '';
      if (itemNo === '') return issue('itemNo', 'item no. is required');
      const key = lower(itemNo);
      const dup = inFile.get(key);
      if (dup !== undefined) return issue('itemNo', `item no. ${itemNo} is also on row ${dup}`);
      inFile.set(key, row);
      const current = existing.get(key);
      if (!current) {
        const parsed = ProductInputSchema.safeParse(v);
        if (!parsed.success) return zodIssues(parsed.error, issue);
        const d = parsed.data as Record<string, unknown>;
        if (d.grossKgPerCarton && d.netKgPerCarton && Number(d.netKgPerCarton) > Number(d.grossKgPerCarton)) return issue('netKgPerCarton', `net weight ${String(d.netKgPerCarton)} kg is more than gross weight ${String(d.grossKgPerCarton)} kg`);
        accept({ row, type: 'product', id: null, data: d }, () => ({ row, action: 'create', values: displayAll(v) }), 'create');
        return;
      }
      const patch: Record<string, unknown> = {};
      const changes: Record<string, [string, string]> = {};
      for (const f of PRODUCT_COMPARE) {
        if (v[f] === undefined) continue;
        const now = current[f];
        if (sameDecimal(now, v[f]) || (now ?? '') === v[f]) continue;
        patch[f] = v[f];
        changes[f] = [display(now), display(v[f])];
      }
      const parsed = ProductPatchSchema.safeParse(patch);
      if (!parsed.success) return zodIssues(parsed.error, issue);
      const gross = (patch.grossKgPerCarton as string | undefined) ?? current.grossKgPerCarton;
      const net = (patch.netKgPerCarton as string | undefined) ?? current.netKgPerCarton;
      if (gross && net && Number(net) > Number(gross)) return issue('netKgPerCarton', `net weight ${net} kg is more than gross weight ${gross} kg`);
      const action = Object.keys(patch).length ? 'update' : 'unchanged';
      accept({ row, type: 'product', id: current.id, data: parsed.data as Record<string, unknown> }, () => ({ row, action, values: displayAll({ ...v, itemNo: current.itemNo }), changes, matchId: current.id }), action);
    },
  };
}

const PARTY_COMPARE = ['nameZh', 'nameEn', 'country', 'phone', 'wechat', 'whatsapp', 'email', 'address', 'booth', 'stallRegNo', 'idDocNo', 'nationality', 'notes'] as const;

function partyContext(db: DB, defaultRole: PartyRole): KindContext {
  const all = listParties(db, { includeArchived: true });
  const find = (role: PartyRole, zh: string, en: string) =>
    all.find((p) => p.roles.includes(role) && ((zh !== '' && lower(p.nameZh) === lower(zh)) || (en !== '' && lower(p.nameEn) === lower(en))));
  const inFile = new Map<string, number>();
  return {
    check(row, v, _cur, issue, accept) {
      tidyNames(v);
      const roles = (v.roles as PartyRole[] | undefined) ?? [defaultRole];
      v.roles = roles;
      const zh = (v.nameZh as string | undefined) ?? '';
      const en = (v.nameEn as string | undefined) ?? '';
      if (zh === '' && en === '') return issue('nameZh', 'a name in Chinese or English is required');
      const key = `${roles.slice().sort().join(',')}|${lower(zh)}|${lower(en)}`;
      const dup = inFile.get(key);
      if (dup !== undefined) return issue(zh ? 'nameZh' : 'nameEn', `${zh || en} is also on row ${dup}`);
      inFile.set(key, row);
      const current = roles.map((r) => find(r, zh, en)).find((p) => p !== undefined);
      const values = () => displayAll(v);
      if (!current) {
        const parsed = PartyInputSchema.safeParse(v);
        if (!parsed.success) return zodIssues(parsed.error, issue);
        accept({ row, type: 'party', id: null, data: parsed.data as Record<string, unknown> }, () => ({ row, action: 'create', values: values() }), 'create');
        return;
      }
      const patch: Record<string, unknown> = {};
      const changes: Record<string, [string, string]> = {};
      for (const f of PARTY_COMPARE) {
        if (v[f] === undefined || v[f] === current[f]) continue;
        patch[f] = v[f];
        changes[f] = [current[f], display(v[f])];
      }
      const newRoles = roles.filter((r) => !current.roles.includes(r));
      if (newRoles.length) {
        patch.roles = [...current.roles, ...newRoles];
        changes.roles = [current.roles.join(', '), display(patch.roles)];
      }
      const parsed = PartyPatchSchema.safeParse(patch);
      if (!parsed.success) return zodIssues(parsed.error, issue);
      const action = Object.keys(patch).length ? 'update' : 'unchanged';
      accept({ row, type: 'party', id: current.id, data: parsed.data as Record<string, unknown> }, () => ({ row, action, values: values(), changes, matchId: current.id }), action);
    },
  };
}

function lineContext(db: DB, orderKind: OrderKind, currency: string): KindContext {
  const products = new Map<string, Product>();
  for (const p of listProducts(db, {})) products.set(lower(p.itemNo), p);
  const stall = supplierIndex(db);
  return {
    check(row, v, currencyHint, issue, accept) {
      tidyNames(v);
      if (currencyHint && currencyHint !== currency) return issue('unitPrice', `the price is in ${currencyHint}, the order in ${currency}`);
      const line: Record<string, unknown> = { ...v };
      delete line.amount;
      delete line.stall;
      if (typeof v.stall === 'string') {
        if (orderKind === 'purchase') return issue('stall', 'only sales lines name a stall; a purchase order is placed with the stall itself');
        const s = stall(v.stall);
        if ('error' in s) return issue('stall', s.error);
        line.stallId = s.id;
      }
      const product = typeof v.itemNo === 'string' ? products.get(lower(v.itemNo)) : undefined;
      if (product) line.productId = product.id;
      if (line.unitPrice === undefined) return issue('unitPrice', 'the unit price is required');
      const parsed = OrderLineInputSchema.safeParse(line);
      if (!parsed.success) return zodIssues(parsed.error, issue);
      let computed: { amount: string; quantity: string };
      try {
        computed = checkOrderLine(db, parsed.data, orderKind, currency, 'line');
      } catch (e) {
        if (e instanceof AppError && e.issues?.length) {
          for (const x of e.issues) issue(x.path.replace(/^line\./, ''), x.message);
          return;
        }
        throw e;
      }
      if (typeof v.amount === 'string') {
        const diff = Math.abs(Number(v.amount) - Number(computed.amount));
        if (diff > 0.005 + 1e-9) return issue('amount', `${v.amount} is not quantity × unit price = ${computed.amount}`);
      }
      // what the line takes from the product it names (as creating the order does), shown in the preview
      const fromProduct = product ? { nameZh: product.nameZh, nameEn: product.nameEn, hsCode: product.hsCode, unit: product.customsUnit, pcsPerCarton: product.pcsPerCarton ?? '' } : {};
      const given = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== ''));
      const values = () => displayAll({ ...Object.fromEntries(Object.entries(fromProduct).filter(([, x]) => x !== '')), ...given, quantity: computed.quantity, amount: computed.amount });
      accept({ row, type: 'line', data: parsed.data as Record<string, unknown> }, () => ({ row, action: 'line', values: values(), ...(product ? { matchId: product.id } : {}) }), 'line');
    },
  };
}
