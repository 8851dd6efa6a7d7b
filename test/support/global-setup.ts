/**
 * Vitest global setup. The web app's production build must exist (the server serves it; `npm test`
 * builds it first, this covers a bare `vitest run`). On PostgreSQL: one migrated template database per run, from which each
 * test store copies its own database; everything the run created is dropped at the end.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { WEB_DIR } from '../../src/server/features/site/web-build.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { postgresUrls, withDatabase } from '../../src/store/postgres/connection.js';
import { adminQuery, TEST_BACKEND } from './backend.js';

const ADMIN_URL = process.env.FLUXION_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function ensureWebBuild(): Promise<void> {
  if (existsSync(join(WEB_DIR, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
}

export default async function setup(project: TestProject) {
  await ensureWebBuild();
  if (TEST_BACKEND !== 'postgres') {
    project.provide('postgres', null);
    return;
  }
  const prefix = `fluxion_test_${process.pid}_${Date.now().toString(36)}`;
  const template = `${prefix}_template`;
  await adminQuery(ADMIN_URL, `CREATE DATABASE ${template}`);
  await PostgresStore.migrateAsOwner(postgresUrls(withDatabase(ADMIN_URL, template)));
  project.provide('postgres', { adminUrl: ADMIN_URL, prefix, template });
  return async () => {
    const rows = await adminQuery<{ datname: string }>(ADMIN_URL, `SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${prefix}%`]);
    for (const r of rows) await adminQuery(ADMIN_URL, `DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  };
}
