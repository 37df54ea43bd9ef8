/**
 * The core: plain Node + better-sqlite3, no Electron. openCore() opens the company file of a data folder and
 * returns one `call(name, arg)` that every transport (IPC, HTTP, CLI, tests) goes through: it refuses unknown
 * names, parses the argument with the call's zod schema, runs the handler and returns a typed envelope; an
 * error never crosses the boundary as a raw exception.
 */
import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import { apiMap, isApiName, type ApiArg, type ApiName, type ApiResponse, type ApiResult, type FieldIssue, type ProgressEvent } from '../../shared/api';
import { openCompanyFile, type DB, type OpenOptions } from './db';
import { AppError } from './errors';
import { handlers, type HandlerContext } from './handlers';
import { companyFilePath } from './paths';

export interface CoreOptions extends OpenOptions {
  dataDir: string;
  /** log unexpected errors (default: console.error) */
  log?: (message: string, error: unknown) => void;
}

export interface Core {
  readonly dataDir: string;
  readonly companyFile: string;
  readonly db: DB;
  /** Backup written before this open migrated the file, if any. */
  readonly migrationBackup: string | undefined;
  /** Call the API by name with an unparsed argument (what a transport received). */
  call<N extends ApiName>(name: N, arg: ApiArg<N>): Promise<ApiResponse<ApiResult<N>>>;
  callRaw(name: string, arg: unknown): Promise<ApiResponse<unknown>>;
  onProgress(listener: (e: ProgressEvent) => void): () => void;
  close(): void;
}

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(argument)',
    message: i.message,
  }));
}

export async function openCore(opts: CoreOptions): Promise<Core> {
  const companyFile = companyFilePath(opts.dataDir);
  const opened = await openCompanyFile(companyFile, opts);
  const events = new EventEmitter();
  const ctx: HandlerContext = {
    db: opened.db,
    dataDir: opts.dataDir,
    companyFile,
    schemaVersion: opened.toVersion,
    user: 'owner',
    progress: (e) => events.emit('progress', e),
  };
  const log = opts.log ?? ((m, e) => console.error(m, e));

  async function callRaw(name: string, arg: unknown): Promise<ApiResponse<unknown>> {
    if (!isApiName(name)) return { ok: false, error: { code: 'unknown_call', message: `There is no API call named "${String(name).slice(0, 100)}"` } };
    const parsed = apiMap[name].arg.safeParse(arg === undefined ? {} : arg);
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'validation', message, issues } };
    }
    try {
      const handler = handlers[name] as (a: unknown, c: HandlerContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value: value === undefined ? null : value };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toApiError() };
      log(`API call ${name} failed`, e);
      return { ok: false, error: { code: 'internal', message: `Unexpected error in ${name}: ${(e as Error).message ?? String(e)}` } };
    }
  }

  return {
    dataDir: opts.dataDir,
    companyFile,
    db: opened.db,
    migrationBackup: opened.backupFile,
    call: (name, arg) => callRaw(name, arg) as never,
    callRaw,
    onProgress(listener) {
      events.on('progress', listener);
      return () => events.off('progress', listener);
    },
    close() {
      if (opened.db.open) opened.db.close();
    },
  };
}
