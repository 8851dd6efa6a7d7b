/**
 * Signing in and out through the branded form: a wrong password shows the error in the tenant's
 * language and does not sign in; the right one opens the app; signing out ends the session (the
 * API then answers 401 and a reload shows the sign-in form again).
 */
import { expect, test } from '@playwright/test';
import { TENANTS, url } from './support/env.js';
import { expectShell, pageFetch, signInWithForm } from './support/helpers.js';

test('a wrong password shows a translated error (Spanish on granja)', async ({ page }) => {
  await signInWithForm(page, 'granja', 'owner', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Correo o contraseña incorrectos.');
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toHaveCount(0);
  expect((await pageFetch(page, '/api/v1/auth/me')).status).toBe(401);
});

test('a wrong password shows a translated error (English on cliente2)', async ({ page }) => {
  await signInWithForm(page, 'cliente2', 'owner', 'not-the-password');
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
});

test('sign in, then sign out ends the session', async ({ page }) => {
  await signInWithForm(page, 'granja', 'manager');
  await expectShell(page, 'granja');
  await expect(page.getByRole('banner')).toContainText('(gerente)');
  const me = await pageFetch(page, '/api/v1/auth/me');
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ role: 'manager', tenant: { id: 'granja' } });

  const logout = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  expect((await logout).status()).toBe(204);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Iniciar sesión en ${TENANTS.granja.name}`);
  expect((await pageFetch(page, '/api/v1/auth/me')).status).toBe(401);
  expect((await page.context().cookies(url('granja'))).filter((c) => c.name.includes('fluxion_session'))).toEqual([]);
  await page.reload();
  await expect(page.getByLabel('Contraseña')).toBeVisible();
});
