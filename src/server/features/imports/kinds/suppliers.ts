/** Suppliers, by code: new codes are added, known ones updated with the columns the file has. */
import type { KindSpec } from './columns.js';
import { rejectDuplicates, upsert } from './sql.js';

export const suppliersKind: KindSpec = {
  kind: 'suppliers',
  naturalKey: ['code'],
  columns: [
    { name: 'code', type: 'text', required: true, maxLength: 50, aliases: ['codigo', 'cod', 'supplier', 'supplier_code', 'proveedor', 'codigo_proveedor', 'rif', 'id'], description: 'Supplier code (unique in the tenant)', examples: ['P001', 'P002'] },
    { name: 'name', type: 'text', maxLength: 200, aliases: ['nombre', 'razon_social', 'supplier_name', 'nombre_proveedor'], description: 'Name (required for a new supplier)', examples: ['Distribuidora Polar', 'Lácteos Los Andes'] },
    { name: 'email', type: 'text', maxLength: 200, aliases: ['correo', 'correo_electronico', 'e_mail', 'mail'], description: 'E-mail', examples: ['ventas@polar.test', 'pedidos@andes.test'] },
    { name: 'phone', type: 'text', maxLength: 50, aliases: ['telefono', 'tel', 'telephone', 'movil', 'celular'], description: 'Phone', examples: ['+58 212 555 0101', '+58 212 555 0102'] },
    { name: 'lead_time_days', type: 'integer', min: 0, max: 365, aliases: ['lead_time', 'dias_entrega', 'tiempo_entrega', 'plazo_entrega', 'lead_days'], description: 'Days from order to delivery (0–365)', examples: ['3', '7'] },
    { name: 'active', type: 'boolean', aliases: ['activo', 'activa', 'enabled', 'estado'], description: 'Active (yes/no)', examples: ['sí', 'sí'] },
  ],
  async apply(ctx, staging) {
    await rejectDuplicates(ctx, staging, ['code'], 'supplier code');
    const counts = await upsert(ctx, staging, {
      table: 'suppliers',
      key: [{ column: 'code', staging: 'code' }],
      fields: [
        { column: 'name', expr: 's.name', source: 'name', requiredForNew: true },
        { column: 'email', expr: 's.email', source: 'email' },
        { column: 'phone', expr: 's.phone', source: 'phone' },
        { column: 'lead_time_days', expr: 's.lead_time_days', source: 'lead_time_days', insertDefault: '7' },
        { column: 'active', expr: 's.active', source: 'active', insertDefault: 'true' },
      ],
    });
    return { ...counts, created_references: 0 };
  },
};
