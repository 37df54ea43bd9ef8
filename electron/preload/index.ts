/**
 * The preload: puts `window.api` (TradeRecordsBridge) in the page with contextBridge, one invoke over the
 * API map, progress events and the native folder/file picker for backups, and nothing else. Never exposes
 * ipcRenderer itself.
 *
 * It runs sandboxed: it may import only 'electron' at runtime (shared/bridge.ts constants are inlined by the
 * bundler; test/layers.test.ts checks the built file).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResponse, ProgressEvent } from '../../shared/api';
import { IPC_CHANNEL, IPC_DIALOG_CHANNEL, IPC_PROGRESS_CHANNEL, type PickKind, type TradeRecordsBridge } from '../../shared/bridge';

const api: TradeRecordsBridge = {
  call: (name: string, arg: unknown, session?: string): Promise<ApiResponse<unknown>> => ipcRenderer.invoke(IPC_CHANNEL, name, arg, session),
  onProgress(listener: (e: ProgressEvent) => void): () => void {
    const handler = (_event: IpcRendererEvent, e: ProgressEvent) => listener(e);
    ipcRenderer.on(IPC_PROGRESS_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_PROGRESS_CHANNEL, handler);
    };
  },
  pick: (kind: PickKind): Promise<string | null> => ipcRenderer.invoke(IPC_DIALOG_CHANNEL, kind),
};

contextBridge.exposeInMainWorld('api', api);
