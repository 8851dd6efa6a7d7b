/**
 * The day-by-day simulation of one tenant: customers arrive, buy what is on the shelf, the
 * shelf empties, the store reorders from its suppliers, trucks come (late, short, or not at
 * all) and the shelf fills again. Everything the demo writes comes out of this one pass, so the
 * sales, the stock ledger, the purchase orders and the final stock agree by construction.
 *
 * Demand per (store, product, day) is Poisson with a rate built from: the product's base rate,
 * the store's footfall, a store-product affinity, a yearly trend, the weekday, paydays (15th and
 * last day of the month), December and spring seasons, promotions and a daily store-wide noise.
 * A day that opens with no stock sells nothing: demand is censored, as in real data.
 *
 * Pure and synchronous; all numbers are integers (cents, units, seconds) in typed arrays.
 */
import { civil, epochDayOf, nthWeekday, utcOffsetSeconds } from './calendar.js';
import type { TenantSpec } from './catalog.js';
import { IntColumns } from './columns.js';
import { bcvSeries } from './exchange.js';
import { Rng } from './random.js';

export const MOVE_INITIAL = 0;
export const MOVE_RECEIPT = 1;
export const MOVE_SALE = 2;

export const ORDER_DRAFT = 0;
export const ORDER_SUBMITTED = 1;
export const ORDER_RECEIVED = 2;
export const ORDER_CANCELLED = 3;

/** Business hours, local time (seconds after midnight). */
export const OPEN_SECOND = 8 * 3600;
export const CLOSE_SECOND = 21 * 3600;
/** When stock moves outside sales: the initial count, morning receipts, evening orders. */
export const INITIAL_SECOND = 6 * 3600;
export const RECEIPT_SECOND = 7 * 3600;
export const ORDER_SECOND = 21 * 3600 + 30 * 60;
export const CANCEL_SECOND = 12 * 3600;
export const SALES_CLOSE_SECOND = CLOSE_SECOND - 60;

export type SalesColumn = 'store' | 'day' | 'seq' | 'line' | 'product' | 'qty' | 'sec' | 'price' | 'cost' | 'discount';
export type MovementColumn = 'store' | 'product' | 'day' | 'sec' | 'kind' | 'delta' | 'after' | 'order';
export type OrderColumn = 'store' | 'supplier' | 'created' | 'expected' | 'status' | 'closed';
export type OrderLineColumn = 'order' | 'line' | 'product' | 'qty' | 'cost' | 'received';

export interface Promotion {
  firstDay: number;
  lastDay: number;
  percent: number;
  products: number;
}

export interface Simulation {
  spec: TenantSpec;
  /** Epoch day of the first day of history; day index `days` is "today" (no sales yet). */
  firstDay: number;
  days: number;
  /** Seconds to add to local time to get UTC, per day index 0..days. */
  offsets: Int32Array;
  /** VES per USD in 1/10 000 units per day index 0..days; null for dollar tenants. */
  rates: Int32Array | null;
  /** Price and cost in the tenant's currency (cents), index day * products + product, days 0..days. */
  price: Int32Array;
  cost: Int32Array;
  sales: IntColumns<SalesColumn>;
  movements: IntColumns<MovementColumn>;
  /** Orders in creation order; the order number is index + 1. */
  orders: IntColumns<OrderColumn>;
  orderLines: IntColumns<OrderLineColumn>;
  /** Final state per store * products + product; only items with `carried` 1 exist. */
  carried: Uint8Array;
  stock: Int32Array;
  minStock: Int32Array;
  maxStock: Int32Array;
  /** Day index and second of the last movement per item (for inventory.updated_at). */
  lastMoveDay: Int32Array;
  lastMoveSec: Int32Array;
  stats: {
    tickets: number;
    stockoutItemDays: number;
    lostUnits: number;
    promotions: Promotion[];
    disruptions: number;
  };
}

export interface SimulateOptions {
  seed: number;
  /** Epoch day of "today" in the tenant's time zone: history ends the day before. */
  today: number;
  /** Multiplies every product's demand (the catalogue is calibrated on the full scale). */
  demandScale: number;
  onProgress?: (fraction: number) => void;
}

/** The calibration factor that makes the full catalogue produce `linesPerStoreDay`. */
export function demandScaleFor(spec: TenantSpec): number {
  let total = 0;
  for (const p of spec.products) total += p.demand;
  return total > 0 ? spec.linesPerStoreDay / total : 0;
}

interface DayInfo {
  factor: Float64Array;
  december: Float64Array;
  spring: Float64Array;
  closed: Uint8Array;
}

/** Calendar effects per day index (with room past today for lead-time look-ahead). */
function dayInfo(spec: TenantSpec, firstDay: number, length: number): DayInfo {
  const prof = spec.profile;
  const factor = new Float64Array(length);
  const december = new Float64Array(length);
  const spring = new Float64Array(length);
  const closed = new Uint8Array(length);
  for (let d = 0; d < length; d++) {
    const day = firstDay + d;
    const c = civil(day);
    let f = prof.weekday[c.weekday]!;
    if (c.day === 15 || c.day === c.monthDays) f *= prof.payday;
    else if (c.day === 16 || c.day === 1) f *= prof.paydayAfter;
    // January hangover: budgets are spent.
    if (c.month === 1 && c.day >= 2 && c.day <= 15) f *= 0.85;
    factor[d] = f;
    if (c.month === 12) {
      december[d] = c.day <= 10 ? 0.25 : c.day <= 20 ? 0.6 : c.day <= 24 ? 1 : c.day === 31 ? 0.7 : 0.3;
      // Christmas bonuses (aguinaldos) lift the whole basket, the seasonal products far more.
      f *= 1 + 0.25 * december[d]!;
      // The last shopping days before Christmas Eve and New Year's Eve are the busiest of the year.
      if (c.day >= 21 && c.day <= 24) factor[d] = f * 1.25;
      if (c.day === 30 || c.day === 31) factor[d] = f * 1.15;
    }
    // Spring (garden) season: a bell centred on May 1st, ±60 days.
    const may1 = epochDayOf(c.year, 5, 1);
    spring[d] = Math.max(0, 1 - Math.abs(day - may1) / 60);
    for (const [m, dd] of prof.closed) if (c.month === m && c.day === dd) closed[d] = 1;
    if (prof.thanksgivingClosed && c.month === 11 && day === nthWeekday(c.year, 11, 4, 4)) closed[d] = 1;
  }
  return { factor, december, spring, closed };
}

/** A time of day for a ticket: late-morning and after-work peaks over a flat base. */
function ticketSecond(rng: Rng): number {
  const r = rng.next();
  let s: number;
  if (r < 0.35) s = 11.5 * 3600 + rng.normal() * 1.3 * 3600;
  else if (r < 0.8) s = 18 * 3600 + rng.normal() * 1.5 * 3600;
  else s = rng.range(OPEN_SECOND, CLOSE_SECOND);
  s = Math.round(s);
  if (s < OPEN_SECOND || s >= CLOSE_SECOND - 60) s = OPEN_SECOND + rng.int(CLOSE_SECOND - OPEN_SECOND - 120);
  return s;
}

export function simulate(spec: TenantSpec, options: SimulateOptions): Simulation {
  const rng = Rng.of(options.seed, `simulate:${spec.id}`);
  const P = spec.products.length;
  const S = spec.stores.length;
  const days = spec.historyDays;
  const firstDay = options.today - days;
  const prof = spec.profile;

  // ---- calendar, exchange rates, prices ------------------------------------------------------
  const maxLead = Math.max(...spec.suppliers.map((s) => s.leadTimeDays)) + 1;
  const cal = dayInfo(spec, firstDay, days + maxLead + 1);
  const offsets = new Int32Array(days + 1);
  for (let d = 0; d <= days; d++) offsets[d] = utcOffsetSeconds(firstDay + d, spec.settings.timezone);
  const rates = spec.bolivares ? bcvSeries(firstDay, firstDay + days, options.seed) : null;

  const price = new Int32Array((days + 1) * P);
  const cost = new Int32Array((days + 1) * P);
  const todayCivil = civil(options.today);
  for (let d = 0; d <= days; d++) {
    const c = civil(firstDay + d);
    // Dollar list prices creep up: monthly steps in Venezuela, a yearly price list (February) in the US.
    const steps = spec.bolivares
      ? (todayCivil.year - c.year) * 12 + (todayCivil.month - c.month)
      : todayCivil.year - c.year - (todayCivil.month >= 2 ? 0 : 1) + (c.month >= 2 ? 0 : 1);
    const mult = spec.bolivares ? Math.pow(1 + prof.usdInflation, -steps / 12) : Math.pow(1 + prof.usdInflation, -steps);
    const fx = rates ? rates[d]! / 10_000 : 1;
    for (let p = 0; p < P; p++) {
      const prod = spec.products[p]!;
      price[d * P + p] = Math.max(1, Math.round(prod.priceUsdCents * mult * fx));
      cost[d * P + p] = Math.max(1, Math.round(prod.costUsdCents * mult * fx));
    }
  }

  // ---- products, suppliers, stores -----------------------------------------------------------
  const supplierIndex = new Map(spec.suppliers.map((s, i) => [s.code, i] as const));
  const prodSupplier = new Int32Array(P);
  const lead = new Int32Array(P);
  const pack = new Int32Array(P);
  const base = new Float64Array(P);
  const basketExtra = new Float64Array(P);
  const dec = new Float64Array(P);
  const spr = new Float64Array(P);
  const growth = new Float64Array(P);
  spec.products.forEach((prod, p) => {
    const si = supplierIndex.get(prod.supplier);
    if (si === undefined) throw new Error(`Unknown supplier ${prod.supplier} for ${prod.sku}`);
    prodSupplier[p] = si;
    lead[p] = spec.suppliers[si]!.leadTimeDays;
    pack[p] = Math.max(1, prod.packSize);
    base[p] = prod.demand * options.demandScale;
    basketExtra[p] = Math.max(0, prod.basket - 1);
    dec[p] = prod.december - 1;
    spr[p] = prod.spring - 1;
    growth[p] = Math.min(0.5, Math.max(-0.45, 0.03 + 0.18 * rng.normal()));
  });
  const traffic = spec.stores.map((s) => s.traffic);
  const affinity = new Float64Array(S * P);
  for (let i = 0; i < S * P; i++) affinity[i] = rng.lognormal(1, 0.3);
  // Assortment: every store carries the better-selling half of the catalogue; smaller stores
  // skip part of the long tail.
  const carried = new Uint8Array(S * P);
  const medianBase = [...base].sort((a, b) => a - b)[Math.floor(P / 2)] ?? 0;
  for (let k = 0; k < S; k++) {
    const share = Math.min(1, 0.5 + 0.4 * traffic[k]!);
    for (let p = 0; p < P; p++) carried[k * P + p] = base[p]! >= medianBase || rng.chance(share) ? 1 : 0;
  }

  // ---- promotions and supply disruptions -----------------------------------------------------
  const promo = new Uint8Array(days * P);
  const blocked = new Uint8Array(days * P);
  const categories = [...new Set(spec.products.map((p) => p.category))];
  const promotions: Promotion[] = [];
  const promoCount = Math.max(1, Math.round((prof.promotionsPerYear * days) / 365));
  for (let i = 0; i < promoCount; i++) {
    const len = rng.between(7, 14);
    const start = rng.int(Math.max(1, days - len));
    const percent = rng.pick([10, 15, 20, 25, 30]);
    const category = rng.chance(0.6) ? rng.pick(categories) : null;
    let count = 0;
    for (let p = 0; p < P; p++) {
      const inPromo = category ? spec.products[p]!.category === category && rng.chance(0.35) : rng.chance(25 / P);
      if (!inPromo) continue;
      count++;
      for (let d = start; d < Math.min(days, start + len); d++) promo[d * P + p] = Math.max(promo[d * P + p]!, percent);
    }
    promotions.push({ firstDay: firstDay + start, lastDay: firstDay + Math.min(days, start + len) - 1, percent, products: count });
  }
  const disruptionCount = Math.max(1, Math.round((prof.disruptionsPerYear * days) / 365));
  for (let i = 0; i < disruptionCount; i++) {
    const wholeSupplier = rng.chance(0.5);
    const len = wholeSupplier ? rng.between(5, 15) : rng.between(15, 45);
    const start = rng.int(Math.max(1, days - len));
    const supplier = rng.int(spec.suppliers.length);
    const pickRate = 5 / P;
    for (let p = 0; p < P; p++) {
      const hit = wholeSupplier ? prodSupplier[p] === supplier : rng.chance(pickRate);
      if (!hit) continue;
      for (let d = start; d < Math.min(days, start + len); d++) blocked[d * P + p] = 1;
    }
  }

  // ---- state ---------------------------------------------------------------------------------
  const expectedLines = Math.ceil(spec.linesPerStoreDay * traffic.reduce((a, b) => a + b, 0) * days * (P / spec.products.length) * 1.3);
  const sales = new IntColumns<SalesColumn>(['store', 'day', 'seq', 'line', 'product', 'qty', 'sec', 'price', 'cost', 'discount'], expectedLines);
  const movements = new IntColumns<MovementColumn>(['store', 'product', 'day', 'sec', 'kind', 'delta', 'after', 'order'], Math.ceil(expectedLines * 0.7));
  const orders = new IntColumns<OrderColumn>(['store', 'supplier', 'created', 'expected', 'status', 'closed'], 4096);
  const orderLines = new IntColumns<OrderLineColumn>(['order', 'line', 'product', 'qty', 'cost', 'received'], 65536);
  /** Per order: the day it really arrives (−1 never) and whether it was missed. */
  const orderArrival: number[] = [];
  const orderCancel: number[] = [];

  const stock = new Int32Array(S * P);
  const minStock = new Int32Array(S * P);
  const maxStock = new Int32Array(S * P);
  const pendingDay = new Int32Array(S * P).fill(-1);
  const pendingReceived = new Int32Array(S * P);
  const pendingOrder = new Int32Array(S * P).fill(-1);
  const lastMoveDay = new Int32Array(S * P);
  const lastMoveSec = new Int32Array(S * P);

  const move = (k: number, p: number, d: number, sec: number, kind: number, delta: number, after: number, order: number) => {
    const i = movements.add();
    const c = movements.cols;
    c.store[i] = k;
    c.product[i] = p;
    c.day[i] = d;
    c.sec[i] = sec;
    c.kind[i] = kind;
    c.delta[i] = delta;
    c.after[i] = after;
    c.order[i] = order;
    lastMoveDay[k * P + p] = d;
    lastMoveSec[k * P + p] = sec;
  };

  /** Planned units per day of a product in a store of traffic 1 (the planner knows trend and season, not promotions). */
  const plannedRate = (p: number, d: number): number => {
    const ahead = Math.min(d + lead[p]!, cal.december.length - 1);
    const season = 1 + dec[p]! * cal.december[ahead]! + spr[p]! * cal.spring[ahead]!;
    const trend = Math.exp((growth[p]! * (d - days)) / 365);
    return base[p]! * trend * season * (1 + basketExtra[p]!);
  };
  const reorderPoint = (mu: number, p: number): number => {
    const cover = mu * (lead[p]! + 1);
    return Math.ceil(cover + prof.safetyZ * Math.sqrt(cover));
  };
  const orderUpTo = (rop: number, mu: number, p: number): number => rop + Math.max(pack[p]!, Math.ceil(mu * prof.reviewCycleDays));
  const policy = (k: number, p: number, d: number): [number, number] => {
    const mu = plannedRate(p, d) * traffic[k]! * affinity[k * P + p]!;
    const rop = reorderPoint(mu, p);
    return [rop, orderUpTo(rop, mu, p)];
  };

  // Opening stock: somewhere between the reorder point and the order-up-to level.
  for (let k = 0; k < S; k++) {
    for (let p = 0; p < P; p++) {
      if (carried[k * P + p] === 0) continue;
      const [rop, up] = policy(k, p, 0);
      const q = Math.max(1, rop + rng.int(up - rop + 1));
      stock[k * P + p] = q;
      move(k, p, 0, INITIAL_SECOND, MOVE_INITIAL, q, q, -1);
    }
  }

  // Scratch for one store-day's sales lines.
  let scratchP = new Int32Array(4096);
  let scratchQ = new Int32Array(4096);
  const orderOfSupplier = new Int32Array(spec.suppliers.length);

  let tickets = 0;
  let stockoutItemDays = 0;
  let lostUnits = 0;
  const progressEvery = Math.max(1, Math.floor(days / 40));

  // Per-day, per-product parts of the demand and of the plan, shared by every store.
  const demandToday = new Float64Array(P);
  const planToday = new Float64Array(P);

  for (let d = 0; d < days; d++) {
    const dayF = cal.factor[d]!;
    const decW = cal.december[d]!;
    const sprW = cal.spring[d]!;
    const isClosed = cal.closed[d] === 1;
    const rowBase = d * P;
    for (let p = 0; p < P; p++) {
      const season = 1 + dec[p]! * decW + spr[p]! * sprW;
      const pct = promo[rowBase + p]!;
      const lift = pct > 0 ? 1 + pct * 0.05 : 1;
      demandToday[p] = base[p]! * Math.exp((growth[p]! * (d - days)) / 365) * season * lift;
      planToday[p] = plannedRate(p, d);
    }

    for (let k = 0; k < S; k++) {
      const noise = rng.lognormal(1, 0.08);
      const storeF = traffic[k]! * dayF * noise;
      let n = 0;
      orderOfSupplier.fill(-1);

      for (let p = 0; p < P; p++) {
        const ix = k * P + p;
        if (carried[ix] === 0) continue;

        // Morning: the truck (if one is due today).
        if (pendingDay[ix] === d) {
          const got = pendingReceived[ix]!;
          if (got > 0) {
            stock[ix] = stock[ix]! + got;
            move(k, p, d, RECEIPT_SECOND, MOVE_RECEIPT, got, stock[ix]!, pendingOrder[ix]!);
          }
          pendingDay[ix] = -1;
          pendingReceived[ix] = 0;
          pendingOrder[ix] = -1;
        }
        if (isClosed) continue;

        // The day's customers for this product.
        const lambda = demandToday[p]! * storeF * affinity[ix]!;
        let onHand = stock[ix]!;
        if (onHand === 0) {
          stockoutItemDays++;
          lostUnits += Math.round(lambda * (1 + basketExtra[p]!));
        } else {
          const customers = rng.poisson(lambda);
          let sold = 0;
          for (let c = 0; c < customers; c++) {
            const want = 1 + (basketExtra[p]! > 0 ? rng.poisson(basketExtra[p]!) : 0);
            if (onHand === 0) {
              lostUnits += want;
              continue;
            }
            const take = want < onHand ? want : onHand;
            onHand -= take;
            sold += take;
            if (n === scratchP.length) {
              const np = new Int32Array(n * 2);
              np.set(scratchP);
              scratchP = np;
              const nq = new Int32Array(n * 2);
              nq.set(scratchQ);
              scratchQ = nq;
            }
            scratchP[n] = p;
            scratchQ[n] = take;
            n++;
          }
          if (sold > 0) {
            stock[ix] = onHand;
            move(k, p, d, SALES_CLOSE_SECOND, MOVE_SALE, -sold, onHand, -1);
          }
        }

        // Evening: reorder when stock is at or below the reorder point. An item has at most one
        // order outstanding (a missed delivery is given up a few days after it was due), so the
        // stock position is the stock on hand.
        if (pendingDay[ix]! < 0 && blocked[rowBase + p] === 0) {
          const mu = planToday[p]! * traffic[k]! * affinity[ix]!;
          const rop = reorderPoint(mu, p);
          const position = stock[ix]!;
          if (position <= rop) {
            const up = orderUpTo(rop, mu, p);
            const units = Math.ceil((up - position) / pack[p]!) * pack[p]!;
            const s = prodSupplier[p]!;
            let o = orderOfSupplier[s]!;
            if (o < 0) {
              o = orders.add();
              const oc = orders.cols;
              const L = spec.suppliers[s]!.leadTimeDays;
              oc.store[o] = k;
              oc.supplier[o] = s;
              oc.created[o] = d;
              oc.expected[o] = d + L;
              const sup = spec.suppliers[s]!;
              if (rng.chance(sup.missRate)) {
                orderArrival[o] = -1;
                orderCancel[o] = d + L + rng.between(2, 4);
              } else {
                orderArrival[o] = d + L + (rng.chance(sup.lateRate) ? rng.between(1, 6) : 0);
                orderCancel[o] = -1;
              }
              orderOfSupplier[s] = o;
            }
            const li = orderLines.add();
            const lc = orderLines.cols;
            lc.order[li] = o;
            lc.product[li] = p;
            lc.qty[li] = units;
            lc.cost[li] = cost[rowBase + p]!;
            const arrival = orderArrival[o]!;
            const received = arrival < 0 ? 0 : rng.chance(0.04) ? Math.max(1, Math.round(units * rng.range(0.4, 0.9))) : units;
            // received_quantity is known only once the truck has come (before today).
            lc.received[li] = arrival >= 0 && arrival < days ? received : -1;
            pendingDay[ix] = arrival >= 0 ? arrival : orderCancel[o]!;
            pendingReceived[ix] = received;
            pendingOrder[ix] = o;
          }
        }
      }

      if (n > 0) tickets += groupTickets(rng, sales, k, d, n, scratchP, scratchQ, price, cost, promo, P, prof.ticketLines);
    }
    if (options.onProgress && d % progressEvery === 0) options.onProgress(d / days);
  }

  // ---- order lines numbered within their order, statuses ---------------------------------------
  numberOrderLines(orders, orderLines);
  const oc = orders.cols;
  for (let o = 0; o < orders.length; o++) {
    const arrival = orderArrival[o]!;
    const cancel = orderCancel[o]!;
    if (arrival >= 0 && arrival < days) {
      oc.status[o] = ORDER_RECEIVED;
      oc.closed[o] = arrival;
    } else if (arrival < 0 && cancel < days) {
      oc.status[o] = ORDER_CANCELLED;
      oc.closed[o] = cancel;
    } else {
      oc.status[o] = ORDER_SUBMITTED;
      oc.closed[o] = -1;
    }
  }
  addDraftOrders(spec, rng, days, orders, orderLines, stock, carried, cost, policy, prodSupplier, pack);

  // Final reorder policy, as the stock screen shows it today.
  for (let k = 0; k < S; k++) {
    for (let p = 0; p < P; p++) {
      const [rop, up] = policy(k, p, days);
      minStock[k * P + p] = rop;
      maxStock[k * P + p] = up;
    }
  }
  options.onProgress?.(1);

  return {
    spec,
    firstDay,
    days,
    offsets,
    rates,
    price,
    cost,
    sales,
    movements,
    orders,
    orderLines,
    carried,
    stock,
    minStock,
    maxStock,
    lastMoveDay,
    lastMoveSec,
    stats: { tickets, stockoutItemDays, lostUnits, promotions, disruptions: disruptionCount },
  };
}

/**
 * Deal one store-day's purchases into tickets: shuffled, cut into baskets of random size, a
 * product bought twice in one basket merged into one line, tickets numbered in time order.
 */
function groupTickets(
  rng: Rng,
  sales: IntColumns<SalesColumn>,
  store: number,
  day: number,
  n: number,
  lineP: Int32Array,
  lineQ: Int32Array,
  price: Int32Array,
  cost: Int32Array,
  promo: Uint8Array,
  P: number,
  meanLines: number,
): number {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  rng.shuffle(order, n);

  const starts: number[] = [];
  for (let i = 0; i < n; ) {
    starts.push(i);
    i += Math.min(60, 1 + rng.geometric(meanLines - 1));
  }
  const T = starts.length;
  const times = new Int32Array(T);
  for (let t = 0; t < T; t++) times[t] = ticketSecond(rng);
  times.sort();

  const rowBase = day * P;
  for (let t = 0; t < T; t++) {
    const from = starts[t]!;
    const to = t + 1 < T ? starts[t + 1]! : n;
    const firstRow = sales.length;
    let line = 0;
    for (let j = from; j < to; j++) {
      const src = order[j]!;
      const p = lineP[src]!;
      const q = lineQ[src]!;
      // Same product twice in a basket: one line with the summed quantity.
      let merged = false;
      const c0 = sales.cols;
      for (let r = firstRow; r < sales.length; r++) {
        if (c0.product[r] === p) {
          c0.qty[r] = c0.qty[r]! + q;
          merged = true;
          break;
        }
      }
      if (merged) continue;
      const r = sales.add();
      const c = sales.cols;
      line++;
      c.store[r] = store;
      c.day[r] = day;
      c.seq[r] = t + 1;
      c.line[r] = line;
      c.product[r] = p;
      c.qty[r] = q;
      c.sec[r] = times[t]!;
      c.price[r] = price[rowBase + p]!;
      c.cost[r] = cost[rowBase + p]!;
      c.discount[r] = promo[rowBase + p]!;
    }
  }
  // The discount column held the promotion percent; turn it into the line's amount now that
  // merged quantities are final.
  const c = sales.cols;
  for (let r = sales.length - 1; r >= 0 && c.day[r] === day && c.store[r] === store; r--) {
    const pct = c.discount[r]!;
    if (pct > 0) c.discount[r] = Math.round((c.qty[r]! * c.price[r]! * pct) / 100);
  }
  return T;
}

/** Lines were appended item by item across orders; number them 1..n within each order. */
function numberOrderLines(orders: IntColumns<OrderColumn>, lines: IntColumns<OrderLineColumn>): void {
  const next = new Int32Array(orders.length);
  const c = lines.cols;
  for (let i = 0; i < lines.length; i++) {
    const o = c.order[i]!;
    next[o] = next[o]! + 1;
    c.line[i] = next[o]!;
  }
}

/** A few draft orders written last night for the items furthest below their reorder point. */
function addDraftOrders(
  spec: TenantSpec,
  rng: Rng,
  days: number,
  orders: IntColumns<OrderColumn>,
  lines: IntColumns<OrderLineColumn>,
  stock: Int32Array,
  carried: Uint8Array,
  cost: Int32Array,
  policy: (k: number, p: number, d: number) => [number, number],
  prodSupplier: Int32Array,
  pack: Int32Array,
): void {
  const P = spec.products.length;
  const drafts = Math.min(3, spec.stores.length * spec.suppliers.length);
  const used = new Set<string>();
  for (let i = 0; i < drafts; i++) {
    const k = i % spec.stores.length;
    let s = rng.int(spec.suppliers.length);
    for (let tries = 0; tries < spec.suppliers.length && (used.has(`${k}:${s}`) || !prodSupplier.includes(s)); tries++) {
      s = (s + 1) % spec.suppliers.length;
    }
    if (used.has(`${k}:${s}`)) continue;
    used.add(`${k}:${s}`);
    const candidates: Array<[number, number, number]> = [];
    for (let p = 0; p < P; p++) {
      if (prodSupplier[p] !== s || carried[k * P + p] === 0) continue;
      const [rop, up] = policy(k, p, days);
      const q = stock[k * P + p]!;
      candidates.push([p, q - rop, Math.max(pack[p]!, Math.ceil((up - q) / pack[p]!) * pack[p]!)]);
    }
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const o = orders.add();
    const oc = orders.cols;
    oc.store[o] = k;
    oc.supplier[o] = s;
    oc.created[o] = days - 1;
    oc.expected[o] = -1;
    oc.status[o] = ORDER_DRAFT;
    oc.closed[o] = -1;
    candidates.slice(0, 8).forEach(([p, , qty], j) => {
      const li = lines.add();
      const lc = lines.cols;
      lc.order[li] = o;
      lc.line[li] = j + 1;
      lc.product[li] = p;
      lc.qty[li] = qty;
      lc.cost[li] = cost[days * P + p]!;
      lc.received[li] = -1;
    });
  }
}
