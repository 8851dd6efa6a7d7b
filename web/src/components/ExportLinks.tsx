/**
 * "Download CSV" / "Download Parquet" for a list page: plain same-origin links to
 * GET /api/v1/exports/<kind> with the view's filters. The browser sends the session cookie and
 * saves what the server streams under the name it gives (Content-Disposition), so however many
 * rows the view has, none of them passes through the page's memory.
 */
import { withQuery, type Query } from '../app/api';
import { useT } from '../app/i18n';

export type ExportKind = 'inventory' | 'movements' | 'sales' | 'orders' | 'products' | 'stores' | 'suppliers';

export function ExportLinks({ kind, query }: { kind: ExportKind; query: Query }) {
  const t = useT();
  const { limit: _limit, offset: _offset, ...filters } = query;
  return (
    <div className="export-links" role="group" aria-label={t('export.label')}>
      <a className="btn" href={withQuery(`/api/v1/exports/${kind}`, filters)} download data-testid="export-csv">
        {t('export.csv')}
      </a>
      <a className="btn" href={withQuery(`/api/v1/exports/${kind}`, { ...filters, format: 'parquet' })} download data-testid="export-parquet">
        {t('export.parquet')}
      </a>
    </div>
  );
}
