/**
 * Runs once before the end-to-end tests (after the server is up): signs in each demo account the
 * tests use, through the API inside the real browser on the tenant's host, and saves the browser
 * state (the host-only session cookie) for `test.use({ storageState })`. The server limits
 * sign-ins per address, so tests reuse these sessions; the sign-in tests themselves use the form.
 */
import { chromium, type FullConfig } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { authFile, email, PASSWORD, SCRATCH, SESSIONS, url } from './env.js';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const launchOptions = config.projects[0]?.use.launchOptions ?? {};
  const browser = await chromium.launch(launchOptions);
  try {
    const accounts = [
      ...SESSIONS.map(([tenant, role]) => ({ tenant: tenant as string, user: email(tenant, role), password: PASSWORD, file: authFile(tenant, role) })),
      { tenant: SCRATCH.id, user: SCRATCH.owner, password: SCRATCH.password, file: authFile(SCRATCH.id) },
    ];
    for (const account of accounts) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url(account.tenant, '/'));
      const status = await page.evaluate(
        async ([user, password]) => {
          const res = await fetch('/api/v1/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ email: user, password }),
          });
          return res.status;
        },
        [account.user, account.password] as const,
      );
      if (status !== 200) throw new Error(`Signing in ${account.user} on ${account.tenant} answered ${status}`);
      mkdirSync(dirname(account.file), { recursive: true });
      await context.storageState({ path: account.file });
      await context.close();
    }
  } finally {
    await browser.close();
  }
}
