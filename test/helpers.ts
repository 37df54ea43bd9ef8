import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, vi } from 'vitest';
import { openCore, type Core } from '../electron/core';
import type { ApiArg, ApiName, ApiResult } from '../shared/api';

const dirs: string[] = [];
const cores: Core[] = [];

afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(prefix = 'tr-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** A core on a fresh data folder, with the company set up unless `setup` is false. */
export async function testCore(opts: { setup?: boolean; dataDir?: string } = {}): Promise<Core> {
  const core = await openCore({ dataDir: opts.dataDir ?? tempDir(), log: () => {} });
  cores.push(core);
  if (opts.setup !== false) await ok(core, 'company.setup', { nameZh: '义乌测试贸易商行', baseCurrency: 'CNY', language: 'zh' });
  return core;
}

/** Call and expect success; returns the value. */
export async function ok<N extends ApiName>(core: Core, name: N, arg: ApiArg<N>): Promise<ApiResult<N>> {
  const r = await core.call(name, arg);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Call with an argument that is not type-correct on purpose; returns the envelope. */
export function raw(core: Core, name: string, arg: unknown) {
  return core.callRaw(name, arg);
}

export function fileBytes(file: string): Buffer {
  return fs.readFileSync(file);
}

/** The company file's fingerprint: its schema and every table's count and rows by rowid or primary key (sha256). */
export function fingerprint(core: Core): string {
  const db = core.db;
  const h = crypto.createHash('sha256');
  const schema = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name").all();
  h.update(JSON.stringify(schema));
  h.update(String(db.pragma('user_version', { simple: true })));
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  // a WITHOUT ROWID table (order_text, FTS5's own tables) is read in its primary key's order
  const withoutRowid = new Set((db.pragma('table_list') as { name: string; wr: number }[]).filter((t) => t.wr).map((t) => t.name));
  for (const { name } of tables) {
    const q = `"${name.replace(/"/g, '""')}"`;
    const count = (db.prepare(`SELECT count(*) AS n FROM ${q}`).get() as { n: number }).n;
    const rows = db.prepare(`SELECT * FROM ${q}${withoutRowid.has(name) ? '' : ' ORDER BY rowid'}`).all();
    h.update(`${name}:${count}:`);
    h.update(JSON.stringify(rows));
  }
  return h.digest('hex');
}

/** The header of a sea shipment under 1039 from Ningbo to Jebel Ali, with container, seal, B/L and marks. */
export const SEA_1039_TO_DUBAI = {
  mode: 'sea',
  tradeMode: '1039',
  loadingPort: 'NINGBO',
  destPort: 'JEBEL ALI',
  destCountry: 'ARE',
  containerNo: 'CSQU3054383',
  containerType: '40HQ',
  sealNo: 'SL778899',
  blNo: 'NGB2026030001',
  vesselVoyage: 'MSC ANNA 012W',
  etd: '2026-03-20',
} as const satisfies Partial<ApiArg<'shipments.create'>>;

/** Capture console.log / console.error (a CLI command's output); restored by vi.restoreAllMocks(). */
export function captureConsole() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return { out: () => out.join('\n'), err: () => err.join('\n') };
}
