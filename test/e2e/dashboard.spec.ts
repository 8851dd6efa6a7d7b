/**
 * The dashboard: KPI cards with the tenant's money (bolívares with dollars beside them on granja,
 * dollars alone on cliente2), the sales trend drawn by the lazily loaded chart chunk, the
 * low-stock list, and filters kept in the URL (one store's tickets are fewer than all stores').
 */
import { expect, test, type Page } from '@playwright/test';
import { authFile, url } from './support/env.js';
import { expectSettled } from './support/helpers.js';

const count = async (page: Page, testId: string) => Number(((await page.getByTestId(testId).locator('.kpi-value').textContent()) ?? '').replace(/\D/g, ''));

test.describe('granja', () => {
  test.use({ storageState: authFile('granja') });

  test('KPIs in Bs and USD, the trend chart and the low-stock list', async ({ page }) => {
    await page.goto(url('granja', '/'));
    await expectSettled(page);
    const revenue = page.getByTestId('kpi-revenue');
    await expect(revenue).toContainText('Bs.');
    await expect(revenue).toContainText('$');
    expect(await count(page, 'kpi-tickets')).toBeGreaterThan(0);
    await expect(page.getByTestId('sales-trend').locator('svg').first()).toBeVisible();
    // The chart library arrived as a chunk of its own, not with the page's first script.
    const scripts = await page.evaluate(() => ({
      loaded: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
      initial: [...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((e) => new URL(e.src).pathname),
    }));
    expect(scripts.loaded.some((p) => /^\/assets\/Charts?-[\w-]+\.js$/.test(p))).toBe(true);
    expect(scripts.initial.some((p) => /Charts?-/.test(p))).toBe(false);
    await expect(page.getByTestId('low-stock-list')).toBeVisible();
    await expect(page.getByTestId('top-products').getByTestId('top-product-row').first()).toBeVisible();
  });

  test('the store filter narrows the figures and lives in the URL', async ({ page }) => {
    await page.goto(url('granja', '/?period=90d'));
    await expectSettled(page);
    await expect(page.getByTestId('period-preset')).toHaveValue('90d');
    const all = await count(page, 'kpi-tickets');
    await page.getByTestId('store-filter').selectOption({ index: 1 });
    await expect(page).toHaveURL(/store_id=/);
    await expect.poll(() => count(page, 'kpi-tickets')).toBeLessThan(all);
    expect(await count(page, 'kpi-tickets')).toBeGreaterThan(0);
    // The address alone restores the view.
    const address = page.url();
    await page.goto(address);
    await expectSettled(page);
    await expect(page.getByTestId('period-preset')).toHaveValue('90d');
    await expect(page.getByTestId('store-filter')).not.toHaveValue('');
  });
});

test.describe('cliente2', () => {
  test.use({ storageState: authFile('cliente2') });

  test('KPIs in dollars only', async ({ page }) => {
    await page.goto(url('cliente2', '/'));
    await expectSettled(page);
    const revenue = page.getByTestId('kpi-revenue');
    await expect(revenue).toContainText('$');
    await expect(revenue).not.toContainText('Bs');
    await expect(page.getByTestId('sales-trend').locator('svg').first()).toBeVisible();
  });
});
