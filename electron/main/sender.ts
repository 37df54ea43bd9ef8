/**
 * Who may talk to the core over IPC, and which URLs our window may show. Pure functions (no 'electron'
 * import) so that test/main-sender.test.ts can check them without the Electron binary.
 *
 * The renderer is either the built page (file://…/out/renderer/index.html, also inside app.asar when
 * packaged) or, in `electron-vite dev`, the Vite dev server (ELECTRON_RENDERER_URL, http://localhost:5173).
 */
import { fileURLToPath } from 'node:url';

export type RendererLocation =
  /** The built page: the exact file URL of out/renderer/index.html. */
  | { kind: 'file'; url: string }
  /** The dev server: its origin, e.g. http://localhost:5173. */
  | { kind: 'dev'; origin: string };

/** Where our renderer lives: the dev server when one is given (dev mode only), else the built index.html. */
export function rendererLocation(indexFileUrl: string, devServerUrl?: string): RendererLocation {
  if (devServerUrl) {
    const u = new URL(devServerUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`Dev server URL must be http(s): ${devServerUrl}`);
    return { kind: 'dev', origin: u.origin };
  }
  return { kind: 'file', url: indexFileUrl };
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The file-system path a file: URL names, normalised for comparison (Windows paths compare case-blind). */
function filePathOf(u: URL, platform: NodeJS.Platform): string | undefined {
  try {
    const p = fileURLToPath(u, { windows: platform === 'win32' });
    return platform === 'win32' ? p.toLowerCase() : p;
  } catch {
    return undefined;
  }
}

/**
 * Is `url` our renderer page? For the built page: a file: URL of exactly that index.html (query and hash
 * ignored: they do not change which document is loaded). For the dev server: any page of that origin.
 */
export function isRendererUrl(
  url: string | null | undefined,
  expected: RendererLocation,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (typeof url !== 'string' || url === '') return false;
  const u = parse(url);
  if (!u) return false;
  if (expected.kind === 'dev') {
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    return u.origin === expected.origin;
  }
  const want = parse(expected.url);
  if (!want || want.protocol !== 'file:' || u.protocol !== 'file:') return false;
  if (u.host !== want.host) return false;
  const a = filePathOf(u, platform);
  const b = filePathOf(want, platform);
  return a !== undefined && a === b;
}

/**
 * May an IPC message from this frame reach the core? Only from the main frame of our window, showing our
 * renderer page. `isMainFrame` is worked out by the caller from Electron objects (the sender is our window's
 * webContents, and the frame is its top frame).
 */
export function isTrustedSender(
  frameUrl: string | null | undefined,
  isMainFrame: boolean,
  expected: RendererLocation,
  platform: NodeJS.Platform = process.platform,
): boolean {
  return isMainFrame === true && isRendererUrl(frameUrl, expected, platform);
}

/**
 * Hosts of the http(s) links the app itself builds and lets the system browser open. The app builds no
 * external links today: a link added to the UI must add its host here, else the window refuses to open it.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [];

/**
 * May a link the page asked to open (window.open, target=_blank) go to shell.openExternal? Only http(s), no
 * user:password@, no odd ports, and only to a host the app builds links to. Everything else (file:, smb:,
 * javascript:, custom protocols that start programs) is refused; the window itself never opens a new one.
 */
export function isAllowedExternalLink(url: string | null | undefined, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  const u = parse(url);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:')) return false;
  if (u.username !== '' || u.password !== '' || u.port !== '') return false;
  return hosts.includes(u.hostname.toLowerCase());
}
