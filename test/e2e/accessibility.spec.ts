/**
 * axe-core (WCAG 2.1 A and AA rules) on every page once it has loaded: no serious or critical
 * violation. The public pages are checked signed out, the app's pages as granja's owner (who
 * sees every page), with its dialogs open and on a phone, and cliente2's main pages too (other
 * colours, English).
 */
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { authFile, SUSPENDED, url, type TenantId } from './support/env.js';
import { expectAccessible, expectSettled, pageFetch } from './support/helpers.js';

test.describe('public pages', () => {
  test('landing page', async ({ page }) => {
    await page.goto(url(null, '/'));
    await expectSettled(page);
    await expectAccessible(page, 'the landing page');
  });

  for (const tenant of ['granja', 'cliente2'] as const satisfies readonly TenantId[]) {
    test(`sign-in page (${tenant})`, async ({ page }) => {
      await page.goto(url(tenant, '/'));
      await expectSettled(page);
      await expectAccessible(page, `the sign-in page of ${tenant}`);
    });
  }

  test('unknown company page', async ({ page }) => {
    await page.goto(url(`nadie-${randomBytes(4).toString('hex')}`, '/'));
    await expectSettled(page);
    await expectAccessible(page, 'the unknown company page');
  });

  test('suspended company page', async ({ page }) => {
    await page.goto(url(SUSPENDED.id, '/'));
    await expectSettled(page);
    await expectAccessible(page, 'the suspended company page');
  });
});

const APP_PAGES: Array<[string, string]> = [
  ['dashboard', '/'],
  ['inventory', '/inventory'],
  ['sales', '/sales'],
  ['orders', '/orders'],
  ['new order', '/orders/new'],
  ['forecast', '/forecast'],
  ['forecast accuracy', '/forecast/accuracy'],
  ['replenishment', '/replenishment'],
  ['insights', '/insights'],
  ['settings: exchange rates', '/settings/rates'],
  ['settings: users', '/settings/users'],
  ['settings: API keys', '/settings/api-keys'],
  ['settings: branding', '/settings/branding'],
  ['audit', '/audit'],
  ['imports', '/imports'],
];

test.describe('app pages (granja owner)', () => {
  test.use({ storageState: authFile('granja') });
  for (const [name, path] of APP_PAGES) {
    test(name, async ({ page }) => {
      await page.goto(url('granja', path));
      await expectSettled(page);
      await expectAccessible(page, `granja's ${name} page`);
    });
  }
});

test.describe('dialogs and details (granja owner)', () => {
  test.use({ storageState: authFile('granja') });

  test('inventory: adjustment dialog and movement history', async ({ page }) => {
    await page.goto(url('granja', '/inventory'));
    await expectSettled(page);
    const row = page.getByTestId('inventory-row').first();
    await row.getByTestId('adjust-button').click();
    await expect(page.getByTestId('adjust-dialog')).toBeVisible();
    await expectAccessible(page, 'the stock adjustment dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('adjust-dialog')).toBeHidden();
    await row.getByTestId('history-button').click();
    await expect(page.getByTestId('movement-row').first()).toBeVisible();
    await expectAccessible(page, 'the movement history');
  });

  test('an order', async ({ page }) => {
    await page.goto(url('granja', '/orders'));
    await expectSettled(page);
    await page.getByTestId('order-row').first().getByRole('link').click();
    await expect(page.getByTestId('order-detail')).toBeVisible();
    await expectSettled(page);
    await expectAccessible(page, 'an order');
  });

  test('a product forecast (chart, model and accuracy)', async ({ page }) => {
    await page.goto(url('granja', '/'));
    await expectSettled(page);
    const res = await pageFetch(page, '/api/v1/replenishment/suggestions?all=true');
    const pair = (res.body as { items: Array<{ product_id: string; store_id: string }> }).items[0]!;
    await page.goto(url('granja', `/forecast?product_id=${pair.product_id}&store_id=${pair.store_id}`));
    await expectSettled(page);
    await expect(page.getByTestId('forecast-model')).toBeVisible();
    await expect(page.getByTestId('forecast-chart').locator('svg').first()).toBeVisible();
    await expectAccessible(page, 'a product forecast');
  });

  test('replenishment with rows chosen', async ({ page }) => {
    await page.goto(url('granja', '/replenishment'));
    await expectSettled(page);
    await page.getByTestId('repl-select-all').check();
    await expect(page.getByTestId('repl-selected')).not.toHaveAttribute('data-count', '0');
    await expectAccessible(page, 'the replenishment table with rows chosen');
  });

  test('phone layout with the menu open', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('granja', '/inventory'));
    await expectSettled(page);
    await page.getByRole('button', { name: 'Menú' }).click();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Ventas', exact: true })).toBeVisible();
    await expectAccessible(page, 'the phone layout with the menu open');
  });
});

test.describe('app pages (cliente2 owner)', () => {
  test.use({ storageState: authFile('cliente2') });
  for (const [name, path] of APP_PAGES.filter(([n]) => n === 'dashboard' || n === 'inventory')) {
    test(name, async ({ page }) => {
      await page.goto(url('cliente2', path));
      await expectSettled(page);
      await expectAccessible(page, `cliente2's ${name} page`);
    });
  }
});
