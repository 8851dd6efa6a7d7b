/** Feature route modules, registered in this order under the tenancy plugin. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Store } from '../../store/types.js';
import type { TenantRegistry } from './tenants/registry.js';

export interface FeatureDeps {
  config: Config;
  store: Store;
  registry: TenantRegistry;
}

export type FeatureRoutes = (app: FastifyInstance, deps: FeatureDeps) => void | Promise<void>;

export const FEATURE_ROUTES: FeatureRoutes[] = [];
