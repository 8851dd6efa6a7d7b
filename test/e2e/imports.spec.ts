/**
 * The import page (issue 7): a granja manager uploads a products CSV as a Venezuelan back office
 * writes it (Spanish headers, `;`, decimal comma) through the real file input, sees the detected
 * format and column mapping on the preview, checks it (dry run: counts, nothing written), imports
 * it and finds the products through the API; a file with a bad row fails whole, lists the
 * rejection with its line number and writes nothing. A viewer gets neither the entry nor the page.
 * SKUs carry a random suffix, so runs never meet each other's products.
 */
import { expect, test, type Cookie, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authFile, email, PASSWORD, url } from './support/env.js';
import { expectAccessible, expectSettled, pageFetch } from './support/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'fluxion-e2e-imports-'));
const suffix = randomBytes(3).toString('hex').toUpperCase();

/** A file on disk, as a user would pick it. */
function csvFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

interface ProductPage {
  total: number;
  items: Array<{ sku: string; name: string; price: string; cost: string; category: string }>;
}

async function findProducts(page: Page, sku: string): Promise<ProductPage> {
  const answer = await pageFetch(page, `/api/v1/products?q=${encodeURIComponent(sku)}`);
  expect(answer.status).toBe(200);
  return answer.body as ProductPage;
}

async function openImports(page: Page): Promise<void> {
  await page.goto(url('granja', '/'));
  await page.getByRole('navigation', { name: 'Navegación principal' }).getByRole('link', { name: 'Importar datos' }).click();
  await expect(page).toHaveURL(/\/imports$/);
  await expectSettled(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importar datos');
  await page.getByRole('radio', { name: /^Productos/ }).check();
}

const count = (page: Page, key: string) => page.getByTestId('run-counts').locator(`[data-count="${key}"] dd`);

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.describe('granja manager', () => {
  // One sign-in for the file (sign-ins are limited per address), through the API in the browser;
  // each test's page gets its session cookie.
  let cookies: Cookie[] = [];
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto(url('granja', '/'));
    const status = await page.evaluate(async (body) => {
      const res = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return res.status;
    }, { email: email('granja', 'manager'), password: PASSWORD });
    expect(status).toBe(200);
    cookies = await context.cookies();
    await context.close();
  });
  test.beforeEach(async ({ context }) => {
    await context.addCookies(cookies);
  });

  test('a Spanish products CSV: preview with its mapping, a dry run that writes nothing, then the import', async ({ page }) => {
    const skuA = `E2E-IMP-${suffix}-A`;
    const skuB = `E2E-IMP-${suffix}-B`;
    const file = csvFile(`productos-${suffix}.csv`, [
      'Código;Descripción;Categoría;Unidad;Precio;Costo',
      `${skuA};Queso llanero e2e;Lácteos;kg;1.234,56;987,65`,
      `${skuB};Papelón e2e;Víveres;unidad;12,50;8,75`,
    ]);
    await openImports(page);
    await page.getByTestId('import-file').setInputFiles(file);

    const preview = page.getByTestId('preview');
    await expect(preview.getByTestId('detected-format')).toHaveText('CSV');
    await expect(preview.getByTestId('detected-delimiter')).toHaveText('punto y coma (;)');
    await expect(preview.getByLabel('Números')).toHaveValue('comma');
    await expect(preview.getByLabel('Columna para «Código»')).toHaveValue('sku');
    await expect(preview.getByLabel('Columna para «Descripción»')).toHaveValue('name');
    await expect(preview.getByLabel('Columna para «Precio»')).toHaveValue('price');
    await expect(preview.getByLabel('Columna para «Costo»')).toHaveValue('cost');
    await expect(preview.getByTestId('preview-table').locator('tbody tr')).toHaveCount(2);
    await expect(preview.getByTestId('preview-table')).toContainText('1.234,56');
    await expect(page.getByTestId('missing-columns')).toHaveCount(0);
    await expectAccessible(page, 'the import page with a preview');

    await page.getByRole('button', { name: 'Comprobar (sin guardar)' }).click();
    const result = page.getByTestId('run-result');
    await expect(result).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByTestId('run-verdict')).toHaveText('Comprobación terminada: 2 filas leídas. No se guardó nada.');
    await expect(count(page, 'total')).toHaveText('2');
    await expect(count(page, 'inserted')).toHaveText('2');
    await expect(count(page, 'rejected')).toHaveText('0');
    expect((await findProducts(page, `E2E-IMP-${suffix}`)).total).toBe(0);

    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    await expect(page.getByRole('heading', { name: `Importación de productos-${suffix}.csv (Productos)` })).toBeFocused();
    await expect(result).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByTestId('run-verdict')).toHaveText('Importación terminada: 2 filas leídas y guardadas.');
    await expect(count(page, 'inserted')).toHaveText('2');
    const found = await findProducts(page, `E2E-IMP-${suffix}`);
    expect(found.items.map((p) => [p.sku, p.name, p.price, p.cost]).sort()).toEqual([
      [skuA, 'Queso llanero e2e', '1234.56', '987.65'],
      [skuB, 'Papelón e2e', '12.50', '8.75'],
    ]);

    // The history lists the check and the import of this file.
    const rows = page.getByTestId('history-table').locator(`[data-testid="history-row"][data-file="productos-${suffix}.csv"]`);
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'comprobación' })).toHaveCount(1);
    await expect(rows.first()).toContainText(email('granja', 'manager'));
  });

  test('a bad row fails the whole file: the rejection is listed with its line and nothing is written', async ({ page }) => {
    const file = csvFile(`productos-malo-${suffix}.csv`, [
      'SKU;Nombre;Categoría;Unidad;Precio;Costo',
      `E2E-BAD-${suffix}-1;Arroz e2e;Víveres;unidad;3,10;2,00`,
      `E2E-BAD-${suffix}-2;Harina e2e;Víveres;unidad;abc;2,00`,
      `E2E-BAD-${suffix}-3;Café e2e;Víveres;unidad;7,25;5,00`,
    ]);
    await openImports(page);
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByLabel('Columna para «Precio»')).toHaveValue('price');
    await page.getByRole('button', { name: 'Importar', exact: true }).click();

    await expect(page.getByTestId('run-result')).toHaveAttribute('data-status', 'failed');
    await expect(page.getByTestId('run-verdict')).toContainText('La importación falló: no se guardó nada.');
    await expect(page.getByTestId('run-verdict')).toContainText('Se rechazaron 1 de 3 filas.');
    await expect(count(page, 'rejected')).toHaveText('1');
    const rejection = page.getByTestId('rejections-table').getByTestId('rejection-row');
    await expect(rejection).toHaveCount(1);
    await expect(rejection).toHaveAttribute('data-line', '3');
    await expect(rejection).toContainText('price');
    await expect(rejection).toContainText('abc');
    await expect(rejection).toContainText('No es un número válido');
    await expect(page.getByTestId('rejections-download')).toHaveAttribute('href', /\/api\/v1\/imports\/[0-9a-f-]+\/rejections$/);
    expect((await findProducts(page, `E2E-BAD-${suffix}`)).total).toBe(0);
    await expectAccessible(page, 'the import page with rejected rows');
  });

  test('an empty file is refused with a clear message', async ({ page }) => {
    await openImports(page);
    await page.getByTestId('import-file').setInputFiles({ name: 'vacio.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await expect(page.getByTestId('preview-error')).toHaveAttribute('data-code', 'empty_file');
    await expect(page.getByTestId('preview-error')).toContainText('El archivo está vacío');
    await expect(page.getByRole('button', { name: 'Importar', exact: true })).toHaveCount(0);
  });
});

test.describe('granja viewer', () => {
  test.use({ storageState: authFile('granja', 'viewer') });

  test('has no import entry and cannot open the page', async ({ page }) => {
    await page.goto(url('granja', '/'));
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    await expect(nav.getByRole('link', { name: 'Inventario' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Importar datos' })).toHaveCount(0);
    await page.goto(url('granja', '/imports'));
    await expect(page.getByTestId('page-forbidden')).toBeVisible();
    expect((await pageFetch(page, '/api/v1/imports/kinds')).status).toBe(403);
  });
});
