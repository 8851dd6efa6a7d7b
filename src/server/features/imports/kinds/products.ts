/**
 * Products (productos), by sku: new skus are added (they need a name and a price), known ones
 * updated with the columns the file has — a two-column file `sku;precio` is a price list.
 * A supplier is named by its code: unknown codes are rejected or created.
 */
import type { KindSpec } from './columns.js';
import { rejectDuplicates, resolveReference, SUPPLIER_REF, upsert } from './sql.js';

const TAX_CATEGORIES: Record<string, string> = {
  general: 'general', g: 'general', '16': 'general', '16%': 'general', gravado: 'general', standard: 'general',
  reduced: 'reduced', reducido: 'reduced', reducida: 'reduced', r: 'reduced', '8': 'reduced', '8%': 'reduced',
  exempt: 'exempt', exento: 'exempt', exenta: 'exempt', e: 'exempt', '0': 'exempt', '0%': 'exempt', 'no gravado': 'exempt',
};

export const productsKind: KindSpec = {
  kind: 'products',
  naturalKey: ['sku'],
  columns: [
    { name: 'sku', type: 'text', required: true, maxLength: 64, aliases: ['codigo', 'cod', 'codigo_producto', 'producto', 'product', 'product_code', 'item', 'articulo', 'referencia', 'ref'], description: 'Product code (unique in the tenant)', examples: ['HAR-001', 'LEC-002'] },
    { name: 'name', type: 'text', maxLength: 300, aliases: ['nombre', 'descripcion', 'description', 'product_name', 'nombre_producto', 'articulo_nombre'], description: 'Name (required for a new product)', examples: ['Harina PAN 1 kg', 'Leche completa 1 L'] },
    { name: 'category', type: 'text', maxLength: 100, aliases: ['categoria', 'familia', 'departamento', 'rubro', 'grupo', 'department'], description: 'Category (new products: General when absent)', examples: ['Víveres', 'Lácteos'] },
    { name: 'price', type: 'decimal', scale: 2, min: 0, aliases: ['precio', 'pvp', 'precio_venta', 'precio_unitario', 'unit_price', 'sale_price', 'retail_price'], description: "Sale price in the tenant's currency (required for a new product)", examples: ['1.250,50', '980,00'] },
    { name: 'cost', type: 'decimal', scale: 2, min: 0, aliases: ['costo', 'coste', 'precio_costo', 'unit_cost', 'cost_price', 'costo_unitario'], description: 'Unit cost (new products: 0 when absent)', examples: ['900,00', '700,00'] },
    { name: 'barcode', type: 'text', maxLength: 32, aliases: ['codigo_barras', 'codigo_de_barras', 'ean', 'ean13', 'upc', 'gtin', 'bar_code'], description: 'Barcode (EAN/UPC)', examples: ['7591002100015', '7591002200012'] },
    { name: 'unit', type: 'text', maxLength: 16, aliases: ['unidad', 'unidad_medida', 'uom', 'medida'], description: 'Unit of sale (default unit)', examples: ['unit', 'unit'] },
    { name: 'pack_size', type: 'integer', min: 1, max: 100000, aliases: ['empaque', 'unidades_por_caja', 'bulto', 'pack', 'case_size', 'unidades_por_bulto'], description: 'Units per pack (orders round to it)', examples: ['20', '12'] },
    { name: 'tax_category', type: 'enum', values: TAX_CATEGORIES, aliases: ['impuesto', 'iva', 'tax', 'alicuota', 'categoria_impuesto', 'tasa_iva'], description: 'IVA: general (16 %), reduced (8 %) or exempt', examples: ['exento', 'general'] },
    { name: 'supplier', type: 'reference', maxLength: 50, aliases: ['proveedor', 'codigo_proveedor', 'supplier_code', 'vendor'], description: 'Supplier code', examples: ['P001', 'P002'] },
    { name: 'lead_time_days', type: 'integer', min: 0, max: 365, aliases: ['lead_time', 'dias_entrega', 'tiempo_entrega', 'plazo_entrega'], description: "Days to deliver (overrides the supplier's)", examples: ['', '5'] },
    { name: 'active', type: 'boolean', aliases: ['activo', 'activa', 'enabled', 'estado'], description: 'Active (yes/no)', examples: ['sí', 'sí'] },
  ],
  async apply(ctx, staging) {
    await rejectDuplicates(ctx, staging, ['sku'], 'sku');
    const created = ctx.present.has('supplier') ? await resolveReference(ctx, staging, { ...SUPPLIER_REF, column: 'supplier' }) : 0;
    if (ctx.rejections.any) return { inserted: 0, updated: 0, unchanged: 0, created_references: 0 };
    const counts = await upsert(ctx, staging, {
      table: 'productos',
      key: [{ column: 'sku', staging: 'sku' }],
      joins: 'LEFT JOIN suppliers sup ON sup.tenant_id = $1 AND sup.code = s.supplier',
      fields: [
        { column: 'name', expr: 's.name', source: 'name', requiredForNew: true },
        { column: 'category', expr: 's.category', source: 'category', insertDefault: "'General'" },
        { column: 'price', expr: 's.price', source: 'price', requiredForNew: true },
        { column: 'cost', expr: 's.cost', source: 'cost', insertDefault: '0' },
        { column: 'barcode', expr: 's.barcode', source: 'barcode' },
        { column: 'unit', expr: 's.unit', source: 'unit', insertDefault: "'unit'" },
        { column: 'pack_size', expr: 's.pack_size', source: 'pack_size', insertDefault: '1' },
        { column: 'tax_category', expr: 's.tax_category', source: 'tax_category', insertDefault: "'general'" },
        { column: 'supplier_id', expr: 'sup.id', source: 'supplier', separate: true },
        { column: 'lead_time_days', expr: 's.lead_time_days', source: 'lead_time_days' },
        { column: 'active', expr: 's.active', source: 'active', insertDefault: 'true' },
      ],
    });
    return { ...counts, created_references: created };
  },
};
