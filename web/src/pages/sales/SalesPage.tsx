/**
 * The sales report: period and store filters (in the URL), revenue by day, store and category,
 * the category table, the period's taxes where the tenant shows them, and the sales lines with
 * a ticket dialog (?ticket= keeps it open on reload).
 */
import { useSearchParams } from 'react-router';
import { useT } from '../../app/i18n';
import { ExportLinks } from '../../components/ExportLinks';
import { QueryView } from '../../components/State';
import { PeriodFilter } from '../dashboard/PeriodFilter';
import { usePeriod } from '../dashboard/period';
import { useStats } from '../dashboard/stats';
import { CategoryTable } from './CategoryTable';
import { SalesCharts } from './SalesCharts';
import { SalesSummary } from './SalesSummary';
import { SalesTable } from './SalesTable';
import { TaxSummary } from './TaxSummary';
import { TicketDialog } from './TicketDialog';
import '../dashboard/dashboard.css';
import './sales.css';

export default function SalesPage() {
  const t = useT();
  const period = usePeriod();
  const stats = useStats(period.query, !period.tooLong);
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Math.floor(Number(params.get('offset')) || 0));
  const ticket = params.get('ticket');
  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  return (
    <div className="sales-page">
      <div className="page-head">
        <h1>{t('sales.title')}</h1>
        {!period.tooLong && <ExportLinks kind="sales" query={period.query} />}
      </div>
      <PeriodFilter period={period} />
      {!period.tooLong && (
        <>
          <QueryView query={stats}>
            {(s) => (
              <>
                <SalesSummary stats={s} />
                <SalesCharts stats={s} />
                <TaxSummary stats={s} />
                <CategoryTable stats={s} />
              </>
            )}
          </QueryView>
          <SalesTable query={period.query} offset={offset} onOffset={(o) => setParam('offset', o ? String(o) : null)} onTicket={(id) => setParam('ticket', id)} />
        </>
      )}
      <TicketDialog ticket={ticket} onClose={() => setParam('ticket', null)} />
    </div>
  );
}
