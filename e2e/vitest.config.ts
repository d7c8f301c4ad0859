import { defineConfig } from 'vitest/config';

// Browser tests: the real server (`src/server/main.ts` on a fresh embedded database with the
// demo bank) driven through Debian's Chromium by playwright-core.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
