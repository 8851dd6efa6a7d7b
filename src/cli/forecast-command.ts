/**
 * `fluxion forecast --tenant <id>`: forecast every product × store series of a tenant now, with a
 * progress bar, then a summary of the backtest (MASE against the weekly seasonal naive overall and
 * by ABC class, interval coverage, models chosen, time).
 */
import type { Command } from 'commander';
import type { RunReport } from '../server/features/forecasting/runs.js';
import type { OffboardingCommandHelpers } from './offboarding-commands.js';
import { createProgress } from './progress.js';
import { table } from './render.js';

const f3 = (x: number | null) => (x === null ? '—' : x.toFixed(3));
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

export function renderForecastRun(r: RunReport): string {
  const row = (label: string, a: RunReport['overall']) => [label, String(a.n), f3(a.mase), f3(a.naiveMase), f3(a.ratio), pct(a.coverage80), pct(a.coverage95)];
  return [
    `Forecast run ${r.id} as of ${r.as_of}: ${r.series.toLocaleString('en-US')} series in ${r.seconds} s`,
    '',
    table(
      ['BACKTEST', 'N', 'MASE', 'NAIVE', 'RATIO', 'IN 80 %', 'IN 95 %'],
      [row('overall', r.overall), ...Object.entries(r.by_abc).map(([k, a]) => row(`ABC ${k}`, a)), ...Object.entries(r.by_demand_class).map(([k, a]) => row(k, a))],
    ),
    '',
    `Models chosen: ${Object.entries(r.models_chosen).sort((a, b) => b[1] - a[1]).map(([m, c]) => `${m} ${c}`).join(', ')}`,
    'Ratio = MASE of the forecasts ÷ MASE of last week\'s same day (4 origins in the last 8 weeks, 28 days each); below 1 is better.',
  ].join('\n');
}

export function addForecastCommand(program: Command, h: OffboardingCommandHelpers): void {
  program
    .command('forecast')
    .description('forecast every product in every store of a tenant now (the server also runs this nightly and after sales imports)')
    .requiredOption('--tenant <id>', 'tenant id (with the forecasting feature)')
    .addHelpText('after', '\nExamples:\n  $ fluxion forecast --tenant granja\n  $ fluxion --json forecast --tenant granja')
    .action(async (opts: { tenant: string }, cmd: Command) => {
      const config = h.configFor(cmd);
      const { execute, findServer } = await import('./execute.js');
      const server = await findServer(config);
      const progress = createProgress({ label: `Forecasting ${opts.tenant}` });
      if (server) process.stderr.write(`Forecasting through the running server (pid ${server.pid})…\n`);
      let result;
      try {
        result = await execute('forecast', { tenant: opts.tenant }, { config, onProgress: (p, f) => progress.update(p, f) });
      } catch (err) {
        if (!server) progress.done('Forecast stopped');
        throw err;
      }
      if (result.via === 'direct') progress.done(`Forecast ${opts.tenant}`);
      else h.viaNote(result.server);
      process.stdout.write(`${h.json(cmd) ? JSON.stringify(result.result, null, 2) : renderForecastRun(result.result as RunReport)}\n`);
    });
}
