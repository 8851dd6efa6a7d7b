/**
 * The language switch: changes the visible strings at once, sets <html lang>, and is remembered
 * in this browser (a reload keeps it), on the sign-in page and in the signed-in app.
 */
import { expect, test } from '@playwright/test';
import { authFile, url } from './support/env.js';
import { expectShell } from './support/helpers.js';

test.describe('signed in on granja (Spanish by default)', () => {
  test.use({ storageState: authFile('granja') });

  test('switching to English changes the strings and survives a reload', async ({ page }) => {
    await page.goto(url('granja', '/'));
    await expectShell(page, 'granja');
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: 'Inventario', exact: true })).toBeVisible();

    await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await expect(nav.getByRole('link', { name: 'Inventory', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Inventario', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await page.reload();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Inventory', exact: true })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
    await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
  });
});

test('the sign-in page of cliente2 switches to Spanish and keeps it', async ({ page }) => {
  await page.goto(url('cliente2', '/'));
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('button', { name: 'Entrar' })).toBeVisible();
  await expect(page.getByLabel('Contraseña')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Entrar' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
});
