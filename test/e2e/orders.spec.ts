/**
 * Purchase orders end to end: a manager creates a draft for one product, submits it, receives
 * it, and the stock of that product at the receiving store rises by the quantity received. The
 * order then shows as received in the list.
 */
import { expect, test } from '@playwright/test';
import { authFile, url } from './support/env.js';
import { expectSettled } from './support/helpers.js';

test.use({ storageState: authFile('granja') });

const QUANTITY = 12;

test('an order goes draft → submitted → received and the stock rises', async ({ page }) => {
  // The last item by name at its store (the adjustment test works on the first one).
  await page.goto(url('granja', '/inventory?sort=product_name&order=desc'));
  await expectSettled(page);
  const item = page.getByTestId('inventory-row').first();
  const sku = (await item.getAttribute('data-sku'))!;
  const storeCode = (await item.getAttribute('data-store'))!;
  const storeName = (await item.locator('.store-cell').textContent())!.trim();
  const before = Number(await item.getAttribute('data-quantity'));

  // A new draft.
  await page.goto(url('granja', '/orders'));
  await expectSettled(page);
  await page.getByTestId('new-order').click();
  const form = page.getByTestId('order-form');
  await expect(form).toBeVisible();
  const supplier = form.getByTestId('order-supplier');
  await expect(supplier.locator('option')).not.toHaveCount(1);
  await supplier.selectOption({ index: 1 });
  await form.getByTestId('order-store').selectOption({ label: storeName });
  await form.getByRole('checkbox', { name: 'Solo productos de este proveedor' }).uncheck();
  await form.getByTestId('order-product-search').fill(sku);
  await form.locator(`[data-testid="order-product-add"][data-sku="${sku}"]`).click();
  const line = form.locator(`[data-testid="order-form-line"][data-sku="${sku}"]`);
  await expect(line).toBeVisible();
  await line.getByTestId('order-line-quantity').fill(String(QUANTITY));
  await form.getByTestId('order-form-submit').click();

  const detail = page.getByTestId('order-detail');
  await expect(detail).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('order-status')).toHaveText('Borrador');
  const number = await detail.getAttribute('data-number');
  await expect(detail.locator(`[data-testid="order-line"][data-sku="${sku}"]`)).toContainText(String(QUANTITY));

  // Submitted.
  await page.getByTestId('order-submit').click();
  await expect(detail).toHaveAttribute('data-status', 'submitted');
  await expect(page.getByTestId('order-status')).toHaveText('Enviado');

  // Received in full.
  await page.getByTestId('order-receive').click();
  await expect(page.getByTestId('receive-quantity').first()).toHaveValue(String(QUANTITY));
  await page.getByTestId('order-receive-confirm').click();
  await expect(detail).toHaveAttribute('data-status', 'received');
  await expect(page.getByTestId('order-status')).toHaveText('Recibido');
  await expect(detail.getByTestId('order-line-received').first()).toHaveText(String(QUANTITY));

  // The stock rose by what arrived.
  await page.goto(url('granja', `/inventory?q=${encodeURIComponent(sku)}`));
  await expectSettled(page);
  await expect(page.locator(`[data-testid="inventory-row"][data-sku="${sku}"][data-store="${storeCode}"]`)).toHaveAttribute('data-quantity', String(before + QUANTITY));

  // The list shows it received.
  await page.goto(url('granja', '/orders'));
  await expectSettled(page);
  await expect(page.locator(`[data-testid="order-row"][data-number="${number}"]`)).toHaveAttribute('data-status', 'received');
});

test('a draft can be cancelled and then offers no actions', async ({ page }) => {
  await page.goto(url('granja', '/orders/new'));
  const form = page.getByTestId('order-form');
  await expect(form).toBeVisible();
  await form.getByTestId('order-supplier').selectOption({ index: 1 });
  await form.getByTestId('order-store').selectOption({ index: 1 });
  await form.getByTestId('order-product-search').fill('a');
  await form.getByTestId('order-product-add').first().click();
  await form.getByTestId('order-form-submit').click();
  const detail = page.getByTestId('order-detail');
  await expect(detail).toHaveAttribute('data-status', 'draft');

  await page.getByTestId('order-cancel').click();
  await page.getByTestId('order-cancel-confirm').click();
  await expect(detail).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('order-status')).toHaveText('Cancelado');
  await expect(page.getByTestId('order-submit')).toHaveCount(0);
  await expect(page.getByTestId('order-receive')).toHaveCount(0);
  await expect(page.getByTestId('order-cancel')).toHaveCount(0);
});
