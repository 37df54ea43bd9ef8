import type { ApiName, ApiParsedArg, ApiResult } from '../../shared/api';
import type { DB } from './db';

export interface HandlerContext {
  db: DB;
  dataDir: string;
  companyFile: string;
  schemaVersion: number;
  /** who is acting; 'owner' until users arrive */
  user: string;
  /** report progress of long work to the window */
  progress(e: { jobId: string; label: string; done: number; total: number }): void;
}

export type Handler<N extends ApiName> = (arg: ApiParsedArg<N>, ctx: HandlerContext) => ApiResult<N> | Promise<ApiResult<N>>;

export type Handlers = { [N in ApiName]: Handler<N> };

/** A module's share of the map: handlers for the names in K. */
export type HandlersFor<K extends ApiName> = { [N in K]: Handler<N> };
