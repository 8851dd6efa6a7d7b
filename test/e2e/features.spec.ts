/**
 * The tenant's features decide which pages exist: cliente2 (inventory and sales only) has no
 * Insights or Forecast entries, its /insights address shows "not available", and its API
 * answers the insights route with 403 feature_disabled; granja (all features) has both.
 */
import { expect, test } from '@playwright/test';
import { authFile, url } from './support/env.js';
import { expectShell, pageFetch } from './support/helpers.js';

test.describe('cliente2 (no forecasting, no insights)', () => {
  test.use({ storageState: authFile('cliente2') });

  test('has no Insights or Forecast pages', async ({ page }) => {
    await page.goto(url('cliente2', '/'));
    await expectShell(page, 'cliente2');
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: 'Inventory', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Insights' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Forecast' })).toHaveCount(0);

    for (const path of ['/insights', '/forecast']) {
      await page.goto(url('cliente2', path));
      await expectShell(page, 'cliente2');
      // Not a matter of role: the company does not have the feature.
      await expect(page.getByRole('main')).toContainText(/not (available|enabled) for your company/i);
      await expect(page.getByRole('main')).not.toContainText('Your role');
    }
  });

  test('the API answers the insights route with 403 feature_disabled', async ({ page }) => {
    await page.goto(url('cliente2', '/'));
    await expectShell(page, 'cliente2');
    const res = await pageFetch(page, '/api/v1/insights');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'feature_disabled' });
  });
});

test.describe('granja (every feature)', () => {
  test.use({ storageState: authFile('granja') });

  test('has Insights and Forecast pages', async ({ page }) => {
    await page.goto(url('granja', '/'));
    await expectShell(page, 'granja');
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: 'Análisis', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Pronóstico', exact: true })).toBeVisible();
    const res = await pageFetch(page, '/api/v1/insights');
    expect(res.status).not.toBe(403);
  });
});
