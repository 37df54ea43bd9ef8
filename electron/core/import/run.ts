/**
 * One import, start to end, as a job (electron/core/jobs, kind 'import'): in the worker thread (or inline when
 * running from sources) with a connection of its own — read-only for a preview, a writer for a run.
 *
 * A run writes everything in ONE transaction (BEGIN IMMEDIATE … COMMIT) through the same code the API uses
 * (createProduct/updateProduct, createParty/updateParty, createOrder), so numbering, audit entries and amount
 * rules are the same. A cancel, or any failure, rolls the transaction back: the company file is as before.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { OrderKind } from '../../../shared/trade';
import type { ImportPreview, ImportResult } from '../../../shared/import';
import type { ApiParsedArg, PartyRole } from '../../../shared/api';
import { APPLICATION_ID, type DB } from '../db';
import { AppError } from '../errors';
import { LATEST_SCHEMA_VERSION } from '../migrations';
import { formatScaledTrim } from '../../../shared/decimal';
import { createParty, getParty, updateParty } from '../parties';
import { createProduct, updateProduct } from '../products';
import { baseCurrency, lastRate, todayLocal } from '../trade/common';
import { createOrder } from '../trade/orders';
import { analyse, type Analysis } from './analyse';
import { MAX_FILE_BYTES, mb } from './limits';
import { getMapping } from './mappings';
import { ImportCancelled, readSource } from './read';

export type ImportArgs = Omit<ApiParsedArg<'import.run'>, 'file' | 'cancelToken'>;

export interface ImportJobInput {
  kind: 'import';
  mode: 'preview' | 'run';
  dbFile: string;
  nativeBinding?: string;
  user: string;
  fileName: string;
  /** the file's bytes (uploaded), or … */
  bytes?: Uint8Array;
  /** … its path (command line) */
  path?: string;
  args: ImportArgs;
}

export type ImportJobResult = Omit<ImportPreview, 'jobId'> | Omit<ImportResult, 'jobId'>;

export interface ImportHooks {
  onProgress?: (p: { label: string; done: number; total: number }) => void;
  isCancelled?: () => boolean;
}

function openConnection(file: string, write: boolean, nativeBinding?: string): DB {
  if (!fs.existsSync(file)) throw new AppError('not_found', `The company file ${file} does not exist.`);
  const db = new Database(file, { readonly: !write, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('busy_timeout = 10000');
    if (write) {
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = FULL');
    }
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw new AppError('refused', `${file} is not a Trade Records company file.`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== LATEST_SCHEMA_VERSION) throw new AppError('refused', `${file} is at schema ${version}, this app at ${LATEST_SCHEMA_VERSION}: open it in the app first.`);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function fileBytes(input: ImportJobInput): Buffer {
  if (input.bytes) return Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  const p = input.path!;
  let size: number;
  try {
    size = fs.statSync(p).size;
  } catch {
    throw new AppError('not_found', `${p}: no such file`, [{ path: 'file', message: 'no such file' }]);
  }
  if (size > MAX_FILE_BYTES) {
    throw new AppError('refused', `${input.fileName}: the file is ${mb(size)}; files up to ${mb(MAX_FILE_BYTES)} can be imported — split it into smaller files`, [{ path: 'file', message: 'file too large' }]);
  }
  return fs.readFileSync(p);
}

/** The order the lines go into: party, kind, currency and rate (defaults: the party's role, base currency, last rate). */
function orderOptions(db: DB, a: ImportArgs): { kind: OrderKind; partyId: number; currency: string; rate: string; orderDate: string } {
  if (a.partyId === undefined) throw new AppError('validation', 'choose the party the order is for', [{ path: 'partyId', message: 'choose a party' }]);
  const party = getParty(db, a.partyId);
  const kind: OrderKind = a.orderKind ?? (party.roles.includes('customer') ? 'sales' : 'purchase');
  const base = baseCurrency(db);
  const currency = a.currency ?? base;
  let rate = a.rate;
  if (rate === undefined) {
    if (currency === base) rate = '1';
    else {
      const last = lastRate(db, currency);
      if (last === null) throw new AppError('validation', `give the exchange rate of ${currency} to ${base}`, [{ path: 'rate', message: 'rate required' }]);
      rate = formatScaledTrim(last, 6);
    }
  }
  return { kind, partyId: party.id, currency, rate, orderDate: a.orderDate ?? todayLocal() };
}

export async function runImport(input: ImportJobInput, hooks: ImportHooks = {}): Promise<ImportJobResult> {
  const cancelled = () => hooks.isCancelled?.() === true;
  const a = input.args;
  const bytes = fileBytes(input);
  hooks.onProgress?.({ label: 'read', done: 0, total: 0 });
  const read = await readSource(bytes, input.fileName, {
    ...(a.sheet !== undefined ? { sheet: a.sheet } : {}),
    ...(a.encoding !== undefined ? { encoding: a.encoding } : {}),
    isCancelled: cancelled,
    onRows: (n) => hooks.onProgress?.({ label: 'read', done: n, total: 0 }),
  });
  const db = openConnection(input.dbFile, input.mode === 'run', input.nativeBinding);
  try {
    const saved = a.mappingName !== undefined && a.columns === undefined ? getMapping(db, a.mappingName, a.kind) : null;
    const order = a.kind === 'order-lines' && (input.mode === 'run' || a.partyId !== undefined) ? orderOptions(db, a) : null;
    const analysis = analyse(db, read, {
      kind: a.kind,
      ...(a.columns !== undefined ? { columns: a.columns } : {}),
      ...(a.headerRow !== undefined ? { headerRow: a.headerRow } : {}),
      saved,
      ...(a.role ? { role: a.role as PartyRole } : {}),
      // a preview of order lines without a party yet still checks the lines, as a sales order in base currency
      order: order ?? { kind: a.orderKind ?? 'sales', currency: a.currency ?? safeBase(db) },
      isCancelled: cancelled,
      onProgress: (done, total) => hooks.onProgress?.({ label: 'check', done, total }),
    });
    const { records, ...preview } = analysis;
    const base = { kind: a.kind, fileName: input.fileName, ...preview };
    if (input.mode === 'preview') return base;
    return { ...base, ...(await write(db, input.user, analysis, order, a.onlyValid === true, hooks)) };
  } finally {
    db.close();
  }
}

function safeBase(db: DB): string {
  try {
    return baseCurrency(db);
  } catch {
    return 'CNY';
  }
}

type Data = Record<string, unknown>;
/** The API's own create/update of each record type (same rules, same audit entries). */
const WRITERS: Record<'product' | 'party', { create(db: DB, d: Data, user: string): unknown; update(db: DB, id: number, d: Data, user: string): unknown }> = {
  product: {
    create: (db, d, user) => createProduct(db, d as ApiParsedArg<'products.create'>, user),
    update: (db, id, d, user) => updateProduct(db, id, d as ApiParsedArg<'products.update'>['patch'], user),
  },
  party: {
    create: (db, d, user) => createParty(db, d as ApiParsedArg<'parties.create'>, user),
    update: (db, id, d, user) => updateParty(db, id, d as ApiParsedArg<'parties.update'>['patch'], user),
  },
};

const FIELD_HINT: Record<string, string> = { itemNo: 'Item No. (货号)', nameZh: 'a name (品名)', quantity: 'the quantity or cartons (数量/箱数)', unitPrice: 'the unit price (单价)' };

async function write(
  db: DB,
  user: string,
  an: Analysis,
  order: ReturnType<typeof orderOptions> | null,
  onlyValid: boolean,
  hooks: ImportHooks,
): Promise<Pick<ImportResult, 'written' | 'order'>> {
  if (an.missing.length) {
    const what = an.missing.map((f) => FIELD_HINT[f] ?? f).join(', ');
    throw new AppError('validation', `No column is mapped to ${what}; nothing was written.`, an.missing.map((f) => ({ path: `columns`, message: `map a column to ${f}` })));
  }
  if (an.counts.rejected > 0 && !onlyValid) {
    throw new AppError(
      'refused',
      `${an.counts.rejected} row(s) were rejected; nothing was written. Fix them and import again, or import only the ${an.counts.valid} valid row(s).`,
      an.rejected.slice(0, 50).map((r) => ({ path: `row ${r.row}`, message: `${r.column}: ${r.message}` })),
    );
  }
  if (an.records.length === 0) throw new AppError('refused', 'There is no valid row to import; nothing was written.');
  const written = { created: 0, updated: 0, unchanged: 0, lines: 0 };
  let newOrder: { id: number; no: string } | null = null;
  const total = an.records.length;
  db.exec('BEGIN IMMEDIATE');
  try {
    for (let i = 0; i < total; i++) {
      if ((i & 255) === 0) {
        if (hooks.isCancelled?.()) throw new ImportCancelled();
        hooks.onProgress?.({ label: 'write', done: i, total });
        await new Promise((r) => setImmediate(r));
      }
      const rec = an.records[i]!;
      try {
        if (rec.type !== 'line') {
          const w = WRITERS[rec.type];
          if (rec.id === null) {
            w.create(db, rec.data, user);
            written.created++;
          } else if (Object.keys(rec.data).length) {
            w.update(db, rec.id, rec.data, user);
            written.updated++;
          } else written.unchanged++;
        }
      } catch (e) {
        if (e instanceof AppError) throw new AppError(e.code, `row ${rec.row}: ${e.message}; nothing was written.`, [{ path: `row ${rec.row}`, message: e.message }]);
        throw e;
      }
    }
    if (order) {
      const lines = an.records.filter((r) => r.type === 'line').map((r) => r.data) as ApiParsedArg<'orders.create'>['lines'];
      const created = createOrder(db, user, { kind: order.kind, partyId: order.partyId, orderDate: order.orderDate, currency: order.currency, rate: order.rate, lines });
      newOrder = { id: created.id, no: created.no };
      written.lines = lines.length;
    }
    if (hooks.isCancelled?.()) throw new ImportCancelled();
    hooks.onProgress?.({ label: 'write', done: total, total });
    db.exec('COMMIT');
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
  return { written, order: newOrder };
}
