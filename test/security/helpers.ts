/** Shared by the security suites: sessions without argon2, URLs from route patterns, table inventories. */
import type { LightMyRequestResponse } from 'fastify';
import type { Store } from '../../src/store/types.js';
import type { TestApp } from '../support/app.js';
import { insertSession } from '../../src/server/features/auth/repository.js';
import { newSessionToken } from '../../src/server/features/auth/tokens.js';
import { sessionCookieName } from '../../src/server/features/auth/cookies.js';

/**
 * A live session for a fixture user, made the way the sign-in service makes one (same token form,
 * same row) but without an argon2 verification per request: the matrix needs hundreds of them.
 */
export async function mintSession(t: TestApp, tenant: string, userId: string): Promise<string> {
  const { token, hash } = newSessionToken(tenant);
  const now = t.clock();
  await insertSession(t.store.forTenant(tenant), {
    tokenHash: hash,
    userId,
    now,
    expiresAt: now + t.config.sessionMaxHours * 3_600_000,
    ip: '127.0.0.1',
    userAgent: 'security-tests',
  });
  return `${sessionCookieName(t.config)}=${token}`;
}

/** `/api/v1/orders/:id/submit` + {id} → `/api/v1/orders/<id>/submit`, with a query string. */
export function buildUrl(pattern: string, params: Record<string, string> = {}, query: Record<string, string> = {}): string {
  const path = pattern.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`The sample for ${pattern} gives no value for :${name}.`);
    return encodeURIComponent(value);
  });
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}

/** Distinct loopback addresses, so per-IP sign-in limits never interfere between requests. */
let addressCounter = 0;
export function nextLoopback(): string {
  addressCounter += 1;
  const n = addressCounter;
  return `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${(n & 255) || 1}`;
}

/** Every table that carries a tenant_id column, from the catalogue (so a new table is covered at once). */
export async function tenantTables(store: Store): Promise<string[]> {
  const rows = await store.platform.all(
    `SELECT DISTINCT table_name FROM information_schema.columns
     WHERE column_name = 'tenant_id' AND table_schema NOT IN ('information_schema', 'pg_catalog') ORDER BY table_name`,
  );
  return rows.map((r) => String(r.table_name));
}

/** Every base table of the database. */
export async function allTables(store: Store): Promise<string[]> {
  const rows = await store.platform.all(
    `SELECT table_name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('information_schema', 'pg_catalog') ORDER BY table_name`,
  );
  return rows.map((r) => String(r.table_name));
}

/** A table name from the catalogue, checked and quoted: the only identifier these tests put in SQL. */
export function quoteTable(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unexpected table name ${name}`);
  return '"' + name + '"';
}

/** Row count of each table. */
export async function rowCounts(store: Store, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await store.platform.get('SELECT count(*) AS n FROM ' + quoteTable(table));
    counts[table] = Number(row?.n);
  }
  return counts;
}

/** Signs of internals in a response body: stack frames, SQL text, driver messages. */
export const INTERNALS: ReadonlyArray<[string, RegExp]> = [
  ['stack frame', /\bat\s+(?:[\w$.<>[\] ]+\s+\()?(?:file:\/\/|node:|\/[\w.-]+\/)[^\s)]*:\d+(?::\d+)?/],
  // Upper case as the repositories write it; data and messages are not in capitals.
  ['SQL text', /\bSELECT\s|\bFROM\s+"?[a-z_]+|\bINSERT INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE FROM\b/],
  ['SQL error', /syntax error|Parser Error|Binder Error|Catalog Error|Conversion Error|Constraint Error|\bduckdb\b/i],
];

export function internalsIn(body: string): string | null {
  for (const [what, re] of INTERNALS) {
    const m = re.exec(body);
    if (m) return `${what}: ${body.slice(Math.max(0, m.index - 60), m.index + 120)}`;
  }
  return null;
}

export const describeResponse = (r: LightMyRequestResponse) => `${r.statusCode} ${r.body.slice(0, 300)}`;

/**
 * The content of every table, to compare before and after requests that must change nothing.
 * Sessions (minted by the tests) and the last-use stamps of keys move on legitimately.
 */
export async function snapshot(store: Store): Promise<Map<string, string>> {
  const parts = new Map<string, string>();
  for (const table of await allTables(store)) {
    // Sessions note their last use, and request_stats counts every request by design (the
    // console's traffic figures): neither is data a request may or may not change.
    if (table === 'sessions' || table === 'platform_sessions' || table === 'request_stats') continue;
    const rows = await store.platform.all('SELECT * FROM ' + quoteTable(table));
    const cleaned = rows.map((row) => {
      const { last_used_at: _u, last_seen_at: _s, ...rest } = row;
      return JSON.stringify(rest);
    });
    parts.set(table, cleaned.sort().join('\n'));
  }
  return parts;
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [table, rows] of after) {
    if (before.get(table) === rows) continue;
    const old = new Set((before.get(table) ?? '').split('\n'));
    const added = rows.split('\n').filter((r) => !old.has(r));
    out.push(`${table}: ${added.slice(0, 3).join(' | ').slice(0, 600)}`);
  }
  return out;
}

