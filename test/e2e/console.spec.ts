/**
 * The platform console on the admin host (http://admin.localhost:<port>): the platform admin
 * signs in through the form (once: sign-in is rate limited per address, so the session is saved
 * and reused), sees every tenant on the dashboard with search, filter, sort and its own refresh,
 * onboards a tenant whose sub-domain answers with its branding at once, suspends it (its site
 * shows "account suspended") and reactivates it. A tenant user's session never opens the console.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { authFile, PASSWORD, SUSPENDED, TENANTS, url } from './support/env.js';
import { expectAccessible, pageFetch } from './support/helpers.js';

const ADMIN = 'admin@fluxion.demo';
const ADMIN_STATE = join(process.cwd(), 'test-results', 'e2e-auth', 'console-admin.json');
const CONSOLE = (path = '/') => url('admin', path);
/** A 1 × 1 PNG: the logo of the tenant created through the form. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');

test.use({ locale: 'en-US' });

/** Signs the platform admin in through the console's form (after one wrong attempt) and saves the session. */
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(CONSOLE());
  const form = page.getByTestId('console-signin');
  await expect(form.getByRole('heading', { level: 1 })).toHaveText('Platform console');
  // An address that is no admin, new each run: failures count towards a lockout per address.
  await form.getByLabel('Email').fill(`nobody-${randomBytes(4).toString('hex')}@fluxion.demo`);
  await form.getByLabel('Password').fill('not-the-password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signin-error')).toHaveText('Wrong email or password.');
  await form.getByLabel('Email').fill(ADMIN);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tenants' })).toBeVisible();
  await expect(page.getByTestId('console-who')).toContainText(ADMIN);
  mkdirSync(dirname(ADMIN_STATE), { recursive: true });
  await context.storageState({ path: ADMIN_STATE });
  await context.close();
});

async function adminPage(browser: Browser, path = '/'): Promise<Page> {
  const context = await browser.newContext({ storageState: ADMIN_STATE, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(CONSOLE(path));
  return page;
}

const rows = (page: Page) => page.getByTestId('tenant-row');
const row = (page: Page, id: string) => page.locator(`[data-testid="tenant-row"][data-tenant="${id}"]`);

async function columnTexts(page: Page, index: number): Promise<string[]> {
  return rows(page).evaluateAll((trs, i) => trs.map((tr) => (tr.children[i] as HTMLElement).innerText.trim()), index);
}

async function expectNoSidewaysScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, 'the page is wider than the screen').toBeLessThanOrEqual(width);
}

test('the dashboard lists every tenant, searches, filters, sorts and refreshes by itself', async ({ browser }) => {
  const page = await adminPage(browser);
  await expect(page).toHaveTitle('Tenants · Fluxion console');
  for (const t of Object.values(TENANTS)) {
    await expect(row(page, t.id).getByRole('link', { name: t.name })).toBeVisible();
    await expect(row(page, t.id).getByTestId('tenant-status')).toHaveText('Active');
  }
  await expect(row(page, SUSPENDED.id).getByTestId('tenant-status')).toHaveText('Suspended');
  await expect(page.getByTestId('kpi-active')).toContainText('Active tenants');

  // Refreshes by itself: the "updated" time moves on without any action.
  const updated = page.getByTestId('updated-at');
  await expect(updated).toHaveText(/^Updated \d\d:\d\d:\d\d/);
  const first = await updated.innerText();
  await expect(updated).not.toHaveText(first, { timeout: 20_000 });

  // Search by name or id (accents and case ignored).
  const search = page.getByRole('searchbox', { name: 'Search by id or name' });
  await search.fill('CLIEN');
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, 'cliente2')).toBeVisible();
  await search.fill('granja');
  await expect(rows(page)).toHaveCount(1);
  await expect(row(page, 'granja')).toBeVisible();
  await search.fill('no-such-tenant');
  await expect(page.getByText('No tenant matches the search and filter.')).toBeVisible();
  await search.fill('');

  // Status filter.
  await page.getByRole('combobox', { name: 'Status' }).selectOption('suspended');
  await expect(row(page, SUSPENDED.id)).toBeVisible();
  await expect(row(page, 'granja')).toHaveCount(0);
  for (const status of await rows(page).getByTestId('tenant-status').allInnerTexts()) expect(status).toBe('Suspended');
  await page.getByRole('combobox', { name: 'Status' }).selectOption('');
  await expect(row(page, 'granja')).toBeVisible();

  // Sort: by name (the default, ascending), flipped by a click; by users, biggest first.
  const nameHeader = page.getByRole('columnheader', { name: /^Tenant/ });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  const byName = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true }));
  const names = async () => (await rows(page).getByRole('link').allInnerTexts()).map((s) => s.trim());
  expect(await names()).toEqual(byName(await names()));
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  expect(await names()).toEqual(byName(await names()).reverse());

  const usersHeader = page.getByRole('columnheader', { name: /^Users/ });
  await usersHeader.getByRole('button').click();
  await expect(usersHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  const usersIndex = await page.locator('thead th').evaluateAll((ths) => ths.findIndex((th) => th.textContent?.startsWith('Users')));
  expect(usersIndex).toBeGreaterThan(0);
  // thead's first row holds the grouped requests/min header: the data cells' index is the header's + 2 (its three sub-columns).
  const users = (await columnTexts(page, usersIndex + 2)).map((s) => Number(s.replace(/[^\d]/g, '')));
  expect(users.length).toBeGreaterThan(2);
  expect(users).toEqual([...users].sort((a, b) => b - a));

  // The view lives in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByRole('columnheader', { name: /^Users/ })).toHaveAttribute('aria-sort', 'descending');
  await expectAccessible(page, 'the console dashboard');
  await page.context().close();
});

test('onboarding: a new tenant answers on its sub-domain with its branding, and is suspended and reactivated from the console', async ({ browser }) => {
  const id = `e2e-${randomBytes(3).toString('hex')}`;
  const name = `Ferretería Prueba ${id.slice(4)}`;
  const primary = '#c2410c';
  const page = await adminPage(browser);
  await page.getByRole('navigation').getByRole('link', { name: 'New tenant' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New tenant');
  const form = page.getByTestId('new-tenant-form');

  // The id follows the name, and is checked live with the server's rule.
  await form.getByLabel('Name', { exact: true }).fill(name);
  const idField = form.getByLabel('Id (sub-domain)');
  await expect(idField).toHaveValue(`ferreteria-prueba-${id.slice(4)}`);
  await idField.fill('admin');
  await expect(page.getByTestId('id-check')).toHaveText('"admin" is a name the platform keeps for itself.');
  await expect(idField).toHaveAttribute('aria-invalid', 'true');
  await idField.fill('Mi_Tienda');
  await expect(page.getByTestId('id-check')).toContainText('Only lower-case letters');
  await idField.fill('granja');
  await expect(page.getByTestId('id-check')).toHaveText('A tenant "granja" already exists.');
  await idField.fill(id);
  await expect(page.getByTestId('id-check')).toHaveText(`Available: ${url(id, '/')}`);

  await form.getByLabel('Plan').selectOption('free');
  await form.getByLabel('Currency (ISO 4217)').fill('VES');
  await form.getByLabel('Language and region').selectOption('es-VE');
  await form.getByLabel('Forecasting').check();
  await page.getByTestId('primary-hex').fill(primary);
  await page.getByTestId('secondary-hex').fill('#1e3a8a');
  await expect(page.getByTestId('new-preview-bar')).toHaveCSS('background-color', 'rgb(194, 65, 12)');

  // SVG (even named .png) is refused before anything is sent; a real PNG is taken.
  const logo = form.getByLabel('Logo (optional)');
  await logo.setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: SVG });
  await expect(page.getByTestId('logo-error')).toContainText('SVG is not accepted');
  await logo.setInputFiles({ name: 'disguised.png', mimeType: 'image/png', buffer: SVG });
  await expect(page.getByTestId('logo-error')).toHaveText('The content of disguised.png is not a PNG or JPEG image.');
  await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG_1X1 });
  await expect(page.getByTestId('logo-error')).toHaveCount(0);
  await expect(page.getByTestId('new-preview-bar').locator('img')).toBeVisible();

  // The owner's email is required.
  await page.getByRole('button', { name: 'Create tenant' }).click();
  await expect(form.getByLabel("Owner's email")).toBeFocused();
  await expect(form.getByText('Type a valid email address.')).toBeVisible();
  await form.getByLabel("Owner's email").fill(`owner@${id}.test`);
  await form.getByLabel("Owner's name (optional)").fill('Dueña Prueba');
  await page.getByRole('button', { name: 'Create tenant' }).click();

  const created = page.getByTestId('created');
  await expect(created.getByRole('heading')).toHaveText(`Tenant "${name}" created`);
  await expect(created.getByRole('heading')).toBeFocused();
  const site = url(id, '');
  await expect(page.getByTestId('created-url')).toHaveAttribute('href', new RegExp(`^${site.replace(/[.]/g, '\\.')}/?$`));
  const invite = await page.getByTestId('invite-url').innerText();
  expect(invite.startsWith(site)).toBe(true);
  await expect(created.getByRole('button', { name: 'Copy invitation link' })).toBeVisible();

  // The new sub-domain answers at once, branded: name, colour (a CSS variable), logo, language.
  const visitor = await browser.newPage({ locale: 'en-US' });
  const res = await visitor.goto(url(id, '/'));
  expect(res?.status()).toBe(200);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(`Iniciar sesión en ${name}`);
  await expect(visitor).toHaveTitle(`${name} · Fluxion`);
  expect(await visitor.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim())).toBe(primary);
  await expect(visitor.getByRole('button', { name: 'Entrar' })).toHaveCSS('background-color', 'rgb(194, 65, 12)');
  await expect(visitor.locator('.signin-head img.logo')).toBeVisible();

  // Its page in the console.
  await page.getByTestId('created-open').click();
  const tenantPage = page.getByTestId('tenant-page');
  await expect(tenantPage.getByRole('heading', { level: 1 })).toHaveText(name);
  const status = tenantPage.getByTestId('tenant-status').first();
  await expect(status).toHaveText('Active');
  await expect(tenantPage.getByTestId('tenant-site')).toHaveAttribute('href', site);
  await expect(page.getByTestId('delete')).toBeDisabled();

  // Suspend (after a confirmation): the site shows "account suspended".
  await page.getByTestId('suspend').click();
  const dialog = page.getByRole('dialog', { name: `Suspend ${name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Suspend' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('tenant-notice')).toHaveText(`${name} is suspended.`);
  await expect(status).toHaveText('Suspended');
  // Focus is back on the button that opened the dialog, which now offers the opposite action.
  await expect(page.getByTestId('activate')).toBeFocused();
  await visitor.reload();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Cuenta suspendida');
  await expect(visitor.getByText(`La cuenta de ${name} está suspendida`)).toBeVisible();
  expect(await visitor.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim())).toBe(primary);
  await expect(page.getByTestId('delete')).toBeEnabled();

  // Reactivate: the sign-in page is back.
  await page.getByTestId('activate').click();
  const again = page.getByRole('dialog', { name: `Reactivate ${name}?` });
  await again.getByRole('button', { name: 'Reactivate' }).click();
  await expect(again).toBeHidden();
  await expect(status).toHaveText('Active');
  await visitor.reload();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(`Iniciar sesión en ${name}`);

  // The visits to the new site show up on its console page (statistics are written every few seconds).
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('kpi-requests')).not.toContainText(/Requests\s*0$/, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('endpoints-table').getByRole('row', { name: /GET \/api\/v1\/tenant\b/ }).first()).toBeVisible();

  // The dashboard lists it with its plan.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').click();
  await page.getByRole('searchbox', { name: 'Search by id or name' }).fill(id);
  await expect(row(page, id).getByRole('link', { name })).toBeVisible();
  await expect(row(page, id)).toContainText('Free');
  await visitor.context().close();
  await page.context().close();
});

test('offboarding: the export downloads, and deletion needs a suspended tenant and its id typed exactly', async ({ browser }) => {
  const id = `e2e-del-${randomBytes(3).toString('hex')}`;
  const name = `Borrable ${id.slice(8)}`;
  const page = await adminPage(browser);
  const made = await pageFetch(page, '/api/v1/admin/tenants', { method: 'POST', body: { id, name, owner: { email: `owner@${id}.test` } } });
  expect(made.status).toBe(201);
  await page.goto(CONSOLE(`/tenants/${id}`));
  await expect(page.getByTestId('tenant-page').getByRole('heading', { level: 1 })).toHaveText(name);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download export' }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${id}-.+\\.tar\\.gz$`));

  // Only a suspended tenant can be deleted.
  await expect(page.getByTestId('delete')).toBeDisabled();
  await expect(page.getByText('Suspend it first to delete it.')).toBeVisible();
  await page.getByTestId('suspend').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByTestId('tenant-status').first()).toHaveText('Suspended');

  await page.getByTestId('delete').click();
  const dialog = page.getByRole('dialog', { name: `Delete ${name}` });
  const typed = dialog.getByLabel(`Type the id "${id}" to confirm`);
  await expect(typed).toBeFocused();
  const confirm = dialog.getByRole('button', { name: 'Delete for good' });
  await expect(confirm).toBeDisabled();
  await typed.fill(id.toUpperCase());
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('delete')).toBeFocused();

  await page.getByTestId('delete').click();
  await expect(typed).toHaveValue('');
  await typed.fill(id);
  await confirm.click();
  await expect(page).toHaveURL(CONSOLE('/'));
  await expect(page.getByTestId('deleted-notice')).toHaveText(new RegExp(`^Tenant "${id}" deleted \\([\\d,]+ rows\\)\\.$`));
  await expect(row(page, 'granja')).toBeVisible();
  await expect(row(page, id)).toHaveCount(0);

  const gone = await page.context().newPage();
  const res = await gone.goto(url(id, '/'));
  expect(res?.status()).toBe(404);
  await page.context().close();
});

test("a tenant's page shows its traffic, endpoints and audit trail, and saves plan changes", async ({ browser }) => {
  const page = await adminPage(browser, '/tenants/tienda3');
  const tenantPage = page.getByTestId('tenant-page');
  await expect(tenantPage.getByRole('heading', { level: 1 })).toHaveText('Tienda Tres');
  await expect(page).toHaveTitle('Tienda Tres · Fluxion console');
  await expect(page.getByRole('img', { name: /^Chart of requests per hour over the last 24 hours/ })).toBeVisible();
  await page.getByText('Show as a table').click();
  await expect(page.getByTestId('hourly-table').locator('tbody tr')).toHaveCount(24);
  // The owner of tienda3 signed in (global setup): the audit trail says so.
  await expect(page.getByTestId('tenant-audit').locator('[data-action="auth.login"]').first()).toBeVisible();

  const form = page.getByTestId('plan-form');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Nothing changed.')).toBeVisible();
  const current = await form.getByLabel('Plan').inputValue();
  const next = current === 'premium' ? 'standard' : 'premium';
  await form.getByLabel('Plan').selectOption(next);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Changes saved.')).toBeVisible();
  await expect(tenantPage.locator('[data-plan]').first()).toHaveAttribute('data-plan', next);
  await expectAccessible(page, "a tenant's console page");
  await page.context().close();
});

test('support signs in as a tenant user from the console, with a reason the user sees', async ({ browser }) => {
  const reason = 'Console e2e: checking what the staff see';
  const page = await adminPage(browser, '/tenants/granja');
  await page.getByTestId('impersonate').click();
  const dialog = page.getByRole('dialog', { name: 'Sign in as a user of La Granja Mercado' });
  const reasonField = dialog.getByLabel('Reason');
  await expect(reasonField).toBeFocused();
  await reasonField.fill('too short');
  await dialog.getByRole('button', { name: 'Create the sign-in link' }).click();
  await expect(reasonField).toHaveAttribute('aria-invalid', 'true');
  await reasonField.fill(reason);
  await dialog.getByLabel("User's email (optional)").fill('staff@granja.demo');
  await dialog.getByRole('button', { name: 'Create the sign-in link' }).click();
  await expect(dialog.getByTestId('impersonate-grant')).toContainText('Link ready for staff@granja.demo (staff)');

  const [tenantTab] = await Promise.all([page.context().waitForEvent('page'), dialog.getByRole('link', { name: /Open the session/ }).click()]);
  await expect(tenantTab).toHaveURL(url('granja', '/'));
  const banner = tenantTab.locator('[data-impersonation]');
  await expect(banner).toContainText(ADMIN);
  await expect(banner).toContainText('staff@granja.demo');
  await expect(banner).toContainText(reason);
  await expect(dialog).toBeHidden();
  await page.context().close();
});

test('an unknown tenant and an unknown console page say so', async ({ browser }) => {
  const page = await adminPage(browser, '/tenants/no-such-tenant');
  await expect(page.getByTestId('tenant-missing')).toHaveText(/There is no tenant "no-such-tenant"/);
  await page.goto(CONSOLE('/nowhere'));
  await expect(page.getByTestId('console-not-found')).toBeVisible();
  await page.context().close();
});

test('the console in Spanish, at phone width, without sideways scrolling', async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE, locale: 'es-VE', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(CONSOLE());
  await expect(page.getByRole('heading', { level: 1, name: 'Empresas' })).toBeVisible();
  await expect(row(page, 'granja')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.goto(CONSOLE('/tenants/new'));
  await expect(page.getByRole('heading', { level: 1, name: 'Nueva empresa' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page, 'the new tenant form');
  await context.close();
});

test.describe("a tenant user's session", () => {
  test.use({ storageState: authFile('granja') });

  test('does not open the console, even with its cookie sent to the admin host', async ({ page, context }) => {
    await page.goto(CONSOLE());
    await expect(page.getByTestId('console-signin')).toBeVisible();
    expect((await pageFetch(page, '/api/v1/admin/auth/me')).status).toBe(401);
    expect((await pageFetch(page, '/api/v1/admin/dashboard')).status).toBe(401);

    // The granja session cookie, copied onto the admin host under both cookie names.
    const granja = (await context.cookies(url('granja', '/'))).find((c) => c.name === 'fluxion_session');
    expect(granja, 'the granja owner is signed in on granja').toBeTruthy();
    const host = new URL(CONSOLE()).hostname;
    await context.addCookies(['fluxion_session', 'fluxion_admin'].map((name) => ({ name, value: granja!.value, domain: host, path: '/', httpOnly: true, sameSite: 'Lax' as const })));
    await page.reload();
    await expect(page.getByTestId('console-signin')).toBeVisible();
    expect((await pageFetch(page, '/api/v1/admin/auth/me')).status).toBe(401);
    await expect(page.getByRole('heading', { level: 1, name: 'Tenants' })).toHaveCount(0);
  });
});
