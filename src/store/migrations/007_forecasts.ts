/**
 * Forecasting: one row per run (who or what started it, when, how many series, how long, the
 * backtest's headline accuracy) and the latest forecast of every product × store series, replaced
 * whole by each successful run in one transaction. The 28 daily values and their bands are JSON
 * arrays: always read and written together, never queried by element.
 */
import type { Migration } from './index.js';

export const FORECAST_TRIGGERS = ['cli', 'nightly', 'import', 'api'] as const;
export type ForecastTrigger = (typeof FORECAST_TRIGGERS)[number];
export const FORECAST_STATUSES = ['running', 'succeeded', 'failed'] as const;

export const forecasts: Migration = {
  version: 7,
  name: 'forecasts',
  up: (d) => [
    `CREATE TABLE forecast_runs (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      id UUID NOT NULL,
      trigger VARCHAR(8) NOT NULL CHECK (trigger IN (${d.list(FORECAST_TRIGGERS)})),
      status VARCHAR(10) NOT NULL CHECK (status IN (${d.list(FORECAST_STATUSES)})),
      as_of DATE NOT NULL,
      series INTEGER NOT NULL DEFAULT 0,
      summary ${d.json},
      error VARCHAR(1000),
      created_by VARCHAR(254) NOT NULL,
      started_at TIMESTAMPTZ NOT NULL,
      finished_at TIMESTAMPTZ,
      duration_ms INTEGER,
      PRIMARY KEY (tenant_id, id)
    )`,
    `CREATE INDEX idx_forecast_runs_tenant_started ON forecast_runs (tenant_id, started_at)`,
    `CREATE TABLE forecasts (
      tenant_id VARCHAR(63) NOT NULL REFERENCES tenants (id),
      store_id UUID NOT NULL,
      product_id UUID NOT NULL,
      run_id UUID NOT NULL,
      as_of DATE NOT NULL,
      model VARCHAR(24) NOT NULL,
      params ${d.json} NOT NULL,
      demand_class VARCHAR(12) NOT NULL,
      abc VARCHAR(1),
      median ${d.json} NOT NULL,
      mean ${d.json} NOT NULL,
      lo80 ${d.json} NOT NULL,
      hi80 ${d.json} NOT NULL,
      lo95 ${d.json} NOT NULL,
      hi95 ${d.json} NOT NULL,
      sigma DOUBLE PRECISION NOT NULL,
      mase DOUBLE PRECISION,
      naive_mase DOUBLE PRECISION,
      bias DOUBLE PRECISION,
      coverage80 DOUBLE PRECISION,
      coverage95 DOUBLE PRECISION,
      days_scored INTEGER NOT NULL,
      PRIMARY KEY (tenant_id, store_id, product_id)
    )`,
  ],
};
