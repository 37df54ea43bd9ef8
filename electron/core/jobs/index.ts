/** Long work in a worker thread, with progress and cancel (see runner.ts). */
export { cancelJob, findWorkerScript, jobNativeBinding, runningJobs, startFileJob, startJob, startLedgersJob, WORKER_FILE, type JobHandle, type StartOptions } from './runner';
