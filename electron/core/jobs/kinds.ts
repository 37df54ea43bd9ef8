/**
 * The work each kind of job does, the same in the worker thread (worker.ts) and inline (runner.ts, when no
 * built worker entry is there: running from TypeScript sources in tests).
 */
import { AppError } from '../errors';
import { writeGridWorkbook } from '../excel/grid';
import { writeOrdersWorkbook } from '../trade/order-export';
import { CancelledError, openReadConnection, writeLedgers, type BuildHooks } from '../ledgers/build';
import type { ErrorCode } from '../../../shared/api';
import { runImport } from '../import/run';
import type { JobInput, JobResults, SerializedError } from './types';

export async function runJobInput(input: JobInput, hooks: BuildHooks): Promise<JobResults[JobInput['kind']]> {
  switch (input.kind) {
    case 'ledgers': {
      // a read connection of the job's own: the app's connection stays free for the window
      const db = openReadConnection(input.dbFile, input.nativeBinding);
      try {
        return await writeLedgers(db, input.args, input.tmpFile, hooks);
      } finally {
        db.close();
      }
    }
    case 'grid': {
      const { rows } = await writeGridWorkbook(input.grid, input.tmpFile, { companyName: input.companyName, now: input.now, hooks });
      return { rows };
    }
    case 'import':
      return runImport(input, hooks);
    case 'orders': {
      const db = openReadConnection(input.dbFile, input.nativeBinding);
      try {
        return await writeOrdersWorkbook(db, input.orders, input.tmpFile, { companyName: input.companyName, now: input.now, hooks });
      } finally {
        db.close();
      }
    }
  }
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof CancelledError) return { name: e.name, message: e.message, code: e.code, cancelled: true };
  if (e instanceof AppError) return { name: e.name, message: e.message, code: e.code, ...(e.issues ? { issues: e.issues } : {}) };
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
}

export function deserializeError(s: SerializedError): Error {
  if (s.cancelled) return new CancelledError();
  if (s.code) return new AppError(s.code as ErrorCode, s.message, s.issues);
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = s.stack;
  return e;
}
