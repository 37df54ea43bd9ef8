import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Three electron-vite entries. The "main" build (Node target) has three inputs:
 *  - index: the Electron shell (the only bundle that imports 'electron');
 *  - cli:   the command line (`trade-records ...`, including `web` = browser mode), plain Node;
 *  - worker: the worker-thread entry of long jobs (electron/core/jobs: ledgers export), loaded by the
 *            job runner from out/main/worker.js in the app and the CLI, and by test/jobs.test.ts.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          cli: resolve(root, 'electron/cli/index.ts'),
          worker: resolve(root, 'electron/core/jobs/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(root, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
