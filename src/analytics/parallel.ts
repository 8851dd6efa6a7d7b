/**
 * Runs `runSeries` over many series on worker threads (one per core, at most `workers`), in
 * batches handed to whichever worker is free, so a run uses every core and the calling thread —
 * a server's event loop — stays free. Outcomes come back in the input order. With one worker (or
 * a single core) the work still happens off the calling thread.
 *
 * The worker is worker.js next to this file; when running from TypeScript sources (tsx, vitest)
 * it is worker.ts, loaded through tsx.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Calendar } from './calendar.js';
import type { SeriesData, SeriesOutcome } from './run.js';

const BATCH = 40;

/** A worker running a TypeScript module: tsx's loader is registered in the thread first. */
function tsWorker(file: URL): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(code, { eval: true });
}

export interface ParallelOptions {
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function runSeriesInParallel(series: readonly SeriesData[], calendar: Calendar, options: ParallelOptions = {}): Promise<SeriesOutcome[]> {
  const outcomes = new Array<SeriesOutcome>(series.length);
  if (series.length === 0) return outcomes;
  const fromSources = import.meta.url.endsWith('.ts');
  const file = new URL(fromSources ? './worker.ts' : './worker.js', import.meta.url);
  const count = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), Math.ceil(series.length / BATCH)));
  const workers = Array.from({ length: count }, () => (fromSources ? tsWorker(file) : new Worker(file)));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= series.length) return resolve();
              const id = next;
              next += BATCH;
              worker.postMessage({ id, series: series.slice(id, id + BATCH), calendar });
            };
            worker.on('message', (m: { id: number; outcomes: SeriesOutcome[] }) => {
              m.outcomes.forEach((o, k) => (outcomes[m.id + k] = o));
              done += m.outcomes.length;
              options.onProgress?.(done, series.length);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (next < series.length || done < series.length) && reject(new Error(`A forecasting worker stopped (exit code ${code})`)));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}
