/**
 * The audit log: an API key created on the settings page (tienda3, the scratch company) is
 * shown once, listed, and appears in the audit log with who did it; the action filter in the
 * URL narrows the log to that action.
 */
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { authFile, SCRATCH, url } from './support/env.js';
import { expectSettled } from './support/helpers.js';

test.use({ storageState: authFile(SCRATCH.id) });

test('a new API key is listed and shows up in the audit log', async ({ page }) => {
  const name = `e2e key ${randomBytes(3).toString('hex')}`;
  await page.goto(url(SCRATCH.id, '/settings/api-keys'));
  await expectSettled(page);
  const form = page.getByTestId('apikey-form');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Acts as').selectOption('viewer');
  await form.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByTestId('apikey-secret')).toContainText(`flx.${SCRATCH.id}.`);
  await expect(page.locator(`[data-testid="apikey-row"][data-name="${name}"]`)).toBeVisible();

  await page.goto(url(SCRATCH.id, '/audit?action=apikey.created'));
  await expectSettled(page);
  const rows = page.getByTestId('audit-table').getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('[data-testid="audit-row"]:not([data-action="apikey.created"])')).toHaveCount(0);
  const ours = rows.filter({ hasText: name });
  await expect(ours).toHaveCount(1);
  await expect(ours).toContainText(SCRATCH.owner);
});
