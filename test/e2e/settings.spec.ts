/**
 * Settings, on the scratch company "tienda3" (so the demo tenants other tests look at keep their
 * branding): a new primary colour repaints the header at once and after a reload; the logo field
 * refuses a file over 512 KB and one that is not an image, and an uploaded PNG replaces the
 * initial in the header; an exchange rate entered by the owner is listed. Tabs follow the role.
 */
import { expect, test } from '@playwright/test';
import { authFile, SCRATCH, url } from './support/env.js';
import { expectSettled, pageFetch } from './support/helpers.js';

/** A 2 × 2 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4IScHRAwQCgAfJgQRoo8irwAAAABJRU5ErkJggg==',
  'base64',
);

test.describe('tienda3 owner', () => {
  test.use({ storageState: authFile(SCRATCH.id) });

  test('a new primary colour repaints the header and stays after a reload', async ({ page }) => {
    await page.goto(url(SCRATCH.id, '/settings/branding'));
    await expectSettled(page);
    const header = page.getByRole('banner');
    await expect(header).toHaveCSS('background-color', SCRATCH.primaryRgb);
    const form = page.getByTestId('branding-form');
    await form.getByTestId('primary-hex').fill('#b91c1c');
    await expect(page.getByTestId('preview-bar')).toHaveCSS('background-color', 'rgb(185, 28, 28)');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByText('Changes saved.')).toBeVisible();
    await expect(header).toHaveCSS('background-color', 'rgb(185, 28, 28)');
    // White text on the dark red, for contrast.
    await expect(header.getByRole('link', { name: SCRATCH.name })).toHaveCSS('color', 'rgb(255, 255, 255)');
    await page.reload();
    await expect(page.getByRole('banner')).toHaveCSS('background-color', 'rgb(185, 28, 28)');
    expect((await pageFetch(page, '/api/v1/tenant')).body).toMatchObject({ primaryColor: '#b91c1c' });
  });

  test('the logo field refuses big and non-image files, then takes a PNG', async ({ page }) => {
    await page.goto(url(SCRATCH.id, '/settings/branding'));
    await expectSettled(page);
    const input = page.getByTestId('logo-input');
    await input.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(600 * 1024, 1) });
    await expect(page.getByTestId('logo-problem')).toHaveText('“huge.png” is 600 KB: the limit is 512 KB.');
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
    await expect(page.getByTestId('logo-problem')).toHaveText('“notes.txt” is not a PNG or JPEG image.');

    await input.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.getByTestId('logo-problem')).toHaveCount(0);
    const uploaded = page.waitForResponse((r) => r.url().includes('/api/v1/tenant/logo') && r.request().method() !== 'GET');
    await page.getByRole('button', { name: 'Upload logo' }).click();
    expect((await uploaded).status()).toBeLessThan(300);
    await expect(page.getByText('Logo updated.')).toBeVisible();
    const logo = page.getByRole('banner').locator('img.logo');
    await expect(logo).toBeVisible();
    // Visible comes before loaded: wait for the image to decode, then check it is the 2×2 PNG.
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(2);
  });

  test('an exchange rate entered by the owner is listed', async ({ page }) => {
    await page.goto(url(SCRATCH.id, '/settings/rates'));
    await expectSettled(page);
    const form = page.getByTestId('rate-form');
    await form.getByLabel('Date').fill('2026-01-15');
    await form.getByLabel('VES per 1 USD').fill('301.2345');
    await form.getByRole('button', { name: 'Save rate' }).click();
    await expect(page.getByText('Rate for')).toContainText('301');
    const row = page.getByTestId('rates-table').getByTestId('rate-row').filter({ hasText: 'Jan 15, 2026' });
    await expect(row).toContainText('301.2345');
    const api = await pageFetch(page, '/api/v1/exchange-rates');
    expect(JSON.stringify(api.body)).toContain('301.2345');
  });

  test('the owner sees every settings tab', async ({ page }) => {
    await page.goto(url(SCRATCH.id, '/settings'));
    await expectSettled(page);
    const tabs = page.getByTestId('settings-tabs');
    for (const name of ['Exchange rates', 'Users and roles', 'API keys', 'Branding and region']) await expect(tabs.getByRole('link', { name })).toBeVisible();
  });
});

test.describe('granja viewer', () => {
  test.use({ storageState: authFile('granja', 'viewer') });

  test('has no settings or audit pages', async ({ page }) => {
    await page.goto(url('granja', '/'));
    await expect(page.getByRole('banner')).toContainText('(consulta)');
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: 'Inventario', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Configuración' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Auditoría' })).toHaveCount(0);
    await page.goto(url('granja', '/settings/branding'));
    await expect(page.getByText('Su rol no permite ver esta página.')).toBeVisible();
    await expect(page.getByTestId('branding-form')).toHaveCount(0);
  });
});
