/**
 * The Electron shell's pure decisions, checked without the Electron binary: who may call the core over IPC
 * (electron/main/sender.ts), the CSP header (csp.ts) and the --data option (args.ts).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataDirFromArgv } from '../electron/main/args';
import { contentSecurityPolicy } from '../electron/main/csp';
import { isRendererUrl, isTrustedSender, rendererLocation, type RendererLocation } from '../electron/main/sender';

const posixIndex = '/opt/Trade Records/resources/app.asar/out/renderer/index.html';
const built: RendererLocation = { kind: 'file', url: pathToFileURL(posixIndex).href };
const dev: RendererLocation = { kind: 'dev', origin: 'http://localhost:5173' };

describe('isTrustedSender: built page (file://)', () => {
  const ok = (url: string | null | undefined, main = true) => isTrustedSender(url, main, built, 'linux');

  it('accepts the main frame showing our index.html, with or without hash and query', () => {
    expect(built.kind === 'file' && built.url).toBe('file:///opt/Trade%20Records/resources/app.asar/out/renderer/index.html');
    expect(ok('file:///opt/Trade%20Records/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(ok('file:///opt/Trade%20Records/resources/app.asar/out/renderer/index.html#/orders')).toBe(true);
    expect(ok('file:///opt/Trade%20Records/resources/app.asar/out/renderer/index.html?lang=zh')).toBe(true);
    // the same path spelled with an unescaped space (url.format style) is the same file
    expect(ok('file:///opt/Trade Records/resources/app.asar/out/renderer/index.html')).toBe(true);
  });

  it('refuses a sub-frame, even one showing our page', () => {
    expect(ok(built.kind === 'file' ? built.url : '', false)).toBe(false);
  });

  it('refuses other files, other folders and path tricks', () => {
    expect(ok('file:///opt/Trade%20Records/resources/app.asar/out/renderer/other.html')).toBe(false);
    expect(ok('file:///tmp/index.html')).toBe(false);
    expect(ok('file:///opt/Trade%20Records/resources/app.asar/out/renderer/index.html/x')).toBe(false);
    expect(ok('file:///opt/Trade%20Records/resources/app.asar/out/renderer/INDEX.html')).toBe(false);
    expect(ok('file://evil-host/opt/Trade%20Records/resources/app.asar/out/renderer/index.html')).toBe(false);
  });

  it('refuses web pages, missing and malformed URLs', () => {
    expect(ok('https://example.com/out/renderer/index.html')).toBe(false);
    expect(ok('http://localhost:5173/')).toBe(false);
    expect(ok('about:blank')).toBe(false);
    expect(ok('data:text/html,<p>hi</p>')).toBe(false);
    expect(ok('')).toBe(false);
    expect(ok(null)).toBe(false);
    expect(ok(undefined)).toBe(false);
    expect(ok('not a url')).toBe(false);
  });

  it('compares Windows paths case-blind, and only on Windows', () => {
    const win: RendererLocation = { kind: 'file', url: 'file:///C:/Program%20Files/Trade%20Records/resources/app.asar/out/renderer/index.html' };
    expect(isTrustedSender('file:///c:/program%20files/Trade%20Records/resources/app.asar/out/renderer/index.html', true, win, 'win32')).toBe(true);
    expect(isTrustedSender('file:///C:/Program%20Files/Trade%20Records/resources/app.asar/out/renderer/index.html', true, win, 'win32')).toBe(true);
    expect(isTrustedSender('file:///D:/Program%20Files/Trade%20Records/resources/app.asar/out/renderer/index.html', true, win, 'win32')).toBe(false);
    expect(isTrustedSender('file:///opt/trade%20records/resources/app.asar/out/renderer/index.html', true, built, 'linux')).toBe(false);
  });

  it('handles non-ASCII folders (a user named 张三)', () => {
    const p = '/home/张三/app/out/renderer/index.html';
    const loc: RendererLocation = { kind: 'file', url: pathToFileURL(p).href };
    expect(isTrustedSender(pathToFileURL(p).href, true, loc, 'linux')).toBe(true);
    expect(isTrustedSender(`file://${p}`, true, loc, 'linux')).toBe(true);
    expect(isTrustedSender(pathToFileURL('/home/李四/app/out/renderer/index.html').href, true, loc, 'linux')).toBe(false);
  });
});

describe('isTrustedSender: dev server', () => {
  it('accepts pages of the dev server origin only', () => {
    expect(isTrustedSender('http://localhost:5173/', true, dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/index.html#/parties', true, dev)).toBe(true);
    expect(isTrustedSender('http://localhost:5173/', false, dev)).toBe(false);
    expect(isTrustedSender('http://localhost:5174/', true, dev)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:5173/', true, dev)).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', true, dev)).toBe(false);
    expect(isTrustedSender('http://localhost:5173.evil.com/', true, dev)).toBe(false);
    expect(isTrustedSender('file:///work/main/out/renderer/index.html', true, dev)).toBe(false);
    expect(isTrustedSender('ws://localhost:5173/', true, dev)).toBe(false);
  });
});

describe('rendererLocation', () => {
  it('is the dev server origin when one is given, else the built file', () => {
    expect(rendererLocation('file:///a/index.html', 'http://localhost:5173/')).toEqual(dev);
    expect(rendererLocation('file:///a/index.html', undefined)).toEqual({ kind: 'file', url: 'file:///a/index.html' });
    expect(rendererLocation('file:///a/index.html', '')).toEqual({ kind: 'file', url: 'file:///a/index.html' });
    expect(() => rendererLocation('file:///a/index.html', 'file:///etc/')).toThrow(/http/);
  });

  it('isRendererUrl is the navigation rule: only our page', () => {
    expect(isRendererUrl('file:///opt/Trade%20Records/resources/app.asar/out/renderer/index.html#/x', built, 'linux')).toBe(true);
    expect(isRendererUrl('https://example.com/', built, 'linux')).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  const production =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  it('is the renderer meta policy in production', () => {
    expect(contentSecurityPolicy()).toBe(production);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|\*/);
  });

  it("lets Vite's hot-reload socket connect in dev, and nothing else changes", () => {
    const devCsp = contentSecurityPolicy('http://localhost:5173/');
    expect(devCsp).toContain("connect-src 'self' ws://localhost:5173;");
    expect(devCsp.replace(' ws://localhost:5173', '')).toBe(production);
    expect(contentSecurityPolicy('https://localhost:5173')).toContain("connect-src 'self' wss://localhost:5173;");
  });
});

describe('dataDirFromArgv', () => {
  const cwd = path.resolve('/work/here');
  it('reads --data <folder> and --data=<folder>, resolved against the working folder', () => {
    expect(dataDirFromArgv(['.', '--data', '/srv/books'], cwd)).toBe(path.resolve('/srv/books'));
    expect(dataDirFromArgv(['--data=books'], cwd)).toBe(path.resolve(cwd, 'books'));
    expect(dataDirFromArgv(['--data', '贸易 台账'], cwd)).toBe(path.resolve(cwd, '贸易 台账'));
  });
  it('is undefined without the option', () => {
    expect(dataDirFromArgv([], cwd)).toBeUndefined();
    expect(dataDirFromArgv(['.', '--inspect', 'data'], cwd)).toBeUndefined();
    expect(dataDirFromArgv(['--', '--data', 'x'], cwd)).toBeUndefined();
  });
  it('refuses --data without a folder', () => {
    expect(() => dataDirFromArgv(['--data'], cwd)).toThrow(/needs a folder/);
    expect(() => dataDirFromArgv(['--data='], cwd)).toThrow(/needs a folder/);
    expect(() => dataDirFromArgv(['--data', '--other'], cwd)).toThrow(/needs a folder/);
  });
});
