/**
 * Each tenant's host shows that tenant: its name, logo (the initial when no logo is set), colours
 * (the header's background is the primary colour), language (granja Spanish, cliente2 English),
 * title, and its own data (its stores, not the other tenant's).
 */
import { expect, test } from '@playwright/test';
import { authFile, TENANTS, url, type TenantId } from './support/env.js';
import { expectShell } from './support/helpers.js';

const NAV_INVENTORY = { es: 'Inventario', en: 'Inventory' } as const;

for (const id of ['granja', 'cliente2'] as const satisfies readonly TenantId[]) {
  const tenant = TENANTS[id];
  const other = TENANTS[id === 'granja' ? 'cliente2' : 'granja'];

  test.describe(`${id}: branding`, () => {
    test('the sign-in page is branded before anyone signs in', async ({ page }) => {
      const res = await page.goto(url(id, '/'));
      expect(res?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toContainText(tenant.name);
      await expect(page).toHaveTitle(`${tenant.name} · Fluxion`);
      await expect(page.locator('html')).toHaveAttribute('lang', tenant.lang);
      await expect(page.getByRole('button', { name: tenant.lang === 'es' ? 'Entrar' : 'Sign in' })).toHaveCSS('background-color', tenant.primaryRgb);
      expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/api/v1/tenant/favicon');
    });

    test.describe('signed in', () => {
      test.use({ storageState: authFile(id) });

      test('shows its own name, logo, colours and language', async ({ page }) => {
        await page.goto(url(id, '/'));
        await expectShell(page, id);
        const header = page.getByRole('banner');
        await expect(header).toHaveCSS('background-color', tenant.primaryRgb);
        // No logo uploaded in the demo: the initial of the name stands for it.
        await expect(header.getByRole('link', { name: tenant.name })).toContainText(tenant.name.slice(0, 1));
        await expect(page).toHaveTitle(`${tenant.name} · Fluxion`);
        await expect(page.locator('html')).toHaveAttribute('lang', tenant.lang);
        await expect(page.getByRole('navigation').getByRole('link', { name: NAV_INVENTORY[tenant.lang], exact: true })).toBeVisible();
        const otherLang = tenant.lang === 'es' ? 'en' : 'es';
        await expect(page.getByRole('navigation').getByRole('link', { name: NAV_INVENTORY[otherLang], exact: true })).toHaveCount(0);
        await expect(header).not.toContainText(other.name);
      });

      test('shows its own data and none of the other tenant', async ({ page }) => {
        await page.goto(url(id, '/inventory'));
        const table = page.getByTestId('inventory-table');
        await expect(table.getByRole('cell', { name: tenant.store }).first()).toBeVisible();
        await expect(page.getByText(other.store)).toHaveCount(0);
        await expect(page.getByText(other.name)).toHaveCount(0);
      });
    });
  });
}
