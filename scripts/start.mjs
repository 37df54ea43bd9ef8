// npm start [-- --data <folder>]: the desktop window, from a dev checkout.
//
//  1. Find the Electron runtime. The `electron` package downloads its binary (from GitHub, or ELECTRON_MIRROR)
//     on the first require; offline that fails, and we say so in one line and point at browser mode.
//  2. Make sure an Electron-ABI build of better-sqlite3 exists in .electron-native/ (outside
//     node_modules/better-sqlite3, whose Node build the tests, the CLI and browser mode keep using): a copy of
//     the package gets a prebuilt binary (prebuild-install), or is compiled against Electron's headers (node-gyp).
//  3. Build the app if out/ is older than the sources (electron-vite build).
//  4. Run Electron on this folder, telling electron/main where the Electron build of better-sqlite3 is
//     (TRADE_RECORDS_NATIVE_BINDING; a packaged app ignores it and uses the one electron-builder rebuilt).
//
// Steps 1 and 2 come before the build so that a machine that cannot run the window learns it at once.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale, root } from './build-if-stale.mjs';

/** The env var electron/main reads (electron/main/index.ts NATIVE_BINDING_ENV). */
const NATIVE_BINDING_ENV = 'TRADE_RECORDS_NATIVE_BINDING';
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
/** Seconds to wait for the Electron download; override with TRADE_RECORDS_DOWNLOAD_TIMEOUT (seconds). */
const DOWNLOAD_TIMEOUT_S = Number(process.env.TRADE_RECORDS_DOWNLOAD_TIMEOUT) || 120;
/** Seconds to allow compiling better-sqlite3 (SQLite itself is a large C file). */
const COMPILE_TIMEOUT_S = 15 * 60;
const BROWSER_MODE_HINT = 'Use browser mode instead: npm run web';

class StartError extends Error {}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Run a command with a time limit. On POSIX the child leads its own process group, so a timeout also ends
 * what it started (electron's index.js runs its installer as a grandchild).
 * @returns {Promise<{ code: number | null, timedOut: boolean, output: string }>}
 */
function run(command, args, { cwd = root, env = process.env, timeoutS, capture = true }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    let output = '';
    let timedOut = false;
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid);
    }, timeoutS * 1000);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, timedOut, output: output + `\n${e.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, output });
    });
  });
}

function killTree(pid) {
  if (!pid) return;
  try {
    if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The one telling reason in a failed tool's output ("TypeError: fetch failed" → "fetch failed"). */
export function shortReason(output) {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.replace(/^(?:gyp (?:ERR!|WARN|http)|prebuild-install (?:warn|err!|http))\s*(?:stack\s*|install\s*|request\s*)?/, '').trim())
    .filter(Boolean);
  const noise = /Electron failed to install correctly|^at\s|^Node\.js v|^\^+$|^throw\b|^not ok$|^(?:System|command|cwd|node -v|node-gyp -v)\b/;
  const useful = lines.filter((l) => !noise.test(l));
  // A network error names its cause (getaddrinfo ENOTFOUND github.com); node-gyp only says "network connectivity".
  const net = useful.find((l) => /\b(?:ENOTFOUND|ETIMEDOUT|ECONNREFUSED|ECONNRESET|EAI_AGAIN|CERT_\w+|fetch failed)\b/.test(l));
  const url = output.match(/\bGET (https?:\/\/\S+)/)?.[1];
  const error = useful.find((l) => /^\w*Error\b/.test(l));
  let reason;
  if (net) reason = net.replace(/^\w*Error:\s*/, '');
  else if (url && /network connectivity/.test(output)) reason = `cannot download ${url}`;
  else if (error) reason = error.replace(/^\w*Error:\s*/, '');
  else reason = useful.at(-1) ?? 'no output';
  return reason.slice(0, 200);
}

// ---------------------------------------------------------------------------------------------------------
// 1. The Electron runtime

/** Path of the Electron executable; downloads it on first use (that is what require('electron') does). */
async function findElectron() {
  const r = await run(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { timeoutS: DOWNLOAD_TIMEOUT_S });
  let reason;
  if (r.timedOut) reason = `the download did not finish within ${DOWNLOAD_TIMEOUT_S} s; set TRADE_RECORDS_DOWNLOAD_TIMEOUT to wait longer`;
  else if (r.code !== 0) reason = /Cannot find module 'electron'/.test(r.output) ? 'the electron package is not installed' : shortReason(r.output);
  else if (!fs.existsSync(r.output.trim())) reason = `${r.output.trim()} does not exist`;
  if (reason) {
    throw new StartError(
      `Trade Records: the desktop window needs the Electron runtime, which could not be downloaded here (${reason}). ${BROWSER_MODE_HINT}`,
    );
  }
  return r.output.trim();
}

// ---------------------------------------------------------------------------------------------------------
// 2. better-sqlite3 built for Electron

function nativeBindingTarget() {
  const electron = readJson(path.join(root, 'node_modules', 'electron', 'package.json')).version;
  const sqlite = readJson(path.join(root, 'node_modules', 'better-sqlite3', 'package.json')).version;
  const file = path.join(
    root,
    '.electron-native',
    `electron-${electron}-${process.platform}-${process.arch}`,
    `better-sqlite3-${sqlite}`,
    'better_sqlite3.node',
  );
  return { electron, sqlite, file };
}

/** npm passes its config as npm_config_* variables; ones naming a runtime or headers would override ours. */
function buildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source)$/i.test(key)) delete env[key];
  }
  return env;
}

/** A copy of node_modules/better-sqlite3 without its Node build, to build in without touching the original. */
function copyPackage() {
  const src = path.join(root, 'node_modules', 'better-sqlite3');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trade-records-sqlite-'));
  const dest = path.join(dir, 'better-sqlite3');
  fs.cpSync(src, dest, { recursive: true, filter: (p) => path.relative(src, p).split(path.sep)[0] !== 'build' });
  return { dir, pkg: dest };
}

/** A tool from the app's node_modules (prebuild-install comes with better-sqlite3, node-gyp with electron-builder). */
function toolPath(spec) {
  return createRequire(path.join(root, 'package.json')).resolve(spec);
}

/** Try a prebuilt binary, then a build from source; returns the built .node or throws with both reasons. */
async function buildNativeBinding({ runtime, target, arch = process.arch, platform = process.platform }) {
  const { dir, pkg } = copyPackage();
  const built = path.join(pkg, 'build', 'Release', 'better_sqlite3.node');
  const env = buildEnv();
  try {
    const prebuilt = await run(
      process.execPath,
      [toolPath('prebuild-install/bin.js'), '--runtime', runtime, '--target', target, '--arch', arch, '--platform', platform, '--verbose'],
      { cwd: pkg, env, timeoutS: DOWNLOAD_TIMEOUT_S },
    );
    if (prebuilt.code === 0 && fs.existsSync(built)) return { dir, built };
    const prebuiltReason = prebuilt.timedOut ? `no answer within ${DOWNLOAD_TIMEOUT_S} s` : shortReason(prebuilt.output);

    const gypArgs = ['rebuild', '--release', '--jobs=max', `--runtime=${runtime}`, `--target=${target}`, `--arch=${arch}`];
    if (runtime === 'electron') gypArgs.push(`--dist-url=${ELECTRON_HEADERS_URL}`);
    const compiled = await run(process.execPath, [toolPath('node-gyp/bin/node-gyp.js'), ...gypArgs], {
      cwd: pkg,
      env,
      timeoutS: COMPILE_TIMEOUT_S,
    });
    if (compiled.code === 0 && fs.existsSync(built)) return { dir, built };
    const compiledReason = compiled.timedOut ? `did not finish within ${COMPILE_TIMEOUT_S} s` : shortReason(compiled.output);
    throw new StartError(`prebuilt binary: ${prebuiltReason}; build from source: ${compiledReason}`);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The cached Electron build of better-sqlite3, made on first use. */
async function ensureNativeBinding() {
  const t = nativeBindingTarget();
  if (fs.existsSync(t.file)) return t.file;
  console.log(`Trade Records: preparing better-sqlite3 ${t.sqlite} for Electron ${t.electron} (first run only)…`);
  let result;
  try {
    result = await buildNativeBinding({ runtime: 'electron', target: t.electron });
  } catch (e) {
    const why = e instanceof StartError ? e.message : String(e?.message ?? e);
    throw new StartError(`Trade Records: could not prepare better-sqlite3 for Electron ${t.electron} (${why}). ${BROWSER_MODE_HINT}`);
  }
  fs.mkdirSync(path.dirname(t.file), { recursive: true });
  const partial = `${t.file}.partial`;
  fs.copyFileSync(result.built, partial);
  fs.renameSync(partial, t.file);
  fs.rmSync(result.dir, { recursive: true, force: true });
  return t.file;
}

// ---------------------------------------------------------------------------------------------------------
// 4. The window

function launch(electronPath, nativeBinding, appArgs) {
  const env = { ...process.env, [NATIVE_BINDING_ENV]: nativeBinding };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electronPath, [root, ...appArgs], { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => {
    console.error(`Trade Records: could not start Electron (${e.message}). ${BROWSER_MODE_HINT}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const electronPath = await findElectron();
  const nativeBinding = await ensureNativeBinding();
  buildIfStale();
  launch(electronPath, nativeBinding, process.argv.slice(2));
}

// Run only as a script (the functions above can be imported to try a step on its own).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof StartError ? e.message : `Trade Records: npm start failed: ${e?.stack ?? e}`);
    process.exit(1);
  });
}

export { buildNativeBinding, ensureNativeBinding, findElectron, nativeBindingTarget };
