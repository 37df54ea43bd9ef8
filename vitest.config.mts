import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // better-sqlite3 is a native module: forks are the safe pool for it.
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
