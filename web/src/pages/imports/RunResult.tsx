/**
 * A finished import: the verdict in plain words (a failed import wrote nothing), its counts, and
 * when rows were rejected the totals per reason, the first rejections (line, column, value, why)
 * and the full error report to download. English readers also get the server's precise message.
 */
import { useState } from 'react';
import { useFormat } from '../../app/format';
import { useI18n, useT } from '../../app/i18n';
import { downloadHref } from './queries';
import { reasonText, rejectionText } from './reasons';
import { rowsOf, type ImportRun, type RowCounts } from './types';

const SHOWN = 50;

function Verdict({ run }: { run: ImportRun }) {
  const t = useT();
  const f = useFormat();
  const vars = { rows: f.number(rowsOf(run).total), rejected: f.number(rowsOf(run).rejected) };
  if (run.status === 'succeeded') {
    return (
      <p className="imports-verdict ok" data-testid="run-verdict">
        {t(run.dry_run ? 'imports.result.checked' : 'imports.result.imported', vars)}
      </p>
    );
  }
  const rejected = run.error?.error === 'rejected_rows';
  return (
    <div className="imports-verdict failed" data-testid="run-verdict">
      <p>
        <strong>{t(run.dry_run ? 'imports.result.checkFailed' : 'imports.result.failed')}</strong>
      </p>
      <p>{rejected ? t('imports.result.rejected', vars) : run.error?.message}</p>
    </div>
  );
}

function Counts({ run, rows }: { run: ImportRun; rows: RowCounts }) {
  const t = useT();
  const f = useFormat();
  const items: Array<[string, string, string]> = [
    ['total', t('imports.count.total'), f.number(rows.total)],
    ['inserted', t('imports.count.inserted'), f.number(rows.inserted)],
    ['updated', t('imports.count.updated'), f.number(rows.updated)],
    ['unchanged', t('imports.count.unchanged'), f.number(rows.unchanged)],
    ['rejected', t('imports.count.rejected'), f.number(rows.rejected)],
    ['created', t('imports.count.created'), f.number(rows.created_references)],
  ];
  if (run.extra.movements !== undefined) items.push(['movements', t('imports.count.movements'), f.number(run.extra.movements)]);
  items.push(['duration', t('imports.count.duration'), run.duration_ms === null ? '—' : `${f.number(run.duration_ms / 1000, 1)} s`]);
  return (
    <dl className="kpis imports-counts" data-testid="run-counts">
      {items.map(([key, label, value]) => (
        <div key={key} className="kpi" data-count={key}>
          <dt className="kpi-label">{label}</dt>
          <dd className="kpi-value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Rejections({ run }: { run: ImportRun }) {
  const { t, lang } = useI18n();
  const f = useFormat();
  const [all, setAll] = useState(false);
  const reasons = Object.entries(run.reasons).sort((a, b) => b[1] - a[1]);
  const shown = all ? run.rejections : run.rejections.slice(0, SHOWN);
  return (
    <section className="imports-rejections" aria-labelledby="imports-rejections-title">
      <h3 id="imports-rejections-title">{t('imports.rejections.title')}</h3>
      <div className="table-wrap imports-reasons">
        <table data-testid="reasons-table">
          <caption className="sr-only">{t('imports.rejections.reasons')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.rejections.reason')}</th>
              <th scope="col" className="num">
                {t('imports.rejections.rows')}
              </th>
            </tr>
          </thead>
          <tbody>
            {reasons.map(([reason, n]) => (
              <tr key={reason} data-reason={reason}>
                <td>{reasonText(t, reason, run.rejections.find((r) => r.reason === reason)?.message)}</td>
                <td className="num">{f.number(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        {t('imports.rejections.kept', { shown: f.number(shown.length), kept: f.number(run.rejections.length), total: f.number(rowsOf(run).rejected) })}
      </p>
      <div className="table-wrap" role="region" aria-labelledby="imports-rejections-caption" tabIndex={0}>
        <table className="cards-on-phone" data-testid="rejections-table">
          <caption id="imports-rejections-caption" className="sr-only">
            {t('imports.rejections.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('imports.rejections.line')}
              </th>
              <th scope="col">{t('imports.rejections.column')}</th>
              <th scope="col">{t('imports.rejections.value')}</th>
              <th scope="col">{t('imports.rejections.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={`${r.line}-${r.column ?? ''}-${i}`} data-testid="rejection-row" data-line={r.line}>
                <td className="num" data-label={t('imports.rejections.line')}>
                  {r.line}
                </td>
                <td data-label={t('imports.rejections.column')}>{r.column ?? '—'}</td>
                <td data-label={t('imports.rejections.value')} className="imports-value">
                  {r.value ?? ''}
                </td>
                <td data-label={t('imports.rejections.reason')} className="imports-reason">
                  {rejectionText(t, r)}
                  {/* The server's message is English and names the exact rule broken. */}
                  {lang === 'en' && <span className="imports-reason-detail">{r.message}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="btn-row imports-rejections-actions">
        {!all && run.rejections.length > SHOWN && (
          <button type="button" className="btn" onClick={() => setAll(true)}>
            {t('imports.rejections.showAll', { count: f.number(run.rejections.length) })}
          </button>
        )}
        <a className="btn" href={downloadHref(`/imports/${run.id}/rejections`)} download={`${run.kind}-rejections.csv`} data-testid="rejections-download">
          {t('imports.rejections.download')}
        </a>
      </div>
    </section>
  );
}

export function RunResult({ run }: { run: ImportRun }) {
  return (
    <div className="imports-result" data-testid="run-result" data-status={run.status}>
      <Verdict run={run} />
      {run.rows && <Counts run={run} rows={run.rows} />}
      {run.rejections.length > 0 && <Rejections run={run} />}
    </div>
  );
}
