/**
 * The job runner (electron/core/jobs): the ledgers export in a worker thread on the BUILT worker entry
 * (out/main/worker.js, which `npm test` builds before vitest runs), progress events with the job id, cancel
 * mid-way (no file under the chosen name, no temp file left), a worker that ignores the cancel, one that fails
 * or dies; and the inline mode used when no built entry is beside the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../electron/core';
import { cancelJob, runningJobs, startFileJob, startLedgersJob } from '../electron/core/jobs';
import { buildLedgers, CancelledError } from '../electron/core/ledgers';
import type { ProgressEvent } from '../shared/api';
import { ledgerWorld, Q1 } from './ledgers-fixture';
import { tempDir } from './helpers';
import { readBook } from './xlsx-read';

const WORKER = path.resolve(__dirname, '..', 'out', 'main', 'worker.js');
const built = fs.existsSync(WORKER);
if (!built) console.warn(`jobs.test.ts: ${WORKER} is missing — the worker-thread tests are SKIPPED. Run \`npx electron-vite build\` (npm test does).`);

/** `n` more confirmed sales order lines in Q1, written straight into the company file (a big export). */
function seedSalesLines(core: Core, n: number): void {
  const db = core.db;
  const buyer = (db.prepare("SELECT id FROM party WHERE roles LIKE '%,customer,%' LIMIT 1").get() as { id: number }).id;
  const now = new Date().toISOString();
  const order = db.prepare(
    `INSERT INTO trade_order (kind, no, party_id, order_date, currency, rate_e6, status, total_minor, base_total_minor, created_at, updated_at)
     VALUES ('sales', ?, ?, '2026-02-15', 'USD', 7100000, 'confirmed', ?, ?, ?, ?)`,
  );
  const line = db.prepare(`INSERT INTO order_line (order_id, line_no, item_no, name_zh, hs_code, unit, qty_e3, price_e4, amount_minor) VALUES (?, ?, ?, '塑料玩具车', '9503008900', '007', 1000000, 12500, 125000)`);
  db.transaction(() => {
    for (let o = 0; o * 50 < n; o++) {
      const lines = Math.min(50, n - o * 50);
      const id = Number(order.run(`SO-BIG-${o}`, buyer, lines * 125000, lines * 887500, now, now).lastInsertRowid);
      for (let l = 1; l <= lines; l++) line.run(id, l, `A-${l}`);
    }
  })();
}

const strip = <T extends { file: string }>(r: T) => {
  const { file: _file, ...rest } = r;
  return rest;
};

describe(`jobs in the built worker thread (${built ? 'out/main/worker.js' : 'SKIPPED: out/main/worker.js missing, run npx electron-vite build'})`, () => {
  it.skipIf(!built)('runs the ledgers export in the worker: the same workbook as in this thread, progress with the job id', async () => {
    const w = await ledgerWorld();
    const dir = tempDir();
    const events: ProgressEvent[] = [];
    const job = startLedgersJob(w.core.companyFile, Q1, path.join(dir, 'worker.xlsx'), { workerScript: WORKER, jobId: 'job-worker-1', onProgress: (e) => events.push(e) });
    expect(job.id).toBe('job-worker-1');
    expect(job.mode).toBe('worker');
    expect(runningJobs()).toContain('job-worker-1');
    const r = await job.result;
    expect(runningJobs()).not.toContain('job-worker-1');
    expect(r.file).toBe(path.join(dir, 'worker.xlsx'));
    expect(fs.readdirSync(dir)).toEqual(['worker.xlsx']);

    const inline = await buildLedgers(w.core.companyFile, Q1, path.join(tempDir(), 'inline.xlsx'));
    expect(strip(r)).toEqual(strip(inline));
    expect(r.totals.sales.baseAmount).toBe('28268.68');
    const wb = await readBook(r.file);
    expect(wb.worksheets[0]!.name).toBe('汇总 Summary');
    expect(wb.worksheets.length).toBe(12);

    expect(events.length).toBeGreaterThan(2);
    expect(events.every((e) => e.jobId === 'job-worker-1' && e.total === 19)).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThanOrEqual(events[i - 1]!.done);
    expect(events.at(-1)).toMatchObject({ label: '完成 Done', done: 19, total: 19 });
  });

  it.skipIf(!built)('cancels mid-way: the worker stops, the temp file is removed, the chosen file is untouched', async () => {
    const w = await ledgerWorld();
    seedSalesLines(w.core, 30_000);
    const dir = tempDir();
    const out = path.join(dir, 'big.xlsx');
    fs.writeFileSync(out, 'the old workbook');
    const events: ProgressEvent[] = [];
    let cancelledAt: number | null = null;
    const job = startLedgersJob(w.core.companyFile, Q1, out, {
      workerScript: WORKER,
      jobId: 'job-cancel-1',
      onProgress: (e) => {
        events.push(e);
        if (cancelledAt === null && e.done > 0) {
          cancelledAt = e.done;
          // as the API does it: by id, from another call
          expect(cancelJob('job-cancel-1')).toBe(true);
        }
      },
    });
    const started = Date.now();
    await expect(job.result).rejects.toBeInstanceOf(CancelledError);
    // mid-way: cancelled after some rows and well before the last one
    expect(cancelledAt).toBeGreaterThan(0);
    expect(cancelledAt!).toBeLessThan(events[0]!.total);
    expect(events.every((e) => e.done < e.total)).toBe(true);
    // the worker stopped by itself (within the grace period), not by the 2 s terminate
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(fs.readdirSync(dir)).toEqual(['big.xlsx']);
    expect(fs.readFileSync(out, 'utf8')).toBe('the old workbook');
    expect(runningJobs()).not.toContain('job-cancel-1');
    expect(cancelJob('job-cancel-1')).toBe(false);

    // and with no file under the name: nothing at all is left
    const dir2 = tempDir();
    const job2 = startLedgersJob(w.core.companyFile, Q1, path.join(dir2, 'big.xlsx'), {
      workerScript: WORKER,
      onProgress: (e) => {
        if (e.done > 0) job2.cancel();
      },
    });
    await expect(job2.result).rejects.toMatchObject({ code: 'refused', message: 'The export was cancelled.' });
    expect(fs.readdirSync(dir2)).toEqual([]);
  });

  it.skipIf(!built)('reports an error of the worker with its code, and leaves no file', async () => {
    const dir = tempDir();
    const job = startLedgersJob(path.join(dir, 'no-such-company.sqlite'), Q1, path.join(dir, 'x.xlsx'), { workerScript: WORKER });
    await expect(job.result).rejects.toMatchObject({ name: 'AppError', code: 'not_found' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('jobs: workers that misbehave, and the inline mode', () => {
  function script(code: string): string {
    const f = path.join(tempDir(), 'worker.js');
    fs.writeFileSync(f, code);
    return f;
  }
  const fakeInput = (tmpFile: string) => ({ kind: 'ledgers' as const, dbFile: '/nowhere.sqlite', args: Q1, tmpFile });

  it('terminates a worker that ignores the cancel after the grace period, and removes what it wrote', async () => {
    const worker = script(`
      const { workerData, parentPort } = require('node:worker_threads');
      require('node:fs').writeFileSync(workerData.input.tmpFile, 'half a workbook');
      parentPort.postMessage({ type: 'progress', label: 'busy', done: 1, total: 10 });
      setTimeout(() => { for (;;) {} }, 10); // never looks at the cancel flag again
    `);
    const dir = tempDir();
    const out = path.join(dir, 'x.xlsx');
    const job = startFileJob(fakeInput, out, { workerScript: worker, cancelGraceMs: 200, onProgress: () => job.cancel() });
    const started = Date.now();
    await expect(job.result).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('says so when a worker dies or throws, and removes its temp file', async () => {
    const dir = tempDir();
    const dies = script(`
      const { workerData } = require('node:worker_threads');
      require('node:fs').writeFileSync(workerData.input.tmpFile, 'x');
      process.exit(3);
    `);
    await expect(startFileJob(fakeInput, path.join(dir, 'a.xlsx'), { workerScript: dies }).result).rejects.toThrow('The export worker stopped unexpectedly (exit code 3).');
    const throws = script(`throw new Error('boom in the worker');`);
    await expect(startFileJob(fakeInput, path.join(dir, 'b.xlsx'), { workerScript: throws }).result).rejects.toThrow('boom in the worker');
    await expect(startFileJob(fakeInput, path.join(dir, 'c.xlsx'), { workerScript: path.join(dir, 'missing.js') }).result).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a job id that is running, and a folder that does not exist', async () => {
    const w = await ledgerWorld();
    const dir = tempDir();
    const job = startLedgersJob(w.core.companyFile, Q1, path.join(dir, 'a.xlsx'), { workerScript: 'inline', jobId: 'same-id' });
    expect(() => startLedgersJob(w.core.companyFile, Q1, path.join(dir, 'b.xlsx'), { jobId: 'same-id' })).toThrow(/already running/);
    await job.result;
    expect(() => startLedgersJob(w.core.companyFile, Q1, path.join(dir, 'nope', 'c.xlsx'))).toThrow(/does not exist/);
  });

  it('runs inline when asked (or when no built entry is beside the code), with the same progress and cancel', async () => {
    const w = await ledgerWorld();
    seedSalesLines(w.core, 3000);
    const dir = tempDir();
    const ok = startLedgersJob(w.core.companyFile, Q1, path.join(dir, 'inline.xlsx'), { workerScript: 'inline' });
    expect(ok.mode).toBe('inline');
    expect((await ok.result).counts.sales.lines).toBe(3004);
    const events: ProgressEvent[] = [];
    const job = startLedgersJob(w.core.companyFile, Q1, path.join(dir, 'cancelled.xlsx'), {
      workerScript: 'inline',
      jobId: 'inline-cancel',
      onProgress: (e) => {
        events.push(e);
        if (e.done > 0) cancelJob('inline-cancel');
      },
    });
    await expect(job.result).rejects.toBeInstanceOf(CancelledError);
    expect(events.at(-1)!.done).toBeLessThan(events.at(-1)!.total);
    expect(fs.readdirSync(dir)).toEqual(['inline.xlsx']);
  });
});
