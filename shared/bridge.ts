/**
 * What the two transports expose to the renderer.
 *
 * Electron: the preload puts `window.api` (this interface) in the page with contextBridge; it forwards to
 * ipcMain.handle(IPC_CHANNEL) and nothing else.
 * Browser mode: the server injects the per-run token into index.html as <meta name=TOKEN_META content=...>;
 * the renderer POSTs JSON to /api/<name> with the token in the TOKEN_HEADER header, and reads progress
 * events from GET /api-events (Server-Sent Events, token in the same header is not possible there, so
 * the token goes as ?token=).
 */
import type { ApiResponse, ProgressEvent } from './api';

export interface TradeRecordsBridge {
  /** `session`: what auth.signIn returned, once sign-in is on */
  call(name: string, arg: unknown, session?: string): Promise<ApiResponse<unknown>>;
  onProgress(listener: (e: ProgressEvent) => void): () => void;
  /** the native picker (Electron only): a folder for backups, or a backup file to restore; null when cancelled */
  pick?(kind: PickKind): Promise<string | null>;
}

export type PickKind = 'folder' | 'backup-file';

export const IPC_CHANNEL = 'trade-records:api';
export const IPC_PROGRESS_CHANNEL = 'trade-records:progress';
export const IPC_DIALOG_CHANNEL = 'trade-records:pick';
export const TOKEN_META = 'trade-records-token';
export const TOKEN_HEADER = 'x-trade-records-token';
/** The signed-in session (auth.signIn's result) of browser mode's page, sent beside the page token. */
export const SESSION_HEADER = 'x-trade-records-session';
export const EVENTS_PATH = '/api-events';
