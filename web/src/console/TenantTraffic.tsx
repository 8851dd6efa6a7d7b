/**
 * A tenant's traffic over the last 24 hours: totals by status class, requests per hour (with the
 * 4xx and 5xx among them) as a chart and as a table, and the busiest endpoints.
 */
import { useMemo, useState } from 'react';
import { useT } from '../app/i18n';
import type { MessageKey } from '../i18n';
import { Chart } from '../components/charts';
import { Empty } from '../components/State';
import type { EndpointStats, Overview } from './api';
import { useConsoleFormat } from './format';
import { Kpi } from './parts';
import { nextSort, SortHeader, sortRows, type Direction, type SortState, type SortValue } from './sort';

export function TrafficTotals({ overview }: { overview: Overview }) {
  const t = useT();
  const f = useConsoleFormat();
  const x = overview.totals_24h;
  const share = (n: number) => (x.requests === 0 ? null : n / x.requests);
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title">{t('console.tenant.totals')}</h2>
      <div className="kpis console-kpis">
        <Kpi id="requests" label={t('console.tenant.requests')}>
          {f.number(x.requests)}
        </Kpi>
        <Kpi id="2xx" label={t('console.tenant.2xx')} note={f.share(share(x.status_2xx))}>
          {f.number(x.status_2xx)}
        </Kpi>
        <Kpi id="3xx" label={t('console.tenant.3xx')} note={f.share(share(x.status_3xx))}>
          {f.number(x.status_3xx)}
        </Kpi>
        <Kpi id="4xx" label={t('console.tenant.4xx')} note={f.share(share(x.status_4xx))}>
          {f.number(x.status_4xx)}
        </Kpi>
        <Kpi id="5xx" label={t('console.tenant.5xx')} note={f.share(share(x.status_5xx))}>
          <span className={x.status_5xx > 0 ? 'text-danger' : undefined}>{f.number(x.status_5xx)}</span>
        </Kpi>
        <Kpi id="p95" label={t('console.tenant.p95')}>
          {f.ms(x.p95_ms)}
        </Kpi>
      </div>
    </section>
  );
}

export function HourlyChart({ overview }: { overview: Overview }) {
  const t = useT();
  const f = useConsoleFormat();
  const hourly = overview.hourly;
  const data = useMemo(() => hourly.map((h) => ({ start: h.start, requests: h.requests, errors_4xx: h.errors_4xx, errors_5xx: h.errors_5xx })), [hourly]);
  const sum = (k: 'requests' | 'errors_4xx' | 'errors_5xx') => hourly.reduce((s, h) => s + h[k], 0);
  const peak = hourly.reduce((m, h) => Math.max(m, h.requests), 0);
  const label = t('console.chart.label', {
    requests: f.number(sum('requests')),
    c4: f.number(sum('errors_4xx')),
    c5: f.number(sum('errors_5xx')),
    peak: f.number(peak),
  });
  return (
    <section className="card console-section" aria-labelledby="hourly-title">
      <h2 id="hourly-title">{t('console.chart.title')}</h2>
      <p className="hint">{t('console.chart.hint', { zone: f.timeZone })}</p>
      <Chart
        label={label}
        data={data}
        x="start"
        kind="composed"
        formatX={f.hour}
        formatY={(v) => f.number(v)}
        series={[
          { key: 'requests', label: t('console.chart.requests'), as: 'area', color: '#4338ca' },
          { key: 'errors_4xx', label: t('console.chart.4xx'), color: '#b45309' },
          { key: 'errors_5xx', label: t('console.chart.5xx'), color: '#b91c1c', dashed: true },
        ]}
      />
      <details className="console-details">
        <summary>{t('console.chart.asTable')}</summary>
        <div className="table-wrap" role="region" aria-label={t('console.chart.title')} tabIndex={0}>
          <table data-testid="hourly-table">
            <thead>
              <tr>
                <th scope="col">{t('console.chart.hour')}</th>
                <th scope="col" className="num">
                  {t('console.chart.requests')}
                </th>
                <th scope="col" className="num">
                  {t('console.chart.4xx')}
                </th>
                <th scope="col" className="num">
                  {t('console.chart.5xx')}
                </th>
              </tr>
            </thead>
            <tbody>
              {hourly.map((h) => (
                <tr key={h.start}>
                  <th scope="row">
                    <time dateTime={h.start}>{f.hour(h.start)}</time>
                  </th>
                  <td className="num">{f.number(h.requests)}</td>
                  <td className="num">{f.number(h.errors_4xx)}</td>
                  <td className="num">{f.number(h.errors_5xx)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

type EndpointColumn = 'route' | 'method' | 'requests' | 'errors_4xx' | 'errors_5xx' | 'avg_ms' | 'p95_ms';
const ENDPOINT_COLUMNS: ReadonlyArray<{ key: EndpointColumn; label: MessageKey; natural: Direction; num?: boolean }> = [
  { key: 'method', label: 'console.ep.method', natural: 'asc' },
  { key: 'route', label: 'console.ep.route', natural: 'asc' },
  { key: 'requests', label: 'console.ep.requests', natural: 'desc', num: true },
  { key: 'errors_4xx', label: 'console.ep.4xx', natural: 'desc', num: true },
  { key: 'errors_5xx', label: 'console.ep.5xx', natural: 'desc', num: true },
  { key: 'avg_ms', label: 'console.ep.avg', natural: 'desc', num: true },
  { key: 'p95_ms', label: 'console.ep.p95', natural: 'desc', num: true },
];
const endpointValue = (e: EndpointStats, k: EndpointColumn): SortValue => e[k];

export function EndpointTable({ endpoints }: { endpoints: EndpointStats[] }) {
  const t = useT();
  const f = useConsoleFormat();
  const [sort, setSort] = useState<SortState<EndpointColumn>>({ key: 'requests', dir: 'desc' });
  const rows = useMemo(() => sortRows(endpoints, sort, endpointValue, (e) => `${e.route} ${e.method}`), [endpoints, sort]);
  return (
    <section className="console-section" aria-labelledby="endpoints-title">
      <h2 id="endpoints-title">{t('console.ep.title')}</h2>
      {endpoints.length === 0 ? (
        <Empty>{t('console.ep.none')}</Empty>
      ) : (
        <div className="table-wrap" role="region" aria-label={t('console.ep.title')} tabIndex={0}>
          <table data-testid="endpoints-table">
            <caption className="sr-only">{t('console.ep.caption')}</caption>
            <thead>
              <tr>
                {ENDPOINT_COLUMNS.map((c) => (
                  <SortHeader key={c.key} sortKey={c.key} label={t(c.label)} num={c.num} active={sort.key === c.key} dir={sort.dir} onSort={() => setSort(nextSort(sort, c.key, c.natural))} />
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={`${e.method} ${e.route}`} data-testid="endpoint-row">
                  <td>
                    <code className="console-method">{e.method}</code>
                  </td>
                  <td className="console-route">
                    <code>{e.route}</code>
                  </td>
                  <td className="num">{f.number(e.requests)}</td>
                  <td className="num">{f.number(e.errors_4xx)}</td>
                  <td className={`num ${e.errors_5xx > 0 ? 'console-bad' : ''}`}>{f.number(e.errors_5xx)}</td>
                  <td className="num">{f.ms(e.avg_ms)}</td>
                  <td className="num">{f.ms(e.p95_ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
