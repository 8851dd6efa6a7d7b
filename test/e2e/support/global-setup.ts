/**
 * Runs once before the end-to-end tests (after the server is up): signs in each demo account the
 * tests use, through the API inside the real browser on the tenant's host, and saves the browser
 * state (the host-only session cookie) for `test.use({ storageState })`. The server limits
 * sign-ins per address, so tests reuse these sessions; the sign-in tests themselves use the form.
 */
import { chromium, type FullConfig } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { authFile, email, PASSWORD, SESSIONS, url } from './env.js';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const launchOptions = config.projects[0]?.use.launchOptions ?? {};
  const browser = await chromium.launch(launchOptions);
  try {
    for (const [tenant, role] of SESSIONS) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url(tenant, '/'));
      const status = await page.evaluate(
        async ([user, password]) => {
          const res = await fetch('/api/v1/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ email: user, password }),
          });
          return res.status;
        },
        [email(tenant, role), PASSWORD] as const,
      );
      if (status !== 200) throw new Error(`Signing in ${email(tenant, role)} answered ${status}`);
      const file = authFile(tenant, role);
      mkdirSync(dirname(file), { recursive: true });
      await context.storageState({ path: file });
      await context.close();
    }
  } finally {
    await browser.close();
  }
}
