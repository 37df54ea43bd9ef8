/**
 * Issue 6, "Boundaries", the Electron part, checked without the Electron binary: electron/main/index.ts is
 * loaded with the 'electron' module mocked (every registration recorded), started on a temp data folder, and
 * what it registered is then driven as Electron would:
 *  - the one window's options: contextIsolation, sandbox, no Node integration, webSecurity; app.enableSandbox();
 *  - every response gets our CSP header (the renderer's meta policy), replacing any other; permissions denied;
 *  - every webContents: new windows denied (an http(s) link only to the system browser, and only to a host the
 *    app builds links to), navigation and redirects away from our page prevented, <webview> refused;
 *  - every ipcMain handler refuses a sender that is not our window's main frame showing our page (the API
 *    channel answers 'refused', the picker opens no dialog), and works for our page;
 *  - electron-builder.yml flips the fuses (no RunAsNode, no NODE_OPTIONS, no --inspect, only app.asar,
 *    asar integrity) and packs into app.asar.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, IPC_DIALOG_CHANNEL } from '../shared/bridge';
import { contentSecurityPolicy } from '../electron/main/csp';
import { isAllowedExternalLink } from '../electron/main/sender';

type Fn = (...a: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

const rec = vi.hoisted(() => ({
  appOn: new Map<string, Fn>(),
  ipc: new Map<string, Fn>(),
  windows: [] as { options: any; webContents: any }[], // eslint-disable-line @typescript-eslint/no-explicit-any
  enableSandbox: 0,
  openExternal: [] as string[],
  openDialog: 0,
  errorBoxes: [] as string[],
  headers: undefined as Fn | undefined,
  permissionRequest: undefined as Fn | undefined,
  permissionCheck: undefined as Fn | undefined,
  ready: undefined as (() => void) | undefined,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    constructor(options: unknown) {
      this.webContents = {
        mainFrame: { processId: 7, routingId: 1 },
        send: () => undefined,
        getURL: () => '',
        once: () => undefined,
        on: () => undefined,
      };
      rec.windows.push({ options, webContents: this.webContents });
    }
    on() {}
    once() {}
    loadFile() {
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    isVisible() {
      return true;
    }
    isMinimized() {
      return false;
    }
    show() {}
    focus() {}
    restore() {}
  }
  const app = {
    isPackaged: true,
    getPath: () => os.tmpdir(),
    getVersion: () => '0.0.0',
    getName: () => 'Trade Records',
    requestSingleInstanceLock: () => true,
    enableSandbox: () => void rec.enableSandbox++,
    setAppUserModelId: () => undefined,
    on: (event: string, fn: Fn) => void rec.appOn.set(event, fn),
    whenReady: () => new Promise<void>((resolve) => (rec.ready = resolve)),
    exit: () => undefined,
    quit: () => undefined,
  };
  return {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, message: string) => void rec.errorBoxes.push(`${title}: ${message}`),
      showOpenDialog: async () => {
        rec.openDialog++;
        return { canceled: false, filePaths: ['/picked/folder'] };
      },
      showMessageBox: async () => ({ response: 0 }),
    },
    ipcMain: { handle: (channel: string, fn: Fn) => void rec.ipc.set(channel, fn) },
    Menu: { buildFromTemplate: () => ({}), setApplicationMenu: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => void (rec.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => void (rec.permissionCheck = fn),
        setDevicePermissionHandler: () => undefined,
        webRequest: { onHeadersReceived: (fn: Fn) => void (rec.headers = fn) },
      },
    },
    shell: { openExternal: async (url: string) => void rec.openExternal.push(url), showItemInFolder: () => undefined },
  };
});

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tr-main-shell-'));
/** the page the shell loads: out/renderer/index.html beside the module (electron/main/../renderer) */
const ourPage = pathToFileURL(path.join(__dirname, '..', 'electron', 'renderer', 'index.html')).href;

beforeAll(async () => {
  process.env.TRADE_RECORDS_DATA = dataDir;
  await import('../electron/main/index');
  rec.ready?.();
  await vi.waitFor(() => expect(rec.windows.length).toBe(1), { timeout: 10_000 });
  // the day's automatic backup runs after the open: let it finish before the file is closed
  await vi.waitFor(() => expect(fs.existsSync(path.join(dataDir, 'backups', 'monthly'))).toBe(true), { timeout: 10_000 });
});

afterAll(() => {
  rec.appOn.get('will-quit')?.();
  delete process.env.TRADE_RECORDS_DATA;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function fakeContents() {
  const on = new Map<string, Fn>();
  let openHandler: Fn | undefined;
  const contents = {
    setWindowOpenHandler: (fn: Fn) => void (openHandler = fn),
    on: (event: string, fn: Fn) => void on.set(event, fn),
  };
  rec.appOn.get('web-contents-created')!({}, contents);
  return { open: (url: string) => openHandler!({ url }), on };
}

function navigation(handler: Fn, url: string): boolean {
  let prevented = false;
  handler({ url, preventDefault: () => void (prevented = true) });
  return prevented;
}

describe('the Electron shell, loaded with electron mocked', () => {
  it('started without an error box, sandboxed, one window with the secure web preferences', () => {
    expect(rec.errorBoxes).toEqual([]);
    expect(rec.enableSandbox).toBe(1);
    const prefs = rec.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, devTools: false });
    expect(prefs.preload).toMatch(/preload[\\/]index\.js$/);
  });

  it('puts our CSP on every response, replacing one a response brings, and denies every permission', () => {
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    rec.headers!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, (r: typeof out) => (out = r));
    expect(out!.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy()] });
    const html = fs.readFileSync(path.join(__dirname, '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // the page's own policy is the same, less frame-ancestors (honoured only as a header)
    expect(meta).toBe(contentSecurityPolicy().replace("; frame-ancestors 'none'", ''));
    expect(contentSecurityPolicy()).toMatch(/script-src 'self';/);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval/);
    const granted: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) rec.permissionRequest!({}, p, (ok: boolean) => granted.push(ok));
    expect(granted).toEqual([false, false, false, false, false]);
    expect(rec.permissionCheck!({}, 'media')).toBe(false);
  });

  it('denies new windows; opens only an http(s) link the app built in the system browser', () => {
    const c = fakeContents();
    for (const url of ['https://evil.example/', 'http://127.0.0.1:8750/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', ourPage]) {
      expect(c.open(url), url).toEqual({ action: 'deny' });
    }
    expect(rec.openExternal).toEqual([]);
    // the rule the window open handler applies, with a host on the list
    expect(isAllowedExternalLink('https://www.example.cn/help', ['www.example.cn'])).toBe(true);
    expect(isAllowedExternalLink('http://www.example.cn/', ['www.example.cn'])).toBe(true);
    for (const url of ['https://user:pw@www.example.cn/', 'https://www.example.cn:8443/', 'ftp://www.example.cn/', 'https://www.example.cn.evil.example/', 'mailto:a@b.c', '']) {
      expect(isAllowedExternalLink(url, ['www.example.cn']), url).toBe(false);
    }
  });

  it('prevents navigation and redirects away from our page, and <webview>', () => {
    const c = fakeContents();
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      const h = c.on.get(event)!;
      expect(navigation(h, 'https://evil.example/'), event).toBe(true);
      expect(navigation(h, 'file:///etc/passwd'), event).toBe(true);
      expect(navigation(h, `${ourPage}#orders`), event).toBe(false);
    }
    let prevented = false;
    c.on.get('will-attach-webview')!({ preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('every IPC handler checks its sender: another frame, window or page is refused; our page is served', async () => {
    expect([...rec.ipc.keys()].sort()).toEqual([IPC_CHANNEL, IPC_DIALOG_CHANNEL].sort());
    const win = rec.windows[0]!;
    const top = { processId: 7, routingId: 1, parent: null, detached: false, url: ourPage };
    const ours = { sender: win.webContents, senderFrame: top };
    const strangers = {
      'a sub-frame': { sender: win.webContents, senderFrame: { ...top, routingId: 2, parent: top } },
      'another window': { sender: { other: true }, senderFrame: top },
      'another page in our window': { sender: win.webContents, senderFrame: { ...top, url: 'https://evil.example/' } },
      'a detached frame': { sender: win.webContents, senderFrame: { ...top, detached: true } },
      'no frame': { sender: win.webContents, senderFrame: null },
    };
    const api = rec.ipc.get(IPC_CHANNEL)!;
    const pick = rec.ipc.get(IPC_DIALOG_CHANNEL)!;
    for (const [label, event] of Object.entries(strangers)) {
      expect(await api(event, 'app.info', {}), label).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(await pick(event, 'folder'), label).toBeNull();
    }
    expect(rec.openDialog).toBe(0);
    expect(await api(ours, 'app.info', {})).toMatchObject({ ok: true, value: { dataDir } });
    expect(await api(ours, 'no.such.call', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await pick(ours, 'folder')).toBe('/picked/folder');
    expect(await pick(ours, 'anything-else')).toBeNull();
    expect(rec.openDialog).toBe(1);
  });

  it('a handler registered anywhere in electron/main starts with the sender check', () => {
    const src = fs.readFileSync(path.join(__dirname, '..', 'electron', 'main', 'index.ts'), 'utf8');
    const handlers = [...src.matchAll(/ipcMain\.handle\([^,]+,\s*async\s*\(event[^)]*\)[^{]*\{\s*\n\s*([^\n]+)/g)].map((m) => m[1]!);
    expect(handlers.length).toBe(rec.ipc.size);
    for (const first of handlers) expect(first).toMatch(/fromOurWindow\(event\)/);
    expect(src).not.toMatch(/ipcMain\.on\(/);
  });
});

describe('electron-builder.yml', () => {
  const yml = fs.readFileSync(path.join(__dirname, '..', 'electron-builder.yml'), 'utf8');
  /** the `key: value` lines of the electronFuses block */
  const fuses = Object.fromEntries(
    [...(/^electronFuses:\n((?:[ \t]+.*\n|\s*\n)+)/m.exec(yml)?.[1] ?? '').matchAll(/^\s+(\w+):\s*(\w+)/gm)].map((m) => [m[1]!, m[2]!]),
  );

  it('flips the fuses: no RunAsNode, no NODE_OPTIONS, no --inspect, only the integrity-checked app.asar', () => {
    expect(fuses).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      enableCookieEncryption: 'true',
    });
  });

  it('packs the app into app.asar with only the built files', () => {
    expect(yml).toMatch(/^asar: true$/m);
    expect(yml).toMatch(/^files:\n\s+- out\/\*\*\n\s+- package\.json$/m);
  });
});
