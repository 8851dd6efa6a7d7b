/**
 * The import under way or the one picked from the history: progress while it runs (asked every
 * second), then its result. One live region says the phase and the verdict, once each.
 */
import type { Ref } from 'react';
import { useFormat } from '../../app/format';
import { useT } from '../../app/i18n';
import { ErrorState, Loading } from '../../components/State';
import { useImportRun } from './queries';
import { RunProgress } from './RunProgress';
import { RunResult } from './RunResult';
import { finished, rowsOf, type ImportRun } from './types';

function useAnnouncement(): (run: ImportRun | undefined) => string {
  const t = useT();
  const f = useFormat();
  return (run) => {
    if (!run) return '';
    if (!finished(run)) return t(`imports.phase.${run.progress.phase}`);
    const vars = { rows: f.number(rowsOf(run).total), rejected: f.number(rowsOf(run).rejected) };
    if (run.status === 'succeeded') return t(run.dry_run ? 'imports.result.checked' : 'imports.result.imported', vars);
    return t(run.dry_run ? 'imports.result.checkFailed' : 'imports.result.failed');
  };
}

export function RunView({ id, headingRef }: { id: string; headingRef?: Ref<HTMLHeadingElement> }) {
  const t = useT();
  const f = useFormat();
  const announce = useAnnouncement();
  const query = useImportRun(id);
  const run = query.data;
  return (
    <section className="imports-step imports-run card" aria-labelledby="imports-result-title" data-testid="run-view">
      <h2 id="imports-result-title" ref={headingRef} tabIndex={-1}>
        {run
          ? t(run.dry_run ? 'imports.result.titleCheck' : 'imports.result.title', { name: run.file_name, kind: t(`imports.kind.${run.kind}`) })
          : t('imports.result.titlePending')}
      </h2>
      {run && <p className="hint">{t('imports.result.meta', { who: run.created_by ?? '—', when: f.dateTime(run.created_at) })}</p>}
      <p className="sr-only" role="status" aria-live="polite">
        {announce(run)}
      </p>
      {query.isPending ? (
        <Loading />
      ) : query.isError && !run ? (
        <ErrorState error={query.error} retry={() => void query.refetch()} />
      ) : run && finished(run) ? (
        <RunResult run={run} />
      ) : (
        run && <RunProgress run={run} />
      )}
    </section>
  );
}
