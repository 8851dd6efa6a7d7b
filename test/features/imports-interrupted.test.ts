/**
 * Imports a stopped server left `queued` or `running` are settled at the next start from the
 * database itself: an `import.completed` audit row (written in the import's own transaction) means
 * it succeeded whole; none means nothing was written and it failed as interrupted. On PostgreSQL,
 * where another process may be running an import right now, only stale records are touched.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { insertImport, markStarted, findImport } from '../../src/server/features/imports/repository.js';
import { audit } from '../../src/server/features/audit/writer.js';
import { INTERRUPTED, settleInterruptedImports, STALE_MINUTES } from '../../src/server/features/imports/interrupted.js';

describe('settling interrupted imports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const record = async (tenant: string, status: 'queued' | 'running' | 'succeeded', at: Date, completed = false) => {
    const tdb = t.store.forTenant(tenant);
    const id = randomUUID();
    await insertImport(tdb, { id, kind: 'sales', dryRun: false, source: 'api', fileName: 'ventas.csv', sizeBytes: 10, checksum: 'x', facts: {}, options: {}, createdBy: 'test', createdAt: at.toISOString() });
    if (status !== 'queued') await markStarted(tdb, id, at.toISOString());
    if (status === 'succeeded') await tdb.run(`UPDATE imports SET status = 'succeeded' WHERE tenant_id = $1 AND id = CAST($2 AS UUID)`, [id]);
    if (completed) {
      await audit(null, tdb, { action: 'import.completed', targetType: 'import', targetId: id, actor: { type: 'system', label: 'test' }, details: { kind: 'sales', file_rows: 7, inserted: 7, updated: 0, unchanged: 0, created_references: 0 } }, at.getTime());
    }
    return id;
  };

  it('an audited one succeeded with its counts; the others failed as interrupted; finished ones and other tenants stay as they were', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - (STALE_MINUTES + 5) * 60_000);
    const done = await record('granja', 'running', old, true);
    const cut = await record('granja', 'running', old);
    const waiting = await record('cliente2', 'queued', old);
    const finished = await record('granja', 'succeeded', old);
    const counts = await settleInterruptedImports(t.store, now);
    expect(counts).toEqual({ succeeded: 1, failed: 2 });
    const g = t.store.forTenant('granja');
    expect(await findImport(g, done)).toMatchObject({ status: 'succeeded', error: null, result: { rows: { inserted: 7, total: 7 }, recovered: true } });
    expect(await findImport(g, cut)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect(await findImport(t.store.forTenant('cliente2'), waiting)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    expect((await findImport(g, finished))?.status).toBe('succeeded');
    expect((await findImport(g, cut))?.finished_at).not.toBeNull();
    // The API shows them as any finished import (the list and each one answer in their schema).
    const list = await t.on('granja', '/api/v1/imports?limit=100');
    expect(list.statusCode).toBe(200);
    const shown = (list.json() as { items: Array<{ id: string; status: string; rows: unknown; error: unknown; progress: { phase: string } }> }).items;
    expect(shown.find((i) => i.id === done)).toMatchObject({ status: 'succeeded', rows: { total: 7, accepted: 7, inserted: 7, rejected: 0 }, progress: { phase: 'done' } });
    expect(shown.find((i) => i.id === cut)).toMatchObject({ status: 'failed', rows: null, error: INTERRUPTED });
    expect((await t.on('granja', `/api/v1/imports/${done}`)).statusCode).toBe(200);
    // Nothing left to settle.
    expect(await settleInterruptedImports(t.store, now)).toEqual({ succeeded: 0, failed: 0 });
  });

  it('a recent unfinished import is someone else\'s work on PostgreSQL, and an orphan on DuckDB', async () => {
    const now = new Date();
    const recent = await record('granja', 'running', new Date(now.getTime() - 60_000));
    await settleInterruptedImports(t.store, now);
    expect((await findImport(t.store.forTenant('granja'), recent))?.status).toBe(t.store.dialect === 'postgres' ? 'running' : 'failed');
  });
});
