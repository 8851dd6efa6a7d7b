/**
 * Impersonation as a tenant's users see it: a platform admin opens a granja session through the
 * single-use grant, and every page of the app carries the banner naming the admin, the user and
 * the reason (from GET /api/v1/auth/me).
 */
import { expect, test } from '@playwright/test';
import { pageFetch } from './support/helpers.js';
import { PASSWORD, url } from './support/env.js';

const ADMIN = 'admin@fluxion.demo';
const REASON = 'Checking the stock figures the staff reported';

test('an impersonation session shows the banner on every page, and an ordinary one does not', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url('admin'));
  const login = await pageFetch(page, '/api/v1/admin/auth/login', { method: 'POST', body: { email: ADMIN, password: PASSWORD } });
  expect(login.status).toBe(200);
  const grant = await pageFetch(page, '/api/v1/admin/tenants/granja/impersonate', { method: 'POST', body: { reason: REASON, user_email: 'staff@granja.demo' } });
  expect(grant.status).toBe(201);
  const target = (grant.body as { url: string }).url;
  expect(new URL(target).host).toBe(new URL(url('granja')).host);

  await page.goto(target);
  await expect(page).toHaveURL(url('granja', '/'));
  const banner = page.locator('[data-impersonation]');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(ADMIN);
  await expect(banner).toContainText('staff@granja.demo');
  await expect(banner).toContainText(REASON);
  // Still there on another page of the app.
  await page.getByRole('navigation').getByRole('link', { name: 'Inventario' }).click();
  await expect(page).toHaveURL(/\/inventory/);
  await expect(banner).toBeVisible();
  await context.close();

  // An ordinary session of the same user has no banner.
  const plain = await browser.newContext();
  const p2 = await plain.newPage();
  await p2.goto(url('granja'));
  await p2.getByLabel('Correo electrónico').fill('staff@granja.demo');
  await p2.getByLabel('Contraseña').fill(PASSWORD);
  await p2.getByRole('button', { name: 'Entrar' }).click();
  await expect(p2.getByRole('navigation').getByRole('link', { name: 'Inventario' })).toBeVisible();
  await expect(p2.locator('[data-impersonation]')).toHaveCount(0);
  await plain.close();
});
