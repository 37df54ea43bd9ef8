/**
 * The desktop window's native folder / file picker (the preload's `pick`, electron/main shows the dialog).
 * Browser mode has none: the page cannot see the server's disk, so the path is typed there.
 */
import type { PickKind, TradeRecordsBridge } from '../../../../shared/bridge';

function bridge(): TradeRecordsBridge | undefined {
  const api = (globalThis as { api?: TradeRecordsBridge }).api;
  return api && typeof api.pick === 'function' ? api : undefined;
}

export const pickPath = {
  available: (): boolean => bridge() !== undefined,
  pick: async (kind: PickKind): Promise<string | null> => (await bridge()?.pick?.(kind)) ?? null,
};
