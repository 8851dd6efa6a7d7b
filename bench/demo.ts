/**
 * Demo data generation timing: loads the demo into a fresh DuckDB file in a temporary directory
 * and prints the seconds (simulation and database writes apart), the rows per table, the CPU
 * time, the machine's load and the file size.
 *
 *   npx tsx bench/demo.ts                  # full scale
 *   npx tsx bench/demo.ts --scale small
 *   npx tsx bench/demo.ts --seed 7 --keep  # keep the file to look at it
 *   npx tsx bench/demo.ts --force          # also time a forced reload over the loaded data
 *
 * The figure to read is "total": the goal for the full scale is under 30 s on a 2-core machine.
 * CPU seconds are printed too because on a busy machine the wall clock says little.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_SEED, loadDemo, type DemoReport, type DemoScale } from '../src/demo/index.js';
import { openStore } from '../src/store/open.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) },
    keep: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  },
});
const scale = args.scale as DemoScale;
if (scale !== 'full' && scale !== 'small') throw new Error(`--scale must be full or small, not ${args.scale}`);
const seed = Number(args.seed);

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

function sizeOf(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

function printReport(label: string, r: DemoReport, cpu: number): void {
  const out = process.stdout;
  out.write(`\n${label}\n`);
  out.write(`  total      ${r.seconds.toFixed(1)} s  (simulation ${r.simulateSeconds.toFixed(1)} s, database ${r.writeSeconds.toFixed(1)} s)\n`);
  out.write(`  cpu        ${cpu.toFixed(1)} s   load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${os.cpus().length} cores\n`);
  out.write('  rows per table\n');
  const tables = Object.keys(r.rows) as Array<keyof DemoReport['rows']>;
  const w = Math.max(...tables.map((t) => t.length));
  for (const t of tables) {
    const per = r.tenants.map((x) => `${x.id} ${x.rows[t].toLocaleString('en-US')}`).join(', ');
    out.write(`    ${t.padEnd(w)}  ${r.rows[t].toLocaleString('en-US').padStart(10)}   (${per})\n`);
  }
  out.write(`    ${'tenants'.padEnd(w)}  ${String(r.tenants.length).padStart(10)}\n`);
  for (const t of r.tenants) {
    out.write(`  ${t.id}: ${t.stores} stores, ${t.products} products, ${t.tickets.toLocaleString('en-US')} tickets, ${t.firstDay} … ${t.lastDay}\n`);
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxion-demo-bench-'));
  const file = path.join(dir, 'fluxion.duckdb');
  process.stdout.write(`Loading the ${scale} demo (seed ${seed}) into ${file}\n`);
  const store = await openStore({ dataDir: dir });
  const started = performance.now();
  let lastPhase = '';
  const onProgress = (phase: string) => {
    if (phase === lastPhase) return;
    lastPhase = phase;
    process.stdout.write(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${phase}\n`);
  };
  try {
    let cpu = process.cpuUsage();
    const report = await loadDemo(store, { scale, seed, onProgress });
    printReport('Load', report, cpuSeconds(cpu));
    if (args.force) {
      lastPhase = '';
      cpu = process.cpuUsage();
      const again = await loadDemo(store, { scale, seed, force: true, onProgress });
      printReport('Forced reload', again, cpuSeconds(cpu));
    }
  } finally {
    const closing = performance.now();
    await store.close();
    process.stdout.write(`  close      ${((performance.now() - closing) / 1000).toFixed(1)} s (final checkpoint)\n`);
  }
  process.stdout.write(`  file       ${(sizeOf(dir) / 1e6).toFixed(0)} MB\n`);
  if (args.keep) process.stdout.write(`  kept in    ${dir}\n`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
