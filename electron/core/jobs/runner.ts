/**
 * The job runner: long exports run in a worker thread, report progress, and can be cancelled.
 *
 *   const job = startLedgersJob(companyFile, { from, to }, outFile, { jobId, onProgress });
 *   job.cancel();                       // or cancelJob(jobId) from another API call
 *   const result = await job.result;    // rejects with CancelledError (code 'refused') when cancelled
 *
 * How a job runs:
 *  1. The runner picks a temp name beside the chosen file (excel/write.ts tempNameFor) and starts a
 *     worker_threads Worker on the built worker entry (out/main/worker.js) with { input, cancelFlag }.
 *  2. The worker opens its own read-only connection to the company file (WAL: it reads while the app
 *     writes), streams the workbook into the temp file, posts progress { label, done, total }, which the
 *     runner forwards with the jobId (the core sends it to the window over IPC / SSE), and posts the result
 *     once the file is complete, flushed and closed.
 *  3. The runner renames the temp file to the chosen name. Only then does the job succeed.
 *
 * Cancel: the runner sets the shared cancel flag; the worker sees it within a few hundred rows, stops, closes
 * its file and connection and reports the cancel. A worker that does not stop within `cancelGraceMs` is
 * terminated. Either way the runner removes the temp file: the chosen name is never touched by a cancelled or
 * failed job. The same holds for a worker that crashes.
 *
 * Where the worker entry is: beside the running bundle (out/main/worker.js, found from out/main/ or
 * out/main/chunks/, where the core's shared chunk lives), or the `workerScript` option. When running from
 * TypeScript sources (vitest) there is no built entry beside the code: the job then runs inline — the same
 * work on its own read connection in this thread, yielding to the event loop every few hundred rows, with
 * the same progress, cancel and temp-file rules. `workerScript: 'inline'` asks for that explicitly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ProgressEvent } from '../../../shared/api';
import type { LedgersResult } from '../../../shared/ledgers';
import { AppError } from '../errors';
import { tempNameFor } from '../excel';
import { CancelledError, type LedgerArgs, type LedgerProgress } from '../ledgers/build';
import { checkTargetFolder, renameIntoPlace } from '../ledgers/stream';
import { deserializeError, runJobInput } from './kinds';
import type { JobInput, JobResults, WorkerData, WorkerMessage } from './types';

/** The file name electron-vite gives the worker entry (electron.vite.config.mts, input `worker`). */
export const WORKER_FILE = 'worker.js';

/** Set by scripts/start.mjs for a dev checkout in Electron (electron/main/index.ts NATIVE_BINDING_ENV). */
const NATIVE_BINDING_ENV = 'TRADE_RECORDS_NATIVE_BINDING';

export interface StartOptions {
  /** the id progress events carry and cancelJob takes (default: a random UUID) */
  jobId?: string;
  onProgress?: (e: ProgressEvent) => void;
  /** the worker entry; 'inline' runs in this thread; default: the built entry beside this bundle, else inline */
  workerScript?: string;
  /** how long a cancelled worker may take to stop before it is terminated (default 2 s) */
  cancelGraceMs?: number;
}

export interface JobHandle<R> {
  readonly id: string;
  /** 'worker' or 'inline' */
  readonly mode: 'worker' | 'inline';
  readonly result: Promise<R>;
  cancel(): void;
}

const running = new Map<string, { cancel(): void }>();

/** Cancel a running job; false when no job of that id is running. */
export function cancelJob(jobId: string): boolean {
  const job = running.get(jobId);
  if (!job) return false;
  job.cancel();
  return true;
}

/** Ids of the jobs running now. */
export function runningJobs(): string[] {
  return [...running.keys()];
}

/** The built worker entry beside this code (out/main/worker.js), or null when running from sources. */
export function findWorkerScript(): string | null {
  for (const dir of [__dirname, path.join(__dirname, '..')]) {
    const f = path.join(dir, WORKER_FILE);
    if (fs.existsSync(f)) return f;
  }
  return null;
}

/** Run a job that writes `outFile`: see the module comment. */
export function startFileJob<K extends JobInput['kind']>(
  makeInput: (tmpFile: string) => JobInput & { kind: K },
  outFile: string,
  opts: StartOptions = {},
): JobHandle<JobResults[K] & { file: string }> {
  const id = claimId(opts);
  const target = path.resolve(outFile);
  checkTargetFolder(target);
  const tmp = tempNameFor(target);
  return launch<K, JobResults[K] & { file: string }>(id, makeInput(tmp), opts, (work, cancelled) =>
    work.then(
      (r) => {
        if (cancelled()) {
          // cancelled after the last check: the file is complete, but the user asked for none
          fs.rmSync(tmp, { force: true });
          throw new CancelledError();
        }
        renameIntoPlace(tmp, target);
        return { ...r, file: target };
      },
      (e: unknown) => {
        fs.rmSync(tmp, { force: true });
        throw e;
      },
    ),
  );
}

/**
 * Run a job that writes no file (an import, which writes into the company file in its own transaction): the
 * same worker, progress and cancel; a cancel that comes after the work finished changes nothing.
 */
export function startJob<K extends JobInput['kind']>(input: JobInput & { kind: K }, opts: StartOptions = {}): JobHandle<JobResults[K]> {
  return launch<K, JobResults[K]>(claimId(opts), input, opts, (work) => work);
}

function claimId(opts: StartOptions): string {
  const id = opts.jobId ?? crypto.randomUUID();
  if (running.has(id)) throw new AppError('conflict', `A job with the id ${id} is already running.`, [{ path: 'cancelToken', message: 'already in use by a running job' }]);
  return id;
}

function launch<K extends JobInput['kind'], R>(
  id: string,
  input: JobInput & { kind: K },
  opts: StartOptions,
  finish: (work: Promise<JobResults[K]>, cancelled: () => boolean) => Promise<R>,
): JobHandle<R> {
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  const script = opts.workerScript === 'inline' ? null : (opts.workerScript ?? findWorkerScript());
  const onProgress = (p: LedgerProgress) => opts.onProgress?.({ jobId: id, label: p.label, done: p.done, total: p.total });
  const cancelled = () => Atomics.load(flag, 0) === 1;
  let stopWorker: (() => void) | null = null;

  const work: Promise<JobResults[K]> = script
    ? runInWorker<K>(script, { input, cancelFlag }, onProgress, (stop) => (stopWorker = stop), cancelled)
    : // inline: started after this function has registered the job, so that a cancel from its first progress event finds it
      (Promise.resolve().then(() => runJobInput(input, { onProgress, isCancelled: cancelled })) as Promise<JobResults[K]>);

  const result = finish(work, cancelled).finally(() => running.delete(id));
  const grace = opts.cancelGraceMs ?? 2000;
  const handle: JobHandle<R> = {
    id,
    mode: script ? 'worker' : 'inline',
    result,
    cancel() {
      if (cancelled()) return;
      Atomics.store(flag, 0, 1);
      if (stopWorker) {
        const stop = stopWorker;
        setTimeout(stop, grace).unref();
      }
    },
  };
  running.set(id, handle);
  return handle;
}

/** Run `data.input` in a worker on `script`; resolves with its result once the worker has ended. */
function runInWorker<K extends JobInput['kind']>(
  script: string,
  data: WorkerData,
  onProgress: (p: LedgerProgress) => void,
  setStop: (stop: () => void) => void,
  cancelled: () => boolean,
): Promise<JobResults[K]> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: data });
    } catch (e) {
      reject(e);
      return;
    }
    let outcome: { ok: true; value: JobResults[K] } | { ok: false; error: Error } | null = null;
    let exited = false;
    const terminate = () => {
      if (!exited) void worker.terminate();
    };
    setStop(terminate);
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m);
      else if (m.type === 'done') outcome ??= { ok: true, value: m.result as JobResults[K] };
      else if (m.type === 'error') outcome ??= { ok: false, error: deserializeError(m.error) };
      if (m.type !== 'progress') {
        // the worker ends by itself once its work is posted; one that lingers is stopped
        setTimeout(terminate, 2000).unref();
      }
    });
    worker.on('error', (e) => {
      outcome ??= { ok: false, error: e };
    });
    worker.on('exit', (code) => {
      exited = true;
      if (outcome?.ok) resolve(outcome.value);
      else if (outcome) reject(outcome.error);
      else if (cancelled()) reject(new CancelledError());
      else reject(new Error(`The export worker stopped unexpectedly (exit code ${code}).`));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// The jobs

/** The Electron-ABI better-sqlite3 of a dev checkout; never under plain Node (the CLI), where it cannot load. */
export function jobNativeBinding(): string | undefined {
  return process.versions.electron ? process.env[NATIVE_BINDING_ENV] || undefined : undefined;
}

/** The ledgers workbook of the company file `dbFile` for a period, written to `outFile`. */
export function startLedgersJob(dbFile: string, args: LedgerArgs, outFile: string, opts: StartOptions = {}): JobHandle<LedgersResult & { file: string }> {
  const nativeBinding = jobNativeBinding();
  return startFileJob((tmpFile) => ({ kind: 'ledgers', dbFile, args, tmpFile, ...(nativeBinding ? { nativeBinding } : {}) }), outFile, opts);
}
