import { defineConfig } from 'vitest/config';

// Browser tests: the real server (`src/server/main.ts` on a copy of the demo book, built once per
// run by book.setup.ts) driven through Debian's Chromium by playwright-core.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Screens wait on a server that is slow on a busy 2-core machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    globalSetup: ['e2e/book.setup.ts'],
  },
});
