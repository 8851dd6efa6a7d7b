/** Stores, suppliers and products: read-only catalog endpoints. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../access.js';
import { requestTenant } from '../../http/context.js';
import { ErrorResponses, Page } from '../../http/schemas.js';
import type { FeatureRoutes } from '../index.js';
import {
  CategoryList,
  IdParams,
  NoQuery,
  ProductDetailSchema,
  ProductQuery,
  ProductSchema,
  StoreQuery,
  StoreSchema,
  SupplierQuery,
  SupplierSchema,
} from './schema.js';
import * as service from './service.js';

export const catalogRoutes: FeatureRoutes = (fastify) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const config = tenantRoute('catalog:read');
  const tags = ['catalog'];

  app.get(
    '/api/v1/stores',
    {
      config,
      schema: {
        tags,
        summary: 'List stores',
        querystring: StoreQuery,
        response: { 200: Page(StoreSchema), ...ErrorResponses },
      },
    },
    async (request) => service.listStores(requestTenant(request).tdb, request.query),
  );

  app.get(
    '/api/v1/stores/:id',
    {
      config,
      schema: { tags, summary: 'One store', params: IdParams, querystring: NoQuery, response: { 200: StoreSchema, ...ErrorResponses } },
    },
    async (request) => service.getStore(requestTenant(request).tdb, request.params.id),
  );

  app.get(
    '/api/v1/suppliers',
    {
      config,
      schema: {
        tags,
        summary: 'List suppliers',
        querystring: SupplierQuery,
        response: { 200: Page(SupplierSchema), ...ErrorResponses },
      },
    },
    async (request) => service.listSuppliers(requestTenant(request).tdb, request.query),
  );

  app.get(
    '/api/v1/products',
    {
      config,
      schema: {
        tags,
        summary: 'Search and list products',
        description: 'Search `q` on name, SKU and barcode; filter by category, supplier and active; sort by name, sku, category or price.',
        querystring: ProductQuery,
        response: { 200: Page(ProductSchema), ...ErrorResponses },
      },
    },
    async (request) => service.listProducts(requestTenant(request).tdb, request.query),
  );

  app.get(
    '/api/v1/products/categories',
    {
      config,
      schema: {
        tags,
        summary: 'Product categories with their product counts',
        querystring: NoQuery,
        response: { 200: CategoryList, ...ErrorResponses },
      },
    },
    async (request) => service.listCategories(requestTenant(request).tdb),
  );

  app.get(
    '/api/v1/products/:id',
    {
      config,
      schema: {
        tags,
        summary: 'One product, with its supplier name and total stock over all stores',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: ProductDetailSchema, ...ErrorResponses },
      },
    },
    async (request) => service.getProduct(requestTenant(request).tdb, request.params.id),
  );
};
