/**
 * Vitest global setup. On PostgreSQL: one migrated template database per run, from which each
 * test store copies its own database; everything the run created is dropped at the end.
 */
import type { TestProject } from 'vitest/node';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { postgresUrls, withDatabase } from '../../src/store/postgres/connection.js';
import { adminQuery, TEST_BACKEND } from './backend.js';

const ADMIN_URL = process.env.FLUXION_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject) {
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
