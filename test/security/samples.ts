/**
 * One valid-looking request per route, for the authorization matrix. Keyed by `METHOD url` exactly
 * as the route is registered; a tenant or platform route without an entry here fails the matrix,
 * so a new route cannot ship without being checked for who may call it.
 *
 * A sample should reach the route's handler and be harmless to repeat: the matrix sends it many
 * times (every role, both hosts, both credential kinds) on one app. `ok` lists what a principal
 * that is allowed to call the route gets back: the route's own answers, never an auth refusal.
 */
import type { Role } from '../../src/server/permissions.js';
import type { TestApp } from '../support/app.js';
import { ORDERS, T } from '../support/fixtures.js';
import { FIXTURE_PASSWORD, emailOf } from '../support/principals.js';
import { TINY_PNG } from '../support/images.js';
import { multipart } from '../support/multipart.js';

export type TenantName = 'granja' | 'cliente2';

export interface SampleContext {
  tenant: TenantName;
  store: string;
  supplier: string;
  product: string;
  order: string;
  /** An inventory row id of the tenant. */
  inventory: string;
  /** A user that exists only for the matrix to rename. */
  user: string;
  /** An API key that exists only for the matrix to revoke. */
  apiKey: string;
  /** A pending invitation that exists only for the matrix to revoke. */
  invite: string;
  ticket: string;
  primaryColor: string;
  email(role: Role): string;
  password: string;
  admin: { email: string; password: string };
  /** A value never returned before: for bodies that must be unique (emails, names). */
  unique(): string;
}

export interface SampleRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  payload?: Record<string, unknown>;
  /** A body that is not JSON (the logo upload): sent as these bytes with this Content-Type. */
  raw?: { contentType: string; bytes: Buffer };
}

export interface Sample {
  request(c: SampleContext): SampleRequest;
  /** Statuses a permitted principal gets for this request on its own tenant. */
  ok: readonly number[];
  /**
   * The route's own answer to an API key when it serves signed-in people only (it still checks the
   * key first: a foreign or revoked key is refused like anywhere else).
   */
  apiKey?: { status: number; error: string };
}

/**
 * Routes (`METHOD url`) that serve no tenant and need no sign-in: docs, health, CORS preflight,
 * the start page.
 * Anything else must declare tenancy 'tenant' or 'platform'.
 */
export const PUBLIC_ROUTES: readonly RegExp[] = [
  /^GET \/docs(\/.*)?$/,
  /^GET \/openapi\.json$/,
  /^GET \/(healthz|readyz)$/,
  // Prometheus scrapes: loopback or a bearer token only (test/features/metrics.test.ts).
  /^GET \/metrics$/,
  /^OPTIONS \/api\/\*$/,
  // The web app: its HTML shell on every page path (branding only: what GET /api/v1/tenant shows) and its files.
  /^GET \/$/,
  /^GET \/\*$/,
  /^GET \/assets\/\*$/,
  /^GET \/favicon\.svg$/,
];

/** A multipart form with one CSV file, as the samples' raw body. */
function multipartRaw(fields: Record<string, string>, csv: string): NonNullable<SampleRequest['raw']> {
  const body = multipart(fields, { name: 'sample.csv', content: csv });
  return { contentType: body.headers['content-type']!, bytes: body.payload };
}

const list = (query: Record<string, string> = {}): Sample => ({ request: () => ({ query: { limit: '5', ...query } }), ok: [200] });
const get = (request: Sample['request']): Sample => ({ request, ok: [200] });

export const SAMPLES: Record<string, Sample> = {
  // --- tenant: branding, sign-in ---------------------------------------------------------------
  'GET /api/v1/tenant': get(() => ({})),
  'POST /api/v1/auth/login': { request: (c) => ({ payload: { email: c.email('viewer'), password: c.password } }), ok: [200] },
  'POST /api/v1/auth/logout': { request: () => ({}), ok: [204] },
  'GET /api/v1/auth/me': get(() => ({})),
  // A wrong current password: reaches the handler and changes nothing.
  'POST /api/v1/auth/password': {
    request: () => ({ payload: { current_password: 'not-my-password-at-all', new_password: 'a-brand-new-passphrase-77' } }),
    ok: [400],
    apiKey: { status: 403, error: 'forbidden' },
  },
  'POST /api/v1/auth/invites/accept': {
    request: (c) => ({ payload: { token: `no-such-invite-${c.unique()}`, password: 'a-brand-new-passphrase-77' } }),
    ok: [410],
  },
  'GET /api/v1/auth/impersonate': { request: (c) => ({ query: { grant: `no-such-grant-${c.unique()}` } }), ok: [400] },

  // --- catalog ----------------------------------------------------------------------------------
  'GET /api/v1/stores': list({ q: 'a' }),
  'GET /api/v1/stores/:id': get((c) => ({ params: { id: c.store } })),
  'GET /api/v1/suppliers': list(),
  'GET /api/v1/products': list({ q: 'P-00', sort: 'name' }),
  'GET /api/v1/products/categories': get(() => ({})),
  'GET /api/v1/products/:id': get((c) => ({ params: { id: c.product } })),

  // --- inventory --------------------------------------------------------------------------------
  'GET /api/v1/inventory': list({ low_stock: 'true' }),
  'GET /api/v1/inventory/movements': list(),
  'GET /api/v1/inventory/:id': get((c) => ({ params: { id: c.inventory } })),
  'POST /api/v1/inventory/adjustments': {
    request: (c) => ({ payload: { store_id: c.store, product_id: c.product, delta: 1, reason: 'count', note: 'authorization matrix' } }),
    ok: [201],
  },

  // --- orders -----------------------------------------------------------------------------------
  'GET /api/v1/orders': list(),
  'GET /api/v1/orders/:id': get((c) => ({ params: { id: c.order } })),
  'POST /api/v1/orders': {
    request: (c) => ({ payload: { supplier_id: c.supplier, store_id: c.store, lines: [{ product_id: c.product, quantity: 2 }] } }),
    ok: [201],
  },
  // The fixture draft order moves on once; repeating a transition is the route's own 409.
  'POST /api/v1/orders/:id/submit': { request: (c) => ({ params: { id: c.order } }), ok: [200, 409] },
  'POST /api/v1/orders/:id/receive': { request: (c) => ({ params: { id: c.order }, payload: {} }), ok: [200, 409] },
  'POST /api/v1/orders/:id/cancel': { request: (c) => ({ params: { id: c.order } }), ok: [200, 409] },

  // --- imports (test/imports/): a dry run writes nothing but its record; unknown ids are the route's own 404 ---
  // Waits for the (tiny) import to end, so no background write lands while a later request is checked.
  'POST /api/v1/imports': { request: () => ({ query: { wait: '30' }, raw: multipartRaw({ kind: 'products', dry_run: 'true' }, 'sku;precio\nP-001;45,00\n') }), ok: [201] },
  'POST /api/v1/imports/preview': { request: () => ({ raw: multipartRaw({ kind: 'sales' }, 'Factura;Fecha;Tienda;Producto;Cantidad\nA-1;27/11/2026;S1;P-001;2\n') }), ok: [200] },
  'GET /api/v1/imports': list(),
  'GET /api/v1/imports/kinds': get(() => ({})),
  'GET /api/v1/imports/templates/:kind': get(() => ({ params: { kind: 'sales' } })),
  'GET /api/v1/imports/:id': { request: () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: [404] },
  'GET /api/v1/imports/:id/rejections': { request: () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }), ok: [404] },

  // --- exports (test/features/exports.test.ts): each kind with one of its list's filters -----------
  'GET /api/v1/exports/inventory': get((c) => ({ query: { store_id: c.store } })),
  'GET /api/v1/exports/movements': get(() => ({ query: { reason: 'initial' } })),
  'GET /api/v1/exports/sales': get(() => ({ query: { from: '2026-11-01', to: '2026-11-30' } })),
  'GET /api/v1/exports/orders': get(() => ({ query: { status: 'draft' } })),
  'GET /api/v1/exports/products': get(() => ({ query: { q: 'P-00', sort: 'price' } })),
  'GET /api/v1/exports/stores': get(() => ({ query: { active: 'true' } })),
  'GET /api/v1/exports/suppliers': get(() => ({})),

  // --- sales and stats --------------------------------------------------------------------------
  'GET /api/v1/sales': list({ from: '2026-11-01', to: '2026-11-30' }),
  'GET /api/v1/sales/tickets/:ticket': get((c) => ({ params: { ticket: c.ticket } })),
  'POST /api/v1/sales': {
    request: (c) => ({ payload: { store_id: c.store, lines: [{ product_id: c.product, quantity: 1 }] } }),
    ok: [201],
  },
  'GET /api/v1/stats': get(() => ({ query: { from: '2026-11-01', to: '2026-11-05' } })),

  // --- exchange rates ---------------------------------------------------------------------------
  'GET /api/v1/exchange-rates': list({ currency: 'USD', from: '2026-01-01' }),
  // The fixtures hold no EUR rate until the PUT below has run: either answer is the route's own.
  'GET /api/v1/exchange-rates/current': { request: () => ({ query: { currency: 'EUR', on: '2026-11-05' } }), ok: [200, 404] },
  // The same rate every time: created once, then unchanged.
  'PUT /api/v1/exchange-rates': { request: () => ({ payload: { currency: 'EUR', date: '2026-11-02', rate: '40.5', source: 'BCV' } }), ok: [200] },

  // --- analytics (granja has the features; cliente2 gets feature_disabled) ---------------------
  'GET /api/v1/insights': get(() => ({ query: { limit: '5' } })),

  // --- forecasting (granja has the feature; cliente2 gets feature_disabled). Before the tenant's
  // first run has finished, reads answer 409 forecast_pending: either answer is the route's own.
  'GET /api/v1/forecast': { request: (c) => ({ query: { product_id: c.product, store_id: c.store } }), ok: [200, 409] },
  'GET /api/v1/forecast/accuracy': { request: () => ({}), ok: [200, 409] },
  'GET /api/v1/forecast/runs': get(() => ({})),
  // The call waits for its run (a few series here): a run left going would write its forecasts
  // while the next route's refusals are being checked for changes.
  'POST /api/v1/forecast/runs': { request: () => ({ query: { wait: '120' } }), ok: [200] },
  'GET /api/v1/replenishment/suggestions': { request: (c) => ({ query: { store_id: c.store } }), ok: [200, 409] },
  // Nothing to order (422) or no run yet (409) leave no order behind.
  'POST /api/v1/replenishment/orders': { request: (c) => ({ payload: { items: [{ store_id: c.store, product_id: c.product }] } }), ok: [201, 409, 422] },

  // --- users, invitations, API keys, audit, settings -------------------------------------------
  'GET /api/v1/users': list(),
  'PATCH /api/v1/users/:id': { request: (c) => ({ params: { id: c.user }, payload: { name: `Renamed ${c.unique()}` } }), ok: [200] },
  'GET /api/v1/users/invites': list(),
  'POST /api/v1/users/invites': { request: (c) => ({ payload: { email: `invitee-${c.unique()}@${c.tenant}.test`, role: 'viewer' } }), ok: [201] },
  // Revoking a revoked invitation changes nothing (204).
  'DELETE /api/v1/users/invites/:id': { request: (c) => ({ params: { id: c.invite } }), ok: [204] },
  'GET /api/v1/api-keys': list(),
  'POST /api/v1/api-keys': { request: (c) => ({ payload: { name: `matrix ${c.unique()}`, role: 'viewer' } }), ok: [201] },
  'DELETE /api/v1/api-keys/:id': { request: (c) => ({ params: { id: c.apiKey } }), ok: [204] },
  'GET /api/v1/audit': list({ action: 'auth.' }),
  'GET /api/v1/tenant/settings': get(() => ({})),
  // Setting the colour it already has.
  'PATCH /api/v1/tenant/settings': { request: (c) => ({ payload: { primaryColor: c.primaryColor } }), ok: [200] },
  // The same image every time: stored once, then unchanged.
  'PUT /api/v1/tenant/logo': { request: () => ({ raw: { contentType: 'image/png', bytes: TINY_PNG } }), ok: [200] },
  // Removing a logo that is gone is a 204 too.
  'DELETE /api/v1/tenant/logo': { request: () => ({}), ok: [204] },
  // Public like GET /api/v1/tenant; 404 while the tenant has no logo.
  'GET /api/v1/tenant/logo': { request: () => ({}), ok: [200, 404] },
  'GET /api/v1/tenant/favicon': get(() => ({})),

  // --- platform console (admin host) ------------------------------------------------------------
  'POST /api/v1/admin/auth/login': { request: (c) => ({ payload: { email: c.admin.email, password: c.admin.password } }), ok: [200] },
  'POST /api/v1/admin/auth/logout': { request: () => ({}), ok: [204] },
  'GET /api/v1/admin/auth/me': get(() => ({})),
  'GET /api/v1/admin/tenants': list(),
  'GET /api/v1/admin/audit': list({ tenant_id: 'granja' }),
  'POST /api/v1/admin/tenants/:id/impersonate': {
    request: (c) => ({ params: { id: c.tenant }, payload: { reason: 'Authorization matrix check of the console' } }),
    ok: [201],
  },
  'GET /api/v1/admin/dashboard': get(() => ({})),
  'GET /api/v1/admin/tenants/:id/overview': get((c) => ({ params: { id: c.tenant } })),
  'POST /api/v1/admin/tenants': {
    request: (c) => ({ payload: { id: `matrix-${c.unique()}`, name: 'Matrix check', owner: { email: `owner-${c.unique()}@matrix.test` } } }),
    ok: [201],
  },
  // Setting the colour it already has.
  'PATCH /api/v1/admin/tenants/:id': { request: (c) => ({ params: { id: c.tenant }, payload: { settings: { primaryColor: c.primaryColor } } }), ok: [200] },
  // Activating an active tenant changes nothing; suspending is tried on a tenant that does not exist.
  'POST /api/v1/admin/tenants/:id/activate': { request: (c) => ({ params: { id: c.tenant } }), ok: [200] },
  'POST /api/v1/admin/tenants/:id/suspend': { request: () => ({ params: { id: 'no-such-tenant' } }), ok: [404] },
  // Offboarding. The export of a real tenant is checked in test/features/offboarding.test.ts; here an
  // unknown one (the route's own 404): the archive differs by backend (api-equality) and is audited.
  'GET /api/v1/admin/tenants/:id/export': { request: () => ({ params: { id: 'no-such-tenant' } }), ok: [404] },
  // The fixture tenant is active: deletion is the route's own refusal (409), so the matrix never deletes one.
  'DELETE /api/v1/admin/tenants/:id': { request: (c) => ({ params: { id: c.tenant }, payload: { confirm: c.tenant } }), ok: [409] },
};

/** Stands for an id that exists nowhere (a route reached with it answers its own 404). */
export const NO_SUCH_ID = '00000000-0000-4000-8999-000000000999';
export const SAMPLE_ADMIN = { email: 'security-admin@fluxion.test', password: 'console-keeper-matrix-2026' };

let counter = 0;
const unique = () => `${Date.now().toString(36)}-${++counter}`;

/**
 * A context from the fixtures of `tenant`. The ids a sample may destroy or change (user, API key,
 * invitation) default to ids that exist nowhere; the matrix passes its own disposable ones.
 */
export async function fixtureContext(t: TestApp, tenant: TenantName, extra: Partial<SampleContext> = {}): Promise<SampleContext> {
  const tdb = t.store.forTenant(tenant);
  const inventory = await tdb.get('SELECT id FROM inventory WHERE tenant_id = $1 ORDER BY quantity DESC, id LIMIT 1');
  const registered = await t.registry.get(tenant);
  const f = T[tenant];
  const first = (o: Record<string, string>) => Object.values(o)[0]!;
  return {
    tenant,
    store: first(f.stores),
    supplier: first(f.suppliers),
    product: first(f.products),
    order: ORDERS[tenant],
    inventory: String(inventory?.id ?? NO_SUCH_ID),
    user: NO_SUCH_ID,
    apiKey: NO_SUCH_ID,
    invite: NO_SUCH_ID,
    ticket: 'T-1001',
    primaryColor: registered?.settings.primaryColor ?? '#000000',
    email: (role) => emailOf(tenant, role),
    password: FIXTURE_PASSWORD,
    admin: SAMPLE_ADMIN,
    unique,
    ...extra,
  };
}
