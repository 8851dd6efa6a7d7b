/**
 * A forecasting worker thread (parallel.ts): receives batches of series with the tenant's
 * calendar and answers each with its outcomes.
 */
import { parentPort } from 'node:worker_threads';
import type { Calendar } from './calendar.js';
import { runSeries, type SeriesData } from './run.js';

parentPort!.on('message', (m: { id: number; series: SeriesData[]; calendar: Calendar }) => {
  parentPort!.postMessage({ id: m.id, outcomes: m.series.map((s) => runSeries(s, m.calendar)) });
});
