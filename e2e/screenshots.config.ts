import { defineConfig } from 'vitest/config';

// The README's screenshots, taken from the demo book (`npm run screenshots`): not part of
// `npm run test:e2e`, since CI need not redraw them on every run.
export default defineConfig({
  test: {
    include: ['e2e/screenshots.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Screens wait on a server that is slow on a busy 2-core machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    pool: 'forks',
    maxWorkers: 1,
    globalSetup: ['e2e/book.setup.ts'],
  },
});
