/**
 * The core schema: the customer's tables (tenants, inventory, ventas, productos) and the ones
 * around them. Rules that hold for every tenant table:
 * - `tenant_id` is the first column of the primary key and of every index;
 * - every foreign key includes `tenant_id`, so a row can only point inside its own tenant;
 * - money is DECIMAL(18,2) (exact), quantities are integers, timestamps are TIMESTAMPTZ (UTC).
 *
 * The two big tables (ventas, inventory_movements) reach `tenants` only through their composite
 * foreign keys (tenant_id, store_id) → stores: DuckDB indexes a single-column foreign key, and a
 * filter on tenant_id alone then spends about a second planning per 3 M rows.
 */
import type { Migration } from './index.js';

export const core: Migration = {
  version: 1,
  name: 'core',
  up: (d) => [
    `CREATE TABLE tenants (
      id VARCHAR(63) PRIMARY KEY,
      name VARCHAR(200) NOT NULL,
      status VARCHAR(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'suspended')),
      plan VARCHAR(16) NOT NULL DEFAULT 'standard' CHECK (plan IN ('free', 'standard', 'premium')),
      settings ${d.json} NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`,
    ...d.referencedIndex(`CREATE INDEX idx_tenants_status ON tenants (status)`),

    `CREATE TABLE stores (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      id UUID NOT NULL DEFAULT gen_random_uuid(),
      code VARCHAR(50) NOT NULL,
      name VARCHAR(200) NOT NULL,
      city VARCHAR(100),
      address VARCHAR(300),
      active BOOLEAN NOT NULL DEFAULT true,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, code)
    )`,

    `CREATE TABLE suppliers (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      id UUID NOT NULL DEFAULT gen_random_uuid(),
      code VARCHAR(50) NOT NULL,
      name VARCHAR(200) NOT NULL,
      email VARCHAR(200),
      phone VARCHAR(50),
      lead_time_days INTEGER NOT NULL DEFAULT 7 CHECK (lead_time_days BETWEEN 0 AND 365),
      active BOOLEAN NOT NULL DEFAULT true,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, code)
    )`,

    `CREATE TABLE productos (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      id UUID NOT NULL DEFAULT gen_random_uuid(),
      sku VARCHAR(64) NOT NULL,
      barcode VARCHAR(32),
      name VARCHAR(300) NOT NULL,
      category VARCHAR(100) NOT NULL,
      unit VARCHAR(16) NOT NULL DEFAULT 'unit',
      pack_size INTEGER NOT NULL DEFAULT 1 CHECK (pack_size >= 1),
      price DECIMAL(18, 2) NOT NULL CHECK (price >= 0),
      cost DECIMAL(18, 2) NOT NULL CHECK (cost >= 0),
      tax_category VARCHAR(16) NOT NULL DEFAULT 'general' CHECK (tax_category IN ('general', 'reduced', 'exempt')),
      supplier_id UUID,
      lead_time_days INTEGER CHECK (lead_time_days BETWEEN 0 AND 365),
      active BOOLEAN NOT NULL DEFAULT true,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, sku),
      FOREIGN KEY (tenant_id, supplier_id) REFERENCES suppliers (tenant_id, id)
    )`,
    ...d.referencedIndex(`CREATE INDEX idx_productos_tenant_category ON productos (tenant_id, category)`),
    ...d.referencedIndex(`CREATE INDEX idx_productos_tenant_barcode ON productos (tenant_id, barcode)`),

    // The customer's inventory table, with tenant_id leading its key.
    `CREATE TABLE inventory (
      id UUID NOT NULL DEFAULT gen_random_uuid(),
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      store_id UUID NOT NULL,
      product_id UUID NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity >= 0),
      min_stock INTEGER NOT NULL DEFAULT 0 CHECK (min_stock >= 0),
      max_stock INTEGER NOT NULL DEFAULT 999999 CHECK (max_stock >= 0),
      unit_cost DECIMAL(10, 2) CHECK (unit_cost >= 0),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      CONSTRAINT unique_tenant_store_product UNIQUE (tenant_id, store_id, product_id),
      FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id),
      FOREIGN KEY (tenant_id, product_id) REFERENCES productos (tenant_id, id)
    )`,
    `CREATE INDEX idx_inventory_tenant_product ON inventory (tenant_id, product_id)`,

    // Every change of stock, with its reason and actor. For each (store, product) the deltas add
    // up to inventory.quantity, and quantity_after is the balance right after the change.
    `CREATE TABLE inventory_movements (
      tenant_id VARCHAR(63) NOT NULL,
      id UUID NOT NULL DEFAULT gen_random_uuid(),
      store_id UUID NOT NULL,
      product_id UUID NOT NULL,
      delta INTEGER NOT NULL,
      quantity_after INTEGER NOT NULL CHECK (quantity_after >= 0),
      reason VARCHAR(24) NOT NULL CHECK (reason IN (${d.list(MOVEMENT_REASONS)})),
      ref_type VARCHAR(16),
      ref_id VARCHAR(64),
      actor VARCHAR(200) NOT NULL,
      note VARCHAR(500),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id),
      FOREIGN KEY (tenant_id, product_id) REFERENCES productos (tenant_id, id)
    )`,
    `CREATE INDEX idx_movements_tenant_item ON inventory_movements (tenant_id, store_id, product_id, created_at)`,
    `CREATE INDEX idx_movements_tenant_created ON inventory_movements (tenant_id, created_at)`,

    // Sales lines. (ticket, line) is the natural key a POS export carries; fecha_venta is the
    // instant of the sale, business_date its calendar day in the tenant's time zone.
    `CREATE TABLE ventas (
      tenant_id VARCHAR(63) NOT NULL,
      ticket VARCHAR(64) NOT NULL,
      line INTEGER NOT NULL CHECK (line BETWEEN 1 AND 10000),
      store_id UUID NOT NULL,
      product_id UUID NOT NULL,
      fecha_venta TIMESTAMPTZ NOT NULL,
      business_date DATE NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      unit_price DECIMAL(18, 2) NOT NULL CHECK (unit_price >= 0),
      discount DECIMAL(18, 2) NOT NULL DEFAULT 0 CHECK (discount >= 0),
      unit_cost DECIMAL(18, 2) NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
      currency VARCHAR(3) NOT NULL,
      fx_rate DECIMAL(18, 6) NOT NULL DEFAULT 1 CHECK (fx_rate > 0),
      created_by VARCHAR(200),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, ticket, line),
      FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id),
      FOREIGN KEY (tenant_id, product_id) REFERENCES productos (tenant_id, id)
    )`,
    `CREATE INDEX idx_ventas_tenant_date ON ventas (tenant_id, business_date)`,

    // Purchase orders to suppliers: draft → submitted → received, or cancelled before receipt.
    `CREATE TABLE orders (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      id UUID NOT NULL DEFAULT gen_random_uuid(),
      number INTEGER NOT NULL CHECK (number >= 1),
      supplier_id UUID NOT NULL,
      store_id UUID NOT NULL,
      status VARCHAR(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'received', 'cancelled')),
      currency VARCHAR(3) NOT NULL,
      total DECIMAL(18, 2) NOT NULL DEFAULT 0 CHECK (total >= 0),
      expected_date DATE,
      notes VARCHAR(1000),
      created_by VARCHAR(200) NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      submitted_at TIMESTAMPTZ,
      received_at TIMESTAMPTZ,
      cancelled_at TIMESTAMPTZ,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, number),
      FOREIGN KEY (tenant_id, supplier_id) REFERENCES suppliers (tenant_id, id),
      FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id)
    )`,
    ...d.referencedIndex(`CREATE INDEX idx_orders_tenant_status ON orders (tenant_id, status)`),

    `CREATE TABLE order_lines (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      order_id UUID NOT NULL,
      line INTEGER NOT NULL CHECK (line BETWEEN 1 AND 1000),
      product_id UUID NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      unit_cost DECIMAL(18, 2) NOT NULL CHECK (unit_cost >= 0),
      received_quantity INTEGER CHECK (received_quantity >= 0),
      PRIMARY KEY (tenant_id, order_id, line),
      FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id),
      FOREIGN KEY (tenant_id, product_id) REFERENCES productos (tenant_id, id)
    )`,

    // Official daily rates: 1 unit of `currency` is worth `rate` units of the tenant's currency.
    `CREATE TABLE exchange_rates (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      currency VARCHAR(3) NOT NULL,
      rate_date DATE NOT NULL,
      rate DECIMAL(18, 6) NOT NULL CHECK (rate > 0),
      source VARCHAR(50) NOT NULL DEFAULT 'BCV',
      created_by VARCHAR(200),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, currency, rate_date)
    )`,
  ],
};

export const MOVEMENT_REASONS = [
  'initial', 'sale', 'receipt', 'count', 'damage', 'theft', 'expiry', 'correction', 'return',
  'transfer_in', 'transfer_out', 'import',
] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];
