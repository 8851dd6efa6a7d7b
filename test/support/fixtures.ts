/**
 * A small, hand-written data set for two tenants, with fixed ids so tests can name them.
 * Both tenants deliberately share codes and SKUs ('S1', 'P-001'): lookups by natural key must
 * stay inside the tenant.
 */
import type { Store } from '../../src/store/types.js';
import { insertTenant } from '../../src/server/features/tenants/repository.js';
import { DEFAULT_SETTINGS, type TenantSettings } from '../../src/server/features/tenants/schema.js';

const id = (tenant: number, kind: number, n: number) =>
  `00000000-0000-4000-8${tenant}${kind}0-${String(n).padStart(12, '0')}`;

export const T = {
  granja: {
    id: 'granja',
    stores: { caracas: id(1, 1, 1), valencia: id(1, 1, 2) },
    suppliers: { polar: id(1, 2, 1) },
    products: { harina: id(1, 3, 1), arroz: id(1, 3, 2), queso: id(1, 3, 3) },
  },
  cliente2: {
    id: 'cliente2',
    stores: { main: id(2, 1, 1) },
    suppliers: { acme: id(2, 2, 1) },
    products: { tornillo: id(2, 3, 1), martillo: id(2, 3, 2) },
  },
} as const;

const granjaSettings: TenantSettings = {
  ...DEFAULT_SETTINGS,
  currency: 'VES',
  timezone: 'America/Caracas',
  locale: 'es-VE',
  features: ['inventory', 'sales', 'ai-insights', 'forecasting'],
  primaryColor: '#10b981',
  secondaryColor: '#059669',
  showVenezuelanTaxes: true,
};
const cliente2Settings: TenantSettings = {
  ...DEFAULT_SETTINGS,
  currency: 'USD',
  timezone: 'America/New_York',
  locale: 'en-US',
  features: ['inventory', 'sales'],
  primaryColor: '#3b82f6',
  secondaryColor: '#2563eb',
};

export async function loadFixtures(store: Store): Promise<void> {
  const db = store.platform;
  await insertTenant(db, { id: 'granja', name: 'La Granja Mercado', plan: 'premium', settings: granjaSettings });
  await insertTenant(db, { id: 'cliente2', name: 'Cliente 2 S.A.', plan: 'standard', settings: cliente2Settings });
  await insertTenant(db, { id: 'dormida', name: 'Tienda Dormida', plan: 'free', status: 'suspended', settings: DEFAULT_SETTINGS });

  const g = T.granja;
  const c = T.cliente2;
  const stores: Array<[string, string, string, string, string]> = [
    ['granja', g.stores.caracas, 'S1', 'Caracas Centro', 'Caracas'],
    ['granja', g.stores.valencia, 'S2', 'Valencia Norte', 'Valencia'],
    ['cliente2', c.stores.main, 'S1', 'Main Street', 'Miami'],
  ];
  for (const s of stores) await db.run('INSERT INTO stores (tenant_id, id, code, name, city) VALUES ($1, $2, $3, $4, $5)', s);

  await db.run('INSERT INTO suppliers (tenant_id, id, code, name, lead_time_days) VALUES ($1, $2, $3, $4, $5)', ['granja', g.suppliers.polar, 'POLAR', 'Alimentos Polar', 5]);
  await db.run('INSERT INTO suppliers (tenant_id, id, code, name, lead_time_days) VALUES ($1, $2, $3, $4, $5)', ['cliente2', c.suppliers.acme, 'ACME', 'Acme Tools', 10]);

  // tenant, id, sku, barcode, name, category, pack, price, cost, tax, supplier
  const products: Array<[string, string, string, string, string, string, number, string, string, string, string]> = [
    ['granja', g.products.harina, 'P-001', '7591002000011', 'Harina P.A.N. 1 kg', 'víveres', 20, '45.00', '30.00', 'exempt', g.suppliers.polar],
    ['granja', g.products.arroz, 'P-002', '7591002000028', 'Arroz Mary 1 kg', 'víveres', 24, '38.50', '25.10', 'reduced', g.suppliers.polar],
    ['granja', g.products.queso, 'P-003', '7591002000035', 'Queso blanco duro 500 g', 'lácteos', 10, '120.00', '80.00', 'general', g.suppliers.polar],
    ['cliente2', c.products.tornillo, 'P-001', '0012345000019', 'Wood screw 3in (box of 50)', 'hardware', 12, '6.99', '3.10', 'general', c.suppliers.acme],
    ['cliente2', c.products.martillo, 'P-002', '0012345000026', 'Claw hammer 16oz', 'tools', 6, '19.99', '9.50', 'general', c.suppliers.acme],
  ];
  for (const p of products) {
    await db.run(
      `INSERT INTO productos (tenant_id, id, sku, barcode, name, category, pack_size, price, cost, tax_category, supplier_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::DECIMAL(18,2), $9::DECIMAL(18,2), $10, $11)`,
      p,
    );
  }

  // tenant, store, product, quantity, min, max, unit_cost
  const stock: Array<[string, string, string, number, number, number, string]> = [
    ['granja', g.stores.caracas, g.products.harina, 100, 20, 300, '30.00'],
    ['granja', g.stores.caracas, g.products.arroz, 5, 10, 200, '25.10'],
    ['granja', g.stores.caracas, g.products.queso, 0, 5, 50, '80.00'],
    ['granja', g.stores.valencia, g.products.harina, 40, 20, 300, '30.00'],
    ['cliente2', c.stores.main, c.products.tornillo, 70, 10, 500, '3.10'],
    ['cliente2', c.stores.main, c.products.martillo, 3, 5, 40, '9.50'],
  ];
  for (const s of stock) {
    await db.run(
      `INSERT INTO inventory (tenant_id, store_id, product_id, quantity, min_stock, max_stock, unit_cost)
       VALUES ($1, $2, $3, $4, $5, $6, $7::DECIMAL(10,2))`,
      s,
    );
    if (s[3] > 0) {
      await db.run(
        // Dated, not now(): the opening stock predates whatever a test does, whatever the date the suite runs on.
        `INSERT INTO inventory_movements (tenant_id, store_id, product_id, delta, quantity_after, reason, actor, created_at)
         VALUES ($1, $2, $3, $4, $4, 'initial', 'fixtures', '2026-10-01T12:00:00Z')`,
        [s[0], s[1], s[2], s[3]],
      );
    }
  }

  // tenant, ticket, line, store, product, instant, business date, qty, price, discount, cost, currency
  const sales: Array<[string, string, number, string, string, string, string, number, string, string, string, string]> = [
    ['granja', 'T-1001', 1, g.stores.caracas, g.products.harina, '2026-11-02T14:00:00Z', '2026-11-02', 3, '45.00', '0.00', '30.00', 'VES'],
    ['granja', 'T-1001', 2, g.stores.caracas, g.products.queso, '2026-11-02T14:00:00Z', '2026-11-02', 1, '120.00', '10.00', '80.00', 'VES'],
    ['granja', 'T-1002', 1, g.stores.valencia, g.products.arroz, '2026-11-03T15:30:00Z', '2026-11-03', 2, '38.50', '0.00', '25.10', 'VES'],
    ['cliente2', 'T-1001', 1, c.stores.main, c.products.martillo, '2026-11-02T16:00:00Z', '2026-11-02', 1, '19.99', '0.00', '9.50', 'USD'],
  ];
  for (const s of sales) {
    await db.run(
      `INSERT INTO ventas (tenant_id, ticket, line, store_id, product_id, fecha_venta, business_date, quantity, unit_price, discount, unit_cost, currency, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::TIMESTAMPTZ, $7::DATE, $8, $9::DECIMAL(18,2), $10::DECIMAL(18,2), $11::DECIMAL(18,2), $12, 'fixtures')`,
      s,
    );
  }

  await db.run(
    `INSERT INTO orders (tenant_id, id, number, supplier_id, store_id, status, currency, total, created_by)
     VALUES ('granja', $1, 1, $2, $3, 'draft', 'VES', 600.00, 'fixtures')`,
    [id(1, 4, 1), g.suppliers.polar, g.stores.caracas],
  );
  await db.run(
    `INSERT INTO order_lines (tenant_id, order_id, line, product_id, quantity, unit_cost) VALUES ('granja', $1, 1, $2, 20, 30.00)`,
    [id(1, 4, 1), g.products.harina],
  );
  await db.run(
    `INSERT INTO orders (tenant_id, id, number, supplier_id, store_id, status, currency, total, created_by)
     VALUES ('cliente2', $1, 1, $2, $3, 'draft', 'USD', 31.00, 'fixtures')`,
    [id(2, 4, 1), c.suppliers.acme, c.stores.main],
  );
  await db.run(
    `INSERT INTO order_lines (tenant_id, order_id, line, product_id, quantity, unit_cost) VALUES ('cliente2', $1, 1, $2, 10, 3.10)`,
    [id(2, 4, 1), c.products.tornillo],
  );
}

export const ORDERS = { granja: id(1, 4, 1), cliente2: id(2, 4, 1) } as const;
