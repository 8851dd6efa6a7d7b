/** Catalog reads. An id of another tenant is simply not found. */
import type { TenantDb } from '../../../store/types.js';
import type { PageOf } from '../../http/schemas.js';
import { notFound } from '../../errors.js';
import * as repo from './repository.js';
import type { CategoryList, Product, ProductDetail, ProductQuery, Store, StoreQuery, Supplier, SupplierQuery } from './schema.js';

export const listStores = (tdb: TenantDb, query: StoreQuery): Promise<PageOf<Store>> => repo.listStores(tdb, query);

export async function getStore(tdb: TenantDb, id: string): Promise<Store> {
  const store = await repo.findStore(tdb, id);
  if (!store) throw notFound('Store', id);
  return store;
}

export const listSuppliers = (tdb: TenantDb, query: SupplierQuery): Promise<PageOf<Supplier>> => repo.listSuppliers(tdb, query);

export const listProducts = (tdb: TenantDb, query: ProductQuery): Promise<PageOf<Product>> => repo.listProducts(tdb, query);

/** Every row each list shows, a page at a time: the exports. */
export const { storePages, supplierPages, productPages } = repo;

export async function getProduct(tdb: TenantDb, id: string): Promise<ProductDetail> {
  const product = await repo.findProduct(tdb, id);
  if (!product) throw notFound('Product', id);
  return product;
}

export async function listCategories(tdb: TenantDb): Promise<CategoryList> {
  return { items: await repo.listCategories(tdb) };
}
