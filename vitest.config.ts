import { defineConfig } from 'vitest/config';

// Unit and integration tests beside the code. Integration tests open a real database each:
// embedded PGlite by default, the PostgreSQL server of TEST_DATABASE_URL under `npm run test:pg`.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
