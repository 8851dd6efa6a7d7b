/**
 * `fluxion forecast` as an operation: a forecasting run of one tenant (src/server/features/
 * forecasting/runs.ts), in the CLI process on the database it opened or inside the running server
 * (admin socket). Recorded like any run, with trigger 'cli'.
 */
import { Type } from 'typebox';
import { AppError } from '../server/errors.js';
import { TenantService } from '../server/features/tenants/service.js';
import { hasFeature } from '../server/features/tenants/schema.js';
import { tenantTimeZone } from '../server/features/sales/period.js';
import { runForecasts, type RunReport } from '../server/features/forecasting/runs.js';
import { CLI_ACTOR } from './accounts.js';
import type { OperationContext } from './operations.js';

/** The whole run's fraction from a phase's own: reading 0–10 %, forecasting 10–90 %, writing 90–100 %. */
function overall(phase: 'reading' | 'forecasting' | 'writing', fraction: number): number {
  const [from, span] = phase === 'reading' ? [0, 0.1] : phase === 'forecasting' ? [0.1, 0.8] : [0.9, 0.1];
  return from + span * fraction;
}

async function runForecastOperation(ctx: OperationContext, a: { tenant: string }): Promise<RunReport> {
  const tenant = await new TenantService(ctx.store.platform, ctx.registry).get(a.tenant);
  if (!hasFeature(tenant, 'forecasting')) {
    throw new AppError('feature_disabled', `Tenant '${tenant.id}' does not have the forecasting feature (fluxion tenant update ${tenant.id} --features …,forecasting).`);
  }
  const clock = ctx.clock ?? Date.now;
  return runForecasts(ctx.store.forTenant(tenant.id), {
    trigger: 'cli',
    actor: CLI_ACTOR.label,
    timeZone: tenantTimeZone(tenant),
    now: new Date(clock()),
    ...(ctx.onProgress ? { onProgress: (phase, done, total) => ctx.onProgress!(phase, overall(phase, total > 0 ? done / total : 0)) } : {}),
  });
}

export const FORECAST_OPERATIONS = {
  forecast: {
    args: Type.Object({ tenant: Type.String({ maxLength: 300 }) }, { additionalProperties: false }),
    run: runForecastOperation,
  },
} as const;
