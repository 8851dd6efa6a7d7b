/**
 * Steps 2 and 3 for one chosen file and kind (the page remounts this when either changes, so
 * corrections never leak to another file): the preview with its mapping, what to do with unknown
 * references, and the two ways to send the whole file — a check that writes nothing, or the import.
 */
import { useState } from 'react';
import { ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Loading } from '../../components/State';
import { duplicateColumns, missingColumns, sameMapping } from './mapping';
import { PreviewTable, type PreviewChoices } from './PreviewTable';
import { usePreview } from './queries';
import type { ImportKind, ImportOptions, KindSpec, Preview } from './types';

export type Unknown = ImportOptions['unknown'];

function PreviewError({ error, spec }: { error: unknown; spec: KindSpec }) {
  const { t, error: explain } = useI18n();
  const code = error instanceof ApiError ? error.code : '';
  const required = spec.columns.filter((c) => c.required).map((c) => c.name);
  return (
    <div className="imports-error" role="alert" data-testid="preview-error" data-code={code}>
      <p>
        <strong>{explain(error)}</strong>
      </p>
      {code === 'no_header' && <p>{t('imports.preview.expected', { kind: t(`imports.kind.${spec.kind}`), columns: required.join(', ') })}</p>}
      {(code === 'no_header' || code === 'wrong_kind') && <p>{t('imports.preview.fixHint')}</p>}
      {code === 'unsupported_media_type' && <p>{t('imports.preview.saveAsCsv')}</p>}
    </div>
  );
}

function fromPreview(p: Preview): PreviewChoices {
  return { mapping: p.mapping, dateOrder: p.date_order, decimal: p.decimal };
}

export function ImportSetup({
  kind,
  file,
  spec,
  unknown,
  onUnknown,
  busy,
  onStart,
}: {
  kind: ImportKind;
  file: File;
  spec: KindSpec;
  unknown: Unknown;
  onUnknown: (u: Unknown) => void;
  busy: boolean;
  onStart: (options: ImportOptions) => void;
}) {
  const { t } = useI18n();
  const preview = usePreview(kind, file);
  const [edited, setEdited] = useState<PreviewChoices | null>(null);

  if (preview.isPending) return <Loading label={t('imports.preview.loading')} />;
  if (preview.isError) return <PreviewError error={preview.error} spec={spec} />;

  const p = preview.data;
  const choices = edited ?? fromPreview(p);
  const missing = missingColumns(spec, p, choices.mapping);
  const duplicates = duplicateColumns(choices.mapping);
  const blocked = missing.length > 0 || duplicates.length > 0;
  const start = (dryRun: boolean) =>
    onStart({
      kind,
      dryRun,
      unknown,
      mapping: sameMapping(choices.mapping, p.mapping) ? null : choices.mapping,
      dateOrder: choices.dateOrder === p.date_order ? null : choices.dateOrder,
      decimal: choices.decimal === p.decimal ? null : choices.decimal,
    });

  return (
    <>
      <PreviewTable preview={p} spec={spec} fileName={file.name} choices={choices} onChange={setEdited} missing={missing} duplicates={duplicates} />
      <section className="imports-step" aria-labelledby="imports-run-title">
        <h2 id="imports-run-title">{t('imports.step.run')}</h2>
        <fieldset className="imports-unknown">
          <legend>{t('imports.unknown.legend')}</legend>
          {(['reject', 'create'] as const).map((u) => (
            <label key={u} className="imports-radio">
              <input type="radio" name="import-unknown" value={u} checked={unknown === u} onChange={() => onUnknown(u)} />
              {t(`imports.unknown.${u}`)}
            </label>
          ))}
        </fieldset>
        <p className="hint">{t('imports.run.hint')}</p>
        <div className="btn-row">
          <button type="button" className="btn" disabled={busy || blocked} onClick={() => start(true)} data-testid="dry-run">
            {t('imports.run.check')}
          </button>
          <button type="button" className="btn btn-primary" disabled={busy || blocked} onClick={() => start(false)} data-testid="run-import">
            {t('imports.run.import')}
          </button>
        </div>
        {blocked && <p className="hint">{t('imports.run.blocked')}</p>}
      </section>
    </>
  );
}
