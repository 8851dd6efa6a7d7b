/**
 * A replenishment suggestion for one product in one store: a periodic-review, order-up-to
 * policy (R, S). Every R days (the review period) the store orders what brings its inventory
 * position up to S; an order placed now arrives after L days (the lead time), and the next order
 * after this one arrives R days later, so this order must cover the protection interval L + R.
 *
 *   z               = Φ⁻¹(p), p the cycle service level (default 0.95)
 *   D_L, D_{L+R}    = Σ of the first L (resp. L + R) forecast daily means
 *   σ_L, σ_{L+R}    = σ₁·√L, σ₁·√(L + R) (daily errors independent; see horizon.ts), or √Σσ_i²
 *   safety stock    = z · σ_{L+R}
 *   reorder point   = D_L + z · σ_L          (the stock that lasts until an order placed now arrives)
 *   order-up-to S   = clamp(D_{L+R} + safety stock, min stock, max stock)
 *   position        = on hand + on order     (open purchase orders arriving within the horizon)
 *   quantity        = S − position rounded up to whole packs when position < S, else 0 (pack.ts:
 *                     one pack less when that would exceed the max stock, never below the
 *                     reorder point)
 *   days of cover   = days the forecast takes to consume position + quantity (cover.ts)
 *   order cost      = quantity × unit cost, in cents
 *
 * Lead time: the supplier's, unless the product has its own. Invalid inputs throw RangeError.
 */
import { toCents } from '../../shared/money.js';
import { daysOfCover } from './cover.js';
import { demandOver, sigmaOver } from './horizon.js';
import { normalQuantile } from './normal.js';
import { packQuantity } from './pack.js';

export const DEFAULT_REVIEW_PERIOD_DAYS = 7;
export const DEFAULT_SERVICE_LEVEL = 0.95;

export interface ReplenishmentInput {
  product_id: string;
  store_id: string;
  /** Who the order goes to; null for a product without a supplier. */
  supplier_id: string | null;
  /** Forecast mean demand per day, day 0 = today; at least L + R days. */
  forecast: readonly number[];
  /** The one-step forecast error sd σ₁ (the same for every day), or one sd per forecast day. */
  sigma: number | readonly number[];
  on_hand: number;
  /** Units on open purchase orders that arrive within the horizon. */
  on_order: number;
  /** The supplier's lead time in days. */
  lead_time_days: number;
  /** The product's own lead time; null or absent: the supplier's. */
  product_lead_time_days?: number | null;
  /** Days between two orders (default 7). */
  review_period_days?: number;
  /** Cycle service level p, 0 < p < 1 (default 0.95). */
  service_level?: number;
  min_stock: number;
  /** Null: no maximum. */
  max_stock: number | null;
  /** Units per case, a whole number ≥ 1. */
  pack_size: number;
  /** Decimal string ("12.50"). */
  unit_cost: string;
}

export interface ReplenishmentSuggestion {
  product_id: string;
  store_id: string;
  supplier_id: string | null;
  lead_time_days: number;
  review_period_days: number;
  service_level: number;
  z: number;
  /** D_L: forecast demand over the lead time. */
  demand_lead_time: number;
  /** D_{L+R}: forecast demand over the protection interval. */
  demand_protection: number;
  sigma_lead_time: number;
  sigma_protection: number;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
  inventory_position: number;
  /** Units to order: a whole number of packs. */
  quantity: number;
  packs: number;
  pack_size: number;
  /** Days position + quantity lasts (one decimal); null when the forecast has no demand. */
  days_of_cover: number | null;
  unit_cost: string;
  order_cost_cents: bigint;
}

/** The order-up-to suggestion for one product × store. Throws RangeError on invalid input. */
export function suggestReplenishment(input: ReplenishmentInput): ReplenishmentSuggestion {
  const leadTime = input.product_lead_time_days ?? input.lead_time_days;
  const review = input.review_period_days ?? DEFAULT_REVIEW_PERIOD_DAYS;
  const serviceLevel = input.service_level ?? DEFAULT_SERVICE_LEVEL;
  validate(input, leadTime, review, serviceLevel);

  const z = normalQuantile(serviceLevel);
  const protection = leadTime + review;
  const demandLead = demandOver(input.forecast, leadTime);
  const demandProtection = demandOver(input.forecast, protection);
  const sigmaLead = sigmaOver(input.sigma, leadTime);
  const sigmaProtection = sigmaOver(input.sigma, protection);
  const safetyStock = z * sigmaProtection;
  const reorderPoint = demandLead + z * sigmaLead;
  const unclamped = demandProtection + safetyStock;
  const orderUpTo = Math.max(input.min_stock, input.max_stock === null ? unclamped : Math.min(unclamped, input.max_stock));
  const position = input.on_hand + input.on_order;
  const need = orderUpTo - position;
  const quantity = need > 0 ? packQuantity({ need, position, reorderPoint, maxStock: input.max_stock, packSize: input.pack_size }) : 0;

  return {
    product_id: input.product_id,
    store_id: input.store_id,
    supplier_id: input.supplier_id,
    lead_time_days: leadTime,
    review_period_days: review,
    service_level: serviceLevel,
    z,
    demand_lead_time: demandLead,
    demand_protection: demandProtection,
    sigma_lead_time: sigmaLead,
    sigma_protection: sigmaProtection,
    safety_stock: safetyStock,
    reorder_point: reorderPoint,
    order_up_to: orderUpTo,
    inventory_position: position,
    quantity,
    packs: quantity / input.pack_size,
    pack_size: input.pack_size,
    days_of_cover: daysOfCover(position + quantity, input.forecast),
    unit_cost: input.unit_cost,
    order_cost_cents: BigInt(quantity) * toCents(input.unit_cost),
  };
}

function validate(input: ReplenishmentInput, leadTime: number, review: number, serviceLevel: number): void {
  if (!Number.isInteger(leadTime) || leadTime < 0) throw new RangeError(`Lead time must be a whole number of days ≥ 0, got ${leadTime}`);
  if (!Number.isInteger(review) || review < 1) throw new RangeError(`Review period must be a whole number of days ≥ 1, got ${review}`);
  if (!(serviceLevel > 0 && serviceLevel < 1)) throw new RangeError(`Service level must lie strictly between 0 and 1, got ${serviceLevel}`);
  if (!Number.isInteger(input.pack_size) || input.pack_size < 1) throw new RangeError(`Pack size must be a whole number ≥ 1, got ${input.pack_size}`);
  nonNegative('On-hand stock', input.on_hand);
  nonNegative('Units on order', input.on_order);
  nonNegative('Min stock', input.min_stock);
  if (input.max_stock !== null && !(input.max_stock >= input.min_stock)) throw new RangeError(`Max stock must be ≥ min stock (${input.min_stock}), got ${input.max_stock}`);
  input.forecast.forEach((mean, day) => nonNegative(`Forecast for day ${day}`, mean));
  if (typeof input.sigma === 'number') nonNegative('Forecast error sd', input.sigma);
  else input.sigma.forEach((sd, day) => nonNegative(`Forecast error sd for day ${day}`, sd));
  if (toCents(input.unit_cost) < 0n) throw new RangeError(`Unit cost must be ≥ 0, got ${input.unit_cost}`);
}

function nonNegative(what: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${what} must be a finite number ≥ 0, got ${value}`);
}
