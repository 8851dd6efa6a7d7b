/**
 * Step 1: what the file holds. One choice per import kind with a line on what it does, the
 * kind's template to download, and its documented columns (name, required, other names
 * accepted) in a section that opens on demand.
 */
import { useT } from '../../app/i18n';
import { QueryView } from '../../components/State';
import { downloadHref, useKinds } from './queries';
import { KINDS, type ImportKind, type KindSpec } from './types';

function ColumnsTable({ spec }: { spec: KindSpec }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="cards-on-phone imports-columns" data-testid="kind-columns">
        <caption className="sr-only">{t('imports.columns.caption', { kind: t(`imports.kind.${spec.kind}`) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.columns.name')}</th>
            <th scope="col">{t('imports.columns.required')}</th>
            <th scope="col">{t('imports.columns.type')}</th>
            <th scope="col">{t('imports.columns.aliases')}</th>
            <th scope="col">{t('imports.columns.description')}</th>
          </tr>
        </thead>
        <tbody>
          {spec.columns.map((c) => (
            <tr key={c.name}>
              <td data-label={t('imports.columns.name')}>
                <code>{c.name}</code>
              </td>
              <td data-label={t('imports.columns.required')}>{c.required ? t('imports.columns.yes') : t('imports.columns.no')}</td>
              <td data-label={t('imports.columns.type')}>{t(`imports.type.${c.type}`)}</td>
              <td data-label={t('imports.columns.aliases')} className="imports-aliases">
                {c.aliases.join(', ')}
              </td>
              <td data-label={t('imports.columns.description')} className="imports-description" lang="en">
                {c.description}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function KindPicker({ kind, onChange }: { kind: ImportKind; onChange: (kind: ImportKind) => void }) {
  const t = useT();
  const kinds = useKinds();
  return (
    <section className="imports-step" aria-labelledby="imports-kind-title">
      <h2 id="imports-kind-title">{t('imports.step.kind')}</h2>
      <fieldset className="imports-kinds">
        <legend className="sr-only">{t('imports.step.kind')}</legend>
        {KINDS.map((k) => (
          <label key={k} className={`imports-kind ${k === kind ? 'selected' : ''}`}>
            <input type="radio" name="import-kind" value={k} checked={k === kind} onChange={() => onChange(k)} />
            <span>
              <strong>{t(`imports.kind.${k}`)}</strong>
              <span className="imports-kind-text">{t(`imports.kindText.${k}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="btn-row">
        <a className="btn" href={downloadHref(`/imports/templates/${kind}`)} download={`${kind}-template.csv`} data-testid="template-link">
          {t('imports.template', { kind: t(`imports.kind.${kind}`) })}
        </a>
      </div>
      <details className="imports-details">
        <summary>{t('imports.columns.title', { kind: t(`imports.kind.${kind}`) })}</summary>
        <QueryView query={kinds}>
          {(specs) => {
            const spec = specs.find((s) => s.kind === kind);
            if (!spec) return null;
            return (
              <>
                <p className="hint">{t('imports.columns.key', { columns: spec.natural_key.join(' + ') })}</p>
                <ColumnsTable spec={spec} />
              </>
            );
          }}
        </QueryView>
      </details>
    </section>
  );
}
