/**
 * Hosts that are not a working company: an unknown sub-domain (404, "this company does not
 * exist", neutral branding), a suspended company ("account suspended"), and the apex landing page
 * whose "go to your company" box sends the visitor to <company>.localhost.
 */
import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { SUSPENDED, TENANTS, url } from './support/env.js';

/** Fluxion's own colour: what a host that is not a company is painted with. */
const brandOf = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim());

test('an unknown company answers 404 with a translated "does not exist" page', async ({ page }) => {
  const unknown = `nadie-${randomBytes(4).toString('hex')}`;
  const res = await page.goto(url(unknown, '/'));
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This company does not exist');
  await expect(page.getByText(`There is no company at ${unknown}.localhost`)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the Fluxion home page' })).toHaveAttribute('href', url(null, '/'));
  await expect(page).toHaveTitle('Fluxion');
  expect(await brandOf(page)).toBe('#4f46e5');
  // Switching the language translates the page.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Esta empresa no existe');
});

test('a deep link on an unknown company is a 404 too', async ({ page }) => {
  const res = await page.goto(url(`nadie-${randomBytes(4).toString('hex')}`, '/inventory?store=1'));
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This company does not exist');
});

test('a suspended company shows "account suspended" and no sign-in form', async ({ page }) => {
  await page.goto(url(SUSPENDED.id, '/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cuenta suspendida');
  await expect(page.getByText(`La cuenta de ${SUSPENDED.name} está suspendida`)).toBeVisible();
  await expect(page.getByLabel('Contraseña')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  expect(await brandOf(page)).toBe('#b45309');
});

test('the landing page sends "go to your company" to the company host', async ({ page }) => {
  const res = await page.goto(url(null, '/'));
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inventory and sales, store by store');
  expect(await brandOf(page)).toBe('#4f46e5');
  const box = page.getByRole('textbox', { name: 'Your company id' });
  await box.fill('No Vale!');
  await page.getByRole('button', { name: 'Go to your company' }).click();
  await expect(page.getByRole('alert')).toContainText('lower-case letters');
  expect(new URL(page.url()).hostname).toBe('localhost');

  await box.fill('granja');
  await page.getByRole('button', { name: 'Go to your company' }).click();
  await page.waitForURL(url('granja', '/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Iniciar sesión en ${TENANTS.granja.name}`);
});
