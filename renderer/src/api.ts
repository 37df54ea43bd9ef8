/**
 * The renderer's one way to the core. In Electron the preload exposes `window.api`; in browser mode the
 * server injects a per-run token into index.html and we POST JSON to /api/<name>. Callers never know which.
 * A failed call throws ApiCallError with the core's code, message and field issues.
 */
import type { ApiArg, ApiError, ApiName, ApiResponse, ApiResult, FieldIssue, ProgressEvent } from '../../shared/api';
import { EVENTS_PATH, SESSION_HEADER, TOKEN_HEADER, TOKEN_META, type TradeRecordsBridge } from '../../shared/bridge';

/** The core's error codes, plus 'transport' when the call never reached the core or the answer is unreadable. */
export type CallErrorCode = ApiError['code'] | 'transport';

export class ApiCallError extends Error {
  readonly code: CallErrorCode;
  readonly issues: FieldIssue[];
  /** For 'transport' errors: a catalog key and values that describe the problem for the user. */
  readonly transportKey: { key: string; values: Record<string, string | number> } | undefined;

  constructor(
    code: CallErrorCode,
    message: string,
    issues: FieldIssue[] = [],
    transportKey?: { key: string; values: Record<string, string | number> },
  ) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
    this.issues = issues;
    this.transportKey = transportKey;
  }
}

type Transport = (name: string, arg: unknown) => Promise<ApiResponse<unknown>>;

// ---------------------------------------------------------------------------------------------------------
// The signed-in session (once the owner has a PIN): the secret auth.signIn returned, kept in this tab's
// sessionStorage (so a reload stays signed in, another tab or origin does not share it) and sent with each call.

const SESSION_KEY = 'trade-records.session';
let session: string | undefined = readStoredSession();

function readStoredSession(): string | undefined {
  try {
    return globalThis.sessionStorage?.getItem(SESSION_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function setSession(next: string | undefined): void {
  session = next;
  try {
    if (next === undefined) sessionStorage.removeItem(SESSION_KEY);
    else sessionStorage.setItem(SESSION_KEY, next);
  } catch {
    // storage refused (private mode): the session lives as long as the page
  }
}

type SignedOutListener = (message: string) => void;
const signedOutListeners = new Set<SignedOutListener>();

/** Called when a call comes back 'unauthenticated' (signed out, or locked after the idle minutes). */
export function onSignedOut(listener: SignedOutListener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

const TOKEN_PLACEHOLDER = '%TRADE_RECORDS_TOKEN%';

function electronBridge(): TradeRecordsBridge | undefined {
  const api = (globalThis as { api?: unknown }).api;
  if (api && typeof (api as TradeRecordsBridge).call === 'function') return api as TradeRecordsBridge;
  return undefined;
}

function pageToken(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`);
  const token = meta?.content ?? '';
  return token === '' || token === TOKEN_PLACEHOLDER ? undefined : token;
}

function isEnvelope(v: unknown): v is ApiResponse<unknown> {
  if (typeof v !== 'object' || v === null || !('ok' in v)) return false;
  const r = v as { ok: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error === 'object' && r.error !== null;
}

const httpTransport: Transport = async (name, arg) => {
  const token = pageToken();
  if (!token) throw new ApiCallError('transport', 'no session token in the page', [], { key: 'errors.noToken', values: {} });
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token, ...(session ? { [SESSION_HEADER]: session } : {}) },
      body: JSON.stringify(arg ?? {}),
      cache: 'no-store',
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new ApiCallError('transport', message, [], { key: 'errors.network', values: { message } });
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!isEnvelope(body)) {
    throw new ApiCallError('transport', `HTTP ${res.status}`, [], { key: 'errors.badResponse', values: { status: res.status } });
  }
  return body;
};

let transport: Transport | undefined;

function pickTransport(): Transport {
  if (!transport) {
    const bridge = electronBridge();
    transport = bridge ? (name, arg) => bridge.call(name, arg, session) : httpTransport;
  }
  return transport;
}

// ---------------------------------------------------------------------------------------------------------
// Calls that may have changed the file (the Undo control listens, to show what the next undo reverses)

/** Calls that only read: everything else may be a change. */
const READ_CALL = /\.(list|get|page|state|info|verify|summary|shippable|moves|last|validate|inspect)$/;
const changeListeners = new Set<(name: string) => void>();

/** Listen to calls that may have changed the file (any call that is not a read). Returns the unsubscribe. */
export function onMaybeChanged(listener: (name: string) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

export async function call<N extends ApiName>(name: N, arg: ApiArg<N>): Promise<ApiResult<N>> {
  try {
    return await callOnce(name, arg);
  } finally {
    if (!READ_CALL.test(name)) for (const l of changeListeners) l(name);
  }
}

async function callOnce<N extends ApiName>(name: N, arg: ApiArg<N>): Promise<ApiResult<N>> {
  let response: ApiResponse<unknown>;
  try {
    response = await pickTransport()(name, arg);
  } catch (e) {
    if (e instanceof ApiCallError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new ApiCallError('transport', message, [], { key: 'errors.network', values: { message } });
  }
  if (!isEnvelope(response)) {
    throw new ApiCallError('transport', 'bad response', [], { key: 'errors.badResponse', values: { status: '-' } });
  }
  if (!response.ok) {
    const { code, message, issues } = response.error;
    if (code === 'unauthenticated') for (const l of signedOutListeners) l(message);
    throw new ApiCallError(code, message, issues ?? []);
  }
  return response.value as ApiResult<N>;
}

// ---------------------------------------------------------------------------------------------------------
// Progress of long work (exports, imports, backups): one subscription for both transports.

type ProgressListener = (e: ProgressEvent) => void;
const progressListeners = new Set<ProgressListener>();
let eventSource: EventSource | undefined;
let bridgeOff: (() => void) | undefined;
let connected: Promise<void> = Promise.resolve();

function dispatchProgress(e: ProgressEvent): void {
  for (const l of progressListeners) l(e);
}

function connectProgress(): void {
  const bridge = electronBridge();
  if (bridge) {
    bridgeOff ??= bridge.onProgress(dispatchProgress);
    return;
  }
  if (eventSource) return;
  const token = pageToken();
  if (!token) return;
  const source = new EventSource(`${EVENTS_PATH}?token=${encodeURIComponent(token)}`);
  eventSource = source;
  // resolves when the stream is open (or failed: the call's result still arrives, only the bar stays still)
  connected = new Promise<void>((resolve) => {
    source.addEventListener('open', () => resolve(), { once: true });
    source.addEventListener('error', () => resolve(), { once: true });
  });
  source.addEventListener('progress', (m) => {
    try {
      dispatchProgress(JSON.parse((m as MessageEvent<string>).data) as ProgressEvent);
    } catch {
      // a malformed event is dropped; the job's result still arrives through its call
    }
  });
}

function disconnectProgress(): void {
  bridgeOff?.();
  bridgeOff = undefined;
  eventSource?.close();
  eventSource = undefined;
}

/**
 * Listen to progress events ({ jobId, label, done, total }) of long work started by a call. Returns the
 * function that stops listening. Subscribe before starting the call so the first events are not missed.
 */
/** Resolves once progress events can arrive (await it between onProgress and starting the work). */
export function progressConnected(): Promise<void> {
  return connected;
}

export function onProgress(listener: ProgressListener): () => void {
  progressListeners.add(listener);
  connectProgress();
  return () => {
    progressListeners.delete(listener);
    if (progressListeners.size === 0) disconnectProgress();
  };
}
