/**
 * The accuracy report of the latest forecasting run (GET /api/v1/forecast/accuracy) and the runs
 * (GET/POST /api/v1/forecast/runs; shapes of src/server/features/forecasting/schema.ts).
 *
 * The backtest forecasts every series at 4 origins in the last 8 weeks; each aggregate holds the
 * mean MASE of the point forecasts and of the weekly seasonal naive over the same days, their
 * ratio r = MASE ÷ naive MASE (below 1 beats "last week's same day"), and the share of days inside
 * the 80 % and 95 % intervals (well calibrated: close to 0.80 and 0.95).
 *
 * Starting a run (owners and managers) and following it: POST, then GET /forecast/runs every 2 s
 * while `running`; when it stops, every forecasting view (forecast, accuracy, replenishment) is
 * fetched again.
 */
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface Aggregate {
  /** Series × backtest origins scored. */
  n: number;
  mase: number | null;
  mean_mase: number | null;
  naive_mase: number | null;
  ratio: number | null;
  coverage80: number | null;
  coverage95: number | null;
}

export interface AccuracyReport {
  run: { id: string; as_of: string; finished_at: string; series: number; seconds: number };
  overall: Aggregate;
  by_model: Record<string, Aggregate>;
  by_abc: Record<string, Aggregate>;
  by_demand_class: Record<string, Aggregate>;
  by_store: Array<{ store_id: string; store_name: string; series: number; mase: number | null; naive_mase: number | null }>;
  /** How many series use each model. */
  models_chosen: Record<string, number>;
}

export interface Run {
  id: string;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed';
  as_of: string;
  series: number;
  error: string | null;
  created_by: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface RunList {
  items: Run[];
  /** A run of this tenant is under way. */
  running: boolean;
}

/** The views a finished run changes: forecasts, the accuracy report, replenishment suggestions. */
const REFRESHED_BY_A_RUN = [['forecast'], ['forecast-accuracy'], ['replenishment']] as const;
const RUNS_KEY = ['forecast-runs'] as const;
const POLL_MS = 2000;

export function useAccuracy() {
  return useQuery({ queryKey: ['forecast-accuracy'], queryFn: () => api<AccuracyReport>('/forecast/accuracy'), staleTime: 60_000 });
}

/** Aggregates keyed by name as rows, in `order` first, then the rest by name. */
export function rowsOf(groups: Record<string, Aggregate>, order: readonly string[]): Array<{ key: string } & Aggregate> {
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return Object.entries(groups)
    .map(([key, a]) => ({ key, ...a }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

export const ABC_ORDER = ['A', 'B', 'C'] as const;

/** Models by how many series chose them, most first (ties by name). */
export function modelsChosen(report: AccuracyReport): Array<{ model: string; series: number; share: number }> {
  const total = Object.values(report.models_chosen).reduce((s, n) => s + n, 0);
  return Object.entries(report.models_chosen)
    .map(([model, series]) => ({ model, series, share: total > 0 ? series / total : 0 }))
    .sort((a, b) => b.series - a.series || a.model.localeCompare(b.model));
}

/**
 * The runs, polled every 2 s while one is under way (or was just started here); `start()` posts
 * a new run. When a run ends, every forecasting view is fetched again and `finished` tells how
 * the last run ended.
 */
export function useForecastRuns() {
  const qc = useQueryClient();
  const [following, setFollowing] = useState(false);
  const runs = useQuery({
    queryKey: RUNS_KEY,
    queryFn: () => api<RunList>('/forecast/runs'),
    refetchInterval: (q) => (following || q.state.data?.running ? POLL_MS : false),
  });
  const start = useMutation({
    mutationFn: () => api<unknown>('/forecast/runs', { method: 'POST', body: {} }),
    onSuccess: async () => {
      // The list as it is after the POST (any earlier fetch is cancelled), then follow it.
      await qc.invalidateQueries({ queryKey: RUNS_KEY });
      setFollowing(true);
    },
  });
  const wasRunning = useRef(false);
  const [finished, setFinished] = useState<Run | null>(null);
  const running = runs.data?.running ?? false;
  useEffect(() => {
    if (!runs.data) return;
    if (running) {
      wasRunning.current = true;
      setFinished(null);
      return;
    }
    if (!wasRunning.current && !following) return;
    wasRunning.current = false;
    setFollowing(false);
    setFinished(runs.data.items[0] ?? null);
    for (const key of REFRESHED_BY_A_RUN) void qc.invalidateQueries({ queryKey: key });
  }, [runs.data, running, following, qc]);
  return { runs, start, busy: running || following || start.isPending, finished };
}
