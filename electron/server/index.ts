/**
 * Browser mode: the renderer build and the same API map over HTTP, on 127.0.0.1 only.
 *
 *  - GET  /…            static files from the renderer build; index.html gets the per-run token injected.
 *  - POST /api/<name>   JSON argument in, ApiResponse envelope out; needs the token header, and the session
 *                       header once sign-in is on (users with PINs, electron/core/access).
 *  - GET  /api-events   progress events (Server-Sent Events); token as ?token=.
 *
 * Every request must name this server as its Host (against DNS rebinding) and, when the browser sends an
 * Origin, come from this origin. The argument is parsed by the core with the call's zod schema.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { ApiError, ApiResponse } from '../../shared/api';
import { EVENTS_PATH, SESSION_HEADER, TOKEN_HEADER } from '../../shared/bridge';
import type { Core } from '../core';
import { CoreHolder, type HolderOptions } from '../core/holder';

export const DEFAULT_PORT = 8750;
export const HOST = '127.0.0.1';
/** Large enough for a 10 MB attachment as base64 (13.4 MB) inside JSON. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const TOKEN_PLACEHOLDER = '%TRADE_RECORDS_TOKEN%';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

const STATUS: Record<ApiError['code'], number> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  refused: 403,
  unauthenticated: 401,
  forbidden: 403,
  unknown_call: 404,
  internal: 500,
};

export interface ServerOptions {
  /** Open the core on this data folder (ignored when `core` is given). */
  dataDir?: string;
  core?: Core;
  coreOptions?: Omit<HolderOptions, 'dataDir'>;
  /** Folder of the renderer build (out/renderer). */
  rendererDir: string;
  /** 0 = any free port. Default DEFAULT_PORT. */
  port?: number;
  /** Fixed token (tests); default a fresh random one per run. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  /** the open core (a new one after a restore); throws while the company file is damaged */
  readonly core: Core;
  /** holds the core: restore swaps it, a damaged file leaves it in recovery mode (null when `core` was given) */
  holder: CoreHolder | null;
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(data);
}

function sendError(res: http.ServerResponse, status: number, code: ApiError['code'], message: string): void {
  const body: ApiResponse<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

function tokenMatches(given: string | undefined | null, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const ownsCore = !opts.core;
  const holder = opts.core ? null : await CoreHolder.open({ ...opts.coreOptions, dataDir: requireDataDir(opts.dataDir) });
  /** what answers the calls: the holder (restore, recovery) or the core the caller gave */
  const core: Pick<Core, 'callRaw' | 'onProgress' | 'close'> = opts.core ?? holder!;
  const token = opts.token ?? crypto.randomBytes(32).toString('hex');
  const rendererDir = path.resolve(opts.rendererDir);
  const indexFile = path.join(rendererDir, 'index.html');
  let port = opts.port ?? DEFAULT_PORT;

  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const origin = () => `http://${HOST}:${port}`;

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 'refused', 'API calls must be POST');
    if (!tokenMatches(req.headers[TOKEN_HEADER] as string | undefined, token)) {
      return sendError(res, 401, 'refused', 'Missing or wrong session token: reload the page from the address printed at start.');
    }
    const type = String(req.headers['content-type'] ?? '');
    if (!type.startsWith('application/json')) return sendError(res, 415, 'refused', 'The body must be application/json');
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      return sendError(res, 413, 'refused', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    let arg: unknown;
    try {
      arg = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      return sendError(res, 400, 'validation', 'The body is not valid JSON');
    }
    // the signed-in session of this page (sessionStorage of this origin's tab); only with the page token above
    const session = req.headers[SESSION_HEADER];
    const result = await core.callRaw(name, arg, typeof session === 'string' ? session : undefined);
    sendJson(res, result.ok ? 200 : STATUS[result.error.code], result);
  }

  function handleEvents(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (!tokenMatches(url.searchParams.get('token'), token)) return sendError(res, 401, 'refused', 'Missing or wrong session token');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const off = core.onProgress((e) => res.write(`event: progress\ndata: ${JSON.stringify(e)}\n\n`));
    req.on('close', off);
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'refused', 'Method not allowed');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return sendError(res, 400, 'validation', 'Bad path');
    }
    let file = path.resolve(rendererDir, '.' + path.posix.normalize(rel));
    if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) return sendError(res, 404, 'not_found', 'Not found');
    if (rel === '/' || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      // The app is one page: unknown paths get index.html; missing assets get 404.
      if (path.extname(rel) !== '') return sendError(res, 404, 'not_found', 'Not found');
      file = indexFile;
    }
    const headers: http.OutgoingHttpHeaders = {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    };
    if (file === indexFile) {
      if (!fs.existsSync(indexFile)) {
        return sendError(res, 500, 'internal', `The app is not built (${indexFile} is missing): run npm run build`);
      }
      const html = fs.readFileSync(indexFile, 'utf8').replaceAll(TOKEN_PLACEHOLDER, token);
      res.writeHead(200, { ...headers, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    res.writeHead(200, { ...headers, 'cache-control': 'public, max-age=3600' });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    const host = String(req.headers.host ?? '');
    if (!allowedHosts().has(host)) return sendError(res, 403, 'refused', 'Wrong Host header');
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin() && requestOrigin !== `http://localhost:${port}`) {
      return sendError(res, 403, 'refused', 'Cross-origin requests are refused');
    }
    let url: URL;
    try {
      // parse as a path only: "//host" must not be taken for another host, and a malformed path is a 400
      url = new URL(`${origin()}${(req.url ?? '/').startsWith('/') ? req.url ?? '/' : '/'}`);
    } catch {
      return sendError(res, 400, 'validation', 'Bad request path');
    }
    if (url.pathname.startsWith('/api/')) {
      handleApi(req, res, url.pathname.slice('/api/'.length)).catch((e: unknown) => {
        console.error('API request failed', e);
        if (!res.headersSent) sendError(res, 500, 'internal', 'Unexpected server error');
      });
      return;
    }
    if (url.pathname === EVENTS_PATH) return handleEvents(req, res, url);
    handleStatic(req, res, url);
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (ownsCore) core.close();
      reject(
        e.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${HOST} is already in use: start with --port <another number>, or --port 0 for any free port.`)
          : e,
      );
    });
    server.listen(port, HOST, () => resolve());
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://${HOST}:${port}/`,
    port,
    token,
    get core() {
      return opts.core ?? holder!.core;
    },
    holder,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          if (ownsCore) core.close();
          resolve();
        });
      }),
  };
}

function requireDataDir(dir: string | undefined): string {
  if (!dir) throw new Error('startServer needs dataDir or core');
  return dir;
}
