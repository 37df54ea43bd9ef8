/**
 * What every browser test needs: the built renderer served in browser mode (in-process, free port, fresh
 * data folder) and a headless Chromium page on it, collecting page errors; screenshots to TR_SHOTS.
 * Needs `npx electron-vite build` first (npm test runs it; TR_RENDERER_DIR to test a copy of out/renderer instead)
 * and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../electron/server';
import type { ApiArg, ApiName, ApiResult } from '../../shared/api';

const ROOT = path.resolve(__dirname, '..', '..');
/** TR_RENDERER_DIR: a copy of the build to test, when out/ may be rebuilt while the tests run */
export const RENDERER_DIR = process.env.TR_RENDERER_DIR ?? path.join(ROOT, 'out', 'renderer');
export const SHOTS = process.env.TR_SHOTS ?? '/tmp/tr-shots';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface BrowserApp {
  server: RunningServer;
  browser: Browser;
  page: Page;
  dataDir: string;
  /** page errors and console errors (a refused call's 4xx is expected and not counted) */
  pageErrors: string[];
  /** call the core directly (set up data, check what was written) */
  call<N extends ApiName>(name: N, arg: ApiArg<N>): Promise<ApiResult<N>>;
  /** a screenshot of the page to SHOTS, `<name>-` prefixed when the app was opened with a name */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserAppOptions {
  /** names the file's data folder and prefixes its screenshots: `shot('01-x')` writes `<name>-01-x.png` */
  name?: string;
  locale?: string;
  width?: number;
  height?: number;
  /** for a test that saves what the page downloads */
  acceptDownloads?: boolean;
  /** fill (or damage) the data folder before the server opens it */
  prepare?: (dataDir: string) => Promise<void> | void;
}

export async function openBrowserApp(opts: BrowserAppOptions = {}): Promise<BrowserApp> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: build the app first with "npx electron-vite build" (npm test does it).`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  fs.mkdirSync(SHOTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), opts.name ? `tr-e2e-${opts.name}-` : 'tr-e2e-'));
  await opts.prepare?.(dataDir);
  const server = await startServer({ dataDir, port: 0, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const page = await browser.newPage({
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 },
    locale: opts.locale ?? 'zh-CN',
    acceptDownloads: opts.acceptDownloads,
  });
  page.setDefaultTimeout(8000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) pageErrors.push(`console: ${m.text()}`);
  });
  return {
    server,
    browser,
    page,
    dataDir,
    pageErrors,
    async call(name, arg) {
      const r = await server.core.call(name, arg);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value;
    },
    shot: async (name) => void (await page.screenshot({ path: path.join(SHOTS, `${opts.name ? `${opts.name}-` : ''}${name}.png`) })),
    async close() {
      await browser.close();
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
