/**
 * A backup is independent of the backend that wrote it: the fixtures backed up from DuckDB restore
 * into PostgreSQL, and that PostgreSQL database's backup restores into DuckDB, every table with the
 * same rows and content checksum as the source (values cross as the Store port's JSON forms).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../src/store/backup/backup.js';
import { tableDigest } from '../../src/store/backup/load.js';
import { restoreInstallation } from '../../src/store/backup/restore.js';
import { installationTables } from '../../src/store/catalogue.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import type { Store } from '../../src/store/types.js';
import { duckStore, emptyTarget, fixtureSource, type Target } from './support.js';

async function digests(store: Store): Promise<Record<string, { rows: number; checksum: string }>> {
  const out: Record<string, { rows: number; checksum: string }> = {};
  for (const table of await installationTables(store.platform)) out[table.name] = await tableDigest(store.platform, table);
  return out;
}

describe('a backup restores across backends', () => {
  let source: Store;
  let target: Target;
  let scratch: string;
  beforeAll(async () => {
    source = (await fixtureSource()).store;
    target = await emptyTarget('backup');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-backup-across-'));
  }, 120_000);
  afterAll(async () => {
    await source.close();
    await target.drop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('DuckDB → PostgreSQL → DuckDB, every table equal in rows and checksum', { timeout: 120_000 }, async () => {
    const expected = await digests(source);
    expect(Object.values(expected).reduce((a, d) => a + d.rows, 0)).toBeGreaterThan(40);

    const fromDuck = await writeBackup(source, scratch, { now: Date.UTC(2026, 10, 28, 12), fluxionVersion: 'test' });
    const pgStore = await PostgresStore.open({ url: target.url, migrate: true, poolSize: 3 });
    try {
      await restoreInstallation(pgStore, fromDuck.dir);
      expect(await digests(pgStore)).toEqual(expected);
      const fromPg = await writeBackup(pgStore, scratch, { now: Date.UTC(2026, 10, 28, 13), fluxionVersion: 'test' });
      expect(fromPg.manifest.tables.map((t) => [t.name, t.checksum])).toEqual(fromDuck.manifest.tables.map((t) => [t.name, t.checksum]));
      const back = await duckStore();
      try {
        await restoreInstallation(back, fromPg.dir);
        expect(await digests(back)).toEqual(expected);
      } finally {
        await back.close();
      }
    } finally {
      await pgStore.close();
    }
  });
});
