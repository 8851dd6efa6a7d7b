/**
 * Automatic forecasting runs in a server: every 10 minutes, each active tenant with the
 * `forecasting` feature whose latest run is from an earlier day (in its own time zone) gets a run
 * once its local hour reaches FLUXION_FORECAST_HOUR (default 2 a.m.: the day's sales are in); a
 * tenant that never had a run gets one at once. A finished sales import starts a run for its
 * tenant too. Runs happen one at a time in the process; a request for a tenant whose run is
 * waiting to start joins it, one while its run is under way queues the next. With several server processes each checks, and the day's run
 * check (latest run's day) keeps a second process from repeating a finished run; two processes
 * starting in the same minute may both run, which costs time but no correctness (each run
 * replaces the forecasts whole).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../../../store/types.js';
import type { TenantRegistry } from '../tenants/registry.js';
import { hasFeature } from '../tenants/schema.js';
import { todayIn } from '../../../shared/dates.js';
import { tenantTimeZone } from '../sales/period.js';
import type { ForecastTrigger } from '../../../store/migrations/007_forecasts.js';
import { latestRun } from './repository.js';
import { runForecasts } from './runs.js';

const CHECK_EVERY_MS = 10 * 60_000;

export interface SchedulerDeps {
  store: Store;
  registry: TenantRegistry;
  clock: () => number;
  /** Local hour of the nightly run. */
  hour: number;
  log: FastifyBaseLogger;
}

export class ForecastScheduler {
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    const tick = () => {
      void this.check().catch((err: unknown) => this.deps.log.error({ err }, 'forecast schedule check failed'));
    };
    this.timer = setInterval(tick, CHECK_EVERY_MS);
    this.timer.unref();
    setImmediate(tick);
  }

  /**
   * Queues a run for the tenant unless one is waiting to start already. A request while the
   * tenant's run is under way queues another: that run read its data before whatever prompted
   * this request (a sales import that just finished).
   */
  request(tenantId: string, trigger: ForecastTrigger): void {
    if (this.stopped || this.queued.has(tenantId)) return;
    this.queued.add(tenantId);
    this.queue = this.queue
      .then(async () => {
        this.queued.delete(tenantId);
        if (this.stopped) return;
        const tenant = await this.deps.registry.get(tenantId);
        if (!tenant || tenant.status !== 'active' || !hasFeature(tenant, 'forecasting')) return;
        const report = await runForecasts(this.deps.store.forTenant(tenantId), { trigger, actor: `system:${trigger}`, timeZone: tenantTimeZone(tenant), now: new Date(this.deps.clock()) });
        this.deps.log.info({ tenant: tenantId, run: report.id, series: report.series, seconds: report.seconds, ratio: report.overall.ratio }, 'forecasts updated');
      })
      .catch((err: unknown) => this.deps.log.error({ err, tenant: tenantId }, 'forecast run failed'));
  }

  /** Queues the runs that are due. */
  async check(): Promise<void> {
    const now = new Date(this.deps.clock());
    const rows = await this.deps.store.platform.all(`SELECT id FROM tenants WHERE status = 'active' ORDER BY id`);
    for (const row of rows) {
      const tenant = await this.deps.registry.get(String(row.id));
      if (!tenant || !hasFeature(tenant, 'forecasting')) continue;
      const zone = tenantTimeZone(tenant);
      const last = await latestRun(this.deps.store.forTenant(tenant.id));
      const today = todayIn(zone, now);
      const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(now));
      if (!last) this.request(tenant.id, 'nightly');
      else if (last.as_of < today && hour >= this.deps.hour) this.request(tenant.id, 'nightly');
    }
  }

  /** Stops scheduling and waits for the run under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.queue;
  }
}
