/**
 * Helpers for the multi-process tests: a throw-away PostgreSQL database per test file (these tests
 * need PostgreSQL and Redis whatever FLUXION_TEST_BACKEND says), unique Redis namespaces, HTTP
 * with response headers, and polling with a deadline.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { Redis } from 'ioredis';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { postgresUrls, withDatabase } from '../../src/store/postgres/connection.js';
import { createApiKey } from '../../src/server/features/apikeys/service.js';
import { loadFixtures } from '../support/fixtures.js';
import { adminQuery } from '../support/backend.js';

export { pollUntil } from '../support/poll.js';

export const REDIS_URL = process.env.FLUXION_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
export const PG_ADMIN_URL = process.env.FLUXION_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export const unique = (prefix: string) => `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;

/** A namespace of Redis keys and channels that no other test (or run) uses. */
export const testNamespace = () => `fluxion-test:${unique('ns')}:`;

export interface TestDatabase {
  /** Owner URL (what DATABASE_URL gets). */
  url: string;
  store: PostgresStore;
  /** Owner API key of the fixture tenant granja. */
  granjaOwnerKey: string;
  drop(): Promise<void>;
}

/** A new, migrated database with the fixtures and an owner API key for granja. */
export async function createFixtureDatabase(): Promise<TestDatabase> {
  const name = unique('fluxion_cluster');
  await adminQuery(PG_ADMIN_URL, `CREATE DATABASE ${name}`);
  const url = withDatabase(PG_ADMIN_URL, name);
  try {
    await PostgresStore.migrateAsOwner(postgresUrls(url));
    const store = await PostgresStore.open({ url, migrate: false, poolSize: 2 });
    await loadFixtures(store);
    const { key } = await createApiKey(store.forTenant('granja'), { name: 'cluster tests', role: 'owner', createdBy: 'fixtures' });
    return {
      url,
      store,
      granjaOwnerKey: key,
      drop: async () => {
        await store.close();
        await adminQuery(PG_ADMIN_URL, `DROP DATABASE IF EXISTS ${pg.Client.prototype.escapeIdentifier(name)} WITH (FORCE)`);
      },
    };
  } catch (err) {
    await adminQuery(PG_ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw err;
  }
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** One request on a new connection (so cluster workers take turns), with a Host header. */
export function request(port: number, options: { host: string; path: string; method?: string; headers?: Record<string, string>; body?: unknown }): Promise<HttpResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers, host: options.host };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null }));
    });
    req.once('error', reject);
    req.end(payload);
  });
}

/** A plain Redis connection for what the tests inspect or disturb (keys, CLIENT KILL). */
export function rawRedis(): Redis {
  return new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1 });
}

/** Drop every key of a namespace. */
export async function clearNamespace(redis: Redis, namespace: string): Promise<void> {
  const keys = await redis.keys(`${namespace}*`);
  if (keys.length > 0) await redis.del(...keys);
}

/** Close the connections named `name` (CLIENT SETNAME) from the server side, as an outage would. */
export async function killConnections(redis: Redis, name: string): Promise<number> {
  const list = (await redis.client('LIST')) as string;
  const ids = list
    .split('\n')
    .filter((line) => line.includes(` name=${name} `))
    .map((line) => /\bid=(\d+)/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined);
  for (const id of ids) await redis.client('KILL', 'ID', id);
  return ids.length;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
