/**
 * The shape of a demo tenant and the builder that turns compact product-line definitions
 * (brands × variants × sizes) into a realistic catalogue with SKUs, barcodes, prices and demand.
 */
import type { Plan, TenantSettings } from '../server/features/tenants/schema.js';
import { ean13, upcA } from './barcodes.js';
import { Rng } from './random.js';

export type TaxCategory = 'general' | 'reduced' | 'exempt';

export interface StoreSpec {
  code: string;
  name: string;
  city: string;
  address: string;
  /** Relative footfall: 1 is an average store of the chain. */
  traffic: number;
}

export interface SupplierSpec {
  code: string;
  name: string;
  email: string;
  phone: string;
  leadTimeDays: number;
  /** Chance that a delivery comes late (1–6 days), and that it never comes. */
  lateRate: number;
  missRate: number;
}

export interface ProductSpec {
  sku: string;
  barcode: string;
  name: string;
  category: string;
  unit: string;
  packSize: number;
  /** Today's list price and cost in US cents; VES amounts follow the day's exchange rate. */
  priceUsdCents: number;
  costUsdCents: number;
  tax: TaxCategory;
  supplier: string;
  /** Expected buying customers per day in a store of traffic 1, before seasonality. */
  demand: number;
  /** Mean units one customer takes. */
  basket: number;
  /** Demand multiplier at the height of the December season (1 = no December effect). */
  december: number;
  /** Demand multiplier at the height of spring (garden goods); 1 = none. */
  spring: number;
}

/** Seasonality and shopping habits of one tenant's customers. */
export interface DemandProfile {
  /** Demand multiplier per weekday, Sunday first. */
  weekday: readonly [number, number, number, number, number, number, number];
  /** Multiplier on paydays (the 15th and the last day of the month) and the day after. */
  payday: number;
  paydayAfter: number;
  /** Mean lines per ticket. */
  ticketLines: number;
  /** Price increase per year in US dollars (list prices step up at the start of each month). */
  usdInflation: number;
  /** Closed days (month, day) besides those computed (Thanksgiving for US tenants). */
  closed: ReadonlyArray<readonly [number, number]>;
  thanksgivingClosed: boolean;
  /** Days of demand an order covers beyond the reorder point, and the safety factor (z) of the reorder point. */
  reviewCycleDays: number;
  safetyZ: number;
  /** Number of promotion windows per year and supply disruptions per year. */
  promotionsPerYear: number;
  disruptionsPerYear: number;
}

export interface TenantSpec {
  id: string;
  name: string;
  plan: Plan;
  settings: TenantSettings;
  stores: StoreSpec[];
  suppliers: SupplierSpec[];
  products: ProductSpec[];
  /** Days of sales history (ending yesterday). */
  historyDays: number;
  /** Expected sales lines per store-day at traffic 1: calibrates the catalogue's demand. */
  linesPerStoreDay: number;
  profile: DemandProfile;
  /** Whether amounts follow the BCV VES/USD rate (VES tenants) or are plain dollars. */
  bolivares: boolean;
}

// ---------------------------------------------------------------------------------------------
// The builder

/** A brand, optionally with a price factor relative to the line's sizes (premium brands > 1). */
export type BrandDef = string | readonly [name: string, priceFactor: number];
/** A size label, its US dollar list price, and optionally units per case. */
export type SizeDef = readonly [label: string, usd: number, packSize?: number];

export interface LineDef {
  category: string;
  /** Name template: {b} brand, {v} variant, {s} size. Default: '{n} {b} {v} {s}'. */
  name: string;
  template?: string;
  brands: readonly BrandDef[];
  variants?: readonly string[];
  sizes: readonly SizeDef[];
  tax?: TaxCategory;
  unit?: string;
  /** Relative popularity of the line (customers per day share). */
  pop?: number;
  basket?: number;
  packSize?: number;
  december?: number;
  spring?: number;
  /** Supplier code; else the brand's supplier; else the category's. */
  supplier?: string;
  /** Markup range over cost (price = cost × (1 + markup)). */
  markup?: readonly [number, number];
}

export interface CatalogRules {
  tenant: string;
  seed: number;
  /** SKU prefix per category. */
  skuPrefix: Record<string, string>;
  /** Supplier per brand, and per category as a fallback. */
  brandSupplier: Record<string, string>;
  categorySupplier: Record<string, string>;
  /** The wholesaler that carries every brand without a distributor of its own. */
  defaultSupplier: string;
  defaultTax: Record<string, TaxCategory>;
  barcode: 'ean13-759' | 'upc-a';
  /** Round list prices to .99 / .49 endings (US shelves). */
  charmPrices?: boolean;
  defaultMarkup: readonly [number, number];
}

function brandName(b: BrandDef): string {
  return typeof b === 'string' ? b : b[0];
}

function brandFactor(b: BrandDef): number {
  return typeof b === 'string' ? 1 : b[1];
}

function fill(template: string, values: Record<string, string>): string {
  const text = template
    .replace(/\{(\w)\}/g, (_, k: string) => values[k] ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\(\s*\)/g, '')
    .trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 19.4 → 1949, 19.8 → 1999, 3.2 → 349: the endings US shelves use. */
function charm(price: number): number {
  const whole = Math.floor(price);
  const frac = price - whole;
  if (frac < 0.25 && whole >= 1) return whole * 100 - 1;
  return whole * 100 + (frac < 0.75 ? 49 : 99);
}

/**
 * Expand product lines into products. Deterministic: the seed moves prices and demand a little,
 * never the list of products, their SKUs or their barcodes.
 */
export function buildProducts(lines: readonly LineDef[], rules: CatalogRules): ProductSpec[] {
  const rng = Rng.of(rules.seed, `catalog:${rules.tenant}`);
  const skuCount = new Map<string, number>();
  const companies = new Map<string, { code: number; items: number }>();
  const names = new Set<string>();
  const out: ProductSpec[] = [];

  for (const line of lines) {
    const variants = line.variants?.length ? line.variants : [''];
    line.brands.forEach((brand, bi) => {
      const bName = brandName(brand);
      let company = companies.get(bName);
      if (!company) {
        company = { code: 1001 + companies.size * 7, items: 0 };
        companies.set(bName, company);
      }
      variants.forEach((variant, vi) => {
        line.sizes.forEach(([sizeLabel, usd, pack], si) => {
          const name = fill(line.template ?? '{n} {b} {v} {s}', { n: line.name, b: bName, v: variant, s: sizeLabel });
          if (names.has(name)) throw new Error(`Duplicate demo product name: ${name}`);
          names.add(name);

          const prefix = rules.skuPrefix[line.category];
          if (!prefix) throw new Error(`No SKU prefix for category ${line.category}`);
          const n = (skuCount.get(prefix) ?? 0) + 1;
          skuCount.set(prefix, n);
          company.items += 1;
          const barcode =
            rules.barcode === 'ean13-759' ? ean13('759', company.code, company.items) : upcA(10_000 + company.code, company.items);

          const price = Math.max(0.25, usd * brandFactor(brand) * (1 + 0.06 * rng.normal()));
          const priceUsdCents = rules.charmPrices ? charm(price) : Math.round(price * 100);
          const [lo, hi] = line.markup ?? rules.defaultMarkup;
          const markup = rng.range(lo, hi);
          const costUsdCents = Math.max(1, Math.round(priceUsdCents / (1 + markup)));

          // Market leaders, the first variant and the first size sell most. The line's hero
          // product (Harina P.A.N. blanca 1 kg) stays near its expected rank; the others vary a
          // little upwards and a lot downwards, into a long tail of slow movers.
          const share = (1 / (1 + 0.9 * bi)) * (1 / (1 + 0.6 * vi)) * (1 / (1 + 0.8 * si));
          const hero = bi === 0 && vi === 0 && si === 0;
          const z = rng.normal();
          const spread = hero ? Math.exp(0.25 * z) : Math.exp(z < 0 ? 2.5 * z : 0.6 * z);
          const demand = (line.pop ?? 1) * share * spread;

          out.push({
            sku: `${prefix}-${String(n).padStart(4, '0')}`,
            barcode,
            name,
            category: line.category,
            unit: line.unit ?? 'unit',
            packSize: pack ?? line.packSize ?? 12,
            priceUsdCents,
            costUsdCents,
            tax: line.tax ?? rules.defaultTax[line.category] ?? 'general',
            supplier: line.supplier ?? rules.brandSupplier[bName] ?? rules.categorySupplier[line.category] ?? rules.defaultSupplier,
            demand,
            basket: line.basket ?? 1.2,
            december: line.december ?? 1,
            spring: line.spring ?? 1,
          });
        });
      });
    });
  }
  return out;
}

/**
 * A deterministic, spread-out subset (every k-th product) for the small scale, so every
 * category keeps a few products.
 */
export function sample<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const out: T[] = [];
  const step = items.length / count;
  for (let i = 0; i < count; i++) out.push(items[Math.floor(i * step)]!);
  return out;
}
