/**
 * Helpers shared by the end-to-end tests: signing in through the form, calling the API from
 * inside the page (same origin, the page's cookies), waiting for the signed-in shell, and the
 * axe-core check (no serious or critical violations; the violations are printed on failure).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { email, PASSWORD, TENANTS, url, type Role, type TenantId } from './env.js';

/** Opens the tenant's host signed out and signs in through the branded form. */
export async function signInWithForm(page: Page, tenant: TenantId, role: Role = 'owner', password = PASSWORD): Promise<void> {
  await page.goto(url(tenant, '/'));
  await page.getByLabel(/correo|email/i).fill(email(tenant, role));
  await page.getByLabel(/contraseña|password/i).fill(password);
  await page.getByRole('button', { name: /^(entrar|sign in)$/i }).click();
}

/** The signed-in shell is on screen: the header with the tenant's name and the sign-out button. */
export async function expectShell(page: Page, tenant: TenantId): Promise<void> {
  const banner = page.getByRole('banner');
  await expect(banner).toContainText(TENANTS[tenant].name);
  await expect(banner.getByRole('button', { name: /cerrar sesión|sign out/i })).toBeVisible();
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** fetch() run by the page itself: same origin, its cookies, optional extra headers. */
export async function pageFetch(page: Page, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<ApiAnswer> {
  return page.evaluate(
    async ({ path, method, headers, body }) => {
      const res = await fetch(path, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed };
    },
    { path, method: init.method ?? 'GET', headers: init.headers ?? {}, body: init.body },
  );
}

/** Runs axe-core (WCAG 2.1 A/AA) on the page as it is and fails on serious or critical findings. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map((v) => `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join('\n')}`)
    .join('\n');
  expect(bad.map((v) => `${v.impact}: ${v.id}`), `axe-core found serious/critical violations on ${what}:\n${report}`).toEqual([]);
}

/** The page has finished loading: its heading is there and no loading state is left on screen. */
export async function expectSettled(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.state-loading')).toHaveCount(0);
  await expect(page.locator('.state-error')).toHaveCount(0);
}
