/**
 * Automatic forecasting runs in a server (schedule.ts, wired in routes.ts): with a forecast hour
 * set, a tenant with the forecasting feature that never had a run gets one when the server starts
 * (trigger 'nightly'; cliente2, without the feature, none), a finished sales import queues another
 * (trigger 'import'), a dry run does not. With the schedule off (testConfig: forecastHour null) no
 * run starts on its own, not even after a sales import.
 *
 * Waiting is polling of GET /forecast/runs (expect.poll), never sleeping. A negative ("no new
 * run") is checked once the import has answered 201: the 'sales-imported' event is emitted before
 * the import job settles, so a run it queued would already be under way or listed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { multipart } from '../support/multipart.js';
import { isRunning } from '../../src/server/features/forecasting/runs.js';

/** Friday 27 November 2026, 08:00 in Caracas. */
const NOW = Date.parse('2026-11-27T12:00:00Z');
const TODAY = '2026-11-27';
/** Two units of harina (P-001) sold today in Caracas (S1). */
const SALES = 'Factura;Renglon;Fecha;Tienda;Producto;Cantidad;Precio\nX-1;1;27/11/2026;S1;P-001;2;45,00\n';
const POLL = { timeout: 60_000 };
const SLOW = 120_000;

interface Run {
  id: string;
  trigger: string;
  status: string;
  as_of: string;
  series: number;
  created_by: string;
}

async function runs(t: TestApp): Promise<{ items: Run[]; running: boolean }> {
  const r = await t.on('granja', { url: '/api/v1/forecast/runs', as: 'viewer' });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** Each run as `trigger:status`, sorted (two runs may share a start instant on the manual clock). */
async function triggers(t: TestApp): Promise<string[]> {
  return (await runs(t)).items.map((r) => `${r.trigger}:${r.status}`).sort();
}

/** A sales import of SALES into granja, waited for; fails the test unless it succeeded. */
async function importSales(t: TestApp, fields: Record<string, string> = {}) {
  const body = multipart({ kind: 'sales', ...fields }, { name: 'ventas.csv', content: SALES });
  const r = await t.on('granja', { method: 'POST', url: '/api/v1/imports?wait=30', ...body, as: 'manager' });
  expect(r.statusCode, r.body).toBe(201);
  expect(r.json()).toMatchObject({ status: 'succeeded', rows: { total: 1, rejected: 0 } });
  return r.json() as { id: string; dry_run: boolean };
}

const ticketLines = async (t: TestApp) => Number((await t.store.platform.get("SELECT count(*) AS n FROM ventas WHERE tenant_id = 'granja' AND ticket = 'X-1'"))!.n);

describe('the forecast schedule (forecast hour set)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ config: { forecastHour: 0 } });
    t.clock.set(NOW);
  });
  // Closing stops the scheduler, which waits for the run under way.
  afterEach(() => t.close());

  it('runs granja\'s forecasts when the server starts, and none for cliente2', { timeout: SLOW }, async () => {
    await expect.poll(() => triggers(t), POLL).toEqual(['nightly:succeeded']);
    const [run] = (await runs(t)).items;
    // Fixtures: four stock rows in granja (Caracas harina, arroz, queso; Valencia harina). The first
    // check runs on setImmediate after the app is ready, so it reads the clock the test has set.
    expect(run).toMatchObject({ trigger: 'nightly', status: 'succeeded', as_of: TODAY, series: 4, created_by: 'system:nightly' });
    // The check walks the active tenants in id order (cliente2, granja): cliente2 was passed over before granja's run was queued.
    expect(await t.store.platform.all("SELECT tenant_id FROM forecast_runs WHERE tenant_id <> 'granja'")).toEqual([]);
    expect((await t.on('cliente2', '/api/v1/forecast/runs')).json()).toMatchObject({ error: 'feature_disabled' });
  });

  it('a finished sales import runs the forecasts again (trigger import); a dry run does not', { timeout: SLOW }, async () => {
    await expect.poll(() => triggers(t), POLL).toEqual(['nightly:succeeded']);

    await importSales(t);
    expect(await ticketLines(t)).toBe(1);
    await expect.poll(() => triggers(t), POLL).toEqual(['import:succeeded', 'nightly:succeeded']);
    const imported = (await runs(t)).items.find((r) => r.trigger === 'import');
    expect(imported).toMatchObject({ as_of: TODAY, series: 4, created_by: 'system:import' });

    const dry = await importSales(t, { dry_run: 'true' });
    expect(dry.dry_run).toBe(true);
    expect(isRunning('granja')).toBe(false);
    expect(await runs(t)).toMatchObject({ running: false, items: [expect.anything(), expect.anything()] });
    expect(await triggers(t)).toEqual(['import:succeeded', 'nightly:succeeded']);
  });
});

describe('without a forecast hour (the schedule off)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.clock.set(NOW);
  });
  afterEach(() => t.close());

  it('starts no run on its own, not at start and not after a sales import', async () => {
    expect(t.config.forecastHour).toBeNull();
    await importSales(t);
    expect(await ticketLines(t)).toBe(1);
    expect(isRunning('granja')).toBe(false);
    expect(await runs(t)).toEqual({ items: [], running: false });
    expect(Number((await t.store.platform.get('SELECT count(*) AS n FROM forecast_runs'))!.n)).toBe(0);
  });
});
