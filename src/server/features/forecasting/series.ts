/**
 * The demand series of a tenant, read for a forecasting run: for every stock row of an active
 * product in an active store, the units sold per business date over the last `days` days before
 * `asOf` (zero-filled), with stock-out days marked unknown (NaN). A day counts as a stock-out when
 * the ledger shows the row at 0 at any moment of it: what sold that day was capped by the stock,
 * so it is censored demand, not the demand. Also each product's revenue over the period (for the
 * ABC classes) and the daily total of the whole tenant over three years (for the calendar effects).
 *
 * Movement instants become business days by the tenant's UTC offset at `asOf` (a DST change inside
 * the window moves a stock-out's edge by an hour; sales use their stored business_date).
 */
import type { TenantDb } from '../../../store/types.js';
import { addDays, startOfDay } from '../../../shared/dates.js';
import { epochDay, isoDay } from '../../../analytics/calendar.js';
import type { SeriesData } from '../../../analytics/run.js';

export interface TenantSeries {
  /** Epoch day of values[0] of every series. */
  start: number;
  days: number;
  series: Array<SeriesData & { storeId: string; productId: string }>;
  /** Revenue per product id over the period, in the tenant's currency units. */
  revenue: Map<string, number>;
  /** Units sold per day by the whole tenant over the last CALENDAR_DAYS (for the calendar)… */
  total: number[];
  /** …from this epoch day. */
  totalStart: number;
}

/** Days of the tenant's total the calendar is learnt from: three years (two or three Decembers). */
export const CALENDAR_DAYS = 3 * 365;

export const seriesKey = (storeId: string, productId: string) => `${storeId}/${productId}`;

export async function loadSeries(tdb: TenantDb, asOf: string, days: number, timeZone: string): Promise<TenantSeries> {
  const from = addDays(asOf, -days);
  const to = addDays(asOf, -1);
  const start = epochDay(from);
  const offsetSeconds = offsetAt(asOf, timeZone);

  const rows = await tdb.all(
    `SELECT i.store_id, i.product_id
     FROM inventory i
     JOIN productos p ON p.tenant_id = i.tenant_id AND p.id = i.product_id
     JOIN stores s ON s.tenant_id = i.tenant_id AND s.id = i.store_id
     WHERE i.tenant_id = $1 AND p.active AND s.active
     ORDER BY i.store_id, i.product_id`,
  );
  const series = rows.map((r) => {
    const storeId = String(r.store_id);
    const productId = String(r.product_id);
    return { key: seriesKey(storeId, productId), storeId, productId, start, values: new Array<number>(days).fill(0) };
  });
  const byKey = new Map(series.map((s) => [s.key, s]));
  const revenue = new Map<string, number>();
  const totalStart = epochDay(addDays(asOf, -CALENDAR_DAYS));
  const total = new Array<number>(CALENDAR_DAYS).fill(0);
  const totals = await tdb.all(
    `SELECT v.business_date AS day, sum(v.quantity) AS units FROM ventas v
     WHERE v.tenant_id = $1 AND v.business_date BETWEEN $2::DATE AND $3::DATE GROUP BY v.business_date`,
    [addDays(asOf, -CALENDAR_DAYS), to],
  );
  for (const r of totals) {
    const t = epochDay(String(r.day)) - totalStart;
    if (t >= 0 && t < CALENDAR_DAYS) total[t] = Number(r.units);
  }

  const sold = await tdb.all(
    `SELECT v.store_id, v.product_id, v.business_date AS day, sum(v.quantity) AS units, sum(v.quantity * v.unit_price - v.discount) AS amount
     FROM ventas v
     WHERE v.tenant_id = $1 AND v.business_date BETWEEN $2::DATE AND $3::DATE
     GROUP BY v.store_id, v.product_id, v.business_date`,
    [from, to],
  );
  for (const r of sold) {
    const t = epochDay(String(r.day)) - start;
    if (t < 0 || t >= days) continue;
    const units = Number(r.units);
    const productId = String(r.product_id);
    revenue.set(productId, (revenue.get(productId) ?? 0) + Number(r.amount));
    const s = byKey.get(seriesKey(String(r.store_id), productId));
    if (s) s.values[t] = units;
  }

  for (const spell of await zeroSpells(tdb, offsetSeconds, start, null)) {
    const s = byKey.get(seriesKey(spell.storeId, spell.productId));
    if (!s) continue;
    const a = Math.max(0, spell.from - start);
    const b = Math.min(days - 1, spell.to === null ? days - 1 : spell.to - start);
    for (let t = a; t <= b; t++) s.values[t] = NaN;
  }
  return { start, days, series, revenue, total, totalStart };
}

/** Seconds the tenant's zone is ahead of UTC on `date`. */
function offsetAt(date: string, timeZone: string): number {
  return (Date.parse(`${date}T00:00:00Z`) - Date.parse(startOfDay(date, timeZone))) / 1000;
}

interface Spell {
  storeId: string;
  productId: string;
  /** First and last epoch day at 0 (to: null while still at 0). */
  from: number;
  to: number | null;
}

/**
 * Spells at zero from the ledger: from a movement leaving a stock row at 0 to the next movement
 * (or still at 0), ending on or after epoch day `since`; all rows, or one product's.
 */
async function zeroSpells(tdb: TenantDb, offsetSeconds: number, since: number, productId: string | null): Promise<Spell[]> {
  const rows = await tdb.all(
    `SELECT store_id, product_id, day_from, day_to FROM (
       SELECT m.store_id, m.product_id, m.quantity_after,
              floor((extract(epoch FROM m.created_at) + $2) / 86400) AS day_from,
              floor((extract(epoch FROM lead(m.created_at) OVER (PARTITION BY m.store_id, m.product_id ORDER BY m.created_at)) + $2) / 86400) AS day_to
       FROM inventory_movements m
       WHERE m.tenant_id = $1 AND ${productId === null ? 'TRUE' : 'm.product_id = $4::UUID'}
     ) x
     WHERE quantity_after = 0 AND (day_to IS NULL OR day_to >= $3)`,
    productId === null ? [offsetSeconds, since] : [offsetSeconds, since, productId],
  );
  return rows.map((r) => ({ storeId: String(r.store_id), productId: String(r.product_id), from: Number(r.day_from), to: r.day_to === null ? null : Number(r.day_to) }));
}

/** Business dates in [from, to] on which the product was out of stock (in the store, or in any store). */
export async function stockoutDays(tdb: TenantDb, productId: string, storeId: string | null, from: string, to: string, timeZone: string): Promise<Set<string>> {
  const first = epochDay(from);
  const last = epochDay(to);
  const out = new Set<string>();
  for (const spell of await zeroSpells(tdb, offsetAt(to, timeZone), first, productId)) {
    if (storeId !== null && spell.storeId !== storeId) continue;
    for (let d = Math.max(first, spell.from); d <= Math.min(last, spell.to ?? last); d++) out.add(isoDay(d));
  }
  return out;
}
