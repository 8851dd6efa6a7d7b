/**
 * Demo data on PostgreSQL. The generator bulk-writes through DuckDB (appenders, staging tables),
 * so here it runs into a temporary DuckDB file, and the transfer copies the demo tenants across
 * as the database owner, in one transaction: they arrive whole or not at all. The demo sign-ins
 * come with them (users are tenant rows, and the password hash is the same); the platform admin,
 * not tenant data, is created on PostgreSQL when missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbStore } from '../store/duckdb/store.js';
import { PostgresStore } from '../store/postgres/store.js';
import type { Store } from '../store/types.js';
import { TargetNotEmptyError, transferStore } from '../store/transfer/copy.js';
import { hashPassword } from '../server/features/auth/passwords.js';
import { createDemoAdmin, DEMO_PASSWORD } from './accounts.js';
import { DEMO_TENANT_IDS, DemoDataExistsError, loadDemo, type DemoOptions, type DemoReport } from './index.js';

export async function loadDemoOnPostgres(store: Store, options: DemoOptions): Promise<DemoReport> {
  if (!(store instanceof PostgresStore)) throw new Error(`Loading the demo data needs DuckDB or PostgreSQL; this store is ${store.dialect}.`);
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  // Refuse before a minute of generation, as on DuckDB; the copy checks again under its lock.
  const existing = (await store.platform.all('SELECT id FROM tenants WHERE id IN ($1, $2) ORDER BY id', [...DEMO_TENANT_IDS])).map((r) => String(r.id));
  if (existing.length > 0 && !options.force) throw new DemoDataExistsError(existing);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-demo-'));
  try {
    const staging = await DuckDbStore.open({ file: path.join(dir, 'demo.duckdb') });
    try {
      await staging.migrate();
      const report = await loadDemo(staging, { ...options, force: false });
      const copyStarted = performance.now();
      try {
        await transferStore(staging, store.urls, {
          scope: 'tenants',
          replace: Boolean(options.force),
          onProgress: (phase, f) => progress(`PostgreSQL: ${phase}`, f),
        });
      } catch (err) {
        // Another process loaded them meanwhile (several servers starting on one empty database).
        if (err instanceof TargetNotEmptyError) throw new DemoDataExistsError(err.tenants);
        throw err;
      }
      await createDemoAdmin(store, await hashPassword(DEMO_PASSWORD));
      const finished = performance.now();
      return { ...report, seconds: (finished - started) / 1000, writeSeconds: report.writeSeconds + (finished - copyStarted) / 1000 };
    } finally {
      await staging.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
