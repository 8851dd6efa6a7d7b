/**
 * Sales rules: a ticket is written whole or not at all, its stock leaves through the ledger in
 * the same transaction, and every amount on a line is in the line's currency, with `fx_rate`
 * converting it to the tenant's.
 */
import { randomBytes } from 'node:crypto';
import type { TenantDb } from '../../../store/types.js';
import type { PageOf } from '../../http/schemas.js';
import { AppError, notFound } from '../../errors.js';
import type { Auditor } from '../audit/writer.js';
import { applyStockChange } from '../inventory/ledger.js';
import type { TenantContext } from '../tenants/schema.js';
import { convertCents, fromCents, lineTotalCents, toCents } from '../../../shared/money.js';
import { localDate } from '../../../shared/dates.js';
import { checkRange, tenantTimeZone } from './period.js';
import { showsTaxes, taxesOf } from './taxes.js';
import * as repo from './repository.js';
import type { NewSale, SaleLine, SalesQuery, Ticket } from './schema.js';

/** Clocks of tills drift; a sale a little ahead of ours is still a sale. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Older sales are a typo (a year 0026), not a backfill. */
const EARLIEST_SALE = Date.parse('2000-01-01T00:00:00Z');

export async function listSales(tdb: TenantDb, query: SalesQuery): Promise<PageOf<SaleLine>> {
  checkRange(query.from, query.to);
  const page = await repo.listSales(tdb, query);
  return { ...page, items: page.items.map(repo.publicLine) };
}

/** Every line the list shows for `query` (refused as the list refuses it), a page at a time: the export. */
export function salesPages(tdb: TenantDb, query: repo.SalesFilter, pageSize: number): AsyncGenerator<SaleLine[]> {
  checkRange(query.from, query.to);
  return publicPages(repo.salesPages(tdb, query, pageSize));
}

async function* publicPages(pages: AsyncGenerator<repo.StoredLine[]>): AsyncGenerator<SaleLine[]> {
  for await (const page of pages) yield page.map(repo.publicLine);
}

export async function getTicket(tdb: TenantDb, tenant: TenantContext, ticket: string): Promise<Ticket> {
  const lines = await repo.findTicketLines(tdb, ticket);
  if (lines.length === 0) throw notFound('Ticket', ticket);
  return toTicket(lines, tenant);
}

function toTicket(lines: repo.StoredLine[], tenant: TenantContext): Ticket {
  const baseCurrency = tenant.settings.currency;
  const first = lines[0]!;
  let units = 0;
  let subtotal = 0n;
  let discount = 0n;
  let totalBase = 0n;
  const taxLines: Array<{ amount: string; taxCategory: repo.StoredLine['tax_category'] }> = [];
  for (const l of lines) {
    units += l.quantity;
    subtotal += lineTotalCents(l.quantity, l.unit_price);
    discount += toCents(l.discount);
    // Converted line by line, as the stats do, so a ticket and a report never disagree by a cent.
    const base = convertCents(toCents(l.total), l.fx_rate);
    totalBase += base;
    taxLines.push({ amount: fromCents(base), taxCategory: l.tax_category });
  }
  // A ticket in another currency than the tenant's was paid in it: IGTF applies to all of it.
  const paidForeign = first.currency !== baseCurrency;
  return {
    ticket: first.ticket,
    store: first.store,
    fecha_venta: first.fecha_venta,
    business_date: first.business_date,
    currency: first.currency,
    fx_rate: first.fx_rate,
    lines: lines.map(repo.publicLine),
    totals: {
      lines: lines.length,
      units,
      subtotal: fromCents(subtotal),
      discount: fromCents(discount),
      total: fromCents(subtotal - discount),
      base_currency: baseCurrency,
      total_base: fromCents(totalBase),
    },
    taxes: showsTaxes(tenant) ? taxesOf(tenant, taxLines, paidForeign ? taxLines : []) : null,
  };
}

/** A ticket id for sales that arrive without one: the business date and 48 random bits. */
export function generateTicketId(businessDate: string): string {
  return `FX-${businessDate.replaceAll('-', '')}-${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** cents ÷ rate, rounded half away from zero: a tenant-currency amount in the ticket's currency. */
export function divideByRate(cents: bigint, rate: string): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) throw new RangeError(`Not a positive rate: '${rate}'`);
  const frac = m[2] ?? '';
  const r = BigInt(m[1]! + frac);
  if (r === 0n) throw new RangeError('A rate of zero converts nothing.');
  const numerator = cents * 10n ** BigInt(frac.length);
  const q = numerator / r;
  const rem = numerator % r;
  return 2n * (rem < 0n ? -rem : rem) >= r ? q + (numerator < 0n ? -1n : 1n) : q;
}

export interface SaleContext {
  tenant: TenantContext;
  actor: string;
  /** Records 'sale.recorded' in the sale's own transaction. */
  record: Auditor;
  /** The app's clock: the default instant of the sale and the limit of how far ahead it may be. */
  now: Date;
}

/**
 * Record a ticket. Store, products, ticket id, rate, prices and the stock of the whole ticket are
 * checked first; then every line takes its stock through the ledger and is written, and the audit
 * row follows, all in one transaction. Any refusal leaves no trace.
 */
export async function createSale(tdb: TenantDb, input: NewSale, ctx: SaleContext): Promise<Ticket> {
  const now = ctx.now;
  const fecha = input.fecha_venta === undefined ? now : new Date(input.fecha_venta);
  if (Number.isNaN(fecha.getTime())) throw new AppError('validation_error', `'fecha_venta' is not an instant: '${input.fecha_venta}'.`);
  if (fecha.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new AppError('validation_error', `'fecha_venta' (${fecha.toISOString()}) is more than 5 minutes in the future.`);
  }
  if (fecha.getTime() < EARLIEST_SALE) throw new AppError('validation_error', `'fecha_venta' (${input.fecha_venta}) is before 2000-01-01.`);

  const baseCurrency = ctx.tenant.settings.currency;
  const currency = input.currency ?? baseCurrency;
  const businessDate = localDate(fecha, tenantTimeZone(ctx.tenant));
  const ticket = input.ticket ?? generateTicketId(businessDate);

  return tdb.tx(async (tx) => {
    const store = await repo.findStoreRef(tx, input.store_id);
    if (!store) throw notFound('Store', input.store_id);
    if (await repo.ticketExists(tx, ticket)) {
      throw new AppError('already_exists', `Ticket '${ticket}' already exists; a ticket is recorded once.`, { ticket });
    }

    let fxRate = '1';
    if (currency !== baseCurrency) {
      const rate = await repo.latestRate(tx, currency, businessDate);
      if (!rate) {
        throw new AppError(
          'unprocessable',
          `No exchange rate for ${currency} → ${baseCurrency} on or before ${businessDate}: add one to exchange_rates, or sell in ${baseCurrency}.`,
          { currency, base_currency: baseCurrency, date: businessDate },
        );
      }
      fxRate = rate.rate;
    }
    const inTicketCurrency = (amount: string) => (fxRate === '1' ? amount : fromCents(divideByRate(toCents(amount), fxRate)));

    const products = new Map<string, repo.ProductForSale>();
    for (const l of input.lines) {
      const id = l.product_id.toLowerCase();
      if (products.has(id)) continue;
      const p = await repo.findProductForSale(tx, id, store.id);
      if (!p) throw notFound('Product', l.product_id);
      products.set(id, p);
    }

    const lines = input.lines.map((l, i) => {
      const product = products.get(l.product_id.toLowerCase())!;
      const unitPrice = l.unit_price === undefined ? inTicketCurrency(product.price) : fromCents(toCents(l.unit_price));
      const discount = fromCents(toCents(l.discount ?? '0'));
      if (lineTotalCents(l.quantity, unitPrice, discount) < 0n) {
        throw new AppError('validation_error', `lines[${i}].discount (${discount}) is more than quantity × unit_price (${l.quantity} × ${unitPrice}).`);
      }
      return { line: i + 1, product, quantity: l.quantity, unitPrice, discount, unitCost: inTicketCurrency(product.cost) };
    });

    // Checked over the whole ticket first, so a product on two lines counts both and the error names it.
    const wanted = new Map<string, number>();
    for (const l of lines) wanted.set(l.product.id, (wanted.get(l.product.id) ?? 0) + l.quantity);
    for (const [id, quantity] of wanted) {
      const p = products.get(id)!;
      if (quantity > p.available) {
        throw new AppError(
          'insufficient_stock',
          `Not enough stock of '${p.name}' (${p.sku}) in ${store.name}: ${p.available} available, ${quantity} requested.`,
          { product_id: p.id, sku: p.sku, store_id: store.id, available: p.available, requested: quantity },
        );
      }
    }

    const fechaVenta = fecha.toISOString();
    for (const l of lines) {
      await applyStockChange(tx, {
        storeId: store.id,
        productId: l.product.id,
        delta: -l.quantity,
        reason: 'sale',
        actor: ctx.actor,
        refType: 'sale',
        refId: ticket,
      });
      try {
        await repo.insertLine(tx, {
          ticket,
          line: l.line,
          storeId: store.id,
          productId: l.product.id,
          fechaVenta,
          businessDate,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discount: l.discount,
          unitCost: l.unitCost,
          currency,
          fxRate,
          createdBy: ctx.actor,
        });
      } catch (err) {
        if (err instanceof repo.DuplicateTicketError) throw new AppError('already_exists', `Ticket '${ticket}' already exists; a ticket is recorded once.`, { ticket });
        throw err;
      }
    }

    const recorded = toTicket(await repo.findTicketLines(tx, ticket), ctx.tenant);
    await ctx.record(tx, {
      action: 'sale.recorded',
      targetType: 'sale',
      targetId: ticket,
      details: { store_id: store.id, lines: recorded.totals.lines, units: recorded.totals.units, total: recorded.totals.total, currency },
    });
    return recorded;
  });
}
