import type { ApiName, ApiParsedArg, ApiResult, RestoreDone } from '../../shared/api';
import type { SessionUser, UserRole } from '../../shared/users';
import type { Sessions } from './access/sessions';
import type { DB } from './db';
import type { UndoLog } from './undo';

export interface HandlerContext {
  db: DB;
  dataDir: string;
  companyFile: string;
  schemaVersion: number;
  /** who is acting (the audit trail's "who"): the signed-in user's name, or 'owner' while sign-in is off */
  user: string;
  /** the acting user's role; 'owner' while sign-in is off */
  role: UserRole;
  /** the acting user, or null for a public call made without a live session */
  me: SessionUser | null;
  /** the session secret the call came with, if any */
  session: string | undefined;
  /** signed-in sessions and the clock (tests move it) */
  auth: { sessions: Sessions; now(): number };
  /** this session's undo stack (openCore makes one; absent where a handler runs outside a core) */
  undo?: UndoLog;
  /** swap the company file for a backup: given by whoever holds the core (electron/core/holder.ts) */
  restore?: (file: string, recovery: boolean) => Promise<RestoreDone>;
  /** report progress of long work to the window */
  progress(e: { jobId: string; label: string; done: number; total: number }): void;
}

export type Handler<N extends ApiName> = (arg: ApiParsedArg<N>, ctx: HandlerContext) => ApiResult<N> | Promise<ApiResult<N>>;

export type Handlers = { [N in ApiName]: Handler<N> };

/** A module's share of the map: handlers for the names in K. */
export type HandlersFor<K extends ApiName> = { [N in K]: Handler<N> };
