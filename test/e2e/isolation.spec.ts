/**
 * A granja session cannot reach cliente2's data: not by editing the address (cliente2's host
 * does not receive granja's host-only cookie and shows its sign-in page), not by the tenant
 * header (host and X-Tenant-ID disagreeing is a 400 tenant_conflict), and not by replaying
 * granja's session token on cliente2's host or on the apex with X-Tenant-ID (401).
 */
import { expect, test, type BrowserContext } from '@playwright/test';
import { authFile, TENANTS, url } from './support/env.js';
import { expectShell, pageFetch } from './support/helpers.js';

test.use({ storageState: authFile('granja') });

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies(url('granja'))).find((c) => c.name.includes('fluxion_session'));
  expect(cookie, 'granja session cookie').toBeDefined();
  return cookie!;
}

/** No cliente2 store, product or name in an API answer. */
function expectNoCliente2Data(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toContain(TENANTS.cliente2.store);
  expect(text).not.toContain(TENANTS.cliente2.name);
}

test('editing the address to cliente2 shows cliente2 sign-in page, not data', async ({ page, context }) => {
  await page.goto(url('granja', '/inventory'));
  await expectShell(page, 'granja');
  const cookie = await sessionCookie(context);
  expect(cookie.domain).toBe('granja.localhost'); // host-only

  await page.goto(url('cliente2', '/inventory'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Sign in to ${TENANTS.cliente2.name}`);
  await expect(page.getByText(TENANTS.cliente2.store)).toHaveCount(0);
  await expect(page.getByText(TENANTS.granja.name)).toHaveCount(0);
  const inv = await pageFetch(page, '/api/v1/inventory');
  expect(inv.status).toBe(401);
  expectNoCliente2Data(inv.body);
});

test('?tenant=cliente2 on granja host still shows granja', async ({ page }) => {
  await page.goto(url('granja', '/inventory?tenant=cliente2'));
  await expectShell(page, 'granja');
  await expect(page.getByTestId('inventory-table').getByRole('cell', { name: TENANTS.granja.store }).first()).toBeVisible();
  await expect(page.getByText(TENANTS.cliente2.store)).toHaveCount(0);
});

test('X-Tenant-ID: cliente2 on granja host is a 400 tenant_conflict with no data', async ({ page }) => {
  await page.goto(url('granja', '/'));
  await expectShell(page, 'granja');
  const own = await pageFetch(page, '/api/v1/inventory?limit=5');
  expect(own.status).toBe(200);
  for (const path of ['/api/v1/inventory', '/api/v1/stores', '/api/v1/tenant', '/api/v1/auth/me']) {
    const res = await pageFetch(page, path, { headers: { 'X-Tenant-ID': 'cliente2' } });
    expect(res.status, path).toBe(400);
    expect(res.body, path).toMatchObject({ error: 'tenant_conflict' });
    expectNoCliente2Data(res.body);
  }
});

test("granja's session token replayed on cliente2's host or the apex is refused", async ({ page, context }) => {
  const cookie = await sessionCookie(context);
  // The token carried over by hand, as an attacker with the cookie would.
  await context.addCookies([
    { name: cookie.name, value: cookie.value, url: url('cliente2', '/'), httpOnly: true, sameSite: 'Lax' },
    { name: cookie.name, value: cookie.value, url: url(null, '/'), httpOnly: true, sameSite: 'Lax' },
  ]);
  await page.goto(url('cliente2', '/inventory'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(TENANTS.cliente2.store)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  for (const path of ['/api/v1/auth/me', '/api/v1/inventory', '/api/v1/stores']) {
    const res = await pageFetch(page, path);
    expect([401, 404], path).toContain(res.status);
    expectNoCliente2Data(res.body);
  }

  await page.goto(url(null, '/'));
  for (const path of ['/api/v1/auth/me', '/api/v1/inventory', '/api/v1/stores']) {
    const res = await pageFetch(page, path, { headers: { 'X-Tenant-ID': 'cliente2' } });
    expect([401, 404], path).toContain(res.status);
    expectNoCliente2Data(res.body);
  }
  // The token still works where it belongs.
  await page.goto(url('granja', '/'));
  await expectShell(page, 'granja');
});
