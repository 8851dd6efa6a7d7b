/**
 * Forecasting end to end, on granja's forecasts (scripts/e2e-server.mjs runs them before the
 * tests): a product's forecast shows its model, its accuracy against last week's same day and
 * both intervals; the accuracy page shows the overall ratio and the rows by ABC class; an owner
 * ticks two replenishment suggestions (one with its quantity changed), creates draft orders and
 * finds them, as drafts, with that quantity, on the orders pages; a viewer reads the suggestions
 * but cannot order; cliente2 (no forecasting) has none of these pages.
 */
import { expect, test, type Page } from '@playwright/test';
import { authFile, url } from './support/env.js';
import { expectSettled, expectShell, pageFetch } from './support/helpers.js';

interface SuggestionRow {
  store_id: string;
  product_id: string;
  sku: string;
  supplier_id: string | null;
}

/** A product × store with a forecast and a supplier, from the API as the page's user sees it. */
async function forecastPair(page: Page): Promise<SuggestionRow> {
  const res = await pageFetch(page, '/api/v1/replenishment/suggestions?all=true');
  expect(res.status).toBe(200);
  const items = (res.body as { items: SuggestionRow[] }).items;
  const pair = items.find((i) => i.supplier_id !== null) ?? items[0];
  expect(pair, 'granja has forecasts').toBeDefined();
  return pair!;
}

async function expectNoSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, 'the page is wider than the screen').toBeLessThanOrEqual(width);
}

const MODEL_NAMES_ES = /^(Ingenuo estacional|Suavizado exponencial simple|Holt-Winters \(semanal\)|Holt-Winters, tendencia amortiguada|Croston|SBA|TSB)$/;

test.describe('granja owner', () => {
  test.use({ storageState: authFile('granja') });

  test('a product forecast shows its model, accuracy, both intervals and stock-out days', async ({ page }) => {
    await page.goto(url('granja', '/'));
    await expectShell(page, 'granja');
    const pair = await forecastPair(page);
    await page.goto(url('granja', `/forecast?product_id=${pair.product_id}&store_id=${pair.store_id}`));
    await expectSettled(page);
    await expect(page.getByTestId('forecast-product')).not.toHaveText('');

    const model = page.getByTestId('forecast-model');
    await expect(model).toHaveText(MODEL_NAMES_ES);
    await expect(model).toHaveAttribute('data-model', /^(seasonal_naive|ses|holt_winters|holt_winters_damped|croston|sba|tsb)$/);
    await expect(page.getByTestId('forecast-accuracy')).toHaveText(/(mejor|peor) que el mismo día de la semana pasada|Igual que el mismo día|Sin días suficientes/);
    await expect(page.getByTestId('forecast-coverage')).toContainText('80 %:');
    await expect(page.getByTestId('forecast-coverage')).toContainText('95 %:');
    await expect(page.getByTestId('forecast-bias')).not.toHaveText('');
    await expect(page.getByTestId('forecast-demand-class')).toHaveText(/^(Regular|Intermitente)$/);
    await expect(page.getByTestId('forecast-abc')).toHaveText(/^[ABC]$/);

    // Both intervals are drawn (two filled areas) and named in the legend, with the stock-out marker.
    const chart = page.getByTestId('forecast-chart');
    await expect(chart.locator('.recharts-area')).toHaveCount(2);
    const legend = page.getByTestId('forecast-legend');
    await expect(legend.locator('[data-series="band80"]')).toHaveText('Intervalo del 80 %');
    await expect(legend.locator('[data-series="band95"]')).toHaveText('Intervalo del 95 %');
    await expect(legend.locator('[data-series="stockout"]')).toContainText('Días agotado');
    await expect(page.getByTestId('forecast-table').locator('tbody tr')).toHaveCount(4);
  });

  test('the accuracy page shows the overall ratio and the rows by ABC class', async ({ page }) => {
    await page.goto(url('granja', '/forecast/accuracy'));
    await expectSettled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Precisión del pronóstico');
    const ratio = page.getByTestId('accuracy-ratio');
    await expect(ratio).toHaveText(/^\d+,\d{2} × el error ingenuo$/);
    expect(Number(await ratio.getAttribute('data-ratio'))).toBeGreaterThan(0);
    await expect(page.getByTestId('accuracy-coverage80').locator('.kpi-value')).toHaveText(/^\d+ %$/);
    await expect(page.getByTestId('accuracy-coverage80')).toContainText('Meta: 80 % de los días');
    await expect(page.getByTestId('accuracy-coverage95').locator('.kpi-value')).toHaveText(/^\d+ %$/);
    await expect(page.getByTestId('accuracy-coverage95')).toContainText('Meta: 95 % de los días');

    const abc = page.getByTestId('accuracy-abc-row');
    await expect(abc.first()).toBeVisible();
    const keys = await abc.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(['A', 'B', 'C']).toContain(k);
    expect(keys).toEqual([...keys].sort());
    await expect(abc.first().locator('th')).toHaveText(`Clase ${keys[0]}`);
    await expect(page.getByTestId('accuracy-abc').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(page.getByTestId('accuracy-model-row').first()).toBeVisible();
    await expect(page.getByTestId('accuracy-store-row').first()).toBeVisible();
    await expect(page.getByTestId('accuracy-model-chosen').first()).toBeVisible();
    await expect(page.getByTestId('accuracy-run')).toContainText('series');
    // An owner may start a run.
    await expect(page.getByTestId('run-forecasts-button')).toBeEnabled();
  });

  test('before the first run the pages say forecasts are being computed, and retry', async ({ page }) => {
    // The API's answer before a tenant's first run, stood in for here (granja has forecasts).
    let pending = true;
    let asked = 0;
    await page.route('**/api/v1/forecast/accuracy', (route) => {
      asked++;
      return pending ? route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: 'forecast_pending', message: 'No forecast yet.' }) }) : route.continue();
    });
    await page.goto(url('granja', '/forecast/accuracy'));
    const notice = page.getByTestId('forecast-pending');
    await expect(notice).toContainText('Los pronósticos se están calculando');
    await expect(page.locator('.state-error')).toHaveCount(0);
    expect(asked).toBe(1);

    pending = false;
    await notice.getByRole('button', { name: 'Reintentar' }).click();
    await expect(page.getByTestId('accuracy-ratio')).toBeVisible();
    await expect(notice).toHaveCount(0);
    expect(asked).toBe(2);
  });

  test('two suggestions become draft orders that the orders pages list as drafts', async ({ page }) => {
    await page.goto(url('granja', '/replenishment'));
    await expectSettled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reposición');
    const orderable = page.getByTestId('repl-row').filter({ has: page.locator('[data-testid="repl-select"]:enabled') });
    await expect(orderable.nth(1)).toBeVisible();
    const footer = page.getByTestId('repl-selected');
    await expect(footer).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('repl-create-orders')).toBeDisabled();

    // The first row with a quantity of our own (typing it ticks the row), the second as suggested.
    const first = orderable.nth(0);
    const second = orderable.nth(1);
    const keyOf = async (row: typeof first) => `${await row.getAttribute('data-store')}/${await row.getAttribute('data-sku')}`;
    const keys = [await keyOf(first), await keyOf(second)];
    const suggested = Number(await second.getByTestId('repl-suggested').getAttribute('data-quantity'));
    await first.getByTestId('repl-quantity').fill('7');
    await expect(first.getByTestId('repl-select')).toBeChecked();
    await second.getByTestId('repl-select').check();
    await expect(footer).toHaveAttribute('data-count', '2');

    await page.getByTestId('repl-create-orders').click();
    const created = page.getByTestId('repl-created');
    await expect(created).toBeVisible();
    await expect(created).toContainText('Pedidos en borrador creados');
    const links = created.getByTestId('repl-created-order').getByRole('link');
    const count = await links.count();
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(2);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    const numbers = await created.getByTestId('repl-created-order').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-number')!));
    await expect(footer).toHaveAttribute('data-count', '0');

    // The orders hold both products, with the quantities chosen.
    const lines = new Map<string, number>();
    for (const href of hrefs) {
      const res = await pageFetch(page, `/api/v1${href}`);
      expect(res.status).toBe(200);
      const order = res.body as { status: string; store: { id: string }; lines: Array<{ product: { sku: string }; quantity: number }> };
      expect(order.status).toBe('draft');
      for (const l of order.lines) lines.set(`${order.store.id}/${l.product.sku}`, l.quantity);
    }
    expect(lines.get(keys[0]!)).toBe(7);
    expect(lines.get(keys[1]!)).toBe(suggested);

    // Each link opens its draft.
    await links.first().click();
    await expect(page).toHaveURL(url('granja', hrefs[0]!));
    await expect(page.getByTestId('order-detail')).toHaveAttribute('data-status', 'draft');

    // The list of drafts shows them.
    await page.goto(url('granja', '/orders?status=draft'));
    await expectSettled(page);
    for (const n of numbers) await expect(page.locator(`[data-testid="order-row"][data-number="${n}"]`)).toHaveAttribute('data-status', 'draft');
  });

  test('on a phone the accuracy and replenishment pages fit the screen', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/forecast/accuracy', '/replenishment']) {
      await page.goto(url('granja', path));
      await expectSettled(page);
      await expectNoSidewaysScroll(page);
    }
  });
});

test.describe('granja viewer', () => {
  test.use({ storageState: authFile('granja', 'viewer') });

  test('reads the suggestions but cannot order or start a run', async ({ page }) => {
    await page.goto(url('granja', '/replenishment'));
    await expectSettled(page);
    await expect(page.getByTestId('repl-row').first()).toBeVisible();
    await expect(page.getByTestId('repl-create-orders')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Crear pedidos en borrador' })).toHaveCount(0);
    await expect(page.getByTestId('repl-select')).toHaveCount(0);
    await expect(page.getByTestId('repl-quantity')).toHaveCount(0);

    await page.goto(url('granja', '/forecast/accuracy'));
    await expectSettled(page);
    await expect(page.getByTestId('accuracy-ratio')).toBeVisible();
    await expect(page.getByTestId('run-forecasts-button')).toHaveCount(0);
  });
});

test.describe('cliente2 (no forecasting)', () => {
  test.use({ storageState: authFile('cliente2') });

  test('has no forecast, accuracy or replenishment pages', async ({ page }) => {
    await page.goto(url('cliente2', '/'));
    await expectShell(page, 'cliente2');
    const nav = page.getByRole('navigation');
    await expect(nav.getByRole('link', { name: 'Inventory', exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Forecast' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Forecast accuracy' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Replenishment' })).toHaveCount(0);

    for (const path of ['/forecast/accuracy', '/replenishment']) {
      await page.goto(url('cliente2', path));
      await expectShell(page, 'cliente2');
      await expect(page.getByRole('main')).toContainText(/not (available|enabled) for your company/i);
    }
    const res = await pageFetch(page, '/api/v1/replenishment/suggestions');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'feature_disabled' });
  });
});
