/**
 * The core: plain Node + better-sqlite3, no Electron. openCore() opens the company file of a data folder and
 * returns one `call(name, arg)` that every transport (IPC, HTTP, CLI, tests) goes through: it refuses unknown
 * names, parses the argument with the call's zod schema, runs the handler and returns a typed envelope; an
 * error never crosses the boundary as a raw exception.
 */
import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import { zodIssueKey } from '../../shared/issues';
import { apiMap, isApiName, type RestoreDone, type ApiArg, type ApiName, type ApiResponse, type ApiResult, type FieldIssue, type ProgressEvent } from '../../shared/api';
import { openCompanyFile, type DB, type OpenOptions } from './db';
import { AppError } from './errors';
import { handlers, type HandlerContext } from './handlers';
import { callAccess, mayCall, type LimitedCall } from '../../shared/permissions';
import type { SessionUser } from '../../shared/users';
import { clerkRules, type ClerkRule } from './access/rules';
import { Sessions } from './access/sessions';
import { activeUser, getIdleMinutes, ownerUser, signInRequired } from './access/users';
import { companyFilePath } from './paths';
import { UndoLog } from './undo';

export interface CoreOptions extends OpenOptions {
  dataDir: string;
  /** restore a backup over the company file (the holder closes this core, swaps the file, opens a new core) */
  restore?: (file: string, recovery: boolean) => Promise<RestoreDone>;
  /** log unexpected errors (default: console.error) */
  log?: (message: string, error: unknown) => void;
}

export interface Core {
  readonly dataDir: string;
  readonly companyFile: string;
  readonly db: DB;
  /** Backup written before this open migrated the file, if any. */
  readonly migrationBackup: string | undefined;
  /**
   * Call the API by name with an unparsed argument (what a transport received). `session` is the secret
   * auth.signIn returned to this window; without it (or while sign-in is off) the caller is the owner only
   * when the owner has no PIN.
   */
  call<N extends ApiName>(name: N, arg: ApiArg<N>, session?: string): Promise<ApiResponse<ApiResult<N>>>;
  callRaw(name: string, arg: unknown, session?: string): Promise<ApiResponse<unknown>>;
  onProgress(listener: (e: ProgressEvent) => void): () => void;
  close(): void;
}

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(argument)',
    message: i.message,
    ...zodIssueKey(i),
  }));
}

export async function openCore(opts: CoreOptions): Promise<Core> {
  const companyFile = companyFilePath(opts.dataDir);
  const opened = await openCompanyFile(companyFile, opts);
  const events = new EventEmitter();
  const now = () => (opts.now?.() ?? new Date()).getTime();
  const auth = { sessions: new Sessions(now), now };
  // this session's undo stack: temp triggers on this connection, gone when it closes (electron/core/undo.ts)
  const undo = new UndoLog(opened.db);
  const base = {
    undo,
    restore: opts.restore,
    db: opened.db,
    dataDir: opts.dataDir,
    companyFile,
    schemaVersion: opened.toVersion,
    auth,
    progress: (e: ProgressEvent) => events.emit('progress', e),
  };
  const log = opts.log ?? ((m, e) => console.error(m, e));

  /** Who makes this call: the implicit owner while sign-in is off, else the session's user (or why not). */
  function caller(session: string | undefined): { me: SessionUser } | { me: null; why: string } {
    const db = opened.db;
    if (!signInRequired(db)) return { me: ownerUser(db) };
    const idle = getIdleMinutes(db);
    const s = auth.sessions.use(session, idle);
    if (s.state === 'idle') return { me: null, why: `Locked after ${idle} idle minutes: sign in again.` };
    const me = s.state === 'ok' ? activeUser(db, s.userId) : null;
    if (s.state === 'ok' && !me) auth.sessions.close(session);
    return me ? { me } : { me: null, why: 'Sign in first.' };
  }

  async function callRaw(name: string, arg: unknown, session?: string): Promise<ApiResponse<unknown>> {
    if (!isApiName(name)) return { ok: false, error: { code: 'unknown_call', message: `There is no API call named "${String(name).slice(0, 100)}"` } };
    const who = caller(session);
    if (who.me === null && callAccess[name] !== 'public') return { ok: false, error: { code: 'unauthenticated', message: who.why } };
    if (who.me !== null && !mayCall(who.me.role, name)) {
      return { ok: false, error: { code: 'forbidden', message: `A ${who.me.role} cannot do this (${name}): ask the owner.` } };
    }
    const parsed = apiMap[name].arg.safeParse(arg === undefined ? {} : arg);
    if (!parsed.success) {
      const issues = issuesOf(parsed.error);
      const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'validation', message, issues } };
    }
    const ctx: HandlerContext = { ...base, user: who.me?.name ?? '', role: who.me?.role ?? 'clerk', me: who.me, session };
    const mark = undo.begin();
    try {
      const rule = ctx.role === 'clerk' && callAccess[name] === 'limited' ? (clerkRules[name as LimitedCall] as ClerkRule<LimitedCall>) : undefined;
      const input = rule?.arg ? rule.arg(parsed.data as never, ctx) : parsed.data;
      const handler = handlers[name] as (a: unknown, c: HandlerContext) => unknown;
      let value = await handler(input, ctx);
      if (rule?.view) value = rule.view(value as never, ctx, input as never);
      return { ok: true, value: value === undefined ? null : value };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toApiError() };
      log(`API call ${name} failed`, e);
      return { ok: false, error: { code: 'internal', message: `Unexpected error in ${name}: ${(e as Error).message ?? String(e)}` } };
    } finally {
      undo.end(mark, name);
    }
  }

  return {
    dataDir: opts.dataDir,
    companyFile,
    db: opened.db,
    migrationBackup: opened.backupFile,
    call: (name, arg, session) => callRaw(name, arg, session) as never,
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
