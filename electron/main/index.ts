/**
 * The Electron shell: one window over the core. Opens the company file before the window exists through a
 * CoreHolder (a damaged file opens the window on the recovery screen; a file from a newer app ends the app
 * with a native dialog; a restore closes, swaps and reopens the core), binds the API map to one IPC channel
 * and the backup folder/file picker to another, both checking their sender, and locks the window down
 * (sandbox, CSP, no new windows, no navigation, no permissions).
 *
 * The only module (with the preload) that imports 'electron'. Pure decisions live in sender.ts, csp.ts,
 * args.ts and window-options.ts, which the tests check without the Electron binary.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type IpcMainInvokeEvent, type Session } from 'electron';
import { isApiName, type ApiResponse } from '../../shared/api';
import { IPC_CHANNEL, IPC_DIALOG_CHANNEL, IPC_PROGRESS_CHANNEL, type PickKind } from '../../shared/bridge';
import { AppError } from '../core/errors';
import { CoreHolder } from '../core/holder';
import { dataDirFromArgv } from './args';
import { contentSecurityPolicy } from './csp';
import { buildMenu } from './menu';
import { isAllowedExternalLink, isRendererUrl, isTrustedSender, rendererLocation } from './sender';
import { windowOptions } from './window-options';

/** Set by scripts/start.mjs: an Electron-ABI build of better-sqlite3 for a dev checkout (ignored when packaged). */
export const NATIVE_BINDING_ENV = 'TRADE_RECORDS_NATIVE_BINDING';
const APP_ID = 'com.traderecords.app';

// Built layout: out/main/index.js, out/preload/index.js, out/renderer/index.html.
const PRELOAD = path.join(__dirname, '../preload/index.js');
const INDEX_HTML = path.join(__dirname, '../renderer/index.html');

const dev = !app.isPackaged;
const devServerUrl = dev ? process.env.ELECTRON_RENDERER_URL || undefined : undefined;
const renderer = rendererLocation(pathToFileURL(INDEX_HTML).href, devServerUrl);

/** holds the core: a restore swaps it, a damaged file leaves it in recovery mode (electron/core/holder.ts) */
let holder: CoreHolder | null = null;
let mainWindow: BrowserWindow | null = null;

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** --data <folder>, else TRADE_RECORDS_DATA (as the CLI and browser mode honour), else Electron's userData. */
function resolveDataDir(): string {
  return dataDirFromArgv(process.argv.slice(1), process.cwd()) ?? (process.env.TRADE_RECORDS_DATA || app.getPath('userData'));
}

/** Show why the app cannot start, then quit with a non-zero code. */
function failStartup(e: unknown): void {
  const refused = e instanceof AppError && e.code === 'refused';
  let message = errorMessage(e);
  if (dev && /NODE_MODULE_VERSION|was compiled against a different/.test(message)) {
    message += '\n\nIn a dev checkout, start the app with "npm start": it prepares a build of better-sqlite3 for Electron.';
  }
  dialog.showErrorBox(refused ? 'Trade Records cannot open the company file' : 'Trade Records could not start', message);
  app.exit(1);
}

// ---------------------------------------------------------------------------------------------------------
// Security: every webContents, the session, the IPC sender

function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  const csp = contentSecurityPolicy(devServerUrl);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(details.responseHeaders ?? {})) {
      if (k.toLowerCase() !== 'content-security-policy') headers[k] = v;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}

function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    // never a new window; an http(s) link the app built (EXTERNAL_LINK_HOSTS) goes to the system browser
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalLink(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (!isRendererUrl(event.url, renderer)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isRendererUrl(event.url, renderer)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** Is this message from the main frame of our window? (The URL is checked by isTrustedSender.) */
function isOurMainFrame(event: IpcMainInvokeEvent): { ok: boolean; url: string | undefined } {
  const win = mainWindow;
  const frame = event.senderFrame;
  if (!win || win.isDestroyed() || !frame) return { ok: false, url: undefined };
  try {
    if (frame.detached) return { ok: false, url: undefined };
    const top = win.webContents.mainFrame;
    const ok =
      event.sender === win.webContents &&
      frame.parent === null &&
      frame.processId === top.processId &&
      frame.routingId === top.routingId;
    return { ok, url: frame.url };
  } catch {
    // A frame disposed while the message was in flight.
    return { ok: false, url: undefined };
  }
}

/** The sender check every IPC handler starts with. */
function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  const frame = isOurMainFrame(event);
  return isTrustedSender(frame.url, frame.ok, renderer);
}

function registerIpc(): void {
  ipcMain.handle(IPC_CHANNEL, async (event, name: unknown, arg: unknown, session: unknown): Promise<ApiResponse<unknown>> => {
    if (!fromOurWindow(event)) {
      return { ok: false, error: { code: 'refused', message: 'API calls are accepted only from the Trade Records window.' } };
    }
    if (!isApiName(name)) {
      return { ok: false, error: { code: 'unknown_call', message: `There is no API call named "${String(name).slice(0, 100)}"` } };
    }
    if (!holder) return { ok: false, error: { code: 'internal', message: 'The company file is not open.' } };
    try {
      return await holder.callRaw(name, arg, typeof session === 'string' ? session : undefined);
    } catch (e) {
      console.error(`API call ${name} failed`, e);
      return { ok: false, error: { code: 'internal', message: `Unexpected error in ${name}: ${errorMessage(e)}` } };
    }
  });
  // the native folder / file picker for backups; answers a path (or null when cancelled), nothing else
  ipcMain.handle(IPC_DIALOG_CHANNEL, async (event, kind: unknown): Promise<string | null> => {
    if (!fromOurWindow(event) || (kind !== 'folder' && kind !== 'backup-file')) return null;
    const win = mainWindow;
    if (!win || win.isDestroyed()) return null;
    const picked = await dialog.showOpenDialog(
      win,
      (kind as PickKind) === 'folder'
        ? { properties: ['openDirectory', 'createDirectory'] }
        : { properties: ['openFile'], filters: [{ name: 'Trade Records backup', extensions: ['sqlite', 'bak'] }, { name: '*', extensions: ['*'] }] },
    );
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Window

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(PRELOAD, dev));
  mainWindow = win;
  // The title stays the app's name, whatever the page's <title> says.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  win.webContents.once('did-fail-load', () => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  const loading = devServerUrl ? win.loadURL(devServerUrl) : win.loadFile(INDEX_HTML);
  loading.catch((e: unknown) => console.error('Could not load the window page', e));
  return win;
}

function focusWindow(): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

// ---------------------------------------------------------------------------------------------------------
// Lifecycle

async function start(): Promise<void> {
  let dataDir: string;
  try {
    dataDir = resolveDataDir();
    const nativeBinding = app.isPackaged ? undefined : process.env[NATIVE_BINDING_ENV] || undefined;
    // the day's automatic backup (30 daily, 12 monthly kept) after each open; a failure is logged, never blocks
    // the window. A damaged file opens the window on the recovery screen (the holder stays in recovery mode).
    holder = await CoreHolder.open(nativeBinding ? { dataDir, nativeBinding, autoBackup: true } : { dataDir, autoBackup: true });
  } catch (e) {
    failStartup(e);
    return;
  }
  const opened = holder;
  if (opened.damaged) console.error(opened.damaged);
  hardenSession(session.defaultSession);
  registerIpc();
  opened.onProgress((e) => {
    const win = mainWindow;
    if (win && !win.isDestroyed() && isRendererUrl(win.webContents.getURL(), renderer)) {
      win.webContents.send(IPC_PROGRESS_CHANNEL, e);
    }
  });
  Menu.setApplicationMenu(
    buildMenu({ dev, dataDir, companyFile: opened.companyFile, window: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null) }),
  );
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another window already has the company file open: it gets focus (below), this process ends.
  app.quit();
} else {
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  hardenWebContents();
  app.on('second-instance', focusWindow);
  // One window over one company file: closing it ends the app on every platform (also macOS).
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    holder?.close();
    holder = null;
  });
  app.whenReady().then(start).catch(failStartup);
}
