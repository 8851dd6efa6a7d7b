/**
 * The phone layout at 390 × 844: the navigation hides behind the menu button and opens from it,
 * following a link closes it, the page never scrolls sideways, and the inventory table stays
 * usable (its rows readable and their buttons reachable inside the page's width).
 */
import { expect, test, type Page } from '@playwright/test';
import { authFile, TENANTS, url } from './support/env.js';
import { expectSettled, expectShell } from './support/helpers.js';

test.use({ storageState: authFile('granja'), viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

async function expectNoSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, 'the page is wider than the screen').toBeLessThanOrEqual(width);
}

test('the navigation collapses behind the menu button', async ({ page }) => {
  await page.goto(url('granja', '/'));
  await expectShell(page, 'granja');
  const menu = page.getByRole('button', { name: 'Menú' });
  const inventoryLink = page.getByRole('navigation').getByRole('link', { name: 'Inventario', exact: true });
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(inventoryLink).toBeHidden();

  await menu.click();
  await expect(page.getByRole('button', { name: 'Cerrar menú' })).toHaveAttribute('aria-expanded', 'true');
  await expect(inventoryLink).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Ventas', exact: true })).toBeVisible();

  await inventoryLink.click();
  await expect(page).toHaveURL(url('granja', '/inventory'));
  await expect(inventoryLink).toBeHidden();
  await expect(page.getByRole('button', { name: 'Menú' })).toHaveAttribute('aria-expanded', 'false');
  await expectNoSidewaysScroll(page);
});

test('the inventory is usable and nothing scrolls sideways', async ({ page }) => {
  await page.goto(url('granja', '/inventory'));
  await expectSettled(page);
  const row = page.getByTestId('inventory-row').first();
  await expect(row).toBeVisible();
  await expect(row).toContainText(TENANTS.granja.store.slice(0, 9));
  await expectNoSidewaysScroll(page);
  // The row's adjust button can be brought into view and used (cards, or a table that scrolls in its own box).
  const adjust = row.getByTestId('adjust-button');
  await adjust.scrollIntoViewIfNeeded();
  const box = await adjust.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await adjust.click();
  await expect(page.getByTestId('adjust-dialog')).toBeVisible();
  await expectNoSidewaysScroll(page);
});

for (const path of ['/', '/sales', '/orders', '/settings', '/audit']) {
  test(`${path} fits the screen`, async ({ page }) => {
    await page.goto(url('granja', path));
    await expectSettled(page);
    await expectNoSidewaysScroll(page);
  });
}
