/**
 * "Run forecasts now" (owners and managers; POST /forecast/runs), the run under way if any, and
 * how the last run started here ended (the views refresh themselves when it does).
 */
import { useT } from '../../app/i18n';
import { useFormat } from '../../app/format';
import { FormError } from '../../components/State';
import { useForecastRuns } from './accuracy';

export function RunForecasts({ canRun }: { canRun: boolean }) {
  const t = useT();
  const f = useFormat();
  const { start, busy, finished } = useForecastRuns();
  return (
    <div className="run-forecasts" data-testid="run-forecasts">
      {canRun && (
        <button type="button" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined} onClick={() => start.mutate()} data-testid="run-forecasts-button">
          {busy ? t('analytics.runs.running') : t('analytics.runs.start')}
        </button>
      )}
      <p className="run-status" role="status" aria-live="polite" data-testid="run-status" data-state={busy ? 'running' : (finished?.status ?? '')}>
        {busy
          ? t('analytics.runs.underWay')
          : finished?.status === 'succeeded'
            ? t('analytics.runs.done', { series: f.number(finished.series), seconds: f.number((finished.duration_ms ?? 0) / 1000, 1) })
            : finished?.status === 'failed'
              ? t('analytics.runs.failed', { error: finished.error ?? '' })
              : ''}
      </p>
      <FormError error={start.error} />
    </div>
  );
}
