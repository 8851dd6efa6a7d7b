/**
 * Numbered schema migrations, applied in order at start-up and by `fluxion migrate`.
 * Each migration is a list of statements written once; the few places where DuckDB and
 * PostgreSQL differ are the `DialectSql` fragments below, and nowhere else.
 */
import type { Dialect, PlatformDb } from '../types.js';
import { core } from './001_core.js';
import { accounts } from './002_accounts.js';
import { assets } from './003_assets.js';
import { requestStats } from './004_request_stats.js';
import { productReferences } from './005_product_references.js';
import { imports } from './006_imports.js';
import { forecasts } from './007_forecasts.js';

export interface DialectSql {
  dialect: Dialect;
  /** Column type for JSON documents. */
  json: string;
  /** A quoted list of fixed identifiers/constants for CHECK (… IN (…)); never user input. */
  list: (values: readonly string[]) => string;
  /**
   * A secondary index on a table that foreign keys point at. PostgreSQL only: DuckDB turns an
   * UPDATE of an indexed column into delete + insert, which it refuses while other rows reference
   * the row ("still referenced"), so such an index would make e.g. an order's status immutable.
   * DuckDB scans these columns fast enough with its zone maps.
   */
  referencedIndex: (statement: string) => string[];
}

export interface Migration {
  version: number;
  name: string;
  up: (d: DialectSql) => string[];
}

export const MIGRATIONS: readonly Migration[] = [core, accounts, assets, requestStats, productReferences, imports, forecasts];

export function dialectSql(dialect: Dialect): DialectSql {
  return {
    dialect,
    json: dialect === 'postgres' ? 'JSONB' : 'JSON',
    referencedIndex: (statement) => (dialect === 'postgres' ? [statement] : []),
    list: (values) =>
      values
        .map((v) => {
          if (!/^[a-z0-9_]+$/.test(v)) throw new Error(`Not a schema constant: ${v}`);
          return `'${v}'`;
        })
        .join(', '),
  };
}

export interface MigrationReport {
  applied: Array<{ version: number; name: string }>;
  current: number;
}

/** Apply every migration not yet recorded, each in its own transaction. */
export async function migrate(db: PlatformDb): Promise<MigrationReport> {
  await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  const done = new Set((await db.all('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
  const d = dialectSql(db.dialect);
  const applied: MigrationReport['applied'] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    await db.tx(async (tx) => {
      for (const statement of m.up(d)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
    applied.push({ version: m.version, name: m.name });
  }
  return { applied, current: MIGRATIONS.at(-1)?.version ?? 0 };
}

/** Versions known to the code but not applied to the database. */
export async function pendingMigrations(db: PlatformDb): Promise<number[]> {
  try {
    const rows = await db.all('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => Number(r.version)));
    return MIGRATIONS.filter((m) => !done.has(m.version)).map((m) => m.version);
  } catch {
    return MIGRATIONS.map((m) => m.version);
  }
}
