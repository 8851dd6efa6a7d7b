/**
 * `fluxion forecast --tenant <id>`: the operation on the fixtures (one series per stock row of an
 * active product in an active store, progress reading → forecasting → writing, the run recorded
 * with trigger 'cli'; refusals for a tenant without the feature and an unknown tenant, writing no
 * run), then the real command as a process on a fresh data directory with the small demo data:
 * the backtest table on stdout and progress on stderr, `--json`, and the refusal naming the feature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { runOperation } from '../../src/cli/operations.js';
import type { RunReport } from '../../src/server/features/forecasting/runs.js';
import { removeDir, runCli, tempDataDir } from './support.js';

const SLOW = 180_000;
/** Friday 27 November 2026, 08:00 in Caracas. */
const NOW = Date.parse('2026-11-27T12:00:00Z');

const runCount = async (t: TestApp, tenant: string) =>
  Number((await t.store.platform.get('SELECT count(*) AS n FROM forecast_runs WHERE tenant_id = $1', [tenant]))!.n);

describe('the forecast operation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterAll(() => t.close());

  const context = (progress: Array<[string, number]> = []) => ({
    store: t.store,
    registry: t.registry,
    config: t.config,
    via: 'direct' as const,
    clock: t.clock,
    onProgress: (phase: string, fraction: number) => progress.push([phase, fraction]),
  });

  it('forecasts every stock row of granja, reports progress by phase, and records the run as the CLI', async () => {
    const stockRows = Number(
      (await t.store.platform.get(
        `SELECT count(*) AS n FROM inventory i
         JOIN productos p ON p.tenant_id = i.tenant_id AND p.id = i.product_id
         JOIN stores s ON s.tenant_id = i.tenant_id AND s.id = i.store_id
         WHERE i.tenant_id = 'granja' AND p.active AND s.active`,
      ))!.n,
    );
    // Fixtures: Caracas stocks harina, arroz and queso, Valencia harina: 3 + 1 = 4 rows.
    expect(stockRows).toBe(4);

    const progress: Array<[string, number]> = [];
    const report = (await runOperation(context(progress), 'forecast', { tenant: 'granja' })) as RunReport;
    expect(report).toMatchObject({ series: stockRows, as_of: '2026-11-27' });
    expect(Object.values(report.models_chosen).reduce((a, b) => a + b, 0)).toBe(stockRows);

    const phases = progress.map(([phase]) => phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['reading', 'forecasting', 'writing']);
    expect(progress.at(-1)).toEqual(['writing', 1]);
    expect(progress.every(([, f]) => f >= 0 && f <= 1)).toBe(true);

    const runs = await t.store.platform.all("SELECT id, trigger, status, created_by, series FROM forecast_runs WHERE tenant_id = 'granja'");
    expect(runs).toHaveLength(1);
    expect({ ...runs[0], id: String(runs[0]!.id), series: Number(runs[0]!.series) }).toEqual({ id: report.id, trigger: 'cli', status: 'succeeded', created_by: 'cli', series: stockRows });
  });

  it('refuses cliente2 (no forecasting feature) and an unknown tenant, writing no run', async () => {
    const before = await runCount(t, 'granja');
    await expect(runOperation(context(), 'forecast', { tenant: 'cliente2' })).rejects.toMatchObject({ code: 'feature_disabled', message: expect.stringContaining('forecasting') });
    await expect(runOperation(context(), 'forecast', { tenant: 'nadie' })).rejects.toMatchObject({ code: 'tenant_not_found' });
    expect(await runCount(t, 'cliente2')).toBe(0);
    expect(await runCount(t, 'nadie')).toBe(0);
    expect(await runCount(t, 'granja')).toBe(before);
  });
});

describe('fluxion forecast (the command)', () => {
  let dir: string;
  const cli = (args: string[]) => runCli(args, { dataDir: dir });
  beforeAll(async () => {
    dir = tempDataDir();
    const demo = await cli(['demo', '--scale', 'small']);
    expect(demo.code, demo.stderr).toBe(0);
  }, SLOW);
  afterAll(() => removeDir(dir));

  it('prints the backtest table with progress on stderr; --json prints the report; cliente2 is refused naming the feature', { timeout: SLOW }, async () => {
    const run = await cli(['forecast', '--tenant', 'granja']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Forecast run [0-9a-f-]{36} as of \d{4}-\d{2}-\d{2}: [\d,]+ series in [\d.]+ s$/m);
    expect(run.stdout).toMatch(/^BACKTEST\s+N\s+MASE\s+NAIVE\s+RATIO/m);
    expect(run.stdout).toMatch(/^overall\s+\d+\s/m);
    expect(run.stdout).toMatch(/^Models chosen: \S+ \d+/m);
    expect(run.stderr).toContain('Forecasting granja');
    expect(run.stderr).toContain('forecasting');
    expect(run.stdout).not.toContain('Forecasting granja');

    const json = await cli(['--json', 'forecast', '--tenant', 'granja']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as RunReport;
    expect(report.series).toBeGreaterThan(0);
    expect(typeof report.overall.ratio).toBe('number');
    expect(Object.values(report.models_chosen).reduce((a, b) => a + b, 0)).toBe(report.series);

    const refused = await cli(['forecast', '--tenant', 'cliente2']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("Tenant 'cliente2' does not have the forecasting feature");
    expect(refused.stdout).toBe('');
  });
});
