/**
 * Downloads of list pages: a manager narrows the inventory with a filter and downloads it as CSV
 * through the page's link (a plain link: the browser's session cookie, the server's file name);
 * the file holds exactly the rows of the filtered view, which the API confirms.
 */
import { expect, test, type Download } from '@playwright/test';
import { url } from './support/env.js';
import { expectSettled, expectShell, pageFetch, signInWithForm } from './support/helpers.js';

async function text(file: Download): Promise<string> {
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** RFC 4180 records (quoted fields, doubled quotes, CRLF), enough for the check below. */
function records(csv: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && csv[i + 1] === '\n') row.push(field), out.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return out;
}

test('a manager downloads the filtered inventory as CSV: the filtered rows only', async ({ page }) => {
  await signInWithForm(page, 'granja', 'manager');
  await expectShell(page, 'granja');
  await page.goto(url('granja', '/inventory'));
  await expectSettled(page);
  const total = Number(await page.getByTestId('inventory-count').getAttribute('data-matching'));

  await page.getByTestId('inventory-low-stock').click();
  await expect(page).toHaveURL(/[?&]low_stock=true/);
  await expect(page.getByTestId('inventory-low-stock')).toBeChecked();
  await expect(page.getByTestId('export-csv')).toHaveAttribute('href', /^\/api\/v1\/exports\/inventory\?.*low_stock=true/);
  await expect(page.getByTestId('export-parquet')).toHaveAttribute('href', /format=parquet/);
  const count = page.getByTestId('inventory-count');
  await expect(count).not.toHaveAttribute('data-matching', String(total));
  const matching = Number(await count.getAttribute('data-matching'));

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^granja-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await text(file);
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = records(csv.slice(1));
  const col = (name: string) => header!.indexOf(name);
  expect(rows.length).toBe(matching);
  expect(rows.length).toBeLessThan(total);
  expect(rows.every((r) => Number(r[col('quantity')]) <= Number(r[col('min_stock')]))).toBe(true);

  // The same rows the list gives for the same filter.
  const api = await pageFetch(page, '/api/v1/inventory?low_stock=true&limit=500');
  const items = (api.body as { items: Array<{ id: string }> }).items;
  expect(rows.map((r) => r[col('id')]).sort()).toEqual(items.map((i) => i.id).sort());
});
