// Builds the app (electron-vite build) when out/ is missing or older than the sources.
// Used by `npm run web` so that a fresh checkout and an edited one both serve what the sources say.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['electron', 'renderer', 'shared', 'package.json', 'electron.vite.config.mts'];
const OUTPUTS = ['out/main/cli.js', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'];

function newestMtime(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function isStale() {
  const outs = OUTPUTS.map((o) => path.join(root, o));
  if (outs.some((o) => !fs.existsSync(o))) return true;
  const built = Math.min(...outs.map((o) => fs.statSync(o).mtimeMs));
  const src = Math.max(...SOURCES.map((s) => path.join(root, s)).filter((s) => fs.existsSync(s)).map(newestMtime));
  return src > built;
}

export function buildIfStale() {
  if (!isStale()) return;
  console.log('Building Trade Records (electron-vite build)…');
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const r = spawnSync(bin, ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error('Trade Records: the build failed (see above). Run `npm run build` to see the full output.');
    process.exit(1);
  }
}
