/**
 * The sales report: charts by day and category, the category table and the sales lines; on
 * granja (Venezuelan taxes on) the IVA/IGTF summary and a ticket with its taxes, kept open in the
 * URL; cliente2 shows no Venezuelan taxes.
 */
import { expect, test } from '@playwright/test';
import { authFile, url } from './support/env.js';
import { expectSettled } from './support/helpers.js';

test.describe('granja', () => {
  test.use({ storageState: authFile('granja') });

  test('charts, categories, taxes and a ticket', async ({ page }) => {
    await page.goto(url('granja', '/sales'));
    await expectSettled(page);
    await expect(page.getByTestId('sales-by-day').locator('svg').first()).toBeVisible();
    await expect(page.getByTestId('category-table').getByTestId('category-row').first()).toBeVisible();
    const taxes = page.getByTestId('tax-summary');
    await expect(taxes).toContainText('IVA');
    await expect(taxes).toContainText('IGTF');
    await expect(taxes.getByTestId('tax-total')).toContainText('Bs.');

    const firstLine = page.getByTestId('sales-table').getByTestId('sales-row').first();
    await firstLine.getByTestId('ticket-link').click();
    const ticket = page.getByTestId('ticket-dialog');
    await expect(ticket).toBeVisible();
    await expect(ticket.getByTestId('ticket-line').first()).toBeVisible();
    await expect(ticket.getByTestId('ticket-total')).toContainText('Bs.');
    await expect(page).toHaveURL(/[?&]ticket=/);
    await page.reload();
    await expect(page.getByTestId('ticket-dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('ticket-dialog')).toBeHidden();
    await expect(page).not.toHaveURL(/[?&]ticket=/);
  });
});

test.describe('cliente2', () => {
  test.use({ storageState: authFile('cliente2') });

  test('no Venezuelan taxes, dollars only', async ({ page }) => {
    await page.goto(url('cliente2', '/sales'));
    await expectSettled(page);
    await expect(page.getByTestId('category-table').getByTestId('category-row').first()).toBeVisible();
    await expect(page.getByTestId('tax-summary')).toHaveCount(0);
    await expect(page.getByTestId('sales-table')).not.toContainText('Bs');
  });
});
