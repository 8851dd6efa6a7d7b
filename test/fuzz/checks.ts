/**
 * What must hold of every answer the fuzzer gets, whatever it sent: no 5xx, no internals, no value
 * another tenant owns, errors in the one JSON shape, and the access rules (no data for anonymous
 * callers, foreign principals, roles without the permission, or tenant credentials on the console).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { LightMyRequestResponse } from 'fastify';
import type { Store } from '../../src/store/types.js';
import { roleCan } from '../../src/server/permissions.js';
import { internalsIn, quoteTable } from '../security/helpers.js';
import { foreignTenantFields, foreignValues, readOwnership, type Ownership } from '../security/ownership.js';
import type { Operation } from './openapi.js';
import type { Via, Who } from './requests.js';

/**
 * Ownership as the security suites read it, with one widening for random data: a natural key of
 * tenant B that tenant A also stores in any column (a note, an audit detail) is A's too. The fuzzer
 * writes short random strings into both tenants; without this, A's own note 'ab' would count as a
 * leak of B's product 'ab'.
 */
export async function readFuzzOwnership(store: Store): Promise<Ownership> {
  const o = await readOwnership(store);
  const stored = new Map<string, Set<string>>();
  for (const table of o.tables) {
    for (const row of await store.platform.all('SELECT * FROM ' + quoteTable(table))) {
      const tenant = String(row.tenant_id);
      // Strings inside JSON columns (an import's rejected values, audit details) count too.
      const visit = (value: unknown, depth: number): void => {
        if (typeof value === 'string') {
          if (o.keys.has(value)) {
            let owners = stored.get(value);
            if (!owners) stored.set(value, (owners = new Set()));
            owners.add(tenant);
          }
          if (depth === 0 && /^[[{]/.test(value)) {
            try {
              visit(JSON.parse(value), 1);
            } catch {
              // Not JSON: plain text.
            }
          }
        } else if (value && typeof value === 'object' && depth < 20) {
          for (const x of Object.values(value)) visit(x, depth + 1);
        }
      };
      for (const value of Object.values(row)) visit(value, 0);
    }
  }
  for (const [value, owners] of stored) for (const t of owners) o.keys.get(value)!.add(t);
  return o;
}

/** Parquet exports are binary: read them back (in a DuckDB of the test's own) to check their rows. */
export class ParquetReader {
  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly dir: string,
  ) {}
  static async open(): Promise<ParquetReader> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    return new ParquetReader(await instance.connect(), mkdtempSync(join(tmpdir(), 'fluxion-fuzz-')));
  }
  private n = 0;
  async rowsAsJson(bytes: Buffer): Promise<string | null> {
    const file = join(this.dir, `${++this.n}.parquet`);
    writeFileSync(file, bytes);
    try {
      const reader = await this.conn.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
      return JSON.stringify(reader.getRowObjectsJson());
    } catch {
      return null;
    } finally {
      rmSync(file, { force: true });
    }
  }
  close(): void {
    this.conn.closeSync();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Sent {
  op: Operation;
  /** The tenant the request addressed (by host, or X-Tenant-ID on the api host). */
  tenant: string;
  via: Via;
  who: Who;
  /** For a foreign principal: its own tenant. */
  principalTenant?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Everything the request carried, so echoes of it are not counted as leaks. */
  echo: string;
  /**
   * The URL's dot segments moved it off the operation's route (`/api/v1/stores/../../x` is
   * `/x`, the web app's page): only the checks that hold for every answer apply.
   */
  offRoute: boolean;
}

const isText = (type: string) => type === '' || /^(application\/(json|problem\+json)|text\/)/.test(type);

/** Problems with one answer; `body` is the answer's text (Parquet already decoded to JSON rows). */
export function problemsOf(s: Sent, r: LightMyRequestResponse, body: string, owned: Ownership): string[] {
  const problems: string[] = [];
  const status = r.statusCode;
  const type = String(r.headers['content-type'] ?? '').toLowerCase();
  const ok = status >= 200 && status < 300;
  const policy = s.op.policy;

  if (status >= 500) problems.push(`status ${status}`);
  if (isText(type) || type.includes('parquet')) {
    const leak = internalsIn(body);
    if (leak) problems.push(`internals in the body (${leak})`);
  }

  // Whose data may the answer carry: the addressed tenant's, for its own principals and for
  // anonymous callers; nobody's for a foreign principal (neither tenant's rows may cross) or on
  // the admin host without an admin; everyone's for an admin on the console.
  const consoleAdmin = s.via === 'admin' && s.who.kind === 'admin' && policy.tenancy === 'platform';
  if (!consoleAdmin) {
    const viewers = s.via === 'admin' ? ['-'] : s.who.kind === 'foreign' ? [s.tenant, s.principalTenant!] : [s.tenant];
    for (const viewer of viewers) {
      const foreign = foreignValues(owned, viewer, body, s.echo);
      if (foreign.length > 0) problems.push(`another tenant's data for a caller of ${viewer}: ${foreign.slice(0, 3).join('; ')}`);
      const fields = isText(type) || type.includes('parquet') ? foreignTenantFields(body, viewer) : [];
      if (fields.length > 0) problems.push(`fields naming another tenant for a caller of ${viewer}: ${fields.slice(0, 3).join('; ')}`);
    }
  }

  // Off the API (dot segments led to a page path), the web app answers its HTML page, 404 or
  // not, to clients that accept HTML (test/site.test.ts): the JSON shape is the API's.
  const webPage = s.offRoute && type.startsWith('text/html');
  if (status >= 400 && !webPage) {
    let parsed: { error?: unknown; message?: unknown; requestId?: unknown } | null = null;
    try {
      parsed = JSON.parse(body);
    } catch {
      problems.push('an error that is not JSON');
    }
    if (parsed && (typeof parsed.error !== 'string' || typeof parsed.message !== 'string' || typeof parsed.requestId !== 'string')) {
      problems.push('an error body that is not {error, message, requestId}');
    }
  }

  // The tenant a response says it served is the one the Host (or X-Tenant-ID) selected:
  // X-Forwarded-Host and the like never choose it.
  const served = r.headers['x-tenant-id'];
  if (served !== undefined && s.via !== 'admin' && served !== s.tenant) problems.push(`x-tenant-id ${String(served)} answered for a request to ${s.tenant}`);

  // Access: who must never be served.
  if (s.offRoute) return problems;
  if (ok && policy.tenancy === 'platform') {
    if (s.via !== 'admin') problems.push('a console route served off the admin host');
    else if (policy.permission !== 'anyone' && s.who.kind !== 'admin') problems.push(`a console route served to ${s.who.kind}`);
  }
  if (ok && policy.tenancy === 'tenant') {
    if (s.via === 'admin') problems.push('a tenant route served on the admin host');
    const kind = s.who.kind;
    if (kind === 'foreign') problems.push('served to a principal of another tenant');
    if (policy.permission !== 'anyone') {
      if (kind === 'anonymous') problems.push('served without credentials');
      if (kind === 'admin') problems.push('served to a console session on a tenant host');
      if (kind === 'own' && !roleCan(s.who.role, policy.permission!)) problems.push(`served to ${s.who.role}, who lacks ${policy.permission}`);
    }
  }
  return problems;
}
