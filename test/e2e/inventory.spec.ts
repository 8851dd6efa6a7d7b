/**
 * The inventory page: search narrows the table; a stock adjustment made in the dialog shows up
 * in the table's quantity and as the newest line of the item's movement history (and in the
 * API); the CSV export downloads the rows on screen.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { authFile, url } from './support/env.js';
import { expectSettled, pageFetch } from './support/helpers.js';

test.use({ storageState: authFile('granja') });

interface Row {
  sku: string;
  store: string;
  quantity: number;
}

async function readRow(row: Locator): Promise<Row> {
  const [sku, store, quantity] = await Promise.all([row.getAttribute('data-sku'), row.getAttribute('data-store'), row.getAttribute('data-quantity')]);
  expect(sku && store && quantity !== null).toBeTruthy();
  return { sku: sku!, store: store!, quantity: Number(quantity) };
}

/** The row of one SKU at one store, found with the page's own search box. */
async function searchRow(page: Page, sku: string, store: string): Promise<Locator> {
  await page.getByTestId('inventory-search').fill(sku);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(sku)}`));
  // The table has caught up with the search once every row it shows is that SKU.
  await expect(page.getByTestId('inventory-row').first()).toHaveAttribute('data-sku', sku);
  await expect(page.locator(`[data-testid="inventory-row"]:not([data-sku="${sku}"])`)).toHaveCount(0);
  return page.locator(`[data-testid="inventory-row"][data-sku="${sku}"][data-store="${store}"]`);
}

test('search narrows the table to the matching item', async ({ page }) => {
  await page.goto(url('granja', '/inventory'));
  await expectSettled(page);
  const all = await page.getByTestId('inventory-count').getAttribute('data-matching');
  const second = await readRow(page.getByTestId('inventory-row').nth(1));
  const row = await searchRow(page, second.sku, second.store);
  await expect(row).toHaveCount(1);
  const matching = Number(await page.getByTestId('inventory-count').getAttribute('data-matching'));
  expect(matching).toBeLessThan(Number(all));
  expect(matching).toBeGreaterThanOrEqual(1);
});

test('a stock adjustment shows up in the table and in the movement history', async ({ page }) => {
  // The first item by name (the order test works on the last one, so the two never meet).
  await page.goto(url('granja', '/inventory?sort=product_name&order=asc'));
  await expectSettled(page);
  const before = await readRow(page.getByTestId('inventory-row').first());
  const row = await searchRow(page, before.sku, before.store);
  await expect(row).toHaveAttribute('data-quantity', String(before.quantity));

  const target = before.quantity + 7;
  const note = `e2e count ${randomBytes(3).toString('hex')}`;
  await row.getByTestId('adjust-button').click();
  const dialog = page.getByTestId('adjust-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('adjust-current')).toContainText(String(before.quantity));
  await dialog.getByTestId('adjust-mode-set').check();
  await dialog.getByTestId('adjust-quantity').fill(String(target));
  await dialog.getByTestId('adjust-reason').selectOption('count');
  await dialog.getByTestId('adjust-note').fill(note);
  await expect(dialog).toContainText('+7');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/inventory/adjustments') && r.request().method() === 'POST');
  await dialog.getByTestId('adjust-submit').click();
  expect((await saved).status()).toBeLessThan(300);
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('adjust-notice')).toBeVisible();

  // The table shows the new quantity…
  await expect(row).toHaveAttribute('data-quantity', String(target));
  await expect(row.getByTestId('inventory-quantity')).toContainText(new Intl.NumberFormat('es-VE').format(target));

  // …and the history has the adjustment as its newest movement.
  await row.getByTestId('history-button').click();
  const history = page.getByTestId('movement-history');
  await expect(history).toBeVisible();
  const newest = history.getByTestId('movement-row').first();
  await expect(newest).toHaveAttribute('data-reason', 'count');
  await expect(newest).toHaveAttribute('data-delta', '7');
  await expect(newest).toHaveAttribute('data-quantity-after', String(target));
  await expect(newest).toContainText(note);
  await expect(newest).toContainText('Conteo físico');

  // A reload (fresh data from the server) agrees.
  await page.reload();
  await expect(page.locator(`[data-testid="inventory-row"][data-sku="${before.sku}"][data-store="${before.store}"]`)).toHaveAttribute('data-quantity', String(target));
  const api = await pageFetch(page, `/api/v1/inventory?q=${encodeURIComponent(before.sku)}`);
  const items = (api.body as { items: Array<{ product: { sku: string }; store: { code: string }; quantity: number }> }).items;
  expect(items.find((i) => i.product.sku === before.sku && i.store.code === before.store)?.quantity).toBe(target);
});

test('the CSV export downloads the rows of the view', async ({ page }) => {
  await page.goto(url('granja', '/inventory?sort=product_name&order=asc'));
  await expectSettled(page);
  const first = await readRow(page.getByTestId('inventory-row').first());
  await searchRow(page, first.sku, first.store);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const text = await new Promise<string>((resolve, reject) => {
    void file.createReadStream().then((stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      stream.on('error', reject);
    }, reject);
  });
  const lines = text.trim().split(/\r?\n/);
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(lines.slice(1).every((l) => l.includes(first.sku))).toBe(true);
});
