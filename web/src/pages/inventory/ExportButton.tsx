/**
 * "Export CSV": downloads every row of the current filtered and sorted view, fetched 500 at a
 * time with a progress bar, as inventory-<tenant>-<date>.csv.
 */
import { useRef, useState } from 'react';
import { api, type Page, type Query } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { todayIn } from '../../app/money';
import { useTenant } from '../../app/session';
import { downloadCsv, toCsv, type CsvColumn } from './csv';
import type { InventoryItem } from './types';

const EXPORT_PAGE = 500;

type Progress = { kind: 'idle' } | { kind: 'running'; done: number; total: number } | { kind: 'done'; count: number } | { kind: 'failed'; error: unknown };

export function ExportButton({ query }: { query: Query }) {
  const { t, error: explain } = useI18n();
  const tenant = useTenant();
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' });
  const running = useRef(false);

  const run = async () => {
    if (running.current) return;
    running.current = true;
    setProgress({ kind: 'running', done: 0, total: 0 });
    try {
      const rows: InventoryItem[] = [];
      let total = Infinity;
      while (rows.length < total) {
        const page = await api<Page<InventoryItem>>('/inventory', { query: { ...query, limit: EXPORT_PAGE, offset: rows.length } });
        total = page.total;
        rows.push(...page.items);
        setProgress({ kind: 'running', done: rows.length, total });
        if (page.items.length === 0) break;
      }
      const columns: CsvColumn<InventoryItem>[] = [
        { header: t('inventory.col.sku'), value: (r) => r.product.sku, text: true },
        { header: t('inventory.col.product'), value: (r) => r.product.name, text: true },
        { header: t('inventory.col.category'), value: (r) => r.product.category, text: true },
        { header: t('inventory.col.unit'), value: (r) => r.product.unit, text: true },
        { header: t('inventory.col.storeCode'), value: (r) => r.store.code, text: true },
        { header: t('inventory.col.store'), value: (r) => r.store.name, text: true },
        { header: t('inventory.col.quantity'), value: (r) => r.quantity },
        { header: t('inventory.col.min'), value: (r) => r.min_stock },
        { header: t('inventory.col.max'), value: (r) => r.max_stock },
        { header: `${t('inventory.col.unitCost')} (${tenant.currency})`, value: (r) => r.unit_cost },
        { header: `${t('inventory.col.value')} (${tenant.currency})`, value: (r) => r.stock_value },
        { header: t('inventory.col.updated'), value: (r) => r.updated_at },
      ];
      downloadCsv(`inventory-${tenant.id}-${todayIn(tenant.timezone)}.csv`, toCsv(columns, rows));
      setProgress({ kind: 'done', count: rows.length });
    } catch (e) {
      setProgress({ kind: 'failed', error: e });
    } finally {
      running.current = false;
    }
  };

  return (
    <div className="export">
      <button type="button" className="btn" data-testid="export-csv" onClick={() => void run()} disabled={progress.kind === 'running'} aria-describedby="export-status">
        {progress.kind === 'running' ? t('inventory.export.busy') : t('action.export')}
      </button>
      <span id="export-status" className="export-status" role="status" aria-live="polite">
        {progress.kind === 'running' && (
          <>
            <progress max={progress.total || 1} value={progress.done} aria-label={t('inventory.export.busy')} />{' '}
            {t('inventory.export.progress', { done: progress.done, total: progress.total })}
          </>
        )}
        {progress.kind === 'done' && t('inventory.export.done', { count: progress.count })}
        {progress.kind === 'failed' && <span className="form-error">{explain(progress.error)}</span>}
      </span>
    </div>
  );
}
