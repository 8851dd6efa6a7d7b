import { defineConfig } from 'vitest/config';

/**
 * `FLUXION_TEST_BACKEND=postgres` runs the integration suite (everything built on
 * test/support/app.ts or openTestStore) again on PostgreSQL. Tests that do not depend on the
 * backend choice are left out of that second pass: pure unit tests under src/, the CLI and demo
 * tests (their child processes use a DuckDB data directory of their own), the docs checks, and
 * the tests that always run on PostgreSQL anyway (row-level security, transfers, clusters).
 */
const postgresPass = process.env.FLUXION_TEST_BACKEND === 'postgres';
/** FLUXION_TEST_REPORT_DIR=<dir>: also write <dir>/vitest.json (vitest-postgres.json on the second pass) for CI. */
const reportDir = process.env.FLUXION_TEST_REPORT_DIR;
const backendNeutral = ['src/**', 'test/cli/**', 'test/imports/read/**', 'test/demo.test.ts', 'test/docs.test.ts', 'test/config.test.ts', 'test/load-shedding.test.ts', 'test/resilience/**', 'test/security/rls.test.ts', 'test/transfer/**', 'test/cluster/**', 'test/deploy/**'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['node_modules', 'dist', 'infra', 'web', 'test/e2e/**', ...(postgresPass ? backendNeutral : [])],
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    ...(reportDir ? { reporters: ['default', 'json'], outputFile: { json: `${reportDir}/vitest${postgresPass ? '-postgres' : ''}.json` } } : {}),
  },
});
