/**
 * The operations the fuzzer drives, read from the served OpenAPI document (GET /openapi.json): a
 * route added to the API is fuzzed the moment it is documented. What the document does not say
 * (which routes take multipart or raw image bodies, and each route's access policy) comes from the
 * app's route table, matched by method and path.
 */
import type { RegisteredRoute } from '../../src/server/plugins/route-policy.js';
import type { RoutePolicy } from '../../src/server/access.js';

/** The subset of JSON Schema the document uses (TypeBox output: no $ref). */
export interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minProperties?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  nullable?: boolean;
  default?: unknown;
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required: boolean;
  schema: Schema;
}

export type BodyKind = 'none' | 'json' | 'multipart' | 'image';

export interface Operation {
  /** `GET /api/v1/orders/:id` (the route table's spelling). */
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `/api/v1/orders/:id` */
  pattern: string;
  params: Parameter[];
  body?: Schema;
  bodyRequired: boolean;
  bodyKind: BodyKind;
  policy: RoutePolicy;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> } }>>;
}

export function operationsOf(doc: OpenApiDocument, routes: readonly RegisteredRoute[]): Operation[] {
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.url}`, r]));
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    const pattern = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase() as Operation['method'];
      const key = `${method} ${pattern}`;
      const route = byKey.get(key);
      if (!route) throw new Error(`The OpenAPI document lists ${key}, which the app does not serve.`);
      const policy = route.options.config?.policy;
      if (!policy) throw new Error(`${key} declares no access policy.`);
      const schema = route.options.schema as { consumes?: string[] } | undefined;
      const json = op.requestBody?.content?.['application/json']?.schema;
      const bodyKind: BodyKind = schema?.consumes?.includes('multipart/form-data')
        ? 'multipart'
        : key === 'PUT /api/v1/tenant/logo'
          ? 'image'
          : json
            ? 'json'
            : 'none';
      out.push({ key, method, pattern, params: op.parameters ?? [], body: json, bodyRequired: op.requestBody?.required === true, bodyKind, policy });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
