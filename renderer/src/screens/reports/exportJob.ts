/**
 * The one ledgers export that may be running, kept outside the screen: the export runs in the core's worker
 * while the user goes on working elsewhere in the app, so leaving the Reports screen must neither lose its
 * progress nor its workbook. The screen subscribes (useExportJob) and shows whatever state the job is in;
 * the workbook is saved when the export completes, whichever screen is open then.
 */
import { useSyncExternalStore } from 'react';
import type { LedgersExport } from '../../../../shared/ledgers';
import { ApiCallError, call, onProgress, progressConnected } from '../../api';
import { saveWorkbook } from '../../lib/saveWorkbook';

export interface Progress {
  /** the ledger being written, as the core names it */
  label: string;
  done: number;
  total: number;
}

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; jobId: string; from: string; to: string; progress: Progress | null; cancelling: boolean }
  | { phase: 'done'; result: LedgersExport }
  | { phase: 'cancelled'; from: string; to: string }
  | { phase: 'failed'; from: string; to: string; error: unknown };

/** The core's answer to a cancelled export (code 'refused'). */
const CANCELLED = /^The export was cancelled\.?$/;

let state: ExportState = { phase: 'idle' };
const listeners = new Set<() => void>();

function setState(next: ExportState): void {
  state = next;
  for (const l of listeners) l();
}

/** The state as it is now (not as narrowed at the start of an async function). */
function current(): ExportState {
  return state;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useExportJob(): ExportState {
  return useSyncExternalStore(subscribe, () => state);
}

/** A job id the core accepts (/^[A-Za-z0-9_-]{1,64}$/): 32 hex digits (works outside secure contexts too). */
function newJobId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Export the ledgers of from–to: listen to the job's progress (connected before the call starts, so no event
 * is missed), run it, save the workbook. Does nothing while another export runs.
 */
export async function startExport(from: string, to: string): Promise<void> {
  if (state.phase === 'running') return;
  const jobId = newJobId();
  setState({ phase: 'running', jobId, from, to, progress: null, cancelling: false });
  const stop = onProgress((e) => {
    if (e.jobId !== jobId || state.phase !== 'running' || state.jobId !== jobId) return;
    const p = state.progress;
    if (p && p.done === e.done && p.total === e.total && p.label === e.label) return;
    setState({ ...state, progress: { label: e.label, done: e.done, total: e.total } });
  });
  try {
    await progressConnected();
    const result = await call('ledgers.export', { from, to, cancelToken: jobId });
    saveWorkbook(result.fileName, result.dataBase64);
    setState({ phase: 'done', result });
  } catch (e) {
    const now = current();
    const cancelling = now.phase === 'running' && now.cancelling;
    const cancelled = e instanceof ApiCallError && e.code === 'refused' && (cancelling || CANCELLED.test(e.message));
    setState(cancelled ? { phase: 'cancelled', from, to } : { phase: 'failed', from, to, error: e });
  } finally {
    stop();
  }
}

/**
 * Ask the core to stop the running export. Its call then answers "cancelled" (or, when it had just finished,
 * with the workbook). Throws when the request itself fails; the export then goes on.
 */
export async function cancelExport(): Promise<void> {
  if (state.phase !== 'running' || state.cancelling) return;
  const { jobId } = state;
  setState({ ...state, cancelling: true });
  try {
    await call('jobs.cancel', { jobId });
  } catch (e) {
    const now = current();
    if (now.phase === 'running' && now.jobId === jobId) setState({ ...now, cancelling: false });
    throw e;
  }
}

/** Forget a cancelled or failed outcome (the user changed the period); a finished export's summary stays. */
export function clearOutcome(): void {
  if (state.phase === 'cancelled' || state.phase === 'failed') setState({ phase: 'idle' });
}

/** Save the finished export's workbook once more. */
export function saveAgain(): void {
  if (state.phase === 'done') saveWorkbook(state.result.fileName, state.result.dataBase64);
}
