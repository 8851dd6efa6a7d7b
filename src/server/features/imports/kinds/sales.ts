/**
 * Sales lines (ventas), by ticket + line: lines already stored are left as they are (a sale is a
 * fact), so re-importing a file or an overlapping one adds nothing twice; a stored line that the
 * file contradicts (another product, quantity, price, store or instant) is rejected
 * (different_from_stored). Without a line column, lines are numbered by their order within the
 * ticket in the file. Amounts are in the line's currency (default the tenant's); a foreign
 * currency without a rate column takes the official rate on or before the sale's day. Imported
 * sales are history: they do not move stock (stock comes from inventory snapshots and the ledger).
 *
 * Sales files are the big ones (a million lines), so every check is one pass: each staged row is
 * classified by the first check it fails, and the insert reads the same classification.
 */
import type { KindSpec } from './columns.js';
import type { StagingColumn } from '../../../../store/types.js';
import { PRODUCT_REF, rejectClassified, resolveReference, STORE_REF, TENANT_GUARD } from './sql.js';

/** The classified lines: what the checks and the insert need of each. */
const CHECKED: StagingColumn[] = [
  { name: 'line_no', type: 'integer' },
  { name: 'ticket', type: 'text' },
  { name: 'n_line', type: 'integer' },
  { name: 'date', type: 'timestamptz' },
  { name: 'date_date', type: 'date' },
  { name: 'store_id', type: 'uuid' },
  { name: 'product_id', type: 'uuid' },
  { name: 'quantity', type: 'integer' },
  { name: 'unit_price', type: 'decimal' },
  { name: 'disc', type: 'decimal' },
  { name: 'unit_cost', type: 'decimal' },
  { name: 'cur', type: 'text' },
  { name: 'fx', type: 'decimal' },
  { name: 'stored', type: 'boolean' },
  { name: 'reason', type: 'text' },
  { name: 'value', type: 'text' },
];

export const salesKind: KindSpec = {
  kind: 'sales',
  naturalKey: ['ticket', 'line'],
  columns: [
    { name: 'ticket', type: 'text', required: true, maxLength: 64, aliases: ['factura', 'numero_factura', 'recibo', 'boleta', 'receipt', 'invoice', 'ticket_id', 'documento', 'nro', 'numero', 'transaction', 'transaccion'], description: 'Ticket (receipt) number', examples: ['A-000123', 'A-000123'] },
    { name: 'line', type: 'integer', min: 1, max: 10000, aliases: ['linea', 'renglon', 'item_line', 'line_no', 'nro_linea', 'posicion'], description: 'Line within the ticket (default: order in the file)', examples: ['1', '2'] },
    { name: 'date', type: 'datetime', required: true, aliases: ['fecha', 'fecha_venta', 'fecha_hora', 'datetime', 'timestamp', 'sold_at', 'hora', 'fecha_y_hora'], description: "When sold, in the tenant's time zone (or with an offset)", examples: ['27/11/2026 18:42', '27/11/2026 18:42'] },
    { name: 'store', type: 'reference', required: true, maxLength: 50, aliases: ['tienda', 'codigo_tienda', 'sucursal', 'store_code', 'local', 'caja_tienda'], description: 'Store code', examples: ['T01', 'T01'] },
    { name: 'sku', type: 'reference', required: true, maxLength: 64, aliases: ['producto', 'codigo', 'codigo_producto', 'product', 'product_code', 'item', 'articulo', 'referencia'], description: 'Product sku', examples: ['HAR-001', 'LEC-002'] },
    { name: 'quantity', type: 'integer', required: true, min: 1, max: 1_000_000, aliases: ['cantidad', 'cant', 'qty', 'unidades', 'units'], description: 'Units sold (whole, ≥ 1)', examples: ['2', '1'] },
    { name: 'price', type: 'decimal', scale: 2, min: 0, aliases: ['precio', 'precio_unitario', 'unit_price', 'pvp', 'precio_venta'], description: "Unit price in the line's currency (default: the product's)", examples: ['45,50', '38,00'] },
    { name: 'discount', type: 'decimal', scale: 2, min: 0, aliases: ['descuento', 'desc', 'rebaja'], description: 'Discount on the line (amount)', examples: ['0', '2,00'] },
    { name: 'cost', type: 'decimal', scale: 2, min: 0, aliases: ['costo', 'costo_unitario', 'unit_cost'], description: "Unit cost (default: the product's)", examples: ['32,10', '27,00'] },
    { name: 'currency', type: 'currency', aliases: ['moneda', 'divisa'], description: "Currency of the amounts (default: the tenant's)", examples: ['', ''] },
    { name: 'fx_rate', type: 'decimal', scale: 6, min: 0.000001, aliases: ['tasa', 'tasa_cambio', 'tipo_de_cambio', 'exchange_rate', 'rate'], description: "Tenant-currency units per unit of the line's currency (default: the official rate of the day)", examples: ['', ''] },
  ],
  async apply(ctx, staging) {
    let created = 0;
    if (ctx.createUnknown) {
      created += await resolveReference(ctx, staging, { ...STORE_REF, column: 'store' });
      created += await resolveReference(ctx, staging, { ...PRODUCT_REF, column: 'sku' }, 'price');
    }
    // The common case first: a file of new, valid lines. They are inserted straight from the
    // classification, in one pass; when that takes every staged line there is nothing to reject or
    // count. Otherwise (stored lines, rejections) the classification is materialised for the
    // counts and the report, and the lines just inserted count as stored there.
    let direct = 0;
    if (!ctx.rejections.any) {
      direct = await ctx.tx.run(
        `INSERT INTO ventas (${VENTAS_COLUMNS})
         SELECT CAST($1 AS VARCHAR), ${VENTAS_VALUES} FROM ${classify(staging, ctx.present.has('line'), ctx.present.has('currency'))} c
         WHERE ${TENANT_GUARD} AND c.reason IS NULL AND NOT c.stored`,
        [ctx.baseCurrency, ctx.actor, ctx.now],
      );
      if (direct === ctx.staged) return { inserted: direct, updated: 0, unchanged: 0, created_references: created };
    }
    // Classified once into a table of its own: the counts, the samples and the insert all read it.
    const classified = `${staging}_checked`;
    await ctx.tx.stageQuery(classified, CHECKED, `SELECT ${CHECKED.map((c) => `c.${c.name}`).join(', ')} FROM ${classify(staging, ctx.present.has('line'), ctx.present.has('currency'))} c WHERE ${TENANT_GUARD}`, [ctx.baseCurrency]);
    const params: string[] = [];
    const { stored } = await rejectClassified(
      ctx,
      classified,
      { required: 'line', duplicate_key: 'ticket+line', unknown_store: 'store', unknown_product: 'sku', no_exchange_rate: 'currency', discount_exceeds_total: 'discount', different_from_stored: 'ticket' },
      {
        required: () => "'line' is empty (the file has a line column: every row needs its line).",
        duplicate_key: (v) => `The same ticket and line appear more than once in the file: ${v}.`,
        unknown_store: (v) => `No store with code '${v}' in this tenant.`,
        unknown_product: (v) => `No product with sku '${v}' in this tenant.`,
        no_exchange_rate: (v) => `No exchange rate for ${v?.slice(0, 3)} on or before ${v?.slice(4)}: import exchange rates first, or give fx_rate.`,
        discount_exceeds_total: (v) => `The discount (${v}) is more than quantity × price.`,
        different_from_stored: (v) => `Ticket ${v} is already stored with other values; a stored sale is not overwritten.`,
      },
      params,
    );
    if (ctx.rejections.any) return { inserted: 0, updated: 0, unchanged: 0, created_references: created };
    const inserted = await ctx.tx.run(`INSERT INTO ventas (${VENTAS_COLUMNS}) SELECT CAST($1 AS VARCHAR), ${VENTAS_VALUES.replace('$3', '$2').replace('$4', '$3')} FROM ${classified} c WHERE NOT c.stored`, [ctx.actor, ctx.now]);
    return { inserted: direct + inserted, updated: 0, unchanged: stored - direct, created_references: created };
  },
};

const VENTAS_COLUMNS = 'tenant_id, ticket, line, store_id, product_id, fecha_venta, business_date, quantity, unit_price, discount, unit_cost, currency, fx_rate, created_by, created_at';
/** The values of a classified line `c` after the tenant; `$3` is the actor, `$4` the import's instant. */
const VENTAS_VALUES = 'c.ticket, c.n_line, c.store_id, c.product_id, c.date, c.date_date, c.quantity, c.unit_price, c.disc, c.unit_cost, c.cur, c.fx, $3, $4::TIMESTAMPTZ';

/** Every staged line with its resolved store, product, rate and amounts, and the first check it fails. `$2` is the tenant's currency. */
function classify(staging: string, hasLine: boolean, hasCurrency: boolean): string {
  // With a line column every row must give its line; without, lines are numbered in file order.
  const line = hasLine ? 's0.line' : 'CAST(row_number() OVER (PARTITION BY s0.ticket ORDER BY s0.line_no) AS INTEGER)';
  const numbered = `SELECT s0.*, ${line} AS n_line, COALESCE(s0.currency, $2) AS cur FROM ${staging} s0`;
  // A key that appears more than once: the few repeated keys with their first line (a GROUP BY
  // measured three times faster than a window over every line), joined back.
  const repeated = `SELECT d.ticket, d.n_line, min(d.line_no) AS first_line FROM (${numbered}) d GROUP BY d.ticket, d.n_line HAVING count(*) > 1`;
  const keyed = `SELECT n.*, COALESCE(dk.first_line, n.line_no) AS first_line FROM (${numbered}) n
    LEFT JOIN (${repeated}) dk ON dk.ticket = n.ticket AND dk.n_line = n.n_line`;
  // The official rate of each (currency, day) that needs one: a handful of lookups, not one per
  // line; none at all when the file has no currency column (every line is in the tenant's).
  const rates = `SELECT q.cur, q.date_date, (SELECT r.rate FROM exchange_rates r WHERE r.tenant_id = $1 AND r.currency = q.cur AND r.rate_date <= q.date_date
      ORDER BY r.rate_date DESC LIMIT 1) AS rate FROM (SELECT DISTINCT s1.cur, s1.date_date FROM (${numbered}) s1 WHERE s1.cur <> $2 AND s1.fx_rate IS NULL) q`;
  const fx = hasCurrency ? 'CASE WHEN k.cur = $2 THEN 1 ELSE COALESCE(k.fx_rate, rt.rate) END' : '1';
  const resolved = `SELECT k.*, st.id AS store_id, p.id AS product_id, ${fx} AS fx, p.price AS p_price, p.cost AS p_cost
    FROM (${keyed}) k
    LEFT JOIN stores st ON st.tenant_id = $1 AND st.code = k.store
    LEFT JOIN productos p ON p.tenant_id = $1 AND p.sku = k.sku
    ${hasCurrency ? `LEFT JOIN (${rates}) rt ON rt.cur = k.cur AND rt.date_date = k.date_date` : ''}`;
  const amount = (col: 'price' | 'cost', stored: string) => `COALESCE(r.${col}, CASE WHEN r.fx = 1 THEN ${stored} ELSE round(${stored} / r.fx, 2) END)`;
  const priced = `SELECT r.*, ${amount('price', 'r.p_price')} AS unit_price, ${amount('cost', 'r.p_cost')} AS unit_cost, COALESCE(r.discount, 0) AS disc FROM (${resolved}) r`;
  return `(SELECT x.*, v.ticket IS NOT NULL AS stored,
      CASE
        WHEN x.n_line IS NULL THEN 'required'
        WHEN x.line_no <> x.first_line THEN 'duplicate_key'
        WHEN x.store_id IS NULL THEN 'unknown_store'
        WHEN x.product_id IS NULL THEN 'unknown_product'
        WHEN x.fx IS NULL THEN 'no_exchange_rate'
        WHEN x.disc > x.quantity * x.unit_price THEN 'discount_exceeds_total'
        WHEN v.ticket IS NOT NULL AND (v.store_id <> x.store_id OR v.product_id <> x.product_id OR v.quantity <> x.quantity OR v.fecha_venta <> x.date
          OR (x.price IS NOT NULL AND v.unit_price <> x.price) OR (x.discount IS NOT NULL AND v.discount <> x.discount) OR v.currency <> x.cur) THEN 'different_from_stored'
      END AS reason,
      CASE
        WHEN x.n_line IS NULL THEN ''
        WHEN x.line_no <> x.first_line THEN x.ticket || ' line ' || CAST(x.n_line AS VARCHAR) || ' (first on line ' || CAST(x.first_line AS VARCHAR) || ')'
        WHEN x.store_id IS NULL THEN x.store
        WHEN x.product_id IS NULL THEN x.sku
        WHEN x.fx IS NULL THEN x.cur || ' ' || CAST(x.date_date AS VARCHAR)
        WHEN x.disc > x.quantity * x.unit_price THEN CAST(x.disc AS VARCHAR)
        ELSE x.ticket || ' line ' || CAST(x.n_line AS VARCHAR)
      END AS value
    FROM (${priced}) x LEFT JOIN ventas v ON v.tenant_id = $1 AND v.ticket = x.ticket AND v.line = x.n_line)`;
}
