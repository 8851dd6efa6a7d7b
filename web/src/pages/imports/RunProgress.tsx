/**
 * A running import: its phase, a progress bar and the rows read so far. The page announces only
 * the phase (RunView), so a screen reader hears each step once, not a number every second.
 */
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import type { ImportRun } from './types';

export function RunProgress({ run }: { run: ImportRun }) {
  const t = useT();
  const f = useFormat();
  const { phase, fraction, rows_read } = run.progress;
  const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  // The fraction is the current phase's; a phase that has not measured any yet shows a moving bar.
  const measured = fraction > 0;
  return (
    <div className="imports-progress" data-testid="run-progress">
      <p className="imports-phase">
        {t(run.dry_run ? 'imports.progress.checking' : 'imports.progress.importing', { name: run.file_name })} {t(`imports.phase.${phase}`)}
      </p>
      {measured ? (
        <progress max={100} value={percent} aria-label={t('imports.progress.label')} aria-valuetext={`${percent} %`} />
      ) : (
        <progress aria-label={t('imports.progress.label')} />
      )}
      <p className="hint">{measured ? t('imports.progress.detail', { percent, rows: f.number(rows_read) }) : t('imports.progress.rows', { rows: f.number(rows_read) })}</p>
    </div>
  );
}
