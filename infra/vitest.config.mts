import { defineConfig } from 'vitest/config';

// The infra package's own suite (`cd infra && npm test`); the root suite excludes infra/.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Synthesising a whole app takes a few seconds on a busy 2-core machine.
    testTimeout: 120_000,
    maxWorkers: 1,
  },
});
