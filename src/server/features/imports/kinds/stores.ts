/** Stores, by code: new codes are added, known ones updated with the columns the file has. */
import type { KindSpec } from './columns.js';
import { rejectDuplicates, upsert } from './sql.js';

export const storesKind: KindSpec = {
  kind: 'stores',
  naturalKey: ['code'],
  columns: [
    { name: 'code', type: 'text', required: true, maxLength: 50, aliases: ['codigo', 'cod', 'store', 'store_code', 'tienda', 'codigo_tienda', 'sucursal', 'id'], description: 'Store code (unique in the tenant)', examples: ['T01', 'T02'] },
    { name: 'name', type: 'text', maxLength: 200, aliases: ['nombre', 'store_name', 'nombre_tienda', 'descripcion'], description: 'Name (required for a new store)', examples: ['Granja Chacao', 'Granja Altamira'] },
    { name: 'city', type: 'text', maxLength: 100, aliases: ['ciudad', 'localidad', 'town'], description: 'City', examples: ['Caracas', 'Caracas'] },
    { name: 'address', type: 'text', maxLength: 300, aliases: ['direccion', 'domicilio', 'addr'], description: 'Address', examples: ['Av. Francisco de Miranda', '3ra Transversal'] },
    { name: 'active', type: 'boolean', aliases: ['activo', 'activa', 'enabled', 'estado'], description: 'Active (yes/no)', examples: ['sí', 'sí'] },
  ],
  async apply(ctx, staging) {
    await rejectDuplicates(ctx, staging, ['code'], 'store code');
    const counts = await upsert(ctx, staging, {
      table: 'stores',
      key: [{ column: 'code', staging: 'code' }],
      fields: [
        { column: 'name', expr: 's.name', source: 'name', requiredForNew: true },
        { column: 'city', expr: 's.city', source: 'city' },
        { column: 'address', expr: 's.address', source: 'address' },
        { column: 'active', expr: 's.active', source: 'active', insertDefault: 'true' },
      ],
    });
    return { ...counts, created_references: 0 };
  },
};
