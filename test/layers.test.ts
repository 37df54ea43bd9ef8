/**
 * Layer rules of the desktop shell (DESIGN.md "Layers"):
 *  - only electron/main and electron/preload import 'electron' (core, server, cli, shared and the renderer
 *    must run without it: tests, browser mode and the CLI have no Electron binary);
 *  - the built preload is sandbox-safe: it requires nothing but 'electron';
 *  - the window keeps Electron's security settings (contextIsolation, sandbox, no nodeIntegration).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secureWebPreferences, windowOptions, WINDOW_TITLE } from '../electron/main/window-options';

const root = path.resolve(__dirname, '..');
const SOURCE_EXT = /\.(?:[cm]?[jt]sx?)$/;

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (SOURCE_EXT.test(entry.name)) out.push(p);
  }
  return out;
}

/** import/export … from 'electron', import 'electron', require('electron'), import('electron'), and 'electron/…' subpaths. */
const ELECTRON_IMPORT = /(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)(['"`])electron(?:\/[\w/-]*)?\1/;

/** Source without comments (a comment may mention `from 'electron'`); URLs such as http:// are kept. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}

function importsElectron(source: string): boolean {
  return ELECTRON_IMPORT.test(stripComments(source));
}

/** Module names a built CommonJS/ESM file loads. */
function loadedModules(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g)) names.add(m[2]!);
  for (const m of code.matchAll(/\bimport\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g)) names.add(m[2]!);
  for (const m of code.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*(['"`])([^'"`]+)\1/gm)) names.add(m[2]!);
  for (const m of code.matchAll(/^\s*import\s*(['"`])([^'"`]+)\1/gm)) names.add(m[2]!);
  return [...names];
}

describe("only the shell imports 'electron'", () => {
  it('the detector sees every form of import', () => {
    expect(importsElectron("import { app } from 'electron';")).toBe(true);
    expect(importsElectron('import type { WebPreferences } from "electron";')).toBe(true);
    expect(importsElectron("import 'electron';")).toBe(true);
    expect(importsElectron("const { app } = require('electron');")).toBe(true);
    expect(importsElectron("const e = require( 'electron' )")).toBe(true);
    expect(importsElectron("await import('electron')")).toBe(true);
    expect(importsElectron("import { ipcRenderer } from 'electron/renderer';")).toBe(true);
    expect(importsElectron("export { app } from 'electron';")).toBe(true);
    expect(importsElectron("import x from 'electron-vite';")).toBe(false);
    expect(importsElectron("import x from '../electron/core';")).toBe(false);
    expect(importsElectron('// runs without electron')).toBe(false);
    expect(importsElectron("// not: import { app } from 'electron'")).toBe(false);
    expect(importsElectron("/** only a type import from 'electron' */ const x = 'http://a/';")).toBe(false);
    expect(importsElectron("const u = 'http://x'; import { app } from 'electron';")).toBe(true);
  });

  it('no file in electron/ (outside main and preload), shared/ or renderer/src/ imports it', () => {
    const allowed = [path.join(root, 'electron', 'main') + path.sep, path.join(root, 'electron', 'preload') + path.sep];
    const files = [...walk(path.join(root, 'electron')), ...walk(path.join(root, 'shared')), ...walk(path.join(root, 'renderer', 'src'))];
    expect(files.length).toBeGreaterThan(5);
    const offenders = files
      .filter((f) => !allowed.some((a) => f.startsWith(a)))
      .filter((f) => importsElectron(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('the shell itself does import it (the scan is looking at the right files)', () => {
    expect(importsElectron(fs.readFileSync(path.join(root, 'electron/main/index.ts'), 'utf8'))).toBe(true);
    expect(importsElectron(fs.readFileSync(path.join(root, 'electron/preload/index.ts'), 'utf8'))).toBe(true);
  });

  it("the shell's pure modules do not import it at runtime (only types)", () => {
    for (const f of ['sender.ts', 'csp.ts', 'args.ts', 'window-options.ts']) {
      const src = fs.readFileSync(path.join(root, 'electron/main', f), 'utf8');
      const runtime = src.replace(/^\s*import\s+type\b[^;]*;/gm, '');
      expect(importsElectron(runtime), f).toBe(false);
    }
  });
});

describe('the built preload (out/preload/index.js)', () => {
  const built = path.join(root, 'out', 'preload', 'index.js');
  it.skipIf(!fs.existsSync(built))('loads nothing but electron, as CommonJS (a sandboxed preload can do no more)', () => {
    const code = fs.readFileSync(built, 'utf8');
    expect(loadedModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(?:import|export)\s/m);
  });
  it.skipIf(!fs.existsSync(built))('exposes one object, window.api, and never ipcRenderer itself', () => {
    const code = fs.readFileSync(built, 'utf8');
    const exposed = [...code.matchAll(/exposeInMainWorld\(\s*(['"])(\w+)\1\s*,\s*([^)\s,]*)/g)];
    expect(exposed.map((m) => m[2])).toEqual(['api']);
    expect(exposed.every((m) => !/ipcRenderer\s*$/.test(m[3]!))).toBe(true);
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
  it('the loader detector finds require, import and dynamic import', () => {
    expect(loadedModules('let e = require("electron");\nconst f = require("node:fs");').sort()).toEqual(['electron', 'node:fs']);
    expect(loadedModules("import { x } from 'y';\nimport 'z';\nawait import('w')").sort()).toEqual(['w', 'y', 'z']);
  });
});

describe('window security settings', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.js', false);

  it('has contextIsolation, sandbox and webSecurity on, Node integration off everywhere', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/index.js');
    expect(secureWebPreferences('/p', true).devTools).toBe(true);
    expect(prefs.devTools).toBe(false);
  });

  it('the window uses those settings and the app title', () => {
    const opts = windowOptions('/app/out/preload/index.js', false);
    expect(opts.webPreferences).toEqual(prefs);
    expect(opts.title).toBe(WINDOW_TITLE);
    expect(WINDOW_TITLE).toBe('Trade Records 贸易台账');
  });

  it('the shell builds its one window from windowOptions()', () => {
    const files = walk(path.join(root, 'electron', 'main'));
    const creations = files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/new BrowserWindow\(([^)]*)/g)].map((m) => m[1]!));
    expect(creations).toHaveLength(1);
    expect(creations[0]).toMatch(/^windowOptions\(/);
  });
});
