/**
 * Replenishment from the stored forecasts: per product × store, the order-up-to suggestion of
 * src/analytics/replenishment (lead time of the product or its supplier, review period, service
 * level → safety stock, reorder point, order-up-to level within min/max stock, whole packs), and
 * draft purchase orders made from chosen suggestions, grouped by supplier and store, all in one
 * transaction through the orders feature (numbers, audit trail and all).
 */
import type { SqlParam, TenantDb } from '../../../store/types.js';
import { AppError, notFound } from '../../errors.js';
import type { TenantContext } from '../tenants/schema.js';
import { fromCents, money } from '../../../shared/money.js';
import { forecastFrom, groupIntoOrders, suggestReplenishment, type ReplenishmentSuggestion } from '../../../analytics/replenishment/index.js';
import type { Auditor } from '../audit/writer.js';
import { createOrder } from '../orders/service.js';
import { MAX_ORDER_LINES, orderReference } from '../orders/schema.js';
import { latestRun } from './repository.js';
import { pending } from './service.js';
import type { CreateOrdersBody, Suggestion, Suggestions, SuggestionsQuery } from './schema.js';

/** inventory.max_stock's default: no maximum set. */
const NO_MAX = 999_999;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as number[]) : (v as number[]));

interface Row {
  store_id: string;
  store_name: string;
  product_id: string;
  sku: string;
  name: string;
  supplier_id: string | null;
  supplier_name: string | null;
  supplier_lead: number;
  product_lead: number | null;
  pack_size: number;
  on_hand: number;
  min_stock: number;
  max_stock: number;
  unit_cost: string;
  model: string;
  mean: number[];
  sigma: number;
  on_order: number;
}

async function rows(tdb: TenantDb, filter: { storeId?: string | undefined; supplierId?: string | undefined }): Promise<Row[]> {
  const params: SqlParam[] = [];
  const where = ['f.tenant_id = $1', 'p.active', 's.active'];
  if (filter.storeId) where.push(`f.store_id = $${params.push(filter.storeId) + 1}::UUID`);
  if (filter.supplierId) where.push(`p.supplier_id = $${params.push(filter.supplierId) + 1}::UUID`);
  const found = await tdb.all(
    `WITH open_orders AS (
       SELECT o.store_id, l.product_id, sum(l.quantity) AS units
       FROM orders o JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id
       WHERE o.tenant_id = $1 AND o.status IN ('draft', 'submitted')
       GROUP BY o.store_id, l.product_id
     )
     SELECT f.store_id, s.name AS store_name, f.product_id, p.sku, p.name, p.supplier_id, sp.name AS supplier_name,
            COALESCE(sp.lead_time_days, 7) AS supplier_lead, p.lead_time_days AS product_lead, p.pack_size,
            i.quantity AS on_hand, i.min_stock, i.max_stock, COALESCE(i.unit_cost, p.cost) AS unit_cost,
            f.model, f.mean, f.sigma, COALESCE(oo.units, 0) AS on_order
     FROM forecasts f
     JOIN inventory i ON i.tenant_id = f.tenant_id AND i.store_id = f.store_id AND i.product_id = f.product_id
     JOIN productos p ON p.tenant_id = f.tenant_id AND p.id = f.product_id
     JOIN stores s ON s.tenant_id = f.tenant_id AND s.id = f.store_id
     LEFT JOIN suppliers sp ON sp.tenant_id = p.tenant_id AND sp.id = p.supplier_id
     LEFT JOIN open_orders oo ON oo.store_id = f.store_id AND oo.product_id = f.product_id
     WHERE ${where.join(' AND ')}
     ORDER BY s.name, p.sku`,
    params,
  );
  return found.map((r) => ({
    store_id: String(r.store_id),
    store_name: String(r.store_name),
    product_id: String(r.product_id),
    sku: String(r.sku),
    name: String(r.name),
    supplier_id: r.supplier_id === null ? null : String(r.supplier_id),
    supplier_name: r.supplier_name === null ? null : String(r.supplier_name),
    supplier_lead: Number(r.supplier_lead),
    product_lead: r.product_lead === null ? null : Number(r.product_lead),
    pack_size: Number(r.pack_size),
    on_hand: Number(r.on_hand),
    min_stock: Number(r.min_stock),
    max_stock: Number(r.max_stock),
    unit_cost: money(r.unit_cost),
    model: String(r.model),
    mean: json(r.mean),
    sigma: Number(r.sigma),
    on_order: Number(r.on_order),
  }));
}

function suggest(r: Row, serviceLevel: number, review: number): ReplenishmentSuggestion {
  const lead = r.product_lead ?? r.supplier_lead;
  const maxStock = r.max_stock >= NO_MAX || r.max_stock < r.min_stock ? null : r.max_stock;
  return suggestReplenishment({
    product_id: r.product_id,
    store_id: r.store_id,
    supplier_id: r.supplier_id,
    forecast: forecastFrom(r.mean, 0, Math.max(r.mean.length, lead + review)),
    sigma: r.sigma,
    on_hand: r.on_hand,
    on_order: r.on_order,
    lead_time_days: lead,
    review_period_days: review,
    service_level: serviceLevel,
    min_stock: r.min_stock,
    max_stock: maxStock,
    pack_size: r.pack_size,
    unit_cost: r.unit_cost,
  });
}

function toView(r: Row, s: ReplenishmentSuggestion): Suggestion {
  return {
    store_id: r.store_id,
    store_name: r.store_name,
    product_id: r.product_id,
    sku: r.sku,
    name: r.name,
    supplier_id: r.supplier_id,
    supplier_name: r.supplier_name,
    model: r.model,
    on_hand: r.on_hand,
    on_order: r.on_order,
    lead_time_days: s.lead_time_days,
    review_period_days: s.review_period_days,
    service_level: s.service_level,
    demand_lead_time: round(s.demand_lead_time),
    safety_stock: round(s.safety_stock),
    reorder_point: round(s.reorder_point),
    order_up_to: round(s.order_up_to),
    quantity: s.quantity,
    packs: s.packs,
    pack_size: s.pack_size,
    days_of_cover: s.days_of_cover,
    unit_cost: r.unit_cost,
    order_cost: fromCents(s.order_cost_cents),
  };
}

export async function getSuggestions(tdb: TenantDb, tenant: TenantContext, q: SuggestionsQuery): Promise<Suggestions> {
  const run = await latestRun(tdb);
  if (!run) throw pending();
  const serviceLevel = q.service_level ?? 0.95;
  const review = q.review_period_days ?? 7;
  let total = 0n;
  const items: Suggestion[] = [];
  for (const r of await rows(tdb, { storeId: q.store_id?.toLowerCase(), supplierId: q.supplier_id?.toLowerCase() })) {
    const s = suggest(r, serviceLevel, review);
    if (s.quantity === 0 && !q.all) continue;
    total += s.order_cost_cents;
    items.push(toView(r, s));
  }
  return { as_of: run.as_of, currency: tenant.settings.currency, total: items.length, order_cost: fromCents(total), items };
}

export async function createOrdersFromSuggestions(
  tdb: TenantDb,
  tenant: TenantContext,
  body: CreateOrdersBody,
  actor: string,
  record: Auditor,
): Promise<{ orders: Array<{ id: string; number: number; reference: string; supplier_id: string; store_id: string; lines: number; total: string }> }> {
  const run = await latestRun(tdb);
  if (!run) throw pending();
  const serviceLevel = body.service_level ?? 0.95;
  const review = body.review_period_days ?? 7;
  const key = (storeId: string, productId: string) => `${storeId.toLowerCase()}/${productId.toLowerCase()}`;
  const wanted = new Map<string, number | undefined>();
  body.items.forEach((item, i) => {
    const k = key(item.store_id, item.product_id);
    if (wanted.has(k)) throw new AppError('validation_error', `body.items[${i}]: product '${item.product_id}' in store '${item.store_id}' is already listed; list each once.`);
    wanted.set(k, item.quantity);
  });
  const byKey = new Map((await rows(tdb, {})).map((r) => [key(r.store_id, r.product_id), r]));
  const chosen = body.items.map((item, i) => {
    const r = byKey.get(key(item.store_id, item.product_id));
    if (!r) throw notFound(`Forecast of product '${item.product_id}' in store '${item.store_id}' (body.items[${i}])`);
    if (r.supplier_id === null) throw new AppError('unprocessable', `body.items[${i}]: product ${r.sku} has no supplier; set one in the catalogue before ordering it.`);
    const s = suggest(r, serviceLevel, review);
    const quantity = item.quantity ?? s.quantity;
    if (quantity === 0) throw new AppError('unprocessable', `body.items[${i}]: nothing to order for ${r.sku} in ${r.store_name} (the suggestion is 0); give a quantity to order anyway.`);
    return { ...s, quantity, packs: quantity / r.pack_size };
  });
  const groups = groupIntoOrders(chosen);
  return tdb.tx(async (tx) => {
    const orders = [];
    for (const g of groups) {
      for (let i = 0; i < g.lines.length; i += MAX_ORDER_LINES) {
        const lines = g.lines.slice(i, i + MAX_ORDER_LINES);
        const order = await createOrder(
          tenant,
          tx,
          { supplier_id: g.supplier_id!, store_id: g.store_id, notes: `Replenishment suggestion of ${run.as_of} (service level ${serviceLevel * 100} %, review every ${review} days)`, lines: lines.map((l) => ({ product_id: l.product_id, quantity: l.quantity })) },
          actor,
          record,
        );
        orders.push({ id: order.id, number: order.number, reference: orderReference(order.number), supplier_id: order.supplier.id, store_id: order.store.id, lines: lines.length, total: order.total });
      }
    }
    return { orders };
  });
}
