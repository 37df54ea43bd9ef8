/**
 * Crash safety, tested (issue 6): a child process writes sales orders through the real core and is killed with
 * SIGKILL at random moments, many times, on the same company file. After each kill the file must open through
 * openCore, pass integrity_check and foreign_key_check, hold every order the child reported as committed exactly
 * as reported, and hold no half-written order.
 *
 * How the child runs the real core: it is a plain `node` process (test/fixtures/crash-writer.mjs) and cannot
 * load TypeScript (no tsx here, and Node 20 has no type stripping). Its options were
 *  - out/main/chunks/core-<hash>.js from `electron-vite build`: the right code, but the chunk name is hashed and
 *    the chunking is the app build's business, and the test would run a stale build under a bare `vitest run`;
 *  - a vitest child per kill: ~1 s of startup for each round;
 *  - a copy of the core's SQL in the child: would not test our code.
 * So beforeAll bundles electron/core/index.ts from the current sources with vite's build API (vite is already
 * the app's bundler, through electron-vite) into one CommonJS file in a temp folder (~0.3 s). node_modules stay
 * external (NODE_PATH points the child at ours), so better-sqlite3 is the same native module the app uses.
 *
 * Rounds alternate how the crashed file is recovered: even rounds check it in place (this process opens it
 * first and so replays/discards the WAL, and its close checkpoints it); odd rounds check a copy of the crashed
 * files (db, -wal, -shm) and leave the original to the next child, which must recover it itself and go on
 * writing. Checks are cumulative: every order reported in any earlier round must still be there.
 *
 * What SIGKILL does not cover: a power cut (data the OS had not yet written). The core's synchronous=FULL is
 * what covers that; a process kill can only prove the transactions are atomic and the file stays consistent.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../electron/core';
import { LATEST_SCHEMA_VERSION } from '../electron/core/db';
import { COMPANY_FILE_NAME } from '../electron/core/paths';
import { ok } from './helpers';

const ROUNDS = 20;
const SEED = 0x1039_2026;
const ROOT = path.resolve(__dirname, '..');
const CHILD = path.join(__dirname, 'fixtures', 'crash-writer.mjs');

/** mulberry32, the same PRNG as the child: the kill moments are reproducible from SEED. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Reported {
  id: number;
  no: string;
  want: number;
  lines: number;
  amount: string;
  base: string;
  round: number;
}

/** "123.45" (USD, always two decimals from the core) → 12345 */
function minor(amount: string): number {
  expect(amount, 'a USD amount as the core formats it').toMatch(/^\d+\.\d{2}$/);
  return Number(amount.replace('.', ''));
}

let work = '';
let bundle = '';
let dataDir = '';
let partyId = 0;
let productId = 0;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-crash-'));
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      ssr: path.join(ROOT, 'electron', 'core', 'index.ts'),
      outDir: path.join(work, 'core-bundle'),
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rolldownOptions: { output: { format: 'cjs', entryFileNames: 'core.cjs', codeSplitting: false } },
    },
  });
  bundle = path.join(work, 'core-bundle', 'core.cjs');
  expect(fs.existsSync(bundle)).toBe(true);

  // The company is set up once, by this process, through the same core (from the TS sources).
  dataDir = path.join(work, 'data');
  const core = await openCore({ dataDir, log: () => {} });
  try {
    await ok(core, 'company.setup', { nameZh: '义乌测试贸易商行', baseCurrency: 'CNY', language: 'zh' });
    partyId = (await ok(core, 'parties.create', { roles: ['customer'], nameEn: 'Crash Test Buyer LLC', country: 'ARE' })).id;
    productId = (
      await ok(core, 'products.create', {
        itemNo: 'CR-P1',
        nameZh: '塑料玩具车',
        nameEn: 'Plastic toy car',
        pcsPerCarton: 240,
        grossKgPerCarton: '12.5',
        netKgPerCarton: '11.25',
        defaultPrice: '0.08',
        currency: 'USD',
      })
    ).id;
  } finally {
    core.close();
  }
}, 60_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

interface RoundResult {
  orders: Reported[];
  confirmed: number[];
  /** the last line was "begin": the kill came while orders.create (or the confirm after it) was running */
  inFlight: boolean;
  stderr: string;
}

/** Run the child on `dir` and SIGKILL it `delayMs` after its first reported commit. */
function runAndKill(dir: string, seed: number, delayMs: number, round: number): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        CRASH_CORE: bundle,
        CRASH_DATA: dir,
        CRASH_PARTY: String(partyId),
        CRASH_PRODUCT: String(productId),
        CRASH_SEED: String(seed),
      },
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (err += d));
    child.stdout.on('data', (d: string) => {
      out += d;
      if (!timer && out.includes('\norder ')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL' || !timer) {
        reject(new Error(`round ${round}: the child ended with code ${code}, signal ${signal} before it was killed:\n${err}`));
        return;
      }
      // Only complete lines count; a torn last line was never fully reported.
      const lines = out.split('\n').slice(0, -1);
      const orders: Reported[] = [];
      const confirmed: number[] = [];
      for (const l of lines) {
        if (l.startsWith('order ')) orders.push({ ...(JSON.parse(l.slice(6)) as Omit<Reported, 'round'>), round });
        else if (l.startsWith('confirmed ')) confirmed.push(Number(l.slice(10)));
      }
      resolve({ orders, confirmed, inFlight: lines.at(-1)?.startsWith('begin ') ?? false, stderr: err });
    });
  });
}

/** Copy the crashed company file with its -wal and -shm, as they are on disk right after the kill. */
function copyCrashed(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) {
    const f = path.join(from, COMPANY_FILE_NAME + suffix);
    if (fs.existsSync(f)) fs.copyFileSync(f, path.join(to, COMPANY_FILE_NAME + suffix));
  }
}

interface OrderRow {
  id: number;
  no: string;
  status: string;
  total_minor: number;
  base_total_minor: number;
  n: number;
  sum: number | null;
  min_no: number | null;
  max_no: number | null;
  creates: number;
  confirms: number;
}

/** Open `dir` through the core and check everything; returns how many orders it checked. */
async function checkFile(dir: string, reported: Map<number, Reported>, confirmed: Set<number>, label: string): Promise<number> {
  const core = await openCore({ dataDir: dir, log: () => {} });
  try {
    const db = core.db;
    expect(core.migrationBackup, `${label}: no migration was pending`).toBeUndefined();
    expect(db.pragma('user_version', { simple: true }), `${label}: schema version`).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('integrity_check', { simple: true }), `${label}: integrity_check`).toBe('ok');
    expect(db.pragma('foreign_key_check'), `${label}: foreign_key_check`).toEqual([]);

    const rows = db
      .prepare(
        `SELECT o.id, o.no, o.status, o.total_minor, o.base_total_minor,
                (SELECT count(*) FROM order_line l WHERE l.order_id = o.id) AS n,
                (SELECT sum(amount_minor) FROM order_line l WHERE l.order_id = o.id) AS sum,
                (SELECT min(line_no) FROM order_line l WHERE l.order_id = o.id) AS min_no,
                (SELECT max(line_no) FROM order_line l WHERE l.order_id = o.id) AS max_no,
                (SELECT count(*) FROM audit_log a WHERE a.entity = 'order' AND a.entity_id = o.id AND a.action = 'create') AS creates,
                (SELECT count(*) FROM audit_log a WHERE a.entity = 'order' AND a.entity_id = o.id AND a.action = 'confirm') AS confirms
         FROM trade_order o ORDER BY o.id`,
      )
      .all() as OrderRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));

    // Every order the child reported as committed is there, exactly as reported.
    for (const rep of reported.values()) {
      const row = byId.get(rep.id);
      expect(row, `${label}: order ${rep.no} (id ${rep.id}, reported in round ${rep.round}) is missing`).toBeDefined();
      if (!row) continue;
      expect(row.no, `${label}: order ${rep.id} number`).toBe(rep.no);
      expect(rep.lines, `${label}: ${rep.no} the core wrote the lines the child sent`).toBe(rep.want);
      expect(row.n, `${label}: ${rep.no} line count`).toBe(rep.lines);
      expect(row.total_minor, `${label}: ${rep.no} total`).toBe(minor(rep.amount));
      expect(row.base_total_minor, `${label}: ${rep.no} base total`).toBe(minor(rep.base));
      if (confirmed.has(rep.id)) expect(row.status, `${label}: ${rep.no} was reported confirmed`).toBe('confirmed');
    }

    // No half-written order, reported or not: lines 1..n, ≥ 1 line, total = Σ lines, its audit entries, its status.
    for (const row of rows) {
      const what = `${label}: ${row.no} (id ${row.id})`;
      expect(row.n, `${what} has no lines`).toBeGreaterThanOrEqual(5);
      expect(row.n, `${what} has more lines than the child ever writes`).toBeLessThanOrEqual(40);
      expect([row.min_no, row.max_no], `${what} line numbers`).toEqual([1, row.n]);
      expect(row.total_minor, `${what} total ≠ Σ line amounts`).toBe(row.sum);
      expect(row.creates, `${what} create audit entries`).toBe(1);
      expect(row.status === 'confirmed' ? 1 : 0, `${what} status ${row.status} vs its confirm audit entries`).toBe(row.confirms);
      expect(['draft', 'confirmed'], `${what} status`).toContain(row.status);
    }

    // Order numbers came from the number series in the same transactions: gapless, and the series agrees.
    expect(
      rows.map((r) => r.no),
      `${label}: order numbers`,
    ).toEqual(rows.map((_, i) => `SO-2026-${String(i + 1).padStart(4, '0')}`));
    const series = db.prepare("SELECT last FROM number_series WHERE series = 'sales' AND year = 2026").get() as { last: number } | undefined;
    expect(series?.last ?? 0, `${label}: number series`).toBe(rows.length);
    expect((db.prepare('SELECT count(*) AS n FROM order_line WHERE order_id NOT IN (SELECT id FROM trade_order)').get() as { n: number }).n).toBe(0);
    return rows.length;
  } finally {
    core.close();
  }
}

describe('crash safety: SIGKILL while writing orders', () => {
  it(`keeps every committed order and no half-written one over ${ROUNDS} kills`, async () => {
    const started = Date.now();
    const rnd = prng(SEED);
    const reported = new Map<number, Reported>();
    const confirmed = new Set<number>();
    let kills = 0;
    let inFlight = 0;
    let checked = 0;
    let inDb = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const delay = Math.round(50 + rnd() * 350);
      const r = await runAndKill(dataDir, Math.floor(rnd() * 2 ** 32), delay, round);
      kills++;
      if (r.inFlight) inFlight++;
      expect(r.orders.length, `round ${round}: the child reported commits`).toBeGreaterThan(0);
      for (const o of r.orders) reported.set(o.id, o);
      for (const id of r.confirmed) confirmed.add(id);

      if (round % 2 === 0) {
        inDb = await checkFile(dataDir, reported, confirmed, `round ${round} (in place, kill after ${delay} ms)`);
      } else {
        const copy = path.join(work, `copy-${round}`);
        copyCrashed(dataDir, copy);
        inDb = await checkFile(copy, reported, confirmed, `round ${round} (copy, kill after ${delay} ms)`);
        fs.rmSync(copy, { recursive: true, force: true });
      }
      checked += inDb;
      // At most one order per kill can be committed without having been reported (killed between commit and print).
      expect(inDb - reported.size, `round ${round}: committed but unreported orders`).toBeLessThanOrEqual(round + 1);
      expect(inDb).toBeGreaterThanOrEqual(reported.size);
    }
    // The last round was checked on a copy: the original, recovered by no one yet, must pass too.
    inDb = await checkFile(dataDir, reported, confirmed, 'final (in place)');
    checked += inDb;

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `crash test: ${ROUNDS} rounds, ${kills} SIGKILLs (${inFlight} while an orders.create was running), ` +
        `${reported.size} orders reported committed, ${inDb - reported.size} committed but unreported, ` +
        `${confirmed.size} confirmations, ${inDb} orders in the file, ${checked} order checks in all, ${seconds} s`,
    );
  }, 120_000);
});
