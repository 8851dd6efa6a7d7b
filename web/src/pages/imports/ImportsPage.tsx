/**
 * Import data (managers and owners): choose what the file holds, drop or pick the file, check
 * the detected format and column mapping on its first rows, then check it (dry run) or import it
 * as a background job whose progress and result show here; the last 20 imports below.
 */
import { useRef, useState } from 'react';
import { useT } from '../../app/i18n';
import { ErrorState, FormError, Loading } from '../../components/State';
import { registerMessages } from '../../i18n';
import { DropZone } from './DropZone';
import { HistoryTable } from './HistoryTable';
import { ImportSetup, type Unknown } from './ImportSetup';
import { KindPicker } from './KindPicker';
import { fileKey, useImportRun, useKinds, useStartImport } from './queries';
import { RunView } from './RunView';
import { finished, type ImportKind, type ImportOptions } from './types';
import { importsMessages } from './messages';
import './imports.css';

// Its strings come with this chunk, not in every user's first page (see i18n/index.ts).
registerMessages(importsMessages);

export default function ImportsPage() {
  const t = useT();
  const kinds = useKinds();
  const [kind, setKind] = useState<ImportKind>('products');
  const [file, setFile] = useState<File | null>(null);
  const [unknown, setUnknown] = useState<Unknown>('reject');
  const [runId, setRunId] = useState<string | null>(null);
  const start = useStartImport();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const current = useImportRun(runId).data;
  const running = start.isPending || (current !== undefined && !finished(current));

  const show = (id: string) => {
    setRunId(id);
    // The result panel is rendered by then; its heading takes the focus so keyboard and screen
    // reader users land on the outcome.
    requestAnimationFrame(() => resultHeading.current?.focus());
  };
  const run = (options: ImportOptions) => {
    if (!file) return;
    start.mutate({ file, options }, { onSuccess: (r) => show(r.id) });
  };

  const choose = <T,>(set: (value: T) => void) => (value: T) => {
    start.reset();
    set(value);
  };
  const spec = kinds.data?.find((s) => s.kind === kind);
  return (
    <div className="imports">
      <h1>{t('imports.title')}</h1>
      <p className="hint">{t('imports.intro')}</p>
      <KindPicker kind={kind} onChange={choose(setKind)} />
      <section className="imports-step" aria-labelledby="imports-file-title">
        <h2 id="imports-file-title">{t('imports.step.file')}</h2>
        <DropZone file={file} onFile={choose(setFile)} />
        {file &&
          (kinds.isPending ? (
            <Loading />
          ) : kinds.isError ? (
            <ErrorState error={kinds.error} retry={() => void kinds.refetch()} />
          ) : (
            spec && <ImportSetup key={`${kind}|${fileKey(file)}`} kind={kind} file={file} spec={spec} unknown={unknown} onUnknown={setUnknown} busy={running} onStart={run} />
          ))}
        <FormError error={start.error} />
      </section>
      {runId && <RunView id={runId} headingRef={resultHeading} />}
      <HistoryTable onShow={(r) => show(r.id)} />
    </div>
  );
}
