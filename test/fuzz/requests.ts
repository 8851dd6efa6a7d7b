/**
 * fast-check arbitraries for requests, from an operation's schemas: valid-by-schema values, then
 * the ways a hostile or careless client gets them wrong (wrong types, missing and unknown fields,
 * boundary numbers, huge and odd strings, nested junk, NUL bytes, foreign content types).
 *
 * Values that must name something that exists (an id, a ticket, a SKU) are generated as `Ref`s,
 * resolved when the request is sent against the data as it is then (rows created by earlier
 * requests included), from the host's tenant or from another one.
 */
import fc from 'fast-check';
import { ROLES, type Role } from '../../src/server/permissions.js';
import type { Operation, Parameter, Schema } from './openapi.js';

/** What a request refers to, resolved at send time. `from`: the tenant addressed, or another one. */
export class Ref {
  constructor(
    readonly kind: 'uuid' | 'tenant' | 'ticket' | 'word',
    readonly from: 'host' | 'other',
    readonly table: string | undefined,
    readonly n: number,
  ) {}
}

export type Tenant = 'granja' | 'cliente2' | 'dormida';

export type Who =
  | { kind: 'anonymous' }
  /** A principal of the addressed tenant. */
  | { kind: 'own'; role: Role; credential: 'key' | 'cookie' }
  /** A principal of another tenant, presenting its credential on the addressed one. */
  | { kind: 'foreign'; role: Role; credential: 'key' | 'cookie' }
  /** A platform admin's session. */
  | { kind: 'admin' };

/** How the tenant is addressed: its own host, the api host with X-Tenant-ID, or the admin host. */
export type Via = 'host' | 'api' | 'admin';

export type PathValue = { value: string | Ref; raw: boolean };
export type QueryPart = { name: string; value: string | Ref; raw?: boolean };

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string | null }
  | { kind: 'text'; text: string; contentType: string | null }
  | { kind: 'multipart'; fields: Array<[string, string]>; files: Array<{ field: string; name: string; content: string | Uint8Array }>; brokenBoundary: boolean }
  | { kind: 'bytes'; bytes: Uint8Array; contentType: string | null };

export interface RequestSpec {
  op: number;
  tenant: Tenant;
  via: Via;
  who: Who;
  path: Record<string, PathValue>;
  query: QueryPart[];
  body: Body;
  extraHeaders: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Hostile strings
// ---------------------------------------------------------------------------------------------

const SQL = [`' OR 1=1 --`, `'; DROP TABLE productos; --`, `1) or (1=1`, `granja' or tenant_id = 'cliente2`, `$1`, `$2::uuid`, `%' --`, `\\'; --`, `*/ /*`, `' union select * from users --`];
const TRAVERSAL = ['..', '../..', '../../../etc/passwd', '..\\..\\windows', '%2e%2e%2f', '....//', '/etc/passwd', './', '~root'];
const UNICODE = ['🍌', 'Ｐ－００１', 'e\u0301\u0301', '\u202Egnirts\u202C', '\u200B\uFEFF', '\uFFFF\uFFFE', '\uD800', 'ñandú', 'İı', '中文', '\u0000', 'a\u0000b', '\r\nX-Injected: 1', '\n', '\t'];
const EDGE = ['', ' ', '0', '-1', 'null', 'undefined', 'true', 'NaN', 'Infinity', '1e309', '[]', '{}', '{"a":1}', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '%00', '%', '_'];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQL, ...TRAVERSAL, ...UNICODE, ...EDGE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', '🍌', 'é', "'", '%', 'a\u0000'), fc.integer({ min: 200, max: 20_000 })).map(([c, n]) => c.repeat(n)) },
);

const hugeString: fc.Arbitrary<string> = fc.tuple(fc.constantFrom('x', '🍌', 'ñ', '\u0000', '"', '\\'), fc.integer({ min: 10_000, max: 250_000 })).map(([c, n]) => c.repeat(n));

/** A JSON tree nested `depth` levels. */
const nestedJunk: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 10, max: 3_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});

const BOUNDARY_NUMBERS = [0, -0, -1, 1, 0.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 53) - 2, 1e308, -1e308, 5e-324, 1e21, 123456789012345];

// ---------------------------------------------------------------------------------------------
// Values by schema
// ---------------------------------------------------------------------------------------------

/** The table an id-valued field or parameter names, by its name (and the route it is on). */
export function tableOf(name: string, pattern: string): string | undefined {
  const byField: Record<string, string> = { store_id: 'stores', product_id: 'productos', supplier_id: 'suppliers' };
  if (byField[name]) return byField[name];
  if (name !== 'id') return undefined;
  const segments = pattern.split('/').filter(Boolean).slice(2);
  const bySegment: Record<string, string> = {
    stores: 'stores',
    suppliers: 'suppliers',
    products: 'productos',
    inventory: 'inventory',
    orders: 'orders',
    users: segments[1] === 'invites' ? 'invites' : 'users',
    'api-keys': 'api_keys',
    imports: 'imports',
  };
  return bySegment[segments[0] ?? ''];
}

const refFrom = fc.oneof({ weight: 3, arbitrary: fc.constant('host' as const) }, { weight: 1, arbitrary: fc.constant('other' as const) });
const uuidRef = (table: string | undefined) => fc.tuple(refFrom, fc.nat()).map(([from, n]) => new Ref('uuid', from, table, n));
const tenantRef = fc.tuple(refFrom, fc.nat()).map(([from, n]) => new Ref('tenant', from, undefined, n));
const wordRef = fc.tuple(refFrom, fc.nat()).map(([from, n]) => new Ref('word', from, undefined, n));
const ticketRef = fc.tuple(refFrom, fc.nat()).map(([from, n]) => new Ref('ticket', from, undefined, n));

const isoDate = fc.date({ min: new Date('1999-12-25T00:00:00Z'), max: new Date('2031-01-05T00:00:00Z'), noInvalidDate: true });
const recentDate = fc.date({ min: new Date('2026-09-01T00:00:00Z'), max: new Date('2026-11-27T00:00:00Z'), noInvalidDate: true });
const TENANT_ID_SOURCE = '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$';

function patternArb(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return undefined;
  }
}

/** A value the schema accepts (or nearly: generated patterns may exceed a maxLength). */
export function validValue(schema: Schema, name: string, pattern: string, depth = 0, clean = false): fc.Arbitrary<unknown> {
  if (schema.anyOf ?? schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((s) => validValue(s, name, pattern, depth, clean)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const nullable = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => (schema.nullable && !clean ? fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) }) : a);
  switch (schema.type) {
    case 'boolean':
      return nullable(fc.boolean());
    case 'integer': {
      const min = schema.minimum ?? -1_000_000;
      const max = schema.maximum ?? 1_000_000;
      if (clean) return fc.integer({ min, max: Math.min(max, min + 5) });
      return nullable(fc.oneof(fc.integer({ min, max: Math.min(max, min + 50) }), fc.integer({ min, max }), fc.constantFrom(min, max)));
    }
    case 'number': {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e6;
      return nullable(fc.oneof(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(min, max)));
    }
    case 'string': {
      if (schema.format === 'uuid') return nullable(uuidRef(tableOf(name, pattern)));
      const dates = clean ? recentDate : isoDate;
      if (schema.format === 'date') return nullable(dates.map((d) => d.toISOString().slice(0, 10)));
      if (schema.format === 'date-time') return nullable(dates.map((d) => d.toISOString()));
      if (schema.pattern === TENANT_ID_SOURCE || (name === 'id' && pattern.includes('/admin/tenants'))) return nullable(tenantRef);
      if (name === 'ticket') return nullable(ticketRef);
      if (schema.pattern) {
        const p = patternArb(schema.pattern);
        if (p) return nullable(p);
      }
      const free = fc.string({ unit: 'grapheme', minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
      if (['q', 'name', 'category', 'notes', 'note', 'reason', 'sku'].includes(name)) return nullable(fc.oneof(free, wordRef));
      if (name === 'email') return nullable(fc.tuple(fc.stringMatching(/^[a-z0-9.]{1,20}$/), fc.constantFrom('granja.test', 'cliente2.test', 'example.com')).map(([a, b]) => `${a}@${b}`));
      return nullable(free);
    }
    case 'array': {
      const items = schema.items ? validValue(schema.items, name, pattern, depth + 1, clean) : fc.jsonValue({ maxDepth: 2 });
      return nullable(fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, clean ? 1 : 4)) }));
    }
    case 'object':
    case undefined: {
      const props = schema.properties ?? {};
      if (depth > 6 || Object.keys(props).length === 0) return nullable(fc.constant({}));
      const required = new Set(schema.required ?? []);
      if (clean) {
        // A correct client sends what is required and, now and then, one of the options.
        const keys = Object.keys(props);
        return fc
          .tuple(...keys.map((k) => (required.has(k) ? validValue(props[k]!, k, pattern, depth + 1, true) : fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: validValue(props[k]!, k, pattern, depth + 1, true) }))))
          .map((values) => {
            const o = Object.fromEntries(keys.map((k, i) => [k, values[i]]).filter(([, v]) => v !== undefined));
            // minProperties: an empty patch is not a patch.
            if (Object.keys(o).length < (schema.minProperties ?? 0) && keys.length > 0) return null;
            return o;
          })
          .filter((o): o is Record<string, unknown> => o !== null);
      }
      const record = fc.record(
        Object.fromEntries(Object.entries(props).map(([k, s]) => [k, validValue(s, k, pattern, depth + 1)])),
        { requiredKeys: [...required].filter((k) => k in props) },
      ) as fc.Arbitrary<Record<string, unknown>>;
      return nullable(record);
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations of a JSON tree
// ---------------------------------------------------------------------------------------------

type Mutation =
  | { kind: 'wrongType'; at: number; value: unknown }
  | { kind: 'removeKey'; at: number; pick: number }
  | { kind: 'addKey'; at: number; key: string; value: unknown }
  | { kind: 'boundary'; at: number; value: number }
  | { kind: 'huge'; at: number; value: string }
  | { kind: 'nested'; at: number; value: unknown }
  | { kind: 'nul'; at: number; pos: number }
  | { kind: 'hostile'; at: number; value: string }
  | { kind: 'duplicateItem'; at: number };

const WRONG_TYPES: unknown[] = [0, -1, 1.5, true, false, null, 'a string', '', [], {}, [1, 'a'], { a: 1 }, '1', 'true', '2026-13-45', '00000000-0000-0000-0000-000000000000'];
const EXTRA_KEYS = ['tenant_id', 'tenant', 'id', '__proto__', 'constructor', 'prototype', 'role', 'status', 'is_admin', 'unknown_field', 'password_hash', 'created_by', ''];

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('wrongType' as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(...WRONG_TYPES), fc.jsonValue({ maxDepth: 2 })) }),
  fc.record({ kind: fc.constant('removeKey' as const), at: fc.nat(), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('addKey' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 })),
    value: fc.oneof(fc.constantFrom('cliente2', 'granja', 'owner', true, 1), fc.jsonValue({ maxDepth: 2 })),
  }),
  fc.record({ kind: fc.constant('boundary' as const), at: fc.nat(), value: fc.constantFrom(...BOUNDARY_NUMBERS) }),
  fc.record({ kind: fc.constant('huge' as const), at: fc.nat(), value: hugeString }),
  fc.record({ kind: fc.constant('nested' as const), at: fc.nat(), value: nestedJunk }),
  fc.record({ kind: fc.constant('nul' as const), at: fc.nat(), pos: fc.nat() }),
  fc.record({ kind: fc.constant('hostile' as const), at: fc.nat(), value: hostileString }),
  fc.record({ kind: fc.constant('duplicateItem' as const), at: fc.nat() }),
);

type Slot = { get: () => unknown; set: (v: unknown) => void };

/** Every node of a JSON tree (the root first), as a place that can be read and replaced. */
function slots(root: { v: unknown }): Slot[] {
  const out: Slot[] = [];
  const visit = (get: () => unknown, set: (v: unknown) => void, depth: number) => {
    out.push({ get, set });
    const v = get();
    if (depth > 8 || v instanceof Ref || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) v.forEach((_, i) => visit(() => v[i], (x) => (v[i] = x), depth + 1));
    else for (const k of Object.keys(v)) visit(() => (v as Record<string, unknown>)[k], (x) => ((v as Record<string, unknown>)[k] = x), depth + 1);
  };
  visit(() => root.v, (x) => (root.v = x), 0);
  return out;
}

function applyMutation(root: { v: unknown }, m: Mutation): void {
  const all = slots(root);
  const pickOf = (want: (v: unknown) => boolean): Slot | undefined => {
    const fit = all.filter((s) => want(s.get()));
    return fit.length ? fit[m.at % fit.length] : undefined;
  };
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Ref);
  switch (m.kind) {
    case 'wrongType':
      all[m.at % all.length]!.set(m.value);
      return;
    case 'removeKey': {
      const s = pickOf((v) => isObject(v) && Object.keys(v).length > 0);
      if (!s) return;
      const o = s.get() as Record<string, unknown>;
      const keys = Object.keys(o);
      delete o[keys[m.pick % keys.length]!];
      return;
    }
    case 'addKey': {
      const s = pickOf(isObject);
      // defineProperty: a key named __proto__ becomes an own property, as JSON.parse would make it.
      if (s) Object.defineProperty(s.get() as object, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      return;
    }
    case 'boundary':
      (pickOf((v) => typeof v === 'number') ?? all[m.at % all.length]!).set(m.value);
      return;
    case 'huge':
      (pickOf((v) => typeof v === 'string' || v instanceof Ref) ?? all[m.at % all.length]!).set(m.value);
      return;
    case 'nested':
      all[m.at % all.length]!.set(m.value);
      return;
    case 'nul': {
      const s = pickOf((v) => typeof v === 'string');
      if (!s) return;
      const v = s.get() as string;
      const i = m.pos % (v.length + 1);
      s.set(`${v.slice(0, i)}\u0000${v.slice(i)}`);
      return;
    }
    case 'hostile':
      (pickOf((v) => typeof v === 'string' || v instanceof Ref) ?? all[m.at % all.length]!).set(m.value);
      return;
    case 'duplicateItem': {
      const s = pickOf((v) => Array.isArray(v) && v.length > 0);
      if (s) (s.get() as unknown[]).push((s.get() as unknown[])[0]);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/json; charset=latin1', 'application/json;;', 'application/vnd.api+json'];
const OTHER_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html', 'application/jsonx', 'image/png', 'application/octet-stream', '', '*/*', 'application/json\r\nX-Injected: 1'.replace(/\r\n/g, ' ')];
const contentTypeArb: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  { weight: 3, arbitrary: fc.constantFrom(...JSON_TYPES) },
  { weight: 2, arbitrary: fc.constantFrom(...OTHER_TYPES) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const MALFORMED_JSON = ['{"a":', '{', '[1,2', '{"a" 1}', "{'a': 1}", '{"a": 1,}', 'nul', '\u0000', '{"a": "\\x"}', '', ' ', '"', '{"a":1}{"b":2}', '\uFEFF{}', '{"__proto__": {"x": 1}}', '{"constructor": {"prototype": {"x": 1}}}', '1e999999', '[' + '1,'.repeat(10_000) + '1]'];

function jsonBody(op: Operation): fc.Arbitrary<Body> {
  const valid = op.body ? validValue(op.body, '', op.pattern) : fc.constant({});
  const mutated = fc.tuple(valid, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([v, ms]) => {
    const root = { v: structuredCloneRefs(v) };
    for (const m of ms) applyMutation(root, m);
    return root.v;
  });
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('json' as const), value: valid, contentType: contentTypeArb }) },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('json' as const), value: mutated, contentType: contentTypeArb }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 4 }), contentType: contentTypeArb }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.constantFrom(...MALFORMED_JSON), contentType: contentTypeArb }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
}

/** A deep copy that keeps Ref instances (generated values must not be shared between requests). */
function structuredCloneRefs(v: unknown): unknown {
  if (v instanceof Ref || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(structuredCloneRefs);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, structuredCloneRefs(x)]));
}

const IMPORT_KINDS = ['stores', 'suppliers', 'products', 'inventory', 'sales', 'exchange_rates'];
const CSV_HEADERS = ['sku;nombre;precio;costo;categoria', 'codigo;nombre;ciudad', 'Factura;Fecha;Tienda;Producto;Cantidad', 'tienda;sku;cantidad', 'moneda;fecha;tasa', 'a,b,c', '', '\uFEFFsku,name,price'];
const csvCell = fc.oneof(fc.constantFrom('P-001', 'P-002', 'S1', 'S2', 'T-1001', '27/11/2026', '2026-11-27', '45,00', '-3', '0', '1e9', '=HYPERLINK("x")', '"unclosed', ''), hostileString);
const csvArb = fc.tuple(fc.constantFrom(...CSV_HEADERS), fc.array(fc.array(csvCell, { minLength: 1, maxLength: 6 }), { maxLength: 6 }), fc.constantFrom(';', ',', '\t')).map(
  ([header, rows, sep]) => [header, ...rows.map((r) => r.join(sep))].join('\n') + '\n',
);

function multipartBody(): fc.Arbitrary<Body> {
  const field = fc.oneof(
    fc.tuple(fc.constant('kind'), fc.oneof(fc.constantFrom(...IMPORT_KINDS), hostileString)),
    fc.tuple(fc.constant('dry_run'), fc.constantFrom('true', 'false', 'yes', '', '1')),
    fc.tuple(fc.oneof(fc.constantFrom('date_format', 'decimal', 'mode', 'delimiter', 'encoding'), fc.string({ maxLength: 10 })), hostileString),
  );
  const file = fc.record({
    field: fc.constantFrom('file', 'file', 'upload', ''),
    name: fc.oneof(fc.constantFrom('data.csv', '../../etc/passwd', 'a\u0000.csv', 'x.xlsx', ''), fc.string({ maxLength: 20 })),
    content: fc.oneof({ weight: 4, arbitrary: csvArb }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) }, { weight: 1, arbitrary: hostileString }),
  });
  return fc.record({
    kind: fc.constant('multipart' as const),
    fields: fc.array(field, { maxLength: 4 }),
    files: fc.array(file, { maxLength: 2 }),
    brokenBoundary: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  });
}

/** A small, well-formed import of one of the kinds whose columns the samples know. */
function cleanMultipartBody(): fc.Arbitrary<Body> {
  const products = fc.array(fc.tuple(fc.constantFrom('P-001', 'P-002', 'P-003', 'P-9'), fc.integer({ min: 0, max: 9999 })), { minLength: 1, maxLength: 3 }).map(
    (rows) => ['products', `sku;precio\n${rows.map(([sku, cents]) => `${sku};${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`).join('\n')}\n`] as const,
  );
  const sales = fc.array(fc.tuple(fc.stringMatching(/^[A-Z]-[0-9]{1,4}$/), fc.constantFrom('S1', 'S2'), fc.constantFrom('P-001', 'P-002'), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 3 }).map(
    (rows) => ['sales', `Factura;Fecha;Tienda;Producto;Cantidad\n${rows.map(([ticket, store, sku, n]) => `${ticket};27/11/2026;${store};${sku};${n}`).join('\n')}\n`] as const,
  );
  return fc.tuple(fc.oneof(products, sales), fc.constantFrom('true', 'false')).map(([[kind, csv], dryRun]) => ({
    kind: 'multipart' as const,
    fields: [['kind', kind], ['dry_run', dryRun]] as Array<[string, string]>,
    files: [{ field: 'file', name: `${kind}.csv`, content: csv }],
    brokenBoundary: false,
  }));
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
function imageBody(): fc.Arbitrary<Body> {
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((tail) => Uint8Array.from([...PNG_SIGNATURE, ...tail])),
    fc.uint8Array({ maxLength: 200 }).map((tail) => Uint8Array.from([0xff, 0xd8, 0xff, ...tail])),
    fc.uint8Array({ maxLength: 200 }),
    fc.constant(new TextEncoder().encode('<svg onload="alert(1)"></svg>')),
    fc.integer({ min: 500_000, max: 700_000 }).map((n) => { const b = new Uint8Array(n); b.set(PNG_SIGNATURE); return b; }),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes, contentType: fc.constantFrom('image/png', 'image/jpeg', 'image/svg+xml', 'image/png; charset=utf-8', 'text/html', 'application/octet-stream') }) },
    { weight: 1, arbitrary: jsonBody({ body: undefined, pattern: '' } as Operation) },
  );
}

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

function pathValue(p: Parameter, op: Operation): fc.Arbitrary<PathValue> {
  const valid = validValue(p.schema, p.name, op.pattern).map((v) => (v instanceof Ref ? v : String(v)));
  return fc.oneof(
    { weight: 6, arbitrary: valid.map((value) => ({ value, raw: false })) },
    { weight: 3, arbitrary: hostileString.map((value) => ({ value, raw: false })) },
    { weight: 1, arbitrary: fc.constantFrom(...TRAVERSAL, '%zz', '%E0%A4%A', '%ED%A0%80', '%00', '%2F', 'a/b', 'a%2F..%2F..').map((value) => ({ value, raw: true })) },
    { weight: 1, arbitrary: fc.uuid().map((value) => ({ value, raw: false })) },
  );
}

function queryValue(p: Parameter, op: Operation): fc.Arbitrary<Array<string | Ref>> {
  const valid = validValue(p.schema, p.name, op.pattern).map((v) => (v instanceof Ref ? v : typeof v === 'string' ? v : JSON.stringify(v)));
  const wrongType = fc.constantFrom('abc', '1.5', '-1', '99999999999999999999', 'true', 'yes', '[]', '{}', '2026-02-30', 'null', '');
  return fc.oneof(
    { weight: 8, arbitrary: valid.map((v) => [v]) },
    { weight: 2, arbitrary: wrongType.map((v) => [v]) },
    { weight: 2, arbitrary: hostileString.map((v) => [v]) },
    // Repeated: ?a=1&a=2
    { weight: 1, arbitrary: fc.array(fc.oneof(valid, hostileString), { minLength: 2, maxLength: 3 }) },
  );
}

function queryParts(op: Operation): fc.Arbitrary<QueryPart[]> {
  const declared = op.params.filter((p) => p.in === 'query');
  const each = declared.map((p) =>
    fc
      .oneof(
        // Missing (a required one, now and then, too).
        { weight: p.required ? 1 : 5, arbitrary: fc.constant([] as Array<string | Ref>) },
        { weight: 5, arbitrary: queryValue(p, op) },
      )
      .map((values) => values.map((value) => ({ name: p.name, value }))),
  );
  const extra = fc.array(
    fc.oneof(
      fc.record({ name: fc.oneof(fc.constantFrom('tenant', 'tenant_id', 'x', '__proto__', 'limit[]', 'q[$ne]', ''), fc.string({ maxLength: 8 })), value: hostileString }),
      fc.record({ name: fc.constant(''), value: fc.constantFrom('%00', '%zz', '%', '&&&', '=x', 'a=1&a=2', '%C0%AF'), raw: fc.constant(true) }),
    ),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...each), fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extra })).map(([parts, more]) => [...parts.flat(), ...more]);
}

// ---------------------------------------------------------------------------------------------
// Who, where, headers
// ---------------------------------------------------------------------------------------------

const role = fc.constantFrom(...ROLES);
const credential = fc.constantFrom('key' as const, 'cookie' as const);

function whoArb(platform: boolean): fc.Arbitrary<Who> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant({ kind: 'anonymous' as const }) },
    { weight: platform ? 2 : 8, arbitrary: fc.record({ kind: fc.constant('own' as const), role, credential }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('foreign' as const), role, credential }) },
    { weight: platform ? 8 : 1, arbitrary: fc.constant({ kind: 'admin' as const }) },
  );
}

const HEADER_EXTRAS: Array<[string, string]> = [
  ['x-forwarded-host', 'cliente2.localhost'],
  ['x-forwarded-host', 'granja.localhost'],
  ['x-forwarded-for', '10.0.0.1, 127.0.0.1'],
  ['x-tenant-id', 'cliente2'],
  ['x-tenant-id', 'granja'],
  ['x-tenant-id', "granja' OR 1=1 --"],
  ['origin', 'http://evil.test'],
  ['sec-fetch-site', 'cross-site'],
  ['accept', 'text/csv'],
  ['accept', 'application/xml'],
  ['accept-language', 'xx-XX;q=1e9'],
  ['authorization', 'Basic Z3Vlc3Q6Z3Vlc3Q='],
  ['authorization', 'Bearer flx.cliente2.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ['authorization', 'Bearer ' + 'x'.repeat(5000)],
  ['cookie', 'fluxion_session=granja.' + 'A'.repeat(43)],
  ['cookie', 'fluxion_session=%00; fluxion_admin=../../'],
  ['x-http-method-override', 'DELETE'],
  ['content-length', '0'],
];

export function requestArb(ops: readonly Operation[]): fc.Arbitrary<RequestSpec> {
  return fc.oneof({ weight: 3, arbitrary: hostileRequestArb(ops) }, { weight: 1, arbitrary: cleanRequestArb(ops) });
}

/**
 * A request as a correct client would send it (the right tenant's owner or manager, valid values
 * of its own tenant): it reaches the handlers, so the writes happen that later hostile requests
 * read around, and the valid paths are fuzzed too.
 */
function cleanRequestArb(ops: readonly Operation[]): fc.Arbitrary<RequestSpec> {
  return fc.integer({ min: 0, max: ops.length - 1 }).chain((i) => {
    const op = ops[i]!;
    const platform = op.policy.tenancy === 'platform';
    const own = (s: Schema, name: string) => validValue(s, name, op.pattern, 0, true).map((v) => (v instanceof Ref ? new Ref(v.kind, 'host', v.table, v.n) : v));
    const path = Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, own(p.schema, p.name).map((v) => ({ value: v instanceof Ref ? v : String(v), raw: false }))]));
    const query = fc.tuple(
      ...op.params
        .filter((p) => p.in === 'query')
        .map((p) =>
          (p.required ? own(p.schema, p.name) : fc.option(own(p.schema, p.name), { nil: undefined, freq: 2 })).map((v) =>
            v === undefined ? [] : [{ name: p.name, value: v instanceof Ref ? v : typeof v === 'string' ? v : JSON.stringify(v) }],
          ),
        ),
    ).map((parts) => parts.flat());
    const body: fc.Arbitrary<Body> =
      op.bodyKind === 'json'
        ? own(op.body ?? {}, '').map((value) => ({ kind: 'json' as const, value, contentType: 'application/json' }))
        : op.bodyKind === 'multipart'
          ? cleanMultipartBody()
          : op.bodyKind === 'image'
            ? imageBody()
            : fc.constant({ kind: 'none' as const });
    return fc.record({
      op: fc.constant(i),
      tenant: fc.constantFrom('granja' as const, 'cliente2' as const),
      via: platform ? fc.constant('admin' as const) : fc.constantFrom('host' as const, 'api' as const),
      who: platform ? fc.constant({ kind: 'admin' as const }) : fc.record({ kind: fc.constant('own' as const), role: fc.constantFrom('owner' as const, 'manager' as const), credential }),
      path: fc.record(path) as fc.Arbitrary<Record<string, PathValue>>,
      query,
      body,
      extraHeaders: fc.constant({}),
    });
  });
}

function hostileRequestArb(ops: readonly Operation[]): fc.Arbitrary<RequestSpec> {
  return fc.integer({ min: 0, max: ops.length - 1 }).chain((i) => {
    const op = ops[i]!;
    const platform = op.policy.tenancy === 'platform';
    const pathParams = op.params.filter((p) => p.in === 'path');
    const body: fc.Arbitrary<Body> =
      op.bodyKind === 'multipart'
        ? fc.oneof({ weight: 3, arbitrary: multipartBody() }, { weight: 1, arbitrary: jsonBody(op) })
        : op.bodyKind === 'image'
          ? imageBody()
          : op.bodyKind === 'json' || op.method !== 'GET'
            ? jsonBody(op)
            : fc.oneof({ weight: 9, arbitrary: fc.constant({ kind: 'none' as const }) }, { weight: 1, arbitrary: jsonBody(op) });
    return fc.record({
      op: fc.constant(i),
      tenant: fc.oneof({ weight: 5, arbitrary: fc.constant('granja' as const) }, { weight: 5, arbitrary: fc.constant('cliente2' as const) }, { weight: 1, arbitrary: fc.constant('dormida' as const) }),
      via: platform
        ? fc.oneof({ weight: 8, arbitrary: fc.constant('admin' as const) }, { weight: 1, arbitrary: fc.constant('host' as const) }, { weight: 1, arbitrary: fc.constant('api' as const) })
        : fc.oneof({ weight: 6, arbitrary: fc.constant('host' as const) }, { weight: 3, arbitrary: fc.constant('api' as const) }, { weight: 1, arbitrary: fc.constant('admin' as const) }),
      who: whoArb(platform),
      path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathValue(p, op)]))) as fc.Arbitrary<Record<string, PathValue>>,
      query: queryParts(op),
      body,
      extraHeaders: fc.oneof({ weight: 6, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.subarray(HEADER_EXTRAS, { maxLength: 2 }).map((hs) => Object.fromEntries(hs)) }),
    });
  });
}
