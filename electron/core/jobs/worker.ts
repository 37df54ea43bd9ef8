/**
 * The worker-thread entry of jobs (built by electron-vite into out/main/worker.js, beside index.js and cli.js).
 * It runs one job given in workerData with a read connection of its own, posts progress, and posts the
 * result or the error; then its event loop is empty and the thread ends. See runner.ts.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runJobInput, serializeError } from './kinds';
import type { WorkerData, WorkerMessage } from './types';

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { input, cancelFlag } = workerData as WorkerData;
  const flag = new Int32Array(cancelFlag);
  const post = (m: WorkerMessage) => port.postMessage(m);
  runJobInput(input, {
    onProgress: (p) => post({ type: 'progress', ...p }),
    isCancelled: () => Atomics.load(flag, 0) === 1,
  }).then(
    (result) => post({ type: 'done', result }),
    (e: unknown) => post({ type: 'error', error: serializeError(e) }),
  );
}
