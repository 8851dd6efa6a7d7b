/**
 * End-to-end tests (test/e2e) in the system Chromium against a real Fluxion server on its own
 * throw-away data (scripts/e2e-server.mjs: the small demo plus a suspended company). Pages are
 * reached on their tenant hosts, http://granja.localhost:4310 and http://cliente2.localhost:4310
 * (Chromium resolves *.localhost to this machine). `npm run test:e2e` checks for Chromium first.
 *
 *   FLUXION_E2E_PORT          port of the server (default 4310)
 *   CHROME_PATH               the browser (default /usr/bin/chromium)
 *   FLUXION_TEST_REPORT_DIR   also write <dir>/playwright.json (CI prints its counts)
 *   FLUXION_E2E_REUSE=1       use a server already running on the port (while writing tests)
 */
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { join } from 'node:path';

const port = Number(process.env.FLUXION_E2E_PORT ?? 4310);
const reportDir = process.env.FLUXION_TEST_REPORT_DIR;
const reporter: ReporterDescription[] = [['list']];
if (reportDir) reporter.push(['json', { outputFile: join(reportDir, 'playwright.json') }]);

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/support/global-setup.ts',
  fullyParallel: false,
  // Two cores: the server, the browser and the runner share them.
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter,
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
    viewport: { width: 1280, height: 800 },
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `http://127.0.0.1:${port}/readyz`,
    env: { FLUXION_E2E_PORT: String(port) },
    timeout: 180_000,
    reuseExistingServer: process.env.FLUXION_E2E_REUSE === '1',
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
